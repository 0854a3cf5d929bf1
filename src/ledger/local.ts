// The ledger in a local directory (`.kiln/ledger`). Records are written to a temporary file, synced,
// then put in place atomically: a version number is claimed with link(2), which fails when the
// name exists, so two processes never get the same v<N> and a reader never sees half a record.
import { fromSystemError, isSystemError, UserError } from "../domain/errors.js";
import { randomUUID } from "node:crypto";
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { crashPoint } from "../domain/crash-point.js";
import { withLock } from "../paths/workspace-lock.js";
import { makeStateDirSync } from "../paths/kiln-dir.js";
import { openInStateDir, syncDescriptor } from "../paths/state-file.js";
import { applyCursorChanges, type CursorChanges } from "./cursor-changes.js";
import { missingHolderDamage, replayAliases, unreadableLineDamage } from "./aliases.js";
import {
  HeadLog,
  type HeadLogText,
  headLine,
  holdersWithRecords,
  reconcileHeads,
  separateSeries,
  withDerived,
} from "./heads.js";
import {
  blockOf,
  blockRange,
  buildPacks,
  classifyEntries,
  completedBlocks,
  hasGappedBlock,
  type LooseRecord,
  listedVersions,
  PACK_FIX,
  PACKED_SERIES_MAX_BYTES,
  packBlock,
  parseRecordPack,
  parseSeriesPack,
  type RecordListing,
  type RecordPack,
  recordPackPath,
  remember,
  type SeriesPack,
  seriesPackPath,
} from "./packs.js";
import {
  ALIASES_FOLDER,
  aliasPath,
  cursorPath,
  cursorLocations,
  failurePath,
  headsPath,
  locationsPath,
  nextVersion,
  versionFileName,
  versionOfFile,
} from "./layout.js";
import {
  HEAD_LINE_FIX,
  parseAliasLog,
  cursorOf,
  parseFailure,
  parseHeadLog,
  parseLocationLog,
  parseMaterialization,
  parseSeriesText,
  withRecordSchemas,
} from "./records.js";
import {
  type AliasEvent,
  type CursorScope,
  type CursorState,
  type FailureRecord,
  type MaterializationRecord,
  headOf,
  type NewFailure,
  type NewMaterialization,
  RECORD_SCHEMA,
  type SeriesPoint,
  type StoreLocation,
  type VersionHead,
} from "../domain/records.js";
import type { CheckedRecords } from "./checked-records.js";
import type { LedgerReadMemo } from "./read-memo.js";
import { Folder } from "../paths/join.js";
import type { AliasState, Ledger, LedgerProblem, LedgerReaderSpec } from "./ledger.js";

