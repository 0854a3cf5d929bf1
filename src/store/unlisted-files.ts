// A version of a folder output is the files its record lists under that folder. Restoring one
// writes those files; files another version left there (a newer model with one more shard, the
// checkout of an older commit) would stay beside them, and a step that lists the folder would read
// a version no record names. So after a restore, what the version does not list under the asset's
// declared folders goes — and nothing outside them.
import { lstat, readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { resolveInside } from "../paths/containment.js";

/**
 * `all` (once the version's bytes are in place): removes every regular file under the folders
 * among `declared` (outputs relative to `root`) that is not a file `listed` (relative,
 * `/`-separated, as records name outputs), and the folders those removals leave empty.
 * `blocking` (before a store writes): only what stands where a listed file goes — a folder at a
 * listed file's path, a non-folder where one of its folders goes — so a restore that finds no
 * bytes removes nothing else. Never a symbolic link or an empty folder a step made: no version can
 * hold those (records list regular files), so they are the step's, whatever the version. Returns
 * the removed paths, relative (a folder removed whole stands for what was in it). A declared
 * output that is a file, a symbolic link, absent, or outside the project is left alone.
 */
export async function removeUnlistedFiles(
  root: string,
  declared: readonly string[],
  listed: Readonly<Record<string, unknown>>,
  mode: "all" | "blocking" = "all",
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
    const emptied = new Set<string>();
    const here: string[] = [];
    const isGone = (relative: string) => gone.some((folder) => relative.startsWith(folder + path.sep));
    for (const entry of entries) {
      const relative = path.relative(inside.path, path.join(entry.parentPath, entry.name));
      if (isGone(relative)) continue; // went with its folder
      const directory = entry.isDirectory();
      const blocking = directory ? files.has(relative) : folders.has(relative);
      const unlisted = mode === "all" && entry.isFile() && !files.has(relative);
      if (!blocking && !unlisted) continue;
      if (directory) gone.push(relative);
      await rm(path.join(inside.path, relative), { recursive: true, force: true });
      here.push(relative);
      if (!directory) emptied.add(path.dirname(relative));
    }
    // Folders the removals left empty, deepest first, up to the declared folder; never one on the
    // way to a listed file, nor one that was empty before (rmdir refuses a folder with anything in it).
    const candidates = new Set<string>();
    for (let folder of emptied)
      for (; folder !== "." && !folders.has(folder); folder = path.dirname(folder)) candidates.add(folder);
    for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
      if (isGone(folder)) continue;
      const ok = await rmdir(path.join(inside.path, folder)).then(
        () => true,
        () => false,
      );
      if (!ok) continue;
      gone.push(folder);
    }
    const reported = new Set([...here, ...gone].filter((relative) => !isGone(relative)));
    for (const relative of reported)
      removed.push(path.relative(root, path.join(inside.path, relative)).split(path.sep).join("/"));
  }
  return removed;
}
