// The ledger on an orphan branch (`kiln-ledger`) of a remote: the backend for GitHub Actions, where
// every job starts from a fresh checkout and the repository itself is the only shared storage.
// Each write is one commit built at object level on the fetched tip and pushed; the remote refuses
// a push that is not a fast-forward, so a writer that lost a race fetches, re-claims its version
// number against the new tip, rebuilds and pushes again. The user's checkout is never touched.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { backoffDelay, jittered } from "../domain/backoff.js";
import { UserError } from "../domain/errors.js";
import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  buildCommit,
  checkLedgerHistory,
  deleteRef,
  fetchLedgerBranch,
  isPermanentFailure,
  isPermissionDenied,
  type LedgerBranchTarget,
  listTree,
  pushLedgerCommit,
  watermarkRef,
  readBlobs,
  moveRootInto,
  readPath,
  rememberLedgerTip,
  rememberPushedTip,
  rootNames,
  scratchRef,
  seenRef,
} from "../git/ledger-branch.js";
import { remoteUrl, repoRoot } from "../git/repo.js";
import { applyCursorChanges, type CursorChanges } from "./cursor-changes.js";
import { crashPoint } from "../domain/crash-point.js";
import { missingHolderDamage, replayAliases, unreadableLineDamage } from "./aliases.js";
import {
  HeadLog,
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
  listedVersions,
  type LooseRecord,
  PACK_FIX,
  packBlock,
  packName,
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
  aliasPath,
  cursorPath,
  cursorLocations,
  failurePath,
  failuresDir,
  headsPath,
  locationsPath,
  isLegacyEntry,
  materializationPath,
  materializationsDir,
  nextVersion,
  PROJECTS_DIR,
  projectDir,
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
  withRecordSchemas,
  parseSeriesText,
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
import {
  type AliasState,
  type Ledger,
  type LedgerProblem,
  type LedgerReaderSpec,
  LedgerStateError,
  LedgerWriteDenied,
} from "./ledger.js";

export const DEFAULT_LEDGER_BRANCH = "kiln-ledger";

export interface BranchLedgerOptions {
  /** A directory inside the repository (the checkout). */
  cwd: string;
  /** Default `origin`. */
  remote?: string | undefined;
  /** Default `kiln-ledger`. */
  branch?: string | undefined;
  /** The token to fetch and push with (see LedgerBranchTarget.token). */
  token?: string | undefined;
  /** The remote's URL when the caller asked for it already (see LedgerBranchTarget.url). */
  remoteUrl?: string | undefined;
  /**
   * A reader of a tip another BranchLedger fetched (readerSpec): it reads that commit and never
   * fetches. Only for reading.
   */
  at?: { tip: string | undefined } | undefined;
  /**
   * The project whose namespace (`projects/<name>/`) this ledger reads and writes; without one,
   * the root of the branch (the layout of ledgers written before projects existed).
   */
  project?: string | undefined;
  /**
   * Push attempts before giving up; default 60. Every rejected push means another writer landed, so
   * retries are progress, not a livelock: on a loaded runner a slow writer can lose 20 races in a row
   * to eight faster ones (seen at load 28 on 2 cores), and a pipeline job must not fail for that.
   */
  maxAttempts?: number | undefined;
  /** First backoff delay in ms, doubled per retry up to 2 s, with ±50% jitter (domain/backoff.ts); default 50. */
  backoffMs?: number | undefined;
  /**
   * How long a tip this ledger fetched or pushed is written on without fetching again, in ms;
   * default TRUST_TIP_MS. Tests set 0 (always fetch) or Infinity (never, until a push is refused).
   */
  trustTipMs?: number | undefined;
}

type WritePlan<T> =
  | { files: Array<{ path: string; content: string }>; remove?: string[]; message: string; result: T }
  /** A commit already built on the tip (moving folders rather than adding files). */
  | { commit: string; result: T }
  | { skip: T };

/** The longest wait between two fetches or pushes of the ledger branch. */
const MAX_BACKOFF_MS = 2000;

/**
 * A write builds on the tip this ledger fetched or pushed up to this long ago without fetching
 * first. The push's lease (pushLedgerCommit) makes that safe at any age: a tip that is no longer
 * the remote's is refused, and the write fetches, checks the history and builds again. The limit
 * only keeps the guess likely to be right: right, it saves a fetch and a ref read (in Actions, a
 * round trip to GitHub) per write, as when a job records a version and then moves its alias;
 * wrong, it costs the refused push and the commit built for it.
 */
const TRUST_TIP_MS = 10_000;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export class BranchLedger implements Ledger {
  readonly description: string;
  private readonly target: LedgerBranchTarget;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly found: LedgerProblem[] = [];
  private readonly reported = new Set<string>();
  /** The tip reads use: fetched once, then advanced by this ledger's own pushes (see refresh()). */
  private tip: string | undefined;
  private fetched = false;
  /** A reader of one commit (options.at): it never fetches. */
  private pinned = false;
  /** When `tip` was last fetched or pushed (performance.now()); see TRUST_TIP_MS. */
  private tipAt = Number.NEGATIVE_INFINITY;
  private readonly trustTipMs: number;
  /** The last write lost a race: the next one fetches first instead of guessing the tip. */
  private raced = false;
  /** Writes of one process go one at a time: they would only race each other on the push. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * What to do with a branch in the layout from before projects, until the first read or write
   * settles it (see settleLayout): opening the ledger fetches nothing, so a command that reads
   * after refreshing (the report job) fetches once, not twice.
   */
  private legacyPolicy: LegacyPolicy | (() => Promise<LegacyPolicy>) | undefined;
  private layout: Promise<void> = Promise.resolve();
  /** The fetch the first reads wait for (see fetchedTip). */
  private fetching: Promise<void> | undefined;
  readonly project: string | undefined;
  /** `projects/<name>/`, or empty for the root layout: prefixed to every path this ledger touches. */
  private prefix: string;

  constructor(options: BranchLedgerOptions) {
    const remote = options.remote ?? "origin";
    const branch = options.branch ?? DEFAULT_LEDGER_BRANCH;
    this.target = {
      cwd: options.cwd,
      remote,
      branch,
      localRef: `refs/kiln/${branch}`,
      token: options.token,
      url: options.remoteUrl,
    };
    this.maxAttempts = options.maxAttempts ?? 60;
    this.backoffMs = options.backoffMs ?? 50;
    this.trustTipMs = options.trustTipMs ?? TRUST_TIP_MS;
    this.project = options.project;
    this.prefix = options.project ? `${projectDir(options.project)}/` : "";
    this.description = `branch ${branch} of ${remote}${options.project ? ` (project ${options.project})` : ""}`;
    if (options.at) {
      this.tip = options.at.tip;
      this.fetched = true;
      this.pinned = true;
    }
  }

  /** See Ledger.refreshAliases: the next read fetches, unless this reader is pinned to a commit. */
  refreshAliases(_asset: string): void {
    if (!this.pinned) this.fetched = false;
  }

  /** Adds a problem a reader thread of this ledger found (its path already names the branch). */
  note(problem: LedgerProblem): void {
    const prefix = `${this.target.branch}:`;
    const file = problem.path.startsWith(prefix) ? problem.path.slice(prefix.length) : problem.path;
    this.problem(file, problem.message, problem.fix);
  }

  async readerSpec(): Promise<LedgerReaderSpec> {
    const { cwd, remote, branch } = this.target;
    return { kind: "branch", cwd, remote, branch, project: this.project, tip: await this.readTip() };
  }

  /** A layout path inside this ledger's namespace, as a path of the branch's tree. */
  private at(file: string): string {
    return `${this.prefix}${file}`;
  }

  private list(tip: string, dir: string | readonly string[]) {
    return listTree(
      this.target.cwd,
      tip,
      typeof dir === "string" ? this.at(dir) : dir.map((d) => this.at(d)),
    );
  }

  problems(): LedgerProblem[] {
    return [...this.found];
  }

  private problem(file: string, message: string, fix?: string): void {
    const where = `${this.target.branch}:${file}`;
    const key = `${where}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === undefined ? { path: where, message } : { path: where, message, fix });
  }

  /** Fetches the branch again, so reads see what other runs wrote since. */
  async refresh(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let fetched = await fetchLedgerBranch(this.target);
      // Processes sharing a clone contend for the mirror ref's lock; a short retry rides that out.
      for (let retry = 1; !fetched.ok && retry < 4; retry++) {
        await sleep(jittered(backoffDelay(retry, this.backoffMs, MAX_BACKOFF_MS)));
        fetched = await fetchLedgerBranch(this.target);
      }
      if (!fetched.ok) {
        throw new UserError(
          `could not fetch the ledger (${this.description}): ${fetched.message}`,
          "check that the remote is reachable and the token may read the repository, or use the local ledger (--ledger local)",
        );
      }
      if (await this.follow(fetched, attempt < 5)) return;
    }
  }

  /**
   * Moves reads to a fetched tip, unless the branch no longer contains what this clone saw
   * before: following a rewound branch would number new versions again from the older tip and
   * give numbers already used (and perhaps pulled, deployed, referenced) to different models.
   */
  private async follow(
    fetched: { tip: string | undefined; seen: string | undefined; watermark: string | undefined },
    mayRefetch: boolean,
  ): Promise<boolean> {
    const { tip } = fetched;
    let history = await checkLedgerHistory(this.target, tip, fetched);
    if (history.ok === "stale") {
      if (mayRefetch) return false;
      history = { ok: true };
    }
    if (!history.ok) {
      const { remote, branch } = this.target;
      const seen = history.seen.slice(0, 12);
      const whoSaw =
        history.by === "watermark"
          ? `the newest commit Kiln pushed to it (${watermarkRef(branch)})`
          : "which this clone read before";
      const message =
        tip === undefined
          ? `the ledger branch ${branch} of ${remote} is gone, but it held commit ${seen}, ${whoSaw}; Kiln will not start a new ledger over it`
          : `the ledger branch ${branch} of ${remote} was rewritten: it no longer contains commit ${seen}, ${whoSaw} (a force-push or reset). Kiln will not follow it: version numbers would be given again to different models`;
      const accept =
        history.by === "watermark"
          ? `\`git push ${remote} :${watermarkRef(branch)}\` (and \`git update-ref -d ${seenRef(this.target)}\` in clones that read the old history)`
          : `\`git update-ref -d ${seenRef(this.target)}\``;
      const fix =
        `if the rewrite was a mistake, put the history back: \`git push ${remote} ${history.seen}:refs/heads/${branch}\` ` +
        `(add --force once you have checked the new history holds nothing to keep); if it was intended, accept it: ${accept}`;
      this.problem(`(history)`, message, fix);
      throw new LedgerStateError(message, `${branch} of ${remote}`, fix);
    }
    this.tip = tip;
    this.tipAt = performance.now();
    this.fetched = true;
    // Already remembered (by this process's last write or read, usually): no process to spawn.
    if (tip && tip !== fetched.seen) await rememberLedgerTip(this.target, tip);
    return true;
  }

  private async readTip(): Promise<string | undefined> {
    await this.fetchedTip();
    await this.settleLayout();
    return this.tip;
  }

  /**
   * The tip as fetched, without settling the layout (for the layout's own settling). Reads that
   * start together before anything was fetched (a plan reads every asset at once) share one fetch.
   */
  private async fetchedTip(): Promise<string | undefined> {
    if (!this.fetched) {
      this.fetching ??= this.refresh().finally(() => {
        this.fetching = undefined;
      });
      await this.fetching;
    }
    return this.tip;
  }

  /** Adopts or reports an old-layout branch once, before the first read or write (see legacyPolicy). */
  private settleLayout(): Promise<void> {
    const choose = this.legacyPolicy;
    if (choose !== undefined) {
      this.legacyPolicy = undefined;
      this.layout = this.adoptLegacyLayout(choose);
    }
    return this.layout;
  }

  /**
   * Adopts (or reports) records at the root of the branch, from before projects existed, at the
   * first read or write: see adoptLegacyLayout.
   */
  settleLegacyLayoutOnFirstUse(choose: LegacyPolicy | (() => Promise<LegacyPolicy>)): void {
    this.legacyPolicy = choose;
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * An asset's record files and packs at `tip`, with their blobs by name. Anything else in the
   * folder is reported when `report` is set (listings made to write are not reports).
   */
  private async recordEntries(
    tip: string,
    asset: string,
    report: boolean,
    /** Only these files of the folder (one version's record and its block's pack). */
    only?: readonly string[],
  ): Promise<{ listing: RecordListing; blobs: Map<string, string> }> {
    const dir = this.at(materializationsDir(asset));
    const blobs = new Map<string, string>();
    for (const entry of await this.list(tip, only ?? materializationsDir(asset))) {
      if (path.posix.dirname(entry.path) === dir) blobs.set(path.posix.basename(entry.path), entry.blob);
      else if (report) this.problem(entry.path, "not a ledger record (expected v<N>.json)");
    }
    const listing = classifyEntries(blobs.keys(), versionOfFile);
    if (report)
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(`${dir}/${name}`, named.message, named.fix);
      }
    return { listing, blobs };
  }

  /** Packs read by this ledger, by blob: a blob never changes, so a pack is parsed once. */
  private readonly recordPacks = new Map<string, RecordPack>();
  private readonly seriesPacks = new Map<string, SeriesPack>();

  /** The record packs of `blocks` (one `git cat-file` for those not read before). */
  private async recordPacksOf(
    asset: string,
    blocks: Iterable<number>,
    blobs: ReadonlyMap<string, string>,
  ): Promise<Map<number, RecordPack>> {
    const wanted = [...blocks].map((block) => ({ block, blob: blobs.get(packName(block))! }));
    const contents = await readBlobs(
      this.target.cwd,
      wanted.filter((w) => !this.recordPacks.has(w.blob)).map((w) => w.blob),
    );
    const packs = new Map<number, RecordPack>();
    for (const { block, blob } of wanted) {
      let pack = this.recordPacks.get(blob);
      if (!pack) {
        const file = this.at(recordPackPath(asset, block));
        const bytes = contents.get(blob);
        if (bytes === undefined)
          this.problem(file, "listed in the branch but its object is missing", PACK_FIX);
        pack = parseRecordPack(bytes?.toString("utf8") ?? "", asset, block, (line, message) =>
          this.problem(`${file}:${line}`, message, PACK_FIX),
        );
        remember(this.recordPacks, blob, pack, 8);
      }
      packs.set(block, pack);
    }
    return packs;
  }

  /**
   * The records of `versions` at the listing's tip: from their block's pack when it is packed
   * (a loose copy a writer left beside it is read only for a version the pack cannot give), from
   * their files otherwise. Unreadable ones are reported and left out.
   */
  private readRecordsAt(
    asset: string,
    versions: readonly number[],
    at: { listing: RecordListing; blobs: Map<string, string> },
  ): Promise<Map<number, MaterializationRecord>> {
    // Read again, once zod's schemas are loaded, when a record needs them (problems are reported
    // once whatever the number of reads).
    return withRecordSchemas(() => this.readRecordsOnce(asset, versions, at));
  }

  private async readRecordsOnce(
    asset: string,
    versions: readonly number[],
    { listing, blobs }: { listing: RecordListing; blobs: Map<string, string> },
  ): Promise<Map<number, MaterializationRecord>> {
    const packs = await this.recordPacksOf(
      asset,
      new Set(versions.map(blockOf).filter((b) => listing.packs.has(b))),
      blobs,
    );
    const records = new Map<number, MaterializationRecord>();
    const loose: number[] = [];
    for (const version of versions) {
      const packed = packs.get(blockOf(version))?.record(version);
      if (packed) records.set(version, packed);
      else if (listing.loose.has(version)) loose.push(version);
      else if (!packs.has(blockOf(version)))
        this.problem(this.at(materializationPath(asset, version)), "no such record");
    }
    const contents = await readBlobs(
      this.target.cwd,
      loose.map((v) => blobs.get(listing.loose.get(v)!)!),
    );
    for (const version of loose) {
      const where = this.at(materializationPath(asset, version));
      const data = this.parseJson(where, contents.get(blobs.get(listing.loose.get(version)!)!));
      if (data === undefined) continue;
      const parsed = parseMaterialization(data, { asset, version });
      if (parsed.ok) records.set(version, parsed.value);
      else this.problem(where, parsed.error);
    }
    return records;
  }

  private async materializationsAt(tip: string | undefined, asset: string): Promise<MaterializationRecord[]> {
    if (!tip) return [];
    const entries = await this.recordEntries(tip, asset, true);
    const records = await this.readRecordsAt(asset, listedVersions(entries.listing), entries);
    return [...records.values()].sort((a, b) => a.version - b.version);
  }

  /**
   * The heads of an asset at `tip`, and the log's text. Versions whose head the log lacks (a
   * branch written before heads) are derived from their records.
   */
  private async headsAt(
    tip: string | undefined,
    asset: string,
  ): Promise<{ heads: VersionHead[]; text: string; derived: boolean }> {
    if (!tip) return { heads: [], text: "", derived: false };
    const file = this.at(headsPath(asset));
    const [entries, bytes] = await Promise.all([
      this.recordEntries(tip, asset, false),
      readPath(this.target.cwd, tip, file),
    ]);
    const text = bytes?.toString("utf8") ?? "";
    const parsed = parseHeadLog(text);
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listedVersions(entries.listing));
    if (missing.length === 0) return { heads, text, derived: false };
    const records = await this.readRecordsAt(asset, missing, entries);
    return { heads: withDerived(heads, [...records.values()]), text, derived: true };
  }

  async heads(asset: string): Promise<VersionHead[]> {
    return (await this.headsAt(await this.readTip(), asset)).heads;
  }

  async headLog(asset: string): Promise<HeadLog> {
    const tip = await this.readTip();
    if (!tip) return HeadLog.of([]);
    const file = this.at(headsPath(asset));
    const [entries, bytes] = await Promise.all([
      this.recordEntries(tip, asset, false),
      readPath(this.target.cwd, tip, file),
    ]);
    return HeadLog.index({ whole: bytes?.toString("utf8") ?? "" }, listedVersions(entries.listing), {
      problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
      // Not written back here: the next write of the asset writes its log whole (see headsAt).
      derive: async (version) => {
        const record = (await this.readRecordsAt(asset, [version], entries)).get(version);
        return record && headOf(record);
      },
    });
  }

  async materialization(asset: string, version: number): Promise<MaterializationRecord | undefined> {
    return this.materializationAt(await this.readTip(), asset, version);
  }

  private async materializationAt(
    tip: string | undefined,
    asset: string,
    version: number,
  ): Promise<MaterializationRecord | undefined> {
    if (!tip) return undefined;
    const entries = await this.recordEntries(tip, asset, false, [
      materializationPath(asset, version),
      recordPackPath(asset, blockOf(version)),
    ]);
    return (await this.readRecordsAt(asset, [version], entries)).get(version);
  }

  async series(record: MaterializationRecord): Promise<SeriesPoint[]> {
    if (!record.seriesFile) return record.series;
    const tip = await this.readTip();
    const wanted = record.seriesFile.path;
    const file = this.at(wanted);
    const ownPack = seriesPackPath(record.asset, blockOf(record.version));
    const entries = tip ? await this.list(tip, [ownPack, wanted]) : [];
    const blobOf = new Map(entries.map((e) => [e.path, e.blob]));
    // Its block's pack first, then its own file.
    const packBlob = blobOf.get(this.at(ownPack));
    if (packBlob) {
      const own = (await this.seriesPackOf(this.at(ownPack), packBlob)).get(record.version);
      if (own?.path === wanted) return own.points;
    }
    const looseBlob = blobOf.get(file);
    const bytes = looseBlob ? (await readBlobs(this.target.cwd, [looseBlob])).get(looseBlob) : undefined;
    if (bytes) {
      const { points, problems } = parseSeriesText(bytes.toString("utf8"));
      for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
      return points;
    }
    // Series are named by content, so two versions may share a file; when a pack took it after a
    // later version named it, that pack holds it.
    for (const entry of tip ? await this.list(tip, `series/${record.asset}`) : []) {
      if (packBlock(path.posix.basename(entry.path)) === undefined) continue;
      const points = (await this.seriesPackOf(entry.path, entry.blob)).find(wanted);
      if (points) return points;
    }
    this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
    return [];
  }

  private async seriesPackOf(file: string, blob: string): Promise<SeriesPack> {
    let pack = this.seriesPacks.get(blob);
    if (pack) return pack;
    const bytes = (await readBlobs(this.target.cwd, [blob])).get(blob);
    pack = parseSeriesPack(bytes?.toString("utf8") ?? "", (line, message) =>
      this.problem(`${file}:${line}`, message, PACK_FIX),
    );
    remember(this.seriesPacks, blob, pack, 4);
    return pack;
  }

  private parseJson(file: string, bytes: Buffer | undefined): unknown {
    if (bytes === undefined) {
      this.problem(file, "listed in the branch but its object is missing");
      return undefined;
    }
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      this.problem(file, `not valid JSON (${(error as Error).message})`);
      return undefined;
    }
  }

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    return this.materializationsAt(await this.readTip(), asset);
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    const tip = await this.readTip();
    if (!tip) return [];
    const { cwd } = this.target;
    const entries = await this.list(tip, failuresDir(asset));
    const contents = await readBlobs(
      cwd,
      entries.map((e) => e.blob),
    );
    const records: FailureRecord[] = [];
    for (const entry of entries) {
      const data = this.parseJson(entry.path, contents.get(entry.blob));
      if (data === undefined) continue;
      const parsed = await parseFailure(data, asset);
      if (parsed.ok) records.push(parsed.value);
      else this.problem(entry.path, parsed.error);
    }
    return records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  }

  private async aliasLogAt(
    tip: string | undefined,
    asset: string,
  ): Promise<{ text: string; events: AliasEvent[]; damage: LedgerProblem[] }> {
    if (!tip) return { text: "", events: [], damage: [] };
    const file = this.at(aliasPath(asset));
    const text = (await readPath(this.target.cwd, tip, file))?.toString("utf8") ?? "";
    const { events, problems } = await parseAliasLog(text, asset);
    const damage = problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message));
    return { text, events, damage };
  }

  private async replayAt(tip: string | undefined, asset: string, extra: AliasEvent[] = []) {
    const log = await this.aliasLogAt(tip, asset);
    const events = [...log.events, ...extra];
    // No moves, nothing to check against the records.
    if (events.length === 0) return { log, versions: new Set<number>(), ...replayAliases([], new Set()) };
    // Only the versions the aliases end on need their records read: history does not.
    const { heads } = await this.headsAt(tip, asset);
    const listed = new Set(heads.map((r) => r.version));
    const versions = await holdersWithRecords(events, listed, (v) => this.materializationAt(tip, asset, v));
    return { log, versions, ...replayAliases(events, versions) };
  }

  async aliasState(asset: string): Promise<AliasState> {
    const { log, effective, missing } = await this.replayAt(await this.readTip(), asset);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.at(aliasPath(asset)), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    // Reported with the branch's name, as every problem of this ledger is.
    return {
      history: effective,
      damage: damage.map((d) => ({ ...d, path: `${this.target.branch}:${d.path}` })),
    };
  }

  async aliasHistory(asset: string): Promise<AliasEvent[]> {
    return (await this.aliasState(asset)).history;
  }

  private async locationLogAt(tip: string | undefined, asset: string, version: number) {
    if (!tip) return { text: "", locations: [] as StoreLocation[] };
    const file = this.at(locationsPath(asset, version));
    const text = (await readPath(this.target.cwd, tip, file))?.toString("utf8") ?? "";
    const { locations, problems } = await parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return { text, locations };
  }

  async locations(asset: string, version: number): Promise<StoreLocation[]> {
    return (await this.locationLogAt(await this.readTip(), asset, version)).locations;
  }

  async readCursor(scope: CursorScope): Promise<CursorState | undefined> {
    return this.cursorAt(await this.readTip(), scope);
  }

  private async cursorAt(tip: string | undefined, scope: CursorScope): Promise<CursorState | undefined> {
    if (!tip) return undefined;
    for (const at of cursorLocations(scope)) {
      const file = this.at(at.path);
      const bytes = await readPath(this.target.cwd, tip, file);
      if (!bytes) continue;
      const cursor = await cursorOf(at.scope, bytes.toString("utf8"), (message) =>
        this.problem(file, message),
      );
      if (cursor) return cursor;
    }
    return undefined;
  }

  // ---- writing -------------------------------------------------------------------------------

  /**
   * Fetch, plan the change against the tip, commit, push; on rejection start over from a fresh
   * fetch. `plan` runs once per attempt, so whatever depends on the tip (the next v<N>, the alias
   * holder) is decided again against the tip the commit is built on. A write soon after this
   * ledger fetched or pushed skips the first fetch and builds on the tip it knows (TRUST_TIP_MS):
   * the push's lease refuses it if the remote moved meanwhile, and the next attempt fetches.
   */
  private write<T>(what: string, plan: (tip: string | undefined) => Promise<WritePlan<T>>): Promise<T> {
    // The layout first: every path a plan writes depends on it. Writes still queue in call order.
    return this.settleLayout().then(() => this.enqueue(what, plan));
  }

  private enqueue<T>(what: string, plan: (tip: string | undefined) => Promise<WritePlan<T>>): Promise<T> {
    const run = this.queue.then(() => this.writeNow(what, plan));
    this.queue = run.catch(() => {});
    return run;
  }

  /** True when the next write may build on the tip it knows (see TRUST_TIP_MS). */
  private knowsTip(): boolean {
    return this.fetched && !this.pinned && !this.raced && performance.now() - this.tipAt <= this.trustTipMs;
  }

  private async writeNow<T>(
    what: string,
    plan: (tip: string | undefined) => Promise<WritePlan<T>>,
  ): Promise<T> {
    // Where this write's commit is built until it is pushed (every attempt replaces it); deleted
    // with the push's ref updates, or below when the write ends otherwise.
    const scratch = { ref: scratchRef(this.target, randomUUID()), left: false };
    try {
      return await this.attempts(what, plan, scratch);
    } finally {
      if (scratch.left) await deleteRef(this.target.cwd, scratch.ref);
    }
  }

  private async attempts<T>(
    what: string,
    plan: (tip: string | undefined) => Promise<WritePlan<T>>,
    /** `left`: a commit was built to `ref`, which is still there. */
    scratch: { ref: string; left: boolean },
  ): Promise<T> {
    let lastError = "";
    // Attempt 0 is the guess on the known tip; it is not one of maxAttempts, which fetch.
    const first = this.knowsTip() ? 0 : 1;
    for (let attempt = first; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(jittered(backoffDelay(attempt - 1, this.backoffMs, MAX_BACKOFF_MS)));
      let tip = this.tip;
      if (attempt > 0) {
        const fetched = await fetchLedgerBranch(this.target);
        if (!fetched.ok) {
          lastError = `fetch failed: ${fetched.message}`;
          if (isPermanentFailure(fetched.message)) break;
          continue;
        }
        // A stale read of the shared mirror ref costs an attempt, like a lost push.
        if (!(await this.follow(fetched, attempt < this.maxAttempts))) continue;
        tip = fetched.tip;
      }
      const planned = await plan(tip);
      if ("skip" in planned) {
        this.raced = attempt > first;
        return planned.skip;
      }
      if (!("commit" in planned)) scratch.left = true;
      const commit =
        "commit" in planned
          ? planned.commit
          : await buildCommit({
              cwd: this.target.cwd,
              parent: tip,
              files: planned.files.map((f) => ({ ...f, path: this.at(f.path) })),
              remove: planned.remove?.map((f) => this.at(f)),
              message: planned.message,
              ref: scratch.ref,
            });
      const pushed = await pushLedgerCommit(this.target, commit, tip);
      if (pushed.ok) {
        crashPoint("during-push");
        if (!pushed.watermark)
          this.problem(
            "(history)",
            `the remote refused the ref ${watermarkRef(this.target.branch)} that Kiln moves with the ledger branch, so a force-push of ${this.target.branch} is only noticed by clones that read the later history (not by fresh checkouts in Actions)`,
            "allow pushes to refs/kiln-watermark/* on the remote (a hook or ruleset refused it)",
          );
        this.tip = commit;
        this.tipAt = performance.now();
        this.raced = attempt > first;
        // The seen ref guards this clone against a rewound branch; the mirror ref is only a
        // convenience for people looking at the ledger with git.
        await rememberPushedTip(this.target, commit, scratch.left ? scratch.ref : undefined);
        scratch.left = false;
        return planned.result;
      }
      lastError = `push rejected: ${pushed.message}`;
      if (pushed.permanent) {
        throw new UserError(
          `could not write ${what} to the ledger (${this.description}): ${lastError}.`,
          `let the job's token push to ${this.target.branch} (a branch protection rule, ruleset or hook refuses it); the ledger branch takes only Kiln's fast-forward commits`,
        );
      }
      if (isPermanentFailure(pushed.message)) break;
    }
    this.raced = true;
    if (isPermanentFailure(lastError)) {
      const message =
        `could not write ${what} to the ledger (${this.description}): ${lastError}. ` +
        "Check that the remote exists and the token may push (the job needs `permissions: contents: write`; pull requests from forks cannot write).";
      throw isPermissionDenied(lastError) ? new LedgerWriteDenied(message) : new UserError(message);
    }
    throw new UserError(
      `could not write ${what} to the ledger (${this.description}) after ${this.maxAttempts} attempts; last error: ${lastError}. ` +
        "Many runs may be writing at once: try again.",
    );
  }

  recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    return this.write(`${record.asset}'s new version`, async (tip) => {
      const entries = tip
        ? await this.recordEntries(tip, record.asset, false)
        : { listing: classifyEntries([], versionOfFile), blobs: new Map<string, string>() };
      const named = (await this.aliasLogAt(tip, record.asset)).events.map((e) => e.to);
      const version = nextVersion(entries.blobs.keys(), named);
      const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
      const full = separated.record;
      // The record, its series and its head in one commit: a reader sees all three or none. A
      // log that lacked heads (a branch from before them) is written whole with the derived ones.
      const { heads, text, derived } = await this.headsAt(tip, record.asset);
      const log = derived ? heads.map((h) => `${JSON.stringify(h)}\n`).join("") : endedLines(text);
      const series = separated.series
        ? {
            path: separated.series.path,
            content: separated.series.text ?? readFileSync(separated.series.file, "utf8"),
          }
        : undefined;
      const recordFile = { path: materializationPath(record.asset, version), content: json(full) };
      // Blocks this version completes (and those of a branch written before packs) are packed in
      // the same commit: a reader sees the block loose or packed, never half of each.
      const packed = tip
        ? await this.packsFor(tip, record.asset, entries, { version, text: recordFile.content, series })
        : { files: [], remove: [] };
      return {
        files: [
          ...(series ? [series] : []),
          recordFile,
          { path: headsPath(record.asset), content: `${log}${headLine(full)}\n` },
          ...packed.files,
        ],
        remove: packed.remove,
        message: `kiln: ${record.asset} v${version} (success)`,
        result: full,
      };
    });
  }

  /**
   * The packs of every completed block still loose at `tip` once `added` is written, and the loose
   * files they replace. A block with a missing or unreadable record stays loose (its reader
   * reports it), as in the directory backend.
   */
  private async packsFor(
    tip: string,
    asset: string,
    { listing, blobs }: { listing: RecordListing; blobs: Map<string, string> },
    added: { version: number; text: string; series?: { path: string; content: string } | undefined },
  ): Promise<{ files: Array<{ path: string; content: string }>; remove: string[] }> {
    const files: Array<{ path: string; content: string }> = [];
    const remove: string[] = [];
    const blocks: number[] = [];
    for (let block = 0; block < completedBlocks(added.version); block++) {
      if (listing.packs.has(block)) continue;
      const { first, last } = blockRange(block);
      let complete = true;
      for (let v = first; v <= last && complete; v++) complete = v === added.version || listing.loose.has(v);
      if (complete) blocks.push(block);
    }
    if (blocks.length === 0) return { files, remove };
    const looseBlob = (v: number) => blobs.get(listing.loose.get(v)!)!;
    const versions = blocks.flatMap((b) => {
      const { first, last } = blockRange(b);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((v) => v !== added.version);
    });
    const [records, seriesEntries] = await Promise.all([
      readBlobs(this.target.cwd, versions.map(looseBlob)),
      this.list(tip, `series/${asset}`),
    ]);
    const seriesBlobs = new Map(seriesEntries.map((e) => [e.path, e.blob]));
    // Only the series the records name (the folder also holds the open block's).
    const named = new Set<string>();
    for (const bytes of records.values()) {
      try {
        const file = (JSON.parse(bytes.toString("utf8")) as MaterializationRecord).seriesFile?.path;
        const blob = typeof file === "string" ? seriesBlobs.get(this.at(file)) : undefined;
        if (blob) named.add(blob);
      } catch {
        // an unreadable record keeps its block loose (buildPacks says so)
      }
    }
    const seriesContents = await readBlobs(this.target.cwd, [...named]);
    const seriesText = (file: string): string | undefined => {
      if (file === added.series?.path) return added.series.content;
      const blob = seriesBlobs.get(this.at(file));
      return blob === undefined ? undefined : seriesContents.get(blob)?.toString("utf8");
    };
    for (const block of blocks) {
      const { first, last } = blockRange(block);
      const loose: LooseRecord[] = [];
      for (let v = first; v <= last; v++) {
        const text = v === added.version ? added.text : records.get(looseBlob(v))?.toString("utf8");
        if (text !== undefined) loose.push({ version: v, text });
      }
      const built = await withRecordSchemas(() => buildPacks(asset, block, loose, seriesText));
      if (!built.ok) continue;
      files.push({ path: recordPackPath(asset, block), content: built.value.records });
      for (let v = first; v <= last; v++) remove.push(materializationPath(asset, v));
      if (built.value.series) {
        files.push({ path: seriesPackPath(asset, block), content: built.value.series.text });
        remove.push(...built.value.series.paths);
      }
    }
    return { files, remove };
  }

  recordFailure(record: NewFailure): Promise<FailureRecord> {
    const full: FailureRecord = { schema: RECORD_SCHEMA, ...record };
    const file = failurePath(record.asset, record.startedAt);
    return this.write(`a failure of ${record.asset}`, async () => ({
      files: [{ path: file, content: json(full) }],
      message: `kiln: ${record.asset} ${record.status} (${record.startedAt})`,
      result: full,
    }));
  }

  moveAlias(request: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    const event: AliasEvent = { ...request, at: request.at ?? new Date().toISOString(), id: randomUUID() };
    const show = (v: number | null) => (v === null ? "none" : `v${v}`);
    return this.write<boolean>(`the ${event.alias} alias of ${event.asset}`, async (tip) => {
      const { log, versions, effective } = await this.replayAt(tip, event.asset, [event]);
      // A move that would be void against this tip (someone moved the alias first) is not
      // written at all: the caller learns it lost and may re-evaluate. Nor is a move to a version
      // without a readable record: replay trusts every move it reads.
      if (event.to !== null && !versions.has(event.to)) return { skip: false };
      if (!effective.some((e) => e.id === event.id)) return { skip: false };
      crashPoint("during-alias");
      const base = endedLines(log.text);
      return {
        files: [{ path: aliasPath(event.asset), content: `${base}${JSON.stringify(event)}\n` }],
        message: `kiln: ${event.asset} ${event.alias} ${show(event.from)} → ${show(event.to)}`,
        result: true,
      };
    });
  }

  addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void> {
    if (locations.length === 0) return Promise.resolve();
    return this.write<void>(`locations of ${asset} v${version}`, async (tip) => {
      // Appended to the log as it is at the tip the commit is built on: a concurrent append is
      // kept, because a rejected push plans again against the new tip.
      const { text } = await this.locationLogAt(tip, asset, version);
      const base = endedLines(text);
      return {
        files: [
          {
            path: locationsPath(asset, version),
            content: `${base}${locations.map((l) => JSON.stringify(l)).join("\n")}\n`,
          },
        ],
        message: `kiln: ${asset} v${version} at ${locations.map((l) => l.kind).join(", ")}`,
        result: undefined,
      };
    });
  }

  /**
   * A branch written before projects existed keeps its records at the root. `adopt` moves every
   * root entry into this project's namespace in one commit (atomic: a reader sees either layout
   * whole; a concurrent adopter that lost the push finds nothing left to move). When the move
   * cannot be pushed (a read-only token), this ledger reads the root layout as it is instead.
   */
  async adoptLegacyLayout(choose: LegacyPolicy | (() => Promise<LegacyPolicy>)): Promise<void> {
    const project = this.project;
    if (!project) return;
    const tip = await this.fetchedTip();
    if (!tip) return;
    const legacy = (await rootNames(this.target.cwd, tip)).filter(isLegacyEntry);
    if (legacy.length === 0) return;
    const where = legacy.map((name) => `${name}/`).join(", ");
    const policy = typeof choose === "function" ? await choose() : choose;
    if (policy === "ignore") {
      this.problem(
        where,
        `records from before projects existed sit at the root of the ledger and this repository has several manifests, so Kiln cannot tell whose they are; they are not read. Run \`kiln adopt-ledger --manifest PATH\` with the manifest of the project they belong to`,
      );
      return;
    }
    try {
      const outcome = await this.enqueue<"moved" | "occupied" | "nothing">(
        `the records of project ${project}`,
        async (current) => {
          if (!current) return { skip: "nothing" };
          const moved = await moveRootInto({
            cwd: this.target.cwd,
            parent: current,
            outer: PROJECTS_DIR,
            inner: project,
            select: isLegacyEntry,
            message: `kiln: move the records from before projects into ${projectDir(project)}/`,
          });
          if (moved.kind !== "moved") return { skip: moved.kind };
          return { commit: moved.commit, result: "moved" };
        },
      );
      if (outcome === "occupied") {
        this.problem(
          where,
          `records from before projects existed sit at the root of the ledger, but ${projectDir(project)}/ already exists; they are not read (move them into it by hand if they are this project's)`,
        );
      }
    } catch (error) {
      this.prefix = "";
      this.problem(
        where,
        `the ledger is in the layout from before projects and could not be moved into ${projectDir(project)}/ (${(error as Error).message}); reading it as it is`,
      );
    }
  }

  updateCursor(changes: CursorChanges): Promise<void> {
    // Applied onto the cursor of the tip this attempt builds on: after a lost push the next
    // attempt applies them again onto the winner's cursor (see cursor-changes.ts).
    return this.write<void>(`the cursor of ${changes.scope.name}`, async (tip) => {
      const next = applyCursorChanges(await this.cursorAt(tip, changes.scope), changes);
      if (!next) return { skip: undefined };
      return {
        files: [{ path: cursorPath(changes.scope.name), content: json(next) }],
        message: `kiln: cursor ${changes.scope.name}`,
        result: undefined,
      };
    });
  }
}

