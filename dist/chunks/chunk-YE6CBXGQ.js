import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ALIASES_FOLDER,
  HEAD_LINE_FIX,
  HeadLog,
  PACKED_SERIES_MAX_BYTES,
  PACK_FIX,
  PROJECTS_DIR,
  RECORD_SCHEMA,
  aliasPath,
  blockOf,
  blockRange,
  buildPacks,
  classifyEntries,
  completedBlocks,
  crashPoint,
  cursorOf,
  cursorPath,
  cursorPaths,
  failurePath,
  hasGappedBlock,
  headLine,
  headOf,
  headsPath,
  holdersWithRecords,
  isLegacyEntry,
  listedVersions,
  locationsPath,
  nextVersion,
  packBlock,
  parseAliasLog,
  parseFailure,
  parseHeadLog,
  parseLocationLog,
  parseMaterialization,
  parseRecordPack,
  parseSeriesPack,
  parseSeriesText,
  projectDir,
  reconcileHeads,
  recordPackPath,
  remember,
  separateSeries,
  seriesPackPath,
  versionFileName,
  versionOfFile,
  withDerived
} from "./chunk-WIFSPINL.js";
import {
  missingHolderDamage,
  replayAliases,
  unreadableLineDamage
} from "./chunk-PNMKFYGG.js";
import {
  Folder
} from "./chunk-7CZ7Y2OC.js";
import {
  UserError,
  filesNamed,
  fromSystemError,
  isSystemError,
  remoteUrl,
  repoRoot
} from "./chunk-IL3SHYLP.js";
import {
  MANIFEST_NAMES,
  cacheFile,
  cacheStamp,
  readCacheText,
  writeCacheText
} from "./chunk-H2WSXFTE.js";
import {
  sha256
} from "./chunk-LR43NXA7.js";
import {
  KILN_DIR_NAME,
  makeStateDirSync
} from "./chunk-FICLRJIW.js";

// src/ledger/open.ts
import path4 from "node:path";

// src/ledger/adopt-local.ts
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path3 from "node:path";

// src/ledger/local.ts
import { randomUUID } from "node:crypto";
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  openSync as openSync2,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync
} from "node:fs";
import path2 from "node:path";

// src/paths/state-file.ts
import { fsync, openSync } from "node:fs";
import path from "node:path";
function syncDescriptor(fd) {
  return new Promise((resolve, reject) => fsync(fd, (error) => error ? reject(error) : resolve()));
}
function openInStateDir(file, flags) {
  try {
    return openSync(file, flags);
  } catch (error) {
    const code = error.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    makeStateDirSync(path.dirname(file));
    return openSync(file, flags);
  }
}

