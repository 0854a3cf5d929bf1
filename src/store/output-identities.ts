// Whether a file in the workspace holds a given blob: the one answer every restore needs (a fresh
// asset's outputs at the end of a run, early cutoff, a dependency before a step, `kiln pull`) and
// the only place Kiln answers it.
//
// A size is not an answer: two versions of a model of one architecture have the same size and
// other weights, and a checkout of an older commit left the newer bytes where status said the older
// version was. Hashing every output of every fresh asset on every run is an answer, and what the
// size check was there to avoid. So this module remembers, in `.kiln/cache/output-identities.json`,
// the identity (device, inode, size, modification and change times to the nanosecond;
// paths/file-identity.ts) of each output file Kiln hashed, stored or restored, with the blob it
// held. A file holds blob X when its size is X's and either its identity now is the one noted with
// X, or hashing it gives X; a file hashed is noted, so the next run asks the disk one stat.
//
// Never wrong: an identity is noted from a stat taken before the file was read, and only once its
// change time is RACY_MS old (git's racy rule): any change after the stat, a rewrite in place of
// the same size included, gives the file another identity. Files Kiln has just written are
// therefore hashed again by the first command at least RACY_MS later, and noted then. The memo is a
// cache (paths/state-cache.ts): absent, damaged or from another build, every file is hashed once.
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { RACY_MS, type Stamp, stampOf, statNow, writtenBehind } from "../paths/file-identity.js";
import {
  cacheFile,
  cacheStamp,
  onceAfterBurst,
  readCacheText,
  writeCacheText,
} from "../paths/state-cache.js";
import { blobId, blobIdOfFile, SMALL_FILE_BYTES } from "../version/blob.js";
import type { StoredFile } from "./types.js";

/** Bump when what an entry means changes. */
const FORMAT = 1;

/**
 * At most this many files are remembered (the most recently noted): a folder output of a hundred
 * thousand files costs its hashes beyond the bound, not a memo that grows without end.
 */
export const MAX_FILES = 100_000;

/** A file's identity, the blob it held, and when it was noted (ms; the oldest go first). */
type Noted = [identity: string, blob: string, at: number];

/** As kept: by workspace root, then by path relative to it. */
type Kept = Record<string, Record<string, Noted>>;

export class OutputIdentities {
  private kept: Kept | undefined;
  /** What this process learned, by root and path; null: the kept entry no longer holds. */
  private readonly learned = new Map<string, Map<string, Noted | null>>();
  private readonly saveSoon = onceAfterBurst(() => this.save());
  private unsaved = false;

  private readonly racyMs: number;
  private readonly maxFiles: number;

  constructor(
    /** The `.kiln` folder whose cache keeps the memo; undefined: remembered in this process only. */
    private readonly kilnDir: string | undefined,
    options: {
      /** RACY_MS; tests make it negative, to keep identities however young (as if stat'd later). */
      racyMs?: number;
      /** MAX_FILES. */
      maxFiles?: number;
    } = {},
  ) {
    this.racyMs = options.racyMs ?? RACY_MS;
    this.maxFiles = options.maxFiles ?? MAX_FILES;
  }

  private get file(): string | undefined {
    return this.kilnDir === undefined ? undefined : cacheFile(this.kilnDir, "output-identities.json");
  }

  /**
   * Read on first use; anything but a file this build wrote counts as empty. Kept as parsed (no
   * maps built): a run of 2,000 fresh assets looks each of its outputs up once.
   */
  private load(): Kept {
    if (this.kept) return this.kept;
    this.kept = {};
    const text = this.file === undefined ? undefined : readCacheText(this.file);
    if (text === undefined) return this.kept;
    try {
      const data = JSON.parse(text) as { stamp?: unknown; roots?: Kept };
      if (data.stamp === cacheStamp(FORMAT) && data.roots && typeof data.roots === "object")
        this.kept = data.roots;
    } catch {
      // Damaged: as if absent.
    }
    return this.kept;
  }

  private noted(root: string, file: string): Noted | undefined {
    const learned = this.learned.get(root)?.get(file);
    if (learned !== undefined) return learned ?? undefined;
    const kept = this.load();
    const files = Object.hasOwn(kept, root) ? kept[root] : undefined;
    const noted = files && Object.hasOwn(files, file) ? files[file] : undefined;
    return isNoted(noted) ? noted : undefined;
  }

