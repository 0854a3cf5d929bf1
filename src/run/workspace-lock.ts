// One materialization of an asset at a time in a workspace. Two `kiln run`s in one checkout share
// its files: a step clears and rewrites its declared outputs, so a second run materializing the
// same asset would delete or change the bytes the first is hashing into the store ("changed while
// it was being stored") or version the other run's output. As `dvc repro` takes the repository's
// lock, a run takes the asset's lock for the whole materialization; a second run waits for it
// (saying so once) and then materializes after it, its own version. In Actions every job has its
// own checkout, so the lock is never contended there.
import { randomUUID } from "node:crypto";
import { openSync, readFileSync, unlinkSync, writeFileSync, closeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeStateDirSync } from "../paths/kiln-dir.js";

interface Holder {
  pid: number;
  host: string;
  /** Tells this holding apart from an earlier one by a process with the same pid. */
  token: string;
}

let host: string | undefined;

/** This machine's name, asked of the system once (a call per lock taken was a syscall per asset). */
function hostname(): string {
  host ??= os.hostname();
  return host;
}

/** How long a waiter sleeps between looks at the lock: waiting is rare and never on a hot path. */
const POLL_MS = 100;

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return typeof holder.pid === "number" &&
      typeof holder.host === "string" &&
      typeof holder.token === "string"
      ? (holder as Holder)
      : undefined;
  } catch {
    return undefined; // gone meanwhile, or cut short by a kill between create and write
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates the lock file if nobody holds it; true when this process holds it now. */
function tryTake(file: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "ENOENT") throw error;
    // The locks folder is made when the first lock finds it missing, not asked for on every take.
    makeStateDirSync(path.dirname(file));
    return tryTake(file, holder);
  }
  try {
    writeFileSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock whose holder is gone: a process on this machine that no longer runs (killed), or
 * a file with no readable holder that stayed so for a whole poll. Compared again just before the
 * removal, so a waiter does not remove a lock another waiter has just taken over.
 */
function removeIfAbandoned(file: string, seen: Holder | undefined, unreadableBefore: boolean): boolean {
  const holder = readHolder(file);
  const abandoned =
    holder === undefined
      ? unreadableBefore && seen === undefined
      : holder.host === hostname() && !alive(holder.pid) && holder.token === seen?.token;
  if (!abandoned) return false;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return true;
}

export interface LockWait {
  /** Said once when the lock is held by another run. */
  onWait?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `work` holding the lock of `asset` in `locksDir`; waits while another process holds it.
 * Resolves to undefined without running `work` when `signal` aborts during the wait.
 */
export async function withAssetLock<T>(
  locksDir: string,
  asset: string,
  work: () => Promise<T>,
  wait: LockWait = {},
): Promise<T | undefined> {
  const file = path.join(locksDir, `${asset}.lock`);
  const me: Holder = { pid: process.pid, host: hostname(), token: randomUUID() };
  let told = false;
  let unreadable = false;
  while (!tryTake(file, me)) {
    if (wait.signal?.aborted) return undefined;
    const holder = readHolder(file);
    if (removeIfAbandoned(file, holder, unreadable)) continue;
    unreadable = holder === undefined;
    if (!told && holder) {
      told = true;
      const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
      wait.onWait?.(
        `kiln: waiting for another kiln run (${where}) that is materializing ${asset} in this workspace`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    // Only our own lock: never one a waiter took over after deciding this process was gone.
    if (readHolder(file)?.token === me.token) unlinkSync(file);
  }
}
