// Turns a finished run into the report's plain data (src/report/model.ts) and keeps it in
// `.kiln/reports/` (report-history.ts: one report per run, `latest` for the last that did something).
import { aliasHolders } from "../ledger/aliases.js";
import { isExperiment, type MaterializationRecord, type VersionHead } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { type SeriesChart, seriesChart } from "../report/charts.js";
import type { AssetReport, ReportOutcome, ReusedVersion, RunAliasMove, RunReport } from "../report/model.js";
import { renderReport } from "../report/index.js";
import type { AssetOutcome, Outcome } from "../run/executor.js";
import type { CompletedPromotion, PipelineResult } from "./pipeline.js";
import { keepReport, type WrittenReport } from "./report-history.js";
import { headLogOf } from "../ledger/heads.js";
import { headsAsTakenUp, type Lineage, lineageFilter, type OnLine } from "../version/lineage.js";
import { type Workspace, workspaceLineage } from "./workspace.js";

const HISTORY = 10;

const OUTCOMES: Record<Outcome, ReportOutcome> = {
  success: "materialized",
  fresh: "fresh",
  skipped: "skipped",
  failed: "failed",
  cancelled: "cancelled",
};

export interface ReportContext {
  runUrl?: string | undefined;
  repo?: { serverUrl: string; repository: string } | undefined;
  pullRequest?: RunReport["pullRequest"];
  /** For pull requests: the version of each asset at the merge-base (or its nearest ancestor). */
  mergeBase?: ((asset: string, versions: VersionHead[]) => Promise<VersionHead | undefined>) | undefined;
}

/** What a report needs to know of a run, whether it ran here or across the jobs of a workflow. */
export interface RunFacts {
  tick: { event: string; now: Date };
  gitSha?: string | undefined;
  ref?: string | undefined;
  /** Every asset considered, in order, with the plan's status and reasons. */
  plan: Map<string, { status: "fresh" | "stale" | "missing"; reasons: string[] }>;
  /** What happened to the assets that were started or skipped in this run. */
  outcomes: Map<
    string,
    Pick<AssetOutcome, "outcome" | "detail" | "record" | "failure" | "promotion" | "durationMs"> & {
      /** The log of the GitHub job, for a job that failed before Kiln wrote a record. */
      logUrl?: string | undefined;
      /**
       * In a re-run: the earlier attempt of the run whose report alerted this same failure (a job
       * that failed the same way there, or was not re-run since; src/action/report.ts).
       */
      alertedInAttempt?: number | undefined;
    }
  >;
  /** The current version of each asset before the run (its head is enough), for fresh ones. */
  latest: Map<string, LatestVersion | undefined>;
  deps: Map<string, string[]>;
  /** The run config set for this run (`model.max_depth=4`), when it is an experiment. */
  experiment?: string[] | undefined;
  /** Dependant → dependency → alias (see AssetGraph.aliases). */
  aliases?: Map<string, Record<string, string>> | undefined;
  /**
   * Alias moves this run made besides promoting what it materialized, in order, by asset: a
   * promotion on merge of a fresh version, an interrupted run's promotion completed.
   */
  moves?: Map<string, RunAliasMove[]> | undefined;
}

/** What a report shows of a fresh asset's version, which a head or a record gives. */
type LatestVersion = ReusedVersion & Pick<MaterializationRecord, "locations">;

export function pipelineFacts(result: PipelineResult): RunFacts {
  return {
    tick: result.plan.tick,
    gitSha: result.context.gitSha,
    ref: result.context.ref,
    // An asset this run made stale is reported as the stale asset it now is, not as fresh.
    plan: new Map(
      [...result.plan.assets].map(([name, entry]) => {
        const reasons = result.madeStale.get(name);
        return [name, reasons ? { status: "stale" as const, reasons } : entry];
      }),
    ),
    outcomes: result.execution.outcomes,
    latest: new Map([...result.assessment.assets].map(([name, a]) => [name, a.current])),
    deps: result.assessment.graph.deps,
    experiment: result.experiment,
    aliases: result.assessment.graph.aliases,
    moves: movesOf(result.completed),
  };
}