  /**
   * Whether `file` (relative to `root`; `absolute` is where it is) holds `expected`: false when it
   * is absent, not a regular file or of another size; else by its identity when noted, else by
   * hashing it (noted then).
   */
  async holds(
    root: string,
    file: string,
    expected: StoredFile,
    absolute = path.resolve(root, file),
  ): Promise<boolean> {
    const now = this.holdsNow(root, file, expected, absolute);
    if (typeof now === "boolean") return now;
    let actual: string;
    try {
      actual = await blobIdOfFile(absolute);
    } catch {
      return false;
    }
    this.note(root, file, now, actual);
    return actual === expected.blob;
  }

  /**
   * holds() as far as it goes without waiting: the answer, or, for a large file that must be
   * hashed (streamed), its identity taken before it is read. Synchronous: a run of 2,000 fresh
   * assets asks this of every output, one after the other, and a stat through the thread pool
   * costs a round trip each (the answer is a few microseconds).
   */
  holdsNow(root: string, file: string, expected: StoredFile, absolute: string): boolean | Stamp {
    const now = statNow(absolute);
    if (!now?.stats.isFile() || now.stats.size !== BigInt(expected.size)) return false;
    const stamp = stampOf(now.stats, now.at, this.racyMs);
    const noted = this.noted(root, file);
    if (noted?.[0] === stamp.key) return noted[1] === expected.blob;
    // A small file (the common output) is hashed from one synchronous read: the streaming hash
    // costs several thread-pool round trips before a dependant's step may start.
    if (expected.size > SMALL_FILE_BYTES) return stamp;
    let actual: string;
    try {
      actual = blobId(readFileSync(absolute));
    } catch {
      return false;
    }
    this.note(root, file, stamp, actual);
    return actual === expected.blob;
  }

  /** The identity of `file` now, before it is read to be stored (see note); undefined when absent. */
  stamp(root: string, file: string, absolute = path.resolve(root, file)): Stamp | undefined {
    const now = statNow(absolute);
    return now ? stampOf(now.stats, now.at, this.racyMs) : undefined;
  }

  /**
   * Notes that `file`, stat'd as `stamp` before it was read, held `blob`. An identity too young to
   * keep only drops what was noted for the path before.
   */
  note(root: string, file: string, stamp: Stamp | undefined, blob: string): void {
    const entry: Noted | null = stamp?.keep ? [stamp.key, blob, Date.now()] : null;
    const before = this.noted(root, file);
    if (entry === null ? before === undefined : before?.[0] === entry[0] && before[1] === blob) return;
    let files = this.learned.get(root);
    if (!files) {
      files = new Map();
      this.learned.set(root, files);
    }
    files.set(file, entry);
    if (this.file === undefined) return;
    this.unsaved = true;
    this.saveSoon();
  }

  /**
   * Writes what this process learned over what was kept (concurrent commands in one checkout: the
   * last to save wins, and the other's files are hashed once more), the most recently noted first.
   */
  save(): void {
    const file = this.file;
    if (!this.unsaved || file === undefined || this.kilnDir === undefined) return;
    this.unsaved = false;
    const all: Array<[root: string, file: string, noted: Noted]> = [];
    for (const [root, files] of Object.entries(this.load())) {
      const learned = this.learned.get(root);
      for (const [name, noted] of Object.entries(files))
        if (!learned?.has(name) && isNoted(noted)) all.push([root, name, noted]);
    }
    for (const [root, files] of this.learned)
      for (const [name, noted] of files) if (noted) all.push([root, name, noted]);
    if (all.length > this.maxFiles) all.sort((a, b) => b[2][2] - a[2][2]).length = this.maxFiles;
    // Without prototypes: a file named `__proto__` is a name like any other.
    const roots: Kept = Object.create(null);
    for (const [root, name, noted] of all) {
      let files = roots[root];
      if (!files) {
        files = Object.create(null) as Record<string, Noted>;
        roots[root] = files;
      }
      files[name] = noted;
    }
    const start = Date.now();
    const before = statSync(file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, file, JSON.stringify({ stamp: cacheStamp(FORMAT), roots }));
    if (writtenBehind(file, before, start)) rmSync(file, { force: true });
  }
}

/** A kept entry as this build writes them (a damaged one is no answer, and is dropped). */
function isNoted(value: unknown): value is Noted {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    typeof value[2] === "number"
  );
}
