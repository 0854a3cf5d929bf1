// The plan of one tick: which selected assets run and why. Staleness comes from src/version; the
// automation conditions decide (src/automation); this module joins the two and keeps the cursors.
import type { AssetFacts, Evaluation } from "../automation/conditions.js";
import { type HandledFailure, retryAt } from "../automation/handled.js";
import { planTick } from "../automation/plan.js";
import type { Tick } from "../automation/tick.js";
import type { Ledger } from "../ledger/ledger.js";
import { RECORD_SCHEMA, type SourceFailureMark } from "../domain/records.js";
import type { AssetSpec, Project } from "../manifest/project.js";
import type { FailedAtVersion, ProjectAssessment } from "../version/status.js";

export type { Tick, TickEvent } from "../automation/tick.js";

export interface PlanEntry {
  status: "fresh" | "stale" | "missing";
  run: boolean;
  /** Runs even when fresh at run time: a cron tick, a selection or `force`, not staleness. */
  request: boolean;
  reasons: string[];
  /** The automation condition's evaluation, for `--explain`. */
  evaluation?: Evaluation | undefined;
}

export interface RunPlan {
  tick: Tick;
  assets: Map<string, PlanEntry>;
  /** Records the tick as handled (the automation cursors); call once the plan was carried out. */
  commit(): Promise<void>;
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
  /** Cursor scope: the branch, or `local`. */
  scope: string;
  /** Run config set at run time: the tick is not handled (an experiment consumes no cron tick). */
  experiment?: boolean | undefined;
  /** The workflow run, on GitHub: recorded with a source failure mark, for its one alert. */
  runId?: string | undefined;
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
      unavailableDeps: a.unavailable,
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.current ? new Date(a.current.finishedAt) : undefined,
      lastHandled: a.lastHandled && {
        at: new Date(a.lastHandled.at),
        what: a.lastHandled.kind === "failed" ? "failed" : `materialized v${a.lastHandled.version}`,
      },
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

/** Keeps the mark of a source that still fails, adds one for a new failure, drops recovered ones. */
function sourceFailureMarks(
  assessment: ProjectAssessment,
  stored: Readonly<Record<string, SourceFailureMark>>,
  tick: Tick,
  runId: string | undefined,
): Record<string, SourceFailureMark> {
  const marks: Record<string, SourceFailureMark> = {};
  for (const [name, source] of assessment.sources) {
    if (source.unavailable === undefined) continue;
    marks[name] = stored[name] ?? {
      since: tick.now.toISOString(),
      error: source.unavailable,
      ...(runId ? { runId } : {}),
    };
  }
  return marks;
}

export async function planRun(request: PlanRequest): Promise<RunPlan> {
  const { project, assessment, tick } = request;
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
        };
      }),
    facts: assetFacts(project, assessment, request.runId),
    cursors: stored?.assets ?? {},
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force,
  });
  const sources = sourceFailureMarks(assessment, stored?.sources ?? {}, tick, request.runId);
  // A pull request's run handles no schedule tick (and a fork's token could not record one).
  const changed =
    tick.event !== "pull_request" &&
    !request.experiment &&
    (JSON.stringify(planned.cursors) !== JSON.stringify(stored?.assets ?? {}) ||
      JSON.stringify(sources) !== JSON.stringify(stored?.sources ?? {}));
  return {
    tick,
    assets: planned.assets,
    commit: async () => {
      if (!changed) return;
      await request.ledger.writeCursor({
        schema: RECORD_SCHEMA,
        scope: request.scope,
        assets: planned.cursors,
        ...(Object.keys(sources).length ? { sources } : {}),
        updatedAt: tick.now.toISOString(),
      });
    },
  };
}
