// The two things that keep reading the ledger independent of its history, shared by both backends:
// per-asset heads (planning reads one small log, not every record) and series kept apart from
// their records (a record stays small however long its training curve).
import { sha256 } from "../domain/hash.js";
import {
  type AliasEvent,
  headOf,
  type MaterializationRecord,
  type SeriesPoint,
  type SeriesSource,
  type VersionHead,
} from "../domain/records.js";
import { replayAliases } from "./aliases.js";
import type { Ledger } from "./ledger.js";
import { seriesPath } from "./layout.js";
import { eachLine, parseHeadLine } from "./records.js";
import { seriesLine } from "./series-file.js";

/**
 * The heads of the versions a listing of record files shows, ascending. A logged head whose record
 * is not listed is dropped (the listing is the truth); a listed version without a head (a kill
 * between writing the record and its head, or a ledger from before heads) is returned in
 * `missing`, for the caller to read from its record.
 */
export function reconcileHeads(
  logged: ReadonlyMap<number, VersionHead>,
  listed: Iterable<number>,
): { heads: VersionHead[]; missing: number[] } {
  const heads: VersionHead[] = [];
  const missing: number[] = [];
  for (const version of listed) {
    const head = logged.get(version);
    if (head) heads.push(head);
    else missing.push(version);
  }
  heads.sort((a, b) => a.version - b.version);
  return { heads, missing: missing.sort((a, b) => a - b) };
}

/** Merges heads derived from records into reconciled ones, ascending by version. */
export function withDerived(heads: VersionHead[], records: MaterializationRecord[]): VersionHead[] {
  if (records.length === 0) return heads;
  return [...heads, ...records.map(headOf)].sort((a, b) => a.version - b.version);
}

/** Where a version's head may be: its lines in the log (first complete one wins), else its record. */
interface Entry {
  /** Line numbers (1-based; 0 in a log's end) and texts of the lines naming this version, in order. */
  lines: Array<{ number: number; text: string }>;
  /** A head known without reading a line (HeadLog.of), or parsed by the first lookup. */
  head?: Promise<VersionHead | undefined> | undefined;
  /** The head once `head` has settled (undefined: none could be read). */
  settled?: { head: VersionHead | undefined } | undefined;
  /** Whether HeadLog's `used` was told of it. */
  told?: boolean | undefined;
}

/** A heads log as a backend hands it over: whole, or its last lines and a way to read the rest. */
export type HeadLogText =
  | { whole: string }
  | {
      /** The log's end, from the start of a line. */
      end: string;
      /** The whole log, read when a lookup goes past its end. */
      readWhole: () => string;
    };

/**
 * An asset's heads, read the way planning reads them: newest first, each line parsed only when
 * asked for. Status looks at the newest head or two of each asset (its fresh version, its newest
 * on this line of history), so its cost does not grow with the history the log holds: a backend
 * may hand over only the log's last lines (the newest versions' heads, appended last), the rest
 * read when a lookup reaches a version they do not hold, or heads it already knows (the local
 * ledger's memo of what it read last time, see read-memo.ts) and the log to read only when a lookup
 * reaches any other version. Lines are indexed by the version each starts with
 * (`{"version":N,` as headLine writes it); a line that does not start so is parsed at once. What
 * heads() answers is what this answers: the listed versions only, a version's first complete head,
 * one derived from its record otherwise. Damaged lines are reported when a lookup reaches them
 * (heads() and `kiln doctor` read them all).
 */
export class HeadLog {
  /** Only the versions a line names or a lookup reached: a long history costs nothing unread. */
  private readonly entries = new Map<number, Entry>();
  /** Versions ascending: those listed (the listing is the truth), with or without a line. */
  readonly versions: readonly number[];
  /** Reads the rest of the log; undefined once the whole log is indexed. */
  private readWhole: (() => string) | undefined;
  /** Reads the log when a lookup first needs it (heads were handed over known); then undefined. */
  private readLater: (() => HeadLogText) | undefined;
  /** Told of each head the first time a lookup answers with it. */
  private used: ((head: VersionHead) => void) | undefined;

  private constructor(
    versions: readonly number[],
    private readonly derive: (version: number) => Promise<VersionHead | undefined>,
    private readonly problem: (line: number, message: string) => void,
  ) {
    this.versions = versions;
  }

  /** The heads of an asset whose heads were read whole (a ledger without a log of its own). */
  static of(heads: readonly VersionHead[]): HeadLog {
    const log = new HeadLog(
      heads.map((h) => h.version),
      async () => undefined,
      () => {},
    );
    for (const head of heads) log.know(head);
    return log;
  }

