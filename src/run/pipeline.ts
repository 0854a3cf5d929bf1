// One local run: assess every asset, plan the tick, execute the plan, then commit the cursors.
// Shared by `kiln run` and the action's `run` command.
import os from "node:os";
import type { RunContext } from "../domain/records.js";
import { select } from "../graph/graph.js";
import type { RunOverrides } from "../manifest/overrides.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
import { execute, type ExecuteResult } from "./executor.js";
import { planRun, type RunPlan, type Tick } from "./plan.js";
import type { ProgressReporter } from "./progress.js";
import { assetPromotionBlocker } from "./environment.js";
import { ignoreKilnDir, type Workspace } from "./workspace.js";

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
  /** Run config set at run time (`--set`): an experiment. */
  overrides?: RunOverrides | undefined;
  /** Default and check the selection against the overrides (not for one job of a workflow). */
  experimentSelection?: boolean;
}

export interface PipelineResult {
  assessment: ProjectAssessment;
  plan: RunPlan;
  execution: ExecuteResult;
  context: RunContext;
  /** The run config set for this run (`model.max_depth=4`), when it is an experiment. */
  experiment?: string[] | undefined;
}

export type Selected =
  | { ok: true; assets: Set<string>; explicit: boolean }
  | { ok: false; error: string; hint?: string | undefined };

export function selectAssets(assessment: ProjectAssessment, terms: readonly string[]): Selected {
  const selected = select(assessment.graph, terms);
  if (!selected.ok) return selected;
  return { ok: true, assets: selected.assets, explicit: terms.length > 0 };
}

/**
 * The selection of an experiment: the overridden assets when nothing is named, else the named
 * assets, which must include every overridden one (a config set for an asset that does not run
 * would be silently ignored).
 */
export function experimentSelection(
  selection: readonly string[],
  assessment: ProjectAssessment,
  overrides: RunOverrides,
): { ok: true; selection: string[] } | { ok: false; error: string; hint?: string | undefined } {
  const overridden = [...overrides.byAsset.keys()];
  if (overridden.length === 0) return { ok: true, selection: [...selection] };
  if (selection.length === 0) return { ok: true, selection: overridden };
  const selected = select(assessment.graph, selection);
  if (!selected.ok) return selected;
  const outside = overridden.filter((name) => !selected.assets.has(name));
  if (outside.length > 0)
    return {
      ok: false,
      error: `config is set for ${outside.join(", ")}, which ${outside.length > 1 ? "are" : "is"} not in the selection ${selection.join(" ")}`,
      hint: `add ${outside.join(" ")} to the selection, or leave the selection empty to run just the assets whose config is set`,
    };
  return { ok: true, selection: [...selection] };
}

export async function planWorkspace(
  workspace: Workspace,
  options: {
    selection: readonly string[];
    force: boolean;
    tick: Tick;
    env: NodeJS.ProcessEnv;
    overrides?: RunOverrides | undefined;
    /** Check the selection against the overrides and default it to them (`kiln run`, the plan job). */
    experimentSelection?: boolean;
  },
) {
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env: options.env,
    overrides: options.overrides,
  });
  const experiment = options.overrides !== undefined && options.overrides.texts.length > 0;
  let selection = options.selection;
  if (experiment && options.experimentSelection) {
    const chosen = experimentSelection(selection, assessment, options.overrides!);
    if (!chosen.ok) return { ok: false as const, error: chosen.error, hint: chosen.hint };
    selection = chosen.selection;
  }
  const selected = selectAssets(assessment, selection);
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
    experiment,
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
    overrides: options.overrides,
    experimentSelection: options.experimentSelection,
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
    store: workspace.store,
    context,
    promotionBlocker: (name) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec ? assetPromotionBlocker(workspace.decision, spec) : undefined;
    },
    force: options.force,
    overrides: options.overrides,
    jobs: options.jobs ?? os.availableParallelism(),
    reporter: options.reporter,
    runsDir: workspace.runsDir,
    signal: options.signal,
    baseEnv: options.env,
  });
  // Cursors move only once the tick's plan has been carried out, so a crashed run is re-planned.
  if (!execution.cancelled) await plan.commit();
  const experiment = options.overrides?.texts.length ? options.overrides.texts : undefined;
  return { ok: true, result: { assessment, plan, execution, context, experiment } };
}
