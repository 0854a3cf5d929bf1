// One chain of stores that the CLI and the action resolve bytes through: the local directory
// first, then the Actions cache, artifacts and release assets. Whatever a remote backend gives back
// is checked against the record's blob ids and kept in the local store, so every later reader in
// this workspace (a dependant's step, the report) finds it locally.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { StoreLocation } from "../domain/records.js";
import type { StoreKind as StoreTier } from "../manifest/project.js";
import { type Inside, insideOrThrow, lexicallyInside, resolveInside } from "../paths/containment.js";
import { kilnTempDir, makeStateDir } from "../paths/kiln-dir.js";
import { ownedTempName, removeAbandonedTemp } from "../paths/workspace-lock.js";
import type { LocalStore } from "./local.js";
import { OutputIdentities } from "./output-identities.js";
import type { Store, StoredFile, StoredVersion } from "./types.js";
import { removeUnlistedFiles } from "./unlisted-files.js";

export type RestoreResult =
  | {
      ok: true;
      /** Files written into the workspace (the others were already up to date). */
      restored: string[];
      /** The backend they came from; undefined when nothing was needed. */
      from?: Store | undefined;
    }
  | { ok: false; error: string };

/** The staging folders under `.kiln/tmp` that remote backends download into (fetchIntoLocal). */
const STAGING_PREFIX = "fetch-";

/** The backends an asset's `store` names: every tier up to the one it asks for. */
const TIERS: Record<StoreTier, StoreLocation["kind"][]> = {
  cache: ["cache"],
  artifact: ["cache", "artifact"],
  release: ["cache", "artifact", "release"],
};

export interface StoreChainOptions {
  /** False on pull-request runs: they publish nothing public (no release assets). */
  publishPublic?: boolean | undefined;
  /**
   * Appends locations published after a version's record was written (the ledger's
   * `addLocations`): a version fetched from an artifact or release is kept in this ref's cache.
   */
  recordLocations?: ((version: StoredVersion, locations: StoreLocation[]) => Promise<void>) | undefined;
  /**
   * An asset's declared outputs (the manifest's): a restored version's folders hold only its own
   * files, never another version's extra ones (unlisted-files.ts). Without it, nothing is removed.
   */
  declaredOutputs?: ((asset: string) => readonly string[] | undefined) | undefined;
  /**
   * What says whether a workspace file holds a recorded blob (output-identities.ts); without one,
   * a memo kept in this process only (every file already there is hashed once).
   */
  identities?: OutputIdentities | undefined;
}

export class StoreChain {
  private readonly openRemotes: () => Promise<readonly Store[]>;
  private opened: Promise<readonly Store[]> | undefined;
  /** Workspaces whose abandoned staging folders this chain has removed (once each). */
  private readonly swept = new Map<string, Promise<unknown>>();
  /** Whether a workspace file holds a blob: every comparison of a file with a record goes here. */
  readonly identities: OutputIdentities;

  /**
   * `remotes` may be given as a function that opens them: it is called once, when a version is
   * first looked for beyond the local store or saved. The remote backends bring the Actions
   * toolkit, Azure's SDK and Octokit, several megabytes that every workflow job would otherwise
   * compile at start, including the jobs that never leave the local store (src/store/open.ts).
   */
  constructor(
    readonly local: LocalStore,
    remotes: readonly Store[] | (() => Promise<readonly Store[]>) = [],
    private readonly options: StoreChainOptions = {},
  ) {
    this.openRemotes = typeof remotes === "function" ? remotes : async () => remotes;
    this.identities = options.identities ?? new OutputIdentities(undefined);
  }

  /** The remote backends, in the order they are asked (opened on first use). */
  remotes(): Promise<readonly Store[]> {
    this.opened ??= this.openRemotes();
    return this.opened;
  }

  /** Every backend in the order they are asked: the local store, then the remotes. */
  private async *stores(): AsyncGenerator<Store> {
    yield this.local;
    yield* await this.remotes();
  }

  /** Whether some backend can give the version's bytes (no download). */
  async available(version: StoredVersion): Promise<boolean> {
    // The local store first, as stores() gives them, without a generator: a status asks this of
    // every fresh asset, and the local store has nearly all of them.
    const has = async (store: Store) => {
      try {
        return await store.has(version);
      } catch {
        // An unreachable backend has nothing to give; the next one may.
        return false;
      }
    };
    if (this.local.hasNow(version)) return true;
    for (const store of await this.remotes()) if (await has(store)) return true;
    return false;
  }

