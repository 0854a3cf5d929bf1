// TEST-ONLY hook for the kill loop (test/reliability/crash.test.ts): with KILN_TEST_CRASH_AT set
// to one of these points, the process kills itself with SIGKILL — nothing runs after it, no
// handler, no flush — exactly when it reaches that point, so the test chooses what is interrupted
// instead of hoping a random delay lands there. Unset (always, outside that test), it does nothing.
// The environment is read here and nowhere else.

export const CRASH_POINTS = [
  /** The outputs' bytes are in every store; no record names them yet. */
  "after-store",
  /** The record is written; the alias has not moved. */
  "after-record",
  /** The alias move is under way: local, appended but not read back; branch, decided, not pushed. */
  "during-alias",
  /** Branch ledger: a commit has reached the remote; the writer has not learnt that it did. */
  "during-push",
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint): void {
  if (process.env.KILN_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