/**
 * What to do with a branch still in the layout from before projects (records at its root):
 * `adopt` moves them into this project's namespace in one commit; `ignore` leaves them and says so.
 */
export type LegacyPolicy = "adopt" | "ignore";

export interface OpenBranchLedgerOptions {
  /** A directory inside the repository. */
  root: string;
  /** Its top level when the caller knows it (`null`: outside a repository); else asked here. */
  gitRoot?: string | null | undefined;
  remote?: string | undefined;
  branch?: string | undefined;
  token?: string | undefined;
  /** The remote's URL when the caller asked for it already: not asked again. */
  remoteUrl?: string | undefined;
  project?: string | undefined;
  /** Default `ignore`; a function is asked only when the branch is in the old layout. */
  legacy?: LegacyPolicy | (() => Promise<LegacyPolicy>) | undefined;
}

/** Opens the branch ledger, or fails with what to do when there is no repository or remote. */
export async function openBranchLedger(options: OpenBranchLedgerOptions): Promise<BranchLedger> {
  const remote = options.remote ?? "origin";
  const top = options.gitRoot === undefined ? await repoRoot(options.root) : options.gitRoot;
  if (!top) {
    throw new UserError(
      `the ledger branch needs a git repository, and ${options.root} is not in one`,
      "use the local ledger (--ledger local), or run in a clone",
    );
  }
  const url = options.remoteUrl ?? (await remoteUrl(top, remote));
  if (url === undefined) {
    throw new UserError(
      `the ledger branch is kept on a remote, and this repository has no remote "${remote}"`,
      `add one (git remote add ${remote} URL) or use the local ledger (--ledger local)`,
    );
  }
  const ledger = new BranchLedger({
    cwd: top,
    remote,
    branch: options.branch,
    project: options.project,
    token: options.token,
    remoteUrl: url,
  });
  ledger.settleLegacyLayoutOnFirstUse(options.legacy ?? "ignore");
  return ledger;
}

/**
 * A log's text ready for a line to be appended: a last line cut short (a writer killed mid-line,
 * a hand edit) is ended, so the appended line stays a line of its own.
 */
function endedLines(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}
