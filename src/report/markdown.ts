// Markdown rendering of a ReportView: tables through markdown-table, charts as ```mermaid blocks,
// detail folded into <details> so a PR comment reads as a headline and a table first.
import { formatDuration, formatNotFinite, formatNumber } from "./format.js";
import { markdownTable } from "markdown-table";
import {
  CHART_COLOURS,
  seriesChartMermaid,
  seriesGroups,
  seriesSubset,
  versionsChartMermaid,
} from "./charts.js";
import type { Baseline, Delta, MetricRow } from "./compare.js";
import { fenced, md, mdLink as link } from "./escape.js";
import { type FlowNode, flowchart } from "./flowchart.js";
import type { ReportOutcome } from "./model.js";
import type { AssetDetails, AssetView, Droppable, ReportView } from "./view.js";

export const OUTCOME_ICON: Record<ReportOutcome, string> = {
  materialized: "✅",
  fresh: "💤",
  skipped: "⏭️",
  failed: "❌",
  cancelled: "🚫",
};

const MARK_ICON = { better: "🟢", worse: "🔴", equal: "⚪", unmarked: "" } as const;
const BASELINE_LABEL: Record<Baseline, string> = {
  champion: "champion",
  previous: "previous",
  "merge-base": "merge-base",
};
/** Champion changes named in the headline; the rest are counted (the table shows each). */
export const MAX_HEADLINE_CHANGES = 10;
/** The lineage chart of a very large run would exceed Mermaid's text and edge limits on GitHub. */
export const MAX_LINEAGE_NODES = 120;

const DROPPED_LABEL: Record<Droppable, string> = {
  series: "training curves",
  history: "version history",
  details: "per-asset details and the lineage chart",
};

export interface MarkdownOptions {
  marker?: string | undefined;
  /** Where the full report can be found, said when something was dropped. */
  fullReportHint: string;
  /** The limit named in the drop notice. */
  limitLabel: string;
}

function formatDelta(d: Delta | undefined): string {
  if (!d) return "–";
  const arrow = d.delta > 0 ? "▲" : d.delta < 0 ? "▼" : "=";
  const sign = d.delta > 0 ? "+" : d.delta < 0 ? "−" : "±";
  const rel =
    d.relative === undefined || d.delta === 0 ? "" : ` (${sign}${(Math.abs(d.relative) * 100).toFixed(1)}%)`;
  const mark = MARK_ICON[d.mark];
  return `${arrow} ${sign}${formatNumber(Math.abs(d.delta))}${rel}${mark ? ` ${mark}` : ""}`;
}

function versionText(asset: AssetView): string {
  if (asset.version === undefined) return "–";
  const aliases = asset.aliases.length > 0 ? ` ★ ${asset.aliases.map(md).join(", ")}` : "";
  return `v${asset.version}${asset.experiment ? " 🧪" : ""}${asset.dirty ? " (dirty)" : ""}${aliases}`;
}

function why(asset: AssetView): string {
  if (asset.outcome === "skipped" && asset.skippedBecause) return md(asset.skippedBecause);
  return asset.reasons.map(md).join("; ") || "–";
}

/** How a job ended, as a headline says it: `failure` → failed. */
function planEnd(result: string): string {
  if (result === "failure") return "failed";
  if (result === "cancelled") return "was cancelled";
  return `ended as ${md(result)}`;
}

