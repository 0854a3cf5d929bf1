import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  CHART_COLOURS,
  seriesChart,
  seriesChartMermaid,
  seriesGroups,
  seriesSubset,
  versionsChartMermaid
} from "./chunk-Y3Y3PR6Y.js";
import {
  flowchart
} from "./chunk-RE2KNA6R.js";
import {
  markdownTable
} from "./chunk-EZKWKBWA.js";
import {
  fenced,
  md,
  mdLink
} from "./chunk-HX4NHBDN.js";
import {
  formatDuration,
  formatNotFinite,
  formatNumber
} from "./chunk-NBF2VUI6.js";
import {
  isExperiment,
  metricDirection
} from "./chunk-OAUXH6FU.js";

// src/report/markdown.ts
var OUTCOME_ICON = {
  materialized: "\u2705",
  fresh: "\u{1F4A4}",
  skipped: "\u23ED\uFE0F",
  failed: "\u274C",
  cancelled: "\u{1F6AB}"
};
var MARK_ICON = { better: "\u{1F7E2}", worse: "\u{1F534}", equal: "\u26AA", unmarked: "" };
var BASELINE_LABEL = {
  champion: "champion",
  previous: "previous",
  "merge-base": "merge-base"
};
var MAX_HEADLINE_CHANGES = 10;
var MAX_LINEAGE_NODES = 120;
var DROPPED_LABEL = {
  series: "training curves",
  history: "version history",
  details: "per-asset details and the lineage chart"
};
function formatDelta(d) {
  if (!d) return "\u2013";
  const arrow = d.delta > 0 ? "\u25B2" : d.delta < 0 ? "\u25BC" : "=";
  const sign = d.delta > 0 ? "+" : d.delta < 0 ? "\u2212" : "\xB1";
  const rel = d.relative === void 0 || d.delta === 0 ? "" : ` (${sign}${(Math.abs(d.relative) * 100).toFixed(1)}%)`;
  const mark = MARK_ICON[d.mark];
  return `${arrow} ${sign}${formatNumber(Math.abs(d.delta))}${rel}${mark ? ` ${mark}` : ""}`;
}
function versionText(asset) {
  if (asset.version === void 0) return "\u2013";
  const aliases = asset.aliases.length > 0 ? ` \u2605 ${asset.aliases.map(md).join(", ")}` : "";
  return `v${asset.version}${asset.experiment ? " \u{1F9EA}" : ""}${asset.dirty ? " (dirty)" : ""}${aliases}`;
}
function why(asset) {
  if (asset.outcome === "skipped" && asset.skippedBecause) return md(asset.skippedBecause);
  return asset.reasons.map(md).join("; ") || "\u2013";
}
function planEnd(result) {
  if (result === "failure") return "failed";
  if (result === "cancelled") return "was cancelled";
  return `ended as ${md(result)}`;
}
function headline(view) {
  const lines = [`## ${md(view.title)}`, ""];
  const where = [`**${md(view.event)}**`];
  if (view.pullRequest) {
    where.push(
      `#${view.pullRequest.number}${view.pullRequest.title ? ` ${md(view.pullRequest.title)}` : ""}`
    );
  }
  if (view.ref) where.push(md(view.ref.replace(/^refs\/(heads|tags)\//, "")));
  if (view.gitSha) where.push(md(view.gitSha.slice(0, 7)));
  if (view.environment) where.push(`environment ${md(view.environment)}`);
  const tick = new Date(view.tick);
  if (!Number.isNaN(tick.getTime())) where.push(`${tick.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  const run = mdLink("workflow run", view.runUrl);
  if (run) where.push(run);
  lines.push(where.join(" \xB7 "), "");
  const c = view.counts;
  const plan = view.planJob;
  const parts = [
    // A run whose plan job failed ran nothing: its assets' rows are quiet, the run is not.
    plan ? `${plan.result === "cancelled" ? OUTCOME_ICON.cancelled : OUTCOME_ICON.failed} plan job ${planEnd(plan.result)}: nothing ran` : "",
    c.failed ? `${OUTCOME_ICON.failed} ${c.failed} failed` : "",
    c.cancelled ? `${OUTCOME_ICON.cancelled} ${c.cancelled} cancelled` : "",
    // A green check means something was built: a run that found everything fresh gets none.
    c.materialized ? `${OUTCOME_ICON.materialized} ${c.materialized} materialized` : "0 materialized",
    `${OUTCOME_ICON.fresh} ${c.fresh} fresh`,
    c.skipped ? `${OUTCOME_ICON.skipped} ${c.skipped} skipped` : ""
  ].filter(Boolean);
  lines.push(`**${parts.join(" \xB7 ")}**`, "");
  if (plan) {
    const log = mdLink("plan job log", plan.logUrl) ?? "plan job log";
    const why2 = plan.reason ? `It said: ${md(plan.reason)} \u2014 see the ${log}.` : `Why it ${plan.result === "cancelled" ? "was cancelled" : "failed"} is in the ${log}.`;
    lines.push(
      `The plan job, which decides what runs, ${planEnd(plan.result)}, so no asset job ran: every asset is as its last run left it. ${why2}`,
      ""
    );
  }
  if (view.experiment && view.experiment.length > 0)
    lines.push(
      `\u{1F9EA} **Experiment**: config set for this run \u2014 ${view.experiment.map(md).join(", ")}. Its versions are compared with the champion and never promoted; the manifest's own versions are unchanged.`,
      ""
    );
  for (const change of view.championChanges.slice(0, MAX_HEADLINE_CHANGES)) {
    const move = change.from === null ? `\u{1F3C6} ${md(change.asset)}: **v${change.to}** becomes ${md(change.alias)}` : `\u{1F3C6} ${md(change.asset)}: ${md(change.alias)} v${change.from} \u2192 **v${change.to}**`;
    lines.push(`${move}${change.reason === void 0 ? "" : ` \u2014 ${md(change.reason)}`}  `);
  }
  const more = view.championChanges.length - MAX_HEADLINE_CHANGES;
  if (more > 0) lines.push(`\u{1F3C6} \u2026and ${more} more champion changes (see the version column)`);
  if (view.championChanges.length > 0) lines.push("");
  return lines;
}
function overview(view) {
  const rows = view.assets.map((a) => [
    md(a.name),
    `${OUTCOME_ICON[a.outcome]} ${a.outcome}`,
    versionText(a),
    a.outcome === "fresh" || a.outcome === "skipped" ? "\u2013" : formatDuration(a.durationMs),
    why(a)
  ]);
  const lines = [markdownTable([["asset", "result", "version", "duration", "why"], ...rows]), ""];
  if (view.omittedAssets > 0)
    lines.push(`\u2026and ${view.omittedAssets} more assets, left out to fit the limit.`, "");
  return lines;
}
function metricName(row) {
  const dir = row.direction === "minimize" ? " \u2193" : row.direction === "maximize" ? " \u2191" : "";
  return row.primary ? `**${md(row.name)}**${dir} (primary)` : `${md(row.name)}${dir}`;
}
function metricsTable(d) {
  if (d.metrics.length === 0) return [];
  const columns = ["champion", "previous", "merge-base"].filter(
    (b) => d.baselines[b] !== void 0
  );
  const other = d.championEnvironment;
  const label = (b) => `vs ${BASELINE_LABEL[b]} v${d.baselines[b]}${b === "champion" && other ? ` (${md(other)})` : ""}`;
  const header = ["metric", "value", ...columns.map(label)];
  const rows = d.metrics.map((row) => [
    metricName(row),
    row.notFinite ? formatNotFinite(row.notFinite) : formatNumber(row.value),
    ...columns.map((b) => formatDelta(row.deltas[b]))
  ]);
  const table = markdownTable([header, ...rows], { align: ["l", "r", ...columns.map(() => "r")] });
  if (columns.length === 0) return [table, ""];
  return [
    table,
    "",
    "<sub>\u25B2/\u25BC change \xB7 \u{1F7E2} better \xB7 \u{1F534} worse \xB7 \u26AA equal, by the metric's direction (\u2193 lower is better, \u2191 higher is better)</sub>",
    "",
    ...other && d.baselines.champion !== void 0 ? [
      `<sub>champion v${d.baselines.champion} is ${md(other)}'s, another environment's build: its changes are shown, not judged</sub>`,
      ""
    ] : []
  ];
}
function fold(summary, body) {
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>", ""];
}
function assetSection(asset, d) {
  const version = asset.version !== void 0 ? ` \xB7 v${asset.version}` : "";
  const lines = [`### ${OUTCOME_ICON[asset.outcome]} ${md(asset.name)}${version}`, ""];
  const facts = [
    `${asset.outcome === "materialized" ? "Ran because" : "Why"}: ${why(asset)}`,
    formatDuration(asset.durationMs),
    asset.dirty ? "built from uncommitted changes" : "",
    mdLink("run", asset.links.run),
    mdLink("commit", asset.links.commit),
    mdLink("artifact", asset.links.artifact),
    mdLink("job log", asset.links.log)
  ].filter(Boolean);
  lines.push(facts.join(" \xB7 "), "");
  if (d.error !== void 0) {
    const attempts = d.attempts && d.attempts > 1 ? ` (after ${d.attempts} attempts)` : "";
    lines.push(`**Error${attempts}:** ${md(d.error)}`, "");
  }
  if (d.logTail && d.logTail.length > 0)
    lines.push(...fold(`Log tail (${d.logTail.length} lines)`, [fenced(d.logTail)]));
  lines.push(...metricsTable(d));
  if (d.warnings && d.warnings.length > 0) lines.push(...d.warnings.map((w) => `- \u26A0\uFE0F ${md(w)}`), "");
  if (d.promotion) {
    const p = d.promotion;
    const moved = [
      // The first holder has no "from", and the headline says it became the alias holder.
      p.from === void 0 || p.from === null ? "" : `v${p.from} \u2192 v${asset.version}`,
      p.replacedBy === void 0 ? "" : `since replaced by v${p.replacedBy}`
    ].filter(Boolean);
    const head = p.promoted ? `\u{1F3C6} **Promoted** to ${md(p.alias)}${moved.length > 0 ? ` (${moved.join("; ")})` : ""}` : p.promote ? `\u{1F7E1} **Eligible** for ${md(p.alias)}, not moved (not a promoting branch, or another run moved it first)` : `\u26D4 **Not promoted** to ${md(p.alias)}`;
    lines.push(`${head}: ${md(p.reason)}`, "");
  }
  if (d.checks.length > 0) {
    const failed = d.checks.filter((c) => !c.passed).length;
    const rows = d.checks.map((c) => [
      md(c.name),
      c.kind,
      c.blocking ? "blocking" : "warning",
      c.passed ? "\u2705 passed" : c.blocking ? "\u274C failed" : "\u26A0\uFE0F failed",
      md(c.message)
    ]);
    const summary = `Checks: ${d.checks.length - failed} passed${failed ? `, ${failed} failed` : ""}`;
    lines.push(
      ...fold(summary, [markdownTable([["check", "kind", "severity", "result", "message"], ...rows])])
    );
  }
  if (d.series) {
    const s = d.series;
    const notes = [
      s.sourcePoints > s.steps.length ? `downsampled from ${s.sourcePoints} to ${s.steps.length} steps (LTTB)` : "",
      s.omitted.length > 0 ? `not drawn: ${s.omitted.map(md).join(", ")}` : ""
    ].filter(Boolean);
    const groups = [...seriesGroups(s.names)];
    const body = groups.flatMap(([group, names], g) => {
      const legend = names.map((name, i) => `${CHART_COLOURS[i]?.swatch ?? ""} ${md(name)}`).join(" \xB7 ");
      const title = groups.length === 1 ? `${asset.name} series` : `${asset.name}: ${group}`;
      const last = g === groups.length - 1;
      return [
        `\`\`\`mermaid
${seriesChartMermaid(title, seriesSubset(s, names))}
\`\`\``,
        "",
        `Lines, in colour order: ${legend}${last && notes.length ? ` \u2014 ${notes.join("; ")}` : ""}`,
        ...last ? [] : [""]
      ];
    });
    lines.push(...fold(`Training curves: ${s.names.map(md).join(", ")}`, body));
  }
  if (d.history) {
    const h = d.history;
    const current = h.points.find((p) => p.current);
    const notDrawn = h.notDrawn ?? [];
    const gaps = notDrawn.map(
      (v) => `v${v.version} (${v.notFinite ? `${md(h.metric)} ${formatNotFinite(v.notFinite)}` : `no ${md(h.metric)}`})`
    );
    lines.push(
      ...fold(
        `${md(h.metric)} across the last ${h.points.length + notDrawn.length} versions${h.points.some((p) => p.champion) ? " (\u2605 holds the alias)" : ""}`,
        [
          `\`\`\`mermaid
${versionsChartMermaid(`${asset.name}: ${h.metric} by version`, h.metric, h.points)}
\`\`\``,
          "",
          [
            gaps.length > 0 ? `Not drawn: ${gaps.join(", ")}.` : "",
            current ? `This run wrote v${current.version}.` : ""
          ].filter(Boolean).join(" ")
        ]
      )
    );
  }
  return lines;
}
function lineage(view) {
  const names = /* @__PURE__ */ new Map();
  for (const a of view.assets) {
    const version = a.version !== void 0 ? ` v${a.version}` : "";
    names.set(a.name, {
      name: a.name,
      status: a.outcome,
      label: `${OUTCOME_ICON[a.outcome]} ${a.name}${version}`
    });
  }
  const sources = view.sources ? new Set(view.sources) : void 0;
  const edges = view.edges.filter((e) => names.has(e.to));
  for (const e of edges) {
    if (names.has(e.from)) continue;
    const source = !sources || sources.has(e.from);
    names.set(e.from, {
      name: e.from,
      status: source ? "source" : "upstream",
      label: source ? `\u{1F4E5} ${e.from}` : `${e.from} \xB7 not in this run`
    });
  }
  if (names.size < 2 || names.size > MAX_LINEAGE_NODES) return [];
  return fold("Lineage of this run", [`\`\`\`mermaid
${flowchart([...names.values()], edges)}
\`\`\``]);
}
function renderMarkdown(view, options) {
  const lines = [];
  if (options.marker) lines.push(options.marker);
  lines.push(...headline(view));
  if (view.dropped.length > 0 || view.omittedAssets > 0) {
    const what = view.dropped.map((d) => DROPPED_LABEL[d]);
    if (view.omittedAssets > 0) what.push(`${view.omittedAssets} rows of the table`);
    lines.push(
      `> \u2702\uFE0F Left out to stay under ${options.limitLabel}: ${what.join(", ")}. ${options.fullReportHint}`,
      ""
    );
  }
  lines.push(...overview(view));
  const sections = view.assets.flatMap((a) => a.details ? assetSection(a, a.details) : []);
  lines.push(...sections);
  if (!view.dropped.includes("details")) lines.push(...lineage(view));
  const tidy = lines.filter((line, i) => line !== "" || lines[i - 1] !== "");
  return `${tidy.join("\n").trimEnd()}
`;
}

// src/report/compare.ts
function directionOf(spec, name) {
  return spec ? metricDirection(spec, name) : void 0;
}
function markOf(delta, direction) {
  if (delta === 0) return "equal";
  if (!direction) return "unmarked";
  return direction === "minimize" === delta < 0 ? "better" : "worse";
}
function compareMetrics(metrics, spec, baselines, notFinite = {}, unjudged = /* @__PURE__ */ new Set()) {
  const names = [.../* @__PURE__ */ new Set([...Object.keys(metrics), ...Object.keys(notFinite)])].sort((a, b) => {
    if (a === spec?.primary) return -1;
    if (b === spec?.primary) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.flatMap((name) => {
    const direction = directionOf(spec, name);
    const value = metrics[name];
    if (value === void 0 || !Number.isFinite(value)) {
      const kind = notFinite[name];
      if (!kind) return [];
      const none = { champion: void 0, previous: void 0, "merge-base": void 0 };
      const value2 = kind === "NaN" ? Number.NaN : kind === "Infinity" ? Infinity : -Infinity;
      return [{ name, value: value2, notFinite: kind, primary: name === spec?.primary, direction, deltas: none }];
    }
    const delta = (against) => {
      const base = baselines[against];
      const baseValue = base?.metrics[name];
      if (!base || baseValue === void 0 || !Number.isFinite(baseValue)) return void 0;
      const d = value - baseValue;
      return {
        against,
        version: base.version,
        value: baseValue,
        delta: d,
        relative: baseValue === 0 ? void 0 : d / Math.abs(baseValue),
        mark: markOf(d, unjudged.has(against) ? void 0 : direction)
      };
    };
    return [
      {
        name,
        value,
        primary: name === spec?.primary,
        direction,
        deltas: {
          champion: delta("champion"),
          previous: delta("previous"),
          "merge-base": delta("merge-base")
        }
      }
    ];
  });
}

// src/report/model.ts
function writtenRecord(asset) {
  return asset.outcome === "materialized" && asset.record && "provenance" in asset.record ? asset.record : void 0;
}

// src/report/view.ts
var VIEW_SCHEMA = 1;
var HISTORY_VERSIONS = 20;
var LOG_TAIL_LINES = 30;
var LOG_LINE_CHARS = 300;
var DROP_ORDER = ["series", "history", "details"];
function championChange(asset) {
  const record = writtenRecord(asset);
  if (asset.move !== void 0) {
    const move = asset.move;
    if (!move || move.to === move.from) return void 0;
    const change = { asset: asset.name, alias: move.alias, from: move.from, to: move.to };
    if (move.to !== record?.version) change.reason = move.reason;
    return change;
  }
  const alias = asset.promoteAlias ?? record?.promotion?.alias;
  if (!alias || !record) return void 0;
  const to = asset.aliasHolders[alias];
  const from = asset.champion?.version ?? null;
  if (to === void 0 || to === from || to !== record.version) return void 0;
  return { asset: asset.name, alias, from, to };
}
function promotionOf(asset, record) {
  const verdict = record?.promotion;
  if (!record || !verdict) return void 0;
  const holder = asset.aliasHolders[verdict.alias];
  const verdictOf = (promoted) => ({
    alias: verdict.alias,
    promote: verdict.promote,
    promoted,
    reason: verdict.reason
  });
  if (asset.move === void 0) return verdictOf(holder === record.version);
  const move = asset.move;
  if (move?.alias !== verdict.alias || move.to !== record.version) return verdictOf(false);
  return {
    ...verdictOf(true),
    from: move.from,
    replacedBy: holder !== record.version ? holder : void 0
  };
}
var chartCache = /* @__PURE__ */ new WeakMap();
function cachedChart(series) {
  if (!chartCache.has(series)) chartCache.set(series, seriesChart(series));
  return chartCache.get(series);
}
function hasDetails(asset) {
  return asset.outcome === "materialized" || asset.outcome === "failed" || asset.outcome === "cancelled";
}
function details(asset, dropped) {
  const record = writtenRecord(asset);
  const ran = record ?? asset.failure;
  const metrics = ran?.metrics ?? {};
  const baselines = {
    // Comparing a record with itself says nothing: a run that did not change the champion keeps
    // the old one as baseline, a run that promoted is compared with the one it replaced.
    champion: asset.champion && asset.champion.version !== record?.version ? asset.champion : void 0,
    previous: asset.previous,
    "merge-base": asset.mergeBase
  };
  const championEnvironment = baselines.champion?.context.environment;
  const otherEnvironment = championEnvironment !== void 0 && ran?.context.environment !== void 0 && championEnvironment !== ran.context.environment;
  const out = {
    metrics: compareMetrics(
      metrics,
      asset.metrics,
      baselines,
      ran?.notFinite,
      otherEnvironment ? /* @__PURE__ */ new Set(["champion"]) : void 0
    ),
    baselines: {
      champion: baselines.champion?.version,
      previous: baselines.previous?.version,
      "merge-base": baselines["merge-base"]?.version
    },
    promotion: promotionOf(asset, record),
    checks: record?.checks ?? asset.failure?.checks ?? []
  };
  if (otherEnvironment) out.championEnvironment = championEnvironment;
  if (ran?.warnings && ran.warnings.length > 0) out.warnings = ran.warnings;
  if (!asset.failure && asset.error !== void 0 && asset.outcome !== "materialized")
    out.error = asset.error;
  if (asset.failure && asset.outcome !== "materialized") {
    out.error = asset.failure.error;
    out.attempts = asset.failure.attempts;
    out.logTail = asset.failure.logTail.slice(-LOG_TAIL_LINES).map((line) => line.length > LOG_LINE_CHARS ? `${line.slice(0, LOG_LINE_CHARS)}\u2026` : line);
  }
  if (!dropped.has("series") && record) {
    const chart = asset.series ?? (record.series.length > 0 ? cachedChart(record.series) : void 0);
    if (chart) out.series = chart;
  }
  const primary = asset.metrics?.primary;
  if (!dropped.has("history") && primary) {
    const alias = asset.promoteAlias ?? record?.promotion?.alias;
    const holder = alias ? asset.aliasHolders[alias] : void 0;
    const range = asset.history.slice(-HISTORY_VERSIONS);
    const drawable = (r) => {
      const value = r.metrics[primary];
      return value !== void 0 && Number.isFinite(value);
    };
    const points = range.filter(drawable).map((r) => ({
      version: r.version,
      value: r.metrics[primary],
      champion: r.version === holder,
      current: r.version === record?.version
    }));
    const notDrawn = range.filter((r) => !drawable(r)).map((r) => ({ version: r.version, notFinite: r.notFinite?.[primary] }));
    if (points.length >= 2)
      out.history = { metric: primary, points, ...notDrawn.length > 0 ? { notDrawn } : {} };
  }
  return out;
}
function buildView(report, title, dropped) {
  const counts = {
    materialized: 0,
    fresh: 0,
    skipped: 0,
    failed: 0,
    cancelled: 0
  };
  for (const asset of report.assets) counts[asset.outcome]++;
  const assets = report.assets.map((asset) => {
    const version = asset.record?.version;
    return {
      name: asset.name,
      outcome: asset.outcome,
      version,
      aliases: Object.entries(asset.aliasHolders).filter(([, v]) => v === version).map(([alias]) => alias).sort(),
      experiment: (asset.record ?? asset.failure)?.context.experiment !== void 0 || void 0,
      dirty: (asset.record ?? asset.failure)?.context.dirty === true || void 0,
      durationMs: asset.durationMs,
      reasons: asset.reasons,
      skippedBecause: asset.skippedBecause,
      links: asset.links,
      details: !dropped.has("details") && hasDetails(asset) ? details(asset, dropped) : void 0
    };
  });
  return {
    schema: VIEW_SCHEMA,
    title,
    event: report.event,
    tick: report.tick,
    environment: report.environment,
    ref: report.ref,
    gitSha: report.gitSha,
    pullRequest: report.pullRequest,
    runUrl: report.runUrl,
    experiment: report.experiment,
    planJob: report.planJob,
    counts,
    championChanges: report.assets.flatMap((a) => championChange(a) ?? []),
    assets,
    sources: report.sources,
    edges: report.edges,
    dropped: DROP_ORDER.filter((d) => dropped.has(d)),
    omittedAssets: 0
  };
}

// src/report/render.ts
var BUDGET_BYTES = {
  comment: 6e4,
  summary: 1e6,
  none: Number.POSITIVE_INFINITY
};
var LIMIT_LABEL = {
  comment: "GitHub's 65,536-character limit for a comment",
  summary: "GitHub's 1 MiB limit for a job summary",
  none: "the size limit"
};
var FULL_REPORT_HINT = {
  comment: "The run's job summary has more, and `kiln report` shows everything locally.",
  summary: "Run `kiln report` locally (or `kiln report --format json`) for everything.",
  none: ""
};
function serialize(view, options) {
  if (options.format === "json") return `${JSON.stringify(view, null, 2)}
`;
  return renderMarkdown(view, {
    marker: options.marker,
    fullReportHint: FULL_REPORT_HINT[options.budget],
    limitLabel: LIMIT_LABEL[options.budget]
  });
}
function size(text) {
  return Buffer.byteLength(text, "utf8");
}
function renderReport(report, options) {
  const title = options.title ?? "Kiln report";
  const limit = BUDGET_BYTES[options.budget];
  const dropped = /* @__PURE__ */ new Set();
  let view = buildView(report, title, dropped);
  let text = serialize(view, options);
  for (const next of DROP_ORDER) {
    if (size(text) <= limit) return text;
    dropped.add(next);
    view = buildView(report, title, dropped);
    text = serialize(view, options);
  }
  if (size(text) <= limit) return text;
  const rank = { failed: 0, cancelled: 1, skipped: 2, materialized: 3, fresh: 4 };
  const ordered = [...view.assets].sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  const fits = (count) => {
    const kept = new Set(ordered.slice(0, count));
    return serialize(
      { ...view, assets: view.assets.filter((a) => kept.has(a)), omittedAssets: ordered.length - count },
      options
    );
  };
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (size(fits(mid)) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return fits(lo);
}

// src/report/merge-base.ts
async function findMergeBaseRecord(records, isAncestorOrSameCommit, mergeBaseSha) {
  const verdicts = /* @__PURE__ */ new Map();
  const ask = (a, b) => {
    const key = `${a}\0${b}`;
    let answer = verdicts.get(key);
    if (!answer) {
      answer = isAncestorOrSameCommit(a, b);
      verdicts.set(key, answer);
    }
    return answer;
  };
  let best;
  for (const record of [...records].sort((a, b) => b.version - a.version)) {
    const sha = record.context.gitSha;
    if (!sha || record.context.dirty) continue;
    if (!await ask(sha, mergeBaseSha)) continue;
    const bestSha = best?.context.gitSha;
    if (!best || !bestSha) {
      best = record;
    } else if (sha !== bestSha && await ask(bestSha, sha)) {
      best = record;
    }
  }
  return best;
}
async function mergeBaseRecord(records, git, head, base, environment) {
  const sha = await git.mergeBase(head, base);
  if (!sha) return void 0;
  const candidates = records.filter((r) => r.context.environment === environment && !isExperiment(r));
  return { sha, record: await findMergeBaseRecord(candidates, (a, b) => git.isAncestor(a, b), sha) };
}

export {
  BUDGET_BYTES,
  renderReport,
  findMergeBaseRecord,
  mergeBaseRecord
};
