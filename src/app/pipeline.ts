// One local run: assess every asset, plan the tick, execute the plan, then commit the cursors.
// Shared by `kiln run` and the action's `run` command.
import os from "node:os";
import type { RunContext } from "../domain/records.js";
import { runAttemptOf } from "../domain/run-attempt.js";
import { select } from "../graph/graph.js";
import type { RunOverrides } from "../manifest/overrides.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
// The run's own modules (executor, steps, promotion, restores) are imported when a run starts:
// `kiln status` and `kiln plan` plan through this module and never compile them.
import type { ExecuteResult } from "../run/executor.js";
import { failureHolds, notRetriedMessage } from "../automation/handled.js";
import { tickClock } from "../automation/tick.js";
import {
  currentReads,
  handledFailure,
  handleRequestsFoundFresh,
  planRun,
  type PlanEntry,
  type RunPlan,
  type Tick,
} from "./run-plan.js";
import type { ProgressReporter } from "../run/progress.js";
import type { FreshRestore } from "../run/restore.js";
import type { StoredVersion } from "../store/types.js";
import { assetPromotionBlocker } from "./environment.js";
import { ignoreKilnDir } from "../paths/kiln-dir.js";
import { pullRequestChanges } from "./pull-request-changes.js";
import { mergedHere } from "./merged-version.js";
import type { PromotionOutcome } from "../run/promote.js";
import type { Ledger } from "../ledger/ledger.js";
import { runLedgerView } from "../ledger/run-view.js";
import { cursorScope, type Workspace, workspaceLineage } from "./workspace.js";

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
  /**
   * A decision taken elsewhere (the workflow's plan job, for an asset job): these assets run as
   * decided, without evaluating their conditions again or moving cursors. A request runs even when
   * fresh; the others may still stop at early cutoff or at a handled failure.
   */
  decided?: ReadonlyMap<string, Decided> | undefined;
  /** Assets other jobs of this run were to build (see ExecuteOptions.runElsewhere). */
  runElsewhere?: ReadonlySet<string> | undefined;
  /** Those that failed there or were held back (see ExecuteOptions.heldBackElsewhere). */
  heldBackElsewhere?: ReadonlySet<string> | undefined;
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
  /**
   * Assets fresh at the plan and not run that this run made stale: a dependency materialized a
   * new data version (a cron-requested pull upstream of a weekly model). The reasons, as
   * `kiln status` gives them after the run; the run's table and report show these, not "fresh".
   */
  madeStale: Map<string, string[]>;
  /** The run config set for this run (`model.max_depth=4`), when it is an experiment. */
  experiment?: string[] | undefined;
  /** Promotions an interrupted run left undone, completed before planning. */
  completed: CompletedPromotion[];
  /** Versions promotion on merge left alone: trained on another branch this line did not merge. */
  held: HeldPromotion[];
  /** The run's view of the ledger (see ledger/run-view.ts): the run report reads through it. */
  ledger: Ledger;
}

export interface CompletedPromotion {
  asset: string;
  outcome: PromotionOutcome;
}

/** A version trained on another branch, current here, not promoted: this line did not merge it. */
export interface HeldPromotion {
  asset: string;
  reason: string;
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
  const assessment = await assessWorkspace(workspace, options.env, options.overrides);
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
    scope: cursorScope(workspace),
    experiment,
    runId: options.env.GITHUB_RUN_ID,
    runAttempt: runAttemptOf(options.env),
    gitSha: workspace.git.sha,
    pullRequest: await pullRequestChanges(workspace, assessment, options.env),
  });
  return { ok: true as const, assessment, plan };
}

/**
 * The workspace's assessment, the same for the plan job and the asset jobs: records of this
 * checkout's lineage, and fresh only while some store still has the bytes ("outputs lost").
 */
export function assessWorkspace(
  workspace: Workspace,
  env: NodeJS.ProcessEnv,
  overrides: RunOverrides | undefined,
): Promise<ProjectAssessment> {
  return assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    overrides,
    outputsAvailable: (record) => workspace.stores.available(record),
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null,
    files: workspace.reads?.takeFiles(),
  });
}

/** The plan of an asset job: what the plan job decided, for the assets it names. */
async function decidedPlan(
  workspace: Workspace,
  decided: ReadonlyMap<string, Decided>,
  tick: Tick,
  env: NodeJS.ProcessEnv,
  overrides: RunOverrides | undefined,
): Promise<{ ok: true; assessment: ProjectAssessment; plan: RunPlan } | { ok: false; error: string }> {
  const assessment = await assessWorkspace(workspace, env, overrides);
  const assets = new Map<string, PlanEntry>();
  for (const [name, decision] of decided) {
    const state = assessment.assets.get(name);
    if (!state) return { ok: false, error: `unknown asset "${name}"` };
    assets.set(name, {
      status: state.status,
      run: true,
      request: decision.request,
      reasons: [...(decision.reason ? [decision.reason] : []), ...state.reasons],
    });
  }
  return {
    ok: true,
    assessment,
    plan: {
      tick,
      assets,
      // An asset job records only the ticks its assets met by early cutoff (see the function).
      commit: (fresh) =>
        handleRequestsFoundFresh({
          ledger: workspace.ledger,
          scope: cursorScope(workspace),
          run: env.GITHUB_RUN_ID,
          tick,
          fresh: fresh ?? new Set(),
        }),
    },
  };
}

