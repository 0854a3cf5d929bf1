// `command: report`: the last job of a workflow run. It rebuilds what the run did from the ledger
// (records and failures stamped with this run's id, each asset's from the latest attempt that
// touched it: a re-run keeps the run id) and the plan, then writes the job summary,
// upserts the one sticky pull-request comment, and raises or closes failure alerts.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { withTemporaryFolder } from "../paths/temporary.js";
import { mergeBase as gitMergeBase, isAncestor } from "../git/repo.js";
import {
  alertChannels,
  closeFailureIssues,
  type RunLinks,
  runAlerts,
  sendFailureAlerts,
  sourceFailureAlerts,
} from "../github/alerts.js";
import { type GitHubClient, githubClientFromEnv, type RunJob } from "../github/client.js";
import {
  type GitHubContext,
  type PullRequestContext,
  readGitHubContext,
  runUrlFromEnv,
} from "../github/context.js";
import {
  alertedInEarlierAttempt,
  assetJobResult,
  jobFailed,
  jobFailures,
  ranInAttempt,
} from "../github/job-failures.js";
import { repeatsEarlierFailure } from "../automation/handled.js";
import { type FailureRecord, isExperiment, type VersionHead } from "../domain/records.js";
import { attemptOf, outcomeInRun, runAttemptOf } from "../domain/run-attempt.js";
import { stickyCommentMarker } from "../github/markers.js";
import { aliasHolder, promotionMove } from "../ledger/aliases.js";
import { mergeBaseRecord, type RunReport, renderReport } from "../report/index.js";
import { keptComment, stickyCommentHead } from "../report/sticky-comment.js";
import { didSomething } from "../app/report-history.js";
import { buildRunReport, movesByRun, type RunFacts } from "../app/run-report.js";
import { cursorScope, type Workspace, workspaceLineage } from "../app/workspace.js";
import { uploadFiles } from "../store/artifact.js";
import { planRun } from "../app/run-plan.js";
import { lineageFilter } from "../version/lineage.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
import { PLAN_JOB, PLAN_JOB_NAME } from "../workflow/generate.js";
import { assetJobs, timeoutMinutes } from "../workflow/layers.js";
import { pullRequestChanges } from "../app/pull-request-changes.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { actionTick } from "./tick.js";
import { ActionFailure, actionWorkspace } from "./workspace.js";

/** The artifact a fork's report job leaves for workflows/kiln-comment.yml, and the file in it. */
export const REPORT_ARTIFACT = "kiln-report";
export const COMMENT_FILE = "comment.md";

/** Why a version its run decided to promote does not hold the alias: the log has no such move. */
function notMovedReason(alias: string): string {
  return `decided to promote, but the alias log has no move of ${alias} to this version: another run moved it first, or the job stopped before the move`;
}

