import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  keepReport
} from "./chunk-E6ETXBKC.js";
import {
  renderReport
} from "./chunk-CAVOGHJ2.js";
import {
  seriesChart
} from "./chunk-Y3Y3PR6Y.js";
import {
  headsAsTakenUp,
  lineageFilter
} from "./chunk-YJUY5MZT.js";
import {
  aliasHolders,
  headLogOf,
  isExperiment,
  workspaceLineage
} from "./chunk-OAUXH6FU.js";

// src/app/run-report.ts
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
    // An asset this run made stale is reported as the stale asset it now is, not as fresh.
    plan: new Map(
      [...result.plan.assets].map(([name, entry]) => {
        const reasons = result.madeStale.get(name);
        return [name, reasons ? { status: "stale", reasons } : entry];
      })
    ),
    outcomes: result.execution.outcomes,
    latest: new Map([...result.assessment.assets].map(([name, a]) => [name, a.current])),
    deps: result.assessment.graph.deps,
    experiment: result.experiment,
    aliases: result.assessment.graph.aliases,
    moves: movesOf(result.completed)
  };
}
function movesOf(completed) {
  const moves = /* @__PURE__ */ new Map();
  for (const { asset, outcome } of completed) {
    if (!outcome.moved || outcome.to === null) continue;
    const move = {
      alias: outcome.verdict.alias,
      from: outcome.from,
      to: outcome.to,
      reason: outcome.verdict.reason
    };
    moves.set(asset, [...moves.get(asset) ?? [], move]);
  }
  return moves;
}
async function movesByRun(ledger, names, runs) {
  const ids = new Set(runs.filter((run) => run !== ""));
  const moves = await Promise.all(
    names.map(async (name) => {
      const made = (await ledger.aliasHistory(name)).flatMap(
        (e) => e.run !== void 0 && ids.has(e.run) && e.to !== null && (e.kind ?? "promotion") === "promotion" ? [{ alias: e.alias, from: e.from, to: e.to, reason: e.reason }] : []
      );
      return [name, made];
    })
  );
  return new Map(moves.filter(([, made]) => made.length > 0));
}
function runMove(alias, earlier, own) {
  const moves = earlier.filter((m) => m.alias === alias);
  if (own?.moved && own.to !== null && own.verdict.alias === alias) {
    const last2 = moves.at(-1);
    if (last2?.to !== own.to || last2.from !== own.from)
      moves.push({ alias, from: own.from, to: own.to, reason: own.verdict.reason });
  }
  const first = moves[0];
  const last = moves.at(-1);
  return first && last ? { ...last, from: first.from } : null;
}
async function buildRunReport(workspace, facts, context = {}) {
  const { project, ledger } = workspace;
  const assets = [];
  const detailed = [...facts.plan.keys()].filter((name) => {
    const done = facts.outcomes.get(name);
    return project.assets.has(name) && done !== void 0 && DETAILED.has(OUTCOMES[done.outcome]);
  });
  const lineage = workspaceLineage(workspace);
  const { headsOf, onLineage } = await recentHeads(
    ledger,
    lineage,
    detailed,
    context.mergeBase !== void 0
  );
  const named = [...facts.plan.keys()].filter((name) => project.assets.has(name));
  const aliased = ledger.aliasedAssets ? await ledger.aliasedAssets().catch(() => void 0) : void 0;
  const holdersOf = new Map(named.map((name) => [name, /* @__PURE__ */ new Map()]));
  const asked = aliased ? named.filter((name) => aliased.has(name)) : named;
  const histories = await Promise.all(asked.map((name) => ledger.aliasHistory(name)));
  for (const [i, name] of asked.entries()) holdersOf.set(name, aliasHolders(histories[i]));
  const details = new Map(
    await Promise.all(
      detailed.map(async (name) => {
        const done = facts.outcomes.get(name);
        const record = done?.record;
        const all = headsOf.get(name);
        const alias = project.assets.get(name).promote?.alias;
        const detail = await detailContext(ledger, name, {
          record,
          all,
          // An experiment is compared with everything before it; anything else never with an
          // experiment (its config was set at run time, so "previous" would measure the setting).
          onLine: all.filter(
            (r) => r.version === record?.version || onLineage(r, name) && (!isExperiment(r) || record !== void 0 && isExperiment(record))
          ),
          // The baseline of the promotion verdict: who held the alias before this run moved it.
          championVersion: done?.promotion ? done.promotion.from : alias ? holdersOf.get(name).get(alias) : void 0,
          // A version the base line took up is at the merge-base from the commit that took it up.
          mergeBase: context.mergeBase ? async (asset, versions) => context.mergeBase(asset, await headsAsTakenUp(lineage, asset, versions)) : void 0
        });
        return [name, detail];
      })
    )
  );
  for (const [name, entry] of facts.plan) {
    const spec = project.assets.get(name);
    if (!spec) continue;
    const done = facts.outcomes.get(name);
    const record = done?.record;
    const reused = done ? void 0 : facts.latest.get(name);
    const holders = holdersOf.get(name);
    const alias = spec.promote?.alias;
    const outcome = done ? OUTCOMES[done.outcome] : entry.status === "fresh" ? "fresh" : "skipped";
    const all = headsOf.get(name);
    const detail = details.get(name) ?? { history: [] };
    assets.push({
      name,
      outcome,
      reasons: entry.reasons,
      record: record ? abridge(record, all !== void 0) : reused && reusedVersion(reused),
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
        artifact: downloadUrl(record ?? reused)
      },
      durationMs: done?.durationMs ?? 0,
      skippedBecause: done?.outcome === "skipped" ? done.detail : outcome === "skipped" ? entry.reasons.join("; ") : void 0,
      metrics: spec.metrics,
      promoteAlias: alias,
      move: runMove(alias, facts.moves?.get(name) ?? [], done?.promotion)
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
async function recentHeads(ledger, lineage, names, everything) {
  const logs = new Map(
    await Promise.all(names.map(async (name) => [name, await headLogOf(ledger, name)]))
  );
  const headsOf = /* @__PURE__ */ new Map();
  let window = everything ? Number.POSITIVE_INFINITY : 2 * (HISTORY + 1);
  let pending = names;
  for (; ; ) {
    await Promise.all(
      pending.map(async (name) => {
        const log = logs.get(name);
        const versions = window >= log.versions.length ? log.versions : log.versions.slice(-window);
        const heads = await Promise.all(versions.map((version) => log.head(version)));
        headsOf.set(
          name,
          heads.filter((head) => head !== void 0)
        );
      })
    );
    const onLineage = await lineageFilter(lineage, [...headsOf.values()].flat());
    pending = names.filter(
      (name) => logs.get(name).versions.length > window && headsOf.get(name).filter((head) => onLineage(head, name)).length <= HISTORY
    );
    if (pending.length === 0) return { headsOf, onLineage };
    window *= 4;
  }
}
function abridge(record, detailed) {
  const { seriesFile: _file, seriesPreview: _preview, ...rest } = record;
  return {
    ...rest,
    provenance: { ...record.provenance, code: {}, inputs: {}, config: {}, env: {} },
    series: [],
    checks: detailed ? record.checks : []
  };
}
function reusedVersion(version) {
  const { asset, version: number, logicalVersion, dataVersion, context, metrics, finishedAt } = version;
  return { asset, version: number, logicalVersion, dataVersion, context, metrics, finishedAt };
}
async function detailContext(ledger, name, facts) {
  const { record, all, onLine } = facts;
  const load = async (version) => version === null || version === void 0 ? void 0 : await ledger.materialization(name, version).then((r) => r && abridge(r, false));
  const previous = record ? onLine.filter((r) => r.version < record.version).at(-1) : onLine.at(-1);
  const base = facts.mergeBase ? await facts.mergeBase(name, all) : void 0;
  const [points, previousRecord, champion, mergeBase] = await Promise.all([
    record ? record.seriesPreview ?? ledger.series(record) : [],
    load(previous?.version),
    load(facts.championVersion),
    load(base?.version)
  ]);
  return {
    // Downsampled here, once: the report's data holds the chart, never the whole series.
    series: points.length > 0 ? withSourcePoints(seriesChart(points), record?.seriesFile?.points) : void 0,
    previous: previousRecord,
    champion,
    mergeBase,
    history: onLine.slice(-HISTORY).map((h) => ({
      version: h.version,
      metrics: h.metrics,
      ...h.notFinite ? { notFinite: h.notFinite } : {}
    }))
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
  const url = (kind) => record?.locations.find((l) => l.kind === kind && l.url)?.url;
  return url("release") ?? url("artifact");
}

export {
  pipelineFacts,
  movesByRun,
  buildRunReport,
  writeRunReport
};
