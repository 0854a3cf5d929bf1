// Passes an asset's outputs between jobs of one workflow run through the GitHub Actions cache,
// keyed by data version: the same bytes always live under the same immutable key, so a job that
// depends on `features@<dataVersion>` restores exactly the outputs its plan was computed from.
// A cache hit is a bonus, never a guarantee: entries saved on a pull request are invisible to the
// base branch, unused entries are evicted after 7 days, a repository holds 10 GB.
import { sha256 } from "../domain/hash.js";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import * as cache from "@actions/cache";
import type { StoreLocation } from "../domain/records.js";
import { moveInto } from "../paths/place.js";
import type { Store, StoredVersion } from "./types.js";

const MAX_KEY = 512;

export interface CacheOutputsInput {
  asset: string;
  dataVersion: string;
  /** Output paths relative to `root`, as declared in kiln.yml. */
  paths: string[];
  /** The project root the paths are relative to. */
  root: string;
}

export interface SaveCacheEntryResult {
  location: StoreLocation;
  /** False when the key already existed: entries are immutable, and equal keys mean equal bytes. */
  saved: boolean;
}

/** `kiln-<asset>-<dataVersion>`; hashed down when it would pass GitHub's 512-character limit. */
export function cacheKey(asset: string, dataVersion: string): string {
  const key = `kiln-${asset}-${dataVersion}`.replaceAll(",", "_");
  if (key.length <= MAX_KEY) return key;
  const digest = sha256(key);
  return `${key.slice(0, MAX_KEY - digest.length - 1)}-${digest}`;
}

/**
 * @actions/cache archives and unpacks relative to GITHUB_WORKSPACE, read while it works; an entry
 * unpacked into a staging folder changes it for as long as that takes (unpackCacheEntry), so this
 * process's saves and unpacks take turns. (Lookups read no folder.)
 */
let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const mine = turn.then(work, work);
  turn = mine.catch(() => {});
  return mine;
}

export async function saveCacheEntry(input: CacheOutputsInput): Promise<SaveCacheEntryResult> {
  const key = cacheKey(input.asset, input.dataVersion);
  const id = await inTurn(() => cache.saveCache(cachePaths(input), key));
  return { location: { kind: "cache", ref: key }, saved: id !== -1 };
}

/** Restores the outputs at their paths under `root`; false on a cache miss. */
export async function restoreCacheEntry(input: CacheOutputsInput, lookupOnly = false): Promise<boolean> {
  const key = cacheKey(input.asset, input.dataVersion);
  // No restore keys: a different data version is different bytes, never an acceptable fallback.
  const matched = await cache.restoreCache(cachePaths(input), key, [], { lookupOnly });
  return matched === key;
}

/**
 * Unpacks the entry into `dir` instead of the workspace: the archive holds the outputs at their
 * paths relative to the checkout (GITHUB_WORKSPACE), so they land there under `dir`. Returns the
 * folder under `dir` that stands for the project root; undefined on a cache miss.
 */
export function unpackCacheEntry(input: CacheOutputsInput, dir: string): Promise<string | undefined> {
  return inTurn(async () => {
    const before = process.env.GITHUB_WORKSPACE;
    const projectRoot = join(dir, relative(before ?? process.cwd(), resolve(input.root)));
    process.env.GITHUB_WORKSPACE = dir;
    try {
      return (await restoreCacheEntry(input)) ? projectRoot : undefined;
    } finally {
      if (before === undefined) delete process.env.GITHUB_WORKSPACE;
      else process.env.GITHUB_WORKSPACE = before;
    }
  });
}

/**
 * The cache version hashes the path strings, so they must be identical in every job: paths
 * relative to the working directory, sorted, never absolute (workspaces differ between runners).
 * @actions/cache globs them against the working directory and archives them relative to
 * GITHUB_WORKSPACE; on a runner both are the checkout, which is what this relies on.
 */
function cachePaths(input: CacheOutputsInput): string[] {
  const cwd = process.cwd();
  return [...new Set(input.paths)]
    .map((p) => {
      if (isAbsolute(p)) throw new Error(`output path ${p} must be relative to the project root`);
      return relative(cwd, join(resolve(input.root), p))
        .split("\\")
        .join("/");
    })
    .sort();
}

/** The Actions cache as a store backend; only inside a workflow job (it needs the runtime token). */
export class ActionsCacheStore implements Store {
  readonly kind = "cache" as const;
  readonly description = "the Actions cache";

  /**
   * `root`: the project root the outputs' paths are relative to (the manifest's folder, which may be
   * below the checkout). A lookup must name the same paths as the save, since the cache version
   * hashes them (see cachePaths).
   */
  constructor(private readonly root: string) {}

  /** False outside Actions, where the cache service is not reachable. */
  static available(): boolean {
    return cache.isFeatureAvailable();
  }

  private input(version: StoredVersion, root: string): CacheOutputsInput {
    return {
      asset: version.asset,
      dataVersion: version.dataVersion,
      paths: Object.keys(version.outputs),
      root,
    };
  }

  has(version: StoredVersion): Promise<boolean> {
    return restoreCacheEntry(this.input(version, this.root), true);
  }

  /**
   * The entry is unpacked into a folder of its own under `staging` (its archive holds paths
   * relative to the checkout, and the project may be a subfolder of it); the record's files are
   * then moved to their paths under `staging`. A tar that fails half-way never touches the
   * workspace.
   */
  async fetch(version: StoredVersion, staging: string): Promise<boolean> {
    const unpacked = join(staging, `.cache-${randomUUID()}`);
    try {
      const projectRoot = await unpackCacheEntry(this.input(version, this.root), unpacked);
      if (projectRoot === undefined) return false;
      for (const file of Object.keys(version.outputs)) {
        const entry = join(projectRoot, file);
        // A file the entry lacks stays absent: the chain names it.
        if (existsSync(entry)) await moveInto(entry, join(staging, file));
      }
      return true;
    } finally {
      await rm(unpacked, { recursive: true, force: true });
    }
  }

  async save(version: StoredVersion, root: string): Promise<StoreLocation[]> {
    const input = this.input(version, root);
    const saved = await saveCacheEntry(input);
    // @actions/cache answers a failed upload and an existing key alike (a warning, id -1); an
    // existing key holds the same bytes (the key is the data version), so ask whether it is there.
    if (!saved.saved && !(await restoreCacheEntry(input, true))) {
      throw new Error(
        `could not save ${version.asset}'s outputs to the Actions cache (key ${saved.location.ref})`,
      );
    }
    return [saved.location];
  }

  describeLookup(version: StoredVersion): string {
    return `${this.description} (key ${cacheKey(version.asset, version.dataVersion)})`;
  }
}
