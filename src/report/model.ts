// The input of a report: plain data the runner, the action and tests fill in. Nothing here reads
// the ledger or git itself, so the same report renders identically locally and on GitHub.
import type { FailureRecord, MaterializationRecord, VersionHead } from "../domain/records.js";
import type { Direction } from "../manifest/project.js";
import type { SeriesChart } from "./charts.js";

export type ReportOutcome = "materialized" | "fresh" | "skipped" | "failed" | "cancelled";

export interface ReportLinks {
  /** The Actions run (or job) that materialized the asset. */
  run?: string | undefined;
  /** The commit the asset was built from. */
  commit?: string | undefined;
  /** Where the outputs can be downloaded (artifact or release asset). */
  artifact?: string | undefined;
  /** The log of the job that ran the asset (a job that failed before Kiln wrote a record). */
  log?: string | undefined;
}

/** The metric directions of an asset, as `AssetSpec.metrics` declares them. */
export interface ReportMetricsSpec {
  primary: string;
  direction: Direction;
  directions: Record<string, Direction>;
}

/** What a report keeps of the version a fresh asset reused: the ledger holds the rest. */
export type ReusedVersion = Pick<
  VersionHead,
  "version" | "logicalVersion" | "dataVersion" | "context" | "metrics" | "finishedAt"
> & { asset: string };

/** The record this run wrote for the asset (a reused version is not one). */
export function writtenRecord(asset: AssetReport): MaterializationRecord | undefined {
  return asset.outcome === "materialized" && asset.record && "provenance" in asset.record
    ? asset.record
    : undefined;
}

/** An alias move a run made, as the alias log holds it. */
export interface RunAliasMove {
  alias: string;
  /** The holder the move replaced (null: nobody held the alias). */
  from: number | null;
  to: number;
  reason: string;
}

export interface AssetReport {
  name: string;
  outcome: ReportOutcome;
  /** Why it ran (stale causes, automation reason) or why it was fresh. */
  reasons: string[];
  /**
   * The materialization this run wrote (outcome `materialized`, abridged), or the version a fresh
   * asset reused: then only what names it (a run of 2,000 fresh assets keeps 2,000 of these).
   */
  record?: MaterializationRecord | ReusedVersion | undefined;
  failure?: FailureRecord | undefined;
  /**
   * Why it failed when no failure record exists: its job failed before Kiln's step could write one
   * (a setup step, the job's timeout, a lost runner).
   */
  error?: string | undefined;
  /**
   * The record's training curves, downsampled when the report is built: the series stays in the
   * ledger, so the report's data stays small however long it is. Absent: charted from
   * `record.series` (records that carry theirs inline).
   */
  series?: SeriesChart | undefined;
  /** The version before this run's record. */
  previous?: MaterializationRecord | undefined;
  /** The holder of the promote alias before this run (the baseline of the promotion verdict). */
  champion?: MaterializationRecord | undefined;
  /** For pull requests: the record at the merge-base commit or its nearest ancestor. */
  mergeBase?: MaterializationRecord | undefined;
  /** The last versions, ascending by version, for the history chart (their heads are enough). */
  history: Array<Pick<VersionHead, "version" | "metrics" | "notFinite">>;
  /**
   * The move of the promote alias this run made, read from the alias log: a promotion of the
   * version it materialized, a promotion on merge of a fresh one, or one an interrupted run left
   * undone. null: this run moved nothing. Absent in reports kept before runs carried their move,
   * which are judged by who holds the alias now. Whether a run promoted is the move's word, never
   * the holder's: a later run or a person may have moved the alias on since.
   */
  move?: RunAliasMove | null | undefined;
  /** alias → the version holding it now (after this run). */
  aliasHolders: Record<string, number>;
  links: ReportLinks;
  durationMs: number;
  /** For `skipped`: the reason, e.g. `dependency features failed`. */
  skippedBecause?: string | undefined;
  metrics?: ReportMetricsSpec | undefined;
  /** The alias `promote` moves (usually `champion`), when the asset promotes. */
  promoteAlias?: string | undefined;
}

export interface RunReport {
  /** `local`, `push`, `pull_request`, `schedule`, `workflow_dispatch`. */
  event: string;
  /** ISO time of the tick. */
  tick: string;
  environment?: string | undefined;
  ref?: string | undefined;
  gitSha?: string | undefined;
  pullRequest?: { number: number; title?: string | undefined; base?: string | undefined } | undefined;
  repo?: { serverUrl: string; repository: string } | undefined;
  /** The workflow run, when on GitHub. */
  runUrl?: string | undefined;
  /** The run config set for this run (`model.max_depth=4`): an experiment, never promoted. */
  experiment?: string[] | undefined;
  /**
   * How the workflow's plan job ended, when it did not succeed (`failure`, `cancelled`): then no
   * asset job ran, whatever each asset's row says. `reason`: the plan job's error, when it said one.
   */
  planJob?: { result: string; reason?: string | undefined; logUrl?: string | undefined } | undefined;
  assets: AssetReport[];
  /** The project's sources (observed, never materialized), by name: drawn as sources in the lineage. */
  sources?: string[] | undefined;
  /** Dependency edges of the run's graph: `from` is upstream of `to`. */
  /** `alias`: the dependant reads the version this alias of `from` names (`deps: [model@champion]`). */
  edges: { from: string; to: string; alias?: string | undefined }[];
}
