// `kiln run`: plan and materialize locally, with live progress, a summary and a Markdown report.
import { isPullRequest } from "../app/environment.js";
import type { CheckoutReads } from "../git/repo.js";
import os from "node:os";
import path from "node:path";
import { formatDuration } from "../report/format.js";
import { actionsReporter, liveTableReporter, plainReporter, streamActionsLog } from "../run/progress.js";
import { isAncestor, mergeBase } from "../git/repo.js";
import { outcomeNotes } from "../app/outcome-notes.js";
import { runPipeline } from "../app/pipeline.js";
import { OVERRIDES_HINT, overridesFrom } from "../manifest/overrides.js";
import { ExitCode, UserError, userErrorText } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliTick } from "./tick.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources,
  reportUnmatchedPatterns,
} from "./workspace.js";
import { parseJobs } from "./jobs.js";

export interface RunCommandOptions {
  jobs?: string;
  force?: boolean;
  verbose?: boolean;
  event?: string;
  now?: string;
  /** Compare with the merge-base of HEAD and this ref in the report (a pull request's view). */
  base?: string;
  /** `ASSET.KEY=VALUE` run config for this run only: an experiment. */
  set?: string[];
}

export async function runCommand(
  io: CliIO,
  globals: GlobalOptions,
  selection: string[],
  options: RunCommandOptions,
  reads?: CheckoutReads,
): Promise<number> {
  const jobs = parseJobs(options.jobs, os.availableParallelism());
  const tick = cliTick(options, io.env);
  // A run asked to build something starts its step spawner before loading the manifest, so the
  // spawner's start-up overlaps loading and planning (see runPipeline). Imported only then: a run
  // that finds everything fresh never loads it.
  if (options.force || selection.length > 0)
    void import("../run/step-spawner.js").then(
      (m) => m.stepSpawner().warm(),
      () => {}, // the pipeline's own import of it reports the problem
    );
  const workspace = await cliWorkspace(io, globals, { event: tick.event, base: options.base, reads });
  const overrides = overridesFrom(workspace.project, workspace.environment, options.set ?? []);
  if (!overrides.ok) throw new UserError(overrides.errors.join("\nkiln: error: "), OVERRIDES_HINT);
  const reporter =
    io.env.GITHUB_ACTIONS === "true"
      ? actionsReporter(streamActionsLog(io.stdout, io.raw ?? io.stdout))
      : io.isTTY && !options.verbose
        ? liveTableReporter(io.raw ?? io.stdout, { columns: io.columns, rows: io.rows })
        : plainReporter(io.stdout, { verbose: options.verbose });

  // Ctrl-C or SIGTERM: stop the running steps (their process groups), start nothing new, record
  // them as cancelled. A second Ctrl-C leaves at once.
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr(`\nkiln: ${signal}: stopping the running steps…\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  io.stdout(
    `kiln: ${workspace.loaded.display} · environment ${workspace.environment} (${workspace.decision.why}) · ${jobs} worker(s)\n`,
  );
  if (overrides.overrides.texts.length > 0)
    io.stdout(
      `kiln: experiment — config set for this run: ${overrides.overrides.texts.join(" ")} (recorded and compared with the champion; never promoted, and the manifest's own versions stay as they are)\n`,
    );
  let outcome: Awaited<ReturnType<typeof runPipeline>>;
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
      experimentSelection: true,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  const { plan, execution } = outcome.result;
  for (const { asset, outcome: done } of outcome.result.completed)
    io.stdout(`★ ${asset}: ${done.verdict.alias} → v${done.to}: ${done.verdict.reason}\n`);
  for (const { asset, reason } of outcome.result.held) io.stdout(`${asset}: ${reason}\n`);
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
  io.stdout(`\n${terminalTable(["asset", "result", "time", "detail"], rows)}\n`);
  const restoredLines = outcome.result.restored
    .filter((r) => r.restored.length > 0 || r.error)
    .map((r) =>
      r.error
        ? `kiln: warning: ${r.error}\n`
        : `restored ${r.restored.length} output(s) of ${r.asset} v${r.version} from ${r.from.join(", ")}\n`,
    );
  if (restoredLines.length) io.stdout(`\n${restoredLines.join("")}`);
  const notes = [...outcomes.values()].flatMap((done) =>
    outcomeNotes(done, workspace.project.assets.get(done.asset)).map((note) => `${done.asset}: ${note}\n`),
  );
  if (notes.length > 0) io.stdout(`\n${notes.join("")}`);

  const root = workspace.git.root;
  if (options.base && !root) throw new UserError("--base needs a git repository");
  // Without --base, a pull request's run took the default branch as its base for the environment
  // (app/environment.ts): its report compares with the merge-base of that same branch.
  const base =
    options.base ??
    (isPullRequest(workspace.event) && workspace.decision.branch !== workspace.git.branch
      ? workspace.decision.branch
      : undefined);
  // Loaded only now: a run's planning is measurably slower with the report's modules loaded
  // beside it (their code on the heap), and nothing before this point uses them.
  const [{ writeRunReport }, { mergeBaseRecord }] = await Promise.all([
    import("../app/run-report.js"),
    import("../report/index.js"),
  ]);
  const written = await writeRunReport(workspace, outcome.result, {
    mergeBase:
      base && root
        ? async (_asset, records) =>
            (
              await mergeBaseRecord(
                records,
                { mergeBase: (a, b) => mergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
                "HEAD",
                base,
                workspace.environment,
              )
            )?.record
        : undefined,
  });
  const failed = [...outcomes.values()].filter((o) => o.outcome === "failed");
  for (const failure of failed) {
    io.stderr(`\n✗ ${failure.asset} failed: ${failure.detail}\n`);
    const tail = failure.failure?.logTail.slice(-10) ?? [];
    if (tail.length) io.stderr(`${tail.map((line) => `  | ${line}`).join("\n")}\n`);
    if (failure.logFile) io.stderr(`  full log: ${path.relative(io.cwd, failure.logFile)}\n`);
  }
  const ran = [...outcomes.values()].filter((o) => o.outcome === "success").length;
  const waiting = [...plan.assets]
    .filter(([name, e]) => e.status !== "fresh" && !outcomes.has(name))
    .map(([name]) => name);
  // A selection is a request (outside a pull request's run, where it only narrows what the pull
  // request plans): an asset it names that neither ran nor was fresh fails the command, as make
  // and DVC fail a target they cannot build. It waits for a dependency not built, or a source.
  const unmet =
    selection.length > 0 && !isPullRequest(workspace.event) && !execution.cancelled ? waiting : [];
  for (const name of unmet) {
    const on = plan.assets.get(name)?.waitingOn ?? [];
    io.stderr(
      on.length > 0
        ? userErrorText(
            `${name} did not run: it waits for ${on.join(", ")}, which this run does not build`,
            `\`kiln run +${name}\` builds what it needs first`,
          )
        : userErrorText(`${name} did not run: ${plan.assets.get(name)?.reasons.join("; ")}`),
    );
  }
  let headline = "";
  if (ran === 0 && failed.length === 0 && unmet.length === 0 && !execution.cancelled) {
    const first = waiting[0];
    const held = first !== undefined && (plan.assets.get(first)?.waitingOn?.length ?? 0) > 0;
    headline =
      first === undefined
        ? "Everything is fresh: nothing to run.\n"
        : `Nothing ran at this tick: ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} not fresh but not due (see \`kiln plan --explain ${first}\`; ${held ? `\`kiln run +${first}\` runs it now with what it needs` : `\`kiln run ${first}\` runs it now`}).\n`;
  }
  // An idle run keeps its own report; `latest.md` still shows the last run that did something.
  const reportLine = written.latest
    ? `Report: ${path.relative(io.cwd, written.latest)}`
    : `Report: ${path.relative(io.cwd, written.file)} (latest.md still shows the last run that did something)`;
  io.stdout(`\n${headline}${reportLine}\n`);
  if (execution.cancelled) throw new ExitCode(130);
  return failed.length > 0 || unmet.length > 0 ? 1 : 0;
}
