// The report's content as plain data, at a chosen level of detail. Markdown and JSON are two
// renderings of this one view, so they never disagree about what a run did.
import type { CheckResult, MaterializationRecord, NotFinite, SeriesPoint } from "../domain/records.js";
import { type SeriesChart, seriesChart, type VersionPoint } from "./charts.js";
import { compareMetrics, type MetricRow } from "./compare.js";
import {
  type AssetReport,
  type ReportLinks,
  type ReportOutcome,
  type RunReport,
  writtenRecord,
} from "./model.js";

export const VIEW_SCHEMA = 1;
/** How many versions the history chart shows. */
export const HISTORY_VERSIONS = 20;
/** How many log lines a failure shows, and how long each may be. */
export const LOG_TAIL_LINES = 30;
export const LOG_LINE_CHARS = 300;

/** Detail that budgets drop, in this order. */
export type Droppable = "series" | "history" | "details";
export const DROP_ORDER: readonly Droppable[] = ["series", "history", "details"];

export interface ChampionChange {
  asset: string;
  alias: string;
  from: number | null;
  to: number;
  /**
   * Why, for a move of a version this run did not build (promotion on merge, an interrupted
   * run's promotion completed): no section of the report says it otherwise.
   */
  reason?: string | undefined;
}

export interface AssetView {
  name: string;
  outcome: ReportOutcome;
  version?: number | undefined;
  /** Aliases this version holds after the run. */
  aliases: string[];
  /** Made by an experiment (run config set at run time): compared, never promoted. */
  experiment?: boolean | undefined;
  /** Built from uncommitted changes: its commit alone cannot rebuild it. */
  dirty?: boolean | undefined;
  durationMs: number;
  reasons: string[];
  skippedBecause?: string | undefined;
  links: ReportLinks;
  /** Absent once per-asset details are dropped. */
  details?: AssetDetails | undefined;
}

export interface AssetDetails {
  metrics: MetricRow[];
  baselines: {
    champion?: number | undefined;
    previous?: number | undefined;
    "merge-base"?: number | undefined;
  };
  promotion?:
    | {
        alias: string;
        promote: boolean;
        promoted: boolean;
        reason: string;
        /** Promoted by this run from this holder (null: nobody held it). */
        from?: number | null | undefined;
        /** Promoted by this run, and the alias has moved on since: the version holding it now. */
        replacedBy?: number | undefined;
      }
    | undefined;
  checks: CheckResult[];
  /**
   * The champion's environment when it is not the run's (a dev build beside prod's champion): its
   * changes are shown, not judged, since another environment's config trained it.
   */
  championEnvironment?: string | undefined;
  /** What the run's user must know although it finished (NaN metrics, series values left out). */
  warnings?: string[] | undefined;
  error?: string | undefined;
  attempts?: number | undefined;
  logTail?: string[] | undefined;
  series?: SeriesChart | undefined;
  history?:
    | {
        metric: string;
        points: VersionPoint[];
        /**
         * Versions of the range the chart cannot draw (xychart has no gaps): their metric was NaN
         * or ±Infinity (`notFinite`), or absent. Named under the chart, counted in its range.
         */
        notDrawn?: Array<{ version: number; notFinite?: NotFinite | undefined }> | undefined;
      }
    | undefined;
}

export interface ReportView {
  schema: typeof VIEW_SCHEMA;
  title: string;
  event: string;
  tick: string;
  environment?: string | undefined;
  ref?: string | undefined;
  gitSha?: string | undefined;
  pullRequest?: RunReport["pullRequest"];
  runUrl?: string | undefined;
  experiment?: string[] | undefined;
  /** The plan job's end when it did not succeed (RunReport.planJob). */
  planJob?: RunReport["planJob"];
  counts: Record<ReportOutcome, number>;
  championChanges: ChampionChange[];
  assets: AssetView[];
  /** The project's sources; an upstream name that is neither a source nor in the run was not run. */
  sources?: string[] | undefined;
  /** `alias`: the dependant reads the version this alias of `from` names (`deps: [model@champion]`). */
  edges: { from: string; to: string; alias?: string | undefined }[];
  /** Detail left out to fit the budget, in drop order. */
  dropped: Droppable[];
  /** Overview rows left out because even the smallest report was too large. */
  omittedAssets: number;
}

export function championChange(asset: AssetReport): ChampionChange | undefined {
  const record = writtenRecord(asset);
  if (asset.move !== undefined) {
    const move = asset.move;
    if (!move || move.to === move.from) return undefined;
    const change: ChampionChange = { asset: asset.name, alias: move.alias, from: move.from, to: move.to };
    if (move.to !== record?.version) change.reason = move.reason;
    return change;
  }
  // A report kept before runs carried their move: judged by the holder now.
  const alias = asset.promoteAlias ?? record?.promotion?.alias;
  if (!alias || !record) return undefined;
  const to = asset.aliasHolders[alias];
  const from = asset.champion?.version ?? null;
  if (to === undefined || to === from || to !== record.version) return undefined;
  return { asset: asset.name, alias, from, to };
}

/** The verdict on a record this run wrote; whether it was promoted is the run's move's word. */
function promotionOf(
  asset: AssetReport,
  record: MaterializationRecord | undefined,
): AssetDetails["promotion"] {
  const verdict = record?.promotion;
  if (!record || !verdict) return undefined;
  const holder = asset.aliasHolders[verdict.alias];
  const verdictOf = (promoted: boolean) => ({
    alias: verdict.alias,
    promote: verdict.promote,
    promoted,
    reason: verdict.reason,
  });
  if (asset.move === undefined) return verdictOf(holder === record.version);
  const move = asset.move;
  if (move?.alias !== verdict.alias || move.to !== record.version) return verdictOf(false);
  return {
    ...verdictOf(true),
    from: move.from,
    replacedBy: holder !== record.version ? holder : undefined,
  };
}

