// Turns ledger records into what the site shows: the overview row of each asset (status, champion,
// last refresh, next tick), the rows of its version table, and the per-version and per-failure
// details of the data files. Pages and tables are made from the ledger's heads (one small log per
// asset); only a version's details need its whole record and series. Reads only through the Ledger
// interface; everything here is plain data for the page renderers.
import { nextTick } from "../automation/cron.js";
import { aliasHolders, replayAliases } from "../ledger/aliases.js";
import {
  type AliasEvent,
  type FailureRecord,
  isExperiment,
  type MaterializationRecord,
  type NotFinite,
  type Provenance,
  type RunContext,
  type SeriesPoint,
  type VersionHead,
} from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import {
  type AssetSpec,
  type Condition,
  type Direction,
  metricDirection,
  refAsset,
} from "../manifest/project.js";
import { seriesChart } from "../report/charts.js";
import { commitLink } from "./links.js";
import type { AssetAssessment } from "../version/status.js";
import {
  type AssetMeta,
  type FailureDetail,
  type HistoryData,
  type MetaVersion,
  type MetricSpecData,
  type RunInfo,
  SITE_LOG_LINES,
  SITE_SERIES_DIGITS,
  SITE_SERIES_POINTS,
  TABLE_METRICS,
  type UpstreamLink,
  type VersionDetail,
  type VersionRow,
  type VersionTable,
} from "./data.js";

/** What the site says about an asset's state, in the overview and on its page. */
export type SiteStatus = "fresh" | "stale" | "missing" | "failed";

export interface AssetSummary {
  name: string;
  description?: string | undefined;
  group?: string | undefined;
  status: SiteStatus;
  reasons: string[];
  /** Versions recorded (every environment and branch). */
  versions: number;
  failures: number;
  latest?: { version: number; finishedAt: string } | undefined;
  champion?:
    | { alias: string; version: number; metric?: string | undefined; value?: number | undefined }
    | undefined;
  primary?: string | undefined;
  /** ISO time of the next cron tick among the asset's conditions. */
  nextTick?: string | undefined;
  automation: string;
}

/**
 * What the site keeps of a version's head for its pages and chunks. A large site holds 300,000 of
 * them from their asset's heads read until its pages are written, and the rest of a head (its deps,
 * outputs and store locations) is as large again: dropped when read, it dies young instead of
 * being copied through the main thread's young generation into the old.
 */
export type SiteHead = Pick<
  VersionHead,
  "version" | "finishedAt" | "logicalVersion" | "dataVersion" | "metrics" | "context"
>;

export function siteHead(head: VersionHead): SiteHead {
  const { version, finishedAt, logicalVersion, dataVersion, metrics, context } = head;
  return { version, finishedAt, logicalVersion, dataVersion, metrics, context };
}

/** What the pages of one asset are made from, read once: no whole record, no series. */
export interface AssetHistory {
  /** Every successful version, ascending. */
  heads: SiteHead[];
  failures: FailureRecord[];
  /** Effective alias moves (lost compare-and-swap races left out). */
  aliasEvents: AliasEvent[];
  holders: Map<string, number>;
}

/** An asset's history from its heads (read by the caller) and its failures and alias moves. */
export async function readAssetHistory(
  ledger: Ledger,
  asset: string,
  heads: SiteHead[],
): Promise<AssetHistory> {
  const [failures, history] = await Promise.all([ledger.failures(asset), ledger.aliasHistory(asset)]);
  return assetHistory(heads, failures, history);
}

/** The history as shown: alias moves replayed against the versions the site holds. */
export function assetHistory(
  heads: SiteHead[],
  failures: FailureRecord[],
  aliasHistory: readonly AliasEvent[],
): AssetHistory {
  const { effective } = replayAliases(aliasHistory, new Set(heads.map((r) => r.version)));
  return { heads, failures, aliasEvents: effective, holders: aliasHolders(effective) };
}

