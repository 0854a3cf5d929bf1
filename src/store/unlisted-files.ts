// A version of a folder output is the files its record lists under that folder. Restoring one
// writes those files; files another version left there (a newer model with one more shard, the
// checkout of an older commit) would stay beside them, and a step that lists the folder would read
// a version no record names. So after a restore, what the version does not list under the asset's
// declared folders goes — and nothing outside them.
import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { resolveInside } from "../paths/containment.js";

/**
 * Removes every entry under the folders among `declared` (outputs relative to `root`) that is
 * neither a file `listed` (relative, `/`-separated, as records name outputs) nor a folder on the
 * way to one; returns the removed paths, relative. A declared output that is a file, a symbolic
 * link, absent, or outside the project is left alone.
 */
export async function removeUnlistedFiles(
  root: string,
  declared: readonly string[],
  listed: Readonly<Record<string, unknown>>,
): Promise<string[]> {
  const removed: string[] = [];
  for (const output of declared) {
    if (Object.hasOwn(listed, output)) continue; // a file output: nothing under it
    const inside = await resolveInside(root, output);
    if (!inside.ok) continue;
    const info = await lstat(inside.path).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    // The version's files under the folder, and every folder between one of them and it.
    const files = new Set<string>();
    const folders = new Set<string>();
    for (const file of Object.keys(listed)) {
      const relative = path.relative(inside.path, path.resolve(root, file));
      if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) continue;
      files.add(relative);
      for (let at = path.dirname(relative); at !== "."; at = path.dirname(at)) folders.add(at);
    }
    const entries = await readdir(inside.path, { recursive: true, withFileTypes: true });
    const gone: string[] = [];
    for (const entry of entries) {
      const relative = path.relative(inside.path, path.join(entry.parentPath, entry.name));
      const directory = entry.isDirectory();
      // A listed file that is a folder here is no file of the version: removed, the store writes it.
      if (directory ? folders.has(relative) : files.has(relative)) continue;
      if (gone.some((folder) => relative.startsWith(folder + path.sep))) continue; // went with it
      if (directory) gone.push(relative);
      await rm(path.join(inside.path, relative), { recursive: true, force: true });
      removed.push(path.relative(root, path.join(inside.path, relative)).split(path.sep).join("/"));
    }
  }
  return removed;
}