// src/ledger/local.ts
async function writeSynced(file, text) {
  const fd = openInStateDir(file, "wx");
  try {
    writeFileSync(fd, text);
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
async function copySynced(source, file) {
  copyFileSync(source, file, constants.COPYFILE_EXCL);
  const fd = openSync2(file, "r+");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
async function writeOnce(file, content) {
  if (existsSync(file)) return;
  makeStateDirSync(path2.dirname(file));
  const temp = path2.join(path2.dirname(file), `.tmp-${randomUUID()}`);
  if (typeof content === "string") await writeSynced(temp, content);
  else await copySynced(content.file, temp);
  try {
    linkSync(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
}
async function placeOnce(file, text) {
  makeStateDirSync(path2.dirname(file));
  const temp = path2.join(path2.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  try {
    linkSync(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return readIfExists(file) === text;
  } finally {
    unlinkSync(temp);
  }
  const fd = openSync2(path2.dirname(file), "r");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}
function readIfExists(file) {
  try {
    return readText(file);
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
function removeIfPresent(file) {
  try {
    unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}
async function replaceAtomically(file, text) {
  const temp = path2.join(path2.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  renameSync(temp, file);
}
async function appendLines(file, lines, options) {
  const bytes = Buffer.from(`
${lines.join("\n")}
`);
  const fd = openInStateDir(file, "a");
  try {
    const bytesWritten = writeSync(fd, bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short append to ${file}: the disk may be full`);
    if (options.durable) await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
function unreadable(file, error) {
  if (!isSystemError(error)) return error;
  const { message } = fromSystemError(error);
  return new UserError(
    `cannot read the ledger file ${file}: ${message.replace(/^cannot \w+ [^:]*: |^\w+ failed: /, "")}`,
    "run `kiln doctor`: it checks the ledger and says how to repair it"
  );
}
function readText(file) {
  return readFileSync(file, "utf8");
}
var HEAD_LOG_END = 4096;
function readLogEnd(file, bytes) {
  let fd;
  try {
    fd = openSync2(file, "r");
  } catch (error) {
    if (error.code === "ENOENT") return { whole: "" };
    throw unreadable(file, error);
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(size, bytes));
    const read = readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    if (size <= bytes) return { whole: buffer.toString("utf8", 0, read) };
    const start = buffer.indexOf(10);
    return {
      end: start < 0 ? "" : buffer.toString("utf8", start + 1, read),
      readWhole: () => {
        try {
          return readIfExists(file) ?? "";
        } catch (error) {
          throw unreadable(file, error);
        }
      }
    };
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}
async function readIfPresent(file) {
  try {
    return readIfExists(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}
function unreadableFile(error) {
  const code = error.code;
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  return void 0;
}
async function listDir(dir) {
  return listDirNow(dir);
}
function listDirNow(dir) {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw unreadable(dir, error);
  }
}
var LocalLedger = class {
  /**
   * `dir` is the ledger folder itself: a project's namespace, normally
   * `<root>/.kiln/ledger/projects/<name>` (see open.ts).
   */
  constructor(dir, options = {}) {
    this.dir = dir;
    this.options = options;
    this.description = options.description ?? dir;
    this.files = new Folder(dir);
  }
  dir;
  options;
  description;
  /** `dir`, for the paths reads make per asset (see paths/join.ts). */
  files;
  found = [];
  reported = /* @__PURE__ */ new Set();
  /** Adds a problem found while opening the ledger (see adopt-local.ts) or by a reader thread. */
  note(problem) {
    this.problem(problem.path, problem.message, problem.fix);
  }
  async readerSpec() {
    return { kind: "local", dir: this.dir, description: this.description };
  }
  problem(file, message, fix) {
    const key = `${file}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === void 0 ? { path: file, message } : { path: file, message, fix });
  }
  problems() {
    return [...this.found];
  }
  async readJson(file) {
    try {
      return JSON.parse(readText(file));
    } catch (error) {
      this.problem(
        file,
        error instanceof SyntaxError ? `not valid JSON (${error.message})` : unreadableFile(error) ?? String(error.message)
      );
      return void 0;
    }
  }
  /**
   * Asset folders under materializations/ and failures/ as listed once by this process. A status
   * of thousands of assets, most never built, would otherwise list thousands of missing folders.
   * Only absence is remembered, and this process's own writes add to it; another process's first
   * record of an asset shows from the next command on.
   */
  listed = /* @__PURE__ */ new Map();
  mayHave(section, asset) {
    let names = this.listed.get(section);
    if (!names) {
      names = new Set(listDirNow(this.files.join(section)));
      this.listed.set(section, names);
    }
    return names.has(asset);
  }
  async wrote(section, asset) {
    this.listed.get(section)?.add(asset);
  }
  /**
   * The highest version number this ledger saw taken in an asset's folder, listed or written by
   * itself: a write claims the number after it without listing the folder again. Numbers only
   * grow, so one another process took since is met by link(2)'s EEXIST and the next is tried, as
   * when a listing is a moment old.
   */
  highestTaken = /* @__PURE__ */ new Map();
  sawTaken(asset, version) {
    if (version > (this.highestTaken.get(asset) ?? 0)) this.highestTaken.set(asset, version);
  }
  /** The record files and packs of an asset's folder; names that are neither are reported. */
  async listRecords(asset) {
    return this.listRecordsNow(asset);
  }
  /**
   * listRecords, answered synchronously: every read here is synchronous (a thread-pool round trip
   * cost more than the read), and a status of thousands of assets paid a promise per step.
   */
  listRecordsNow(asset) {
    if (!this.mayHave("materializations", asset)) return classifyEntries([], versionOfFile);
    const dir = this.files.join("materializations", asset);
    const memo = this.options.memo;
    const stamp = memo?.stamp(dir);
    let listing = stamp && memo.listing(asset, stamp);
    if (!listing) {
      listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (let again = 0; again < 2 && hasGappedBlock(listing); again++)
        listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(path2.join(dir, name), named.message, named.fix);
      }
      if (stamp && !hasGappedBlock(listing)) memo.noteListing(asset, stamp, listing);
    }
    for (const version of listing.loose.keys()) this.sawTaken(asset, version);
    for (const block of listing.packs) this.sawTaken(asset, blockRange(block).last);
    this.lastListing.set(asset, listing);
    return listing;
  }
  /** Each asset's newest listing by this process (see recordIntact). */
  lastListing = /* @__PURE__ */ new Map();
  async materializations(asset) {
    const listing = await this.listRecords(asset);
    const records = [];
    for (const version of listedVersions(listing)) {
      const record = await this.readRecord(asset, version, listing.packs.has(blockOf(version)));
      if (record) records.push(record);
    }
    return records;
  }
  /** The versions whose records are listed, loose or packed (readable or not). */
  async listedVersions(asset) {
    return listedVersions(this.listRecordsNow(asset));
  }
  async heads(asset) {
    const listed = await this.listedVersions(asset);
    if (listed.length === 0) return [];
    const file = path2.join(this.dir, headsPath(asset));
    const parsed = parseHeadLog(await readIfPresent(file) ?? "");
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listed);
    if (missing.length === 0) return heads;
    const derived = (await Promise.all(missing.map((v) => this.materialization(asset, v)))).filter(
      (r) => r !== void 0
    );
    if (derived.length > 0)
      await appendLines(file, derived.map(headLine), { durable: false }).catch(() => {
      });
    return withDerived(heads, derived);
  }
  async headLog(asset) {
    const listed = listedVersions(this.listRecordsNow(asset));
    if (listed.length === 0) return HeadLog.of([]);
    const file = this.files.join(headsPath(asset));
    const memo = this.options.memo;
    const stamp = memo?.stamp(file);
    const known = stamp && memo.heads(asset, stamp);
    return HeadLog.index(
      known ? () => readLogEnd(file, HEAD_LOG_END) : readLogEnd(file, HEAD_LOG_END),
      listed,
      {
        known,
        used: stamp && ((head) => memo.useHead(asset, stamp, head)),
        problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
        derive: async (version) => {
          const record = await this.materialization(asset, version);
          if (!record) return void 0;
          await appendLines(file, [headLine(record)], { durable: false }).catch(() => {
          });
          return headOf(record);
        }
      }
    );
  }
  /**
   * Packs read by this ledger: immutable once written, so kept (a few, most recent last) for the
   * next version of the same block; the site reads a block's versions one after the other.
   */
  recordPacks = /* @__PURE__ */ new Map();
  seriesPacks = /* @__PURE__ */ new Map();
  /** The records pack of a block, or undefined when the block is not packed. */
  recordPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.recordPacks.get(key);
    if (cached) return cached;
    const file = path2.join(this.dir, recordPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseRecordPack(
      text,
      asset,
      block,
      (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX)
    );
    remember(this.recordPacks, key, pack, 8);
    return pack;
  }
  seriesPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.seriesPacks.get(key);
    if (cached) return cached;
    const file = path2.join(this.dir, seriesPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseSeriesPack(text, (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX));
    remember(this.seriesPacks, key, pack, 4);
    return pack;
  }
  /** A pack's text; undefined when there is none (an unreadable one is reported). */
  readPackText(file) {
    if (!existsSync(file)) return void 0;
    try {
      return readText(file);
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      this.problem(file, unreadableFile(error) ?? String(error.message), PACK_FIX);
      return void 0;
    }
  }
  async materialization(asset, version) {
    return this.readRecord(asset, version, void 0);
  }
  /**
   * One record, from its block's pack or its loose file. `packed` says what a listing showed
   * (undefined: not listed): a packed block is read from its pack, whose copy is identical to the
   * loose file a crash may have left beside it. The loose file is read otherwise; when it is gone,
   * another process packed the block since (it writes the pack before removing loose files).
   */
  async readRecord(asset, version, packed) {
    const block = blockOf(version);
    if (packed !== false) {
      const fromPack = this.recordPack(asset, block)?.record(version);
      if (fromPack) return fromPack;
    }
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code === "ENOENT") {
        const pack = this.recordPack(asset, block);
        const fromPack = pack?.record(version);
        if (fromPack) return fromPack;
        if (pack) return void 0;
      }
      this.problem(file, unreadableFile(error) ?? String(error.message));
      return void 0;
    }
    return this.recordFromText(file, text, asset, version);
  }
  /** A loose record file's text, parsed and checked; undefined (reported) when it is not that record. */
  recordFromText(file, text, asset, version) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problem(file, `not valid JSON (${error.message})`);
      return void 0;
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (parsed.ok) return parsed.value;
    this.problem(file, parsed.error);
    return void 0;
  }
  async recordIntact(asset, version) {
    const memo = this.options.memo;
    const listing = this.lastListing.get(asset);
    const block = blockOf(version);
    const from = listing?.packs.has(block) ? this.files.join(recordPackPath(asset, block)) : listing?.loose.has(version) ? this.files.join("materializations", asset, `v${version}.json`) : void 0;
    const stamp = from === void 0 ? void 0 : memo?.stamp(from);
    if (stamp && memo.intact(asset, version, stamp)) return true;
    if (stamp && listing?.packs.has(block)) this.recordPacks.delete(`${asset}\0${block}`);
    const { intact, source } = await this.checkIntact(asset, version, listing);
    if (intact && stamp && source === from) memo.noteIntact(asset, version, stamp);
    return intact;
  }
  /** Whether the record reads, and the file that gave it when it was one file read whole. */
  async checkIntact(asset, version, listing) {
    const checked = this.options.checked;
    const readWhole = async () => ({ intact: await this.materialization(asset, version) !== void 0 });
    if (!checked) return readWhole();
    const block = blockOf(version);
    const listedLoose = listing?.loose.has(version) && !listing.packs.has(block);
    if (!listedLoose && this.recordPack(asset, block)?.record(version))
      return { intact: true, source: this.files.join(recordPackPath(asset, block)) };
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch {
      return readWhole();
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return { intact: true, source: file };
    if (!this.recordFromText(file, text, asset, version)) return { intact: false };
    checked.add(digest);
    return { intact: true, source: file };
  }
  async series(record) {
    if (!record.seriesFile) return record.series;
    const wanted = record.seriesFile.path;
    const packed = this.seriesPack(record.asset, blockOf(record.version))?.get(record.version);
    if (packed?.path === wanted) return packed.points;
    const file = path2.join(this.dir, wanted);
    let text;
    try {
      text = await readIfPresent(file);
    } catch (error) {
      this.problem(file, String(error.message));
      return [];
    }
    if (text === void 0) {
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
  async seriesInPacks(asset, wanted) {
    for (const name of await listDir(path2.join(this.dir, "series", asset))) {
      const block = packBlock(name);
      if (block === void 0) continue;
      const points = this.seriesPack(asset, block)?.find(wanted);
      if (points) return points;
    }
    return void 0;
  }
  async failures(asset) {
    const records = [];
    if (!this.mayHave("failures", asset)) return records;
    const dir = this.files.join("failures", asset);
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path2.join(dir, name);
      const data = await this.readJson(file);
      if (data === void 0) continue;
      const parsed = parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  }
  /**
   * The head and the packing of a claimed record. The version is recorded once its file is
   * linked: a failure here (a full disk, a heads log that cannot be appended) loses nothing the
   * next reader cannot derive from the record, so it is reported as a problem, never as a failed
   * version (and never taken for a lost claim, which would record the version again).
   */
  async afterClaim(full) {
    const heads = path2.join(this.dir, headsPath(full.asset));
    try {
      await appendLines(heads, [headLine(full)], { durable: false });
      await this.packCompleted(full.asset, full.version);
    } catch (error) {
      this.problem(
        heads,
        `v${full.version} was recorded, but its head or pack could not be written (${error.message}); readers derive it from the record`
      );
    }
  }
  async recordMaterialization(record) {
    const dir = path2.join(this.dir, "materializations", record.asset);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    const taken = this.highestTaken.get(record.asset);
    let version = nextVersion(taken === void 0 ? await listDir(dir) : [], [...named, taken ?? 0]);
    const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
    if (separated.series)
      await writeOnce(
        path2.join(this.dir, separated.series.path),
        separated.series.text ?? { file: separated.series.file }
      );
    for (; ; ) {
      const full = { ...separated.record, version };
      const temp = path2.join(dir, `.tmp-${randomUUID()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}
`);
      try {
        const target = path2.join(dir, `v${version}.json`);
        linkSync(temp, target);
        if (existsSync(path2.join(this.dir, recordPackPath(record.asset, blockOf(version))))) {
          removeIfPresent(target);
          version = nextVersion(await listDir(dir), named);
          continue;
        }
        this.sawTaken(record.asset, version);
        await this.afterClaim(full);
        return full;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
        version = nextVersion([...await listDir(dir), `v${version}.json`], named);
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
  async packCompleted(asset, highest) {
    const blocks = completedBlocks(highest);
    if (blocks === 0) return;
    try {
      const listing = classifyEntries(
        await listDir(path2.join(this.dir, "materializations", asset)),
        versionOfFile
      );
      for (let block = 0; block < blocks; block++) {
        const { first, last } = blockRange(block);
        const loose = [];
        for (let v = first; v <= last; v++) if (listing.loose.has(v)) loose.push(v);
        if (loose.length === 0) continue;
        if (listing.packs.has(block)) this.removeLeftovers(asset, block, loose);
        else if (loose.length === last - first + 1) await this.packBlock(asset, block);
      }
    } catch (error) {
      if (!isSystemError(error)) throw error;
    }
  }
  /**
   * Writes the packs of a completed block, then removes the loose files they hold. Another process
   * may pack the same block at the same time: both build the same bytes, the second link finds the
   * first's pack and compares it, and a loose file the other already removed ends this one's try.
   */
  async packBlock(asset, block) {
    const dir = path2.join(this.dir, "materializations", asset);
    const { first, last } = blockRange(block);
    const loose = [];
    for (let version = first; version <= last; version++) {
      const text = readIfExists(path2.join(dir, `v${version}.json`));
      if (text === void 0) return;
      loose.push({ version, text });
    }
    const built = buildPacks(asset, block, loose, (file) => {
      const full = path2.join(this.dir, file);
      try {
        return statSync(full).size > PACKED_SERIES_MAX_BYTES ? void 0 : readText(full);
      } catch {
        return void 0;
      }
    });
    if (!built.ok) return;
    const { records, series } = built.value;
    if (series && !await placeOnce(path2.join(this.dir, seriesPackPath(asset, block)), series.text)) return;
    if (!await placeOnce(path2.join(this.dir, recordPackPath(asset, block)), records)) return;
    for (let version = first; version <= last; version++) removeIfPresent(path2.join(dir, `v${version}.json`));
    for (const file of series?.paths ?? []) removeIfPresent(path2.join(this.dir, file));
  }
  /** Loose files a kill left beside a whole pack (identical copies): removed once the pack reads whole. */
  removeLeftovers(asset, block, loose) {
    const pack = this.recordPack(asset, block);
    if (!pack?.whole()) return;
    const series = this.seriesPack(asset, block);
    if (series && !series.whole()) return;
    const dir = path2.join(this.dir, "materializations", asset);
    for (const version of loose) removeIfPresent(path2.join(dir, `v${version}.json`));
    for (const file of series?.paths() ?? []) removeIfPresent(path2.join(this.dir, file));
  }
  async recordFailure(record) {
    const full = { schema: RECORD_SCHEMA, ...record };
    const file = path2.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}
`);
    await this.wrote("failures", record.asset);
    return full;
  }
  aliasFile(asset) {
    return path2.join(this.dir, aliasPath(asset));
  }
  /** The readable events of an asset's alias log and the damage of the rest. */
  async readAliasLog(asset) {
    const file = this.aliasFile(asset);
    if (!existsSync(file)) return { events: [], damage: [] };
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code !== "ENOENT") {
        const why = unreadableFile(error);
        if (!why) throw unreadable(file, error);
        return {
          events: [],
          damage: [
            {
              path: file,
              message: `${why}: the alias history of ${asset} cannot be read, so promotion of ${asset} stops`,
              fix: `move it aside and put back the alias log from a backup (or the ledger branch's history); \`kiln aliases ${asset}\` then shows what Kiln reads`
            }
          ]
        };
      }
    }
    if (text === void 0) return { events: [], damage: [] };
    const { events, problems } = parseAliasLog(text, asset);
    return {
      events,
      damage: problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message))
    };
  }
  async aliasState(asset) {
    const log = await this.readAliasLog(asset);
    if (log.events.length === 0 && log.damage.length === 0) return { history: [], damage: [] };
    const listed = new Set(await this.listedVersions(asset));
    const versions = await holdersWithRecords(log.events, listed, (v) => this.materialization(asset, v));
    const { effective, missing } = replayAliases(log.events, versions);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.aliasFile(asset), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    return { history: effective, damage };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async aliasedAssets() {
    const logs = await listDir(path2.join(this.dir, ALIASES_FOLDER));
    return new Set(
      logs.filter((name) => name.endsWith(".jsonl")).map((name) => name.slice(0, -".jsonl".length))
    );
  }
  async moveAlias(request) {
    const event = { ...request, at: request.at ?? (/* @__PURE__ */ new Date()).toISOString(), id: randomUUID() };
    if (event.to !== null) {
      const listing = await this.listRecords(event.asset);
      const packed = listing.packs.has(blockOf(event.to));
      if (!packed && !listing.loose.has(event.to)) return false;
      if (!await this.readRecord(event.asset, event.to, packed)) return false;
    }
    await appendLines(this.aliasFile(request.asset), [JSON.stringify(event)], { durable: true });
    crashPoint("during-alias");
    const history = await this.aliasHistory(request.asset);
    return history.some((e) => e.id === event.id);
  }
  async addLocations(asset, version, locations) {
    if (locations.length === 0) return;
    await appendLines(
      path2.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
      { durable: true }
    );
  }
  async locations(asset, version) {
    const file = path2.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === void 0) return [];
    const { locations, problems } = parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }
  async readCursor(scope) {
    for (const at of cursorPaths(scope)) {
      const file = path2.join(this.dir, at);
      const text = await readIfPresent(file);
      if (text === void 0) continue;
      return cursorOf(scope, text, (message) => this.problem(file, message));
    }
    return void 0;
  }
  async writeCursor(state) {
    await replaceAtomically(
      path2.join(this.dir, cursorPath(state.scope)),
      `${JSON.stringify(state, null, 2)}
`
    );
  }
};

// src/ledger/adopt-local.ts
var OWNER_FILE = ".legacy-owner";
async function claim(file, project) {
  try {
    const handle = await open(file, "wx");
    try {
      await handle.writeFile(`${project}
`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return project;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return (await readFile(file, "utf8")).trim();
  }
}
async function adoptLocalLegacy(base, project) {
  const legacy = (await listDir(base)).filter(isLegacyEntry);
  if (legacy.length === 0) return [];
  await mkdir(path3.join(base, PROJECTS_DIR), { recursive: true });
  const owner = await claim(path3.join(base, PROJECTS_DIR, OWNER_FILE), project);
  if (owner !== project) {
    return legacy.map((name) => ({
      path: path3.join(base, name),
      message: `left from before projects existed and adopted by project ${owner}; project ${project} does not read it`
    }));
  }
  const target = path3.join(base, projectDir(project));
  await mkdir(target, { recursive: true });
  const problems = [];
  for (const name of legacy) {
    try {
      await rename(path3.join(base, name), path3.join(target, name));
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT") continue;
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") {
        problems.push({
          path: path3.join(base, name),
          message: `from before projects existed, but ${path3.join(target, name)} exists already; not read (merge it by hand if it is this project's)`
        });
        continue;
      }
      throw error;
    }
  }
  return problems;
}

// src/ledger/checked-records.ts
var FORMAT = 1;
var CheckedRecords = class {
  constructor(kilnDir, project) {
    this.kilnDir = kilnDir;
    this.project = project;
  }
  kilnDir;
  project;
  known;
  /** Digests asked about by this process, found intact: what the next file lists. */
  used = /* @__PURE__ */ new Set();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `checked-records-${encodeURIComponent(this.project)}.txt`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.known) {
      const lines = (readCacheText(this.file) ?? "").split("\n");
      this.known = lines[0] === cacheStamp(FORMAT) ? new Set(lines.slice(1)) : /* @__PURE__ */ new Set();
    }
    return this.known;
  }
  digest(asset, version, text) {
    return sha256(`${asset}\0${version}\0${text}`);
  }
  /** Whether these exact bytes were found intact before. */
  has(digest) {
    if (!this.load().has(digest)) return false;
    this.used.add(digest);
    return true;
  }
  /** Notes bytes just parsed and checked; the file is rewritten once the current burst of reads is done. */
  add(digest) {
    this.load().add(digest);
    this.used.add(digest);
    this.learned = true;
    this.saveSoon();
  }
  save() {
    if (!this.learned) return;
    this.learned = false;
    const known = this.load();
    const kept = known.size > 2 * this.used.size + 100 ? this.used : known;
    writeCacheText(this.kilnDir, this.file, `${cacheStamp(FORMAT)}
${[...kept].join("\n")}`);
  }
};
function onceAfterBurst(save) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      save();
    });
  };
}