export function branchOf(context: RunContext): string | undefined {
  return context.ref?.replace(/^refs\/heads\//, "") || undefined;
}

/** The line of history a record belongs to, as the charts group versions: `prod · main`. */
export function lineOf(context: RunContext): string {
  const branch = branchOf(context);
  return branch ? `${context.environment} · ${branch}` : context.environment;
}

/**
 * What the pages show of a run. A failure carries its commit link; a version's is derived in the
 * browser from meta.js's repositoryUrl (links.ts), so chunks do not repeat it.
 */
function runInfo(context: RunContext, repositoryUrl: string | undefined, withCommitUrl: boolean): RunInfo {
  return {
    event: context.event,
    environment: context.environment,
    branch: branchOf(context),
    gitSha: context.gitSha,
    commitUrl: withCommitUrl ? commitLink(context.gitSha, context.runUrl, repositoryUrl) : undefined,
    runUrl: context.runUrl,
    actor: context.actor,
    pullRequest: context.pullRequest,
    dirty: context.dirty,
  };
}

function conditionText(condition: Condition): string {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return `${condition.kind}: ${condition.cron}${condition.tz === "UTC" ? "" : ` (${condition.tz})`}`;
    case "all":
    case "any":
      return `${condition.kind}(${condition.of.map(conditionText).join(", ")})`;
    case "not":
      return `not(${conditionText(condition.of)})`;
    default:
      return condition.kind;
  }
}

function crons(condition: Condition): Array<{ cron: string; tz: string }> {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return [{ cron: condition.cron, tz: condition.tz }];
    case "all":
    case "any":
      return condition.of.flatMap(crons);
    case "not":
      return [];
    default:
      return [];
  }
}

/** The earliest coming tick of the asset's cron conditions (`not(cron)` never schedules a run). */
export function nextScheduledTick(asset: AssetSpec, now: Date): Date | undefined {
  let next: Date | undefined;
  for (const { cron, tz } of crons(asset.automation)) {
    const tick = nextTick(cron, tz, now);
    if (tick && (!next || tick < next)) next = tick;
  }
  return next;
}

export function metricSpec(asset: AssetSpec): MetricSpecData {
  const metrics = asset.metrics;
  const directions: Record<string, Direction> = {};
  for (const name of metrics ? [metrics.primary, ...Object.keys(metrics.directions)] : []) {
    const direction = metrics && metricDirection(metrics, name);
    if (direction) directions[name] = direction;
  }
  if (asset.promote) directions[asset.promote.metric] = asset.promote.direction;
  return { primary: asset.metrics?.primary ?? asset.promote?.metric, directions };
}

export function summarize(
  asset: AssetSpec,
  assessment: AssetAssessment | undefined,
  read: AssetHistory,
  now: Date,
): AssetSummary {
  const { heads, failures, holders } = read;
  const newest = heads.at(-1);
  // A failure newer than the asset's current version is what a reader must see first, whatever
  // the staleness: both as status finds them on the checkout's lineage (failureFilter), since the
  // ledger holds every branch's and pull request's attempts, and one red pull request made the
  // dashboard built on main call main's fresh model failed.
  const lastFailure = assessment?.lastFailure;
  const current = assessment?.current;
  const failedLast = lastFailure !== undefined && (!current || lastFailure.finishedAt > current.finishedAt);
  let status: SiteStatus = assessment?.status ?? (newest ? "stale" : "missing");
  let reasons = assessment?.reasons ?? [];
  if (failedLast) {
    status = "failed";
    const first = lastFailure.error.split("\n")[0] ?? "";
    reasons = [`last run failed: ${first}`, ...reasons.filter((r) => !r.startsWith("last run failed"))];
  }
  const spec = metricSpec(asset);
  const alias = asset.promote?.alias ?? "champion";
  const holder = holders.get(alias);
  const holderRecord = holder === undefined ? undefined : heads.find((r) => r.version === holder);
  const next = nextScheduledTick(asset, now);
  return {
    name: asset.name,
    description: asset.description,
    group: asset.group,
    status,
    reasons,
    versions: heads.length,
    failures: failures.length,
    latest: newest ? { version: newest.version, finishedAt: newest.finishedAt } : undefined,
    champion:
      holder === undefined
        ? undefined
        : {
            alias,
            version: holder,
            metric: spec.primary,
            value: spec.primary ? holderRecord?.metrics[spec.primary] : undefined,
          },
    primary: spec.primary,
    nextTick: next?.toISOString(),
    automation: conditionText(asset.automation),
  };
}