export async function runPipeline(
  options: RunOptions,
): Promise<{ ok: true; result: PipelineResult } | { ok: false; error: string; hint?: string | undefined }> {
  const { tick } = options;
  // One view of the ledger for the whole run, passed to planning, promotion, the executor and the
  // run report: each reads what it needs once, and the run's own writes drop what they change.
  const workspace: Workspace = { ...options.workspace, ledger: runLedgerView(options.workspace.ledger) };
  // The environment and the promotion rule were decided for the workspace's event: a run under
  // another event would train in one environment and promote by the rules of another.
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  // A run asked to build something (forced, a selection, a workflow job's decided asset) starts
  // its step spawner now, so the spawner's start-up overlaps planning instead of delaying the
  // first step; a plain `kiln run` learns from its plan whether it needs one (the executor).
  // The executor and the spawner are loaded only by a run that may build something: a run that
  // finds everything fresh (the usual `kiln run` of an unchanged checkout) never compiles them.
  const running = () =>
    Promise.all([import("../run/executor.js"), import("../run/step-spawner.js")]).then(
      ([{ execute }, { stepSpawner }]) => ({ execute, stepSpawner }),
    );
  let engine: ReturnType<typeof running> | undefined;
  const { restoreFreshAssets } = await import("../run/restore.js");
  if (options.force || options.selection.length > 0 || (options.decided?.size ?? 0) > 0) {
    engine = running();
    (await engine).stepSpawner().warm();
  }
  const completed = await completePromotions(workspace, options, tick);
  const planNow = () =>
    options.decided
      ? decidedPlan(workspace, options.decided, tick, options.env, options.overrides)
      : planWorkspace(workspace, {
          selection: options.selection,
          force: options.force,
          tick,
          env: options.env,
          overrides: options.overrides,
          experimentSelection: options.experimentSelection,
        });
  let planned = await planNow();
  if (!planned.ok) return planned;
  // A plain `kiln run` knows now whether it runs anything: its spawner boots while promotions on
  // merge are judged and the dependencies' records read.
  if ([...planned.plan.assets.values()].some((entry) => entry.run)) {
    engine ??= running();
    (await engine).stepSpawner().warm();
  }
  const held: HeldPromotion[] = [];
  const merged = await promoteCurrentVersions(
    workspace,
    planned,
    {
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)(),
    },
    (promotion) => held.push(promotion),
  );
  completed.push(...merged);
  // Dependants of `asset@alias` read the version the alias names: planned again after a move.
  if (readsMovedAlias(workspace, merged)) {
    planned = await planNow();
    if (!planned.ok) return planned;
  }
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
  await readDependencyRecords(assessment, workspace, new Set(toRun.keys()));
  const now = tickClock(tick);
  engine ??= toRun.size > 0 ? running() : undefined;
  const execution: ExecuteResult = !engine
    ? nothingToExecute(options)
    : await (await engine).execute({
        project: workspace.project,
        environment: workspace.environment,
        order: assessment.graph.order,
        planned: toRun,
        assessments: assessment.assets,
        reassess: assessment.reassess,
        versionAt: assessment.versionAt,
        dataVersions: assessment.dataVersions,
        ledger: workspace.ledger,
        stores: workspace.stores,
        context,
        promotionBlocker: (name) => {
          const spec = workspace.project.assets.get(name)?.promote;
          return spec ? assetPromotionBlocker(workspace.decision, spec) : undefined;
        },
        overrides: options.overrides,
        requested,
        runElsewhere: options.runElsewhere,
        heldBackElsewhere: options.heldBackElsewhere,
        readCurrent: currentReads(
          workspace.project,
          assessment,
          new Set([...toRun.keys(), ...(options.runElsewhere ?? [])]),
        ),
        notRetried: (name, state) => {
          const failure = handledFailure(
            workspace.project.assets.get(name)!,
            state.failedAtVersion,
            options.context?.runId ?? options.env.GITHUB_RUN_ID,
          );
          return failure && failureHolds(failure, now()) ? notRetriedMessage(name, failure) : undefined;
        },
        now,
        jobs: options.jobs ?? os.availableParallelism(),
        reporter: options.reporter,
        runsDir: workspace.runsDir,
        signal: options.signal,
        baseEnv: options.env,
      });
  // Cursors move only once the tick's plan has been carried out, so a crashed run is re-planned,
  // and only for assets with an outcome: a tick whose request was skipped (a dependency failed)
  // stays open. Their write (synced) overlaps restoring the fresh assets' outputs.
  // An asset job (a decided plan) writes only for the assets it found fresh.
  const committed = execution.cancelled
    ? undefined
    : plan.commit(options.decided ? freshAssets(execution) : handledAssets(execution));
  // Awaited below; marked handled so that a restore that throws first does not leave it unhandled.
  committed?.catch(() => {});
  let restored: Awaited<ReturnType<typeof restoreFreshAssets>> = [];
  if (options.restoreFresh) {
    // A cancelled run restores no fresh asset it was not asked to, but still puts back what its
    // dependants of `asset@alias` read: every step has ended by now.
    const fresh = execution.cancelled
      ? []
      : [...plan.assets]
          .filter(([name, entry]) => entry.status === "fresh" && !execution.outcomes.has(name))
          .map(([name]) => assessment.assets.get(name)?.current)
          .filter((current) => current !== undefined);
    const readThroughAlias = aliasReadsOf(workspace.project, assessment, execution);
    restored = await restoreFreshAssets(
      workspace.project.root,
      [...fresh.filter((current) => !readThroughAlias.has(current.asset)), ...readThroughAlias.values()],
      workspace.stores,
    );
  }
  const madeStale = await staleAfterRun(workspace, assessment, plan, execution);
  await committed;
  const experiment = options.overrides?.texts.length ? options.overrides.texts : undefined;
  return {
    ok: true,
    result: {
      assessment,
      plan,
      execution,
      context,
      restored,
      madeStale,
      experiment,
      completed,
      held,
      ledger: workspace.ledger,
    },
  };
}