function movesOf(completed: readonly CompletedPromotion[]): Map<string, RunAliasMove[]> {
  const moves = new Map<string, RunAliasMove[]>();
  for (const { asset, outcome } of completed) {
    if (!outcome.moved || outcome.to === null) continue;
    const move = {
      alias: outcome.verdict.alias,
      from: outcome.from,
      to: outcome.to,
      reason: outcome.verdict.reason,
    };
    moves.set(asset, [...(moves.get(asset) ?? []), move]);
  }
  return moves;
}

/**
 * The promotions a workflow run made, read from the alias log by the run's id or address (what
 * `run` of a move holds): its plan job's promotions on merge are in no asset job's record.
 */
export async function movesByRun(
  ledger: Ledger,
  names: readonly string[],
  runs: readonly string[],
): Promise<Map<string, RunAliasMove[]>> {
  const ids = new Set(runs.filter((run) => run !== ""));
  const moves = await Promise.all(
    names.map(async (name) => {
      const made = (await ledger.aliasHistory(name)).flatMap((e) =>
        e.run !== undefined && ids.has(e.run) && e.to !== null && (e.kind ?? "promotion") === "promotion"
          ? [{ alias: e.alias, from: e.from, to: e.to, reason: e.reason }]
          : [],
      );
      return [name, made] as const;
    }),
  );
  return new Map(moves.filter(([, made]) => made.length > 0));
}

/**
 * The run's move of an asset's promote alias, from its first holder to its last: its moves before
 * planning, then its promotion of what it built (src/run/promote.ts), each the alias log's word.
 * null when it moved nothing.
 */
function runMove(
  alias: string | undefined,
  earlier: readonly RunAliasMove[],
  own: AssetOutcome["promotion"] | undefined,
): RunAliasMove | null {
  const moves = earlier.filter((m) => m.alias === alias);
  if (own?.moved && own.to !== null && own.verdict.alias === alias) {
    const last = moves.at(-1);
    // A move read back from the log by run (the action) may be this same promotion.
    if (last?.to !== own.to || last.from !== own.from)
      moves.push({ alias, from: own.from, to: own.to, reason: own.verdict.reason });
  }
  const first = moves[0];
  const last = moves.at(-1);
  return first && last ? { ...last, from: first.from } : null;
}