/**
 * dependency → (data version → its first version), to link a record's inputs to exact upstream
 * versions. Asked by the reference a record names (`model@champion` reads model's versions).
 */
export interface DataVersionIndex {
  get(name: string): ReadonlyMap<string, number> | undefined;
}

/** The names a record's dependencies are looked up in: a Project's, or a reader thread's copy. */
export interface DependencyNames {
  assets: { has(name: string): boolean };
  sources: { has(name: string): boolean };
}

/**
 * What a dependency a record names is in the project now. Records name a dependency as the
 * manifest refers to it (`model@champion` for the version the alias named): the asset it reads.
 */
export function depKind(project: DependencyNames, name: string): UpstreamLink["kind"] {
  const asset = refAsset(name);
  return project.assets.has(asset) ? "asset" : project.sources.has(asset) ? "source" : "unknown";
}

function upstreamLinks(
  provenance: Provenance,
  project: DependencyNames,
  index: DataVersionIndex,
): UpstreamLink[] {
  return Object.entries(provenance.deps)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dataVersion]) => ({
      name,
      kind: depKind(project, name),
      dataVersion,
      version: index.get(name)?.get(dataVersion),
    }));
}

export interface DetailContext {
  project: DependencyNames;
  index: DataVersionIndex;
  repositoryUrl?: string | undefined;
}

/**
 * A curve as the site stores it, as JSON text (a SiteSeries): at most SITE_SERIES_POINTS steps per
 * line, values at SITE_SERIES_DIGITS significant digits. Series are most of the site's bytes (a
 * GitHub Pages site may not exceed 1 GB), and a full double costs 18 characters where the charts draw
 * a few hundred pixels and hover shows four digits. Written as text because a large site has
 * millions of values: each is formatted once (siteNumberJson), not rounded, parsed back and
 * formatted again by JSON.stringify.
 */
export function siteSeriesJson(series: readonly SeriesPoint[]): string | undefined {
  if (series.length === 0) return undefined;
  const chart = seriesChart(series, SITE_SERIES_POINTS);
  if (!chart) return undefined;
  const { names, steps, values, omitted, sourcePoints } = chart;
  let text = `{"names":${JSON.stringify(names)},"steps":${JSON.stringify(steps)},"values":[`;
  for (let l = 0; l < values.length; l++) {
    const line = values[l]!;
    text += l === 0 ? "[" : ",[";
    for (let i = 0; i < line.length; i++)
      text += i === 0 ? siteNumberJson(line[i]!) : `,${siteNumberJson(line[i]!)}`;
    text += "]";
  }
  text += "]";
  // What every curve has (nothing omitted, every step drawn) is left for the page to assume.
  if (omitted.length > 0) text += `,"omitted":${JSON.stringify(omitted)}`;
  if (sourcePoints !== steps.length) text += `,"sourcePoints":${sourcePoints}`;
  return `${text}}`;
}

/** A value as the site's charts hold it: SITE_SERIES_DIGITS significant digits (integers whole). */
export function siteValue(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(SITE_SERIES_DIGITS));
}

