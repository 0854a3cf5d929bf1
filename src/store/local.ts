// The local content-addressed store (`.kiln/store/ab/cdef…`): output bytes kept once per content,
// addressed by git blob id. Files enter and leave through a temporary file and a rename, so a crash
// never leaves a half-written object in the store or a half-written output in the workspace, and
// two processes storing the same content at once both end with the one complete object.
import { createHash, randomUUID } from "node:crypto";
import {
  closeSync,
  createWriteStream,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { lstat, mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserError } from "../domain/errors.js";
import { insideOrThrow } from "../paths/containment.js";
import { makeStateDir } from "../paths/kiln-dir.js";
import { openInStateDir, syncDescriptor } from "../paths/state-file.js";
import { moveInto } from "../paths/place.js";
import { blobId, blobIdOfFile, SMALL_FILE_BYTES } from "../version/blob.js";
import type { StoreLocation } from "../domain/records.js";
import type { Store, StoredFile, StoredVersion } from "./types.js";
import { Folder } from "../paths/join.js";

/** A stored object whose bytes no longer match its address: disk damage or a hand edit. */
export class StoreCorruptionError extends UserError {
  constructor(
    readonly objectPath: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `the store object ${objectPath} is corrupt: it should hash to ${expected} but hashes to ${actual}; ` +
        "delete it and rebuild the asset with --force",
    );
    this.name = "StoreCorruptionError";
  }
}

/**
 * Copies `source` to `dest` (which must not exist) and returns the git blob id of the bytes copied,
 * hashed on the way through so a large model is read once. The blob header needs the size before
 * the bytes, so the size is taken first and a file that changes size while copying is an error.
 */
async function copyHashing(source: string, dest: string): Promise<StoredFile> {
  const input = await open(source, "r");
  try {
    const { size } = await input.stat();
    const hash = createHash("sha1").update(`blob ${size}\0`);
    let copied = 0;
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        copied += chunk.length;
        done(null, chunk);
      },
    });
    const output = createWriteStream(dest, { flags: "wx" });
    await pipeline(input.createReadStream({ autoClose: false }), tee, output);
    if (copied !== size) {
      throw new Error(
        `${source} changed while it was being stored (${size} bytes, then ${copied}); run again`,
      );
    }
    return { blob: hash.digest("hex"), size };
  } finally {
    await input.close();
  }
}

/** A file's git blob id and size, read once (a file that changes size meanwhile is caught by the copy). */
async function fileBlob(file: string): Promise<StoredFile> {
  const { size } = await stat(file);
  return { blob: await blobIdOfFile(file), size };
}

/**
 * A small file's bytes (SMALL_FILE_BYTES), read whole through one descriptor, for storing in one
 * synchronous pass: read, hashed and (when new) written and synced, one thread-pool round trip (the
 * sync) instead of about fifteen of the streaming path; undefined when the file is larger. A file
 * whose size or change time moves while it is read (something still writes it) is refused, as the
 * streaming path refuses a copy that disagrees with its hash.
 */
