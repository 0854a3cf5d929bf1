// The plan of one tick: which selected assets run and why. Staleness comes from src/version; the
// automation conditions decide (src/automation); this module joins the two and keeps the cursors.
import {
  type AssetFacts,
  cronConditions,
  type CursorRequest,
  type Evaluation,
  usesOnMissing,
} from "../automation/conditions.js";
import { loadCron } from "../automation/cron.js";
import { type HandledFailure, retryAt } from "../automation/handled.js";
import { planTick } from "../automation/plan.js";
import type { Tick } from "../automation/tick.js";
import { applyCursorChanges, type CursorChanges } from "../ledger/cursor-changes.js";
import type { Ledger } from "../ledger/ledger.js";
import type { CursorScope, SourceFailureMark } from "../domain/records.js";
import type { RunAttempt } from "../domain/run-attempt.js";
import type { AssetSpec, Project } from "../manifest/project.js";
import type { AssetAssessment, FailedAtVersion, ProjectAssessment } from "../version/status.js";
import type { PullRequestChanges } from "./pull-request-changes.js";

export type { Tick, TickEvent } from "../automation/tick.js";

export interface PlanEntry {
  status: "fresh" | "stale" | "missing";
  run: boolean;
  /** Runs even when fresh at run time: a cron tick, a selection or `force`, not staleness. */
  request: boolean;
  reasons: string[];
  /** The automation condition's evaluation, for `--explain`. */
  evaluation?: Evaluation | undefined;
  /** The dependencies it waits for, not built and not run now (see PlannedAsset). */
  waitingOn?: string[] | undefined;
}

export interface RunPlan {
  tick: Tick;
  assets: Map<string, PlanEntry>;
  /**
   * Records the tick as handled (the automation cursors). After the plan was carried out, with
   * the assets that have an outcome (materialized, failed, or found fresh): a cron tick is handled
   * only by its request's outcome, so an asset skipped (its dependency failed) or not started
   * keeps its tick. Without `handled` (a workflow's plan job, before any asset job ran), every
   * planned asset's entry is written as a request of the running workflow run, which handles the
   * tick only once the asset has an outcome after it (see automation/conditions.ts CursorRequest).
   */
  commit(handled?: ReadonlySet<string>): Promise<void>;
}

export interface PlanRequest {
  project: Project;
  assessment: ProjectAssessment;
  ledger: Ledger;
  selection: ReadonlySet<string>;
  /** True when the user named the assets: they run when not fresh, whatever their condition. */
  explicit: boolean;
  force: boolean;
  tick: Tick;
  /** Whose cursor (app/workspace.ts cursorScope). */
  scope: CursorScope;
  /** Run config set at run time: the tick is not handled (an experiment consumes no cron tick). */
  experiment?: boolean | undefined;
  /** The workflow run, on GitHub: recorded with a source failure mark, for its one alert. */
  runId?: string | undefined;
  /** Its attempt (GITHUB_RUN_ATTEMPT), kept with the cursor entries its plan job writes. */
  runAttempt?: number | undefined;
  /** The commit checked out: where the line took up the versions it found fresh elsewhere. */
  gitSha?: string | undefined;
  /** On a pull request's tick: what it changes (src/app/pull-request-changes.ts). */
  pullRequest?: PullRequestChanges | undefined;
}

/**
 * A failure at the current logical version, with the asset's `retry-failed` policy applied.
 * `runId`: the workflow run planning or running now. A failure made by an earlier attempt of that
 * same run handles nothing: GitHub's "Re-run failed jobs" / "Re-run all jobs" is the user asking
 * for exactly that retry (skipping it turned the re-run green without training anything).
 */
export function handledFailure(
  spec: AssetSpec,
  failed: FailedAtVersion | undefined,
  runId: string | undefined,
): HandledFailure | undefined {
  if (!failed) return undefined;
  if (runId !== undefined && runId !== "" && failed.runId === runId) return undefined;
  const at = new Date(failed.at);
  return {
    at,
    failures: failed.failures,
    error: failed.error,
    retryAt: retryAt(at, failed.failures, spec.retryFailedMs),
  };
}

/**
 * The since-point of the conditions: the newest materialization or failure, but not a failure of
 * the workflow run planning now (an earlier attempt's, which a re-run retries, see handledFailure):
 * then the newest materialization.
 */
