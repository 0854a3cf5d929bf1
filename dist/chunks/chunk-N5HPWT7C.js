import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  HEAD_LINE_FIX,
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
  cursorPath,
  failurePath,
  hasGappedBlock,
  hasRemote,
  headLine,
  headsPath,
  holdersWithRecords,
  isLegacyEntry,
  listedVersions,
  locationsPath,
  missingHolderDamage,
  nextVersion,
  packBlock,
  parseAliasLog,
  parseCursor,
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
  replayAliases,
  separateSeries,
  seriesPackPath,
  unreadableLineDamage,
  versionFileName,
  versionOfFile,
  withDerived
} from "./chunk-JAI5KS4O.js";
import {
  moveInto
} from "./chunk-5KQUMPKL.js";
import {
  DEFAULT_PROMOTING_BRANCHES,
  MANIFEST_NAMES,
  cacheFile,
  cacheStamp,
  closest,
  readCacheText,
  writeCacheText
} from "./chunk-GW6L3DRJ.js";
import {
  ancestryOf,
  currentBranch,
  filesNamed,
  headCommit,
  remoteDefaultBranch,
  remoteUrl,
  repoRoot
} from "./chunk-O4X6H4ZD.js";
import {
  KILN_DIR_NAME,
  insideOrThrow,
  kilnDir,
  makeStateDir,
  makeStateDirSync,
  resolveInside
} from "./chunk-JKHZKIAG.js";
import {
  UserError,
  fromSystemError,
  isSystemError
} from "./chunk-XWO3MBIM.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/github/context.ts
init_define_KILN_SITE_CLIENT();
import { readFileSync } from "node:fs";
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function readGitHubContext(env, readEvent = (p) => readFileSync(p, "utf8")) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    return {
      ok: false,
      message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}; expected owner/repo, as GitHub Actions sets it.`
    };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) {
    return {
      ok: false,
      message: `GITHUB_RUN_ID is ${runId ? `"${runId}"` : "not set"}; expected the numeric run id GitHub Actions sets.`
    };
  }
  let event = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
      if (parsed && typeof parsed === "object") event = parsed;
    } catch (error) {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${error.message}`
      };
    }
  }
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || "https://github.com");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  return {
    ok: true,
    context: {
      repository,
      owner,
      repo,
      serverUrl,
      apiUrl: trimSlash(env.GITHUB_API_URL || "https://api.github.com"),
      runId,
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT || 1),
      runUrl: runUrlOf(serverUrl, repository, runId),
      sha: env.GITHUB_SHA ?? "",
      ref,
      refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ""),
      headRef: env.GITHUB_HEAD_REF || void 0,
      baseRef: env.GITHUB_BASE_REF || void 0,
      eventName,
      actor: env.GITHUB_ACTOR || void 0,
      workflow: env.GITHUB_WORKFLOW || void 0,
      pullRequest: pullRequestOf(event, repository),
      schedule: eventName === "schedule" && typeof event.schedule === "string" ? event.schedule : void 0,
      event
    }
  };
}
function pullRequestOf(event, repository) {
  const pr = event.pull_request;
  if (!pr || typeof pr !== "object" || typeof pr.number !== "number") return void 0;
  const head = pr.head ?? {};
  const base = pr.base ?? {};
  const baseRepo = base.repo?.full_name ?? repository;
  const fromFork = head.repo === null || head.repo?.full_name !== void 0 && head.repo.full_name !== baseRepo;
  return {
    number: pr.number,
    headSha: head.sha ?? "",
    baseSha: base.sha ?? "",
    headRef: head.ref ?? "",
    baseRef: base.ref ?? "",
    fromFork
  };
}
function eventDefaultBranch(env, readEvent = (p) => readFileSync(p, "utf8")) {
  if (!inGitHubActions(env) || !env.GITHUB_EVENT_PATH) return void 0;
  try {
    const event = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    const branch = event?.repository?.default_branch;
    return typeof branch === "string" && branch ? branch : void 0;
  } catch {
    return void 0;
  }
}
function trimSlash(url) {
  return url.replace(/\/+$/, "");
}
function runUrlOf(serverUrl, repository, runId) {
  return `${trimSlash(serverUrl)}/${repository}/actions/runs/${runId}`;
}
function runUrlFromEnv(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return runUrlOf(env.GITHUB_SERVER_URL || "https://github.com", env.GITHUB_REPOSITORY, env.GITHUB_RUN_ID);
}