/** What the run did, read back from the ledger: the jobs ran in other processes and machines. */
export async function factsFromLedger(
  workspace: Workspace,
  inputs: ActionInputs,
  runId: string,
  env: NodeJS.ProcessEnv,
  /**
   * The run's jobs from the REST API (undefined when they could not be listed): as its latest
   * attempt shows them, and in a re-run those of every attempt.
   */
  runJobs?: ListedRunJobs | undefined,
): Promise<RunFacts> {
  await workspace.ledger.refresh?.();
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null,
  });
  const plan: RunFacts["plan"] = new Map();
  const outcomes: RunFacts["outcomes"] = new Map();
  const latest: RunFacts["latest"] = new Map();
  const silent: string[] = [];
  let experiment: string[] | undefined;
  const names = assessment.graph.order.filter((name) => assessment.assets.has(name));
  // Heads first; whole records only for this run's version and the one before it.
  const headsOf = new Map(
    await Promise.all(names.map(async (name) => [name, await workspace.ledger.heads(name)] as const)),
  );
  // The version before this run is the one status would call current: this environment's, on
  // this checkout's line of history, never an experiment (the newest head of any branch made a
  // dev build or an experiment the baseline of main's report).
  const onLineage = await lineageFilter(workspaceLineage(workspace), [...headsOf.values()].flat());
  const notRun = await whyNotRun(workspace, inputs, assessment, env);
  const project = workspace.project;
  // How each asset's job ended, as GitHub says (its leg as the API lists it, else `needs`).
  const jobs = {
    jobs: assetJobs(project, Object.keys(inputs.jobResults)),
    needs: inputs.jobResults,
    runJobs: runJobs?.latest,
  };
  const attempt = runAttemptOf(env);
  /** The attempts of this run in which Kiln's step wrote a record or a failure, by asset. */
  const wrote = new Map<string, Set<number>>();
  for (const name of names) {
    const state = assessment.assets.get(name)!;
    const heads = headsOf.get(name)!;
    const failures = await workspace.ledger.failures(name);
    wrote.set(
      name,
      new Set(
        [...heads, ...failures].filter((r) => r.context.runId === runId).map((r) => attemptOf(r.context)),
      ),
    );
    const done = outcomeInRun(heads, failures, runId);
    let mine = done?.kind === "success" ? done.head : undefined;
    let failure = done?.kind === "failure" ? done.failure : undefined;
    // An outcome of an earlier attempt stands only if this attempt's job agrees: a job re-run in
    // this attempt that failed before Kiln wrote anything, was skipped (a dependency failed in this
    // attempt), or ended green without a record (early cutoff) replaced it. A job the re-run left
    // alone keeps its earlier result, which agrees.
    let alertedInAttempt: number | undefined;
    if (done && attempt !== undefined && done.attempt < attempt) {
      const job = assetJobResult(name, jobs);
      if (mine && job?.own && (jobFailed(job.result) || job.result === "skipped")) mine = undefined;
      if (failure && job?.result === "success") failure = undefined;
      // A failure an earlier attempt recorded: when this attempt did not re-run the job, it is that
      // attempt's, whose report alerted it; when it re-ran the job, which failed before Kiln's step
      // wrote anything, that job's failure is this attempt's (reported below from the job).
      const ranNow = job && runJobs?.all ? ranInAttempt(job.job.name, runJobs.all, attempt) : undefined;
      if (failure && ranNow === false) alertedInAttempt = done.attempt;
      if (failure && ranNow === true && jobFailed(job?.result)) failure = undefined;
    }
    const record = mine && (await workspace.ledger.materialization(name, mine.version));
    experiment ??= (record ?? failure)?.context.experiment?.overrides;
    const planned = inputs.plan[name] === "run";
    // An asset left alone is at the version status names (a fresh one may be older than its
    // line's newest, after a revert); one that ran was before at its line's newest.
    const current = planned || state.current?.context.runId === runId ? undefined : state.current;
    const beforeHead =
      current ??
      heads.filter((r) => r.context.runId !== runId && !isExperiment(r) && onLineage(r, name)).at(-1);
    const before = beforeHead && (await workspace.ledger.materialization(name, beforeHead.version));
    latest.set(name, before);
    // An asset this run did not run is as the assessment finds it (stale, held, waiting, fresh),
    // with why the run left it alone first.
    const why = notRun.get(name);
    plan.set(
      name,
      planned
        ? {
            status: before ? "stale" : "missing",
            reasons: record?.reasons ?? failure?.reasons ?? state.reasons,
          }
        : {
            status: state.status,
            reasons: state.status === "fresh" || why === undefined ? state.reasons : [why, ...state.reasons],
          },
    );
    if (record) {
      const verdict = record.promotion;
      const history = verdict ? await workspace.ledger.aliasHistory(name) : [];
      const move = verdict ? promotionMove(history, verdict.alias, record.version) : undefined;
      const holder = verdict ? aliasHolder(history, verdict.alias) : null;
      outcomes.set(name, {
        outcome: "success",
        detail: `v${record.version}`,
        record,
        durationMs: record.durationMs,
        promotion: verdict
          ? move
            ? {
                verdict: { ...verdict, reason: move.reason },
                moved: true,
                from: move.from,
                to: record.version,
              }
            : {
                verdict: verdict.promote
                  ? { ...verdict, promote: false, reason: notMovedReason(verdict.alias) }
                  : verdict,
                moved: false,
                from: holder,
                to: holder,
              }
          : undefined,
      });
    } else if (failure) {
      outcomes.set(name, {
        outcome: failure.status === "cancelled" ? "cancelled" : "failed",
        detail: failure.error,
        failure,
        durationMs: failure.durationMs,
        ...(alertedInAttempt !== undefined ? { alertedInAttempt } : {}),
      });
    } else if (planned) {
      silent.push(name);
    }
  }
  // Planned assets that left no record: their job may have failed before Kiln ran (setup, timeout,
  // lost runner), or they were skipped after an upstream failure, or their data was unchanged.
  const failedJobs = jobFailures({
    silent,
    ...jobs,
    timeoutMinutes: (asset) => timeoutMinutes(project.assets.get(asset)!),
  });
  for (const name of silent) {
    const job = failedJobs.find((f) => f.asset === name);
    if (job) {
      // A re-run whose job fails as it did before (a setup step that fails every time) is the same
      // failure: the report of the attempt it first failed in alerted it.
      const alertedInAttempt =
        attempt !== undefined && attempt > 1 && runJobs?.all
          ? alertedInEarlierAttempt(job, {
              allJobs: runJobs.all,
              attempt,
              wroteIn: (earlier) => wrote.get(name)?.has(earlier) ?? false,
            })
          : undefined;
      outcomes.set(name, {
        outcome: job.outcome,
        detail: job.detail,
        logUrl: job.logUrl,
        durationMs: 0,
        ...(alertedInAttempt !== undefined ? { alertedInAttempt } : {}),
      });
      continue;
    }
    const state = assessment.assets.get(name)!;
    const aliases = project.assets.get(name)?.depAliases ?? {};
    // As the executor decides (run/executor.ts): a dependency on an alias that names a version is
    // read whatever its own job did, so only one naming none was a reason to skip.
    const upstream = (assessment.graph.deps.get(name) ?? []).find((dep) => {
      if (aliases[dep] !== undefined && !state.unavailable.includes(dep)) return false;
      const done = outcomes.get(dep)?.outcome;
      return done === "failed" || done === "cancelled" || done === "skipped";
    });
    if (upstream) {
      const done = outcomes.get(upstream)?.outcome;
      const alias = aliases[upstream];
      outcomes.set(name, {
        outcome: "skipped",
        detail: `skipped: dependency ${upstream} ${done === "skipped" ? "was skipped" : done}${alias === undefined ? "" : `, and ${upstream} has no ${alias} yet`}`,
        durationMs: 0,
      });
      continue;
    }
    // Its job ran and left no record, and its version is current: it found its inputs unchanged
    // (early cutoff), as `kiln run` reports it.
    const current =
      state.status === "fresh" && state.current && assetJobResult(name, jobs)?.result === "success"
        ? await workspace.ledger.materialization(name, state.current.version)
        : undefined;
    outcomes.set(
      name,
      current
        ? {
            outcome: "fresh",
            detail: `fresh at v${current.version}: upstream data unchanged (early cutoff)`,
            record: current,
            durationMs: 0,
          }
        : {
            outcome: "skipped",
            detail:
              "not materialized in this run: an upstream asset failed, the run was cancelled, or its data was unchanged",
            durationMs: 0,
          },
    );
  }
  return {
    tick: actionTick(env, inputs.event),
    gitSha: env.GITHUB_SHA,
    ref: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    plan,
    outcomes,
    latest,
    deps: assessment.graph.deps,
    experiment,
    aliases: assessment.graph.aliases,
    moves: await movesByRun(
      workspace.ledger,
      names.filter((name) => project.assets.get(name)?.promote),
      [runId, runUrlFromEnv(env) ?? ""],
    ),
  };
}

