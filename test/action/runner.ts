// Plays GitHub workflow runs of the action job by job, the way the runner does: every job is a
// fresh clone of a bare "origin", the inputs arrive as INPUT_* variables, the event as
// GITHUB_EVENT_PATH, and outputs/summaries come back through GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
// files. The Kiln step runs as the bundled action (dist/index.js) in a child process, or as the
// entry's code in this process (./in-process-job.ts): see ActionEntry.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseManifest } from "../../src/manifest/load.js";
import {
  CHECKOUT,
  DEFAULT_ACTION_REF,
  type GenerateOptions,
  generateWorkflow,
  PLAN_JOB,
  REPORT_JOB,
  DISPATCH_JOB,
} from "../../src/workflow/generate.js";
import type { FakeJob } from "../support/github-api.js";
import { bundles } from "../support/bundles.js";
import { gitScript } from "../support/git-script.js";
import { runActionInProcess } from "./in-process-job.js";
import type { StandIns } from "../support/stand-ins.js";
import { type JobStatus, playWorkflow, workflowErrors } from "../support/workflow-play.js";

export const TOKEN = "ghs_workflowrunstandintoken";
/** The read-only GITHUB_TOKEN of a pull request from a fork (or from Dependabot). */
export const FORK_TOKEN = "ghs_forkreadonlystandintoken";
export const REPOSITORY = "acme/pipeline";

/**
 * How a job runs its Kiln step. `bundle`: `node dist/index.js` (the file at `path`), as GitHub
 * does: what the toolkit's chunks, the bundler's rewrites and start-up are tested by. `in-process`:
 * the same entry code from source in this process, one job at a time, ~0.15 s of CPU less per job
 * (no Node start, no compiling the bundle, no cold code); for scenarios about what the jobs decide.
 */
export type ActionEntry = { kind: "bundle"; path: string } | { kind: "in-process" };

