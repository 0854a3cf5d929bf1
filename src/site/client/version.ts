/// <reference lib="dom" />
// The version page (`version.html?asset=model&v=7`) and the failed-attempt page (`&failure=2`):
// provenance with exact upstream versions, per-epoch curves, checks, and the log tail of a failure.
import type { CheckResult, NotFinite } from "../../domain/records.js";
import { flatten } from "../../version/flatten.js";
import {
  type AliasMoveData,
  type AssetMeta,
  assetOf,
  chunkOf,
  type FailureDetail,
  previousOnLine,
  type RunInfo,
  type UpstreamLink,
  type VersionChunk,
  type VersionDetail,
  siblingKey,
} from "../data.js";
import { commitLink } from "../links.js";
import { refAsset } from "../../manifest/project.js";
import { chart, colour, seriesGroups } from "./charts.js";
import {
  assetLink,
  badge,
  dur,
  external,
  fill,
  h,
  loadData,
  metricValue,
  num,
  root,
  section,
  table,
  time,
  versionLink,
} from "./dom.js";

export async function loadVersion(asset: string, version: number): Promise<VersionDetail> {
  const chunk = await loadData<VersionChunk>(asset, `c${chunkOf(version)}`);
  const detail = chunk.versions.find((v) => v.version === version);
  if (!detail) throw new Error(`${assetOf(asset)} has no version v${version} in this site`);
  return detail;
}

/** The aliases a version holds now (meta.js: chunks hold only what never changes). */
export function aliasesOf(meta: AssetMeta, version: number): string[] {
  return Object.entries(meta.aliases)
    .filter(([, v]) => v === version)
    .map(([alias]) => alias)
    .sort();
}

/** When and where a version or attempt ran; `repositoryUrl` is meta.js's (a version's commit link). */
export function runFacts(
  run: RunInfo,
  repositoryUrl: string | undefined,
  extra: Array<[string, Node | string]> = [],
): HTMLElement {
  const facts: Array<[string, Node | string]> = [
    ["Environment · branch", run.branch ? `${run.environment} · ${run.branch}` : run.environment],
    ["Event", run.pullRequest ? `${run.event} (pull request #${run.pullRequest})` : run.event],
    [
      "Commit",
      run.gitSha
        ? h(
            "code",
            {},
            external(
              run.commitUrl ?? commitLink(run.gitSha, run.runUrl, repositoryUrl),
              run.gitSha.slice(0, 12),
            ),
            run.dirty ? " (uncommitted changes)" : "",
          )
        : "–",
    ],
    ["Run", run.runUrl ? external(run.runUrl, "workflow run") : "local"],
    ...(run.actor ? ([["By", run.actor]] as Array<[string, string]>) : []),
    ...extra,
  ];
  return h(
    "dl",
    { class: "facts" },
    facts.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
  );
}

/** Who moved an alias, as `kiln show` says it: a run (linked), or a person with the command used. */
function moveBy(move: AliasMoveData): Node | string {
  if (move.kind === "manual") return `${move.by} with kiln promote`;
  if (move.kind === "rollback") return `${move.by} with kiln rollback`;
  if (!move.run) return "a run";
  return /^https?:\/\//.test(move.run) ? external(move.run, "a run") : `a run (${move.run})`;
}

/** "Finished 2026-11-23 14:05 UTC after 1.2 s (2 attempts)." */
function finished(run: { finishedAt: string; durationMs: number; attempts: number }): HTMLElement {
  return h(
    "p",
    { class: "lede" },
    "Finished ",
    time(run.finishedAt),
    ` after ${dur(run.durationMs)}`,
    run.attempts > 1 ? ` (${run.attempts} attempts)` : "",
    ".",
  );
}

export function checksTable(checks: CheckResult[], caption: string): HTMLElement {
  if (checks.length === 0) return h("p", {}, "No checks declared.");
  return table(
    caption,
    ["Check", "Result", "Blocking", "Kind", "Detail"],
    checks.map((c) => [
      c.name,
      h("span", { class: c.passed ? "ok" : "bad" }, c.passed ? "passed" : "failed"),
      c.blocking ? "yes" : "no",
      c.kind,
      c.message,
    ]),
  );
}

export function upstreamTable(asset: string, upstream: UpstreamLink[]): HTMLElement {
  if (upstream.length === 0) return h("p", {}, "No dependencies.");
  return table(
    `Exact upstream versions ${assetOf(asset)} read`,
    ["Dependency", "Version", "Data version"],
    upstream.map((u) => [
      u.kind === "asset" ? assetLink(siblingKey(asset, refAsset(u.name)), u.name) : `${u.name} (${u.kind})`,
      u.kind === "asset" && u.version !== undefined
        ? versionLink(siblingKey(asset, refAsset(u.name)), u.version)
        : u.kind === "source"
          ? "observed"
          : "not in the ledger",
      h("code", {}, u.dataVersion.slice(0, 16)),
    ]),
  );
}