/**
 * Why the run left each asset alone, in one line: the plan job's end when there is no plan, else
 * the plan's own reason, decided again from the same facts (the plan job keeps only run or skip).
 * The tick's automation cursors moved only for assets that ran, so an asset the plan skipped is
 * judged as it was.
 */
async function whyNotRun(
  workspace: Workspace,
  inputs: ActionInputs,
  assessment: ProjectAssessment,
  env: NodeJS.ProcessEnv,
): Promise<Map<string, string>> {
  const why = new Map<string, string>();
  const skipped = [...workspace.project.assets.keys()].filter((name) => inputs.plan[name] === "skip");
  const planJob = inputs.jobResults[PLAN_JOB];
  for (const name of workspace.project.assets.keys())
    if (inputs.plan[name] === undefined)
      why.set(
        name,
        planJob !== undefined && planJob !== "success"
          ? `not run: the plan job ended as ${planJob}`
          : "not run: not selected for this run",
      );
  if (skipped.length === 0) return why;
  const again = await planRun({
    project: workspace.project,
    assessment,
    ledger: workspace.ledger,
    selection: new Set(workspace.project.assets.keys()),
    explicit: false,
    force: false,
    tick: actionTick(env, inputs.event),
    scope: cursorScope(workspace),
    pullRequest: await pullRequestChanges(workspace, assessment, env),
  });
  for (const name of skipped) {
    const entry = again.assets.get(name);
    // The plan's reasons repeat the stale causes, which the report lists after this line.
    const stale = assessment.assets.get(name)?.reasons ?? [];
    const own = entry && !entry.run ? entry.reasons.filter((r) => !stale.includes(r)) : [];
    why.set(name, own.length > 0 ? `not run: ${own.join("; ")}` : "not run: the plan skipped it");
  }
  return why;
}

