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
  fsync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { crashPoint } from "../domain/crash-point.js";
import { makeStateDirSync } from "../paths/kiln-dir.js";
import { missingHolderDamage, replayAliases, unreadableLineDamage } from "./aliases.js";
import { headLine, holdersWithRecords, reconcileHeads, separateSeries, withDerived } from "./heads.js";
import {
  aliasPath,
  cursorPath,
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
  parseCursor,
  parseFailure,
  parseHeadLog,
  parseLocationLog,
  parseMaterialization,
  parseSeriesText,
} from "./records.js";
import {
  type AliasEvent,
  type CursorState,
  type FailureRecord,
  type MaterializationRecord,
  type NewFailure,
  type NewMaterialization,
  RECORD_SCHEMA,
  type SeriesPoint,
  type StoreLocation,
  type VersionHead,
} from "../domain/records.js";
import type { CheckedRecords } from "./checked-records.js";
import type { AliasState, Ledger, LedgerProblem } from "./ledger.js";

/**
 * Flushes a file to disk on the thread pool, the one round trip a durable write needs: the small
 * writes around it are synchronous, since each thread-pool call costs more than the write itself
 * and a materialization used to make a dozen of them one after the other.
 */
function syncDescriptor(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

/** Creates `file` (which must not exist) with `text`, on disk before this resolves. */
async function writeSynced(file: string, text: string): Promise<void> {
  const fd = openSync(file, "wx");
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

/** Writes `text` to `file` atomically: a reader sees the old file or the new one, never a mix. */
async function replaceAtomically(file: string, text: string): Promise<void> {
  makeStateDirSync(path.dirname(file));
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
  makeStateDirSync(path.dirname(file));
  const bytes = Buffer.from(`\n${lines.join("\n")}\n`);
  const fd = openSync(file, "a");
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

/** A log's text, or undefined when nothing was ever appended to it. */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unreadable(file, error);
  }
}

/** Why a ledger file could not be read at all (a directory in its place, no permission). */
function unreadableFile(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  return undefined;
}

/** The names in a folder; none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw unreadable(dir, error);
  }
}

export class LocalLedger implements Ledger {
  readonly description: string;
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
    } = {},
  ) {
    this.description = options.description ?? dir;
  }

  /** Adds a problem found while opening the ledger (see adopt-local.ts). */
  note(problem: LedgerProblem): void {
    this.problem(problem.path, problem.message);
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
  private listed = new Map<string, Promise<Set<string>>>();

  private async mayHave(section: "materializations" | "failures", asset: string): Promise<boolean> {
    let names = this.listed.get(section);
    if (!names) {
      names = listDir(path.join(this.dir, section)).then((list) => new Set(list));
      this.listed.set(section, names);
    }
    return (await names).has(asset);
  }

  private async wrote(section: "materializations" | "failures", asset: string): Promise<void> {
    (await this.listed.get(section))?.add(asset);
  }

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    const dir = path.join(this.dir, "materializations", asset);
    const records: MaterializationRecord[] = [];
    if (!(await this.mayHave("materializations", asset))) return records;
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const named = versionFileName(name);
      if (named.kind !== "version") {
        this.problem(file, named.message, named.fix);
        continue;
      }
      const data = await this.readJson(file);
      if (data === undefined) continue;
      const parsed = parseMaterialization(data, { asset, version: named.version });
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.version - b.version);
  }

  /** The versions whose record files are listed (readable or not). */
  private async listedVersions(asset: string): Promise<number[]> {
    if (!(await this.mayHave("materializations", asset))) return [];
    const versions: number[] = [];
    for (const name of await listDir(path.join(this.dir, "materializations", asset))) {
      const version = versionOfFile(name);
      if (version !== undefined) versions.push(version);
    }
    return versions;
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

  async materialization(asset: string, version: number): Promise<MaterializationRecord | undefined> {
    const file = path.join(this.dir, "materializations", asset, `v${version}.json`);
    const data = await this.readJson(file);
    if (data === undefined) return undefined;
    return this.checkedRecord(file, data, asset, version);
  }

  private checkedRecord(
    file: string,
    data: unknown,
    asset: string,
    version: number,
  ): MaterializationRecord | undefined {
    const parsed = parseMaterialization(data, { asset, version });
    if (parsed.ok) return parsed.value;
    this.problem(file, parsed.error);
    return undefined;
  }

  async recordIntact(asset: string, version: number): Promise<boolean> {
    const checked = this.options.checked;
    const readWhole = async () => (await this.materialization(asset, version)) !== undefined;
    if (!checked) return readWhole();
    const file = path.join(this.dir, "materializations", asset, `v${version}.json`);
    let text: string;
    try {
      text = readText(file);
    } catch {
      return readWhole(); // absent or unreadable: reported as materialization() reports it
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return true;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problem(file, `not valid JSON (${(error as Error).message})`);
      return false;
    }
    if (!this.checkedRecord(file, data, asset, version)) return false;
    checked.add(digest);
    return true;
  }

  async series(record: MaterializationRecord): Promise<SeriesPoint[]> {
    if (!record.seriesFile) return record.series;
    const file = path.join(this.dir, record.seriesFile.path);
    let text: string | undefined;
    try {
      text = await readIfPresent(file);
    } catch (error) {
      this.problem(file, String((error as Error).message));
      return [];
    }
    if (text === undefined) {
      this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
      return [];
    }
    const { points, problems } = parseSeriesText(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return points;
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    const dir = path.join(this.dir, "failures", asset);
    const records: FailureRecord[] = [];
    if (!(await this.mayHave("failures", asset))) return records;
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const data = await this.readJson(file);
      if (data === undefined) continue;
      const parsed = parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  }

  async recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    const dir = path.join(this.dir, "materializations", record.asset);
    makeStateDirSync(dir);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    let version = nextVersion(await listDir(dir), named);
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
        linkSync(temp, path.join(dir, `v${version}.json`));
        // The head after the record: a kill in between leaves a record without a head (derived
        // by the next reader), never a head without its record.
        await appendLines(path.join(this.dir, headsPath(record.asset)), [headLine(full)], {
          durable: false,
        });
        return full;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        // Another writer claimed it first: take the next number (bounded: nextVersion refuses
        // numbers past MAX_VERSION, so this never loops on a number a double cannot count past).
        version = nextVersion([`v${version}.json`]);
      } finally {
        unlinkSync(temp);
      }
    }
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
              fix: `move it aside and put back the alias log from a backup (or the ledger branch's history); \`kiln aliases ${asset}\` then shows what Kiln reads`,
            },
          ],
        };
      }
    }
    if (text === undefined) return { events: [], damage: [] };
    const { events, problems } = parseAliasLog(text, asset);
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

  async moveAlias(request: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    const event: AliasEvent = { ...request, at: request.at ?? new Date().toISOString(), id: randomUUID() };
    // Only a version with a record in place may take an alias: replay trusts every move it reads.
    if (event.to !== null && !(await this.materializations(event.asset)).some((r) => r.version === event.to))
      return false;
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
    const { locations, problems } = parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }

  async readCursor(scope: string): Promise<CursorState | undefined> {
    const file = path.join(this.dir, cursorPath(scope));
    const text = await readIfPresent(file);
    if (text === undefined) return undefined;
    const parsed = parseCursor(text);
    if (!parsed.ok) {
      this.problem(file, `${parsed.error}; the automation cursors start over`);
      return undefined;
    }
    return parsed.value;
  }

  async writeCursor(state: CursorState): Promise<void> {
    await replaceAtomically(
      path.join(this.dir, cursorPath(state.scope)),
      `${JSON.stringify(state, null, 2)}\n`,
    );
  }
}
export { scopeFileName } from "./layout.js";