/**
 * The assets the plan found fresh and left alone that a dependency's new data version, made in
 * this run, leaves stale: assessed again at those data versions, as the executor does for a
 * planned asset (early cutoff), so equal bytes upstream keep them fresh.
 */
async function staleAfterRun(
  workspace: Workspace,
  assessment: ProjectAssessment,
  plan: RunPlan,
  execution: ExecuteResult,
): Promise<Map<string, string[]>> {
  const stale = new Map<string, string[]>();
  for (const [name, entry] of plan.assets) {
    if (entry.run || entry.status !== "fresh" || execution.outcomes.has(name)) continue;
    const spec = workspace.project.assets.get(name);
    const moved: Record<string, string> = {};
    for (const dep of spec?.deps ?? []) {
      // Read through an alias (`model@champion`), a dependency's new version is not what it reads.
      if (spec?.depAliases[dep] !== undefined) continue;
      const ran = execution.outcomes.get(dep);
      if (ran?.outcome === "success" && ran.record) moved[dep] = ran.record.dataVersion;
    }
    if (Object.keys(moved).length === 0) continue;
    const now = await assessment.reassess(name, moved);
    if (now.status !== "fresh") stale.set(name, now.reasons);
  }
  return stale;
}

/** The assets whose request this run answered: materialized, failed, or found fresh. */
function handledAssets(execution: ExecuteResult): Set<string> {
  const handled = new Set<string>();
  for (const [name, ran] of execution.outcomes) {
    // A failure at no version never started the step (a dependency was not there): the tick it
    // was to serve stays open, as for an asset skipped because its dependency failed.
    const beforeItsVersion = ran.outcome === "failed" && ran.failure?.logicalVersion === "";
    if (
      (ran.outcome === "success" || ran.outcome === "failed" || ran.outcome === "fresh") &&
      !beforeItsVersion
    )
      handled.add(name);
  }
  return handled;
}

function freshAssets(execution: ExecuteResult): Set<string> {
  return new Set([...execution.outcomes].filter(([, ran]) => ran.outcome === "fresh").map(([name]) => name));
}

/** What the executor does and answers for an empty plan, without loading it. */
function nothingToExecute(options: Pick<RunOptions, "reporter" | "signal">): ExecuteResult {
  options.reporter.close();
  return { outcomes: new Map(), cancelled: options.signal?.aborted ?? false };
}

/**
 * Promotion on merge (see promoteCurrentVersion): the versions this run finds current and fresh,
 * without running them, that were built where promotion was not allowed are judged now. Only in a
 * run that may promote the asset; a run that executes an asset judges its new version itself.
 */