/** Creates `file` (which must not exist) with `text`, on disk before this resolves. */
async function writeSynced(file: string, text: string): Promise<void> {
  const fd = openInStateDir(file, "wx");
  try {
    writeFileSync(fd, text);
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies `source` to `file` (which must not exist), on disk before this resolves. */
async function copySynced(source: string, file: string): Promise<void> {
  copyFileSync(source, file, constants.COPYFILE_EXCL);
  const fd = openSync(file, "r+");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file whose name is its content's hash, once: when it is already there the bytes are
 * the same, so nothing is copied or synced again. Put in place with link(2), whole or not at all.
 */
async function writeOnce(file: string, content: string | { file: string }): Promise<void> {
  if (existsSync(file)) return;
  makeStateDirSync(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  if (typeof content === "string") await writeSynced(temp, content);
  else await copySynced(content.file, temp);
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Puts `text` at `file` whole (synced temporary file, link(2), folder synced) unless a file is
 * there already; true when `file` then holds exactly `text`. Never replaces a file: a pack that
 * differs from what its records make (damage) is left for doctor and its loose files are kept.
 */
async function placeOnce(file: string, text: string): Promise<boolean> {
  makeStateDirSync(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readIfExists(file) === text;
  } finally {
    unlinkSync(temp);
  }
  // The new name on disk before any loose file it replaces is removed.
  const fd = openSync(path.dirname(file), "r");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A file's text, or undefined when it does not exist. */
function readIfExists(file: string): string | undefined {
  try {
    return readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Writes `text` to `file` atomically: a reader sees the old file or the new one, never a mix. */
async function replaceAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  renameSync(temp, file);
}

/**
 * One write with O_APPEND: concurrent appends never interleave within a line. A crash can leave a
 * partial last line; readers skip it (reported) and the next append starts on a new line because
 * every write begins with its own leading newline guard. `durable: false` is for logs that are an
 * index of the records (heads): a line lost with the machine's power is derived again from its
 * record by the next reader, so it is not worth a sync per materialization.
 */
async function appendLines(file: string, lines: string[], options: { durable: boolean }): Promise<void> {
  const bytes = Buffer.from(`\n${lines.join("\n")}\n`);
  const fd = openInStateDir(file, "a");
  try {
    const bytesWritten = writeSync(fd, bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short append to ${file}: the disk may be full`);
    if (options.durable) await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A ledger file that exists but cannot be read (a folder where a file should be, no permission) is
 * damage to the ledger, not a bug in Kiln: the command stops with the path and points at doctor.
 */
function unreadable(file: string, error: unknown): unknown {
  if (!isSystemError(error)) return error;
  const { message } = fromSystemError(error);
  return new UserError(
    `cannot read the ledger file ${file}: ${message.replace(/^cannot \w+ [^:]*: |^\w+ failed: /, "")}`,
    "run `kiln doctor`: it checks the ledger and says how to repair it",
  );
}

/**
 * A ledger file's text. Read synchronously on purpose: ledger files are small, and
 * `fs/promises.readFile` pays four thread-pool round trips (open, fstat, read, close) per file,
 * which made reading 10,000 records 13× slower than this (3.4 s against 0.26 s); a history site of
 * 300,000 versions reads them all.
 */
function readText(file: string): string {
  return readFileSync(file, "utf8");
}

/**
 * How much of a heads log status reads first: its newest few heads (a head is ~0.5-1 KB), the
 * ones it judges an asset by; older ones are read when a lookup reaches them (see HeadLog).
 */
const HEAD_LOG_END = 4096;

/** A log's last `bytes` from the start of a line, or all of it when it is that short. */
function readLogEnd(file: string, bytes: number): HeadLogText {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { whole: "" };
    throw unreadable(file, error);
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(size, bytes));
    const read = readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    if (size <= bytes) return { whole: buffer.toString("utf8", 0, read) };
    // A newline byte never occurs inside a UTF-8 character: the text after the first is whole lines.
    const start = buffer.indexOf(10);
    return {
      end: start < 0 ? "" : buffer.toString("utf8", start + 1, read),
      readWhole: () => {
        try {
          return readIfExists(file) ?? "";
        } catch (error) {
          throw unreadable(file, error);
        }
      },
    };
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}

/** A log's text, or undefined when nothing was ever appended to it. */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return readIfExists(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** Why a ledger file could not be read at all (a directory in its place, no permission). */
function unreadableFile(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "is a directory, not a file";
  if (deniedRead(error)) return "cannot be read (permission denied)";
  return undefined;
}

function deniedRead(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM";
}

/**
 * The fix for a ledger file this user may not read: its bytes are intact, so the permission is
 * what to restore (another user's files, after a `sudo kiln run` or a container running as root).
 * Moving it aside, as for damage, would lose what it `holds`.
 */
function readPermissionFix(holds: string): string {
  return `give this user read permission on it again (its owner can run \`chmod a+r\` on it, or \`sudo chown\` it back after a \`sudo kiln run\`); do not move, edit or delete it: it holds ${holds}`;
}

/** The names in a folder; none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  return listDirNow(dir);
}

/** listDir, answered synchronously (see LocalLedger.headLog). */
function listDirNow(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw unreadable(dir, error);
  }
}

export class LocalLedger implements Ledger {
  readonly description: string;
  /** `dir`, for the paths reads make per asset (see paths/join.ts). */
  private readonly files: Folder;
  private readonly found: LedgerProblem[] = [];
  private readonly reported = new Set<string>();

  /**
   * `dir` is the ledger folder itself: a project's namespace, normally
   * `<root>/.kiln/ledger/projects/<name>` (see open.ts).
   */
  constructor(
    readonly dir: string,
    private readonly options: {
      description?: string;
      /** Records found intact before (see checked-records.ts); without it, recordIntact parses each. */
      checked?: CheckedRecords | undefined;
      /** What was read last time, by the identity of its files (see read-memo.ts). */
      memo?: LedgerReadMemo | undefined;
      /**
       * Where cursor writes take their lock: the workspace's locks folder, shared with the asset
       * locks (paths/workspace-lock.ts); `<dir>/.locks` without it.
       */
      locks?: string | undefined;
    } = {},
  ) {
    this.description = options.description ?? dir;
    this.files = new Folder(dir);
  }

  /** Adds a problem found while opening the ledger (see adopt-local.ts) or by a reader thread. */
  note(problem: LedgerProblem): void {
    this.problem(problem.path, problem.message, problem.fix);
  }

  async readerSpec(): Promise<LedgerReaderSpec> {
    return { kind: "local", dir: this.dir, description: this.description };
  }

  private problem(file: string, message: string, fix?: string): void {
    const key = `${file}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === undefined ? { path: file, message } : { path: file, message, fix });
  }

  problems(): LedgerProblem[] {
    return [...this.found];
  }

  private async readJson(file: string): Promise<unknown> {
    try {
      return JSON.parse(readText(file));
    } catch (error) {
      this.problem(
        file,
        error instanceof SyntaxError
          ? `not valid JSON (${error.message})`
          : (unreadableFile(error) ?? String((error as Error).message)),
      );
      return undefined;
    }
  }

  /**
   * Asset folders under materializations/ and failures/ as listed once by this process. A status
   * of thousands of assets, most never built, would otherwise list thousands of missing folders.
   * Only absence is remembered, and this process's own writes add to it; another process's first
   * record of an asset shows from the next command on.
   */
  private listed = new Map<string, Set<string>>();

  private mayHave(section: "materializations" | "failures", asset: string): boolean {
    let names = this.listed.get(section);
    if (!names) {
      names = new Set(listDirNow(this.files.join(section)));
      this.listed.set(section, names);
    }
    return names.has(asset);
  }

  private async wrote(section: "materializations" | "failures", asset: string): Promise<void> {
    this.listed.get(section)?.add(asset);
  }

  /**
   * The highest version number this ledger saw taken in an asset's folder, listed or written by
   * itself: a write claims the number after it without listing the folder again. Numbers only
   * grow, so one another process took since is met by link(2)'s EEXIST and the next is tried, as
   * when a listing is a moment old.
   */
  private readonly highestTaken = new Map<string, number>();

  private sawTaken(asset: string, version: number): void {
    if (version > (this.highestTaken.get(asset) ?? 0)) this.highestTaken.set(asset, version);
  }

  /** The record files and packs of an asset's folder; names that are neither are reported. */
  private async listRecords(asset: string): Promise<RecordListing> {
    return this.listRecordsNow(asset);
  }

  /**
   * listRecords, answered synchronously: every read here is synchronous (a thread-pool round trip
   * cost more than the read), and a status of thousands of assets paid a promise per step.
   */
  private listRecordsNow(asset: string): RecordListing {
    if (!this.mayHave("materializations", asset)) return classifyEntries([], versionOfFile);
    const dir = this.files.join("materializations", asset);
    const memo = this.options.memo;
    // The folder's identity before its listing: a change made meanwhile is seen next time.
    const stamp = memo?.stamp(dir);
    let listing = stamp && memo!.listing(asset, stamp);
    if (!listing) {
      // readdir does not promise to show a file created or removed while it runs, so a listing made
      // while another process packs a block may show neither the pack nor its loose files: a block
      // that looks gapped is listed again (a hole left by a deleted record lists the same twice).
      listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (let again = 0; again < 2 && hasGappedBlock(listing); again++)
        listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(path.join(dir, name), named.message, named.fix);
      }
      if (stamp && !hasGappedBlock(listing)) memo!.noteListing(asset, stamp, listing);
    }
    for (const version of listing.loose.keys()) this.sawTaken(asset, version);
    for (const block of listing.packs) this.sawTaken(asset, blockRange(block).last);
    this.lastListing.set(asset, listing);
    return listing;
  }

  /** Each asset's newest listing by this process (see recordIntact). */
  private readonly lastListing = new Map<string, RecordListing>();

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    const listing = await this.listRecords(asset);
    const records: MaterializationRecord[] = [];
    for (const version of listedVersions(listing)) {
      const record = await this.readRecord(asset, version, listing.packs.has(blockOf(version)));
      if (record) records.push(record);
    }
    return records;
  }

  /** The versions whose records are listed, loose or packed (readable or not). */
  private async listedVersions(asset: string): Promise<number[]> {
    return listedVersions(this.listRecordsNow(asset));
  }

  async heads(asset: string): Promise<VersionHead[]> {
    const listed = await this.listedVersions(asset);
    if (listed.length === 0) return [];
    const file = path.join(this.dir, headsPath(asset));
    const parsed = parseHeadLog((await readIfPresent(file)) ?? "");
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listed);
    if (missing.length === 0) return heads;
    const derived = (await Promise.all(missing.map((v) => this.materialization(asset, v)))).filter(
      (r): r is MaterializationRecord => r !== undefined,
    );
    // Kept for the next reader; a reader that may not write (a read-only checkout) derives again.
    if (derived.length > 0)
      await appendLines(file, derived.map(headLine), { durable: false }).catch(() => {});
    return withDerived(heads, derived);
  }

  async headLog(asset: string): Promise<HeadLog> {
    const listed = listedVersions(this.listRecordsNow(asset));
    if (listed.length === 0) return HeadLog.of([]);
    const file = this.files.join(headsPath(asset));
    const memo = this.options.memo;
    // The log's identity before it is read; the heads read from it last time, when it is the same.
    const stamp = memo?.stamp(file);
    const known = stamp && memo!.heads(asset, stamp);
    return HeadLog.index(
      known ? () => readLogEnd(file, HEAD_LOG_END) : readLogEnd(file, HEAD_LOG_END),
      listed,
      {
        known,
        used: stamp && ((head) => memo!.useHead(asset, stamp, head)),
        problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
        derive: async (version) => {
          const record = await this.materialization(asset, version);
          if (!record) return undefined;
          // Kept for the next reader, as heads() keeps what it derives.
          await appendLines(file, [headLine(record)], { durable: false }).catch(() => {});
          return headOf(record);
        },
      },
    );
  }

  /**
   * Packs read by this ledger: immutable once written, so kept (a few, most recent last) for the
   * next version of the same block; the site reads a block's versions one after the other.
   */
  private readonly recordPacks = new Map<string, RecordPack>();
  private readonly seriesPacks = new Map<string, SeriesPack>();

  /** The records pack of a block, or undefined when the block is not packed. */
  private recordPack(asset: string, block: number): RecordPack | undefined {
    const key = `${asset}\0${block}`;
    const cached = this.recordPacks.get(key);
    if (cached) return cached;
    const file = path.join(this.dir, recordPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === undefined) return undefined;
    const pack = parseRecordPack(text, asset, block, (line, message) =>
      this.problem(`${file}:${line}`, message, PACK_FIX),
    );
    remember(this.recordPacks, key, pack, 8);
    return pack;
  }

  private seriesPack(asset: string, block: number): SeriesPack | undefined {
    const key = `${asset}\0${block}`;
    const cached = this.seriesPacks.get(key);
    if (cached) return cached;
    const file = path.join(this.dir, seriesPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === undefined) return undefined;
    const pack = parseSeriesPack(text, (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX));
    remember(this.seriesPacks, key, pack, 4);
    return pack;
  }

  /** A pack's text; undefined when there is none (an unreadable one is reported). */
  private readPackText(file: string): string | undefined {
    // Most blocks are not packed (yet): asked without the cost of a failed open's exception.
    if (!existsSync(file)) return undefined;
    try {
      return readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      this.problem(
        file,
        unreadableFile(error) ?? String((error as Error).message),
        deniedRead(error) ? readPermissionFix("a block of records") : PACK_FIX,
      );
      return undefined;
    }
  }

  async materialization(asset: string, version: number): Promise<MaterializationRecord | undefined> {
    return this.readRecord(asset, version, undefined);
  }

  /**
   * One record, from its block's pack or its loose file. `packed` says what a listing showed
   * (undefined: not listed): a packed block is read from its pack, whose copy is identical to the
   * loose file a crash may have left beside it. The loose file is read otherwise; when it is gone,
   * another process packed the block since (it writes the pack before removing loose files).
   */
  private readRecord(
    asset: string,
    version: number,
    packed: boolean | undefined,
  ): Promise<MaterializationRecord | undefined> {
    return withRecordSchemas(() => this.readRecordNow(asset, version, packed));
  }

  /** readRecord's synchronous read, which may need zod's schemas loaded (see withRecordSchemas). */
  private readRecordNow(
    asset: string,
    version: number,
    packed: boolean | undefined,
  ): MaterializationRecord | undefined {
    const block = blockOf(version);
    if (packed !== false) {
      const fromPack = this.recordPack(asset, block)?.record(version);
      if (fromPack) return fromPack;
    }
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        const pack = this.recordPack(asset, block);
        const fromPack = pack?.record(version);
        if (fromPack) return fromPack;
        // Damage in the pack is reported where it is; no loose file in its place is no news.
        if (pack) return undefined;
      }
      this.problem(
        file,
        unreadableFile(error) ?? String((error as Error).message),
        deniedRead(error) ? readPermissionFix(`the record of ${asset} v${version}`) : undefined,
      );
      return undefined;
    }
    return this.recordFromText(file, text, asset, version);
  }

  /** A loose record file's text, parsed and checked; undefined (reported) when it is not that record. */
  private recordFromText(
    file: string,
    text: string,
    asset: string,
    version: number,
  ): MaterializationRecord | undefined {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problem(file, `not valid JSON (${(error as Error).message})`);
      return undefined;
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (parsed.ok) return parsed.value;
    this.problem(file, parsed.error);
    return undefined;
  }

  async recordIntact(asset: string, version: number): Promise<boolean> {
    const memo = this.options.memo;
    const listing = this.lastListing.get(asset);
    const block = blockOf(version);
    // The file materialization() reads the record from, when the listing tells: its block's pack,
    // else its loose file. Its identity first; found intact in that very file before: intact.
    const from = listing?.packs.has(block)
      ? this.files.join(recordPackPath(asset, block))
      : listing?.loose.has(version)
        ? this.files.join("materializations", asset, `v${version}.json`)
        : undefined;
    const stamp = from === undefined ? undefined : memo?.stamp(from);
    if (stamp && memo!.intact(asset, version, stamp)) return true;
    // A pack this process read before the stamp was taken is read again, so that what is noted
    // was read from the file as stamped.
    if (stamp && listing?.packs.has(block)) this.recordPacks.delete(`${asset}\0${block}`);
    const { intact, source } = await withRecordSchemas(() => this.checkIntact(asset, version, listing));
    // Noted only when the stamped file itself gave the record: a version a damaged pack lacks, read
    // from a loose copy beside it, or a loose file packed away meanwhile is read again next time.
    if (intact && stamp && source === from) memo!.noteIntact(asset, version, stamp);
    return intact;
  }

  /** Whether the record reads, and the file that gave it when it was one file read whole. */
  private async checkIntact(
    asset: string,
    version: number,
    listing: RecordListing | undefined,
  ): Promise<{ intact: boolean; source?: string | undefined }> {
    const checked = this.options.checked;
    const readWhole = async () => ({ intact: (await this.materialization(asset, version)) !== undefined });
    if (!checked) return readWhole();
    // Where materialization() looks first: a packed block (a loose copy a crash left is ignored).
    // A version this process listed loose, in a block it listed unpacked, is read from its file
    // without first asking for a pack (status asks this of every asset, and most blocks are not
    // packed): a pack made since holds what the loose files held, which it is made from.
    const block = blockOf(version);
    const listedLoose = listing?.loose.has(version) && !listing.packs.has(block);
    if (!listedLoose && this.recordPack(asset, block)?.record(version))
      return { intact: true, source: this.files.join(recordPackPath(asset, block)) };
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text: string;
    try {
      text = readText(file);
    } catch {
      return readWhole(); // packed, absent or unreadable: read (and reported) as materialization() does
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return { intact: true, source: file };
    if (!this.recordFromText(file, text, asset, version)) return { intact: false };
    checked.add(digest);
    return { intact: true, source: file };
  }

  async series(record: MaterializationRecord): Promise<SeriesPoint[]> {
    if (!record.seriesFile) return record.series;
    const wanted = record.seriesFile.path;
    const packed = this.seriesPack(record.asset, blockOf(record.version))?.get(record.version);
    if (packed?.path === wanted) return packed.points;
    const file = path.join(this.dir, wanted);
    let text: string | undefined;
    try {
      text = await readIfPresent(file);
    } catch (error) {
      this.problem(file, String((error as Error).message));
      return [];
    }
    if (text === undefined) {
      // Series are named by content, so two versions may share one file; when a pack took it
      // (removing the loose file) after a later version named it, the pack holds it.
      const elsewhere = await this.seriesInPacks(record.asset, wanted);
      if (elsewhere) return elsewhere;
      this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
      return [];
    }
    const { points, problems } = parseSeriesText(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return points;
  }

  /** A series file's points wherever a pack of the asset holds them. */
  private async seriesInPacks(asset: string, wanted: string): Promise<SeriesPoint[] | undefined> {
    for (const name of await listDir(path.join(this.dir, "series", asset))) {
      const block = packBlock(name);
      if (block === undefined) continue;
      const points = this.seriesPack(asset, block)?.find(wanted);
      if (points) return points;
    }
    return undefined;
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    const records: FailureRecord[] = [];
    if (!this.mayHave("failures", asset)) return records;
    const dir = this.files.join("failures", asset);
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const data = await this.readJson(file);
      if (data === undefined) continue;
      const parsed = await parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  }

  /**
   * The head and the packing of a claimed record. The version is recorded once its file is
   * linked: a failure here (a full disk, a heads log that cannot be appended) loses nothing the
   * next reader cannot derive from the record, so it is reported as a problem, never as a failed
   * version (and never taken for a lost claim, which would record the version again).
   */
  private async afterClaim(full: MaterializationRecord): Promise<void> {
    const heads = path.join(this.dir, headsPath(full.asset));
    try {
      await appendLines(heads, [headLine(full)], { durable: false });
      await this.packCompleted(full.asset, full.version);
    } catch (error) {
      this.problem(
        heads,
        `v${full.version} was recorded, but its head or pack could not be written (${(error as Error).message}); readers derive it from the record`,
      );
    }
  }

  async recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    const dir = path.join(this.dir, "materializations", record.asset);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    const taken = this.highestTaken.get(record.asset);
    let version = nextVersion(taken === undefined ? await listDir(dir) : [], [...named, taken ?? 0]);
    // The series first: a record never names a file that is not there.
    const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
    if (separated.series)
      await writeOnce(
        path.join(this.dir, separated.series.path),
        separated.series.text ?? { file: separated.series.file },
      );
    for (;;) {
      const full: MaterializationRecord = { ...separated.record, version };
      const temp = path.join(dir, `.tmp-${randomUUID()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}\n`);
      try {
        const target = path.join(dir, `v${version}.json`);
        linkSync(temp, target);
        // A listing read before other writers completed and packed this number's block (a writer
        // paused that long) offers a number the pack holds, whose loose file is gone: give it up
        // and take the next. Packs are written before their loose files are removed, so a claim
        // that got past link(2) sees the pack here.
        if (existsSync(path.join(this.dir, recordPackPath(record.asset, blockOf(version))))) {
          removeIfPresent(target);
          version = nextVersion(await listDir(dir), named);
          continue;
        }
        // The head after the record: a kill in between leaves a record without a head (derived
        // by the next reader), never a head without its record.
        this.sawTaken(record.asset, version);
        await this.afterClaim(full);
        return full;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        // Another writer claimed it first: take a number above what the folder holds now (bounded:
        // nextVersion refuses numbers past MAX_VERSION, so this never loops on a number a double
        // cannot count past).
        version = nextVersion([...(await listDir(dir)), `v${version}.json`], named);
      } finally {
        unlinkSync(temp);
      }
    }
  }

  /**
   * Packs every completed block of the asset still kept loose (the block this write completed, and
   * those of a ledger written before packs), and removes loose files a kill left beside a pack.
   * Packing only saves reading: when it cannot be done now, the files stay as they are, readable,
   * and the next write tries again.
   */
  private async packCompleted(asset: string, highest: number): Promise<void> {
    const blocks = completedBlocks(highest);
    if (blocks === 0) return;
    try {
      const listing = classifyEntries(
        await listDir(path.join(this.dir, "materializations", asset)),
        versionOfFile,
      );
      for (let block = 0; block < blocks; block++) {
        const { first, last } = blockRange(block);
        const loose: number[] = [];
        for (let v = first; v <= last; v++) if (listing.loose.has(v)) loose.push(v);
        if (loose.length === 0) continue;
        if (listing.packs.has(block))
          await withRecordSchemas(() => this.removeLeftovers(asset, block, loose));
        else if (loose.length === last - first + 1) await this.packBlock(asset, block);
      }
    } catch (error) {
      // A full disk, a permission: nothing is lost, every record is still in its loose file or a
      // whole pack. Anything else is a bug and surfaces.
      if (!isSystemError(error)) throw error;
    }
  }

  /**
   * Writes the packs of a completed block, then removes the loose files they hold. Another process
   * may pack the same block at the same time: both build the same bytes, the second link finds the
   * first's pack and compares it, and a loose file the other already removed ends this one's try.
   */
  private async packBlock(asset: string, block: number): Promise<void> {
    const dir = path.join(this.dir, "materializations", asset);
    const { first, last } = blockRange(block);
    const loose: LooseRecord[] = [];
    for (let version = first; version <= last; version++) {
      const text = readIfExists(path.join(dir, `v${version}.json`));
      if (text === undefined) return;
      loose.push({ version, text });
    }
    const built = await withRecordSchemas(() =>
      buildPacks(asset, block, loose, (file) => {
        const full = path.join(this.dir, file);
        try {
          return statSync(full).size > PACKED_SERIES_MAX_BYTES ? undefined : readText(full);
        } catch {
          return undefined;
        }
      }),
    );
    if (!built.ok) return; // damage stays where the reader reports it
    const { records, series } = built.value;
    // The series pack first: a reader that finds the records pack finds their series.
    if (series && !(await placeOnce(path.join(this.dir, seriesPackPath(asset, block)), series.text))) return;
    if (!(await placeOnce(path.join(this.dir, recordPackPath(asset, block)), records))) return;
    for (let version = first; version <= last; version++) removeIfPresent(path.join(dir, `v${version}.json`));
    for (const file of series?.paths ?? []) removeIfPresent(path.join(this.dir, file));
  }

  /** Loose files a kill left beside a whole pack (identical copies): removed once the pack reads whole. */
  private removeLeftovers(asset: string, block: number, loose: number[]): void {
    const pack = this.recordPack(asset, block);
    if (!pack?.whole()) return;
    const series = this.seriesPack(asset, block);
    if (series && !series.whole()) return;
    const dir = path.join(this.dir, "materializations", asset);
    for (const version of loose) removeIfPresent(path.join(dir, `v${version}.json`));
    for (const file of series?.paths() ?? []) removeIfPresent(path.join(this.dir, file));
  }

  async recordFailure(record: NewFailure): Promise<FailureRecord> {
    const full: FailureRecord = { schema: RECORD_SCHEMA, ...record };
    const file = path.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}\n`);
    await this.wrote("failures", record.asset);
    return full;
  }

  private aliasFile(asset: string): string {
    return path.join(this.dir, aliasPath(asset));
  }

  /** The readable events of an asset's alias log and the damage of the rest. */
  private async readAliasLog(asset: string): Promise<{ events: AliasEvent[]; damage: LedgerProblem[] }> {
    const file = this.aliasFile(asset);
    // Most assets have no alias: asked first, since a failed read throws an error whose stack trace
    // costs more than the look (every record write reads this log).
    if (!existsSync(file)) return { events: [], damage: [] };
    let text: string | undefined;
    try {
      text = readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        // Damage to report (doctor diagnoses it; promotion stops), not a reason to crash.
        const why = unreadableFile(error);
        if (!why) throw unreadable(file, error);
        return {
          events: [],
          damage: [
            {
              path: file,
              message: `${why}: the alias history of ${asset} cannot be read, so promotion of ${asset} stops`,
              fix: deniedRead(error)
                ? readPermissionFix(`${asset}'s alias history`)
                : `move it aside and put back the alias log from a backup (or the ledger branch's history); \`kiln aliases ${asset}\` then shows what Kiln reads`,
            },
          ],
        };
      }
    }
    if (text === undefined) return { events: [], damage: [] };
    const { events, problems } = await parseAliasLog(text, asset);
    return {
      events,
      damage: problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message)),
    };
  }

  async aliasState(asset: string): Promise<AliasState> {
    // The log first, then the records: a move to vN is appended only after vN's record is in
    // place and records are never removed, so every version this log snapshot names is listed.
    // The other order lets a concurrent writer's new version and its move fall in between, and
    // this reader would see an alias naming a version it has not listed.
    const log = await this.readAliasLog(asset);
    if (log.events.length === 0 && log.damage.length === 0) return { history: [], damage: [] };
    // Only the versions the aliases end on need their records read: history does not.
    const listed = new Set(await this.listedVersions(asset));
    const versions = await holdersWithRecords(log.events, listed, (v) => this.materialization(asset, v));
    const { effective, missing } = replayAliases(log.events, versions);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.aliasFile(asset), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    return { history: effective, damage };
  }

  async aliasHistory(asset: string): Promise<AliasEvent[]> {
    return (await this.aliasState(asset)).history;
  }

  async aliasedAssets(): Promise<ReadonlySet<string>> {
    const logs = await listDir(path.join(this.dir, ALIASES_FOLDER));
    return new Set(
      logs.filter((name) => name.endsWith(".jsonl")).map((name) => name.slice(0, -".jsonl".length)),
    );
  }

  async moveAlias(request: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    const event: AliasEvent = { ...request, at: request.at ?? new Date().toISOString(), id: randomUUID() };
    // Only a version with a record in place may take an alias: replay trusts every move it reads.
    if (event.to !== null) {
      const listing = await this.listRecords(event.asset);
      const packed = listing.packs.has(blockOf(event.to));
      if (!packed && !listing.loose.has(event.to)) return false;
      if (!(await this.readRecord(event.asset, event.to, packed))) return false;
    }
    await appendLines(this.aliasFile(request.asset), [JSON.stringify(event)], { durable: true });
    crashPoint("during-alias");
    const history = await this.aliasHistory(request.asset);
    return history.some((e) => e.id === event.id);
  }

  async addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void> {
    if (locations.length === 0) return;
    await appendLines(
      path.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
      { durable: true },
    );
  }

  async locations(asset: string, version: number): Promise<StoreLocation[]> {
    const file = path.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === undefined) return [];
    const { locations, problems } = await parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }

  async readCursor(scope: CursorScope): Promise<CursorState | undefined> {
    for (const at of cursorLocations(scope)) {
      const file = path.join(this.dir, at.path);
      const text = await readIfPresent(file);
      if (text === undefined) continue;
      const cursor = await cursorOf(at.scope, text, (message) => this.problem(file, message));
      if (cursor) return cursor;
    }
    return undefined;
  }

  async updateCursor(changes: CursorChanges): Promise<void> {
    // Read, apply and replace holding the cursor's lock: two runs of this workspace
    // committing at once each apply their changes onto the other's (see cursor-changes.ts).
    // Named with a leading dot, which no asset's lock (nor a holder file) in the same folder has.
    const file = path.join(this.dir, cursorPath(changes.scope.name));
    const locks = this.options.locks ?? path.join(this.dir, ".locks");
    await withLock(locks, `.cursor-${path.basename(file)}`, "writing the automation cursor", async () => {
      const next = applyCursorChanges(await this.readCursor(changes.scope), changes);
      if (next) await replaceAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
    });
  }
}
export { scopeFileName } from "./layout.js";