// Records are immutable, so a chart is computed once per series even when a budget re-renders.
const chartCache = new WeakMap<readonly SeriesPoint[], SeriesChart | undefined>();
function cachedChart(series: readonly SeriesPoint[]): SeriesChart | undefined {
  if (!chartCache.has(series)) chartCache.set(series, seriesChart(series));
  return chartCache.get(series);
}

function hasDetails(asset: AssetReport): boolean {
  return asset.outcome === "materialized" || asset.outcome === "failed" || asset.outcome === "cancelled";
}

function details(asset: AssetReport, dropped: ReadonlySet<Droppable>): AssetDetails {
  const record = writtenRecord(asset);
  const ran = record ?? asset.failure;
  const metrics = ran?.metrics ?? {};
  const baselines = {
    // Comparing a record with itself says nothing: a run that did not change the champion keeps
    // the old one as baseline, a run that promoted is compared with the one it replaced.
    champion: asset.champion && asset.champion.version !== record?.version ? asset.champion : undefined,
    previous: asset.previous,
    "merge-base": asset.mergeBase,
  };
  const championEnvironment = baselines.champion?.context.environment;
  const otherEnvironment =
    championEnvironment !== undefined &&
    ran?.context.environment !== undefined &&
    championEnvironment !== ran.context.environment;
  const out: AssetDetails = {
    metrics: compareMetrics(
      metrics,
      asset.metrics,
      baselines,
      ran?.notFinite,
      otherEnvironment ? new Set(["champion"]) : undefined,
    ),
    baselines: {
      champion: baselines.champion?.version,
      previous: baselines.previous?.version,
      "merge-base": baselines["merge-base"]?.version,
    },
    promotion: promotionOf(asset, record),
    checks: record?.checks ?? asset.failure?.checks ?? [],
  };
  if (otherEnvironment) out.championEnvironment = championEnvironment;
  if (ran?.warnings && ran.warnings.length > 0) out.warnings = ran.warnings;
  if (!asset.failure && asset.error !== undefined && asset.outcome !== "materialized")
    out.error = asset.error;
  if (asset.failure && asset.outcome !== "materialized") {
    out.error = asset.failure.error;
    out.attempts = asset.failure.attempts;
    out.logTail = asset.failure.logTail
      .slice(-LOG_TAIL_LINES)
      .map((line) => (line.length > LOG_LINE_CHARS ? `${line.slice(0, LOG_LINE_CHARS)}…` : line));
  }
  if (!dropped.has("series") && record) {
    const chart = asset.series ?? (record.series.length > 0 ? cachedChart(record.series) : undefined);
    if (chart) out.series = chart;
  }
  const primary = asset.metrics?.primary;
  if (!dropped.has("history") && primary) {
    const alias = asset.promoteAlias ?? record?.promotion?.alias;
    const holder = alias ? asset.aliasHolders[alias] : undefined;
    const range = asset.history.slice(-HISTORY_VERSIONS);
    const drawable = (r: (typeof range)[number]) => {
      const value = r.metrics[primary];
      return value !== undefined && Number.isFinite(value);
    };
    const points = range.filter(drawable).map((r) => ({
      version: r.version,
      value: r.metrics[primary] as number,
      champion: r.version === holder,
      current: r.version === record?.version,
    }));
    const notDrawn = range
      .filter((r) => !drawable(r))
      .map((r) => ({ version: r.version, notFinite: r.notFinite?.[primary] }));
    if (points.length >= 2)
      out.history = { metric: primary, points, ...(notDrawn.length > 0 ? { notDrawn } : {}) };
  }
  return out;
}

export function buildView(report: RunReport, title: string, dropped: ReadonlySet<Droppable>): ReportView {
  const counts: Record<ReportOutcome, number> = {
    materialized: 0,
    fresh: 0,
    skipped: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const asset of report.assets) counts[asset.outcome]++;
  const assets = report.assets.map((asset): AssetView => {
    const version = asset.record?.version;
    return {
      name: asset.name,
      outcome: asset.outcome,
      version,
      aliases: Object.entries(asset.aliasHolders)
        .filter(([, v]) => v === version)
        .map(([alias]) => alias)
        .sort(),
      experiment: (asset.record ?? asset.failure)?.context.experiment !== undefined || undefined,
      dirty: (asset.record ?? asset.failure)?.context.dirty === true || undefined,
      durationMs: asset.durationMs,
      reasons: asset.reasons,
      skippedBecause: asset.skippedBecause,
      links: asset.links,
      details: !dropped.has("details") && hasDetails(asset) ? details(asset, dropped) : undefined,
    };
  });
  return {
    schema: VIEW_SCHEMA,
    title,
    event: report.event,
    tick: report.tick,
    environment: report.environment,
    ref: report.ref,
    gitSha: report.gitSha,
    pullRequest: report.pullRequest,
    runUrl: report.runUrl,
    experiment: report.experiment,
    planJob: report.planJob,
    counts,
    championChanges: report.assets.flatMap((a) => championChange(a) ?? []),
    assets,
    sources: report.sources,
    edges: report.edges,
    dropped: DROP_ORDER.filter((d) => dropped.has(d)),
    omittedAssets: 0,
  };
}
