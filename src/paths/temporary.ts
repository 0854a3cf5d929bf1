// A folder for the duration of one piece of work, removed when it ends, however it ends. A job on
// a self-hosted runner shares the machine's temporary folder with every job before and after it:
// what Kiln leaves there piles up (the run records of every pull-request job, the comment of every
// fork's report).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Runs `work` with a new folder named `prefix…` under `parent` (default: the system's), then removes it. */
export async function withTemporaryFolder<T>(
  prefix: string,
  work: (dir: string) => Promise<T>,
  parent: string = os.tmpdir(),
): Promise<T> {
  const dir = await mkdtemp(path.join(parent, prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
