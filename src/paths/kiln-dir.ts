// `.kiln/`, Kiln's local state folder next to the manifest: the local ledger, the store, run logs,
// reports and temporary files. Whoever creates it first — `kiln init`, a run, a ledger write, a
// `kiln pull` into a fresh clone — also writes `.kiln/.gitignore`, so `git add -A` never commits
// records or model files.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const KILN_DIR_NAME = ".kiln";

/** Kiln's local folder ignores itself: records, stored model files and logs never reach git. */
export const KILN_DIR_GITIGNORE =
  "# Kiln's local ledger, store, run logs and reports: never commit them.\n*\n";

/** `<root>/.kiln`. */
export function kilnDir(root: string): string {
  return path.join(root, KILN_DIR_NAME);
}

/**
 * `<root>/.kiln/tmp`: where files are written before they are renamed into the workspace. Never
 * inside an output's folder, so a process killed half-way leaves nothing that a later run could
 * take for part of an output.
 */
export function kilnTempDir(root: string): string {
  return path.join(kilnDir(root), "tmp");
}

/**
 * Creates `.kiln/.gitignore` when missing (a fresh clone, a project made by hand). Returns true
 * when it wrote the file.
 */
export async function ignoreKilnDir(dir: string): Promise<boolean> {
  const file = path.join(dir, ".gitignore");
  if (existsSync(file)) return false;
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(file, KILN_DIR_GITIGNORE, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false; // a concurrent run wrote it
    throw error;
  }
}

/** The `.kiln` folder `dir` lies in (the nearest), or undefined when it lies in none. */
function enclosingKilnDir(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (path.basename(current) === KILN_DIR_NAME) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * `mkdir -p` for every folder Kiln keeps state in (ledger, store, runs, reports, tmp). When it
 * creates something inside a `.kiln` folder, it makes sure that folder ignores itself.
 */
export async function makeStateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true });
  if (created === undefined) return; // nothing new: whoever created it took care of .gitignore
  const kiln = enclosingKilnDir(dir);
  if (kiln) await ignoreKilnDir(kiln);
}

/**
 * makeStateDir without a thread-pool round trip, for the writes of one materialization (each
 * asynchronous mkdir costs more than the mkdir itself).
 */
export function makeStateDirSync(dir: string): void {
  const created = mkdirSync(dir, { recursive: true });
  if (created === undefined) return;
  const kiln = enclosingKilnDir(dir);
  if (!kiln || ignoring.has(kiln)) return;
  const file = path.join(kiln, ".gitignore");
  try {
    writeFileSync(file, KILN_DIR_GITIGNORE, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // a concurrent run wrote it
  }
  ignoring.add(kiln);
}

/**
 * `.kiln` folders this process has seen ignore themselves: each materialization creates a run
 * folder, and a failed exclusive create per materialization costs an exception to learn nothing.
 */
const ignoring = new Set<string>();
