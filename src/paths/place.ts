// How Kiln puts a file into the workspace (a restored output, a pulled model, a downloaded release
// asset): checked by the containment check, written completely to a temporary file outside every
// output folder, then renamed into place, so a reader never sees half a file and a process killed
// half-way leaves nothing inside an output folder that a later run could record.
import { randomUUID } from "node:crypto";
import { renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { insideOrThrow } from "./containment.js";
import { kilnTempDir, makeStateDir } from "./kiln-dir.js";

/**
 * Renames a complete temporary file into place. `.kiln` and the workspace share a file system but
 * for unusual mounts; then the bytes are copied next to the destination first, so the last step is
 * still a rename.
 */
export async function moveInto(temp: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await rename(temp, dest);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
  }
  const near = path.join(path.dirname(dest), `.kiln-tmp-${randomUUID()}`);
  try {
    await copyFile(temp, near);
    await rename(near, dest);
  } finally {
    await rm(near, { force: true });
  }
}

/**
 * Writes `file` (relative to `root`) with `produce`, which fills the temporary path it is given;
 * refused with an OutsideProjectError before anything is written when the path is not inside.
 */
export async function writeInto(
  root: string,
  file: string,
  produce: (temp: string) => Promise<void>,
): Promise<void> {
  const dest = await insideOrThrow(root, file, "write");
  const dir = kilnTempDir(root);
  await makeStateDir(dir);
  const temp = path.join(dir, randomUUID());
  try {
    await produce(temp);
    await moveInto(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Replaces Kiln's own small file `file` (its folder exists) with `text`: written beside it under a
 * name of its own, then renamed over it, so a reader sees the old text or the new, never half; the
 * temporary file is removed when the write fails, and the error thrown. Not durable (no fsync): for
 * files a lost write only costs work again (caches, reports, a step's config file).
 */
export function replaceFileSync(file: string, text: string): void {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Removes the file `file` when it is there. unlink(2) itself: rmSync with `force` loads and runs
 * Node's recursive remover for each call, a few milliseconds a run spent pruning two old reports.
 */
export function removeFileSync(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
