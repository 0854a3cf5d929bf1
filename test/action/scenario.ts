// What every file of workflow runs played job by job shares: the stand-ins (and the bundled action,
// when the file runs it) started once per file, run ids, the events GitHub sends (push, pull
// request, dispatch), and reading the ledger branch of a bare remote. The runner is ./runner.ts.
import { afterAll, beforeAll } from "vitest";
import { type StandIns, startStandIns } from "../support/stand-ins.js";
import {
  type ActionEntry,
  buildAction,
  FORK_TOKEN,
  git,
  type JobResult,
  playRun,
  REPOSITORY,
  type RunEvent,
  runJob,
  TOKEN,
  type WorkflowRun,
} from "./runner.js";

type PlayOptions = Parameters<typeof playRun>[0];
type JobOptions = Parameters<typeof runJob>[0];

export interface Scenario {
  readonly standIns: StandIns;
  readonly action: ActionEntry;
  /** The id of the run `play` starts next (the API stand-in lists a run's jobs by it). */
  readonly nextRunId: number;
  /** The id of the run `play` started last. */
  readonly lastRunId: number;
  /** One workflow run of `bare` for `event`, with the next run id. */
  play(options: Omit<PlayOptions, "action" | "standIns" | "runId">): Promise<WorkflowRun>;
  /** One job outside a played workflow (e.g. the comment starter), with the next run id. */
  job(options: Omit<JobOptions, "action" | "standIns" | "runId">): Promise<JobResult>;
}

/** GitHub as the scenarios meet it: the run's token may write, a fork's may only read. */
const GITHUB: Parameters<typeof startStandIns>[0] = {
  login: "github-actions[bot]",
  readOnlyTokens: [FORK_TOKEN],
  gitTokens: { [TOKEN]: "write", [FORK_TOKEN]: "read" },
};

/**
 * Starts the stand-ins (with `options`) and, for `entry: "bundle"`, finds the bundled action before
 * the file's tests, and stops the stand-ins after them. Call at the top of a test file.
 */
export function scenario(
  entry: ActionEntry["kind"],
  options: Parameters<typeof startStandIns>[0] = GITHUB,
  firstRunId = 9000,
): Scenario {
  let standIns: StandIns | undefined;
  let action: ActionEntry | undefined;
  let runId = firstRunId;
  beforeAll(async () => {
    const actionEntry = async (): Promise<ActionEntry> =>
      entry === "bundle" ? { kind: "bundle", path: await buildAction() } : { kind: "in-process" };
    [standIns, action] = await Promise.all([startStandIns(options), actionEntry()]);
  }, 180_000);
  afterAll(async () => {
    await standIns?.stop();
  });
  const ready = () => {
    if (!standIns || !action) throw new Error("the scenario is used outside its tests");
    return { standIns, action };
  };
  return {
    get standIns() {
      return ready().standIns;
    },
    get action() {
      return ready().action;
    },
    get nextRunId() {
      return runId + 1;
    },
    get lastRunId() {
      return runId;
    },
    play: (play) => playRun({ ...ready(), ...play, runId: ++runId }),
    job: (job) => runJob({ ...ready(), ...job, runId: ++runId }),
  };
}

/**
 * The project's namespace on the ledger branch: the runner clones into `<home>/workspace`, and a
 * manifest at the top level is named after that folder (on GitHub, /home/runner/work/<repo>/<repo>).
 */
export const NAMESPACE = "projects/workspace/";

/** A push to `branch` of `bare`, as GitHub describes it. */
export function pushEvent(bare: string, branch = "main"): RunEvent {
  const after = git(bare, "rev-parse", branch).trim();
  return {
    name: "push",
    branch,
    ref: `refs/heads/${branch}`,
    refName: branch,
    payload: {
      ref: `refs/heads/${branch}`,
      before: "0000000000000000000000000000000000000000",
      after,
      repository: {
        full_name: REPOSITORY,
        name: "pipeline",
        owner: { login: "acme" },
        default_branch: "main",
      },
      head_commit: { id: after },
    },
  };
}

/** A workflow_dispatch run on `branch` (the dispatch form's is main's), with its inputs. */
export function dispatchEvent(inputs: Record<string, unknown>, branch = "main"): RunEvent {
  return {
    name: "workflow_dispatch",
    branch,
    ref: `refs/heads/${branch}`,
    refName: branch,
    payload: {
      inputs,
      ref: `refs/heads/${branch}`,
      repository: { full_name: REPOSITORY, default_branch: "main" },
    },
    inputs,
  };
}

/** Pull request `number` from `branch` into main; `headOwner` other than acme makes it a fork's. */
export function pullRequestEvent(bare: string, number: number, branch: string, headOwner = "acme"): RunEvent {
  const repo = { full_name: REPOSITORY, name: "pipeline", owner: { login: "acme" }, default_branch: "main" };
  const headRepo = { full_name: `${headOwner}/pipeline`, name: "pipeline", owner: { login: headOwner } };
  return {
    name: "pull_request",
    branch,
    ref: `refs/pull/${number}/merge`,
    refName: `${number}/merge`,
    headRef: branch,
    baseRef: "main",
    payload: {
      action: "synchronize",
      number,
      pull_request: {
        number,
        head: { sha: git(bare, "rev-parse", branch).trim(), ref: branch, repo: headRepo },
        base: { sha: git(bare, "rev-parse", "main").trim(), ref: "main", repo },
      },
      repository: repo,
    },
  };
}

/** A job's exit and output, for an assertion's message. */
export function describeJob(job: JobResult | undefined): string {
  return job ? `exit ${job.code}\n${job.stdout}\n${job.stderr}` : "job did not run";
}

/** Every file on the kiln-ledger branch of `bare`. */
export function ledgerBranchFiles(bare: string): string[] {
  return git(bare, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n").filter(Boolean);
}