/**
 * JSON.stringify(siteValue(value)) for a finite value, without the round trip: toPrecision's fixed
 * notation with its trailing zeros cut is the shortest form of the number it names (at most 15
 * significant digits name one double), which is what JSON.stringify writes; its exponent notation
 * (below 1e-6, and from 1e6, where JSON.stringify writes digits) goes the long way.
 */
export function siteNumberJson(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toPrecision(SITE_SERIES_DIGITS);
  if (fixed.includes("e")) return String(Number(fixed));
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (fixed.charCodeAt(end - 1) === 46 /* . */) end--;
  return fixed.slice(0, end);
}

/** A version's details without its series (siteSeriesJson): a chunk writes that after them. */
export function versionDetail(record: MaterializationRecord, ctx: DetailContext): VersionDetail {
  const p = record.provenance;
  return {
    version: record.version,
    logicalVersion: record.logicalVersion,
    dataVersion: record.dataVersion,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    durationMs: record.durationMs,
    attempts: record.attempts,
    run: runInfo(record.context, ctx.repositoryUrl, false),
    reasons: record.reasons,
    codeVersion: p.codeVersion,
    code: p.code,
    config: p.config,
    env: p.env,
    inputs: p.inputs,
    upstream: upstreamLinks(p, ctx.project, ctx.index),
    outputs: Object.entries(record.outputs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, o]) => ({ path, blob: o.blob, size: o.size })),
    locations: record.locations,
    metrics: record.metrics,
    ...(hasNotFinite(record.notFinite) ? { notFinite: record.notFinite } : {}),
    checks: record.checks,
    promotion: record.promotion,
  };
}

function hasNotFinite(
  notFinite: Record<string, NotFinite> | undefined,
): notFinite is Record<string, NotFinite> {
  return notFinite !== undefined && Object.keys(notFinite).length > 0;
}

/** What a version table row needs from the whole record: the rest is in its head. */
export interface RowFacts {
  checks: VersionRow["checks"];
  durationMs: number;
  /** Not in the head: a NaN metric is absent from its metrics (VersionRow.notFinite). */
  notFinite?: Record<string, NotFinite> | undefined;
}

export function rowFacts(record: MaterializationRecord): RowFacts {
  const failed = record.checks.filter((c) => !c.passed);
  return {
    checks: {
      passed: record.checks.length - failed.length,
      total: record.checks.length,
      ...(failed.length > 0 ? { failed: failed.map((c) => `${c.name}: ${c.message}`).join("\n") } : {}),
    },
    durationMs: record.durationMs,
    ...(hasNotFinite(record.notFinite) ? { notFinite: record.notFinite } : {}),
  };
}

export function versionRow(head: SiteHead, facts: RowFacts, metrics: readonly string[]): VersionRow {
  const { context } = head;
  return {
    v: head.version,
    at: head.finishedAt,
    sha: context.gitSha,
    line: lineOf(context),
    metrics: metrics.map((m) => {
      const value = head.metrics[m];
      return value === undefined ? null : value;
    }),
    ...(facts.notFinite ? { notFinite: facts.notFinite } : {}),
    checks: facts.checks,
    durationMs: facts.durationMs,
    runUrl: context.runUrl,
    event: context.event,
  };
}

/** The version table of an asset: its metric columns and a row per version (with its facts). */
export function versionTable(
  asset: AssetSpec,
  read: AssetHistory,
  key: string,
  facts: ReadonlyMap<number, RowFacts>,
  repositoryUrl: string | undefined,
): VersionTable {
  const metrics = chartMetrics(read.heads, metricSpec(asset).primary, TABLE_METRICS, [...facts.values()]);
  return {
    asset: key,
    repositoryUrl,
    metrics,
    aliases: Object.fromEntries(read.holders),
    rows: read.heads.map((h) => versionRow(h, facts.get(h.version)!, metrics)),
  };
}

