// One local run: assess every asset, plan the tick, execute the plan, then commit the cursors.
// Shared by `kiln run` and the action's `run` command.
import os from "node:os";
import type { RunContext } from "../domain/records.js";
import { select } from "../graph/graph.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
import { execute, type ExecuteResult } from "./executor.js";
import { planRun, type RunPlan, type Tick } from "./plan.js";
import type { ProgressReporter } from "./progress.js";
import { type FreshRestore, restoreFreshAssets } from "./restore.js";
import { assetPromotionBlocker } from "./environment.js";
import type { Workspace } from "./workspace.js";

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
   * Put the outputs of selected fresh assets that were not run into the workspace (`kiln run`
   * after `rm -rf build`). An action job leaves it off: its dependants restore what they read.
   */
  restoreFresh?: boolean | undefined;
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
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env: options.env,
    outputsAvailable: (record) => workspace.stores.available(record),
  });
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
  });
  return { ok: true as const, assessment, plan };
}

export async function runPipeline(
  options: RunOptions,
): Promise<{ ok: true; result: PipelineResult } | { ok: false; error: string; hint?: string | undefined }> {
  const { workspace, tick } = options;
  // The environment and the promotion rule were decided for the workspace's event: a run under
  // another event would train in one environment and promote by the rules of another.
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  const planned = await planWorkspace(workspace, {
    selection: options.selection,
    force: options.force,
    tick,
    env: options.env,
  });
  if (!planned.ok) return planned;
  const { assessment, plan } = planned;
  const context: RunContext = {
    event: tick.event,
    environment: workspace.environment,
    gitSha: workspace.git.sha,
    ref: workspace.git.branch,
    actor: options.env.GITHUB_ACTOR ?? options.env.USER,
    ...options.context,
  };
  const toRun = new Map<string, string[]>();
  for (const [name, entry] of plan.assets) if (entry.run) toRun.set(name, entry.reasons);
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
    force: options.force,
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
