// What status works out per asset from the manifest and the checkout's files alone (code version,
// unmatched patterns, dirty, and the logical version for given dependency data versions), kept in
// `.kiln/cache/` for the next command while neither changed: at 2,000 assets, reading the file
// index, matching 50,000 files and hashing every asset's versions was a fifth of a status, and
// most of its live objects.
//
// Never wrongly fresh: an entry is used only when everything it was worked out from is the same.
// - The key holds the manifest text's hash, the environment, where the project is, and git's two
//   answers whole (`git ls-files -s`: every tracked path and its staged blob id, known by the
//   checksum git ends the index file with, of which the listing is a function (CheckoutFiles);
//   `git status`: every modified, deleted and untracked path), so any change to the file list or
//   to a tracked file's committed or staged content misses.
// - A modified or untracked file's content is not in git's answers, nor a symbolic link's target's
//   or a moved submodule's commit: the memo keeps the blob id of each such file a pattern matched,
//   and every read hashes them again; one that differs (or cannot be read) misses.
// - Nor are gitignored files a pattern matched (ignored-files.ts): the memo keeps the ignored files
//   of each folder looked in, and every read lists them again; their content is hashed as above.
// - The logical version depends on the dependencies' data versions, which come from the ledger:
//   it is reused only for exactly the dependency versions it was computed with.
// - Kiln's own build is in the stamp (cacheStamp), and a run with config set at run time (an
//   experiment) uses no memo.
// Ledger facts (heads, records, failures, aliases) and stores are never in the memo: status reads
// them every time.
import path from "node:path";
import { sha256 } from "../domain/hash.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import { cacheFile, cacheStamp, readCacheText, writeCacheText } from "../paths/state-cache.js";
import type { ProjectFiles } from "./fingerprint.js";

/** Bump when what an entry means changes within one build. */
const FORMAT = 2;

/** One asset's facts that depend only on the manifest and the files. */
export interface MemoAsset {
  codeVersion: string;
  unmatched: string[];
  dirty: boolean;
  /** The dependencies' data versions (canonical JSON) `logicalVersion` was computed with. */
  deps?: string | undefined;
  logicalVersion?: string | undefined;
}

/** Stored compactly: at 10,000 assets the memo is read by every status. */
type StoredAsset = [
  codeVersion: string,
  dirty: 0 | 1,
  unmatched: string[],
  deps: string | null,
  lv: string | null,
];

interface Stored {
  stamp: string;
  key: string;
  /** Project-relative path → blob id of each uncommitted file a pattern matched. */
  hashed: Record<string, string>;
  /** Project-relative folder → the gitignored files in it that patterns were looked up among. */
  ignored: Record<string, readonly string[]>;
  assets: Record<string, StoredAsset>;
}

export class VersionsMemo {
  private readonly entries = new Map<string, MemoAsset>();
  private readonly hashedFiles = new Map<string, string>();
  private changed: boolean;

  private constructor(
    private readonly file: string,
    private readonly kilnDir: string,
    private readonly key: string,
    /** The index listing's digest in `key` (CheckoutFiles.indexDigest when the memo was opened). */
    private readonly indexDigest: string,
    private readonly files: ProjectFiles,
    /** The entries of the previous command, when its key matched and its files are unchanged. */
    readonly found: ReadonlyMap<string, MemoAsset> | undefined,
    hashed: Record<string, string>,
  ) {
    this.changed = found === undefined;
    if (found) {
      for (const [name, entry] of found) this.entries.set(name, entry);
      for (const [file, blob] of Object.entries(hashed)) this.hashedFiles.set(file, blob);
    }
  }

  /**
   * The memo of a project's versions in `environment`; undefined where none can be kept or
   * trusted (outside git, where the key would have to hash every file; the manifest's text
   * unknown).
   */
  static async open(options: {
    root: string;
    manifestPath: string;
    projectName: string;
    /** The manifest text's SHA-256 (Project.sourceHash). */
    sourceHash: string | undefined;
    environment: string;
    files: ProjectFiles;
  }): Promise<VersionsMemo | undefined> {
    const { files, sourceHash } = options;
    if (!files.git || sourceHash === undefined) return undefined;
    const kilnDir = path.join(options.root, KILN_DIR_NAME);
    const file = cacheFile(kilnDir, `versions-${encodeURIComponent(options.projectName)}.json`);
    const key = sha256(
      JSON.stringify([
        options.root,
        options.manifestPath,
        files.git.top,
        sourceHash,
        options.environment,
        files.git.files.indexDigest,
        files.git.files.statusDigest,
      ]),
    );
    const indexDigest = files.git.files.indexDigest;
    const stored = readStored(file, key);
    const entries = stored ? entriesOf(stored.assets) : undefined;
    const found =
      entries && (await sameContent(files, stored!.hashed)) && (await sameIgnored(files, stored!.ignored))
        ? entries
        : undefined;
    // Every asset is fingerprinted now: the index listing is read while the rest is set up.
    if (!found) await files.git.files.loadEntries();
    return new VersionsMemo(file, kilnDir, key, indexDigest, files, found, found ? stored!.hashed : {});
  }