export async function promoteCurrentVersions(
  workspace: Workspace,
  planned: { assessment: ProjectAssessment; plan: RunPlan },
  move: { by: string; run?: string | undefined; at: Date },
  /** Hears each version trained on another branch that would have won but was not merged here. */
  held?: (promotion: HeldPromotion) => void,
): Promise<CompletedPromotion[]> {
  const done: CompletedPromotion[] = [];
  const lineage = workspaceLineage(workspace);
  for (const [name, entry] of planned.plan.assets) {
    if (entry.run || entry.status !== "fresh") continue;
    const spec = workspace.project.assets.get(name)?.promote;
    if (!spec || assetPromotionBlocker(workspace.decision, spec)) continue;
    const record = await planned.assessment.currentRecord(name);
    if (!record) continue;
    const { promoteCurrentVersion, trainedWhere } = await import("../run/promote.js");
    const outcome = await promoteCurrentVersion({
      ledger: workspace.ledger,
      spec,
      record,
      environment: workspace.environment,
      branch: workspace.git.branch,
      ...move,
      merged: () =>
        mergedHere({
          record,
          where: trainedWhere(record),
          lineage,
          ledger: workspace.ledger,
          currentRecord: (asset) => planned.assessment.currentRecord(asset),
        }),
      held: (reason) => held?.({ asset: name, reason }),
    });
    if (outcome) done.push({ asset: name, outcome });
  }
  return done;
}

/**
 * Planning reads heads only; the executor hands the whole records of an asset's dependencies to
 * its step (`latest`), so those are read now, for the assets that run and no others: a run with
 * nothing to do reads no record whole. A dependency that runs too is left out: its dependants
 * start only once it has its outcome, and then read the record it made or kept (early cutoff),
 * or are skipped; reading its older record would only delay the first step.
 */
async function readDependencyRecords(
  assessment: ProjectAssessment,
  workspace: Workspace,
  running: ReadonlySet<string>,
): Promise<void> {
  const deps = new Set<string>();
  for (const name of running)
    for (const dep of workspace.project.assets.get(name)?.deps ?? [])
      if (workspace.project.assets.has(dep) && !running.has(dep)) deps.add(dep);
  await Promise.all(
    [...deps].map(async (dep) => {
      const state = assessment.assets.get(dep);
      if (!state?.current || state.latest) return;
      const latest = await assessment.currentRecord(dep);
      if (latest) assessment.assets.set(dep, { ...state, latest });
    }),
  );
}

/**
 * The assets an asset that ran read through an alias (`model` of `model@champion`), each with the
 * version `kiln status` calls current: the one this run recorded, else the fresh one. A dependant
 * restores the alias's version into the dependency's paths for its step and nothing puts the
 * current one back after it, so the end of the run does, a cancelled run too (a step cancelled
 * or withdrawn while waiting for its turn may have restored it). A dependency that is not fresh
 * now (failed here, stale) has no version to put back.
 */
function aliasReadsOf(
  project: Workspace["project"],
  assessment: ProjectAssessment,
  execution: ExecuteResult,
): Map<string, StoredVersion> {
  const reads = new Map<string, StoredVersion>();
  for (const [name, ran] of execution.outcomes) {
    if (ran.outcome === "fresh" || ran.outcome === "skipped") continue; // restored nothing
    for (const dep of Object.keys(project.assets.get(name)?.depAliases ?? {})) {
      if (reads.has(dep)) continue;
      const own = execution.outcomes.get(dep);
      const current = own
        ? own.outcome === "success" || own.outcome === "fresh"
          ? own.record
          : undefined
        : assessment.assets.get(dep)?.status === "fresh"
          ? assessment.assets.get(dep)?.current
          : undefined;
      if (current) reads.set(dep, current);
    }
  }
  return reads;
}

function readsMovedAlias(workspace: Workspace, moves: readonly CompletedPromotion[]): boolean {
  return moves.some(({ asset, outcome }) =>
    [...workspace.project.assets.values()].some((a) => a.depAliases[asset] === outcome.verdict.alias),
  );
}

/**
 * A run killed between writing a record and moving its alias left an eligible version
 * unpromoted; the next run that may promote the asset completes the move before planning, so
 * dependants of `asset@alias` read the champion the interrupted run chose. A damaged alias
 * history is left alone here: the asset's own promotion reports it.
 */
async function completePromotions(
  workspace: Workspace,
  options: RunOptions,
  tick: Tick,
): Promise<CompletedPromotion[]> {
  const completed: CompletedPromotion[] = [];
  for (const asset of workspace.project.assets.values()) {
    if (!asset.promote || assetPromotionBlocker(workspace.decision, asset.promote)) continue;
    const { completeInterruptedPromotions } = await import("../run/promote.js");
    const moves = await completeInterruptedPromotions({
      ledger: workspace.ledger,
      asset: asset.name,
      spec: asset.promote,
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)(),
    });
    for (const outcome of moves) completed.push({ asset: asset.name, outcome });
  }
  return completed;
}
