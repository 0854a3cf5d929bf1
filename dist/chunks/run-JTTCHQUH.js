import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  parseJobs
} from "./chunk-SAKR2U25.js";
import {
  terminalTable
} from "./chunk-4BTWH4UN.js";
import {
  actionsReporter,
  liveTableReporter,
  plainReporter,
  streamActionsLog
} from "./chunk-ZNLPZKFG.js";
import "./chunk-HX4NHBDN.js";
import {
  formatDuration
} from "./chunk-NBF2VUI6.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources,
  reportUnmatchedPatterns
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  OVERRIDES_HINT,
  overridesFrom,
  runPipeline
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  isPullRequest
} from "./chunk-OAUXH6FU.js";
import {
  unreportedMetric
} from "./chunk-CZZZSMQQ.js";
import {
  ExitCode,
  UserError,
  isAncestor,
  mergeBase,
  userErrorText
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/run.ts
import os from "node:os";
import path from "node:path";

// src/app/outcome-notes.ts
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

// src/cli/run.ts
async function runCommand(io, globals, selection, options, reads) {
  const jobs = parseJobs(options.jobs, os.availableParallelism());
  const tick = cliTick(options, io.env);
  if (options.force || selection.length > 0)
    void import("./step-spawner-HA7ECGB4.js").then(
      (m) => m.stepSpawner().warm(),
      () => {
      }
      // the pipeline's own import of it reports the problem
    );
  const workspace = await cliWorkspace(io, globals, { event: tick.event, base: options.base, reads });
  const overrides = overridesFrom(workspace.project, workspace.environment, options.set ?? []);
  if (!overrides.ok) throw new UserError(overrides.errors.join("\nkiln: error: "), OVERRIDES_HINT);
  const reporter = io.env.GITHUB_ACTIONS === "true" ? actionsReporter(streamActionsLog(io.stdout, io.raw ?? io.stdout)) : io.isTTY && !options.verbose ? liveTableReporter(io.raw ?? io.stdout, { columns: io.columns, rows: io.rows }) : plainReporter(io.stdout, { verbose: options.verbose });
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
  for (const { asset, reason } of outcome.result.held) io.stdout(`${asset}: ${reason}
`);
  reportLedgerProblems(workspace, io);
  reportUnavailableSources(outcome.result.assessment, io);
  reportUnmatchedPatterns(outcome.result.assessment, plan.assets.keys(), io);
  const outcomes = execution.outcomes;
  const rows = [...plan.assets].map(([name, entry]) => {
    const done = outcomes.get(name);
    const current = outcome.result.assessment.assets.get(name)?.current;
    const madeStale = outcome.result.madeStale.get(name);
    if (!done && madeStale)
      return [name, "skipped", "", `${madeStale.join("; ")}${current ? ` (v${current.version})` : ""}`];
    if (!done && entry.status === "fresh") return [name, "fresh", "", current ? `v${current.version}` : ""];
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
  if (options.base && !root) throw new UserError("--base needs a git repository");
  const base = options.base ?? (isPullRequest(workspace.event) && workspace.decision.branch !== workspace.git.branch ? workspace.decision.branch : void 0);
  const [{ writeRunReport }, { mergeBaseRecord }] = await Promise.all([
    import("./run-report-NMUANPJ3.js"),
    import("./report-EBGYHC3Z.js")
  ]);
  const written = await writeRunReport(workspace, outcome.result, {
    mergeBase: base && root ? async (_asset, records) => (await mergeBaseRecord(
      records,
      { mergeBase: (a, b) => mergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
      "HEAD",
      base,
      workspace.environment
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
  const unmet = selection.length > 0 && !isPullRequest(workspace.event) && !execution.cancelled ? waiting : [];
  for (const name of unmet) {
    const on = plan.assets.get(name)?.waitingOn ?? [];
    io.stderr(
      on.length > 0 ? userErrorText(
        `${name} did not run: it waits for ${on.join(", ")}, which this run does not build`,
        `\`kiln run +${name}\` builds what it needs first`
      ) : userErrorText(`${name} did not run: ${plan.assets.get(name)?.reasons.join("; ")}`)
    );
  }
  let headline = "";
  if (ran === 0 && failed.length === 0 && unmet.length === 0 && !execution.cancelled) {
    const first = waiting[0];
    const held = first !== void 0 && (plan.assets.get(first)?.waitingOn?.length ?? 0) > 0;
    headline = first === void 0 ? "Everything is fresh: nothing to run.\n" : `Nothing ran at this tick: ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} not fresh but not due (see \`kiln plan --explain ${first}\`; ${held ? `\`kiln run +${first}\` runs it now with what it needs` : `\`kiln run ${first}\` runs it now`}).
`;
  }
  const reportLine = written.latest ? `Report: ${path.relative(io.cwd, written.latest)}` : `Report: ${path.relative(io.cwd, written.file)} (latest.md still shows the last run that did something)`;
  io.stdout(`
${headline}${reportLine}
`);
  if (execution.cancelled) throw new ExitCode(130);
  return failed.length > 0 || unmet.length > 0 ? 1 : 0;
}
export {
  runCommand
};
