// The data contract between the site generator (Node) and the site's browser code: what the
// per-asset data files and the inline JSON of a page hold. Plain JSON, no functions or dates.
import type {
  AliasEvent,
  CheckResult,
  NotFinite,
  PromotionVerdict,
  StoreLocation,
} from "../domain/records.js";
import type { SeriesChart } from "../report/charts.js";

/** Versions per data file: a version or compare page loads one or two files of this many records. */
export const CHUNK_VERSIONS = 25;
/** Points per series line kept for the interactive charts (LTTB beyond that). */
export const SITE_SERIES_POINTS = 2000;
/** Significant digits of series values in data files: hover shows four (formatNumber). */
export const SITE_SERIES_DIGITS = 6;
/** Rows of an asset page's version table written into the page; the rest page in from its data file. */
export const TABLE_PAGE_ROWS = 50;
/** Metric columns in the version table; every metric is on the version page. */
export const TABLE_METRICS = 4;
/**
 * The layout of the data files. A rebuild reuses an earlier build's version chunks only when they
 * were written in this layout: bump it whenever VersionDetail or what a chunk holds changes.
 */
export const SITE_DATA_FORMAT = 4;
/** Log lines of a failure kept on its page. */
export const SITE_LOG_LINES = 200;
/**
 * An asset's key in the site: `<project>/<asset>`. Every project of the repository has its own
 * namespace in the ledger, so the site keeps them apart the same way: pages under
 * `assets/<project>/`, data under `data/<project>/<asset>/`, `?asset=<project>/<asset>` in links.
 * Both names are `[a-z][a-z0-9_-]*` (manifest schema): safe in paths and URLs as they are.
 */
export const SITE_KEY = /^[a-z][a-z0-9_-]*\/[a-z][a-z0-9_-]*$/;

export function siteKey(project: string, asset: string): string {
  return `${project}/${asset}`;
}

/** The asset name of a key, for display. */
export function assetOf(key: string): string {
  return key.slice(key.indexOf("/") + 1);
}

/** The key of another asset of the same project (an upstream dependency). */
export function siblingKey(key: string, asset: string): string {
  return `${key.slice(0, key.indexOf("/"))}/${asset}`;
}

export function chunkOf(version: number): number {
  return Math.floor((version - 1) / CHUNK_VERSIONS);
}

export interface MetricSpecData {
  primary?: string | undefined;
  /** metric → "minimize" | "maximize" for every metric with a declared direction. */
  directions: Record<string, "minimize" | "maximize">;
}

/** `data/<asset>/meta.js`: what the compare page needs to label and order versions. */
export interface AssetMeta {
  asset: string;
  /** The repository's web address when given; else commit links come from run URLs (links.ts). */
  repositoryUrl?: string | undefined;
  description?: string | undefined;
  metrics: MetricSpecData;
  /** The alias `promote` moves, when the asset promotes. */
  promoteAlias?: string | undefined;
  /** Every version, ascending: number, finish time, environment, branch, and whether an experiment. */
  versions: MetaVersion[];
  /** alias → version now. */
  aliases: Record<string, number>;
  /**
   * Every alias move that took effect and named a version, in order: a version page shows those
   * that named it. Here, not in a chunk: moves come after their version is recorded.
   */
  moves: AliasMoveData[];
  failures: number;
}

/**
 * A version in meta.js: what its line is (previousOnLine) and when it finished. `experiment` only on
 * an experiment's: a version page loads meta.js, and most versions are none.
 */
export interface MetaVersion {
  v: number;
  at: string;
  env: string;
  branch?: string | undefined;
  experiment?: true | undefined;
}

/**
 * Each version's previous, aligned with the versions (ascending): the newest earlier version of its
 * line, here its environment and branch (reports also read git ancestry and the versions a branch
 * took up at a merge, which the site's shallow checkout cannot: after a squash merge the two may
 * name different versions), never a dev build on another branch or another environment's. Nor an experiment, unless the version is one itself: an experiment is
 * compared with everything before it, anything else never with an experiment (its config was set
 * at run time). A line's first version has none. Worked out where it is shown (the asset page's
 * compare form, a version page's button) rather than stored: meta.js is loaded by every version
 * page, and a number per version made it a quarter larger.
 */
export function previousOnLine(
  versions: readonly Pick<MetaVersion, "v" | "env" | "branch" | "experiment">[],
): (number | undefined)[] {
  const last = new Map<string, number>();
  const lastPlain = new Map<string, number>();
  return versions.map((version) => {
    // Environment and branch names never hold a newline.
    const line = `${version.env}\n${version.branch ?? ""}`;
    const previous = version.experiment ? last.get(line) : lastPlain.get(line);
    last.set(line, version.v);
    if (!version.experiment) lastPlain.set(line, version.v);
    return previous;
  });
}

/** An alias move as the site shows it (AliasEvent without its id; removals are not listed). */
export type AliasMoveData = Pick<AliasEvent, "alias" | "from" | "at" | "by" | "reason" | "kind" | "run"> & {
  to: number;
};