  /**
   * Indexes a heads log for the `listed` versions (ascending). `derive` reads a version's record
   * when the log has no complete head for it (and may append the head it derives); `problem`
   * reports a damaged line by number. `text` may be a function: the log is then read only when a
   * lookup reaches a listed version that `known` (heads read from this very log before) lacks.
   */
  static index(
    text: HeadLogText | (() => HeadLogText),
    listed: readonly number[],
    options: {
      derive: (version: number) => Promise<VersionHead | undefined>;
      problem: (line: number, message: string) => void;
      known?: readonly VersionHead[] | undefined;
      used?: ((head: VersionHead) => void) | undefined;
    },
  ): HeadLog {
    const log = new HeadLog(listed, options.derive, options.problem);
    log.used = options.used;
    for (const head of options.known ?? []) if (log.isListed(head.version)) log.know(head);
    if (typeof text === "function") log.readLater = text;
    else log.indexText(text);
    return log;
  }

  private know(head: VersionHead): void {
    const entry: Entry = { lines: [], head: Promise.resolve(head), settled: { head } };
    this.entries.set(head.version, entry);
  }

  private indexText(text: HeadLogText): void {
    if ("whole" in text) this.indexLines(text.whole, true);
    else {
      this.readWhole = text.readWhole;
      // Only lines as Kiln writes them are taken from the end; anything else is read whole, so a
      // problem is reported with its line number.
      if (!this.indexLines(text.end, false)) this.indexWhole();
    }
  }

  /** Reads the log a lookup needs now (see index); known heads stay as they are. */
  private indexLater(): void {
    const read = this.readLater;
    if (!read) return;
    this.readLater = undefined;
    this.indexText(read());
  }