/** The run's jobs as the REST API lists them: as its latest attempt shows them, and every attempt's. */
export interface ListedRunJobs {
  latest: readonly RunJob[];
  /** Listed in a re-run only (attempt 2 or later): the jobs of every attempt, with their attempt. */
  all?: readonly RunJob[] | undefined;
}

/** The run's jobs, for the job-level failures and their log links; a warning when not listed. */
async function listRunJobs(
  io: ActionIO,
  inputs: ActionInputs,
  runId: string,
  attempt: number | undefined,
): Promise<ListedRunJobs | undefined> {
  try {
    const client = githubClientFromEnv(inputs.token, io.env);
    const latest = await client.listRunJobs(Number(runId));
    return {
      latest,
      all: attempt && attempt > 1 ? await client.listRunJobs(Number(runId), "all") : undefined,
    };
  } catch (error) {
    io.warning(
      `could not list this run's jobs (${error instanceof Error ? error.message : String(error)}); job results come from the workflow's needs only, without links to their logs`,
    );
    return undefined;
  }
}

/** Alerts for the assets that failed or were cancelled in this run; closes issues of fixed ones. */
async function alert(
  io: ActionIO,
  inputs: ActionInputs,
  workspace: Workspace,
  github: GitHubContext,
  facts: RunFacts,
): Promise<void> {
  if (io.env.KILN_SLACK_WEBHOOK) io.mask(io.env.KILN_SLACK_WEBHOOK);
  const channels = alertChannels(workspace.project.alerts, {
    token: inputs.token,
    env: io.env,
    warning: (message) => io.warning(message),
    project: workspace.project.name,
    notProduction: workspace.decision.promotionBlocker,
  });
  if (workspace.project.alerts.githubIssue && !channels.issues)
    io.info(
      `failure issues are written by runs of the production line only (${workspace.decision.promotionBlocker}); this run's failures are in its report`,
    );
  const run: RunLinks = {
    runId: github.runId,
    runUrl: github.runUrl,
    refName: github.refName,
    repository: github.repository,
  };
  const jobs = assetJobs(workspace.project, Object.keys(inputs.jobResults));
  const { failures, fixed } = await runAlerts({
    outcomes: facts.outcomes,
    jobName: (asset) => jobs.get(asset)?.name,
    alreadyAlerted: (failure) => repeatsFailure(workspace, failure),
  });
  for (const [asset, done] of facts.outcomes)
    if (done.alertedInAttempt !== undefined)
      io.info(
        `${asset}: its job ${done.outcome === "cancelled" ? "was cancelled" : "failed"} as in attempt ${done.alertedInAttempt} of this run, whose report alerted it: not alerted again`,
      );
  const cursor = await workspace.ledger.readCursor(cursorScope(workspace));
  failures.push(...sourceFailureAlerts(cursor?.sources, { run: github.runId, attempt: github.runAttempt }));
  await sendFailureAlerts(failures, run, channels);
  // A source no longer marked failing can be observed again: its issue, if any, is closed.
  const observed = [...workspace.project.sources.keys()]
    .filter((name) => cursor?.sources?.[name] === undefined)
    .map((asset) => ({ asset, observed: true as const }));
  await closeFailureIssues([...fixed, ...(channels.issues ? observed : [])], run, channels);
}