export async function buildRunReport(
  workspace: Workspace,
  facts: RunFacts,
  context: ReportContext = {},
): Promise<RunReport> {
  const { project, ledger } = workspace;
  const assets: AssetReport[] = [];
  // Only what the run did is shown in detail (metrics against baselines, curves, history): the
  // versions of those assets are read, by their heads; a fresh or skipped asset is one line, and
  // its history is not read at all.
  // The ledger is read for every asset at once, not one asset after the other: each read is a
  // round trip through the thread pool, and the report is written after the run's last step, so
  // every wait here is a wait before Kiln exits.
  const detailed = [...facts.plan.keys()].filter((name) => {
    const done = facts.outcomes.get(name);
    return project.assets.has(name) && done !== undefined && DETAILED.has(OUTCOMES[done.outcome]);
  });
  // The previous version and the history chart follow this checkout's line: its environment and
  // its line of history (src/version/lineage.ts), never a dev build on another branch.
  const lineage = workspaceLineage(workspace);
  const { headsOf, onLineage } = await recentHeads(
    ledger,
    lineage,
    detailed,
    context.mergeBase !== undefined,
  );
  const named = [...facts.plan.keys()].filter((name) => project.assets.has(name));
  const holdersOf = new Map(
    await Promise.all(
      named.map(async (name) => [name, aliasHolders(await ledger.aliasHistory(name))] as const),
    ),
  );
  const details = new Map(
    await Promise.all(
      detailed.map(async (name) => {
        const done = facts.outcomes.get(name);
        const record = done?.record;
        const all = headsOf.get(name)!;
        const alias = project.assets.get(name)!.promote?.alias;
        const detail = await detailContext(ledger, name, {
          record,
          all,
          // An experiment is compared with everything before it; anything else never with an
          // experiment (its config was set at run time, so "previous" would measure the setting).
          onLine: all.filter(
            (r) =>
              r.version === record?.version ||
              (onLineage(r, name) && (!isExperiment(r) || (record !== undefined && isExperiment(record)))),
          ),
          // The baseline of the promotion verdict: who held the alias before this run moved it.
          championVersion: done?.promotion
            ? done.promotion.from
            : alias
              ? holdersOf.get(name)!.get(alias)
              : undefined,
          // A version the base line took up is at the merge-base from the commit that took it up.
          mergeBase: context.mergeBase
            ? async (asset, versions) =>
                context.mergeBase!(asset, await headsAsTakenUp(lineage, asset, versions))
            : undefined,
        });
        return [name, detail] as const;
      }),
    ),
  );
  for (const [name, entry] of facts.plan) {
    const spec = project.assets.get(name);
    if (!spec) continue;
    const done = facts.outcomes.get(name);
    // A failed or skipped attempt made no version: only a fresh asset shows the version it reused.
    const record = done?.record;
    const reused = done ? undefined : facts.latest.get(name);
    const holders = holdersOf.get(name)!;
    const alias = spec.promote?.alias;
    const outcome: ReportOutcome = done
      ? OUTCOMES[done.outcome]
      : entry.status === "fresh"
        ? "fresh"
        : "skipped";
    const all = headsOf.get(name);
    const detail: DetailContext = details.get(name) ?? { history: [] };
    assets.push({
      name,
      outcome,
      reasons: entry.reasons,
      record: record ? abridge(record, all !== undefined) : reused && reusedVersion(reused),
      series: detail.series,
      failure: done?.failure,
      error:
        done && !done.failure && (done.outcome === "failed" || done.outcome === "cancelled")
          ? done.detail
          : undefined,
      previous: detail.previous,
      champion: detail.champion,
      mergeBase: detail.mergeBase,
      history: detail.history,
      aliasHolders: Object.fromEntries(holders),
      links: {
        run: context.runUrl,
        commit:
          context.repo && facts.gitSha
            ? `${context.repo.serverUrl}/${context.repo.repository}/commit/${facts.gitSha}`
            : undefined,
        log: done?.logUrl,
        artifact: downloadUrl(record ?? reused),
      },
      durationMs: done?.durationMs ?? 0,
      skippedBecause:
        done?.outcome === "skipped"
          ? done.detail
          : outcome === "skipped"
            ? entry.reasons.join("; ")
            : undefined,
      metrics: spec.metrics,
      promoteAlias: alias,
      move: runMove(alias, facts.moves?.get(name) ?? [], done?.promotion),
    });
  }
  const edges: RunReport["edges"] = [];
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
    edges,
  };
}

const DETAILED: ReadonlySet<ReportOutcome> = new Set(["materialized", "failed", "cancelled"]);

/**
 * The newest heads of each asset shown in detail: enough for its history chart (the last HISTORY
 * versions on this checkout's line) and its previous version, read newest first from its head log,
 * more only when too few of the newest are on this line, so the report after a run reads as much
 * whatever the history. A pull request's report (`everything`: its merge-base version may be any)
 * reads them all.
 */
async function recentHeads(
  ledger: Ledger,
  lineage: Lineage,
  names: readonly string[],
  everything: boolean,
): Promise<{ headsOf: Map<string, VersionHead[]>; onLineage: OnLine }> {
  const logs = new Map(
    await Promise.all(names.map(async (name) => [name, await headLogOf(ledger, name)] as const)),
  );
  const headsOf = new Map<string, VersionHead[]>();
  let window = everything ? Number.POSITIVE_INFINITY : 2 * (HISTORY + 1);
  let pending = names;
  for (;;) {
    await Promise.all(
      pending.map(async (name) => {
        const log = logs.get(name)!;
        const versions = window >= log.versions.length ? log.versions : log.versions.slice(-window);
        const heads = await Promise.all(versions.map((version) => log.head(version)));
        headsOf.set(
          name,
          heads.filter((head): head is VersionHead => head !== undefined),
        );
      }),
    );
    const onLineage = await lineageFilter(lineage, [...headsOf.values()].flat());
    pending = names.filter(
      (name) =>
        logs.get(name)!.versions.length > window &&
        headsOf.get(name)!.filter((head) => onLineage(head, name)).length <= HISTORY,
    );
    if (pending.length === 0) return { headsOf, onLineage };
    window *= 4;
  }
}