export function failureDetail(failure: FailureRecord, index: number, ctx: DetailContext): FailureDetail {
  return {
    asset: failure.asset,
    index,
    status: failure.status,
    error: failure.error,
    logTail: failure.logTail.slice(-SITE_LOG_LINES),
    logTruncated: Math.max(0, failure.logTail.length - SITE_LOG_LINES),
    startedAt: failure.startedAt,
    finishedAt: failure.finishedAt,
    durationMs: failure.durationMs,
    attempts: failure.attempts,
    run: runInfo(failure.context, ctx.repositoryUrl, true),
    reasons: failure.reasons,
    config: failure.provenance.config,
    metrics: failure.metrics,
    checks: failure.checks,
    upstream: upstreamLinks(failure.provenance, ctx.project, ctx.index),
  };
}

/** A version as meta.js lists it. */
export function metaVersion(head: SiteHead): MetaVersion {
  return {
    v: head.version,
    at: head.finishedAt,
    env: head.context.environment,
    branch: branchOf(head.context),
    ...(isExperiment(head) ? { experiment: true } : {}),
  };
}

export function assetMeta(
  asset: AssetSpec,
  read: AssetHistory,
  key: string,
  repositoryUrl: string | undefined,
): AssetMeta {
  return {
    asset: key,
    repositoryUrl,
    description: asset.description,
    metrics: metricSpec(asset),
    promoteAlias: asset.promote?.alias,
    versions: read.heads.map(metaVersion),
    aliases: Object.fromEntries(read.holders),
    moves: read.aliasEvents.flatMap((e) =>
      e.to === null
        ? []
        : [
            {
              alias: e.alias,
              from: e.from,
              to: e.to,
              at: e.at,
              by: e.by,
              reason: e.reason,
              kind: e.kind,
              run: e.run,
            },
          ],
    ),
    failures: read.failures.length,
  };
}

/**
 * Metrics shown in the history charts: the primary first, then by name; at most `limit`. A metric
 * that was only ever NaN is one too (`notFinite` of the versions): its chart and column say so.
 */
export function chartMetrics(
  records: readonly SiteHead[],
  primary?: string,
  limit = 12,
  notFinite: readonly Pick<RowFacts, "notFinite">[] = [],
): string[] {
  const names = new Set<string>();
  for (const r of records)
    for (const [name, value] of Object.entries(r.metrics)) if (Number.isFinite(value)) names.add(name);
  for (const facts of notFinite) for (const name of Object.keys(facts.notFinite ?? {})) names.add(name);
  const sorted = [...names].sort();
  const ordered = primary && names.has(primary) ? [primary, ...sorted.filter((n) => n !== primary)] : sorted;
  return ordered.slice(0, limit);
}

export function historyData(
  asset: AssetSpec,
  read: AssetHistory,
  key: string,
  /** The version table's rows, for the metrics that were only ever NaN (chartMetrics). */
  rows: readonly Pick<VersionRow, "notFinite">[] = [],
): HistoryData {
  const spec = metricSpec(asset);
  const alias = asset.promote?.alias ?? "champion";
  const metrics = chartMetrics(read.heads, spec.primary, undefined, rows);
  const lines: string[] = [];
  const lineIndex = new Map<string, number>();
  const line = read.heads.map((r) => {
    const name = lineOf(r.context);
    let i = lineIndex.get(name);
    if (i === undefined) {
      i = lines.push(name) - 1;
      lineIndex.set(name, i);
    }
    return i;
  });
  return {
    asset: key,
    versions: read.heads.map((r) => r.version),
    lines,
    line,
    metrics: metrics.map((name) => ({
      name,
      direction: spec.directions[name],
      // At the series' precision: a chart's hover shows four digits; the table has every value.
      values: read.heads.map((r) => {
        const value = r.metrics[name];
        return value !== undefined && Number.isFinite(value) ? siteValue(value) : null;
      }),
    })),
    championMoves: read.aliasEvents.filter((e) => e.alias === alias && e.to !== null).map((e) => e.to!),
    alias,
  };
}