function readSmall(file: string): Buffer | undefined {
  const fd = openSync(file, "r");
  try {
    const before = fstatSync(fd, { bigint: true });
    if (before.size > BigInt(SMALL_FILE_BYTES)) return undefined;
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const after = fstatSync(fd, { bigint: true });
    if (read !== bytes.length || after.size !== before.size || after.ctimeNs !== before.ctimeNs)
      throw new Error(`${file} changed while it was being stored; run again`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LocalStore implements Store {
  readonly kind = "local" as const;
  readonly description: string;
  /** `dir`, for object paths (a status asks one per asset; see paths/join.ts). */
  private readonly objects: Folder;

  /** `dir` is the store folder itself, normally `<root>/.kiln/store`. */
  constructor(readonly dir: string) {
    this.description = dir;
    this.objects = new Folder(dir);
  }

  /** Where the object with this blob id lives: git's own fan-out, `ab/cdef…`. */
  objectPath(blob: string): string {
    if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a git blob id: ${JSON.stringify(blob)}`);
    return this.objects.join(blob.slice(0, 2), blob.slice(2));
  }

  async hasBlob(blob: string): Promise<boolean> {
    return this.hasBlobSync(blob);
  }

  /**
   * Whether the object exists (false for a malformed id): one synchronous stat. `kiln status` asks
   * this for every fresh asset's outputs; a thread-pool round trip per object was a sixth of its
   * CPU time at 2,000 assets, for a call that takes microseconds.
   */
  private hasBlobSync(blob: string): boolean {
    try {
      return existsSync(this.objectPath(blob));
    } catch {
      return false;
    }
  }

  async put(filePath: string): Promise<StoredFile> {
    // Content the store already holds (a rebuild that produced the same bytes, the same file in
    // two outputs) is hashed and nothing more: no copy, no sync. Only new content pays for both.
    const small = readSmall(filePath);
    if (small) return this.putBytes(small);
    const seen = await fileBlob(filePath);
    if (this.hasBlobSync(seen.blob)) return seen;
    await makeStateDir(this.dir);
    // Copy and hash in one pass; the copy, not the workspace file, is what ends up in the store,
    // so a step that still writes to its output cannot make the object disagree with its name.
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    try {
      const stored = await copyHashing(filePath, temp);
      if (stored.blob !== seen.blob) {
        throw new Error(`${filePath} changed while it was being stored; run again`);
      }
      const target = this.objectPath(stored.blob);
      if (this.hasBlobSync(stored.blob)) return stored; // a concurrent writer stored it meanwhile
      // The rename that publishes the copy must not be reordered before its bytes reach the disk.
      await syncFile(temp);
      await mkdir(path.dirname(target), { recursive: true });
      // Two writers of the same content may both get here: rename replaces atomically, and both
      // copies hold the same bytes, so either one is the object.
      await rename(temp, target);
      return stored;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Stores bytes already in memory: hashed, and when new, written to a temporary file in the store,
   * synced (the one round trip to the thread pool) and renamed into place, whole or not at all.
   */
  private async putBytes(bytes: Buffer): Promise<StoredFile> {
    const stored = { blob: blobId(bytes), size: bytes.length };
    if (this.hasBlobSync(stored.blob)) return stored;
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    const fd = openInStateDir(temp, "wx");
    try {
      try {
        for (let written = 0; written < bytes.length; )
          written += writeSync(fd, bytes, written, bytes.length - written);
        // The rename that publishes the copy must not be reordered before its bytes reach the disk.
        await syncDescriptor(fd);
      } finally {
        closeSync(fd);
      }
      const target = this.objectPath(stored.blob);
      // Two writers of the same content may both get here: rename replaces atomically, and both
      // copies hold the same bytes, so either one is the object.
      try {
        renameSync(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(temp, target);
      }
      return stored;
    } finally {
      rmSync(temp, { force: true });
    }
  }

  async get(blob: string, destPath: string): Promise<boolean> {
    const temp = await this.copyOut(blob);
    if (temp === undefined) return false; // also for a malformed id
    try {
      await moveInto(temp, destPath);
      return true;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * A complete, synced copy of the object in a temporary file of the store's folder (on the
   * workspace's file system, never next to a destination: a process killed half-way must not leave
   * a file inside an output folder that a later run would record); undefined when it is absent.
   */
  private async copyOut(blob: string): Promise<string | undefined> {
    if (!(await this.hasBlob(blob))) return undefined;
    const source = this.objectPath(blob);
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    try {
      const copied = await copyHashing(source, temp);
      if (copied.blob !== blob) throw new StoreCorruptionError(source, blob, copied.blob);
      await syncFile(temp);
      return temp;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Keeps a file a remote backend downloaded into a private staging folder as the object
   * `expected` names, moved rather than copied (it is no one else's). "missing" when there is no
   * such plain file, "other" when it holds other bytes: then nothing is kept.
   */
  async adopt(staged: string, expected: StoredFile): Promise<"kept" | "missing" | "other"> {
    const stats = await lstat(staged).catch(() => undefined);
    if (!stats?.isFile()) return "missing";
    if (stats.size !== expected.size || (await blobIdOfFile(staged)) !== expected.blob) return "other";
    if (this.hasBlobSync(expected.blob)) return "kept";
    // The rename that publishes the object must not be reordered before its bytes reach the disk.
    await syncFile(staged);
    await makeStateDir(this.dir);
    await moveInto(staged, this.objectPath(expected.blob));
    return "kept";
  }

  /** Re-hashes one object; undefined when it is intact or absent, else the corruption. */
  async verify(blob: string): Promise<StoreCorruptionError | undefined> {
    if (!(await this.hasBlob(blob))) return undefined;
    const actual = await blobIdOfFile(this.objectPath(blob));
    return actual === blob ? undefined : new StoreCorruptionError(this.objectPath(blob), blob, actual);
  }

  // ---- the Store interface: a version is here when every one of its blobs is ----

  async has(version: StoredVersion): Promise<boolean> {
    return this.hasNow(version);
  }

  /** `has`, answered synchronously (a status asks it of every fresh asset; see StoreChain.available). */
  hasNow(version: StoredVersion): boolean {
    for (const output of Object.values(version.outputs)) if (!this.hasBlobSync(output.blob)) return false;
    return true;
  }

  /**
   * Puts the version's files at their paths under `root`, whole or not at all: every object is
   * copied out and checked against its id first, and only when all of them are complete are they
   * renamed into place, so a version the store cannot give whole (an object missing or corrupt)
   * leaves the workspace as it was. (The renames are one per file: a kill between two leaves a mix,
   * which the next restore replaces, since restores compare content.) This is the one way a version's files enter the workspace: the
   * chain keeps what a remote backend downloads here first (adopt), then places it from here.
   */
  async restore(version: StoredVersion, root: string): Promise<boolean> {
    if (!this.hasNow(version)) return false;
    const entries = Object.entries(version.outputs);
    const targets: string[] = [];
    for (const [file] of entries) targets.push(await insideOrThrow(root, file, "write"));
    const temps: string[] = [];
    try {
      for (const [, output] of entries) {
        const temp = await this.copyOut(output.blob);
        if (temp === undefined) return false; // removed meanwhile (a `kiln gc`)
        temps.push(temp);
      }
      for (const [i, temp] of temps.entries()) await moveInto(temp, targets[i]!);
      return true;
    } finally {
      await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    }
  }

  /** The version's files under a private staging folder (the Store interface: see types.ts). */
  fetch(version: StoredVersion, staging: string): Promise<boolean> {
    return this.restore(version, staging);
  }

  async save(version: StoredVersion, root: string): Promise<StoreLocation[]> {
    for (const [file, output] of Object.entries(version.outputs)) {
      const stored = await this.put(await insideOrThrow(root, file, "read"));
      if (stored.blob !== output.blob) {
        throw new Error(
          `${file} changed while ${version.asset} v${version.version} was being stored; run again`,
        );
      }
    }
    return [{ kind: "local", ref: this.description }];
  }

  describeLookup(): string {
    return this.description;
  }
}
