import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  failureHolds,
  handledFailure,
  notRetriedMessage,
  planRun
} from "./chunk-4RBXJX62.js";
import {
  runLedgerView
} from "./chunk-WMLO2HU4.js";
import {
  assessProject
} from "./chunk-77BUVOLW.js";
import {
  assetPromotionBlocker,
  workspaceLineage
} from "./chunk-RHEN5QSW.js";
import {
  tickClock
} from "./chunk-YCJ7GVD5.js";
import {
  select
} from "./chunk-AJBSU7EQ.js";
import {
  ignoreKilnDir
} from "./chunk-FICLRJIW.js";

// src/app/pipeline.ts
import os from "node:os";
function selectAssets(assessment, terms) {
  const selected = select(assessment.graph, terms);
  if (!selected.ok) return selected;
  return { ok: true, assets: selected.assets, explicit: terms.length > 0 };
}
function experimentSelection(selection, assessment, overrides) {
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
      hint: `add ${outside.join(" ")} to the selection, or leave the selection empty to run just the assets whose config is set`
    };
  return { ok: true, selection: [...selection] };
}
async function planWorkspace(workspace, options) {
  const assessment = await assessWorkspace(workspace, options.env, options.overrides);
  const experiment = options.overrides !== void 0 && options.overrides.texts.length > 0;
  let selection = options.selection;
  if (experiment && options.experimentSelection) {
    const chosen = experimentSelection(selection, assessment, options.overrides);
    if (!chosen.ok) return { ok: false, error: chosen.error, hint: chosen.hint };
    selection = chosen.selection;
  }
  const selected = selectAssets(assessment, selection);
  if (!selected.ok) return { ok: false, error: selected.error, hint: selected.hint };
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
    runId: options.env.GITHUB_RUN_ID
  });
  return { ok: true, assessment, plan };
}
function assessWorkspace(workspace, env, overrides) {
  return assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    overrides,
    outputsAvailable: (record) => workspace.stores.available(record),
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null,
    files: workspace.reads?.takeFiles()
  });
}
async function decidedPlan(workspace, decided, tick, env, overrides) {
  const assessment = await assessWorkspace(workspace, env, overrides);
  const assets = /* @__PURE__ */ new Map();
  for (const [name, decision] of decided) {
    const state = assessment.assets.get(name);
    if (!state) return { ok: false, error: `unknown asset "${name}"` };
    assets.set(name, {
      status: state.status,
      run: true,
      request: decision.request,
      reasons: [...decision.reason ? [decision.reason] : [], ...state.reasons]
    });
  }
  return { ok: true, assessment, plan: { tick, assets, commit: async () => {
  } } };
}
async function runPipeline(options) {
  const { tick } = options;
  const workspace = { ...options.workspace, ledger: runLedgerView(options.workspace.ledger) };
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  const running = () => Promise.all([import("./executor-3PVAUTMN.js"), import("./step-spawner-OTB6X6GZ.js")]).then(
    ([{ execute }, { stepSpawner }]) => ({ execute, stepSpawner })
  );
  let engine;
  const { restoreFreshAssets } = await import("./restore-PBQMZH7T.js");
  if (options.force || options.selection.length > 0 || (options.decided?.size ?? 0) > 0) {
    engine = running();
    (await engine).stepSpawner().warm();
  }
  const completed = await completePromotions(workspace, options, tick);
  const planNow = () => options.decided ? decidedPlan(workspace, options.decided, tick, options.env, options.overrides) : planWorkspace(workspace, {
    selection: options.selection,
    force: options.force,
    tick,
    env: options.env,
    overrides: options.overrides,
    experimentSelection: options.experimentSelection
  });
  let planned = await planNow();
  if (!planned.ok) return planned;
  if ([...planned.plan.assets.values()].some((entry) => entry.run)) {
    engine ??= running();
    (await engine).stepSpawner().warm();
  }
  const merged = await promoteCurrentVersions(workspace, planned, {
    by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
    run: options.context?.runUrl ?? options.context?.runId,
    at: tickClock(tick)()
  });
  completed.push(...merged);
  if (readsMovedAlias(workspace, merged)) {
    planned = await planNow();
    if (!planned.ok) return planned;
  }
  const { assessment, plan } = planned;
  await ignoreKilnDir(workspace.kilnDir);
  const context = {
    event: tick.event,
    environment: workspace.environment,
    gitSha: workspace.git.sha,
    ref: workspace.git.branch,
    actor: options.env.GITHUB_ACTOR ?? options.env.USER,
    ...options.context
  };
  const toRun = /* @__PURE__ */ new Map();
  const requested = /* @__PURE__ */ new Set();
  for (const [name, entry] of plan.assets) {
    if (entry.run) toRun.set(name, entry.reasons);
    if (entry.run && entry.request) requested.add(name);
  }
  await readDependencyRecords(assessment, workspace, new Set(toRun.keys()));
  const now = tickClock(tick);
  engine ??= toRun.size > 0 ? running() : void 0;
  const execution = !engine ? nothingToExecute(options) : await (await engine).execute({
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
      return spec ? assetPromotionBlocker(workspace.decision, spec) : void 0;
    },
    overrides: options.overrides,
    requested,
    runElsewhere: options.runElsewhere,
    heldBackElsewhere: options.heldBackElsewhere,
    notRetried: (name, state) => {
      const failure = handledFailure(
        workspace.project.assets.get(name),
        state.failedAtVersion,
        options.context?.runId ?? options.env.GITHUB_RUN_ID
      );
      return failure && failureHolds(failure, now()) ? notRetriedMessage(name, failure) : void 0;
    },
    now,
    jobs: options.jobs ?? os.availableParallelism(),
    reporter: options.reporter,
    runsDir: workspace.runsDir,
    signal: options.signal,
    baseEnv: options.env
  });
  const committed = execution.cancelled ? void 0 : plan.commit();
  committed?.catch(() => {
  });
  let restored = [];
  if (options.restoreFresh && !execution.cancelled) {
    const fresh = [...plan.assets].filter(([name, entry]) => entry.status === "fresh" && !execution.outcomes.has(name)).map(([name]) => assessment.assets.get(name)?.current).filter((current) => current !== void 0);
    const readThroughAlias = aliasReadsOf(workspace.project, assessment, execution);
    restored = await restoreFreshAssets(
      workspace.project.root,
      [...fresh.filter((current) => !readThroughAlias.has(current.asset)), ...readThroughAlias.values()],
      workspace.stores,
      new Set(readThroughAlias.keys())
    );
  }
  await committed;
  const experiment = options.overrides?.texts.length ? options.overrides.texts : void 0;
  return {
    ok: true,
    result: {
      assessment,
      plan,
      execution,
      context,
      restored,
      experiment,
      completed,
      ledger: workspace.ledger
    }
  };
}
function nothingToExecute(options) {
  options.reporter.close();
  return { outcomes: /* @__PURE__ */ new Map(), cancelled: options.signal?.aborted ?? false };
}
async function promoteCurrentVersions(workspace, planned, move) {
  const done = [];
  for (const [name, entry] of planned.plan.assets) {
    if (entry.run || entry.status !== "fresh") continue;
    const spec = workspace.project.assets.get(name)?.promote;
    if (!spec || assetPromotionBlocker(workspace.decision, spec)) continue;
    const record = await planned.assessment.currentRecord(name);
    if (!record) continue;
    const { promoteCurrentVersion } = await import("./promote-JHF3GQS2.js");
    const outcome = await promoteCurrentVersion({
      ledger: workspace.ledger,
      spec,
      record,
      environment: workspace.environment,
      ...move
    });
    if (outcome) done.push({ asset: name, outcome });
  }
  return done;
}
async function readDependencyRecords(assessment, workspace, running) {
  const deps = /* @__PURE__ */ new Set();
  for (const name of running)
    for (const dep of workspace.project.assets.get(name)?.deps ?? [])
      if (workspace.project.assets.has(dep) && !running.has(dep)) deps.add(dep);
  await Promise.all(
    [...deps].map(async (dep) => {
      const state = assessment.assets.get(dep);
      if (!state?.current || state.latest) return;
      const latest = await assessment.currentRecord(dep);
      if (latest) assessment.assets.set(dep, { ...state, latest });
    })
  );
}
function aliasReadsOf(project, assessment, execution) {
  const reads = /* @__PURE__ */ new Map();
  for (const [name, ran] of execution.outcomes) {
    if (ran.outcome !== "success" && ran.outcome !== "failed") continue;
    for (const dep of Object.keys(project.assets.get(name)?.depAliases ?? {})) {
      if (reads.has(dep)) continue;
      const own = execution.outcomes.get(dep);
      const current = own ? own.outcome === "success" || own.outcome === "fresh" ? own.record : void 0 : assessment.assets.get(dep)?.status === "fresh" ? assessment.assets.get(dep)?.current : void 0;
      if (current) reads.set(dep, current);
    }
  }
  return reads;
}
function readsMovedAlias(workspace, moves) {
  return moves.some(
    ({ asset, outcome }) => [...workspace.project.assets.values()].some((a) => a.depAliases[asset] === outcome.verdict.alias)
  );
}
async function completePromotions(workspace, options, tick) {
  const completed = [];
  for (const asset of workspace.project.assets.values()) {
    if (!asset.promote || assetPromotionBlocker(workspace.decision, asset.promote)) continue;
    const { completeInterruptedPromotions } = await import("./promote-JHF3GQS2.js");
    const moves = await completeInterruptedPromotions({
      ledger: workspace.ledger,
      asset: asset.name,
      spec: asset.promote,
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)()
    });
    for (const outcome of moves) completed.push({ asset: asset.name, outcome });
  }
  return completed;
}

export {
  planWorkspace,
  runPipeline,
  promoteCurrentVersions
};
