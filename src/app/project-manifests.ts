// The other manifests (projects) of the repository a manifest is in: a command on one project
// checks that none of them has its name (manifest/projects.ts) before it writes a workflow or opens
// the ledger, where two projects of one name would overwrite each other's workflow file and read
// each other's records.
//
// Kept cheap for the common repository of one project: a command that started its git reads early
// (status, plan, run) takes the manifests from them, the untracked ones from `git status`'s
// listing and the tracked ones from a memo keyed by the index's checksum (the index listing is
// read only when the index changed, when the versions memo reads it anyway); other commands ask
// git once (filesNamed).
import { realpathSync } from "node:fs";
import path from "node:path";
import { type CheckoutFiles, type CheckoutReads, filesNamed, repoRoot } from "../git/repo.js";
import type { Diagnostic } from "../manifest/diagnostics.js";
import { MANIFEST_NAMES } from "../manifest/manifest-file.js";
import type { Project } from "../manifest/project.js";
import { nameTakenByOthers } from "../manifest/projects.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import { cacheFile, cacheStamp, readCacheText, writeCacheText } from "../paths/state-cache.js";

/** Bump when the memo's shape changes within one Kiln version. */
const FORMAT = 1;

/** A path from the top level that filesNamed would list: a manifest's name, outside any `.github/`. */
function isManifest(file: string): boolean {
  return MANIFEST_NAMES.includes(path.posix.basename(file)) && !`/${file}`.includes("/.github/");
}

/** The tracked manifests, from the memo while the index is unchanged, else from the index listing. */
async function trackedManifests(kilnDir: string, files: CheckoutFiles): Promise<string[]> {
  const file = cacheFile(kilnDir, "manifests.json");
  const key = files.indexDigest;
  const stamp = cacheStamp(FORMAT);
  try {
    const stored = JSON.parse(readCacheText(file) ?? "null") as {
      stamp?: unknown;
      key?: unknown;
      tracked?: unknown;
    } | null;
    if (
      stored?.stamp === stamp &&
      stored.key === key &&
      Array.isArray(stored.tracked) &&
      stored.tracked.every((f) => typeof f === "string")
    )
      return stored.tracked as string[];
  } catch {
    // Unreadable: worked out again below.
  }
  await files.loadEntries();
  const tracked = files.entries.paths.filter(isManifest);
  // The listing was read after the checksum, and the index changed meanwhile: not what `key` names.
  if (files.indexDigest === key) writeCacheText(kilnDir, file, JSON.stringify({ stamp, key, tracked }));
  return tracked;
}

/**
 * The absolute paths of the repository's manifests other than `manifestPath`, tracked or untracked
 * but not ignored (as filesNamed lists them); empty outside git.
 */
export async function otherManifests(
  manifestPath: string,
  reads?: CheckoutReads | undefined,
): Promise<string[]> {
  const root = path.dirname(manifestPath);
  let top: string | undefined;
  let found: string[];
  const files = reads?.cwd === root ? await reads.peekFiles() : undefined;
  if (files) {
    top = (await reads!.checkout)?.top;
    if (top === undefined) return [];
    const untracked = [...files.changes.untracked].filter(isManifest);
    found = [...(await trackedManifests(path.join(root, KILN_DIR_NAME), files)), ...untracked];
  } else {
    top = await repoRoot(root);
    if (top === undefined) return [];
    try {
      found = await filesNamed(top, MANIFEST_NAMES);
    } catch {
      // git could not list the files: nothing to check against, as outside git.
      return [];
    }
  }
  const own = realPath(manifestPath);
  return [...new Set(found)].map((file) => path.join(top, file)).filter((file) => realPath(file) !== own);
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The error of a project whose name another manifest of its repository also has (none: empty),
 * and those other manifests as shown from `cwd`, for printing the error with their lines. What the
 * CLI and the action check before a command writes a workflow or opens the ledger.
 */
export async function projectNameClash(options: {
  manifestPath: string;
  project: Project;
  display: string;
  cwd: string;
  reads?: CheckoutReads | undefined;
}): Promise<{ diagnostics: Diagnostic[]; others: Array<{ path: string; display: string }> }> {
  const others = (await otherManifests(options.manifestPath, options.reads)).map((other) => ({
    path: other,
    display: path.relative(options.cwd, other),
  }));
  const diagnostics = await nameTakenByOthers({ project: options.project, display: options.display }, others);
  return { diagnostics, others };
}
