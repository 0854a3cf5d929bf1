// "Since the asset was last handled", as in Dagster: a materialization or a failure handles every
// trigger that was true before it. A failure at a logical version stays handled (later ticks do not
// retry it) until something changes the logical version, the asset is selected explicitly, a new
// cron tick requests it, or the asset's `retry-failed` policy says the next attempt is due.
import { backoffDelay } from "../domain/backoff.js";
import { minuteTime } from "./tick.js";

/** The newest attempt at the asset's current logical version failed. */
export interface HandledFailure {
  /** When that failure finished. */
  at: Date;
  /** Failures at this logical version since the last successful materialization. */
  failures: number;
  /** The failure's first line. */
  error: string;
  /** When `retry-failed` lets a tick try again; undefined: only a change or a selection does. */
  retryAt?: Date | undefined;
}

/** The longest wait between automatic retries, however many failures came before. */
const MAX_BACKOFF_MS = 7 * 86_400_000;

/** `retry-failed` with backoff: the base wait after the first failure, doubling after each further one. */
export function retryAt(at: Date, failures: number, retryFailedMs: number | undefined): Date | undefined {
  if (retryFailedMs === undefined) return undefined;
  const wait = backoffDelay(failures, retryFailedMs, Math.max(retryFailedMs, MAX_BACKOFF_MS));
  return new Date(at.getTime() + wait);
}

/** True while the failure is handled: ticks at `now` do not retry it. */
export function failureHolds(failure: HandledFailure | undefined, now: Date): boolean {
  if (!failure) return false;
  return failure.retryAt === undefined || now < failure.retryAt;
}

/** The one line `kiln run` and the plan show for a failure that is not retried. */
export function notRetriedMessage(asset: string, failure: HandledFailure): string {
  const retry = failure.retryAt ? `; retry-failed retries it after ${minuteTime(failure.retryAt)}` : "";
  return `${asset} failed at this version on ${minuteTime(failure.at)} (${failure.error}); not retried automatically${retry} — \`kiln run ${asset}\` retries`;
}

/** The fact an evaluation shows for a handled failure. */
export function handledFailureFact(failure: HandledFailure, now: Date): string {
  if (failureHolds(failure, now))
    return `failed at this version on ${minuteTime(failure.at)}: handled, not retried`;
  return `failed at this version on ${minuteTime(failure.at)}: retry-failed is due (${minuteTime(failure.retryAt!)})`;
}

interface Attempt {
  logicalVersion: string;
  status: string;
  startedAt: string;
  finishedAt: string;
}

/**
 * True when `failure` repeats an earlier failure at the same logical version with no successful
 * materialization in between (a retry by selection or by `retry-failed`): it was alerted the first
 * time, so alerts fire once per failure, not per attempt. A failure at no version (an empty logical
 * version: the executor failed the asset before its version was known) matches no version, so it
 * repeats nothing: two of them may be at different code versions.
 */
export function repeatsEarlierFailure(
  failure: Attempt,
  failures: readonly Attempt[],
  materializations: readonly { finishedAt: string }[],
): boolean {
  if (failure.logicalVersion === "") return false;
  const lastSuccess = materializations
    .map((m) => m.finishedAt)
    .filter((at) => at < failure.startedAt)
    .sort()
    .at(-1);
  // The failure itself is among `failures` as a copy read back from the ledger: known by when it
  // started (a failure within one millisecond also finishes when it started).
  return failures.some(
    (f) =>
      f.startedAt !== failure.startedAt &&
      f.status === "failed" &&
      f.logicalVersion === failure.logicalVersion &&
      f.finishedAt <= failure.startedAt &&
      (lastSuccess === undefined || f.finishedAt > lastSuccess),
  );
}