// src/ledger/read-memo.ts
import { rmSync, statSync as statSync2 } from "node:fs";
var FORMAT2 = 1;
var RACY_MS = 3e3;
var SKEW_MS = 1e3;
var LedgerReadMemo = class {
  constructor(kilnDir, project, racyMs = RACY_MS) {
    this.kilnDir = kilnDir;
    this.project = project;
    this.racyMs = racyMs;
  }
  kilnDir;
  project;
  racyMs;
  kept;
  /** What this process read, by asset: replaces the kept entry's parts on save. */
  read = /* @__PURE__ */ new Map();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `ledger-reads-${encodeURIComponent(this.project)}.json`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.kept) {
      this.kept = /* @__PURE__ */ new Map();
      const text = readCacheText(this.file);
      if (text !== void 0) {
        try {
          const data = JSON.parse(text);
          if (data.stamp === cacheStamp(FORMAT2) && data.assets && typeof data.assets === "object")
            this.kept = new Map(Object.entries(data.assets));
        } catch {
        }
      }
    }
    return this.kept;
  }
  /**
   * The identity of `file` now, taken before it is read; undefined when it cannot be stat'd for
   * another reason than absence (the reader then reads it, and reports what it finds).
   */
  stamp(file) {
    const at = Date.now();
    let stats;
    try {
      stats = statSync2(file, { bigint: true, throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!stats) return { key: "absent", keep: false };
    const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    return { key, keep: Number(stats.ctimeNs / 1000000n) < at - this.racyMs };
  }
  noted(asset) {
    let entry = this.read.get(asset);
    if (!entry) {
      entry = {};
      this.read.set(asset, entry);
    }
    return entry;
  }
  learn() {
    this.learned = true;
    this.saveSoon();
  }
  /** The listing read from the asset's folder when it had identity `stamp`. */
  listing(asset, stamp) {
    const kept = this.load().get(asset)?.listing;
    if (kept?.stamp !== stamp.key) return void 0;
    this.noted(asset).listing = kept;
    return { loose: new LooseRanges(kept.loose), packs: new Set(kept.packs), foreign: [] };
  }
  /** Notes a listing read after the folder was stat'd (one with foreign names is not kept: they are reported each time). */
  noteListing(asset, stamp, listing) {
    if (!stamp.keep || listing.foreign.length > 0) return;
    const loose = [];
    for (const version of listedVersions({ ...listing, packs: /* @__PURE__ */ new Set() })) {
      if (loose.length > 0 && loose.at(-1) === version - 1) loose[loose.length - 1] = version;
      else loose.push(version, version);
    }
    this.noted(asset).listing = { stamp: stamp.key, loose, packs: [...listing.packs].sort((a, b) => a - b) };
    this.learn();
  }
  /** The heads read from the asset's heads log when it had identity `stamp`. */
  heads(asset, stamp) {
    const kept = this.load().get(asset)?.heads;
    return kept?.stamp === stamp.key ? kept.heads : void 0;
  }
  /** Notes a head a lookup answered with, read from the log stat'd as `stamp` (or known from it). */
  useHead(asset, stamp, head) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    if (entry.heads?.stamp !== stamp.key) entry.heads = { stamp: stamp.key, heads: [] };
    if (entry.heads.heads.some((h) => h.version === head.version)) return;
    entry.heads.heads.push(head);
    if (!this.load().get(asset)?.heads?.heads.some((h) => h.version === head.version))
      this.learn();
  }
  /** Whether the record of `version` was found intact in the file that has identity `stamp`. */
  intact(asset, version, stamp) {
    if (this.load().get(asset)?.intact?.[version] !== stamp.key) return false;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    return true;
  }
  /** Notes a record found intact in a file stat'd as `stamp` before it was read. */
  noteIntact(asset, version, stamp) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    this.learn();
  }
  /**
   * Writes what this process read in place of what was kept for the same assets (each part of an
   * entry on its own: a command that read only some of an asset keeps the rest); the others' entries
   * stay, still checked against their files when next used.
   */
  save() {
    if (!this.learned) return;
    this.learned = false;
    const assets = {};
    for (const [asset, entry] of this.load()) assets[asset] = entry;
    for (const [asset, entry] of this.read) assets[asset] = { ...assets[asset], ...entry };
    const start = Date.now();
    const before = statSync2(this.file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, this.file, JSON.stringify({ stamp: cacheStamp(FORMAT2), assets }));
    const written = statSync2(this.file, { throwIfNoEntry: false });
    if (written && written.ino !== before && written.mtimeMs < start - SKEW_MS)
      rmSync(this.file, { force: true });
  }
};
var LooseRanges = class {
  constructor(ranges) {
    this.ranges = ranges;
  }
  ranges;
  has(version) {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      if (version >= this.ranges[i] && version <= this.ranges[i + 1]) return true;
    return false;
  }
  get(version) {
    return this.has(version) ? `v${version}.json` : void 0;
  }
  *keys() {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      for (let v = this.ranges[i]; v <= this.ranges[i + 1]; v++) yield v;
  }
};

