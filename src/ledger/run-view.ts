// The ledger as one run sees it: every read made once and kept for the rest of the run (planning,
// promotion, the executor and the run report ask for the same heads, alias histories and records
// many times), and every write the run makes dropping what it changes, so the next read in the same
// run sees it. What other processes write meanwhile is not re-read here; where a concurrent writer
// matters the backends detect it themselves: a version number is claimed by link(2) or by a push,
// and an alias moves by compare-and-swap, after which a lost race reads the history again (the move
// drops the cached history whether it won or not).
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
import { type HeadLog, headLogOf } from "./heads.js";
import type { AliasState, Ledger, LedgerProblem } from "./ledger.js";

// Answers are handed out as fresh arrays (the records in them are shared and never changed), so a
// caller that sorts or appends cannot change what the next caller reads.

/** Cached answers of one kind, keyed by asset (and version or scope), dropped per asset. */
class Answers<T> {
  private readonly byAsset = new Map<string, Map<string, Promise<T>>>();

  get(asset: string, key: string, read: () => Promise<T>): Promise<T> {
    let answers = this.byAsset.get(asset);
    if (!answers) {
      answers = new Map();
      this.byAsset.set(asset, answers);
    }
    let answer = answers.get(key);
    if (!answer) {
      answer = read();
      answers.set(key, answer);
      // A read that failed is not an answer: the next caller tries again.
      answer.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
    }
    return answer;
  }

  drop(asset: string): void {
    this.byAsset.delete(asset);
  }

  clear(): void {
    this.byAsset.clear();
  }
}

export class RunLedgerView implements Ledger {
  readonly description: string;
  private readonly heads_ = new Answers<VersionHead[]>();
  private readonly headLogs = new Answers<HeadLog>();
  private readonly records = new Answers<MaterializationRecord[]>();
  private readonly record = new Answers<MaterializationRecord | undefined>();
  private readonly intact = new Answers<boolean>();
  private readonly failures_ = new Answers<FailureRecord[]>();
  private readonly aliases = new Answers<AliasState>();
  private readonly locations_ = new Answers<StoreLocation[]>();
  private readonly cursors = new Answers<CursorState | undefined>();
  /**
   * The assets with an alias history when the run first asked (ledgers that can list them): the
   * others have none to read, so a report of thousands of assets asks the disk once, not once per
   * asset. An asset this run moves an alias of is read as usual from then on.
   */
  private aliased: Promise<ReadonlySet<string> | undefined> | undefined;
  private readonly movedAliases = new Set<string>();

  /**
   * The assets with an alias history as the run first listed them, and those it moved an alias of
   * since: the assets aliasState() reads. Only over a ledger that can list them.
   */
  readonly aliasedAssets?: () => Promise<ReadonlySet<string>>;

  constructor(readonly inner: Ledger) {
    this.description = inner.description;
    if (inner.aliasedAssets)
      this.aliasedAssets = async () => {
        const aliased = await this.aliasedListing();
        // A listing that failed is no answer: the caller asks asset by asset.
        if (!aliased) throw new Error(`cannot list the assets with an alias history in ${this.description}`);
        return new Set([...aliased, ...this.movedAliases]);
      };
  }

  private aliasedListing(): Promise<ReadonlySet<string> | undefined> {
    // A listing that fails (an unreadable folder) falls back to asking asset by asset.
    this.aliased ??= this.inner.aliasedAssets!().catch(() => undefined);
    return this.aliased;
  }

  // ---- reads, each made once per run ----

  async heads(asset: string): Promise<VersionHead[]> {
    return [...(await this.heads_.get(asset, "", () => this.inner.heads(asset)))];
  }

