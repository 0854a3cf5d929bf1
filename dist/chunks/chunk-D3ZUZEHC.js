import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  CHART_COLOURS,
  seriesChart,
  seriesChartMermaid,
  versionsChartMermaid
} from "./chunk-F64WVDDV.js";
import {
  assetJobs,
  markdownTable,
  repeatsEarlierFailure,
  timeoutMinutes
} from "./chunk-3LKAVOXN.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace,
  assessProject,
  commentText,
  fenced,
  formatDuration,
  formatNumber,
  lineageFilter,
  md,
  mdLink,
  mermaidLabel,
  readGitHubContext,
  slackCode,
  slackText,
  workspaceLineage
} from "./chunk-5O2X64HE.js";
import {
  aliasHolder,
  aliasHolders,
  isAncestor,
  isExperiment,
  mergeBase,
  promotionMove
} from "./chunk-CD7XEBUR.js";
import {
  uploadFiles
} from "./chunk-UAGQV5RG.js";
import {
  githubClientFromEnv
} from "./chunk-LURBCDAL.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/action/report.ts
init_define_KILN_SITE_CLIENT();
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// src/github/alerts.ts
init_define_KILN_SITE_CLIENT();

// src/github/markers.ts
init_define_KILN_SITE_CLIENT();
function stickyCommentMarker(workflow, manifest) {
  return `<!-- kiln-report: ${commentText(workflow)}/${commentText(manifest)} -->`;
}
function failureIssueMarker(asset) {
  return `<!-- kiln:failure:${commentText(asset)} -->`;
}