function sincePoint(a: AssetAssessment, runId: string | undefined): AssetFacts["lastHandled"] {
  const handled = a.lastHandled;
  if (!handled) return undefined;
  const ownFailure =
    handled.kind === "failed" &&
    runId !== undefined &&
    runId !== "" &&
    a.lastFailure?.status === "failed" &&
    a.lastFailure.finishedAt === handled.at &&
    a.lastFailure.context?.runId === runId;
  if (ownFailure)
    return a.current
      ? { at: new Date(a.current.finishedAt), what: `materialized v${a.current.version}` }
      : undefined;
  return {
    at: new Date(handled.at),
    what: handled.kind === "failed" ? "failed" : `materialized v${handled.version}`,
  };
}

/**
 * The dependencies each asset that runs reads at their current version although they are stale:
 * an asset `on_missing` builds while missing reads the present version of a stale dependency that
 * does not run in this run (or in another job of it), as the condition promised. The plan job and
 * an asset job work it out alike from the same assessment.
 */
export function currentReads(
  project: Project,
  assessment: ProjectAssessment,
  running: ReadonlySet<string>,
): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  for (const name of running) {
    const spec = project.assets.get(name);
    if (!spec || !usesOnMissing(spec.automation) || assessment.assets.get(name)?.status !== "missing")
      continue;
    const deps = spec.deps.filter(
      (dep) =>
        project.assets.has(dep) &&
        spec.depAliases[dep] === undefined &&
        !running.has(dep) &&
        assessment.assets.get(dep)?.status === "stale" &&
        assessment.assets.get(dep)?.current !== undefined &&
        !assessment.assets.get(dep)?.causes.some((c) => c.kind === "outputs-lost"),
    );
    if (deps.length > 0) reads.set(name, new Set(deps));
  }
  return reads;
}

export function assetFacts(
  project: Project,
  assessment: ProjectAssessment,
  runId?: string | undefined,
): Map<string, AssetFacts> {
  const facts = new Map<string, AssetFacts>();
  for (const [name, a] of assessment.assets) {
    const spec = project.assets.get(name)!;
    const deps = spec.deps;
    facts.set(name, {
      status: a.status,
      codeChanged: a.codeChanged,
      depsUpdated: a.depsUpdated,
      assetDeps: deps.filter((d) => project.assets.has(d)),
      aliasDeps: Object.keys(spec.depAliases).length > 0 ? spec.depAliases : undefined,
      unavailableDeps: a.unavailable,
      outputsLost: a.causes.some((c) => c.kind === "outputs-lost") || undefined,
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.current ? new Date(a.current.finishedAt) : undefined,
      lastHandled: sincePoint(a, runId),
      failure: handledFailure(spec, a.failedAtVersion, runId),
      unavailableSources: deps.flatMap((d) => {
        const why = assessment.sources.get(d)?.unavailable;
        // One line for tables and job outputs: the command's stderr lines joined.
        return why ? [{ source: d, why: why.replace(/:\n\s+/, ": ").replace(/\n\s*/g, " / ") }] : [];
      }),
    });
  }
  return facts;
}

/**
 * What this tick observed of the sources: a failing one's mark (the stored one while it keeps
 * failing, so it alerts once; a new one for a new failure), null for one that no longer fails or
 * is no longer declared (its mark goes).
 */
function sourceFailureMarks(
  assessment: ProjectAssessment,
  stored: Readonly<Record<string, SourceFailureMark>>,
  tick: Tick,
  run: RunAttempt | undefined,
): Record<string, SourceFailureMark | null> {
  const marks: Record<string, SourceFailureMark | null> = {};
  for (const name of Object.keys(stored)) if (!assessment.sources.has(name)) marks[name] = null;
  for (const [name, source] of assessment.sources) {
    marks[name] =
      source.unavailable === undefined
        ? null
        : (stored[name] ?? {
            since: tick.now.toISOString(),
            error: source.unavailable,
            ...(run ? { runId: run.run, ...(run.attempt ? { runAttempt: run.attempt } : {}) } : {}),
          });
  }
  return marks;
}

