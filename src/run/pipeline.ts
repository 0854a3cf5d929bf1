// One local run: assess every asset, plan the tick, execute the plan, then commit the cursors.
// Shared by `kiln run` and the action's `run` command.
import os from "node:os";
import type { RunContext } from "../domain/records.js";
import { select } from "../graph/graph.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
import { execute, type ExecuteResult } from "./executor.js";
import { failureHolds, notRetriedMessage } from "../automation/handled.js";
import { tickClock } from "../automation/tick.js";
import { handledFailure, planRun, type PlanEntry, type RunPlan, type Tick } from "./plan.js";
import type { ProgressReporter } from "./progress.js";
import { type FreshRestore, restoreFreshAssets } from "./restore.js";
import { assetPromotionBlocker } from "./environment.js";
import { ignoreKilnDir, type Workspace, workspaceLineage } from "./workspace.js";

export interface RunOptions {
  workspace: Workspace;
  selection: readonly string[];
  force: boolean;
  jobs?: number | undefined;
  tick: Tick;
  reporter: ProgressReporter;
  signal?: AbortSignal | undefined;
  env: NodeJS.ProcessEnv;
  /** Extra context (GitHub run id and URL, actor, pull request). */
  context?: Partial<RunContext> | undefined;
  /**
   * A decision taken elsewhere (the workflow's plan job, for an asset job): these assets run as
   * decided, without evaluating their conditions again or moving cursors. A request runs even when
   * fresh; the others may still stop at early cutoff or at a handled failure.
   */
  decided?: ReadonlyMap<string, Decided> | undefined;
  /**
   * Put the outputs of selected fresh assets that were not run into the workspace (`kiln run`
   * after `rm -rf build`). An action job leaves it off: its dependants restore what they read.
   */
  restoreFresh?: boolean | undefined;
}

export interface Decided {
  request: boolean;
  /** Why the plan requested it, when it did. */
  reason?: string | undefined;
}

export interface PipelineResult {
  assessment: ProjectAssessment;
  plan: RunPlan;
  execution: ExecuteResult;
  context: RunContext;
  /** Fresh assets whose outputs were put back into the workspace (with `restoreFresh`). */
  restored: FreshRestore[];
}

export type Selected =
  | { ok: true; assets: Set<string>; explicit: boolean }
  | { ok: false; error: string; hint?: string | undefined };

export function selectAssets(assessment: ProjectAssessment, terms: readonly string[]): Selected {
  const selected = select(assessment.graph, terms);
  if (!selected.ok) return selected;
  return { ok: true, assets: selected.assets, explicit: terms.length > 0 };
}

export async function planWorkspace(
  workspace: Workspace,
  options: { selection: readonly string[]; force: boolean; tick: Tick; env: NodeJS.ProcessEnv },
) {
  const assessment = await assessWorkspace(workspace, options.env);
  const selected = selectAssets(assessment, options.selection);
  if (!selected.ok) return { ok: false as const, error: selected.error, hint: selected.hint };
  const plan = await planRun({
    project: workspace.project,
    assessment,
    ledger: workspace.ledger,
    selection: selected.assets,
    explicit: selected.explicit,
    force: options.force,
    tick: options.tick,
    scope: workspace.git.branch ?? "local",
    runId: options.env.GITHUB_RUN_ID,
  });
  return { ok: true as const, assessment, plan };
}

/**
 * The workspace's assessment, the same for the plan job and the asset jobs: records of this
 * checkout's lineage, and fresh only while some store still has the bytes ("outputs lost").
 */
function assessWorkspace(workspace: Workspace, env: NodeJS.ProcessEnv): Promise<ProjectAssessment> {
  return assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    outputsAvailable: (record) => workspace.stores.available(record),
    lineage: workspaceLineage(workspace),
  });
}

/** The plan of an asset job: what the plan job decided, for the assets it names. */
async function decidedPlan(
  workspace: Workspace,
  decided: ReadonlyMap<string, Decided>,
  tick: Tick,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; assessment: ProjectAssessment; plan: RunPlan } | { ok: false; error: string }> {
  const assessment = await assessWorkspace(workspace, env);
  const assets = new Map<string, PlanEntry>();
  for (const [name, decision] of decided) {
    const state = assessment.assets.get(name);
    if (!state) return { ok: false, error: `unknown asset "${name}"` };
    assets.set(name, {
      status: state.status,
      run: true,
      request: decision.request,
      reasons: [...(decision.reason ? [decision.reason] : []), ...state.reasons],
      promote: tick.event !== "pull_request",
    });
  }
  return { ok: true, assessment, plan: { tick, assets, commit: async () => {} } };
}

export async function runPipeline(
  options: RunOptions,
): Promise<{ ok: true; result: PipelineResult } | { ok: false; error: string; hint?: string | undefined }> {
  const { workspace, tick } = options;
  // The environment and the promotion rule were decided for the workspace's event: a run under
  // another event would train in one environment and promote by the rules of another.
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  const planned = options.decided
    ? await decidedPlan(workspace, options.decided, tick, options.env)
    : await planWorkspace(workspace, {
        selection: options.selection,
        force: options.force,
        tick,
        env: options.env,
      });
  if (!planned.ok) return planned;
  const { assessment, plan } = planned;
  await ignoreKilnDir(workspace.kilnDir);
  const context: RunContext = {
    event: tick.event,
    environment: workspace.environment,
    gitSha: workspace.git.sha,
    ref: workspace.git.branch,
    actor: options.env.GITHUB_ACTOR ?? options.env.USER,
    ...options.context,
  };
  const toRun = new Map<string, string[]>();
  const requested = new Set<string>();
  for (const [name, entry] of plan.assets) {
    if (entry.run) toRun.set(name, entry.reasons);
    if (entry.run && entry.request) requested.add(name);
  }
  const now = tickClock(tick);
  const execution = await execute({
    project: workspace.project,
    environment: workspace.environment,
    order: assessment.graph.order,
    planned: toRun,
    assessments: assessment.assets,
    reassess: assessment.reassess,
    dataVersions: assessment.dataVersions,
    ledger: workspace.ledger,
    stores: workspace.stores,
    context,
    promotionBlocker: (name) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec ? assetPromotionBlocker(workspace.decision, spec) : undefined;
    },
    requested,
    notRetried: (name, state) => {
      const failure = handledFailure(workspace.project.assets.get(name)!, state.failedAtVersion);
      return failure && failureHolds(failure, now()) ? notRetriedMessage(name, failure) : undefined;
    },
    now,
    jobs: options.jobs ?? os.availableParallelism(),
    reporter: options.reporter,
    runsDir: workspace.runsDir,
    signal: options.signal,
    baseEnv: options.env,
  });
  // Cursors move only once the tick's plan has been carried out, so a crashed run is re-planned.
  if (!execution.cancelled) await plan.commit();
  const restored =
    options.restoreFresh && !execution.cancelled
      ? await restoreFreshAssets(
          workspace.project.root,
          [...plan.assets]
            .filter(([name, entry]) => entry.status === "fresh" && !execution.outcomes.has(name))
            .map(([name]) => assessment.assets.get(name)?.latest)
            .filter((record) => record !== undefined),
          workspace.stores,
        )
      : [];
  return { ok: true, result: { assessment, plan, execution, context, restored } };
}
