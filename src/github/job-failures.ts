// Job-level failures: an asset job can fail before Kiln's step writes anything (a `setup` step
// fails, `timeout-minutes` kills the job, the runner is lost), so the ledger alone shows the asset
// as merely "not materialized". The report job reads what GitHub says of each job — the `needs`
// results the generated workflow passes in, and the run's jobs from the REST API for the matrix
// legs of layer jobs and for the link to each job's log — and turns a failed or cancelled job
// without a record into a failure of its asset.
import type { AssetJob } from "../workflow/layers.js";
import type { RunJob } from "./client.js";

/** `needs.<job>.result` values. */
export type NeedsResult = "success" | "failure" | "cancelled" | "skipped";

export interface JobFailure {
  asset: string;
  outcome: "failed" | "cancelled";
  /** The job as GitHub shows it (`model`, `layer 2: model`). */
  job: string;
  /** The job's log, when the API listed it. */
  logUrl?: string | undefined;
  /** What went wrong, in words, for the report and the alerts. */
  detail: string;
}

export interface JobFailureInput {
  /** Assets the plan ran that left neither a record nor a failure record in this run. */
  silent: readonly string[];
  jobs: ReadonlyMap<string, AssetJob>;
  /** `needs.<job id>.result`, by job id. */
  needs: Readonly<Record<string, NeedsResult>>;
  /** The run's jobs from the API; undefined when they could not be listed. */
  runJobs?: readonly RunJob[] | undefined;
  /** The timeout the generator gave each asset's job, in minutes. */
  timeoutMinutes(asset: string): number;
}

const FAILED = new Set(["failure", "timed_out", "startup_failure"]);
const CANCELLED = new Set(["cancelled"]);

/**
 * How an asset's job ended, as GitHub says: its matrix leg as the API lists it, else its job's
 * `needs` result. A layer job's `needs` result covers every leg of its matrix: only the API's leg
 * says which asset's job failed. Without the API, a failed layer job is blamed on its assets.
 */
export function assetJobResult(
  asset: string,
  input: Pick<JobFailureInput, "jobs" | "needs" | "runJobs">,
): { job: AssetJob; result: string | undefined; own: boolean; url?: string | undefined } | undefined {
  const job = input.jobs.get(asset);
  if (!job) return undefined;
  const listed = listedJob(input.runJobs, job, input.needs[job.id]);
  // `own`: the result is this asset's alone (its leg as listed, or a job no other asset shares).
  const shared = [...input.jobs.values()].filter((j) => j.id === job.id).length > 1;
  return {
    job,
    result: listed?.conclusion ?? input.needs[job.id],
    own: listed?.conclusion != null || !shared,
    url: listed?.url,
  };
}

/** Whether a job result (`needs` or the API's conclusion) is a failure or a cancellation. */
export function jobFailed(result: string | undefined): boolean {
  return result !== undefined && (FAILED.has(result) || CANCELLED.has(result));
}

/** How a job result reads as an asset's outcome: failed, cancelled, or neither. */
function failureOutcome(result: string | null | undefined): JobFailure["outcome"] | undefined {
  if (!result) return undefined;
  return FAILED.has(result) ? "failed" : CANCELLED.has(result) ? "cancelled" : undefined;
}

export function jobFailures(input: JobFailureInput): JobFailure[] {
  const failures: JobFailure[] = [];
  for (const asset of input.silent) {
    const ended = assetJobResult(asset, input);
    if (!ended) continue;
    const { job, result } = ended;
    const outcome = failureOutcome(result);
    if (!outcome) continue;
    const what = result === "timed_out" ? "timed out" : outcome === "cancelled" ? "was cancelled" : "failed";
    failures.push({
      asset,
      outcome,
      job: job.name,
      logUrl: ended.url,
      detail:
        `job ${job.name} ${what} before Kiln recorded a result: a setup step failed, the job ` +
        `reached its timeout-minutes (${input.timeoutMinutes(asset)}), the runner was lost, or the run ` +
        `was cancelled — see the job's log`,
    });
  }
  return failures;
}

/**
 * The runs of the job named `name` among the jobs of every attempt, one per attempt; undefined
 * when the listing cannot say which is which (no attempt numbers, or two jobs of that name in one
 * attempt: an asset named like one of Kiln's own jobs).
 */
function runsOfJob(
  name: string,
  allJobs: readonly RunJob[],
): Array<RunJob & { attempt: number }> | undefined {
  const runs = allJobs.filter((job) => job.name === name);
  const attempts = runs.map((job) => job.attempt);
  if (attempts.some((a) => a === undefined) || new Set(attempts).size !== attempts.length) return undefined;
  return runs as Array<RunJob & { attempt: number }>;
}

/** Whether the job named `name` ran in attempt `attempt` of the run; undefined when unknown. */
export function ranInAttempt(name: string, allJobs: readonly RunJob[], attempt: number): boolean | undefined {
  return runsOfJob(name, allJobs)?.some((job) => job.attempt === attempt);
}

/**
 * The earlier attempt of this run whose report already alerted `failure` (a job that ended
 * without a record in attempt `attempt`), when it is the same failure: the job's run before this
 * attempt's ended the same way (failed, or cancelled) and Kiln wrote nothing in it either. That
 * run is this attempt's own result when the attempt did not re-run the job (a re-run of other
 * jobs keeps its result). Undefined when the failure is news: the job's run before ended
 * otherwise (succeeded, was cancelled where it now failed), Kiln's step wrote a record or a
 * failure then, or there was no run before; and when the listing cannot say (no attempt numbers,
 * two jobs of the failure's name in one attempt): an alert too many beats one missed.
 */
export function alertedInEarlierAttempt(
  failure: JobFailure,
  input: {
    /** The run's jobs of every attempt (`filter=all`), each with its attempt. */
    allJobs: readonly RunJob[];
    attempt: number;
    /** Whether Kiln's step wrote a record or a failure for the asset in that attempt. */
    wroteIn(attempt: number): boolean;
  },
): number | undefined {
  const before = runsOfJob(failure.job, input.allJobs)
    ?.filter((job) => job.attempt < input.attempt)
    .sort((a, b) => a.attempt - b.attempt)
    .at(-1);
  if (!before || failureOutcome(before.conclusion) !== failure.outcome || input.wroteIn(before.attempt))
    return undefined;
  return before.attempt;
}

/**
 * The asset's job among the run's jobs, which the API names by display name only. An asset named
 * `plan`, `report` or `pages` shares its job's name with Kiln's own job (a layer leg's name,
 * `layer <n>: <asset>`, cannot collide): then the `needs` result, keyed by the job's unique id, is
 * what the asset's job ended as, and the listed job that ended so gives the log's link.
 */
function listedJob(
  runJobs: readonly RunJob[] | undefined,
  job: AssetJob,
  needs: NeedsResult | undefined,
): RunJob | undefined {
  const named = runJobs?.filter((j) => j.name === job.name) ?? [];
  if (named.length <= 1) return named[0];
  // `needs` says failure where the API says timed_out or startup_failure.
  return named.find((j) => j.conclusion === needs || (needs === "failure" && FAILED.has(j.conclusion ?? "")));
}
