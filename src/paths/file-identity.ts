// A file's identity as git's index keeps it (device, inode, size, modification and change times to
// the nanosecond), and the "racy" rule that says when an identity may be remembered: a memo that
// answers from an identity instead of reading the file (store/output-identities.ts) is right only if
// every change to the file after the identity was taken gives it another identity.
//
// A write in the same clock tick as the one before it can leave both times unchanged. As git does
// with its racy entries, an identity whose change time is not well before the moment it was taken
// (RACY_MS) is not kept; the file is read again next time. The change time cannot be set by a user
// (touch sets the modification time only), and a rename or a new file with a reused inode number
// gets a new one.
import { type BigIntStats, statSync } from "node:fs";

/**
 * How far before the moment a file was stat'd its change time must be for the identity to be kept:
 * file times come from a clock that lags the system clock by up to a tick and are rounded to the
 * file system's granularity (2 s on FAT), so a change made after the stat always gets a later
 * change time than one this old. Both memos of file identities use it (src/ledger/read-memo.ts,
 * src/store/output-identities.ts).
 */
export const RACY_MS = 3000;

/**
 * How far behind the system clock a file system's clock may be before a memo stops trusting it
 * (see writtenBehind).
 */
const SKEW_MS = 1000;

/** A file's identity when it was stat'd, and whether it may be kept (see RACY_MS). */
export interface Stamp {
  readonly key: string;
  readonly keep: boolean;
}

/** The identity of stats taken at `at` (Date.now() just before the stat). */
export function stampOf(stats: BigIntStats, at: number, racyMs = RACY_MS): Stamp {
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  return { key, keep: Number(stats.ctimeNs / 1_000_000n) < at - racyMs };
}

/**
 * Stats `file` (following links) with the time taken just before: undefined when it is absent or
 * cannot be stat'd.
 */
export function statNow(file: string): { stats: BigIntStats; at: number } | undefined {
  const at = Date.now();
  try {
    const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
    return stats ? { stats, at } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a memo file just written (a new inode, replacing `before`) carries a time well behind the
 * system clock's `start`: the file system's clock runs behind this one (a network file system), so
 * recent changes would look old enough to keep. The memo must then not be kept.
 */
export function writtenBehind(file: string, before: number | undefined, start: number): boolean {
  const written = statSync(file, { throwIfNoEntry: false });
  return written !== undefined && written.ino !== before && written.mtimeMs < start - SKEW_MS;
}
