// The records every layer shares: what the ledger stores, what the store locates, what reports
// and the planner read. Plain data, no behaviour, so version/, run/, store/, report/ and the
// ledger backends can all depend on it without depending on each other.
// The ledger keeps them at (DESIGN.md "Ledger and store"):
//   materializations/<asset>/v<N>.json   immutable record of one successful materialization
//   materializations/<asset>/pack-v<a>-v<b>.jsonl  a completed block's records (src/ledger/packs.ts)
//   failures/<asset>/<started>-<id>.json immutable record of one failed or cancelled attempt
//   aliases/<asset>.jsonl                append-only alias history
//   heads/<asset>.jsonl                  append-only: one VersionHead per record (what planning reads)
//   series/<asset>/<sha256>.jsonl        a record's series, one point a line, named by its content
//   series/<asset>/pack-v<a>-v<b>.jsonl  a completed block's series, one version a line
//   cursors/<scope>.json                 automation cursors, replaced atomically

import type { RunAttempt } from "./run-attempt.js";

/** Bump when a record's shape changes incompatibly; readers reject versions they do not know. */
export const RECORD_SCHEMA = 1;

export type MaterializationStatus = "success" | "failed" | "cancelled";

/** Everything a logical version is computed from, kept so stale causes can be explained later. */
export interface Provenance {
  codeVersion: string;
  /** Code file → git blob id (empty when `code-version` is declared). */
  code: Record<string, string>;
  /** sha256 of the `run` text. */
  runHash: string;
  /** The resolved config of the environment. */
  config: Record<string, unknown>;
  /** Declared plain env values (secrets are never recorded, only their names). */
  env: Record<string, string>;
  /** Input file → git blob id. */
  inputs: Record<string, string>;
  /** Dependency → its data version at the time. */
  deps: Record<string, string>;
  /**
   * Run config set at run time for this asset (`--set`, the dispatch `config` input), by key
   * inside its config: `{"max_depth": 4}`. Already applied to `config`; kept apart so the logical
   * version differs from the manifest's even when an override repeats the manifest's value.
   */
  overrides?: Record<string, unknown> | undefined;
  /**
   * The declared outputs (normalized, sorted): a step asked for another file is another
   * materialization. Absent when the asset declares none, and in records written before Kiln
   * versioned them (src/version/status.ts reads those as declaring what they recorded).
   */
  outputs?: string[] | undefined;
}

export interface OutputRecord {
  /** Git blob id of the file's bytes: its address in every store. */
  blob: string;
  size: number;
}

/** Where a version's outputs can be fetched from, besides the local store. */
export interface StoreLocation {
  kind: "local" | "cache" | "artifact" | "release";
  /** Cache key, artifact name + run id, or release tag + asset name. */
  ref: string;
  url?: string | undefined;
  /** The artifact's id: another run's artifact is downloaded by id through the REST API. */
  id?: number | undefined;
  /** The workflow run that uploaded the artifact. */
  runId?: string | undefined;
  /** When an artifact expires (its retention); after that the location is gone. */
  expiresAt?: string | undefined;
}

export interface CheckResult {
  name: string;
  kind: "metric" | "output" | "command";
  blocking: boolean;
  passed: boolean;
  /** Why it passed or failed, in words: `mae = 61.2 < 70`, `build/model.json is empty`. */
  message: string;
}

/** A metric the step reported as NaN or ±Infinity (JSON has no such numbers; Python writes them). */
export type NotFinite = "NaN" | "Infinity" | "-Infinity";

export interface SeriesPoint {
  step: number;
  [metric: string]: number;
}

export interface PromotionVerdict {
  alias: string;
  /** True when the record was eligible to take the alias at the time it was written. */
  promote: boolean;
  /** `mae 61.2 beats champion v3 (64.0) by 2.8 ≥ min-delta 0.5` */
  reason: string;
  /** The alias holder compared against, if any. */
  against?: number | undefined;
  /**
   * True when the run was not allowed to promote (a pull request, an environment other than prod,
   * a branch outside `promote.branches`): the metrics were never judged, and a later run on a
   * promoting branch that finds this very version current judges it then (promotion on merge).
   */
  blocked?: boolean | undefined;
}