// src/app/workspace.ts
init_define_KILN_SITE_CLIENT();
import path6 from "node:path";

// src/ledger/open.ts
init_define_KILN_SITE_CLIENT();
import path3 from "node:path";

// src/ledger/adopt-local.ts
init_define_KILN_SITE_CLIENT();
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path2 from "node:path";

// src/ledger/local.ts
init_define_KILN_SITE_CLIENT();
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
  readFileSync as readFileSync2,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync
} from "node:fs";
import path from "node:path";
function syncDescriptor(fd) {
  return new Promise((resolve, reject) => fsync(fd, (error) => error ? reject(error) : resolve()));
}
async function writeSynced(file, text) {
  const fd = openSync(file, "wx");
  try {
    writeFileSync(fd, text);
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
async function copySynced(source, file) {
  copyFileSync(source, file, constants.COPYFILE_EXCL);
  const fd = openSync(file, "r+");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
async function writeOnce(file, content) {
  if (existsSync(file)) return;
  makeStateDirSync(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
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
  makeStateDirSync(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  try {
    linkSync(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return readIfExists(file) === text;
  } finally {
    unlinkSync(temp);
  }
  const fd = openSync(path.dirname(file), "r");
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
  makeStateDirSync(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  renameSync(temp, file);
}
async function appendLines(file, lines, options) {
  makeStateDirSync(path.dirname(file));
  const bytes = Buffer.from(`
${lines.join("\n")}
`);
  const fd = openSync(file, "a");
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
  return readFileSync2(file, "utf8");
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
  }
  dir;
  options;
  description;
  found = [];
  reported = /* @__PURE__ */ new Set();
  /** Adds a problem found while opening the ledger (see adopt-local.ts). */
  note(problem) {
    this.problem(problem.path, problem.message);
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
  async mayHave(section, asset) {
    let names = this.listed.get(section);
    if (!names) {
      names = listDir(path.join(this.dir, section)).then((list) => new Set(list));
      this.listed.set(section, names);
    }
    return (await names).has(asset);
  }
  async wrote(section, asset) {
    (await this.listed.get(section))?.add(asset);
  }
  /** The record files and packs of an asset's folder; names that are neither are reported. */
  async listRecords(asset) {
    if (!await this.mayHave("materializations", asset)) return classifyEntries([], versionOfFile);
    const dir = path.join(this.dir, "materializations", asset);
    let listing = classifyEntries(await listDir(dir), versionOfFile);
    for (let again = 0; again < 2 && hasGappedBlock(listing); again++)
      listing = classifyEntries(await listDir(dir), versionOfFile);
    for (const name of listing.foreign) {
      const named = versionFileName(name);
      if (named.kind !== "version") this.problem(path.join(dir, name), named.message, named.fix);
    }
    return listing;
  }
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
    return listedVersions(await this.listRecords(asset));
  }
  async heads(asset) {
    const listed = await this.listedVersions(asset);
    if (listed.length === 0) return [];
    const file = path.join(this.dir, headsPath(asset));
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
    const file = path.join(this.dir, recordPackPath(asset, block));
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
    const file = path.join(this.dir, seriesPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseSeriesPack(text);
    for (const p of pack.problems) this.problem(`${file}:${p.line}`, p.message, PACK_FIX);
    remember(this.seriesPacks, key, pack, 4);
    return pack;
  }
  /** A pack's text; undefined when there is none (an unreadable one is reported). */
  readPackText(file) {
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
    const file = path.join(this.dir, "materializations", asset, `v${version}.json`);
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
    const checked = this.options.checked;
    const readWhole = async () => await this.materialization(asset, version) !== void 0;
    if (!checked) return readWhole();
    if (this.recordPack(asset, blockOf(version))?.record(version)) return true;
    const file = path.join(this.dir, "materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch {
      return readWhole();
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return true;
    if (!this.recordFromText(file, text, asset, version)) return false;
    checked.add(digest);
    return true;
  }
  async series(record) {
    if (!record.seriesFile) return record.series;
    const wanted = record.seriesFile.path;
    const packed = this.seriesPack(record.asset, blockOf(record.version))?.series.get(record.version);
    if (packed?.path === wanted) return packed.points;
    const file = path.join(this.dir, wanted);
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
    for (const name of await listDir(path.join(this.dir, "series", asset))) {
      const block = packBlock(name);
      if (block === void 0) continue;
      for (const entry of this.seriesPack(asset, block)?.series.values() ?? [])
        if (entry.path === wanted) return entry.points;
    }
    return void 0;
  }
  async failures(asset) {
    const dir = path.join(this.dir, "failures", asset);
    const records = [];
    if (!await this.mayHave("failures", asset)) return records;
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const data = await this.readJson(file);
      if (data === void 0) continue;
      const parsed = parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  }
  async recordMaterialization(record) {
    const dir = path.join(this.dir, "materializations", record.asset);
    makeStateDirSync(dir);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    let version = nextVersion(await listDir(dir), named);
    const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
    if (separated.series)
      await writeOnce(
        path.join(this.dir, separated.series.path),
        separated.series.text ?? { file: separated.series.file }
      );
    for (; ; ) {
      const full = { ...separated.record, version };
      const temp = path.join(dir, `.tmp-${randomUUID()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}
`);
      try {
        const target = path.join(dir, `v${version}.json`);
        linkSync(temp, target);
        if (existsSync(path.join(this.dir, recordPackPath(record.asset, blockOf(version))))) {
          removeIfPresent(target);
          version = nextVersion(await listDir(dir), named);
          continue;
        }
        await appendLines(path.join(this.dir, headsPath(record.asset)), [headLine(full)], {
          durable: false
        });
        await this.packCompleted(record.asset, version);
        return full;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
        version = nextVersion([`v${version}.json`]);
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
        await listDir(path.join(this.dir, "materializations", asset)),
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
    const dir = path.join(this.dir, "materializations", asset);
    const { first, last } = blockRange(block);
    const loose = [];
    for (let version = first; version <= last; version++) {
      const text = readIfExists(path.join(dir, `v${version}.json`));
      if (text === void 0) return;
      loose.push({ version, text });
    }
    const built = buildPacks(asset, block, loose, (file) => {
      const full = path.join(this.dir, file);
      try {
        return statSync(full).size > PACKED_SERIES_MAX_BYTES ? void 0 : readText(full);
      } catch {
        return void 0;
      }
    });
    if (!built.ok) return;
    const { records, series } = built.value;
    if (series && !await placeOnce(path.join(this.dir, seriesPackPath(asset, block)), series.text)) return;
    if (!await placeOnce(path.join(this.dir, recordPackPath(asset, block)), records)) return;
    for (let version = first; version <= last; version++) removeIfPresent(path.join(dir, `v${version}.json`));
    for (const file of series?.paths ?? []) removeIfPresent(path.join(this.dir, file));
  }
  /** Loose files a kill left beside a whole pack (identical copies): removed once the pack reads whole. */
  removeLeftovers(asset, block, loose) {
    const pack = this.recordPack(asset, block);
    if (!pack?.whole()) return;
    const series = this.seriesPack(asset, block);
    if (series && series.problems.length > 0) return;
    const dir = path.join(this.dir, "materializations", asset);
    for (const version of loose) removeIfPresent(path.join(dir, `v${version}.json`));
    for (const entry of series?.series.values() ?? []) removeIfPresent(path.join(this.dir, entry.path));
  }
  async recordFailure(record) {
    const full = { schema: RECORD_SCHEMA, ...record };
    const file = path.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}
`);
    await this.wrote("failures", record.asset);
    return full;
  }
  aliasFile(asset) {
    return path.join(this.dir, aliasPath(asset));
  }
  /** The readable events of an asset's alias log and the damage of the rest. */
  async readAliasLog(asset) {
    const file = this.aliasFile(asset);
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
      path.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
      { durable: true }
    );
  }
  async locations(asset, version) {
    const file = path.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === void 0) return [];
    const { locations, problems } = parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }
  async readCursor(scope) {
    const file = path.join(this.dir, cursorPath(scope));
    const text = await readIfPresent(file);
    if (text === void 0) return void 0;
    const parsed = parseCursor(text);
    if (!parsed.ok) {
      this.problem(file, `${parsed.error}; the automation cursors start over`);
      return void 0;
    }
    return parsed.value;
  }
  async writeCursor(state) {
    await replaceAtomically(
      path.join(this.dir, cursorPath(state.scope)),
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
  await mkdir(path2.join(base, PROJECTS_DIR), { recursive: true });
  const owner = await claim(path2.join(base, PROJECTS_DIR, OWNER_FILE), project);
  if (owner !== project) {
    return legacy.map((name) => ({
      path: path2.join(base, name),
      message: `left from before projects existed and adopted by project ${owner}; project ${project} does not read it`
    }));
  }
  const target = path2.join(base, projectDir(project));
  await mkdir(target, { recursive: true });
  const problems = [];
  for (const name of legacy) {
    try {
      await rename(path2.join(base, name), path2.join(target, name));
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT") continue;
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") {
        problems.push({
          path: path2.join(base, name),
          message: `from before projects existed, but ${path2.join(target, name)} exists already; not read (merge it by hand if it is this project's)`
        });
        continue;
      }
      throw error;
    }
  }
  return problems;
}

// src/ledger/checked-records.ts
init_define_KILN_SITE_CLIENT();

// src/version/versions.ts
init_define_KILN_SITE_CLIENT();
import * as crypto from "node:crypto";
function canonicalJson(value) {
  if (isCanonical(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) keys.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  let text = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === void 0) continue;
    if (text.length > 1) text += ",";
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}
function isCanonical(value) {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "boolean" || type === "number" && Number.isFinite(value)) return true;
  if (type !== "object") return false;
  if (Array.isArray(value)) {
    for (const member of value) if (member === void 0 || !isCanonical(member)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) return false;
  for (const key of keys) {
    const member = object[key];
    if (member === void 0 || !isCanonical(member)) return false;
  }
  return true;
}
function inOrder(keys) {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
var { createHash } = crypto;
var oneShotHash = crypto.hash;
function sha256(text) {
  return oneShotHash ? oneShotHash("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}
function codeVersion(input) {
  if (input.declared !== void 0) return `declared:${input.declared}`;
  return sha256(canonicalJson({ kind: "kiln-code-version", run: input.runHash, code: input.code }));
}
function logicalVersion(provenance) {
  return sha256(
    canonicalJson({
      kind: "kiln-logical-version",
      codeVersion: provenance.codeVersion,
      config: provenance.config,
      env: provenance.env,
      inputs: provenance.inputs,
      deps: provenance.deps,
      // Absent (and so not hashed) without overrides: versions recorded before keep their hash.
      overrides: provenance.overrides,
      // Absent for an asset without outputs, so its versions recorded before keep their hash.
      outputs: provenance.outputs
    })
  );
}
function dataVersion(outputs) {
  return sha256(
    canonicalJson({
      kind: "kiln-data-version",
      outputs: Object.fromEntries(Object.entries(outputs).map(([p, o]) => [p, o.blob]))
    })
  );
}
function sourceDataVersion(observed, inputs) {
  return sha256(canonicalJson({ kind: "kiln-source-version", observed, inputs }));
}

// src/ledger/checked-records.ts
var FORMAT = 1;
var CheckedRecords = class {
  constructor(kilnDir2, project) {
    this.kilnDir = kilnDir2;
    this.project = project;
  }
  kilnDir;
  project;
  known;
  /** Digests asked about by this process, found intact: what the next file lists. */
  used = /* @__PURE__ */ new Set();
  learned = false;
  saving = false;
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
    if (this.saving) return;
    this.saving = true;
    setImmediate(() => {
      this.saving = false;
      this.save();
    });
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

// src/ledger/open.ts
async function onlyManifest(root) {
  const top = await repoRoot(root);
  if (!top) return true;
  return (await filesNamed(top, MANIFEST_NAMES)).length <= 1;
}
async function branchAvailable(root, remote) {
  const top = await repoRoot(root);
  return top !== void 0 && await hasRemote(top, remote);
}
async function openLedger(options) {
  const remote = options.remote ?? "origin";
  const useBranch = options.kind === "branch" || options.kind === "auto" && options.inActions === true && await branchAvailable(options.root, remote);
  if (useBranch) {
    const { openBranchLedger } = await import("./branch-4HMNSR3G.js");
    return openBranchLedger({
      root: options.root,
      remote,
      branch: options.branch,
      project: options.project,
      token: options.token,
      // Asked only when the branch still has the old layout: listing manifests costs a git call.
      legacy: async () => options.legacy === "adopt" || await onlyManifest(options.root) ? "adopt" : "ignore"
    });
  }
  const base = path3.join(options.root, ".kiln", "ledger");
  const problems = await adoptLocalLegacy(base, options.project);
  const ledger = new LocalLedger(path3.join(base, projectDir(options.project)), {
    description: `${base} (project ${options.project})`,
    checked: new CheckedRecords(path3.join(options.root, KILN_DIR_NAME), options.project)
  });
  for (const problem of problems) ledger.note(problem);
  return ledger;
}

// src/store/local.ts
init_define_KILN_SITE_CLIENT();
import { createHash as createHash3, randomUUID as randomUUID2 } from "node:crypto";
import { createWriteStream, existsSync as existsSync2 } from "node:fs";
import { mkdir as mkdir2, open as open2, rename as rename2, rm, stat as stat2 } from "node:fs/promises";
import path4 from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/version/blob.ts
init_define_KILN_SITE_CLIENT();
import { createHash as createHash2 } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
async function blobIdOfFile(file) {
  const { size } = await stat(file);
  const hash2 = createHash2("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash2.update(chunk);
  return hash2.digest("hex");
}

// src/store/local.ts
var StoreCorruptionError = class extends UserError {
  constructor(objectPath, expected, actual) {
    super(
      `the store object ${objectPath} is corrupt: it should hash to ${expected} but hashes to ${actual}; delete it and rebuild the asset with --force`
    );
    this.objectPath = objectPath;
    this.expected = expected;
    this.actual = actual;
    this.name = "StoreCorruptionError";
  }
  objectPath;
  expected;
  actual;
};
async function copyHashing(source, dest) {
  const input = await open2(source, "r");
  try {
    const { size } = await input.stat();
    const hash2 = createHash3("sha1").update(`blob ${size}\0`);
    let copied = 0;
    const tee = new Transform({
      transform(chunk, _encoding, done) {
        hash2.update(chunk);
        copied += chunk.length;
        done(null, chunk);
      }
    });
    const output = createWriteStream(dest, { flags: "wx" });
    await pipeline(input.createReadStream({ autoClose: false }), tee, output);
    if (copied !== size) {
      throw new Error(
        `${source} changed while it was being stored (${size} bytes, then ${copied}); run again`
      );
    }
    return { blob: hash2.digest("hex"), size };
  } finally {
    await input.close();
  }
}
async function fileBlob(file) {
  const { size } = await stat2(file);
  return { blob: await blobIdOfFile(file), size };
}
async function syncFile(file) {
  const handle = await open2(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
var LocalStore = class {
  /** `dir` is the store folder itself, normally `<root>/.kiln/store`. */
  constructor(dir) {
    this.dir = dir;
    this.description = dir;
  }
  dir;
  kind = "local";
  description;
  /** Where the object with this blob id lives: git's own fan-out, `ab/cdef…`. */
  objectPath(blob) {
    if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a git blob id: ${JSON.stringify(blob)}`);
    return path4.join(this.dir, blob.slice(0, 2), blob.slice(2));
  }
  async hasBlob(blob) {
    return this.hasBlobSync(blob);
  }
  /**
   * Whether the object exists (false for a malformed id): one synchronous stat. `kiln status` asks
   * this for every fresh asset's outputs; a thread-pool round trip per object was a sixth of its
   * CPU time at 2,000 assets, for a call that takes microseconds.
   */
  hasBlobSync(blob) {
    try {
      return existsSync2(this.objectPath(blob));
    } catch {
      return false;
    }
  }
  async put(filePath) {
    const seen = await fileBlob(filePath);
    if (this.hasBlobSync(seen.blob)) return seen;
    await makeStateDir(this.dir);
    const temp = path4.join(this.dir, `.tmp-${randomUUID2()}`);
    try {
      const stored = await copyHashing(filePath, temp);
      if (stored.blob !== seen.blob) {
        throw new Error(`${filePath} changed while it was being stored; run again`);
      }
      const target = this.objectPath(stored.blob);
      if (this.hasBlobSync(stored.blob)) return stored;
      await syncFile(temp);
      await mkdir2(path4.dirname(target), { recursive: true });
      await rename2(temp, target);
      return stored;
    } finally {
      await rm(temp, { force: true });
    }
  }
  async get(blob, destPath) {
    if (!await this.hasBlob(blob)) return false;
    const source = this.objectPath(blob);
    const temp = path4.join(this.dir, `.tmp-${randomUUID2()}`);
    try {
      const copied = await copyHashing(source, temp);
      if (copied.blob !== blob) throw new StoreCorruptionError(source, blob, copied.blob);
      await syncFile(temp);
      await moveInto(temp, destPath);
      return true;
    } finally {
      await rm(temp, { force: true });
    }
  }
  /** Re-hashes one object; undefined when it is intact or absent, else the corruption. */
  async verify(blob) {
    if (!await this.hasBlob(blob)) return void 0;
    const actual = await blobIdOfFile(this.objectPath(blob));
    return actual === blob ? void 0 : new StoreCorruptionError(this.objectPath(blob), blob, actual);
  }
  // ---- the Store interface: a version is here when every one of its blobs is ----
  async has(version) {
    for (const output of Object.values(version.outputs)) if (!this.hasBlobSync(output.blob)) return false;
    return true;
  }
  async restore(version, root) {
    if (!await this.has(version)) return false;
    for (const [file, output] of Object.entries(version.outputs)) {
      if (!await this.get(output.blob, await insideOrThrow(root, file, "write"))) return false;
    }
    return true;
  }
  async save(version, root) {
    for (const [file, output] of Object.entries(version.outputs)) {
      const stored = await this.put(await insideOrThrow(root, file, "read"));
      if (stored.blob !== output.blob) {
        throw new Error(
          `${file} changed while ${version.asset} v${version.version} was being stored; run again`
        );
      }
    }
    return [{ kind: "local", ref: this.description }];
  }
  describeLookup() {
    return this.description;
  }
};

// src/store/open.ts
init_define_KILN_SITE_CLIENT();

// src/store/chain.ts
init_define_KILN_SITE_CLIENT();
import { rm as rm2, stat as stat3 } from "node:fs/promises";
import path5 from "node:path";
var TIERS = {
  cache: ["cache"],
  artifact: ["cache", "artifact"],
  release: ["cache", "artifact", "release"]
};
async function upToDate(file, expected, verify) {
  try {
    const info = await stat3(file);
    if (!info.isFile() || info.size !== expected.size) return false;
  } catch {
    return false;
  }
  return verify ? await blobIdOfFile(file) === expected.blob : true;
}
var StoreChain = class {
  constructor(local, remotes = [], options = {}) {
    this.local = local;
    this.remotes = remotes;
    this.options = options;
  }
  local;
  remotes;
  options;
  get stores() {
    return [this.local, ...this.remotes];
  }
  /** Whether some backend can give the version's bytes (no download). */
  async available(version) {
    for (const store of this.stores) {
      try {
        if (await store.has(version)) return true;
      } catch {
      }
    }
    return false;
  }
  /**
   * Puts the version's outputs at their paths under `root`, from the first backend that has them.
   * Fails with the version, the missing files and every place looked at.
   */
  async restore(root, version, options = {}) {
    const files = Object.entries(version.outputs);
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok)
        return {
          ok: false,
          error: `refusing to restore ${version.asset} v${version.version}: ${inside.error}; nothing was written (${inside.hint})`
        };
    }
    const missing = [];
    for (const [file, output] of files)
      if (!await upToDate(path5.resolve(root, file), output, options.verify ?? true)) missing.push(file);
    if (missing.length === 0) return { ok: true, restored: [] };
    const looked = [];
    for (const store of this.stores) {
      looked.push(store.describeLookup(version));
      let got;
      try {
        got = await store.restore(version, root);
      } catch (error) {
        looked[looked.length - 1] += ` (failed: ${error instanceof Error ? error.message : String(error)})`;
        continue;
      }
      if (!got) continue;
      const wrong = [];
      for (const [file, output] of files)
        if (!await upToDate(path5.resolve(root, file), output, true)) wrong.push(file);
      if (wrong.length > 0) {
        looked[looked.length - 1] += ` (gave other bytes for ${wrong.join(", ")})`;
        await Promise.all(wrong.map((file) => rm2(path5.resolve(root, file), { force: true }).catch(() => {
        })));
        continue;
      }
      if (store !== this.local) await this.local.save(version, root);
      if (store.kind === "artifact" || store.kind === "release") await this.recache(version, root);
      return { ok: true, restored: missing, from: store };
    }
    return {
      ok: false,
      error: `the outputs of ${version.asset} v${version.version} (${missing.join(", ")}) are in no store; looked in ${looked.join("; ")}. Rebuild it with \`kiln run ${version.asset} --force\``
    };
  }
  /**
   * Bytes that had to come from an artifact or a release (evicted, or cached on another ref) go
   * into this ref's cache, so the run's other jobs find them there; the entry is added to the
   * ledger. Best effort: a failure here costs only a slower restore next time.
   */
  async recache(version, root) {
    const cache = this.remotes.find((s) => s.kind === "cache");
    if (!cache) return;
    try {
      const locations = await cache.save(version, root);
      await this.options.recordLocations?.(version, locations);
    } catch {
    }
  }
  /**
   * Makes a version's bytes durable in the backends its asset's `store` names, before its record
   * is written. Throws when one of them fails, so no record ever points at bytes kept nowhere.
   */
  async save(version, root, tier) {
    const locations = [];
    if (Object.keys(version.outputs).length === 0) return locations;
    for (const file of Object.keys(version.outputs)) await insideOrThrow(root, file, "read");
    const wanted = new Set(TIERS[tier]);
    if (this.options.publishPublic === false) wanted.delete("release");
    for (const store of this.remotes) {
      if (!wanted.has(store.kind)) continue;
      locations.push(...await store.save(version, root));
    }
    return locations;
  }
};

// src/store/open.ts
async function openStores(options) {
  const { env, token, repository } = options;
  const remotes = [];
  const inJob = env.GITHUB_ACTIONS === "true" && Boolean(env.ACTIONS_RUNTIME_TOKEN);
  if (inJob) {
    const { ActionsCacheStore } = await import("./actions-cache-6DSQTPN3.js");
    if (ActionsCacheStore.available()) remotes.push(new ActionsCacheStore());
  }
  const runId = inJob ? env.GITHUB_RUN_ID : void 0;
  const withToken = token && repository ? { ...repository, token } : void 0;
  if (runId || withToken) {
    const { ArtifactStore } = await import("./artifact-44DYE5OZ.js");
    remotes.push(
      new ArtifactStore({
        run: runId ? { id: runId, url: runUrlFromEnv(env) } : void 0,
        repository: withToken,
        retentionDays: (asset) => options.project.assets.get(asset)?.retentionDays
      })
    );
  }
  if (withToken) {
    const [{ GitHubClient }, { ReleaseStore }] = await Promise.all([
      import("./client-GX6RC3W2.js"),
      import("./release-JCOJQUFL.js")
    ]);
    const client = new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
    remotes.push(new ReleaseStore({ client, commit: options.commit }));
  }
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations
  });
}

// src/github/credentials.ts
init_define_KILN_SITE_CLIENT();
import { execFile } from "node:child_process";
function repositoryFrom(env, remote) {
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? "");
  if (named) return { owner: named[1], repo: named[2] };
  const url = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote ?? "");
  if (!url || !remote || !/github/i.test(remote)) return void 0;
  return { owner: url[1], repo: url[2] };
}
async function findToken(env) {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile(
      "gh",
      ["auth", "token"],
      { env, timeout: 1e4 },
      (error, stdout) => resolve(error ? void 0 : stdout.trim() || void 0)
    );
  });
}

// src/app/environment.ts
init_define_KILN_SITE_CLIENT();
var PROD = "prod";
var DEV = "dev";
function isPullRequest(event) {
  return event === "pull_request";
}
function prodBranches(project, defaultBranch) {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length > 0) return declared;
  const claimed = new Set([...project.environments.values()].flatMap((e) => e.branches));
  const defaults = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return defaults.filter((b) => !claimed.has(b));
}
function environmentOfBranch(project, branch, defaultBranch) {
  if (branch === void 0) return DEV;
  for (const environment of project.environments.values())
    if (environment.branches.includes(branch)) return environment.name;
  return prodBranches(project, defaultBranch).includes(branch) ? PROD : DEV;
}
function decideEnvironment(project, facts) {
  const override = facts.override || void 0;
  const names = [.../* @__PURE__ */ new Set([...project.environments.keys(), DEV, PROD])];
  if (override && !names.includes(override)) {
    const suggestion = closest(override, names);
    return {
      ok: false,
      error: `unknown environment "${override}"; the manifest defines ${names.join(", ")}`,
      hint: suggestion ? `did you mean "${suggestion}"?` : void 0
    };
  }
  const pullRequest = isPullRequest(facts.event);
  const ruleBranch = pullRequest ? facts.base ?? facts.defaultBranch ?? prodBranches(project)[0] ?? facts.branch : facts.branch;
  const byRule = facts.inGit ? environmentOfBranch(project, ruleBranch, facts.defaultBranch) : DEV;
  const ruleWhy = !facts.inGit ? "not a git repository" : ruleBranch === void 0 ? "detached HEAD" : pullRequest ? `base branch ${ruleBranch} of the pull request` : `branch ${ruleBranch}`;
  const name = override ?? byRule;
  const why = override ? override === byRule ? `--env ${override}, as ${ruleWhy} selects` : `--env ${override}` : ruleWhy;
  let promotionBlocker;
  if (name !== PROD) promotionBlocker = `only prod promotes; this run is in ${name}`;
  else if (!facts.inGit)
    promotionBlocker = "only a git checkout promotes; this folder is not a git repository";
  else if (pullRequest) promotionBlocker = "pull requests never promote";
  else if (byRule !== PROD)
    promotionBlocker = `--env prod does not promote on ${ruleBranch === void 0 ? "a detached HEAD" : `branch ${ruleBranch}`}, which selects ${byRule}`;
  return { ok: true, decision: { name, why, branch: ruleBranch, promotionBlocker } };
}
function assetPromotionBlocker(decision, spec) {
  if (decision.promotionBlocker) return decision.promotionBlocker;
  if (spec.branches && decision.branch !== void 0 && !spec.branches.includes(decision.branch))
    return `branch ${decision.branch} is not among the asset's promote.branches (${spec.branches.join(", ")})`;
  return void 0;
}

// src/app/workspace.ts
async function gitFacts(cwd, env) {
  const root = await repoRoot(cwd);
  if (!root) return {};
  const inActions = env.GITHUB_ACTIONS === "true";
  const [branch, sha, remoteDefault] = await Promise.all([
    (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : void 0) || currentBranch(root),
    headCommit(root),
    remoteDefaultBranch(root)
  ]);
  return {
    root,
    sha,
    branch: branch || void 0,
    base: inActions && env.GITHUB_BASE_REF || void 0,
    defaultBranch: eventDefaultBranch(env) ?? remoteDefault
  };
}
function branchName(ref) {
  return ref?.replace(/^refs\/heads\//, "").replace(/^(origin|upstream)\//, "") || void 0;
}
async function openWorkspace(options) {
  const { project } = options;
  const git = await gitFacts(project.root, options.env);
  const event = options.event ?? "local";
  const choice = decideEnvironment(project, {
    event,
    inGit: git.root !== void 0,
    branch: git.branch,
    base: branchName(options.base) ?? git.base,
    defaultBranch: git.defaultBranch,
    override: options.environment || options.env.KILN_ENV || void 0
  });
  if (!choice.ok) return { ok: false, error: choice.error, hint: choice.hint };
  const kilnDir2 = kilnDir(project.root);
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    inActions: options.env.GITHUB_ACTIONS === "true",
    token: options.token,
    project: project.name,
    legacy: options.legacyLedger
  });
  const local = new LocalStore(path6.join(kilnDir2, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? void 0 : await findToken(options.env));
  const stores = await openStores({
    local,
    project,
    env: options.env,
    token,
    repository: token ? repositoryFrom(options.env, git.root ? await remoteUrl(git.root) : void 0) : void 0,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest: event === "pull_request",
    recordLocations: (version, locations) => ledger.addLocations(version.asset, version.version, locations)
  });
  return {
    ok: true,
    workspace: {
      project,
      environment: choice.decision.name,
      decision: choice.decision,
      event,
      ledger,
      stores,
      git,
      kilnDir: kilnDir2,
      runsDir: path6.join(kilnDir2, "runs"),
      reportsDir: path6.join(kilnDir2, "reports")
    }
  };
}
function workspaceLineage(workspace) {
  const { git, decision } = workspace;
  const root = git.root;
  return {
    environment: workspace.environment,
    branches: [...new Set([git.branch, decision.branch].filter((b) => b !== void 0))],
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : void 0
  };
}
var knownAncestry = /* @__PURE__ */ new WeakMap();
async function rememberedAncestry(workspace, root, commits) {
  let known = knownAncestry.get(workspace);
  if (!known) {
    const head = workspace.git.sha ? [workspace.git.sha] : [];
    known = { asked: new Set(head), ancestors: new Set(head), present: new Set(head), shallow: false };
    knownAncestry.set(workspace, known);
  }
  const unknown = commits.filter((sha) => !known.asked.has(sha));
  if (unknown.length > 0) {
    const answer = await ancestryOf(root, unknown);
    for (const sha of unknown) known.asked.add(sha);
    for (const sha of answer.ancestors) known.ancestors.add(sha);
    for (const sha of answer.present) known.present.add(sha);
    known.shallow = answer.shallow;
  }
  return known;
}

export {
  blobIdOfFile,
  sha256,
  codeVersion,
  logicalVersion,
  dataVersion,
  sourceDataVersion,
  assetPromotionBlocker,
  readGitHubContext,
  runUrlFromEnv,
  openWorkspace,
  workspaceLineage
};