/** A retry that failed again at the same version was alerted the first time (see handled.ts). */
async function repeatsFailure(workspace: Workspace, failure: FailureRecord): Promise<boolean> {
  const [failures, records] = await Promise.all([
    workspace.ledger.failures(failure.asset),
    workspace.ledger.heads(failure.asset),
  ]);
  return repeatsEarlierFailure(failure, failures, records);
}

/** Why a run's report leaves the pull request's comment alone: its head is another commit now. */
export function movedOnNote(number: number, runSha: string, headSha: string): string {
  return `Pull request #${number} has moved on to ${headSha.slice(0, 7)} since this run's commit ${runSha.slice(0, 7)}: its comment is left to the run of its head, and this report is in this job's summary only.`;
}

/**
 * Why this run's report must not replace the pull request's comment, or undefined when it may: a
 * re-run of an older run of the pull request (whose event keeps its old head) or a run overtaken by
 * a newer push would put an older commit's numbers back (GitHubClient.pullRequestAt). A closed pull
 * request keeps the comment of its last head. When the pull request cannot be read, the event's word
 * stands, with a warning.
 */
async function headMovedOn(
  io: ActionIO,
  client: GitHubClient,
  pr: PullRequestContext,
): Promise<string | undefined> {
  try {
    const pull = await client.pullRequestAt({
      sha: pr.headSha,
      number: pr.number,
      head: pr.headOwner ? `${pr.headOwner}:${pr.headRef}` : undefined,
    });
    if (pull.at === "moved") return movedOnNote(pr.number, pr.headSha, pull.headSha);
    if (pull.at === "none")
      return `Pull request #${pr.number} is no longer open: its comment keeps the report of its last head, and this report is in this job's summary only.`;
    return undefined;
  } catch (error) {
    io.warning(
      `could not read pull request #${pr.number} to check that its head is still ${pr.headSha.slice(0, 7)} (${error instanceof Error ? error.message : String(error)}); commenting as the run's event says`,
    );
    return undefined;
  }
}

/** How the plan job ended when it did not succeed, with its log when the run's jobs were listed. */
function planJobFailure(inputs: ActionInputs, runJobs: ListedRunJobs | undefined): RunReport["planJob"] {
  const result = inputs.jobResults[PLAN_JOB];
  if (result === undefined || result === "success") return undefined;
  return {
    result,
    reason: inputs.planError,
    logUrl: runJobs?.latest.find((job) => job.name === PLAN_JOB_NAME)?.url,
  };
}

/**
 * The pull request's comment after this run: its report, unless the run did nothing and the comment
 * reports the versions it found — then the comment is kept with a line on top (sticky-comment.ts).
 */