export interface RunContext {
  /** `local`, `push`, `pull_request`, `schedule`, `workflow_dispatch`. */
  event: string;
  environment: string;
  gitSha?: string | undefined;
  ref?: string | undefined;
  /** True when the working tree had uncommitted changes to the asset's files. */
  dirty?: boolean | undefined;
  runId?: string | undefined;
  /**
   * The run's attempt (GITHUB_RUN_ATTEMPT): a re-run keeps the run id, and what the run did with an
   * asset is what its latest attempt that touched it did (src/domain/run-attempt.ts). Absent in
   * records written before Kiln kept it, and outside Actions: those count as attempt 1.
   */
  runAttempt?: number | undefined;
  runUrl?: string | undefined;
  actor?: string | undefined;
  pullRequest?: number | undefined;
  /**
   * Set when the record was made by an experiment: a run whose config was set at run time, for
   * the asset itself or for a dependency it read in that run. Experiments are never promoted and
   * never taken for the manifest's own version.
   */
  experiment?: { overrides: string[] } | undefined;
}

/** Whether a record came from an experiment run (run config set at run time). */
export function isExperiment(record: { context: RunContext }): boolean {
  return record.context?.experiment !== undefined;
}

export interface MaterializationRecord {
  schema: typeof RECORD_SCHEMA;
  asset: string;
  /** The integer version v<N>, unique per asset. */
  version: number;
  status: "success";
  logicalVersion: string;
  /** Hash of the outputs' bytes: what dependants see, so identical bytes stop the cascade. */
  dataVersion: string;
  provenance: Provenance;
  outputs: Record<string, OutputRecord>;
  locations: StoreLocation[];
  metrics: Record<string, number>;
  /** Metrics reported as NaN or ±Infinity: kept out of `metrics`, never compared as numbers. */
  notFinite?: Record<string, NotFinite> | undefined;
  /**
   * The series inline: records written before series were kept apart, and records in memory
   * before they are written. A stored record has none here and names its file in `seriesFile`;
   * readers load it with `Ledger.series(record)` when they chart it.
   */
  series: SeriesPoint[];
  /** Where the series is kept, beside the record (see SeriesFile). */
  seriesFile?: SeriesFile | undefined;
  /**
   * The series downsampled when it was written, for charts (src/run/series-preview.ts: a bounded
   * number of points per line, each line's first, last, lowest and highest points kept), so a
   * report never reads a series of any length. Absent in records written before it existed.
   */
  seriesPreview?: SeriesPoint[] | undefined;
  checks: CheckResult[];
  /** What the user should know about this run although it succeeded (NaN metrics, …). */
  warnings?: string[] | undefined;
  /** Why it ran: the stale causes or the automation reason. */
  reasons: string[];
  promotion?: PromotionVerdict | undefined;
  context: RunContext;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  attempts: number;
}

/**
 * A record's series, stored apart so that reading a record (planning, listings) never pays for
 * its curve: `series/<asset>/<sha256>.jsonl` inside the ledger, relative to the project's folder.
 */
export interface SeriesFile {
  path: string;
  points: number;
}

/**
 * What planning, status and listings need of one version, without its provenance maps, checks or
 * series: one line of `heads/<asset>.jsonl`, appended after the record is in place, so a head
 * never names a version that has no record (a kill in between leaves a record without a head,
 * which readers derive from the record).
 */
export interface VersionHead {
  version: number;
  logicalVersion: string;
  dataVersion: string;
  codeVersion: string;
  context: RunContext;
  metrics: Record<string, number>;
  /** Metrics the step reported as NaN or ±Infinity, so a chart across versions can name them. */
  notFinite?: Record<string, NotFinite> | undefined;
  startedAt: string;
  finishedAt: string;
  /**
   * The alias the record's verdict said to promote it to: a run killed before the move leaves it
   * for the next run to complete (run/promote.ts), which looks only at these.
   */
  promotes?: string | undefined;
  /**
   * Set for a record written before declared outputs were part of provenance: its logical version
   * is read from the whole record (see withDeclaredOutputs in version/status.ts).
   */
  undeclaredOutputs?: true | undefined;
  /**
   * The rest of what status needs of a fresh version, so that it never reads the record: the
   * dependencies' data versions it was built from (Dagster's "deps updated since"), its output
   * files and where its bytes were published (is it still in some store?). Heads written before
   * these were kept are rebuilt from their records (src/ledger/heads.ts).
   */
  deps: Record<string, string>;
  outputs: Record<string, OutputRecord>;
  locations: StoreLocation[];
}

/** The head of a record (see VersionHead). */
export function headOf(record: MaterializationRecord): VersionHead {
  return {
    version: record.version,
    logicalVersion: record.logicalVersion,
    dataVersion: record.dataVersion,
    codeVersion: record.provenance.codeVersion,
    context: record.context,
    metrics: record.metrics,
    ...(record.notFinite && Object.keys(record.notFinite).length > 0 ? { notFinite: record.notFinite } : {}),
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...(record.promotion?.promote ? { promotes: record.promotion.alias } : {}),
    ...(record.provenance.outputs === undefined && Object.keys(record.outputs ?? {}).length > 0
      ? { undeclaredOutputs: true as const }
      : {}),
    deps: record.provenance.deps,
    outputs: record.outputs ?? {},
    locations: record.locations ?? [],
  };
}