export async function planRun(request: PlanRequest): Promise<RunPlan> {
  const { project, assessment, tick } = request;
  // Conditions are evaluated synchronously: croner first, when some asset has a cron condition.
  if ([...project.assets.values()].some((asset) => cronConditions(asset.automation).length > 0))
    await loadCron();
  const stored = await request.ledger.readCursor(request.scope);
  const planned = planTick({
    assets: assessment.graph.order
      .filter((name) => project.assets.has(name))
      .map((name) => {
        const asset = project.assets.get(name)!;
        return {
          name,
          condition: asset.automation,
          pullRequests: asset.pullRequests,
          reasons: assessment.assets.get(name)!.reasons,
          changedByPullRequest: request.pullRequest?.changed?.has(name),
        };
      }),
    facts: assetFacts(project, assessment, request.runId),
    cursors: stored?.assets ?? {},
    requests: stored?.requests,
    run: request.runId ? { run: request.runId, attempt: request.runAttempt } : undefined,
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force,
    pullRequestBase: request.pullRequest?.base,
  });
  const sources = sourceFailureMarks(
    assessment,
    stored?.sources ?? {},
    tick,
    request.runId ? { run: request.runId, attempt: request.runAttempt } : undefined,
  );
  /**
   * What this tick changes in the cursor: the entries of the planned assets in `handled` (all of
   * them without it), each moved to the tick's time (see planTick), and the sources it observed.
   * Only these: other runs of the scope may have moved other entries since `stored` was read.
   */
  const changesAfter = (handled: ReadonlySet<string> | undefined): CursorChanges => {
    const by: CursorRequest | undefined =
      handled === undefined && request.runId
        ? { run: request.runId, ...(request.runAttempt ? { attempt: request.runAttempt } : {}) }
        : undefined;
    const entries: CursorChanges["entries"] = {};
    for (const [name, entry] of planned.assets) {
      if (!entry.run || (handled !== undefined && !handled.has(name))) continue;
      for (const [key, at] of Object.entries(planned.moved[name] ?? {}))
        entries[name] = { ...entries[name], [key]: by ? { at, request: by } : { at } };
    }
    return { scope: request.scope, entries, sources, adopted, updatedAt: tick.now.toISOString() };
  };
  // Whatever ran: a version found fresh is the line's from this commit on (see LineAdoption).
  const adopted: NonNullable<CursorChanges["adopted"]> = {};
  for (const [name, state] of assessment.assets)
    if (request.gitSha && state.adopted && state.status === "fresh" && !state.dirty && state.current)
      adopted[name] = { version: state.current.version, gitSha: request.gitSha, at: tick.now.toISOString() };
  // A pull request's run handles no schedule tick (and a fork's token could not record one), and
  // an experiment consumes none.
  const writes = tick.event !== "pull_request" && !request.experiment;
  return {
    tick,
    assets: planned.assets,
    commit: async (handled) => {
      if (!writes) return;
      const changes = changesAfter(handled);
      // Nothing to write when the changes change nothing in the cursor this plan read.
      if (applyCursorChanges(stored, changes) === undefined) return;
      await request.ledger.updateCursor(changes);
    },
  };
}

/**
 * An asset job's part in the cursor. The plan job wrote each cron tick it planned as a request of
 * its workflow run, which a materialization or failure after it handles; an asset that ends
 * fresh (early cutoff: its dependencies came out with the bytes it last read) leaves neither, so
 * its job turns the run's request into a handled entry, as `kiln run` records a tick found fresh.
 * Without that the next workflow run planned the asset again, and every run after it.
 */
export async function handleRequestsFoundFresh(request: {
  ledger: Ledger;
  scope: CursorScope;
  /** The workflow run (GITHUB_RUN_ID) whose requests the job may handle. */
  run: string | undefined;
  tick: Tick;
  fresh: ReadonlySet<string>;
}): Promise<void> {
  const { ledger, scope, run, tick } = request;
  if (request.fresh.size === 0 || !run || tick.event === "pull_request") return;
  const stored = await ledger.readCursor(scope);
  const entries: CursorChanges["entries"] = {};
  for (const name of request.fresh)
    for (const [key, by] of Object.entries(stored?.requests?.[name] ?? {})) {
      const at = stored?.assets[name]?.[key];
      if (by.run === run && at !== undefined) entries[name] = { ...entries[name], [key]: { at } };
    }
  if (Object.keys(entries).length === 0) return;
  await ledger.updateCursor({ scope, entries, sources: {}, updatedAt: tick.now.toISOString() });
}