async function commentBody(
  client: GitHubClient,
  issueNumber: number,
  marker: string,
  report: RunReport,
): Promise<string> {
  // A run whose plan job failed ran nothing and is no idle run: its report says so.
  const idle = !didSomething(report) && report.planJob === undefined;
  const existing = idle ? await client.readStickyComment({ issueNumber, marker }) : undefined;
  const kept = existing === undefined ? undefined : keptComment(existing, marker, report);
  return (
    kept ??
    renderReport(report, { format: "md", budget: "comment", marker: stickyCommentHead(marker, report) })
  );
}

export async function reportAction(io: ActionIO, inputs: ActionInputs): Promise<void> {
  const workspace = await actionWorkspace(io, inputs, actionTick(io.env, inputs.event));
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const github = read.context;
  const runJobs = await listRunJobs(io, inputs, github.runId, github.runAttempt);
  const facts = await io.group("Read this run from the ledger", () =>
    factsFromLedger(workspace, inputs, github.runId, io.env, runJobs),
  );
  const root = workspace.git.root ?? workspace.project.root;
  const pr = github.pullRequest;
  const prTitle = (github.event.pull_request as { title?: string } | undefined)?.title;
  const mergeBase = pr
    ? async (_asset: string, records: VersionHead[]) =>
        (
          await mergeBaseRecord(
            records,
            { mergeBase: (a, b) => gitMergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
            pr.headSha,
            pr.baseSha,
            workspace.environment,
          )
        )?.record
    : undefined;
  const report: RunReport = {
    ...(await buildRunReport(workspace, facts, {
      runUrl: github.runUrl,
      repo: { serverUrl: github.serverUrl, repository: github.repository },
      pullRequest: pr ? { number: pr.number, title: prTitle, base: pr.baseRef } : undefined,
      mergeBase,
    })),
    planJob: planJobFailure(inputs, runJobs),
  };
  const client = pr ? githubClientFromEnv(inputs.token, io.env) : undefined;
  const movedOn = pr && client ? await headMovedOn(io, client, pr) : undefined;
  await io.summary(
    renderReport(report, { format: "md", budget: "summary" }) + (movedOn ? `\n> ${movedOn}\n` : ""),
  );
  if (movedOn) io.info(movedOn);
  if (pr && client && !movedOn) {
    const marker = stickyCommentMarker(github.workflow ?? "kiln", inputs.manifest);
    const body = await commentBody(client, pr.number, marker, report);
    const posted = await client.upsertStickyComment({ issueNumber: pr.number, marker, body });
    if (posted.ok)
      io.info(`${posted.value.created ? "created" : "updated"} the report comment: ${posted.value.url}`);
    else {
      // A fork's token cannot comment: keep the comment as the `kiln-report` artifact, which the
      // kiln-comment workflow (workflows/kiln-comment.yml) posts from the base repository.
      await withTemporaryFolder(
        "kiln-report-",
        async (dir) => {
          await writeFile(path.join(dir, COMMENT_FILE), body);
          await uploadFiles(REPORT_ARTIFACT, [path.join(dir, COMMENT_FILE)], dir, 7);
        },
        io.env.RUNNER_TEMP,
      );
      io.warning(
        `The pull-request comment was not posted (${posted.message}): pull requests from forks get a read-only token. The report is in this job's summary and in the ${REPORT_ARTIFACT} artifact, which workflows/kiln-comment.yml posts.`,
      );
    }
  }
  await alert(io, inputs, workspace, github, facts);
  const failed = [...facts.outcomes]
    .filter(([, o]) => o.outcome === "failed" || o.outcome === "cancelled")
    .map(([name]) => name);
  io.setOutput(
    "ran",
    String([...facts.outcomes.values()].some((o) => o.outcome === "success" || o.outcome === "failed")),
  );
  if (failed.length > 0) io.info(`failed or cancelled in this run: ${failed.join(", ")}`);
}
