// A `.kiln/ledger` folder written before projects existed holds its records at its root. The
// first project that opens it adopts them: it claims the folder in `projects/.legacy-owner`
// (created exclusively, so exactly one project ever adopts), then moves each root entry into its
// namespace with rename(2). Every step is atomic and the claim comes first, so a crash midway
// leaves a state the owner's next command completes, and no other project takes the rest.
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { isLegacyEntry, PROJECTS_DIR, projectDir } from "./layout.js";
import type { LedgerProblem } from "./ledger.js";
import { listDir } from "./local.js";

const OWNER_FILE = ".legacy-owner";

/** Reads the claim, creating it for `project` when nobody has claimed the legacy records yet. */
async function claim(file: string, project: string): Promise<string> {
  try {
    const handle = await open(file, "wx");
    try {
      await handle.writeFile(`${project}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return project;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return (await readFile(file, "utf8")).trim();
  }
}

/** Moves the legacy root layout of `base` into `projects/<project>/`; returns what it could not do. */
export async function adoptLocalLegacy(base: string, project: string): Promise<LedgerProblem[]> {
  const legacy = (await listDir(base)).filter(isLegacyEntry);
  if (legacy.length === 0) return [];
  await mkdir(path.join(base, PROJECTS_DIR), { recursive: true });
  const owner = await claim(path.join(base, PROJECTS_DIR, OWNER_FILE), project);
  if (owner !== project) {
    return legacy.map((name) => ({
      path: path.join(base, name),
      message: `left from before projects existed and adopted by project ${owner}; project ${project} does not read it`,
    }));
  }
  const target = path.join(base, projectDir(project));
  await mkdir(target, { recursive: true });
  const problems: LedgerProblem[] = [];
  for (const name of legacy) {
    try {
      await rename(path.join(base, name), path.join(target, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") continue; // a concurrent command of this project moved it first
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") {
        problems.push({
          path: path.join(base, name),
          message: `from before projects existed, but ${path.join(target, name)} exists already; not read (merge it by hand if it is this project's)`,
        });
        continue;
      }
      throw error;
    }
  }
  return problems;
}