function filesTable(caption: string, files: Record<string, string>, empty: string): HTMLElement {
  const entries = Object.entries(files).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return h("p", {}, empty);
  return table(
    caption,
    ["File", "Git blob id"],
    entries.map(([file, blob]) => [h("code", {}, file), h("code", {}, blob)]),
  );
}

export function configTable(config: Record<string, unknown>, caption: string): HTMLElement {
  const flat = Object.entries(flatten(config)).sort(([a], [b]) => a.localeCompare(b));
  if (flat.length === 0) return h("p", {}, "No config.");
  return table(
    caption,
    ["Key", "Value"],
    flat.map(([k, v]) => [h("code", {}, k), h("code", {}, v)]),
  );
}

export function curves(detail: { series?: VersionDetail["series"] }, title: (group: string) => string) {
  const series = detail.series;
  if (!series) return [h("p", {}, "No per-epoch series were recorded.")];
  const figures = [...seriesGroups(series.names)].map(([group, names]) =>
    chart({
      title: title(group),
      xLabel: "step",
      x: series.steps,
      lines: names.map((n) => ({
        label: n,
        values: series.values[series.names.indexOf(n)]!,
        colour: colour(series.names.indexOf(n)),
      })),
      summary: `${names.join(", ")} over ${series.steps.length} steps`,
    }),
  );
  const notes = [];
  if (series.sourcePoints !== undefined && series.sourcePoints > series.steps.length)
    notes.push(
      `Drawn from ${series.steps.length} of ${series.sourcePoints} steps (largest-triangle downsampling).`,
    );
  if (series.omitted && series.omitted.length > 0) notes.push(`Not drawn: ${series.omitted.join(", ")}.`);
  return [
    h("div", { class: "charts" }, figures),
    notes.length > 0 ? h("p", { class: "hint" }, notes.join(" ")) : null,
  ];
}

function metricsTable(
  metrics: Record<string, number>,
  notFinite: Record<string, NotFinite>,
  meta: AssetMeta,
): HTMLElement {
  const names = [...new Set([...Object.keys(metrics), ...Object.keys(notFinite)])].sort((a, b) =>
    a === meta.metrics.primary ? -1 : b === meta.metrics.primary ? 1 : a.localeCompare(b),
  );
  if (names.length === 0) return h("p", {}, "No metrics were recorded.");
  return table(
    "Metrics",
    ["Metric", "Value", "Better when"],
    names.map((n) => [
      n === meta.metrics.primary ? h("span", {}, n, " ", h("span", { class: "tag" }, "primary")) : n,
      h("span", { class: "num" }, metricValue(metrics[n], notFinite[n])),
      meta.metrics.directions[n] === "minimize"
        ? "lower"
        : meta.metrics.directions[n] === "maximize"
          ? "higher"
          : "–",
    ]),
  );
}