/** The action's entry bundled as dist/index.js is (test/support/bundles.ts), with helpers/ beside it as in the action's repository. */
export async function buildAction(): Promise<string> {
  return (await bundles()).action;
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${result.stderr}`);
  return result.stdout;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

const IDENTITY = ["-c", "user.name=Kiln Test", "-c", "user.email=test@kiln.invalid"];

/** A bare remote seeded from a temp repo with `files` on `main`; `work` is a clone to push from. */
export function createRemote(files: Record<string, string>): { bare: string; work: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "kiln-remote-"));
  mkdirSync(path.join(root, "seed"));
  writeFiles(path.join(root, "seed"), files);
  gitScript(
    root,
    `cd seed
git init -q -b main
git add -A
git -c "$1" -c "$2" commit -q -m pipeline
cd ..
git clone -q --bare seed origin.git
git clone -q origin.git work`,
    IDENTITY[1]!,
    IDENTITY[3]!,
  );
  return { bare: path.join(root, "origin.git"), work: path.join(root, "work") };
}

/** Commits `files` in `work` on `branch` (created from main if new) and pushes it; returns the sha. */
export function pushChange(work: string, branch: string, files: Record<string, string>): string {
  // A new commit on top of the branch as the remote has it; a new branch starts from main.
  gitScript(
    work,
    `git fetch -q origin
if [ -n "$(git ls-remote --heads origin "$1")" ]; then start="origin/$1"; else start=origin/main; fi
git checkout -q -B "$1" "$start"`,
    branch,
  );
  writeFiles(work, files);
  return gitScript(
    work,
    `git add -A
git -c "$2" -c "$3" commit -q --allow-empty -m "change on $1"
git push -q origin "HEAD:refs/heads/$1"
git rev-parse HEAD`,
    branch,
    IDENTITY[1]!,
    IDENTITY[3]!,
  ).trim();
}

/**
 * What actions/checkout leaves: a clone whose origin is the repository's URL on the git stand-in
 * and, with `persist-credentials` (its default), the token as an Authorization header in the
 * clone's config (`http.<server>/.extraheader`) for later git commands, which go over HTTP to the
 * stand-in and are checked there. Its `fetch-depth` (default 1) cuts the history as checkout does:
 * 1 fetches the branch's tip alone, 0 every branch with all history.
 *
 * The clone's own objects are read from the bare repository's files (`insteadOf` for this one
 * command), not over HTTP: the clone is the same (origin's URL, refs, shallow history, persisted
 * header), and the stand-in's token rule for a read is applied here. Over HTTP it cost ~40 ms of
 * CPU more per job, three `git http-backend` processes forked from the test's large worker
 * process; no test examines the checkout's own requests.
 */
async function checkout(options: {
  standIns: StandIns;
  bare: string;
  branch: string;
  workspace: string;
  token: string;
  persist: boolean;
  depth: number;
}): Promise<void> {
  const url = options.standIns.git.serve(`acme/${path.basename(path.dirname(options.bare))}`, options.bare);
  if (!options.standIns.git.mayRead(options.token))
    throw new Error(`checkout of ${url} failed: the token may not read the repository`);
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString("base64")}`;
  // Persisted as checkout persists it, by `clone --config` (written into the clone before it
  // fetches, so no second process is needed).
  const persist = options.persist
    ? ["--config", `http.${options.standIns.git.origin}/.extraheader=${header}`]
    : [];
  // file://, not a plain path: a local clone would ignore --depth.
  const local = ["-c", `url.file://${options.bare}.insteadOf=${url}`];
  const cloned = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const depth = options.depth > 0 ? [`--depth=${options.depth}`] : [];
    const child = spawn(
      "git",
      [...local, "clone", ...persist, "-q", ...depth, "--branch", options.branch, url, options.workspace],
      {
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
  if (cloned.code !== 0) throw new Error(`checkout of ${url} failed: ${cloned.stderr}`);
  // actions/checkout fetches into a fresh `git init`: no origin/HEAD (actions/checkout#910), which
  // `git clone` writes. Kiln must not lean on it in Actions.
  rmSync(path.join(options.workspace, ".git", "refs", "remotes", "origin", "HEAD"), { force: true });
}

export interface JobResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What Kiln left of its own (`kiln-*`) in the job's TMPDIR and RUNNER_TEMP when the step ended. */
  leftInTemp: string[];
}

/** The event that starts a run: what GitHub puts in GITHUB_EVENT_NAME/PATH and the ref vars. */
export interface RunEvent {
  name: "push" | "pull_request" | "schedule" | "workflow_dispatch" | "workflow_run";
  /** The branch checked out (the PR head for pull_request). */
  branch: string;
  payload: Record<string, unknown>;
  /** GITHUB_REF for the event (refs/pull/N/merge for PRs). */
  ref: string;
  refName: string;
  headRef?: string;
  baseRef?: string;
  /** The tick's time (KILN_NOW), to replay a schedule at a chosen moment. */
  now?: string;
  /** The dispatch form's inputs (`inputs.*`). */
  inputs?: Record<string, unknown>;
}

/** One job's step: runs the action (see ActionEntry) in a fresh clone with the runner's environment. */
export async function runJob(options: {
  action: ActionEntry;
  standIns: StandIns;
  bare: string;
  runId: number;
  job: string;
  event: RunEvent;
  inputs: Record<string, string>;
  /** The env the workflow gives the step, job-level and step-level (secrets such as KILN_SLACK_WEBHOOK). */
  env?: Record<string, string> | undefined;
  /** The run's GITHUB_TOKEN: what checkout uses and the `github-token` input's default. */
  token?: string | undefined;
  /** actions/checkout's `persist-credentials` (default true). */
  persistCredentials?: boolean | undefined;
  /** actions/checkout's `fetch-depth` as the job's checkout step gives it; default 0, all history. */
  fetchDepth?: number | undefined;
  /** GITHUB_SHA, the run's commit (one for all its jobs); default: what the checkout holds. */
  sha?: string | undefined;
  /** actions/checkout's `ref:` when the job's checkout step gives one: that branch, not the event's. */
  checkoutRef?: string | undefined;
}): Promise<JobResult> {
  const { bare, runId, job, event } = options;
  const home = mkdtempSync(path.join(os.tmpdir(), `kiln-job-${job}-`));
  const workspace = path.join(home, "workspace");
  const token = options.token ?? TOKEN;
  await checkout({
    standIns: options.standIns,
    bare,
    branch: options.checkoutRef || event.branch,
    workspace,
    token,
    persist: options.persistCredentials ?? true,
    depth: options.fetchDepth ?? 0,
  });
  const sha = options.sha ?? git(workspace, "rev-parse", "HEAD").trim();
  const eventPath = path.join(home, "event.json");
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const outputFile = path.join(home, "output");
  const summaryFile = path.join(home, "summary.md");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  for (const dir of ["temp", "tool-cache", "tmp"]) mkdirSync(path.join(home, dir));
  const inputs = Object.fromEntries(
    Object.entries({ manifest: "kiln.yml", "github-token": token, ...options.inputs }).map(([k, v]) => [
      `INPUT_${k.replace(/ /g, "_").toUpperCase()}`,
      v,
    ]),
  );
  // Only the runner's variables: nothing of the test process (no KILN_*, no CI tokens) leaks in.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    GIT_AUTHOR_NAME: "github-actions[bot]",
    GIT_AUTHOR_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
    GIT_COMMITTER_NAME: "github-actions[bot]",
    GIT_COMMITTER_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
    ...options.standIns.jobEnv({
      runId,
      job,
      repository: REPOSITORY,
      ref: event.ref,
      baseRef: event.baseRef,
    }),
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_JOB: job,
    GITHUB_SHA: sha,
    GITHUB_REF: event.ref,
    GITHUB_REF_NAME: event.refName,
    GITHUB_HEAD_REF: event.headRef ?? "",
    GITHUB_BASE_REF: event.baseRef ?? "",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    // The running workflow: the file playRun generates, as committed on the event's ref.
    GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/kiln.yml@${event.ref}`,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTOR: "octocat",
    ...(event.now ? { KILN_NOW: event.now } : {}),
    RUNNER_TEMP: path.join(home, "temp"),
    // A self-hosted runner's machine may set it; what Kiln puts there outlives the job.
    TMPDIR: path.join(home, "tmp"),
    RUNNER_TOOL_CACHE: path.join(home, "tool-cache"),
    ...options.env,
    ...inputs,
  };
  const { code, stdout, stderr } =
    options.action.kind === "bundle"
      ? await runBundle(options.action.path, env, workspace)
      : await runActionInProcess(env, workspace);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, "utf8")),
    summary: readFileSync(summaryFile, "utf8"),
    leftInTemp: ["temp", "tmp"].flatMap((dir) =>
      readdirSync(path.join(home, dir))
        .filter((name) => name.startsWith("kiln-"))
        .map((name) => `${dir}/${name}`),
    ),
  };
}

/** `node dist/index.js` as the runner starts it: in the workspace, with only the job's environment. */
async function runBundle(action: string, env: Record<string, string>, workspace: string) {
  const child = spawn(process.execPath, [action], {
    cwd: workspace,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks (what @actions/core writes) or `name=value`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
      outputs[name] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

export interface WorkflowRun {
  plan: Record<string, "run" | "skip">;
  planJob: JobResult;
  /** The dispatch job, when the workflow has one and GitHub started it (a schedule event). */
  dispatchJob?: JobResult | undefined;
  /** The asset jobs that ran, by asset (a layer job's legs by their matrix asset). */
  jobs: Record<string, JobResult>;
  /** Every job's result as GitHub would show it: success, failure or skipped. */
  results: Record<string, JobStatus>;
  /** Asset jobs GitHub would not start: skipped by the plan or after an upstream failure. */
  notStarted: string[];
  report: JobResult;
  /** The generated workflow that was played. */
  workflow: string;
}

/** The `github` context of a run, as expressions see it. */
function githubContext(event: RunEvent): Record<string, unknown> {
  return {
    event_name: event.name,
    event: event.payload,
    ref: event.ref,
    ref_name: event.refName,
    head_ref: event.headRef ?? "",
    base_ref: event.baseRef ?? "",
    repository: REPOSITORY,
    workflow: "Kiln",
  };
}

/**
 * One run as GitHub plays the generated workflow: `kiln generate`'s output for the manifest on the
 * event's branch, validated by GitHub's parser, each job started when its `if:` evaluates true
 * (see test/support/workflow-play.ts), every Kiln step run as the bundled action with the `with:`
 * values its expressions produce.
 */
/** The pull request a pull_request event names, as the API stand-in keeps it. */
function pullRequestOfEvent(event: RunEvent) {
  const pr = (event.payload as { pull_request?: Record<string, unknown> }).pull_request;
  const head = pr?.head as { sha?: string; ref?: string; repo?: { owner?: { login?: string } } } | undefined;
  const owner = head?.repo?.owner?.login;
  if (typeof pr?.number !== "number" || !head?.sha || !head.ref || !owner) return undefined;
  return { number: pr.number, headOwner: owner, headRef: head.ref, headSha: head.sha };
}

export async function playRun(options: {
  action: ActionEntry;
  standIns: StandIns;
  bare: string;
  runId: number;
  event: RunEvent;
  /** Overrides the generator's options (e.g. a low layer threshold). */
  generate?: Partial<GenerateOptions>;
  /**
   * Asset jobs that end with this result before their Kiln step runs: a failing `setup` step
   * (failure), `timeout-minutes` or a lost runner (GitHub shows these as failure or cancelled).
   */
  jobFailures?: Record<string, "failure" | "cancelled">;
  /** The repository's secrets, for the jobs' `env:` (`${{ secrets.NAME }}`). */
  secrets?: Record<string, string>;
  /** The run's GITHUB_TOKEN (default TOKEN, which may write; FORK_TOKEN may only read). */
  token?: string;
  /** actions/checkout's `persist-credentials` in every job (default true). */
  persistCredentials?: boolean;
}): Promise<WorkflowRun> {
  const { event } = options;
  // A pull request's event comes with a push to its branch: the pull request's head moves there.
  const pull = event.name === "pull_request" ? pullRequestOfEvent(event) : undefined;
  if (pull) options.standIns.github.openPullRequest(pull);
  // GITHUB_SHA: the commit the event names, the same in every job of the run.
  const sha = git(options.bare, "rev-parse", `refs/heads/${event.branch}`).trim();
  const source = git(options.bare, "show", `${sha}:kiln.yml`);
  const parsed = parseManifest(source, {
    manifestPath: path.join(os.tmpdir(), "kiln.yml"),
    displayName: "kiln.yml",
  });
  if (!parsed.ok) throw new Error(parsed.error.map((d) => d.message).join("\n"));
  const workflow = generateWorkflow(parsed.value.project, { manifestPath: "kiln.yml", ...options.generate });
  const errors = await workflowErrors("kiln.yml", workflow);
  if (errors.length > 0) throw new Error(`the generated workflow is invalid:\n${errors.join("\n")}`);

  const byJob: Record<string, JobResult[]> = {};
  const jobs: Record<string, JobResult> = {};
  // What GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs lists: every job that finished so far.
  const listed: FakeJob[] = [];
  options.standIns.github.runJobs.set(options.runId, listed);
  // Each job's checkout step comes before its Kiln step: the clone the Kiln step runs in is cut
  // to the depth that step asked for (actions/checkout's default is 1).
  const fetchDepth = new Map<string, number>();
  // …and to the branch it names (`ref:`), which GITHUB_SHA and the event's variables do not follow.
  const checkoutRef = new Map<string, string>();
  const played = await playWorkflow({
    workflow,
    github: githubContext(event),
    inputs: event.inputs ?? {},
    secrets: options.secrets ?? {},
    // The checkout steps too, for what they ask of the clone (the Kiln steps run in it).
    runs: (step) => step.uses === CHECKOUT || step.uses === DEFAULT_ACTION_REF,
    onJobDone: (job) =>
      listed.push({
        id: options.runId * 1000 + listed.length,
        name: job.name,
        status: "completed",
        conclusion: job.result,
      }),
    runStep: async (job, step, _matrix, env) => {
      if (step.uses === CHECKOUT) {
        fetchDepth.set(job, Number(step.with["fetch-depth"] ?? 1));
        if (step.with.ref) checkoutRef.set(job, String(step.with.ref));
        return undefined;
      }
      if (step.uses !== DEFAULT_ACTION_REF) return undefined;
      const failure = options.jobFailures?.[job];
      if (failure) return { ok: false, cancelled: failure === "cancelled", outputs: {} };
      const result = await runJob({
        action: options.action,
        standIns: options.standIns,
        bare: options.bare,
        runId: options.runId,
        event,
        job,
        inputs: step.with,
        env,
        token: options.token,
        persistCredentials: options.persistCredentials,
        fetchDepth: fetchDepth.get(job),
        sha,
        checkoutRef: checkoutRef.get(job),
      });
      byJob[job] = [...(byJob[job] ?? []), result];
      if (step.with.command === "materialize" && step.with.asset) jobs[step.with.asset] = result;
      return { ok: result.code === 0, outputs: result.outputs };
    },
  });
  const planJob = byJob[PLAN_JOB]?.[0];
  if (!planJob || played.results[PLAN_JOB] !== "success")
    throw new Error(`kiln-plan failed:\n${planJob?.stdout}\n${planJob?.stderr}`);
  const planText = played.outputs[PLAN_JOB]?.plan;
  if (!planText) throw new Error(`kiln-plan wrote no plan output:\n${planJob.stdout}`);
  const plan = JSON.parse(planText) as Record<string, "run" | "skip">;
  const report = byJob[REPORT_JOB]?.[0];
  if (!report) throw new Error(`${REPORT_JOB} did not run: ${JSON.stringify(played.results)}`);
  const assetJobs = Object.keys(played.results).filter(
    (id) => id !== PLAN_JOB && id !== REPORT_JOB && id !== DISPATCH_JOB,
  );
  return {
    plan,
    planJob,
    dispatchJob: byJob[DISPATCH_JOB]?.[0],
    jobs,
    results: played.results,
    notStarted: assetJobs.filter((id) => played.results[id] === "skipped"),
    report,
    workflow,
  };
}
