// Files in `.kiln/cache/`: answers Kiln worked out once and may reuse while what they were worked
// out from is unchanged (the parsed manifest, the records already found intact). A cache is a help,
// never a source of truth or of errors: each entry says which build of Kiln wrote it, a reader
// ignores one that is unreadable, cut short or from another build, and a writer replaces it by
// temp+rename, so concurrent commands never read half of one.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kilnVersion } from "../domain/kiln-version.js";
import { replaceFileSync } from "./place.js";

declare const __KILN_BUILD__: string | undefined;

let running: string | undefined;

/**
 * The running build: in a bundle, the digest of what it was built from (scripts/build-id.mjs);
 * run from source (development, tests), the size and time of every file of src/, so an edit
 * anywhere is another build. One file's size and time are not enough: esbuild puts this module in a
 * chunk that stays byte-identical while the code that works out versions changes, and npm gives
 * every file of a package the same time.
 */
function runningBuild(): string {
  if (typeof __KILN_BUILD__ !== "undefined") return __KILN_BUILD__;
  try {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
    const hash = createHash("sha256");
    for (const name of readdirSync(src, { recursive: true, encoding: "utf8" }).sort()) {
      const stat = statSync(path.join(src, name));
      if (stat.isFile()) hash.update(`${name}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
    return `src-${hash.digest("hex").slice(0, 16)}`;
  } catch {
    // Nothing to tell builds apart by: no cache entry matches, every command works things out.
    return `unknown-${randomUUID()}`;
  }
}

/**
 * What wrote an entry: the caller's format number, Kiln's and Node's versions, and the build of the
 * running code, so a rebuilt Kiln of the same version number never reads what another build
 * worked out.
 */
export function cacheStamp(format: number): string {
  running ??= runningBuild();
  return `${format} ${kilnVersion()} ${process.version} ${running}`;
}

/** `<kilnDir>/cache/<name>`. */
export function cacheFile(kilnDir: string, name: string): string {
  return path.join(kilnDir, "cache", name);
}

/** A cache file's text, or undefined when it is absent or unreadable. */
export function readCacheText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Replaces a cache file of the `.kiln` folder `kilnDir`. Only where Kiln already keeps state (a
 * `.kiln` folder that ignores itself): a read-only command in a fresh clone leaves no files
 * behind. A failure to write (a read-only checkout, a full disk) costs the next command the work
 * again, nothing else.
 */
export function writeCacheText(kilnDir: string, file: string, text: string): void {
  if (!existsSync(path.join(kilnDir, ".gitignore"))) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    replaceFileSync(file, text);
  } catch {
    // Not kept: the next command does the work again.
  }
}

/**
 * Calls `save` once the current burst of reads is done (on the next turn of the event loop),
 * however often it is asked meanwhile: a cache learned from thousands of reads is written once.
 */
export function onceAfterBurst(save: () => void): () => void {
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
