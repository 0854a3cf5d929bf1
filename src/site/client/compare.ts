/// <reference lib="dom" />
// The compare page (`compare.html?asset=model&a=3&b=7`): two versions side by side — metrics with
// the difference marked better or worse by the metric's direction, the config diff, what else in
// their provenance differs, and their per-epoch curves overlaid (first solid, second dashed).
import { flatten } from "../../version/flatten.js";
import { type AssetMeta, assetOf, type VersionDetail } from "../data.js";
import { alignSeries, chart, colour, seriesGroups } from "./charts.js";
import { assetLink, fill, h, loadData, metricValue, num, section, table, versionLink } from "./dom.js";
import { aliasesOf, loadVersion, runFacts } from "./version.js";

type Mark = "better" | "worse" | "equal" | "";

function mark(a: number | undefined, b: number | undefined, direction: string | undefined): Mark {
  if (a === undefined || b === undefined || !direction) return "";
  if (a === b) return "equal";
  const lower = b < a;
  return (direction === "minimize") === lower ? "better" : "worse";
}

function diffRows(before: Record<string, string>, after: Record<string, string>) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const differ = keys.filter((k) => before[k] !== after[k]);
  return { differ, same: keys.length - differ.length };
}

function picker(meta: AssetMeta, a: number, b: number): HTMLElement {
  const options = (selected: number) =>
    [...meta.versions]
      .reverse()
      .map((v) =>
        h(
          "option",
          { value: v.v, selected: v.v === selected },
          `v${v.v} · ${v.env}${v.branch ? ` · ${v.branch}` : ""}`,
        ),
      );
  return h(
    "form",
    { class: "compare-form", action: "compare.html", method: "get" },
    h("input", { type: "hidden", name: "asset", value: meta.asset }),
    h("label", {}, "First ", h("select", { name: "a" }, options(a))),
    h("label", {}, "Second ", h("select", { name: "b" }, options(b))),
    h("button", { type: "submit" }, "Compare"),
  );
}

export async function renderCompare(app: HTMLElement, asset: string, a: number, b: number): Promise<string> {
  const [meta, va, vb] = await Promise.all([
    loadData<AssetMeta>(asset, "meta"),
    loadVersion(asset, a),
    loadVersion(asset, b),
  ]);
  const la = `v${a}`;
  const lb = `v${b}`;
  // A NaN metric is in notFinite, not metrics: a row too, marked, with no delta (as reports show it).
  const metricNames = [
    ...new Set(
      [va.metrics, vb.metrics, va.notFinite ?? {}, vb.notFinite ?? {}].flatMap((m) => Object.keys(m)),
    ),
  ].sort((x, y) => (x === meta.metrics.primary ? -1 : y === meta.metrics.primary ? 1 : x.localeCompare(y)));
  const metricRows = metricNames.map((name) => {
    const x = va.metrics[name];
    const y = vb.metrics[name];
    const m = mark(x, y, meta.metrics.directions[name]);
    const delta = x !== undefined && y !== undefined ? y - x : undefined;
    return [
      name,
      h("span", { class: "num" }, metricValue(x, va.notFinite?.[name])),
      h("span", { class: "num" }, metricValue(y, vb.notFinite?.[name])),
      h("span", { class: `num ${m}` }, delta === undefined ? "–" : `${delta > 0 ? "+" : ""}${num(delta)}`),
      m === ""
        ? "–"
        : h(
            "span",
            { class: m },
            m === "better" ? `▲ ${lb} better` : m === "worse" ? `▼ ${lb} worse` : "equal",
          ),
    ];
  });
  const configA = flatten(va.config);
  const configB = flatten(vb.config);
  const config = diffRows(configA, configB);
  const provenance = (d: VersionDetail) => ({
    ...Object.fromEntries(Object.entries(d.code).map(([k, v]) => [`code ${k}`, v])),
    ...Object.fromEntries(Object.entries(d.inputs).map(([k, v]) => [`input ${k}`, v])),
    ...Object.fromEntries(
      d.upstream.map((u) => [
        `upstream ${u.name}`,
        u.version !== undefined ? `v${u.version}` : u.dataVersion.slice(0, 12),
      ]),
    ),
    "code version": d.codeVersion.slice(0, 16),
    commit: d.run.gitSha?.slice(0, 12) ?? "–",
  });
  const provA = provenance(va);
  const provB = provenance(vb);
  const prov = diffRows(provA, provB);
  const curveNames = [...new Set([...(va.series?.names ?? []), ...(vb.series?.names ?? [])])];
  const charts = [...seriesGroups(curveNames)].map(([group, names]) => {
    const present = [va, vb].flatMap((d, i) =>
      d.series ? [{ chart: d.series, name: i === 0 ? la : lb }] : [],
    );
    const aligned = alignSeries(present, names);
    return chart({
      title: `${group}: ${la} (solid) and ${lb} (dashed)`,
      xLabel: "step",
      x: aligned.steps,
      lines: aligned.lines.map((l) => ({
        label: `${l.series} ${l.version}`,
        values: l.values,
        colour: colour(curveNames.indexOf(l.series)),
        dash: l.version === lb ? [6, 4] : undefined,
      })),
      summary: `${names.join(", ")} of ${la} and ${lb}`,
    });
  });
  fill(
    app,
    h("h1", {}, "Compare ", assetLink(asset), ` ${la} and ${lb}`),
    picker(meta, a, b),
    h(
      "div",
      { class: "side-by-side" },
      [va, vb].map((d) =>
        h(
          "div",
          {},
          h(
            "h2",
            {},
            versionLink(asset, d.version),
            aliasesOf(meta, d.version).flatMap((x) => [" ", h("span", { class: "alias" }, x)]),
          ),
          runFacts(d.run, meta.repositoryUrl),
        ),
      ),
    ),
    section(
      "metrics-h",
      "Metrics",
      metricRows.length === 0
        ? h("p", {}, "Neither version recorded metrics.")
        : table(`Metrics of ${la} and ${lb}`, ["Metric", la, lb, `Δ (${lb} − ${la})`, "Verdict"], metricRows),
    ),
    section(
      "config-h",
      "Config",
      config.differ.length === 0
        ? h("p", {}, `Identical config (${config.same} keys).`)
        : [
            table(
              `Config keys that differ between ${la} and ${lb}`,
              ["Key", la, lb],
              config.differ.map((k) => [
                h("code", {}, k),
                h("code", { class: "old" }, configA[k] ?? "(absent)"),
                h("code", { class: "new" }, configB[k] ?? "(absent)"),
              ]),
            ),
            h("p", { class: "hint" }, `${config.same} other keys are identical.`),
          ],
    ),
    section(
      "prov-h",
      "Code, inputs and upstream",
      prov.differ.length === 0
        ? h("p", {}, "Same code, inputs and upstream versions.")
        : table(
            `Provenance that differs between ${la} and ${lb}`,
            ["What", la, lb],
            prov.differ.map((k) => [
              k,
              h("code", {}, provA[k as keyof typeof provA] ?? "(absent)"),
              h("code", {}, provB[k as keyof typeof provB] ?? "(absent)"),
            ]),
          ),
    ),
    section(
      "curves-h",
      "Per-epoch curves",
      charts.length === 0
        ? h("p", {}, "Neither version recorded per-epoch series.")
        : h("div", { class: "charts" }, charts),
    ),
  );
  return `${assetOf(asset)} ${la} vs ${lb}`;
}