  /** The blob id of an uncommitted file a pattern matched, as verified when the memo was read. */
  hashed(file: string): string | undefined {
    return this.hashedFiles.get(file);
  }

  /** Notes an uncommitted file's blob id that a fingerprint took (a memo not found). */
  noteHashed(file: string, blob: string): void {
    if (this.hashedFiles.get(file) === blob) return;
    this.hashedFiles.set(file, blob);
    this.changed = true;
  }

  set(asset: string, entry: MemoAsset): void {
    this.entries.set(asset, entry);
    this.changed = true;
  }

  /** Writes the memo for the next command when this one learned something. */
  save(): void {
    if (!this.changed) return;
    this.changed = false;
    // The listing was read after the key's checksum of the index, and the index changed between
    // the two (CheckoutFiles): what was worked out is not what the key names.
    if (this.files.git?.files.indexDigest !== this.indexDigest) return;
    const assets: Record<string, StoredAsset> = {};
    for (const [name, e] of this.entries)
      assets[name] = [e.codeVersion, e.dirty ? 1 : 0, e.unmatched, e.deps ?? null, e.logicalVersion ?? null];
    const stored: Stored = {
      stamp: cacheStamp(FORMAT),
      key: this.key,
      hashed: Object.fromEntries(this.hashedFiles),
      ignored: Object.fromEntries(this.files.ignored?.answered() ?? []),
      assets,
    };
    writeCacheText(this.kilnDir, this.file, JSON.stringify(stored));
  }
}

/** The stored memo when this build wrote it under `key`; anything else counts as none. */
function readStored(file: string, key: string): Stored | undefined {
  const text = readCacheText(file);
  if (text === undefined) return undefined;
  let stored: Stored;
  try {
    stored = JSON.parse(text) as Stored;
  } catch {
    return undefined;
  }
  if (
    typeof stored !== "object" ||
    stored === null ||
    stored.stamp !== cacheStamp(FORMAT) ||
    stored.key !== key ||
    typeof stored.hashed !== "object" ||
    stored.hashed === null ||
    typeof stored.ignored !== "object" ||
    stored.ignored === null ||
    typeof stored.assets !== "object" ||
    stored.assets === null
  )
    return undefined;
  return stored;
}

/**
 * Whether every hashed file the memo was worked out from (uncommitted, a link's target) still has
 * the same content, hashed as a fingerprint hashes it.
 */
async function sameContent(files: ProjectFiles, hashed: Record<string, string>): Promise<boolean> {
  const checks = Object.entries(hashed).map(([file, blob]) =>
    files.working.blobOf(file).then(
      (now) => now === blob,
      () => false,
    ),
  );
  return (await Promise.all(checks)).every(Boolean);
}

/**
 * Whether the gitignored files patterns were looked up among are the same files: a new one under a
 * glob changes what the pattern matches, and git's status does not list it. Their content is
 * checked with the other hashed files.
 */
async function sameIgnored(
  files: ProjectFiles,
  ignored: Record<string, readonly string[]>,
): Promise<boolean> {
  const folders = Object.keys(ignored);
  if (folders.length === 0) return true;
  if (!files.ignored) return false;
  const now = await Promise.all(folders.map((folder) => files.ignored!.under(folder)));
  return folders.every((folder, i) => JSON.stringify(now[i]) === JSON.stringify(ignored[folder]));
}

/** The entries, or undefined when one is not of the stored shape. */
function entriesOf(assets: Record<string, StoredAsset>): Map<string, MemoAsset> | undefined {
  const entries = new Map<string, MemoAsset>();
  for (const [name, stored] of Object.entries(assets)) {
    if (!Array.isArray(stored) || stored.length !== 5) return undefined;
    const [codeVersion, dirty, unmatched, deps, lv] = stored;
    if (typeof codeVersion !== "string" || !Array.isArray(unmatched)) return undefined;
    entries.set(name, {
      codeVersion,
      dirty: dirty === 1,
      unmatched,
      deps: deps ?? undefined,
      logicalVersion: lv ?? undefined,
    });
  }
  return entries;
}