function headline(view: ReportView): string[] {
  const lines = [`## ${md(view.title)}`, ""];
  const where: string[] = [`**${md(view.event)}**`];
  if (view.pullRequest) {
    where.push(
      `#${view.pullRequest.number}${view.pullRequest.title ? ` ${md(view.pullRequest.title)}` : ""}`,
    );
  }
  if (view.ref) where.push(md(view.ref.replace(/^refs\/(heads|tags)\//, "")));
  if (view.gitSha) where.push(md(view.gitSha.slice(0, 7)));
  if (view.environment) where.push(`environment ${md(view.environment)}`);
  const tick = new Date(view.tick);
  if (!Number.isNaN(tick.getTime())) where.push(`${tick.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  const run = link("workflow run", view.runUrl);
  if (run) where.push(run);
  lines.push(where.join(" · "), "");
  const c = view.counts;
  const plan = view.planJob;
  // Failures lead: a failed run's headline must not open with a green check.
  const parts = [
    // A run whose plan job failed ran nothing: its assets' rows are quiet, the run is not.
    plan
      ? `${plan.result === "cancelled" ? OUTCOME_ICON.cancelled : OUTCOME_ICON.failed} plan job ${planEnd(plan.result)}: nothing ran`
      : "",
    c.failed ? `${OUTCOME_ICON.failed} ${c.failed} failed` : "",
    c.cancelled ? `${OUTCOME_ICON.cancelled} ${c.cancelled} cancelled` : "",
    // A green check means something was built: a run that found everything fresh gets none.
    c.materialized ? `${OUTCOME_ICON.materialized} ${c.materialized} materialized` : "0 materialized",
    `${OUTCOME_ICON.fresh} ${c.fresh} fresh`,
    c.skipped ? `${OUTCOME_ICON.skipped} ${c.skipped} skipped` : "",
  ].filter(Boolean);
  lines.push(`**${parts.join(" · ")}**`, "");
  if (plan) {
    const log = link("plan job log", plan.logUrl) ?? "plan job log";
    const why = plan.reason
      ? `It said: ${md(plan.reason)} — see the ${log}.`
      : `Why it ${plan.result === "cancelled" ? "was cancelled" : "failed"} is in the ${log}.`;
    lines.push(
      `The plan job, which decides what runs, ${planEnd(plan.result)}, so no asset job ran: every asset is as its last run left it. ${why}`,
      "",
    );
  }
  if (view.experiment && view.experiment.length > 0)
    lines.push(
      `🧪 **Experiment**: config set for this run — ${view.experiment.map(md).join(", ")}. Its versions are compared with the champion and never promoted; the manifest's own versions are unchanged.`,
      "",
    );
  for (const change of view.championChanges.slice(0, MAX_HEADLINE_CHANGES)) {
    // The first holder has no "from": "champion none → v1" read as if a version named none existed.
    const move =
      change.from === null
        ? `🏆 ${md(change.asset)}: **v${change.to}** becomes ${md(change.alias)}`
        : `🏆 ${md(change.asset)}: ${md(change.alias)} v${change.from} → **v${change.to}**`;
    lines.push(`${move}${change.reason === undefined ? "" : ` — ${md(change.reason)}`}  `);
  }
  const more = view.championChanges.length - MAX_HEADLINE_CHANGES;
  if (more > 0) lines.push(`🏆 …and ${more} more champion changes (see the version column)`);
  if (view.championChanges.length > 0) lines.push("");
  return lines;
}

function overview(view: ReportView): string[] {
  const rows = view.assets.map((a) => [
    md(a.name),
    `${OUTCOME_ICON[a.outcome]} ${a.outcome}`,
    versionText(a),
    a.outcome === "fresh" || a.outcome === "skipped" ? "–" : formatDuration(a.durationMs),
    why(a),
  ]);
  const lines = [markdownTable([["asset", "result", "version", "duration", "why"], ...rows]), ""];
  if (view.omittedAssets > 0)
    lines.push(`…and ${view.omittedAssets} more assets, left out to fit the limit.`, "");
  return lines;
}

function metricName(row: MetricRow): string {
  const dir = row.direction === "minimize" ? " ↓" : row.direction === "maximize" ? " ↑" : "";
  return row.primary ? `**${md(row.name)}**${dir} (primary)` : `${md(row.name)}${dir}`;
}

function metricsTable(d: AssetDetails): string[] {
  if (d.metrics.length === 0) return [];
  const columns = (["champion", "previous", "merge-base"] as const).filter(
    (b) => d.baselines[b] !== undefined,
  );
  const other = d.championEnvironment;
  const label = (b: Baseline) =>
    `vs ${BASELINE_LABEL[b]} v${d.baselines[b]}${b === "champion" && other ? ` (${md(other)})` : ""}`;
  const header = ["metric", "value", ...columns.map(label)];
  const rows = d.metrics.map((row) => [
    metricName(row),
    row.notFinite ? formatNotFinite(row.notFinite) : formatNumber(row.value),
    ...columns.map((b) => formatDelta(row.deltas[b])),
  ]);
  const table = markdownTable([header, ...rows], { align: ["l", "r", ...columns.map(() => "r" as const)] });
  if (columns.length === 0) return [table, ""];
  return [
    table,
    "",
    "<sub>▲/▼ change · 🟢 better · 🔴 worse · ⚪ equal, by the metric's direction (↓ lower is better, ↑ higher is better)</sub>",
    "",
    ...(other && d.baselines.champion !== undefined
      ? [
          `<sub>champion v${d.baselines.champion} is ${md(other)}'s, another environment's build: its changes are shown, not judged</sub>`,
          "",
        ]
      : []),
  ];
}

function fold(summary: string, body: string[]): string[] {
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>", ""];
}

function assetSection(asset: AssetView, d: AssetDetails): string[] {
  const version = asset.version !== undefined ? ` · v${asset.version}` : "";
  const lines = [`### ${OUTCOME_ICON[asset.outcome]} ${md(asset.name)}${version}`, ""];
  const facts = [
    `${asset.outcome === "materialized" ? "Ran because" : "Why"}: ${why(asset)}`,
    formatDuration(asset.durationMs),
    asset.dirty ? "built from uncommitted changes" : "",
    link("run", asset.links.run),
    link("commit", asset.links.commit),
    link("artifact", asset.links.artifact),
    link("job log", asset.links.log),
  ].filter(Boolean);
  lines.push(facts.join(" · "), "");
  if (d.error !== undefined) {
    const attempts = d.attempts && d.attempts > 1 ? ` (after ${d.attempts} attempts)` : "";
    lines.push(`**Error${attempts}:** ${md(d.error)}`, "");
  }
  if (d.logTail && d.logTail.length > 0)
    lines.push(...fold(`Log tail (${d.logTail.length} lines)`, [fenced(d.logTail)]));
  lines.push(...metricsTable(d));
  if (d.warnings && d.warnings.length > 0) lines.push(...d.warnings.map((w) => `- ⚠️ ${md(w)}`), "");
  if (d.promotion) {
    const p = d.promotion;
    const moved = [
      // The first holder has no "from", and the headline says it became the alias holder.
      p.from === undefined || p.from === null ? "" : `v${p.from} → v${asset.version}`,
      p.replacedBy === undefined ? "" : `since replaced by v${p.replacedBy}`,
    ].filter(Boolean);
    const head = p.promoted
      ? `🏆 **Promoted** to ${md(p.alias)}${moved.length > 0 ? ` (${moved.join("; ")})` : ""}`
      : p.promote
        ? `🟡 **Eligible** for ${md(p.alias)}, not moved (not a promoting branch, or another run moved it first)`
        : `⛔ **Not promoted** to ${md(p.alias)}`;
    lines.push(`${head}: ${md(p.reason)}`, "");
  }
  if (d.checks.length > 0) {
    const failed = d.checks.filter((c) => !c.passed).length;
    const rows = d.checks.map((c) => [
      md(c.name),
      c.kind,
      c.blocking ? "blocking" : "warning",
      c.passed ? "✅ passed" : c.blocking ? "❌ failed" : "⚠️ failed",
      md(c.message),
    ]);
    const summary = `Checks: ${d.checks.length - failed} passed${failed ? `, ${failed} failed` : ""}`;
    lines.push(
      ...fold(summary, [markdownTable([["check", "kind", "severity", "result", "message"], ...rows])]),
    );
  }
  if (d.series) {
    const s = d.series;
    const notes = [
      s.sourcePoints > s.steps.length
        ? `downsampled from ${s.sourcePoints} to ${s.steps.length} steps (LTTB)`
        : "",
      s.omitted.length > 0 ? `not drawn: ${s.omitted.map(md).join(", ")}` : "",
    ].filter(Boolean);
    // One chart per measure (losses together, accuracy apart), as the history site draws them:
    // on one y axis an accuracy beside a loss in the thousands is a flat line at 0.
    const groups = [...seriesGroups(s.names)];
    const body = groups.flatMap(([group, names], g) => {
      const legend = names.map((name, i) => `${CHART_COLOURS[i]?.swatch ?? ""} ${md(name)}`).join(" · ");
      const title = groups.length === 1 ? `${asset.name} series` : `${asset.name}: ${group}`;
      const last = g === groups.length - 1;
      return [
        `\`\`\`mermaid\n${seriesChartMermaid(title, seriesSubset(s, names))}\n\`\`\``,
        "",
        `Lines, in colour order: ${legend}${last && notes.length ? ` — ${notes.join("; ")}` : ""}`,
        ...(last ? [] : [""]),
      ];
    });
    lines.push(...fold(`Training curves: ${s.names.map(md).join(", ")}`, body));
  }
  if (d.history) {
    const h = d.history;
    const current = h.points.find((p) => p.current);
    const notDrawn = h.notDrawn ?? [];
    // xychart draws no gaps: a version without a number is named, never silently joined over.
    const gaps = notDrawn.map(
      (v) =>
        `v${v.version} (${v.notFinite ? `${md(h.metric)} ${formatNotFinite(v.notFinite)}` : `no ${md(h.metric)}`})`,
    );
    lines.push(
      ...fold(
        `${md(h.metric)} across the last ${h.points.length + notDrawn.length} versions${h.points.some((p) => p.champion) ? " (★ holds the alias)" : ""}`,
        [
          `\`\`\`mermaid\n${versionsChartMermaid(`${asset.name}: ${h.metric} by version`, h.metric, h.points)}\n\`\`\``,
          "",
          [
            gaps.length > 0 ? `Not drawn: ${gaps.join(", ")}.` : "",
            current ? `This run wrote v${current.version}.` : "",
          ]
            .filter(Boolean)
            .join(" "),
        ],
      ),
    );
  }
  return lines;
}

function lineage(view: ReportView): string[] {
  const names = new Map<string, FlowNode>();
  for (const a of view.assets) {
    const version = a.version !== undefined ? ` v${a.version}` : "";
    names.set(a.name, {
      name: a.name,
      status: a.outcome,
      label: `${OUTCOME_ICON[a.outcome]} ${a.name}${version}`,
    });
  }
  // The run's assets and what they read: a downstream asset the run did not consider is left out,
  // and an upstream asset outside the run is drawn as read, never as a source (reports written
  // before `sources` was kept treat every outside name as one).
  const sources = view.sources ? new Set(view.sources) : undefined;
  const edges = view.edges.filter((e) => names.has(e.to));
  for (const e of edges) {
    if (names.has(e.from)) continue;
    const source = !sources || sources.has(e.from);
    names.set(e.from, {
      name: e.from,
      status: source ? "source" : "upstream",
      label: source ? `📥 ${e.from}` : `${e.from} · not in this run`,
    });
  }
  if (names.size < 2 || names.size > MAX_LINEAGE_NODES) return [];
  return fold("Lineage of this run", [`\`\`\`mermaid\n${flowchart([...names.values()], edges)}\n\`\`\``]);
}

export function renderMarkdown(view: ReportView, options: MarkdownOptions): string {
  const lines: string[] = [];
  if (options.marker) lines.push(options.marker);
  lines.push(...headline(view));
  if (view.dropped.length > 0 || view.omittedAssets > 0) {
    const what = view.dropped.map((d) => DROPPED_LABEL[d]);
    if (view.omittedAssets > 0) what.push(`${view.omittedAssets} rows of the table`);
    lines.push(
      `> ✂️ Left out to stay under ${options.limitLabel}: ${what.join(", ")}. ${options.fullReportHint}`,
      "",
    );
  }
  lines.push(...overview(view));
  const sections = view.assets.flatMap((a) => (a.details ? assetSection(a, a.details) : []));
  lines.push(...sections);
  if (!view.dropped.includes("details")) lines.push(...lineage(view));
  // Sections end with a blank line and may start with one; keep one. Fenced blocks are single
  // entries, so blank lines inside a log tail are left as they were.
  const tidy = lines.filter((line, i) => line !== "" || lines[i - 1] !== "");
  return `${tidy.join("\n").trimEnd()}\n`;
}
