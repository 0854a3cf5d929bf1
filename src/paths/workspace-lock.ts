// One materialization of an asset at a time in a workspace. Two `kiln run`s in one checkout share
// its files: a step clears and rewrites its declared outputs, so a second run materializing the
// same asset would delete or change the bytes the first is hashing into the store ("changed while
// it was being stored") or version the other run's output. As `dvc repro` takes the repository's
// lock, a run takes the asset's lock for the whole materialization; a second run waits for it
// (saying so once) and then materializes after it, its own version. In Actions every job has its
// own checkout, so the lock is never contended there. The same locks guard other short sections
// that processes of one workspace must not interleave (withLock): the local ledger's cursor writes.
// A process's temporary folders under `.kiln/tmp` are named after it the same way
// (ownedTempName), so what a killed process left is told apart from what a live one is filling.
import { createHash, randomUUID } from "node:crypto";
import { linkSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { makeStateDirSync } from "./kiln-dir.js";
import { removeFileSync } from "./place.js";

/**
 * The command that holds a lock, so a waiter can say what it waits for: a `kiln pull` writing an
 * asset's outputs is not a run materializing it.
 */
export type LockHolder = "run" | "pull";

const HOLDER_DOES: Record<LockHolder, (asset: string) => string> = {
  run: (asset) => `that is materializing ${asset}`,
  pull: (asset) => `that is writing ${asset}'s outputs`,
};

interface Holder {
  pid: number;
  host: string;
  /** Tells this process apart from an earlier one with the same pid (a pid is reused). */
  token: string;
  /** Absent in a lock an older kiln wrote: the waiter then claims nothing about what it does. */
  command?: LockHolder | undefined;
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
      ? {
          ...(holder as Holder),
          command: holder.command && Object.hasOwn(HOLDER_DOES, holder.command) ? holder.command : undefined,
        }
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

/**
 * This process's holder file in a locks folder for one command: its pid, host, token and command,
 * written once and linked under the name of each lock it takes. link(2) makes no file: a materialization creates, writes
 * and deletes no lock file of its own, and a lock is whole from the moment its name exists.
 */
interface HolderFile {
  file: string;
  holder: Holder;
  /** The file's identity: a lock name that is this file is this process's lock. */
  dev: number;
  ino: number;
}

const holderFiles = new Map<string, HolderFile>();

/** Every token this process has written: a holder with our pid and another token is an earlier process. */
const ownTokens = new Set<string>();

/** This process's token in the names of the temporary folders it fills (ownedTempName). */
const tempToken = randomUUID().replaceAll("-", "");
ownTokens.add(tempToken);

/**
 * Whether `holder` is gone: a process on this machine that no longer runs, or one that had this
 * process's pid before it (containers reuse pids, so `kill(pid, 0)` on our own pid says nothing).
 */
function gone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  return !alive(holder.pid);
}

/** Holder files are named `.holder-<pid>-<token>`: never taken for an asset's lock. */
const HOLDER_PREFIX = ".holder-";

function holderFile(locksDir: string, command: LockHolder, fresh = false): HolderFile {
  // One file per command: a process (tests, in one process) may hold locks as a run and as a pull.
  const key = `${locksDir}\0${command}`;
  const known = holderFiles.get(key);
  if (known && !fresh) return known;
  makeStateDirSync(locksDir);
  removeAbandonedHolderFiles(locksDir);
  const holder: Holder = { pid: process.pid, host: hostname(), token: randomUUID(), command };
  ownTokens.add(holder.token);
  const file = path.join(locksDir, `${HOLDER_PREFIX}${holder.pid}-${holder.token}`);
  writeFileSync(file, JSON.stringify(holder), { flag: "wx" });
  const { dev, ino } = statSync(file);
  const made = { file, holder, dev, ino };
  if (holderFiles.size === 0) process.once("exit", removeHolderFiles);
  holderFiles.set(key, made);
  return made;
}

/** At exit: this process holds no lock any more, so its holder files go. */
function removeHolderFiles(): void {
  for (const { file } of holderFiles.values()) rmSync(file, { force: true });
  holderFiles.clear();
}

/** Holder files of processes on this machine that are gone (killed before they could remove theirs). */
function removeAbandonedHolderFiles(locksDir: string): void {
  for (const name of readdirSync(locksDir)) {
    if (!name.startsWith(HOLDER_PREFIX)) continue;
    const file = path.join(locksDir, name);
    const holder = readHolder(file);
    if (holder && gone(holder)) rmSync(file, { force: true });
  }
}

/** Links this process's holder file as the lock if nobody holds it; true when it holds it now. */
function tryTake(file: string, mine: HolderFile, command: LockHolder, again = true): boolean {
  try {
    linkSync(mine.file, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "ENOENT" || !again) throw error;
    // The locks folder or the holder file is gone (`rm -rf .kiln` during a run): made again, once.
    return tryTake(file, holderFile(path.dirname(file), command, true), command, false);
  }
}

/** Whether the lock at `file` is this process's holder file (the same file, linked). */
function isMine(file: string, mine: HolderFile): boolean {
  try {
    const { dev, ino } = statSync(file);
    return dev === mine.dev && ino === mine.ino;
  } catch {
    return false;
  }
}

/**
 * Removes a lock whose holder is gone: a process on this machine that no longer runs (killed) or
 * an earlier one that had our pid, or a file with no readable holder that stayed so for a whole poll. Compared again just before the
 * removal, so a waiter does not remove a lock another waiter has just taken over.
 */
function removeIfAbandoned(file: string, seen: Holder | undefined, unreadableBefore: boolean): boolean {
  const holder = readHolder(file);
  const abandoned =
    holder === undefined
      ? unreadableBefore && seen === undefined
      : gone(holder) && holder.token === seen?.token;
  if (!abandoned) return false;
  removeFileSync(file);
  return true;
}

export interface LockWait {
  /** What takes the lock, told to a process that waits for it; a run unless said. */
  holder?: LockHolder | undefined;
  /** Said once when the lock is held by another process. */
  onWait?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `work` holding the lock of `asset` in `locksDir`; waits while another process holds it.
 * Resolves to undefined without running `work` when `signal` aborts during the wait.
 */
export function withAssetLock<T>(
  locksDir: string,
  asset: string,
  work: () => Promise<T>,
  wait: LockWait = {},
): Promise<T | undefined> {
  return takeLock(locksDir, asset, (holder) => waitingMessage(holder, asset), work, wait);
}

/**
 * Runs `work` holding the lock `<name>.lock` in `locksDir`, as withAssetLock does, for a short
 * section other than a materialization; `doing` says what it is to a process that waits
 * ("writing the automation cursor"). `name` must not be an asset's (a leading dot keeps it apart).
 */
export function withLock<T>(
  locksDir: string,
  name: string,
  doing: string,
  work: () => Promise<T>,
  wait: LockWait = {},
): Promise<T | undefined> {
  const message = (holder: Holder) =>
    `kiln: waiting for another kiln ${holder.command ?? "process"} (${whereIs(holder)}) that is ${doing} in this workspace`;
  return takeLock(locksDir, name, message, work, wait);
}

async function takeLock<T>(
  locksDir: string,
  name: string,
  message: (holder: Holder) => string,
  work: () => Promise<T>,
  wait: LockWait,
): Promise<T | undefined> {
  const file = path.join(locksDir, `${name}.lock`);
  const command = wait.holder ?? "run";
  let mine = holderFile(locksDir, command);
  let told = false;
  let unreadable = false;
  while (!tryTake(file, mine, command)) {
    mine = holderFile(locksDir, command);
    if (wait.signal?.aborted) return undefined;
    const holder = readHolder(file);
    if (removeIfAbandoned(file, holder, unreadable)) continue;
    unreadable = holder === undefined;
    if (!told && holder) {
      told = true;
      wait.onWait?.(message(holder));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const held = holderFiles.get(`${locksDir}\0${command}`) ?? mine;
  try {
    return await work();
  } finally {
    // Only our own lock: never one a waiter took over after deciding this process was gone.
    if (isMine(file, held)) unlinkSync(file);
  }
}

/** What a waiter says once: what holds the lock, and only what its holder file says it does. */
function waitingMessage(holder: Holder, asset: string): string {
  const where = whereIs(holder);
  if (holder.command === undefined)
    return `kiln: waiting for ${asset}'s lock in this workspace, in use by another kiln process (${where})`;
  return `kiln: waiting for another kiln ${holder.command} (${where}) ${HOLDER_DOES[holder.command](asset)} in this workspace`;
}

/** The holder's process: its pid, and its machine when it is another one. */
function whereIs(holder: Holder): string {
  return holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
}

/**
 * The machine in a temporary folder's name: a short hash of its name, which may hold any
 * character. A folder named on another machine (a workspace on a shared disk) is never judged.
 */
let hostTag: string | undefined;
function thisHostTag(): string {
  hostTag ??= createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
  return hostTag;
}

/**
 * A name for a temporary folder this process is about to fill: `<prefix><pid>-<host>-<token>-<id>`.
 * The name alone says whose it is, as a lock's holder file does, so a process killed at any
 * moment (even between creating the folder and writing into it) leaves a folder that a later
 * process can tell is abandoned (removeAbandonedTemp), and never takes a live process's for one.
 */
export function ownedTempName(prefix: string): string {
  return `${prefix}${process.pid}-${thisHostTag()}-${tempToken}-${randomUUID()}`;
}

/**
 * Removes the entries of `dir` named by ownedTempName with `prefix` whose process is gone: one on
 * this machine that no longer runs, or an earlier one that had this process's pid. A folder of a
 * live process, of another machine, or not named so (an older kiln's) stays. Returns the names
 * removed. Best effort: a folder that cannot be removed now is tried again by a later process.
 */
export async function removeAbandonedTemp(dir: string, prefix: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  // `prefix` is Kiln's own (`fetch-`): letters and dashes, nothing a pattern would read.
  const owned = new RegExp(`^${prefix}(\\d+)-([0-9a-f]{8})-([0-9a-f]{32})-`);
  const removed: string[] = [];
  for (const name of names) {
    const match = owned.exec(name);
    if (!match || match[2] !== thisHostTag()) continue;
    if (!gone({ pid: Number(match[1]), host: hostname(), token: match[3]! })) continue;
    try {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Busy or not ours to remove (permissions): left for a later process.
    }
  }
  return removed;
}