export async function renderVersion(app: HTMLElement, asset: string, version: number): Promise<string> {
  const [meta, d] = await Promise.all([loadData<AssetMeta>(asset, "meta"), loadVersion(asset, version)]);
  const alias = meta.promoteAlias ?? "champion";
  const champion = meta.aliases[alias];
  const aliases = aliasesOf(meta, version);
  // The version before it on its line (environment and branch), as reports take "previous".
  const previous = previousOnLine(meta.versions)[meta.versions.findIndex((v) => v.v === version)];
  const moves = meta.moves.filter((m) => m.to === version);
  const compare = (a: number, label: string) =>
    h("a", { class: "button", href: `${root()}compare.html?asset=${asset}&a=${a}&b=${version}` }, label);
  const locations = d.locations.map((l) => [
    l.kind,
    h("code", {}, l.ref),
    l.url ? external(l.url, l.kind === "release" ? "download" : "open") : "–",
  ]);
  fill(
    app,
    h(
      "h1",
      {},
      assetLink(asset),
      ` v${version} `,
      aliases.map((a) => h("span", { class: "alias" }, a)),
    ),
    finished(d),
    h(
      "p",
      { class: "actions" },
      previous !== undefined ? compare(previous, `Compare with v${previous}`) : null,
      champion !== undefined && champion !== version && champion !== previous
        ? compare(champion, `Compare with ${alias} v${champion}`)
        : null,
    ),
    runFacts(d.run, meta.repositoryUrl),
    // Whether it holds an alias is the alias log's to say: the moves that named it come first. The
    // record's verdict is what its run decided (a pull request's run never promotes, and its version
    // may become champion on merge; a run may lose the race to move the alias).
    moves.map((m) =>
      h(
        "div",
        { class: "callout s-fresh" },
        h("strong", {}, `Became ${m.alias}`),
        m.from === null ? " " : ` (after v${m.from}) `,
        time(m.at),
        " by ",
        moveBy(m),
        ": ",
        m.reason,
      ),
    ),
    d.promotion
      ? h(
          "div",
          {
            class: `callout ${aliases.includes(d.promotion.alias) || d.promotion.promote ? "s-fresh" : "s-missing"}`,
          },
          h(
            "strong",
            {},
            d.promotion.promote
              ? `At its run, eligible for ${d.promotion.alias}: `
              : `At its run, not promoted to ${d.promotion.alias}: `,
          ),
          d.promotion.reason,
          d.promotion.promote &&
            !moves.some((m) => m.alias === d.promotion?.alias && (m.kind ?? "promotion") === "promotion")
            ? ` (the ${d.promotion.alias} alias never moved to it)`
            : "",
        )
      : null,
    d.reasons.length > 0
      ? h("div", { class: "callout" }, h("strong", {}, "Why it ran: "), d.reasons.join("; "))
      : null,
    section("metrics-h", "Metrics", metricsTable(d.metrics, d.notFinite ?? {}, meta)),
    section(
      "curves-h",
      "Per-epoch curves",
      curves(d, (g) => g),
    ),
    section("checks-h", "Checks", checksTable(d.checks, `Checks of v${version}`)),
    section(
      "prov-h",
      "Provenance",
      h(
        "p",
        {},
        "Code version ",
        h("code", {}, d.codeVersion),
        " · logical version ",
        h("code", {}, d.logicalVersion.slice(0, 16)),
        " · data version ",
        h("code", {}, d.dataVersion.slice(0, 16)),
      ),
      h("h3", {}, "Upstream"),
      upstreamTable(asset, d.upstream),
      h("h3", {}, "Code files"),
      filesTable(
        "Code files and their blob ids",
        d.code,
        "The code version is declared (code-version), not read from files.",
      ),
      h("h3", {}, "Config"),
      configTable(d.config, `Resolved config of v${version}`),
      h("h3", {}, "Inputs"),
      filesTable("Input files and their blob ids", d.inputs, "No tracked input files."),
      Object.keys(d.env).length > 0
        ? [
            h("h3", {}, "Environment variables"),
            filesTable("Declared env values (secrets by name only)", d.env, ""),
          ]
        : null,
    ),
    section(
      "outputs-h",
      "Outputs",
      d.outputs.length === 0
        ? h("p", {}, "No outputs.")
        : table(
            "Output files",
            ["File", "Git blob id", "Size (bytes)"],
            d.outputs.map((o) => [
              h("code", {}, o.path),
              h("code", {}, o.blob),
              h("span", { class: "num" }, o.size.toLocaleString("en")),
            ]),
          ),
      locations.length > 0
        ? table("Where the outputs are stored", ["Store", "Reference", "Link"], locations)
        : null,
    ),
  );
  return `${assetOf(asset)} v${version}`;
}

export async function renderFailure(app: HTMLElement, asset: string, index: number): Promise<string> {
  const failures = await loadData<FailureDetail[]>(asset, "failures");
  const f = failures.find((x) => x.index === index);
  if (!f) throw new Error(`${assetOf(asset)} has no failed attempt ${index} in this site`);
  fill(
    app,
    h("h1", {}, assetLink(asset), ` attempt ${index} `, badge(f.status)),
    finished(f),
    runFacts(f.run, undefined),
    h(
      "div",
      { class: "callout s-failed" },
      h("strong", {}, "Error: "),
      h("span", { class: "pre-line" }, f.error),
    ),
    f.reasons.length > 0
      ? h("div", { class: "callout" }, h("strong", {}, "Why it ran: "), f.reasons.join("; "))
      : null,
    section(
      "log-h",
      "Log tail",
      f.logTruncated > 0 ? h("p", { class: "hint" }, `${f.logTruncated} earlier lines not shown.`) : null,
      f.logTail.length > 0
        ? h("pre", { class: "log", tabindex: 0, "aria-label": "Last lines of the log" }, f.logTail.join("\n"))
        : h("p", {}, "No log lines were recorded."),
    ),
    section("checks-h", "Checks", checksTable(f.checks, `Checks of attempt ${index}`)),
    Object.keys(f.metrics).length > 0
      ? section(
          "metrics-h",
          "Metrics written before the failure",
          table(
            "Metrics",
            ["Metric", "Value"],
            Object.entries(f.metrics).map(([k, v]) => [k, h("span", { class: "num" }, num(v))]),
          ),
        )
      : null,
    section(
      "prov-h",
      "Provenance",
      h("h3", {}, "Upstream"),
      upstreamTable(asset, f.upstream),
      h("h3", {}, "Config"),
      configTable(f.config, "Config of the attempt"),
    ),
  );
  return `${assetOf(asset)} attempt ${index}`;
}