// src/github/slack.ts
init_define_KILN_SITE_CLIENT();
var MAX_TAIL_LINES = 20;
var MAX_TAIL_CHARS = 2500;
function slackMessage(alert2) {
  const where = alert2.repository ? ` in ${alert2.repository}` : "";
  const what = alert2.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert2.experiment ? `experiment (${alert2.experiment.join(" ")}) of asset` : "asset";
  const job = alert2.job ? ` (job ${alert2.job})` : "";
  const text = slackText(`Kiln: ${kind} ${alert2.asset}${job} ${what}${where}: ${alert2.reason}`);
  let tail = alert2.logTail.slice(-MAX_TAIL_LINES).join("\n");
  if (tail.length > MAX_TAIL_CHARS) tail = `\u2026${tail.slice(-MAX_TAIL_CHARS)}`;
  const icon = alert2.outcome === "cancelled" ? ":no_entry_sign:" : ":x:";
  const blocks = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${icon} ${alert2.experiment ? "experiment of " : ""}*${slackText(alert2.asset)}*${slackText(job)} ${what}${slackText(where)}
${slackText(alert2.reason)}`
      }
    }
  ];
  if (tail) blocks.push({ type: "section", text: { type: "mrkdwn", text: slackCode([tail]) } });
  const buttons = [
    alert2.logUrl ? { text: "Open the log", url: alert2.logUrl } : void 0,
    alert2.runUrl && alert2.runUrl !== alert2.logUrl ? { text: "Open the run", url: alert2.runUrl } : void 0
  ].filter((b) => b !== void 0);
  if (buttons.length > 0) {
    blocks.push({
      type: "actions",
      elements: buttons.map((b) => ({
        type: "button",
        text: { type: "plain_text", text: b.text },
        url: b.url
      }))
    });
  }
  return { text, blocks };
}
async function postSlackAlert(webhookUrl, alert2, options = {}) {
  if (!/^https?:\/\//.test(webhookUrl)) {
    return {
      ok: false,
      message: "the Slack webhook secret is not an http(s) URL; check the secret named in notify.slack.webhook-secret."
    };
  }
  try {
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackMessage(alert2)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15e3)
    });
    const body = (await response.text()).slice(0, 200);
    if (!response.ok) {
      return { ok: false, message: redact(`Slack answered HTTP ${response.status}: ${body}`, webhookUrl) };
    }
    return { ok: true };
  } catch (error) {
    const cause = error.cause?.message;
    const detail = [error.message, cause].filter(Boolean).join(": ");
    return { ok: false, message: redact(`could not reach the Slack webhook: ${detail}`, webhookUrl) };
  }
}
function redact(message, webhookUrl) {
  let out = message.replaceAll(webhookUrl, "[webhook]");
  try {
    const { pathname, host } = new URL(webhookUrl);
    if (pathname.length > 1) out = out.replaceAll(pathname, "/[redacted]");
    out = out.replaceAll(host, "[webhook host]");
  } catch {
  }
  return out;
}

// src/github/alerts.ts
function link(text, url) {
  return mdLink(text, url) ?? md(text);
}
function failureIssueBody(alert2, run) {
  const what = alert2.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert2.experiment ? "An experiment run of Kiln asset" : "Kiln asset";
  const ref = run.refName ? ` on ${md(run.refName)}` : "";
  const lines = [
    `${kind} **${md(alert2.asset)}** ${what} in ${link(`run ${run.runId}`, run.runUrl)}${ref}.`,
    "",
    `**Why:** ${md(alert2.reason)}`,
    ""
  ];
  if (alert2.experiment) lines.push(`**Run config set for this run:** ${md(alert2.experiment.join(" "))}`, "");
  if (alert2.job) lines.push(`**Job:** ${link(alert2.job, alert2.logUrl ?? run.runUrl)}`, "");
  if (alert2.logTail.length > 0)
    lines.push("<details><summary>Last log lines</summary>", "", fenced(alert2.logTail), "", "</details>", "");
  return `${lines.join("\n")}`;
}
async function sendFailureAlerts(alerts, run, channels) {
  for (const alert2 of alerts) {
    if (channels.slack) {
      if (channels.slack.webhook) {
        const sent = await postSlackAlert(channels.slack.webhook, {
          asset: alert2.asset,
          reason: alert2.reason,
          logTail: alert2.logTail,
          outcome: alert2.outcome,
          job: alert2.job,
          logUrl: alert2.logUrl,
          runUrl: run.runUrl,
          repository: run.repository,
          experiment: alert2.experiment
        });
        if (!sent.ok) channels.warning(`Slack alert for ${alert2.asset} not sent: ${sent.message}`);
      } else {
        channels.warning(
          `Slack alert for ${alert2.asset} not sent: the secret ${channels.slack.secretName} is not available to this job (forks get no secrets)`
        );
      }
    }
    if (channels.issues && !alert2.experiment) {
      const raised = await channels.issues.client.ensureFailureIssue({
        asset: alert2.asset,
        marker: failureIssueMarker(alert2.asset),
        title: `Kiln: ${alert2.asset} is failing`,
        body: failureIssueBody(alert2, run),
        labels: channels.issues.labels
      });
      if (!raised.ok) channels.warning(`failure issue for ${alert2.asset} not written: ${raised.message}`);
    }
  }
}
async function closeFailureIssues(fixed, run, channels) {
  if (!channels.issues) return;
  for (const { asset, version } of fixed) {
    const closed = await channels.issues.client.closeFailureIssue({
      marker: failureIssueMarker(asset),
      comment: `Fixed: ${md(asset)} v${version} materialized in ${link(`run ${run.runId}`, run.runUrl)}.`,
      labels: channels.issues.labels
    });
    if (!closed.ok) channels.warning(`failure issue for ${asset} not closed: ${closed.message}`);
  }
}
async function runAlerts(input) {
  const failures = [];
  const fixed = [];
  for (const [asset, done] of input.outcomes) {
    if (done.outcome === "failed" || done.outcome === "cancelled") {
      if (done.failure && await input.alreadyAlerted(done.failure)) continue;
      failures.push({
        asset,
        outcome: done.outcome,
        reason: done.failure?.error ?? done.detail,
        logTail: done.failure?.logTail ?? [],
        job: done.failure ? void 0 : input.jobName(asset),
        logUrl: done.logUrl,
        experiment: done.failure?.context.experiment?.overrides
      });
    } else if (done.outcome === "success" && done.record && !isExperiment(done.record)) {
      fixed.push({ asset, version: done.record.version });
    }
  }
  return { failures, fixed };
}
function sourceFailureAlerts(marks, runId) {
  return Object.entries(marks ?? {}).filter(([, mark]) => mark.runId === runId).map(([name, mark]) => {
    const [reason = "", ...stderr] = mark.error.split("\n");
    return {
      asset: name,
      outcome: "failed",
      reason: `${reason} \u2014 its dependants wait until it can be observed again`,
      logTail: stderr.map((line) => line.trim())
    };
  });
}
function alertChannels(alerts, job) {
  return {
    slack: alerts.slack ? { webhook: job.env.KILN_SLACK_WEBHOOK, secretName: alerts.slack.webhookSecret } : void 0,
    issues: alerts.githubIssue ? { client: githubClientFromEnv(job.token, job.env), labels: alerts.githubIssue.labels } : void 0,
    warning: job.warning
  };
}

// src/github/job-failures.ts
init_define_KILN_SITE_CLIENT();
var FAILED = /* @__PURE__ */ new Set(["failure", "timed_out", "startup_failure"]);
var CANCELLED = /* @__PURE__ */ new Set(["cancelled"]);
function jobFailures(input) {
  const failures = [];
  for (const asset of input.silent) {
    const job = input.jobs.get(asset);
    if (!job) continue;
    const listed = input.runJobs?.find((j) => j.name === job.name);
    const result = listed?.conclusion ?? input.needs[job.id];
    if (!result) continue;
    const outcome = FAILED.has(result) ? "failed" : CANCELLED.has(result) ? "cancelled" : void 0;
    if (!outcome) continue;
    const what = result === "timed_out" ? "timed out" : outcome === "cancelled" ? "was cancelled" : "failed";
    failures.push({
      asset,
      outcome,
      job: job.name,
      logUrl: listed?.url,
      detail: `job ${job.name} ${what} before Kiln recorded a result: a setup step failed, the job reached its timeout-minutes (${input.timeoutMinutes(asset)}), the runner was lost, or the run was cancelled \u2014 see the job's log`
    });
  }
  return failures;
}

