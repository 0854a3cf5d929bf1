// The small-file primitives of Kiln's durable writes (ledger records, store objects): synchronous
// opens and writes, which cost less than a thread-pool round trip each, and one asynchronous
// fsync, the only wait a durable write needs.
import { fsync, openSync } from "node:fs";
import path from "node:path";
import { makeStateDirSync } from "./kiln-dir.js";

/** Flushes a file to disk on the thread pool: the one round trip a durable write needs. */
export function syncDescriptor(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Opens `file` in one of Kiln's state folders, making the folder first when the open finds it
 * missing (or something else in its place, which making it reports): a write asks for its folder
 * only then, instead of a mkdir and a stat before every write into folders that exist from the
 * second write on.
 */
export function openInStateDir(file: string, flags: string): number {
  try {
    return openSync(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    makeStateDirSync(path.dirname(file));
    return openSync(file, flags);
  }
}
