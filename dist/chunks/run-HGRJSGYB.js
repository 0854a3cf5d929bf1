#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  keepReport,
  mergeBaseRecord,
  renderReport
} from "./chunk-2MY6PHG6.js";
import {
  seriesChart
} from "./chunk-FLIEYAV7.js";
import {
  runPipeline
} from "./chunk-F2V65X6J.js";
import {
  OVERRIDES_HINT,
  lineageFilter,
  overridesFrom
} from "./chunk-XOCBYPYB.js";
import "./chunk-KXZWORLU.js";
import "./chunk-HVBQMAXS.js";
import {
  terminalTable
} from "./chunk-36PGMSKF.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources,
  workspaceLineage
} from "./chunk-DX56Z66D.js";
import "./chunk-67TSPKVQ.js";
import {
  actionsReporter,
  liveTableReporter,
  plainReporter
} from "./chunk-LOPR52TU.js";
import {
  formatDuration
} from "./chunk-PDYJWWEO.js";
import "./chunk-65DE642U.js";
import "./chunk-VHEJAUQZ.js";
import "./chunk-R7ZA2L4F.js";
import {
  unreportedMetric
} from "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import {
  ExitCode
} from "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import {
  aliasHolders
} from "./chunk-7FVTXTAK.js";
import {
  isAncestor,
  mergeBase
} from "./chunk-XBDFPIQI.js";
import {
  UserError
} from "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-TI3FK6ZA.js";

// src/cli/run.ts
init_define_KILN_SITE_CLIENT();
import os from "node:os";
import path from "node:path";

// src/app/outcome-notes.ts
init_define_KILN_SITE_CLIENT();
function outcomeNotes(outcome, asset) {
  const record = outcome.record ?? outcome.failure;
  if (!record) return [];
  const notes = (record.warnings ?? []).map((warning) => `\u26A0 ${warning}`);
  for (const check of record.checks) {
    if (!check.passed && !check.blocking)
      notes.push(`\u2717 check ${check.name} failed (not blocking): ${check.message}`);
  }
  if (outcome.outcome !== "success") return notes;
  const primary = asset?.metrics?.primary;
  const promotion = outcome.promotion;
  if (promotion) {
    const { verdict, moved, from, to } = promotion;
    notes.push(
      moved ? `\u2605 ${verdict.alias} \u2192 v${to}: ${verdict.reason}` : `${verdict.alias} ${from === null ? "not assigned" : `stays on v${from}`}: ${verdict.reason}`
    );
  } else if (primary && record.metrics[primary] === void 0 && !record.notFinite?.[primary]) {
    notes.push(`\u26A0 primary ${unreportedMetric(primary, Object.keys(record.metrics))}`);
  }
  return notes;
}

// src/app/run-report.ts
init_define_KILN_SITE_CLIENT();
var HISTORY = 10;
var OUTCOMES = {
  success: "materialized",
  fresh: "fresh",
  skipped: "skipped",
  failed: "failed",
  cancelled: "cancelled"
};
function pipelineFacts(result) {
  return {
    tick: result.plan.tick,
    gitSha: result.context.gitSha,
    ref: result.context.ref,
    plan: result.plan.assets,
    outcomes: result.execution.outcomes,
    latest: new Map([...result.assessment.assets].map(([name, a]) => [name, a.latest])),
    deps: result.assessment.graph.deps,
    experiment: result.experiment,
    aliases: result.assessment.graph.aliases
  };
}
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
async function writeRunReport(workspace, result, context = {}) {
  const report = await buildRunReport(
    { ...workspace, ledger: result.ledger },
    pipelineFacts(result),
    context
  );
  return keepReport(workspace.reportsDir, report, renderReport(report, { format: "md", budget: "none" }));
}
function downloadUrl(record) {
  const url = (kind) => record.locations.find((l) => l.kind === kind && l.url)?.url;
  return url("release") ?? url("artifact");
}