  /** Kept like the heads: a HeadLog parses each head once, whoever asks for it. */
  headLog(asset: string): Promise<HeadLog> {
    return this.headLogs.get(asset, "", () => headLogOf(this.inner, asset));
  }

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    return [...(await this.records.get(asset, "", () => this.inner.materializations(asset)))];
  }

  materialization(asset: string, version: number): Promise<MaterializationRecord | undefined> {
    // Records are immutable: a version read once stays what it is (an absent one may appear).
    return this.record.get(asset, String(version), () => this.inner.materialization(asset, version));
  }

  /**
   * Passed on, so a run checks the records it does not use whole the way status does (the local
   * ledger only hashes bytes it found intact before); a ledger without it reads the record.
   */
  recordIntact(asset: string, version: number): Promise<boolean> {
    return this.intact.get(asset, String(version), () =>
      this.inner.recordIntact
        ? this.inner.recordIntact(asset, version)
        : this.materialization(asset, version).then((r) => r !== undefined),
    );
  }

  /** Not kept: a series can be long, and only a report of what the run built reads it, once. */
  series(record: MaterializationRecord): Promise<SeriesPoint[]> {
    return this.inner.series(record);
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    return [...(await this.failures_.get(asset, "", () => this.inner.failures(asset)))];
  }

  async aliasState(asset: string): Promise<AliasState> {
    if (this.inner.aliasedAssets && !this.movedAliases.has(asset)) {
      const aliased = await this.aliasedListing();
      if (aliased && !aliased.has(asset)) return { history: [], damage: [] };
    }
    const { history, damage } = await this.aliases.get(asset, "", () => this.inner.aliasState(asset));
    return { history: [...history], damage: [...damage] };
  }

  async aliasHistory(asset: string): Promise<AliasEvent[]> {
    return (await this.aliasState(asset)).history;
  }

  async locations(asset: string, version: number): Promise<StoreLocation[]> {
    return [
      ...(await this.locations_.get(asset, String(version), () => this.inner.locations(asset, version))),
    ];
  }

  readCursor(scope: CursorScope): Promise<CursorState | undefined> {
    return this.cursors.get(scope.name, scope.formerly ?? "", () => this.inner.readCursor(scope));
  }

  problems(): LedgerProblem[] {
    return this.inner.problems();
  }

  // ---- writes, each dropping what it changes ----

  async recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    try {
      return await this.inner.recordMaterialization(record);
    } finally {
      this.dropAsset(record.asset);
    }
  }

  async recordFailure(record: NewFailure): Promise<FailureRecord> {
    try {
      return await this.inner.recordFailure(record);
    } finally {
      this.failures_.drop(record.asset);
    }
  }

  refreshAliases(asset: string): void {
    this.movedAliases.add(asset);
    this.aliases.drop(asset);
    this.inner.refreshAliases?.(asset);
  }

  async moveAlias(event: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    this.movedAliases.add(event.asset);
    try {
      return await this.inner.moveAlias(event);
    } finally {
      // Won or lost, the history changed: a lost race must decide again against the new holder.
      this.aliases.drop(event.asset);
    }
  }

  async addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void> {
    try {
      await this.inner.addLocations(asset, version, locations);
    } finally {
      this.locations_.drop(asset);
    }
  }

  async updateCursor(changes: CursorChanges): Promise<void> {
    try {
      await this.inner.updateCursor(changes);
    } finally {
      this.cursors.drop(changes.scope.name);
    }
  }

  /** Reads what others wrote since: the backend refreshes, and every kept answer is dropped. */
  async refresh(): Promise<void> {
    await this.inner.refresh?.();
    for (const answers of [
      this.heads_,
      this.headLogs,
      this.records,
      this.record,
      this.intact,
      this.failures_,
      this.aliases,
      this.locations_,
      this.cursors,
    ])
      answers.clear();
    this.aliased = undefined;
  }

  private dropAsset(asset: string): void {
    this.heads_.drop(asset);
    this.headLogs.drop(asset);
    this.records.drop(asset);
    this.record.drop(asset);
    this.intact.drop(asset);
    // An alias replay checks the versions it names against the listed records.
    this.aliases.drop(asset);
  }
}

/** The run's view of `ledger` (a view already is one: a run inside a run shares it). */
export function runLedgerView(ledger: Ledger): RunLedgerView {
  return ledger instanceof RunLedgerView ? ledger : new RunLedgerView(ledger);
}
