// Attempts of a GitHub workflow run. "Re-run all jobs" and "Re-run failed jobs" keep the run id and
// start attempt 2, 3, … (GITHUB_RUN_ATTEMPT); the jobs an attempt re-runs replace what they did in
// earlier attempts, and the jobs it does not re-run keep their results. So what a run did with an
// asset is what the latest attempt that touched it did, never the newest record of the run id:
// attempt 1's success must not hide attempt 2's failure, nor attempt 1's failure a later success.
import type { FailureRecord, RunContext, VersionHead } from "./records.js";

/** A workflow run, and which attempt of it when known (a cursor's request, the job running now). */
export interface RunAttempt {
  /** GitHub's run id. */
  run: string;
  /** GitHub's run attempt, 1 for the first. */
  attempt?: number | undefined;
}

/** GITHUB_RUN_ATTEMPT as a number; undefined when unset or not a positive integer. */
export function runAttemptOf(env: NodeJS.ProcessEnv): number | undefined {
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : undefined;
}

/** The attempt that wrote a record: records written before Kiln kept it count as attempt 1. */
export function attemptOf(context: Pick<RunContext, "runAttempt"> | undefined): number {
  const attempt = context?.runAttempt;
  return typeof attempt === "number" && Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}

/** What one attempt of a run left for an asset: a version, or a failed or cancelled try. */
export type OutcomeInRun =
  | { kind: "success"; attempt: number; head: VersionHead }
  | { kind: "failure"; attempt: number; failure: FailureRecord };

/**
 * The outcome run `run` left for an asset: of its records and failures, those of the latest
 * attempt that left any, and of those the one that finished last. Undefined when no attempt of the
 * run left either (the asset did not run, stopped at early cutoff, or its job failed before Kiln
 * wrote anything).
 */
export function outcomeInRun(
  heads: readonly VersionHead[],
  failures: readonly FailureRecord[],
  run: string,
): OutcomeInRun | undefined {
  let best: OutcomeInRun | undefined;
  let bestAt = "";
  const consider = (candidate: OutcomeInRun, context: RunContext, finishedAt: string) => {
    if (context?.runId !== run) return;
    if (
      best &&
      (candidate.attempt < best.attempt || (candidate.attempt === best.attempt && finishedAt < bestAt))
    )
      return;
    best = candidate;
    bestAt = finishedAt;
  };
  for (const head of heads)
    consider({ kind: "success", attempt: attemptOf(head.context), head }, head.context, head.finishedAt);
  for (const failure of failures)
    consider(
      { kind: "failure", attempt: attemptOf(failure.context), failure },
      failure.context,
      failure.finishedAt,
    );
  return best;
}
