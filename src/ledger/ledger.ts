// The ledger: the interface every backend (local directory, git branch) implements.
// The records it holds are domain types (src/domain/records.ts), shared by every layer.
import { UserError } from "../domain/errors.js";
import type {
  AliasEvent,
  CursorScope,
  CursorState,
  FailureRecord,
  MaterializationRecord,
  NewFailure,
  NewMaterialization,
  SeriesPoint,
  StoreLocation,
  VersionHead,
} from "../domain/records.js";
import type { CursorChanges } from "./cursor-changes.js";
import type { HeadLog } from "./heads.js";

/** A record that could not be read; reported by path, never fatal. */
export interface LedgerProblem {
  path: string;
  message: string;
  /** What the user should do (`kiln doctor` prints it); a generic fix when absent. */
  fix?: string | undefined;
}

/**
 * An alias history as promotion must see it: `damage` lists what makes it untrustworthy (a line
 * that cannot be read, so every later move may be void; an alias naming a version whose record is
 * missing or unreadable). Promotion refuses to act on a damaged history rather than fall back to
 * an older holder and let a worse model win.
 */
export interface AliasState {
  history: AliasEvent[];
  damage: LedgerProblem[];
}

/**
 * How another thread opens the same ledger to read what this one reads now (the history site
 * reads records on worker threads, see site/chunk-workers.ts): plain data, as a worker receives it.
 * A branch ledger's reader stays at the tip this one read, and never fetches.
 */
export type LedgerReaderSpec =
  | { kind: "local"; dir: string; description: string }
  | {
      kind: "branch";
      cwd: string;
      remote: string;
      branch: string;
      project: string | undefined;
      tip: string | undefined;
    };

export interface Ledger {
  /** Human-readable place, for messages: `.kiln/ledger` or `branch kiln-ledger of origin`. */
  readonly description: string;
  /**
   * Successful materializations of an asset, ascending by version: every record, so a cost that
   * grows with history. Series stay in their files (see series()).
   */
  materializations(asset: string): Promise<MaterializationRecord[]>;
  /**
   * What planning needs of every successful version, ascending by version, read from one small
   * log per asset (heads derived from records where the log lacks them: ledgers written before
   * heads, or a kill between a record and its head).
   */
  heads(asset: string): Promise<VersionHead[]>;
  /**
   * The same heads, parsed as they are asked for, newest first (see HeadLog): planning looks at
   * the newest head or two of each asset, so its cost does not grow with history. Absent: heads()
   * (headLogOf in heads.ts picks).
   */
  headLog?(asset: string): Promise<HeadLog>;
  /** One record (undefined, reported as a problem, when it cannot be read). */
  materialization(asset: string, version: number): Promise<MaterializationRecord | undefined>;
  /**
   * Whether materialization() would give the record (reported the same way when not), without
   * handing it out: a backend may remember records it already found intact (the local one keeps
   * their digests in `.kiln/cache`) and then only read and hash their bytes. Absent: read it.
   */
  recordIntact?(asset: string, version: number): Promise<boolean>;
  /**
   * A record's series: from its file (`seriesFile`), or inline for records written before series
   * were kept apart. An unreadable file is reported and reads as no series.
   */
  series(record: MaterializationRecord): Promise<SeriesPoint[]>;
  /** Failed and cancelled attempts, ascending by start time. */
  failures(asset: string): Promise<FailureRecord[]>;
  /** Claims the next free v<N> atomically and writes the record; retries on collision. */
  recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord>;
  recordFailure(record: NewFailure): Promise<FailureRecord>;
  /** The alias history of an asset, in append order (damage is reported through problems()). */
  aliasHistory(asset: string): Promise<AliasEvent[]>;
  /** The alias history with its damage, for decisions that must not act on a damaged one. */
  aliasState(asset: string): Promise<AliasState>;
  /**
   * The assets that have an alias history, in one look (a listing of the folder), for a reader that
   * would otherwise ask each asset in turn (a run's report asks every asset it shows). Optional: a
   * ledger without it is asked asset by asset.
   */
  aliasedAssets?(): Promise<ReadonlySet<string>>;
  /**
   * Appends an alias move if the alias is still held by `event.from`; returns false (and appends
   * nothing effective) when another writer moved it first, so the caller can re-evaluate.
   */
  moveAlias(event: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean>;
  /**
   * Forgets what is known of `asset`'s alias history, so the next read is the ledger's as it is
   * now (a branch ledger fetches first): a promotion decided after a long step must not compare
   * with the champion read before it (someone may have rolled it back meanwhile). Optional: a
   * ledger that reads its files each time has nothing to forget.
   */
  refreshAliases?(asset: string): void;
  /**
   * Appends places a version's bytes were published after its record was written (a cache entry
   * on another branch, a copy made by a later run); the record itself is never rewritten.
   */
  addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void>;
  /** Every location appended for the version, in append order (the record's own are not repeated). */
  locations(asset: string, version: number): Promise<StoreLocation[]>;
  /** The scope's cursor, or the one it had under its former name while it has none (CursorScope). */
  readCursor(scope: CursorScope): Promise<CursorState | undefined>;
  /**
   * Applies one run's cursor changes onto the scope's cursor as it is when the write happens (see
   * cursor-changes.ts): entries and marks other runs wrote meanwhile stay. Writes nothing when the
   * changes change nothing.
   */
  updateCursor(changes: CursorChanges): Promise<void>;
  /** Records that could not be read during the calls so far. */
  problems(): LedgerProblem[];
  /**
   * Re-reads shared state written by others since the first read (the branch backend fetches
   * again; it otherwise reads the tip it fetched first, advanced by its own writes). The directory
   * backend always reads the files as they are and has nothing to refresh.
   */
  refresh?(): Promise<void>;
  /** Adds a problem another reader of this ledger found (a reader thread's, see readerSpec). */
  note?(problem: LedgerProblem): void;
  /** How another thread reads this ledger as it is now; undefined when it cannot. */
  readerSpec?(): Promise<LedgerReaderSpec | undefined>;
}

/**
 * A write the remote refused for lack of permission (a read-only token: a pull request from a
 * fork or from Dependabot, or a job without `contents: write`). Another attempt cannot succeed,
 * so callers that have somewhere else to keep the record (the action on a pull request) can.
 */
export class LedgerWriteDenied extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "LedgerWriteDenied";
  }
}

/**
 * Ledger state that Kiln refuses to act on until a person repairs it (a rewritten ledger branch):
 * the message says what is wrong, the hint (`fix`) what to do. The CLI prints both and exits 1;
 * `kiln doctor` reports it as a finding.
 */
export class LedgerStateError extends UserError {
  constructor(
    message: string,
    readonly where: string,
    readonly fix: string,
  ) {
    super(message, `${fix} (\`kiln doctor\` checks the whole ledger)`);
    this.name = "LedgerStateError";
  }
}
