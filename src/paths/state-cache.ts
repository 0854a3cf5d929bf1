// Files in `.kiln/cache/`: answers Kiln worked out once and may reuse while what they were worked
// out from is unchanged (the parsed manifest, the records already found intact). A cache is a help,
// never a source of truth or of errors: each entry says which build of Kiln wrote it, a reader
// ignores one that is unreadable, cut short or from another build, and a writer replaces it by
// temp+rename, so concurrent commands never read half of one.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kilnVersion } from "../domain/kiln-version.js";

let running: string | undefined;

/**
 * What wrote an entry: the caller's format number, Kiln's and Node's versions, and the file of the
 * running code (size and time), so a rebuilt Kiln of the same version number, as in development,
 * never reads what an older build worked out.
 */
export function cacheStamp(format: number): string {
  if (running === undefined) {
    try {
      const { size, mtimeMs } = statSync(fileURLToPath(import.meta.url));
      running = `${size}:${mtimeMs}`;
    } catch {
      running = "?";
    }
  }
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
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