  /** Whether `version` is listed (binary search: `versions` is ascending). */
  private isListed(version: number): boolean {
    const { versions } = this;
    let low = 0;
    let high = versions.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = versions[middle]!;
      if (at === version) return true;
      if (at < version) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** The entry of a listed version, made when first needed; undefined for any other. */
  private entry(version: number): Entry | undefined {
    let entry = this.entries.get(version);
    if (!entry && this.isListed(version)) {
      entry = { lines: [] };
      this.entries.set(version, entry);
    }
    return entry;
  }

  /** Adds the lines of `text`; false (in a log's end) at a line Kiln did not write. */
  private indexLines(text: string, whole: boolean): boolean {
    let written = true;
    eachLine(text, (line, number) => {
      const version = leadingVersion(line);
      if (version !== undefined) {
        this.entry(version)?.lines.push({ number: whole ? number : 0, text: line });
        return;
      }
      if (!line.trim()) return;
      if (!whole) {
        written = false;
        return false;
      }
      // Not as Kiln writes it (edited by hand, or cut short before its number): read it now.
      const read = parseHeadLine(line);
      if ("problem" in read) this.problem(number, read.problem);
      else if ("head" in read) this.entry(read.head.version)?.lines.push({ number, text: line });
    });
    return written;
  }

  /** Indexes the whole log in place of its end (a version's lines start over). */
  private indexWhole(): void {
    const read = this.readWhole;
    if (!read) return;
    this.readWhole = undefined;
    for (const entry of this.entries.values()) entry.lines = [];
    this.indexLines(read(), true);
  }

  get count(): number {
    return this.versions.length;
  }

  /** The head of a listed version; undefined when neither its lines nor its record can be read. */
  head(version: number): Promise<VersionHead | undefined> {
    const entry = this.entry(version);
    if (!entry) return Promise.resolve(undefined);
    if (!entry.head && this.readLater) this.indexLater();
    entry.head ??= this.read(version, entry).then((head) => {
      entry.settled = { head };
      return head;
    });
    if (!entry.told && this.used) {
      entry.told = true;
      const used = this.used;
      void entry.head.then((head) => head && used(head));
    }
    return entry.head;
  }

  /**
   * The head of a listed version when it is known without reading anything (handed over known, or
   * read by an earlier lookup), as `head` would answer it; undefined when only `head` can tell.
   * Status asks this of every asset: a promise per lookup was most of what a known head cost.
   */
  headNow(version: number): { head: VersionHead | undefined } | undefined {
    const entry = this.entries.get(version);
    if (!entry?.settled) return undefined;
    if (!entry.told && this.used) {
      entry.told = true;
      if (entry.settled.head) this.used(entry.settled.head);
    }
    return entry.settled;
  }

  private read(version: number, entry: Entry): Promise<VersionHead | undefined> {
    for (const line of entry.lines) {
      const read = parseHeadLine(line.text);
      if ("problem" in read) {
        // Reported with its line number, and the version's earlier lines may hold its head.
        if (this.readWhole) return this.readFromWhole(version, entry);
        this.problem(line.number, read.problem);
      } else if ("head" in read && read.head.version === version) return Promise.resolve(read.head);
    }
    if (this.readWhole) return this.readFromWhole(version, entry);
    return this.derive(version);
  }

  private readFromWhole(version: number, entry: Entry): Promise<VersionHead | undefined> {
    this.indexWhole();
    return this.read(version, entry);
  }

  /**
   * False when the version's head cannot have logical version `lv` (true for a head from before
   * declared outputs were versioned, whose logical version its record gives): the head read, or a
   * line that reads as a whole head Kiln wrote (plain JSON, no escapes, every field status reads)
   * does not contain it. Lets the search for the version built from the current inputs skip
   * parsing every other version's head. A version whose lines all look damaged or old may be
   * derived from its record: true. (A line damaged inside yet whole-looking could hide a record
   * with `lv`: the asset then looks stale and is built again, never the other way round.)
   */
  mayHave(version: number, lv: string): boolean {
    const entry = this.entry(version);
    if (!entry) return false;
    if (!entry.settled && this.readLater) this.indexLater();
    if (entry.settled) {
      const { head } = entry.settled;
      return head !== undefined && (head.logicalVersion === lv || head.undeclaredOutputs === true);
    }
    if (entry.lines.length === 0 && this.readWhole) this.indexWhole();
    if (entry.lines.length === 0) return true;
    let whole = false;
    for (const { text } of entry.lines) {
      if (text.includes(lv) || text.includes("\\") || text.includes('"undeclaredOutputs"')) return true;
      whole ||= text.endsWith("}") && WHOLE_HEAD_KEYS.every((key) => text.includes(key));
    }
    return !whole;
  }

  /** Every head, ascending (what heads() answers). */
  async all(): Promise<VersionHead[]> {
    const heads = await Promise.all(this.versions.map((v) => this.head(v)));
    return heads.filter((h): h is VersionHead => h !== undefined);
  }
}

/** An asset's heads as a HeadLog, from a ledger that keeps one or from its heads read whole. */
export async function headLogOf(ledger: Ledger, asset: string): Promise<HeadLog> {
  return ledger.headLog ? ledger.headLog(asset) : HeadLog.of(await ledger.heads(asset));
}

/** What a complete head line holds besides its version (see isComplete in records.ts). */
const WHOLE_HEAD_KEYS = ['"logicalVersion":"', '"context":{', '"deps":{', '"outputs":{', '"locations":['];

/** The version a head line starts with when Kiln wrote it (`{"version":12,…`). */
function leadingVersion(line: string): number | undefined {
  const prefix = '{"version":';
  if (!line.startsWith(prefix)) return undefined;
  let version = 0;
  let i = prefix.length;
  for (; i < line.length; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    version = version * 10 + digit;
  }
  return i > prefix.length && line[i] === "," && version > 0 && Number.isSafeInteger(version)
    ? version
    : undefined;
}

/** One line of a heads log. */
export function headLine(record: MaterializationRecord): string {
  return JSON.stringify(headOf(record));
}

/** A series as its file holds it: one JSON point a line. */
export function seriesText(points: readonly SeriesPoint[]): string {
  // Joined from lines rather than one JSON.stringify of the array, so the longest string built is
  // the file itself (a 100,000-point series is a few MB).
  const lines: string[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) lines[i] = seriesLine(points[i]!);
  return lines.join("");
}

/**
 * The record as stored: its series moved into a file named by content. Returns what to write
 * there (undefined when the record has no series): the text, or the file a streaming writer
 * already wrote (`seriesSource`), which is copied as it is.
 */
export function separateSeries(record: MaterializationRecord & { seriesSource?: undefined }): {
  record: MaterializationRecord;
  series?: { path: string; text: string } | undefined;
};
export function separateSeries(record: MaterializationRecord & { seriesSource?: SeriesSource | undefined }): {
  record: MaterializationRecord;
  series?:
    | { path: string; text: string; file?: undefined }
    | { path: string; file: string; text?: undefined }
    | undefined;
};
export function separateSeries(record: MaterializationRecord & { seriesSource?: SeriesSource | undefined }): {
  record: MaterializationRecord;
  series?: { path: string; text?: string | undefined; file?: string | undefined } | undefined;
} {
  const { seriesSource: source, ...rest } = record;
  if (source) {
    if (source.points === 0) return { record: { ...rest, series: [] } };
    const file = seriesPath(record.asset, source.sha256);
    return {
      record: { ...rest, series: [], seriesFile: { path: file, points: source.points } },
      series: { path: file, file: source.file },
    };
  }
  if (record.series.length === 0) return { record: rest };
  const text = seriesText(record.series);
  const file = seriesPath(record.asset, sha256(text));
  return {
    record: { ...rest, series: [], seriesFile: { path: file, points: record.series.length } },
    series: { path: file, text },
  };
}

/**
 * The versions the aliases of `events` end on whose records are listed and can be read: all an
 * alias replay needs to tell damage (an alias naming a lost record), one record per alias rather
 * than the whole history.
 */
export async function holdersWithRecords(
  events: readonly AliasEvent[],
  listed: ReadonlySet<number>,
  load: (version: number) => Promise<MaterializationRecord | undefined>,
): Promise<Set<number>> {
  const holders = new Set(replayAliases(events, new Set()).missing.values());
  const readable = new Set<number>();
  for (const version of holders) if (listed.has(version) && (await load(version))) readable.add(version);
  return readable;
}
