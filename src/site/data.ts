// The data contract between the site generator (Node) and the site's browser code: what the
// per-asset data files and the inline JSON of a page hold. Plain JSON, no functions or dates.
import type { CheckResult, PromotionVerdict, StoreLocation } from "../domain/records.js";
import type { SeriesChart } from "../report/charts.js";

/** Versions per data file: a version or compare page loads one or two files of this many records. */
export const CHUNK_VERSIONS = 25;
/** Points per series line kept for the interactive charts (LTTB beyond that). */
export const SITE_SERIES_POINTS = 2000;
/** Significant digits of series values in data files: hover shows four (formatNumber). */
export const SITE_SERIES_DIGITS = 6;
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
  description?: string | undefined;
  metrics: MetricSpecData;
  /** The alias `promote` moves, when the asset promotes. */
  promoteAlias?: string | undefined;
  /** Every version, ascending: number, finish time, environment, branch. */
  versions: Array<{ v: number; at: string; env: string; branch?: string | undefined }>;
  /** alias → version now. */
  aliases: Record<string, number>;
  failures: number;
}

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
  /** `https://github.com/o/r/commit/<sha>`, when the repository is known. */
  commitUrl?: string | undefined;
  runUrl?: string | undefined;
  actor?: string | undefined;
  pullRequest?: number | undefined;
  dirty?: boolean | undefined;
}

/** One successful version, as its page and the compare page show it. */
export interface VersionDetail {
  asset: string;
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
  series?: SeriesChart | undefined;
  checks: CheckResult[];
  promotion?: PromotionVerdict | undefined;
  /** Aliases this version holds now. */
  aliases: string[];
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

/** Inline JSON of an asset page: the metric history charts. */
export interface HistoryData {
  asset: string;
  versions: number[];
  /** Line (environment · branch) of each version, aligned with `versions`. */
  lines: string[];
  metrics: Array<{
    name: string;
    direction?: "minimize" | "maximize" | undefined;
    values: (number | null)[];
  }>;
  /** Versions that took the promote alias, in order. */
  championMoves: number[];
  alias?: string | undefined;
}

/** The global a data file calls: `kilnData("model/c0", {...})`. */
export const DATA_CALLBACK = "kilnData";