// src/report/index.ts
init_define_KILN_SITE_CLIENT();

// src/report/render.ts
init_define_KILN_SITE_CLIENT();

// src/report/markdown.ts
init_define_KILN_SITE_CLIENT();

// src/report/flowchart.ts
init_define_KILN_SITE_CLIENT();
var PALETTE = {
  materialized: "fill:#dcfce7,stroke:#16a34a,color:#14532d",
  fresh: "fill:#f3f4f6,stroke:#9ca3af,color:#374151",
  skipped: "fill:#fef9c3,stroke:#ca8a04,color:#713f12",
  failed: "fill:#fee2e2,stroke:#dc2626,color:#7f1d1d",
  cancelled: "fill:#ffedd5,stroke:#ea580c,color:#7c2d12",
  source: "fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e",
  upstream: "fill:#ffffff,stroke:#9ca3af,stroke-dasharray:4 3,color:#6b7280"
};
function flowchart(nodes, edges) {
  const ids = new Map(nodes.map((node, i) => [node.name, `n${i}`]));
  const lines = ["flowchart LR"];
  const used = new Set(nodes.map((n) => n.status));
  for (const [status, style] of Object.entries(PALETTE))
    if (used.has(status)) lines.push(`  classDef ${status} ${style}`);
  for (const [i, node] of nodes.entries()) {
    const label = mermaidLabel(node.label ?? node.name);
    lines.push(node.status === "source" ? `  n${i}[(${label})]` : `  n${i}[${label}]`);
  }
  for (const edge of edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    lines.push(
      edge.alias ? `  ${from} -.->|${mermaidLabel(`@${edge.alias}`)}| ${to}` : `  ${from} --> ${to}`
    );
  }
  for (const status of Object.keys(PALETTE)) {
    const members = nodes.flatMap((n, i) => n.status === status ? [`n${i}`] : []);
    if (members.length > 0) lines.push(`  class ${members.join(",")} ${status}`);
  }
  return lines.join("\n");
}

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
  const parts = [
    c.failed ? `${OUTCOME_ICON.failed} ${c.failed} failed` : "",
    c.cancelled ? `${OUTCOME_ICON.cancelled} ${c.cancelled} cancelled` : "",
    // A green check means something was built: a run that found everything fresh gets none.
    c.materialized ? `${OUTCOME_ICON.materialized} ${c.materialized} materialized` : "0 materialized",
    `${OUTCOME_ICON.fresh} ${c.fresh} fresh`,
    c.skipped ? `${OUTCOME_ICON.skipped} ${c.skipped} skipped` : ""
  ].filter(Boolean);
  lines.push(`**${parts.join(" \xB7 ")}**`, "");
  if (view.experiment && view.experiment.length > 0)
    lines.push(
      `\u{1F9EA} **Experiment**: config set for this run \u2014 ${view.experiment.map(md).join(", ")}. Its versions are compared with the champion and never promoted; the manifest's own versions are unchanged.`,
      ""
    );
  for (const change of view.championChanges.slice(0, MAX_HEADLINE_CHANGES)) {
    lines.push(
      change.from === null ? `\u{1F3C6} ${md(change.asset)}: **v${change.to}** becomes ${md(change.alias)}  ` : `\u{1F3C6} ${md(change.asset)}: ${md(change.alias)} v${change.from} \u2192 **v${change.to}**  `
    );
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
  const header = ["metric", "value", ...columns.map((b) => `vs ${BASELINE_LABEL[b]} v${d.baselines[b]}`)];
  const rows = d.metrics.map((row) => [
    metricName(row),
    formatNumber(row.value),
    ...columns.map((b) => formatDelta(row.deltas[b]))
  ]);
  const table = markdownTable([header, ...rows], { align: ["l", "r", ...columns.map(() => "r")] });
  if (columns.length === 0) return [table, ""];
  return [
    table,
    "",
    "<sub>\u25B2/\u25BC change \xB7 \u{1F7E2} better \xB7 \u{1F534} worse \xB7 \u26AA equal, by the metric's direction (\u2193 lower is better, \u2191 higher is better)</sub>",
    ""
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
  if (d.promotion) {
    const p = d.promotion;
    const head = p.promoted ? `\u{1F3C6} **Promoted** to ${md(p.alias)}` : p.promote ? `\u{1F7E1} **Eligible** for ${md(p.alias)}, not moved (not a promoting branch, or another run moved it first)` : `\u26D4 **Not promoted** to ${md(p.alias)}`;
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
    const legend = s.names.map((name, i) => `${CHART_COLOURS[i]?.swatch ?? ""} ${md(name)}`).join(" \xB7 ");
    const notes = [
      s.sourcePoints > s.steps.length ? `downsampled from ${s.sourcePoints} to ${s.steps.length} steps (LTTB)` : "",
      s.omitted.length > 0 ? `not drawn: ${s.omitted.map(md).join(", ")}` : ""
    ].filter(Boolean);
    lines.push(
      ...fold(`Training curves: ${s.names.map(md).join(", ")}`, [
        `\`\`\`mermaid
${seriesChartMermaid(`${asset.name} series`, s)}
\`\`\``,
        "",
        `Lines, in colour order: ${legend}${notes.length ? ` \u2014 ${notes.join("; ")}` : ""}`
      ])
    );
  }
  if (d.history) {
    const h = d.history;
    const current = h.points.find((p) => p.current);
    lines.push(
      ...fold(
        `${md(h.metric)} across the last ${h.points.length} versions${h.points.some((p) => p.champion) ? " (\u2605 holds the alias)" : ""}`,
        [
          `\`\`\`mermaid
${versionsChartMermaid(`${asset.name}: ${h.metric} by version`, h.metric, h.points)}
\`\`\``,
          "",
          current ? `This run wrote v${current.version}.` : ""
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

// src/report/view.ts
init_define_KILN_SITE_CLIENT();

// src/report/compare.ts
init_define_KILN_SITE_CLIENT();
function metricDirection(spec, name) {
  if (!spec) return void 0;
  return spec.directions[name] ?? (name === spec.primary ? spec.direction : void 0);
}
function markOf(delta, direction) {
  if (delta === 0) return "equal";
  if (!direction) return "unmarked";
  return direction === "minimize" === delta < 0 ? "better" : "worse";
}
function compareMetrics(metrics, spec, baselines) {
  const names = Object.keys(metrics).sort((a, b) => {
    if (a === spec?.primary) return -1;
    if (b === spec?.primary) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.flatMap((name) => {
    const value = metrics[name];
    if (value === void 0 || !Number.isFinite(value)) return [];
    const direction = metricDirection(spec, name);
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
        mark: markOf(d, direction)
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

// src/report/view.ts
var VIEW_SCHEMA = 1;
var HISTORY_VERSIONS = 20;
var LOG_TAIL_LINES = 30;
var LOG_LINE_CHARS = 300;
var DROP_ORDER = ["series", "history", "details"];
function championChange(asset) {
  const alias = asset.promoteAlias ?? asset.record?.promotion?.alias;
  if (!alias || asset.outcome !== "materialized") return void 0;
  const to = asset.aliasHolders[alias];
  const from = asset.champion?.version ?? null;
  if (to === void 0 || to === from || to !== asset.record?.version) return void 0;
  return { asset: asset.name, alias, from, to };
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
  const record = asset.outcome === "materialized" ? asset.record : void 0;
  const metrics = record?.metrics ?? asset.failure?.metrics ?? {};
  const baselines = {
    // Comparing a record with itself says nothing: a run that did not change the champion keeps
    // the old one as baseline, a run that promoted is compared with the one it replaced.
    champion: asset.champion && asset.champion.version !== record?.version ? asset.champion : void 0,
    previous: asset.previous,
    "merge-base": asset.mergeBase
  };
  const verdict = record?.promotion;
  const out = {
    metrics: compareMetrics(metrics, asset.metrics, baselines),
    baselines: {
      champion: baselines.champion?.version,
      previous: baselines.previous?.version,
      "merge-base": baselines["merge-base"]?.version
    },
    promotion: verdict ? {
      alias: verdict.alias,
      promote: verdict.promote,
      promoted: asset.aliasHolders[verdict.alias] === record?.version,
      reason: verdict.reason
    } : void 0,
    checks: record?.checks ?? asset.failure?.checks ?? []
  };
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
    const points = asset.history.slice(-HISTORY_VERSIONS).flatMap((r) => {
      const value = r.metrics[primary];
      if (value === void 0 || !Number.isFinite(value)) return [];
      return [
        { version: r.version, value, champion: r.version === holder, current: r.version === record?.version }
      ];
    });
    if (points.length >= 2) out.history = { metric: primary, points };
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
init_define_KILN_SITE_CLIENT();
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
async function mergeBaseRecord(records, git, head, base) {
  const sha = await git.mergeBase(head, base);
  if (!sha) return void 0;
  return { sha, record: await findMergeBaseRecord(records, (a, b) => git.isAncestor(a, b), sha) };
}

// src/app/run-report.ts
init_define_KILN_SITE_CLIENT();

// src/app/report-history.ts
init_define_KILN_SITE_CLIENT();

// src/app/run-report.ts
var HISTORY = 10;
var OUTCOMES = {
  success: "materialized",
  fresh: "fresh",
  skipped: "skipped",
  failed: "failed",
  cancelled: "cancelled"
};
async function buildRunReport(workspace, facts, context = {}) {
  const { project, ledger } = workspace;
  const assets = [];
  const headsOf = /* @__PURE__ */ new Map();
  for (const name of facts.plan.keys()) {
    const done = facts.outcomes.get(name);
    if (project.assets.has(name) && done && DETAILED.has(OUTCOMES[done.outcome]))
      headsOf.set(name, await ledger.heads(name));
  }
  const onLineage = await lineageFilter(workspaceLineage(workspace), [...headsOf.values()].flat());
  for (const [name, entry] of facts.plan) {
    const spec = project.assets.get(name);
    if (!spec) continue;
    const done = facts.outcomes.get(name);
    const record = done ? done.record : facts.latest.get(name);
    const holders = aliasHolders(await ledger.aliasHistory(name));
    const alias = spec.promote?.alias;
    const outcome = done ? OUTCOMES[done.outcome] : entry.status === "fresh" ? "fresh" : "skipped";
    const all = headsOf.get(name);
    const detail = all ? await detailContext(ledger, name, {
      record,
      all,
      onLine: all.filter((r) => onLineage(r) || r.version === record?.version),
      // The baseline of the promotion verdict: who held the alias before this run moved it.
      championVersion: done?.promotion ? done.promotion.from : alias ? holders.get(alias) : void 0,
      mergeBase: context.mergeBase
    }) : { history: [] };
    assets.push({
      name,
      outcome,
      reasons: entry.reasons,
      record: record && abridge(record, all !== void 0),
      series: detail.series,
      failure: done?.failure,
      error: done && !done.failure && (done.outcome === "failed" || done.outcome === "cancelled") ? done.detail : void 0,
      previous: detail.previous,
      champion: detail.champion,
      mergeBase: detail.mergeBase,
      history: detail.history,
      aliasHolders: Object.fromEntries(holders),
      links: {
        run: context.runUrl,
        commit: context.repo && facts.gitSha ? `${context.repo.serverUrl}/${context.repo.repository}/commit/${facts.gitSha}` : void 0,
        log: done?.logUrl,
        artifact: record ? downloadUrl(record) : void 0
      },
      durationMs: done?.durationMs ?? 0,
      skippedBecause: done?.outcome === "skipped" ? done.detail : outcome === "skipped" ? entry.reasons.join("; ") : void 0,
      metrics: spec.metrics,
      promoteAlias: alias
    });
  }
  const edges = [];
  for (const [name, deps] of facts.deps)
    for (const dep of deps) edges.push({ from: dep, to: name, alias: facts.aliases?.get(name)?.[dep] });
  return {
    event: facts.tick.event,
    tick: facts.tick.now.toISOString(),
    environment: workspace.environment,
    ref: facts.ref,
    gitSha: facts.gitSha,
    pullRequest: context.pullRequest,
    repo: context.repo,
    runUrl: context.runUrl,
    experiment: facts.experiment,
    assets,
    sources: [...project.sources.keys()],
    edges
  };
}
var DETAILED = /* @__PURE__ */ new Set(["materialized", "failed", "cancelled"]);
function abridge(record, detailed) {
  const { seriesFile: _file, seriesPreview: _preview, ...rest } = record;
  return {
    ...rest,
    provenance: { ...record.provenance, code: {}, inputs: {}, config: {}, env: {} },
    series: [],
    checks: detailed ? record.checks : []
  };
}
async function detailContext(ledger, name, facts) {
  const { record, all, onLine } = facts;
  const load = async (version) => version === null || version === void 0 ? void 0 : await ledger.materialization(name, version).then((r) => r && abridge(r, false));
  const previous = record ? onLine.filter((r) => r.version < record.version).at(-1) : onLine.at(-1);
  const base = facts.mergeBase ? await facts.mergeBase(name, all) : void 0;
  const points = record ? record.seriesPreview ?? await ledger.series(record) : [];
  return {
    // Downsampled here, once: the report's data holds the chart, never the whole series.
    series: points.length > 0 ? withSourcePoints(seriesChart(points), record?.seriesFile?.points) : void 0,
    previous: await load(previous?.version),
    champion: await load(facts.championVersion),
    mergeBase: await load(base?.version),
    history: onLine.slice(-HISTORY).map((h) => ({ version: h.version, metrics: h.metrics }))
  };
}
function withSourcePoints(chart, points) {
  return chart && points !== void 0 ? { ...chart, sourcePoints: Math.max(chart.sourcePoints, points) } : chart;
}
function downloadUrl(record) {
  const url = (kind) => record.locations.find((l) => l.kind === kind && l.url)?.url;
  return url("release") ?? url("artifact");
}

// src/action/report.ts
var REPORT_ARTIFACT = "kiln-report";
var COMMENT_FILE = "comment.md";
function notMovedReason(alias) {
  return `decided to promote, but the alias log has no move of ${alias} to this version: another run moved it first, or the job stopped before the move`;
}
async function factsFromLedger(workspace, inputs, runId, env, runJobs) {
  await workspace.ledger.refresh?.();
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    lineage: workspaceLineage(workspace)
  });
  const plan = /* @__PURE__ */ new Map();
  const outcomes = /* @__PURE__ */ new Map();
  const latest = /* @__PURE__ */ new Map();
  const silent = [];
  let experiment;
  for (const name of assessment.graph.order) {
    const state = assessment.assets.get(name);
    if (!state) continue;
    const heads = await workspace.ledger.heads(name);
    const mine = heads.filter((r) => r.context.runId === runId).at(-1);
    const failure = (await workspace.ledger.failures(name)).filter((f) => f.context.runId === runId).at(-1);
    const record = mine && await workspace.ledger.materialization(name, mine.version);
    experiment ??= (record ?? failure)?.context.experiment?.overrides;
    const beforeHead = heads.filter((r) => r.context.runId !== runId).at(-1);
    const before = beforeHead && await workspace.ledger.materialization(name, beforeHead.version);
    latest.set(name, before);
    const planned = inputs.plan[name] === "run";
    plan.set(name, {
      status: before ? planned ? "stale" : "fresh" : "missing",
      reasons: record?.reasons ?? failure?.reasons ?? state.reasons
    });
    if (record) {
      const verdict = record.promotion;
      const history = verdict ? await workspace.ledger.aliasHistory(name) : [];
      const move = verdict ? promotionMove(history, verdict.alias, record.version) : void 0;
      const holder = verdict ? aliasHolder(history, verdict.alias) : null;
      outcomes.set(name, {
        outcome: "success",
        detail: `v${record.version}`,
        record,
        durationMs: record.durationMs,
        promotion: verdict ? move ? {
          verdict: { ...verdict, reason: move.reason },
          moved: true,
          from: move.from,
          to: record.version
        } : {
          verdict: verdict.promote ? { ...verdict, promote: false, reason: notMovedReason(verdict.alias) } : verdict,
          moved: false,
          from: holder,
          to: holder
        } : void 0
      });
    } else if (failure) {
      outcomes.set(name, {
        outcome: failure.status === "cancelled" ? "cancelled" : "failed",
        detail: failure.error,
        failure,
        durationMs: failure.durationMs
      });
    } else if (planned) {
      silent.push(name);
    }
  }
  const project = workspace.project;
  const failedJobs = jobFailures({
    silent,
    jobs: assetJobs(project, Object.keys(inputs.jobResults)),
    needs: inputs.jobResults,
    runJobs,
    timeoutMinutes: (asset) => timeoutMinutes(project.assets.get(asset))
  });
  for (const name of silent) {
    const job = failedJobs.find((f) => f.asset === name);
    if (job) {
      outcomes.set(name, { outcome: job.outcome, detail: job.detail, logUrl: job.logUrl, durationMs: 0 });
      continue;
    }
    const upstream = (assessment.graph.deps.get(name) ?? []).find((dep) => {
      const done = outcomes.get(dep)?.outcome;
      return done === "failed" || done === "cancelled" || done === "skipped";
    });
    outcomes.set(name, {
      outcome: "skipped",
      detail: upstream ? `skipped: dependency ${upstream} ${outcomes.get(upstream)?.outcome === "skipped" ? "was skipped" : outcomes.get(upstream)?.outcome}` : "not materialized in this run: an upstream asset failed, the run was cancelled, or its data was unchanged",
      durationMs: 0
    });
  }
  return {
    tick: actionTick(env, inputs.event),
    gitSha: env.GITHUB_SHA,
    ref: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    plan,
    outcomes,
    latest,
    deps: assessment.graph.deps,
    experiment,
    aliases: assessment.graph.aliases
  };
}
async function listRunJobs(io, inputs, runId) {
  try {
    return await githubClientFromEnv(inputs.token, io.env).listRunJobs(Number(runId));
  } catch (error) {
    io.warning(
      `could not list this run's jobs (${error instanceof Error ? error.message : String(error)}); job results come from the workflow's needs only, without links to their logs`
    );
    return void 0;
  }
}
async function alert(io, inputs, workspace, github, facts) {
  if (io.env.KILN_SLACK_WEBHOOK) io.mask(io.env.KILN_SLACK_WEBHOOK);
  const channels = alertChannels(workspace.project.alerts, {
    token: inputs.token,
    env: io.env,
    warning: (message) => io.warning(message)
  });
  const run = {
    runId: github.runId,
    runUrl: github.runUrl,
    refName: github.refName,
    repository: github.repository
  };
  const jobs = assetJobs(workspace.project, Object.keys(inputs.jobResults));
  const { failures, fixed } = await runAlerts({
    outcomes: facts.outcomes,
    jobName: (asset) => jobs.get(asset)?.name,
    alreadyAlerted: (failure) => repeatsFailure(workspace, failure)
  });
  const cursor = await workspace.ledger.readCursor(workspace.git.branch ?? "local");
  failures.push(...sourceFailureAlerts(cursor?.sources, github.runId));
  await sendFailureAlerts(failures, run, channels);
  await closeFailureIssues(fixed, run, channels);
}
async function repeatsFailure(workspace, failure) {
  const [failures, records] = await Promise.all([
    workspace.ledger.failures(failure.asset),
    workspace.ledger.heads(failure.asset)
  ]);
  return repeatsEarlierFailure(failure, failures, records);
}
async function reportAction(io, inputs) {
  const workspace = await actionWorkspace(io, inputs, actionTick(io.env, inputs.event));
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const github = read.context;
  const runJobs = await listRunJobs(io, inputs, github.runId);
  const facts = await io.group(
    "Read this run from the ledger",
    () => factsFromLedger(workspace, inputs, github.runId, io.env, runJobs)
  );
  const root = workspace.git.root ?? workspace.project.root;
  const pr = github.pullRequest;
  const prTitle = github.event.pull_request?.title;
  const mergeBase2 = pr ? async (_asset, records) => (await mergeBaseRecord(
    records,
    { mergeBase: (a, b) => mergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
    pr.headSha,
    pr.baseSha
  ))?.record : void 0;
  const report = await buildRunReport(workspace, facts, {
    runUrl: github.runUrl,
    repo: { serverUrl: github.serverUrl, repository: github.repository },
    pullRequest: pr ? { number: pr.number, title: prTitle, base: pr.baseRef } : void 0,
    mergeBase: mergeBase2
  });
  await io.summary(renderReport(report, { format: "md", budget: "summary" }));
  if (pr) {
    const marker = stickyCommentMarker(github.workflow ?? "kiln", inputs.manifest);
    const body = renderReport(report, { format: "md", budget: "comment", marker });
    const client = githubClientFromEnv(inputs.token, io.env);
    const posted = await client.upsertStickyComment({ issueNumber: pr.number, marker, body });
    if (posted.ok)
      io.info(`${posted.value.created ? "created" : "updated"} the report comment: ${posted.value.url}`);
    else {
      const dir = await mkdtemp(path.join(io.env.RUNNER_TEMP ?? os.tmpdir(), "kiln-report-"));
      await writeFile(path.join(dir, COMMENT_FILE), body);
      await uploadFiles(REPORT_ARTIFACT, [path.join(dir, COMMENT_FILE)], dir, 7);
      io.warning(
        `The pull-request comment was not posted (${posted.message}): pull requests from forks get a read-only token. The report is in this job's summary and in the ${REPORT_ARTIFACT} artifact, which workflows/kiln-comment.yml posts.`
      );
    }
  }
  await alert(io, inputs, workspace, github, facts);
  const failed = [...facts.outcomes].filter(([, o]) => o.outcome === "failed" || o.outcome === "cancelled").map(([name]) => name);
  io.setOutput(
    "ran",
    String([...facts.outcomes.values()].some((o) => o.outcome === "success" || o.outcome === "failed"))
  );
  if (failed.length > 0) io.info(`failed or cancelled in this run: ${failed.join(", ")}`);
}

export {
  stickyCommentMarker,
  REPORT_ARTIFACT,
  COMMENT_FILE,
  factsFromLedger,
  reportAction
};