// src/ledger/open.ts
async function topLevel(options) {
  return options.gitRoot === void 0 ? repoRoot(options.root) : options.gitRoot ?? void 0;
}
async function onlyManifest(options) {
  const top = await topLevel(options);
  if (!top) return true;
  return (await filesNamed(top, MANIFEST_NAMES)).length <= 1;
}
async function remoteUrlOf(options, remote) {
  const top = await topLevel(options);
  if (top === void 0) return void 0;
  return remote === "origin" && options.originUrl ? options.originUrl() : remoteUrl(top, remote);
}
async function openLedger(options) {
  const remote = options.remote ?? "origin";
  const url = options.kind === "branch" || options.kind === "auto" && options.inActions === true ? await remoteUrlOf(options, remote) : void 0;
  if (options.kind === "branch" || options.kind === "auto" && url !== void 0) {
    const { openBranchLedger } = await import("./branch-PRLQYIDN.js");
    return openBranchLedger({
      root: options.root,
      gitRoot: options.gitRoot,
      remote,
      remoteUrl: url,
      branch: options.branch,
      project: options.project,
      token: options.token,
      // Asked only when the branch still has the old layout: listing manifests costs a git call.
      legacy: async () => options.legacy === "adopt" || await onlyManifest(options) ? "adopt" : "ignore"
    });
  }
  const base = path4.join(options.root, ".kiln", "ledger");
  const problems = await adoptLocalLegacy(base, options.project);
  const ledger = new LocalLedger(path4.join(base, projectDir(options.project)), {
    description: `${base} (project ${options.project})`,
    checked: new CheckedRecords(path4.join(options.root, KILN_DIR_NAME), options.project),
    memo: new LedgerReadMemo(path4.join(options.root, KILN_DIR_NAME), options.project)
  });
  for (const problem of problems) ledger.note(problem);
  return ledger;
}
async function openReader(spec) {
  if (spec.kind === "local") return new LocalLedger(spec.dir, { description: spec.description });
  const { BranchLedger } = await import("./branch-PRLQYIDN.js");
  return new BranchLedger({
    cwd: spec.cwd,
    remote: spec.remote,
    branch: spec.branch,
    project: spec.project,
    at: { tip: spec.tip }
  });
}

export {
  syncDescriptor,
  openInStateDir,
  LocalLedger,
  openLedger,
  openReader
};