/**
 * A record as report data: what the report shows of it, not the record (the ledger has that). The
 * provenance maps (a hash per input and code file) and the series are left out, so the report's
 * data stays bounded at thousands of assets and curves of any length.
 */
function abridge(record: MaterializationRecord, detailed: boolean): MaterializationRecord {
  const { seriesFile: _file, seriesPreview: _preview, ...rest } = record;
  return {
    ...rest,
    provenance: { ...record.provenance, code: {}, inputs: {}, config: {}, env: {} },
    series: [],
    checks: detailed ? record.checks : [],
  };
}

/** A fresh asset's version as the report keeps it: what names and links it, nothing the ledger holds. */
function reusedVersion(version: LatestVersion): ReusedVersion {
  const { asset, version: number, logicalVersion, dataVersion, context, metrics, finishedAt } = version;
  return { asset, version: number, logicalVersion, dataVersion, context, metrics, finishedAt };
}

interface DetailContext {
  series?: AssetReport["series"];
  previous?: MaterializationRecord | undefined;
  champion?: MaterializationRecord | undefined;
  mergeBase?: MaterializationRecord | undefined;
  history: AssetReport["history"];
}

/** The baselines, history and curves of an asset the run materialized or failed. */
async function detailContext(
  ledger: Ledger,
  name: string,
  facts: {
    record: MaterializationRecord | undefined;
    /** Every version's head, and those on this checkout's line. */
    all: VersionHead[];
    onLine: VersionHead[];
    championVersion: number | null | undefined;
    mergeBase: ReportContext["mergeBase"];
  },
): Promise<DetailContext> {
  const { record, all, onLine } = facts;
  const load = async (version: number | null | undefined) =>
    version === null || version === undefined
      ? undefined
      : await ledger.materialization(name, version).then((r) => r && abridge(r, false));
  const previous = record ? onLine.filter((r) => r.version < record.version).at(-1) : onLine.at(-1);
  const base = facts.mergeBase ? await facts.mergeBase(name, all) : undefined;
  // The preview downsampled when the series was written: a series of any length is never read
  // here. Records from before previews existed read their series.
  const [points, previousRecord, champion, mergeBase] = await Promise.all([
    record ? (record.seriesPreview ?? ledger.series(record)) : [],
    load(previous?.version),
    load(facts.championVersion),
    load(base?.version),
  ]);
  return {
    // Downsampled here, once: the report's data holds the chart, never the whole series.
    series: points.length > 0 ? withSourcePoints(seriesChart(points), record?.seriesFile?.points) : undefined,
    previous: previousRecord,
    champion,
    mergeBase,
    history: onLine.slice(-HISTORY).map((h) => ({
      version: h.version,
      metrics: h.metrics,
      ...(h.notFinite ? { notFinite: h.notFinite } : {}),
    })),
  };
}

/** A chart drawn from a series' preview still says how many points the series had. */
function withSourcePoints(
  chart: SeriesChart | undefined,
  points: number | undefined,
): SeriesChart | undefined {
  return chart && points !== undefined
    ? { ...chart, sourcePoints: Math.max(chart.sourcePoints, points) }
    : chart;
}

/** Keeps the run's report in `.kiln/reports/` (see report-history.ts). */
export async function writeRunReport(
  workspace: Workspace,
  result: PipelineResult,
  context: ReportContext = {},
): Promise<WrittenReport> {
  const report = await buildRunReport(
    { ...workspace, ledger: result.ledger },
    pipelineFacts(result),
    context,
  );
  return keepReport(workspace.reportsDir, report, renderReport(report, { format: "md", budget: "none" }));
}

/** Where a person downloads the version's outputs: the release asset (the model file), else the artifact. */
function downloadUrl(record: Pick<MaterializationRecord, "locations"> | undefined): string | undefined {
  const url = (kind: string) => record?.locations.find((l) => l.kind === kind && l.url)?.url;
  return url("release") ?? url("artifact");
}