export interface UpstreamLink {
  name: string;
  kind: "asset" | "source" | "unknown";
  dataVersion: string;
  /** The upstream version whose data version this is, when it is in the ledger. */
  version?: number | undefined;
}

export interface RunInfo {
  event: string;
  environment: string;
  branch?: string | undefined;
  gitSha?: string | undefined;
  /**
   * `https://github.com/o/r/commit/<sha>`, when the repository is known: in failures only. A
   * version's is derived from meta.js's repositoryUrl and its run URL (links.ts).
   */
  commitUrl?: string | undefined;
  runUrl?: string | undefined;
  actor?: string | undefined;
  pullRequest?: number | undefined;
  dirty?: boolean | undefined;
}

/**
 * A series chart as a chunk stores it: `omitted` only when some lines are not drawn, `sourcePoints`
 * only when the curve was downsampled (most versions have neither, and 300,000 of them add up).
 */
export type SiteSeries = Omit<SeriesChart, "omitted" | "sourcePoints"> &
  Partial<Pick<SeriesChart, "omitted" | "sourcePoints">>;

/** One successful version, as its page and the compare page show it (its asset is the chunk's). */
export interface VersionDetail {
  version: number;
  logicalVersion: string;
  dataVersion: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  attempts: number;
  run: RunInfo;
  reasons: string[];
  codeVersion: string;
  code: Record<string, string>;
  config: Record<string, unknown>;
  env: Record<string, string>;
  inputs: Record<string, string>;
  upstream: UpstreamLink[];
  outputs: Array<{ path: string; blob: string; size: number }>;
  locations: StoreLocation[];
  metrics: Record<string, number>;
  /** Metrics the step reported as NaN or ±Infinity: not in `metrics` (JSON has no NaN). */
  notFinite?: Record<string, NotFinite> | undefined;
  series?: SiteSeries | undefined;
  checks: CheckResult[];
  promotion?: PromotionVerdict | undefined;
  // The aliases a version holds now are in meta.js: a chunk holds only what never changes once its
  // versions are recorded, so a rebuild can keep it.
}

/** `data/<asset>/c<k>.js`: versions k·CHUNK+1 … (k+1)·CHUNK. */
export interface VersionChunk {
  asset: string;
  chunk: number;
  versions: VersionDetail[];
}

export interface FailureDetail {
  asset: string;
  /** 1-based position among the asset's failed attempts, by start time. */
  index: number;
  status: "failed" | "cancelled";
  error: string;
  logTail: string[];
  /** Lines dropped from the start of the stored log tail. */
  logTruncated: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  attempts: number;
  run: RunInfo;
  reasons: string[];
  config: Record<string, unknown>;
  metrics: Record<string, number>;
  checks: CheckResult[];
  upstream: UpstreamLink[];
}

/** One row of an asset's version table: what the page shows of a version without its chunk. */
export interface VersionRow {
  v: number;
  /** Finish time (ISO). */
  at: string;
  /** Its commit; the link is derived (links.ts) from the table's repositoryUrl and the run URL. */
  sha?: string | undefined;
  /** Environment · branch. */
  line: string;
  /** Values of the table's metric columns (VersionTable.metrics), null where not recorded. */
  metrics: (number | null)[];
  /** Metrics the step reported as NaN or ±Infinity (null in `metrics`): shown, never left blank. */
  notFinite?: Record<string, NotFinite> | undefined;
  /** Checks passed and declared, and what the failed ones said. */
  checks: { passed: number; total: number; failed?: string | undefined };
  durationMs: number;
  runUrl?: string | undefined;
  event: string;
}

/** `data/<asset>/versions.js`: every row of the version table, for paging and filtering. */
export interface VersionTable {
  asset: string;
  /** The repository's web address when given (see AssetMeta.repositoryUrl). */
  repositoryUrl?: string | undefined;
  /** The metric columns, primary first. */
  metrics: string[];
  /** alias → version now. */
  aliases: Record<string, number>;
  /** Ascending by version. */
  rows: VersionRow[];
}

/** Inline JSON of an asset page: the metric history charts. */
export interface HistoryData {
  asset: string;
  versions: number[];
  /** The lines (environment · branch) versions belong to, in order of their first version. */
  lines: string[];
  /** Each version's line: an index into `lines`, aligned with `versions`. */
  line: number[];
  metrics: Array<{
    name: string;
    direction?: "minimize" | "maximize" | undefined;
    values: (number | null)[];
  }>;
  /** Versions that took the promote alias, in order. */
  championMoves: number[];
  alias?: string | undefined;
}

/** Why a NaN or ±Infinity value has no point on the charts: the title of its cell, on server and client. */
export function notFiniteTitle(kind: NotFinite): string {
  return `the step reported ${kind}: not a number, so not drawn on the charts`;
}

/** The global a data file calls: `kilnData("model/c0", {...})`. */
export const DATA_CALLBACK = "kilnData";