// src/cli/run.ts
function parseJobs(text) {
  if (text === void 0) return os.availableParallelism();
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UserError(`--jobs must be a whole number of 1 or more, not "${text}"`);
  return jobs;
}
async function runCommand(io, globals, selection, options) {
  const jobs = parseJobs(options.jobs);
  const tick = cliTick(options, io.env);
  const workspace = await cliWorkspace(io, globals, { event: tick.event, base: options.base });
  const overrides = overridesFrom(workspace.project, workspace.environment, options.set ?? []);
  if (!overrides.ok) throw new UserError(overrides.errors.join("\nkiln: error: "), OVERRIDES_HINT);
  const reporter = io.env.GITHUB_ACTIONS === "true" ? actionsReporter(io.stdout) : io.isTTY && !options.verbose ? liveTableReporter(io.redraw ?? io.stdout, { columns: io.columns }) : plainReporter(io.stdout, { verbose: options.verbose });
  const controller = new AbortController();
  const onSignal = (signal) => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr(`
kiln: ${signal}: stopping the running steps\u2026
`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  io.stdout(
    `kiln: ${workspace.loaded.display} \xB7 environment ${workspace.environment} (${workspace.decision.why}) \xB7 ${jobs} worker(s)
`
  );
  if (overrides.overrides.texts.length > 0)
    io.stdout(
      `kiln: experiment \u2014 config set for this run: ${overrides.overrides.texts.join(" ")} (recorded and compared with the champion; never promoted, and the manifest's own versions stay as they are)
`
    );
  let outcome;
  try {
    outcome = await runPipeline({
      workspace,
      selection,
      force: options.force ?? false,
      jobs,
      tick,
      reporter,
      signal: controller.signal,
      env: io.env,
      restoreFresh: true,
      overrides: overrides.overrides,
      experimentSelection: true
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  const { plan, execution } = outcome.result;
  for (const { asset, outcome: done } of outcome.result.completed)
    io.stdout(`\u2605 ${asset}: ${done.verdict.alias} \u2192 v${done.to}: ${done.verdict.reason}
`);
  reportLedgerProblems(workspace, io);
  reportUnavailableSources(outcome.result.assessment, io);
  const outcomes = execution.outcomes;
  const rows = [...plan.assets].map(([name, entry]) => {
    const done = outcomes.get(name);
    const latest = outcome.result.assessment.assets.get(name)?.latest;
    if (!done && entry.status === "fresh") return [name, "fresh", "", latest ? `v${latest.version}` : ""];
    if (!done) return [name, "skipped", "", entry.reasons.join("; ")];
    return [name, done.outcome, done.durationMs ? formatDuration(done.durationMs) : "", done.detail];
  });
  io.stdout(`
${terminalTable(["asset", "result", "time", "detail"], rows)}
`);
  const restoredLines = outcome.result.restored.filter((r) => r.restored.length > 0 || r.error).map(
    (r) => r.error ? `kiln: warning: ${r.error}
` : `restored ${r.restored.length} output(s) of ${r.asset} v${r.version} from ${r.from.join(", ")}
`
  );
  if (restoredLines.length) io.stdout(`
${restoredLines.join("")}`);
  const notes = [...outcomes.values()].flatMap(
    (done) => outcomeNotes(done, workspace.project.assets.get(done.asset)).map((note) => `${done.asset}: ${note}
`)
  );
  if (notes.length > 0) io.stdout(`
${notes.join("")}`);
  const root = workspace.git.root;
  const base = options.base;
  if (base && !root) throw new UserError("--base needs a git repository");
  const written = await writeRunReport(workspace, outcome.result, {
    mergeBase: base && root ? async (_asset, records) => (await mergeBaseRecord(
      records,
      { mergeBase: (a, b) => mergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
      "HEAD",
      base
    ))?.record : void 0
  });
  const failed = [...outcomes.values()].filter((o) => o.outcome === "failed");
  for (const failure of failed) {
    io.stderr(`
\u2717 ${failure.asset} failed: ${failure.detail}
`);
    const tail = failure.failure?.logTail.slice(-10) ?? [];
    if (tail.length) io.stderr(`${tail.map((line) => `  | ${line}`).join("\n")}
`);
    if (failure.logFile) io.stderr(`  full log: ${path.relative(io.cwd, failure.logFile)}
`);
  }
  const ran = [...outcomes.values()].filter((o) => o.outcome === "success").length;
  const waiting = [...plan.assets].filter(([name, e]) => e.status !== "fresh" && !outcomes.has(name)).map(([name]) => name);
  let headline = "";
  if (ran === 0 && failed.length === 0 && !execution.cancelled) {
    headline = waiting.length === 0 ? "Everything is fresh: nothing to run.\n" : `Nothing ran at this tick: ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} not fresh but not due (see \`kiln plan --explain ${waiting[0]}\`; \`kiln run ${waiting[0]}\` runs it now).
`;
  }
  const reportLine = written.latest ? `Report: ${path.relative(io.cwd, written.latest)}` : `Report: ${path.relative(io.cwd, written.file)} (latest.md still shows the last run that did something)`;
  io.stdout(`
${headline}${reportLine}
`);
  if (execution.cancelled) throw new ExitCode(130);
  return failed.length > 0 ? 1 : 0;
}
export {
  runCommand
};