export interface FailureRecord {
  schema: typeof RECORD_SCHEMA;
  asset: string;
  status: "failed" | "cancelled";
  logicalVersion: string;
  provenance: Provenance;
  /** What went wrong, in words, and the last lines of the log. */
  error: string;
  logTail: string[];
  checks: CheckResult[];
  metrics: Record<string, number>;
  notFinite?: Record<string, NotFinite> | undefined;
  warnings?: string[] | undefined;
  reasons: string[];
  context: RunContext;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  attempts: number;
}

export type NewMaterialization = Omit<MaterializationRecord, "version" | "schema"> & {
  /** The series already written as its ledger file holds it, instead of inline in `series`. */
  seriesSource?: SeriesSource | undefined;
};

/**
 * A series streamed to a file as its ledger file will hold it (one JSON point a line), with the
 * sha256 of those bytes (its name in the ledger) and its number of points: a series of any length
 * is recorded without ever being held in memory.
 */
export interface SeriesSource {
  /** Where the lines were written; never created for a series of no points. */
  file: string;
  sha256: string;
  points: number;
}
export type NewFailure = Omit<FailureRecord, "schema">;

/** One move of an alias. Append-only; `from` makes each append a compare-and-swap (see aliases.ts). */
export interface AliasEvent {
  alias: string;
  asset: string;
  /** The version the writer saw holding the alias (null: none). */
  from: number | null;
  /** The new holder (null: the alias was removed). */
  to: number | null;
  at: string;
  by: string;
  reason: string;
  /**
   * How the move was made: a run's promotion, a person's `kiln promote`, or `kiln rollback` (which
   * `kiln rollback` needs to walk back through earlier holders). Absent in older events.
   */
  kind?: AliasMoveKind | undefined;
  /** The run that made the move (its URL in Actions, else its id), when a run made it. */
  run?: string | undefined;
  /** Unique id, so a writer can find its own event after appending. */
  id: string;
}

export type AliasMoveKind = "promotion" | "manual" | "rollback";

/**
 * Whose automation cursor: an environment on a branch (`prod:main`, app/workspace.ts cursorScope).
 * A dev run on main handles none of prod's cron ticks there.
 */
export interface CursorScope {
  name: string;
  /**
   * The scope an earlier Kiln kept this cursor under (the branch alone, `main`), read while `name`
   * has no cursor yet; the first write moves its entries to `name`.
   */
  formerly?: string | undefined;
}

/** Last tick each asset's conditions handled, per scope (an environment on a branch). */
export interface CursorState {
  schema: typeof RECORD_SCHEMA;
  /** The scope's name (CursorScope.name). */
  scope: string;
  /** asset → condition key → ISO time of the last tick handled. */
  assets: Record<string, Record<string, string>>;
  /**
   * asset → condition key → the workflow run whose plan job wrote that entry of `assets`, before
   * any asset job ran: a request, which handles its tick only once the asset has an outcome after
   * it (automation/conditions.ts CursorRequest). Entries without one (local runs, which write
   * cursors after their outcomes, and earlier Kiln versions) handle their tick as written.
   */
  requests?: Record<string, Record<string, RunAttempt>> | undefined;
  /**
   * Failure marks of sources whose `observe` fails, kept while it keeps failing: the first tick to
   * see a failure writes it, so the failure alerts once (in the run `runId`), not at every tick.
   */
  sources?: Record<string, SourceFailureMark> | undefined;
  /**
   * asset → the versions this scope's line took up without building them, oldest first (see
   * LineAdoption): a version is on its line from the commit that adopted it on.
   */
  adopted?: Record<string, LineAdoption[]> | undefined;
  updatedAt: string;
}

/**
 * A version a line took up at a commit without building it there: a run found the asset fresh at
 * that version by its logical version, though the version was built on another line (a merged pull
 * request's model, promoted on merge; its commit is the pull request's, never on main). From that
 * commit on the line has it as if built there: its stale causes, its report's previous version and
 * a later pull request's merge-base are told against it (src/version/lineage.ts).
 */
export interface LineAdoption {
  version: number;
  /** The commit the line was at when it took the version up. */
  gitSha: string;
  /** The tick that did (ISO). */
  at: string;
}

export interface SourceFailureMark {
  /** The tick that first saw the failure (ISO). */
  since: string;
  error: string;
  /** The workflow run of that tick, when on GitHub. */
  runId?: string | undefined;
  /** Its attempt: a re-run of that run (another attempt) does not alert the mark again. */
  runAttempt?: number | undefined;
}