  /**
   * Whether the version's outputs are all in place under `root` already, answered without waiting
   * (restore() would write and remove nothing): a run of 2,000 fresh assets asks this of each, and
   * a promise chain per asset cost more than its one stat per output. False when it cannot tell
   * that way — a large file to hash, a declared folder whose unlisted files restore() removes, a
   * path restore() refuses — and restore() then decides, and says why.
   */
  inPlaceNow(root: string, version: StoredVersion): boolean {
    for (const output of this.options.declaredOutputs?.(version.asset) ?? [])
      if (!Object.hasOwn(version.outputs, output)) return false;
    for (const [file, output] of Object.entries(version.outputs)) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok || this.identities.holdsNow(root, file, output, inside.path) !== true) return false;
    }
    return true;
  }

  /**
   * Puts the version's outputs at their paths under `root`, from the first backend that has them.
   * Fails with the version, the missing files and every place looked at.
   */
  async restore(root: string, version: StoredVersion): Promise<RestoreResult> {
    const files = Object.entries(version.outputs);
    // Every backend writes the recorded paths under `root`: all of them are checked before any
    // backend is asked, so a refused version writes nothing (a record can name any path: the
    // ledger is a branch anyone with push access can edit). Their text first, which is enough to
    // look at what is there; their real locations (symlinks resolved) only once something is to
    // be written: a run of 2,000 fresh assets whose outputs are all in place resolves none.
    const refusal = (inside: Inside): RestoreResult =>
      inside.ok
        ? { ok: true, restored: [] }
        : {
            ok: false,
            error: `refusing to restore ${version.asset} v${version.version}: ${inside.error}; nothing was written (${inside.hint})`,
          };
    const at: string[] = [];
    for (const [file] of files) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok) return refusal(inside);
      at.push(inside.path); // path.resolve(root, file)
    }
    const declared = this.options.declaredOutputs?.(version.asset) ?? [];
    const missing: string[] = [];
    // Files already in place are compared by content (a size is no answer: two versions of a model
    // of one architecture have the same), through the memo of files already hashed.
    for (const [i, [file, output]] of files.entries())
      if (!(await this.identities.holds(root, file, output, at[i]))) missing.push(file);
    if (missing.length === 0) {
      await removeUnlistedFiles(root, declared, version.outputs);
      return { ok: true, restored: [] };
    }
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok) return refusal(inside);
    }

    await this.removeAbandonedStaging(root);
    const looked: string[] = [];
    for await (const store of this.stores()) {
      looked.push(store.describeLookup(version));
      const note = (text: string) => {
        looked[looked.length - 1] += ` (${text})`;
      };
      try {
        // A remote backend's bytes go into the local store first, each checked against the
        // record; the local store then places the version whole (LocalStore.restore). Nothing in
        // the workspace changes until every file is at hand.
        if (store !== this.local) {
          const fetched = await this.fetchIntoLocal(store, version, root);
          if (fetched !== undefined) {
            if (fetched !== "") note(fetched);
            continue;
          }
        } else if (!this.local.hasNow(version)) continue;
        // Before the files are placed: a listed file where another version has a folder needs its
        // place. Only now: a version no store has whole must not cost the files on disk.
        await removeUnlistedFiles(root, declared, version.outputs, "blocking");
        if (!(await this.local.restore(version, root))) continue;
      } catch (error) {
        note(`failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const wrong: string[] = [];
      for (const [i, [file, output]] of files.entries())
        if (!(await this.identities.holds(root, file, output, at[i]))) wrong.push(file);
      if (wrong.length > 0) {
        // Changed under the restore (another process writing the same outputs): not the version's
        // bytes, so nothing is left in place that is not some version's output.
        note(`gave other bytes for ${wrong.join(", ")}`);
        await Promise.all(wrong.map((file) => rm(path.resolve(root, file), { force: true }).catch(() => {})));
        continue;
      }
      // The version's bytes are in place: another version's files under its folders go.
      await removeUnlistedFiles(root, declared, version.outputs);
      if (store.kind === "artifact" || store.kind === "release") await this.recache(version, root);
      return { ok: true, restored: missing, from: store };
    }
    return {
      ok: false,
      error:
        `the outputs of ${version.asset} v${version.version} (${missing.join(", ")}) are in no store; looked in ` +
        `${looked.join("; ")}. Rebuild it with \`kiln run ${version.asset} --force\``,
    };
  }

  /**
   * A `kiln pull` or a run killed while a backend downloaded into its staging folder leaves the
   * folder, possibly gigabytes, that nothing else removes. Before the first restore that writes,
   * the staging folders of processes that are gone are removed; a live process's (a concurrent
   * `kiln pull` in the same workspace) is told apart by its name (ownedTempName) and stays.
   */
  private removeAbandonedStaging(root: string): Promise<unknown> {
    let sweep = this.swept.get(root);
    if (!sweep) {
      sweep = removeAbandonedTemp(kilnTempDir(root), STAGING_PREFIX);
      this.swept.set(root, sweep);
    }
    return sweep;
  }

  /**
   * Has `store` download the version into a staging folder under `.kiln/tmp` and keeps every
   * file that matches the record in the local store. Undefined when all of them are now there;
   * else what to say about this backend ("" for a plain miss).
   */
  private async fetchIntoLocal(
    store: Store,
    version: StoredVersion,
    root: string,
  ): Promise<string | undefined> {
    const staging = path.join(kilnTempDir(root), ownedTempName(STAGING_PREFIX));
    await makeStateDir(staging);
    try {
      if (!(await store.fetch(version, staging))) return "";
      const lacking: string[] = [];
      const other: string[] = [];
      for (const [file, output] of Object.entries(version.outputs)) {
        // Through the containment check: an archive's symbolic link must not lead the read out.
        const staged = await resolveInside(staging, file);
        const kept = staged.ok ? await this.local.adopt(staged.path, output) : "missing";
        if (kept === "missing") lacking.push(file);
        else if (kept === "other") other.push(file);
      }
      const said = [
        ...(lacking.length > 0 ? [`lacks ${lacking.join(", ")}`] : []),
        ...(other.length > 0 ? [`gave other bytes for ${other.join(", ")}`] : []),
      ];
      return said.length > 0 ? said.join("; ") : undefined;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /**
   * Bytes that had to come from an artifact or a release (evicted, or cached on another ref) go
   * into this ref's cache, so the run's other jobs find them there; the entry is added to the
   * ledger. Best effort: a failure here costs only a slower restore next time.
   */
  private async recache(version: StoredVersion, root: string): Promise<void> {
    const cache = (await this.remotes()).find((s) => s.kind === "cache");
    if (!cache) return;
    try {
      const locations = await cache.save(version, root);
      await this.options.recordLocations?.(version, locations);
    } catch {
      // Nothing lost: the bytes are in the workspace and in the backend they came from.
    }
  }

  /**
   * Keeps a step's output file (`file`, relative to `root`) in the local store and notes what it
   * holds, so a later restore of this version does not hash it again.
   */
  async putOutput(root: string, file: string): Promise<StoredFile> {
    const absolute = path.resolve(root, file);
    // Stat'd before the store reads it: a change made meanwhile gives the file another identity.
    const stamp = this.identities.stamp(root, file, absolute);
    const stored = await this.local.put(absolute);
    this.identities.note(root, file, stamp, stored.blob);
    return stored;
  }

  /**
   * Makes a version's bytes durable in the backends its asset's `store` names, before its record
   * is written. Throws when one of them fails, so no record ever points at bytes kept nowhere —
   * except the Actions cache when a durable backend (an artifact, a release) kept them: a cache
   * entry is a bonus, never a guarantee (evicted after 7 days unused, refused by policy, a 5xx),
   * so its failure is `warn`ed and the version recorded without it. With `store: cache` the cache
   * is the only remote copy, and its failure stays one.
   */
  async save(
    version: StoredVersion,
    root: string,
    tier: StoreTier,
    options: { warn?: ((message: string) => void) | undefined } = {},
  ): Promise<StoreLocation[]> {
    const locations: StoreLocation[] = [];
    // An asset without outputs (a check, a notification) has no bytes to keep, and the remote
    // backends refuse an empty upload.
    if (Object.keys(version.outputs).length === 0) return locations;
    // Bytes read from outside the project must never be published.
    for (const file of Object.keys(version.outputs)) await insideOrThrow(root, file, "read");
    const wanted = new Set(TIERS[tier]);
    if (this.options.publishPublic === false) wanted.delete("release");
    let cacheFailure: unknown;
    const durable: string[] = [];
    for (const store of await this.remotes()) {
      if (!wanted.has(store.kind)) continue;
      if (store.kind !== "cache") {
        locations.push(...(await store.save(version, root)));
        durable.push(store.description);
        continue;
      }
      try {
        locations.push(...(await store.save(version, root)));
      } catch (error) {
        cacheFailure = error;
      }
    }
    if (cacheFailure !== undefined) {
      const why = cacheFailure instanceof Error ? cacheFailure.message : String(cacheFailure);
      if (durable.length === 0) throw cacheFailure;
      options.warn?.(
        `${why}; the version is kept in the ${durable.join(" and the ")}, which later jobs download it from`,
      );
    }
    return locations;
  }
}
