// The one sticky comment of a pull request describes the commit reviewers are about to merge. The
// report job of every run of the pull request edits it, so a run whose commit is no longer the pull
// request's head (a re-run of an older run keeps its old event and commit) must leave it alone.
// In-process: the asset and report jobs as the generated workflow calls the action, against the
// GitHub REST stand-in.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { runAction } from "../../src/action/main.js";
import { reportAction } from "../../src/action/report.js";
import { md } from "../../src/report/escape.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { assetJob, chainProject } from "../support/chain-jobs.js";
import { commitAll, gitScript } from "../support/git-script.js";
import { GitHubApiServer } from "../support/github-api.js";
import { gitIn } from "../support/kiln-in-process.js";

type Plan = Record<string, "run" | "skip">;
const ALL: Plan = { data: "run", features: "run", model: "run" };
const MODEL: Plan = { data: "skip", features: "skip", model: "run" };
const NONE: Plan = { data: "skip", features: "skip", model: "skip" };
const PR = 7;

describe("the pull request's sticky comment", { timeout: 120_000 }, () => {
  let github: GitHubApiServer;
  beforeEach(async () => {
    github = new GitHubApiServer();
    await github.start();
  });
  afterEach(async () => {
    await github.stop();
  });

  /** The variables of run `run` of the checkout at `dir`: a push to main, or pull request #7 from tune. */
  function runEnv(dir: string, run: string, pullRequest: boolean): NodeJS.ProcessEnv {
    const env = pullRequest
      ? jobEnv(dir, {
          event: "pull_request",
          ref: `refs/pull/${PR}/merge`,
          refName: `${PR}/merge`,
          headRef: "tune",
          baseRef: "main",
          runId: run,
          pullRequest: {
            number: PR,
            headSha: gitIn(dir, "rev-parse", "HEAD"),
            baseSha: gitIn(dir, "rev-parse", "main"),
          },
        })
      : jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: run });
    return { ...env, GITHUB_API_URL: github.url };
  }

  /** One workflow run: the planned asset jobs, then the report job (`attempt` 2 and on: a re-run). */
  async function playRun(dir: string, run: string, plan: Plan, pullRequest: boolean, attempt = 1) {
    const env = { ...runEnv(dir, run, pullRequest), GITHUB_RUN_ATTEMPT: String(attempt) };
    const results: Record<string, string> = { "kiln-plan": "success" };
    for (const [asset, verdict] of Object.entries(plan)) {
      if (verdict === "skip" || attempt > 1) {
        results[asset] = verdict === "skip" ? "skipped" : "success";
        continue;
      }
      const job = await assetJob(dir, asset, env, plan);
      results[asset] = job.jobFailed ? "failure" : "success";
    }
    const report = recordingIO(dir, env);
    const given: Record<string, string> = {
      command: "report",
      "github-token": "ghs_report",
      plan: JSON.stringify(plan),
      "job-results": JSON.stringify(results),
    };
    const read = readInputs((name) => given[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    await reportAction(report.io, read.inputs);
    return report;
  }

  /**
   * A run whose plan job failed (a misspelt dispatch input, a ledger that cannot be pushed): it
   * made no plan, every asset job was skipped, and the report job ran as it always does.
   */
  async function failedPlanRun(dir: string, run: string) {
    const env = runEnv(dir, run, true);
    // The plan job: the dispatch form's config names a key the model does not have.
    const plan = recordingIO(dir, env);
    const planInputs: Record<string, string> = { command: "plan", config: "model.depth=4" };
    await runAction(plan.io, (name) => planInputs[name] ?? "");
    github.runJobs.set(Number(run), [{ id: 1, name: "plan", status: "completed", conclusion: "failure" }]);
    const report = recordingIO(dir, env);
    const given: Record<string, string> = {
      command: "report",
      "github-token": "ghs_report",
      plan: "",
      "plan-error": plan.outputs.get("error") ?? "",
      "job-results": JSON.stringify({
        "kiln-plan": "failure",
        data: "skipped",
        features: "skipped",
        model: "skipped",
      }),
    };
    const read = readInputs((name) => given[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    await reportAction(report.io, read.inputs);
    return { plan, report };
  }

  /** A commit on tune that changes the model's step, pushed: the pull request's head moves there. */
  function push(dir: string, body: string): string {
    writeFileSync(path.join(dir, "steps/model.sh"), `mkdir -p build && echo ${body} > build/model.txt\n`);
    commitAll(dir, `model: ${body}`);
    const sha = gitIn(dir, "rev-parse", "HEAD");
    github.openPullRequest({ number: PR, headOwner: "o", headRef: "tune", headSha: sha });
    return sha;
  }

  /** A commit on tune that no asset reads (a README fix), pushed. */
  function pushReadme(dir: string, text: string): string {
    writeFileSync(path.join(dir, "README.md"), `${text}\n`);
    commitAll(dir, "readme");
    const sha = gitIn(dir, "rev-parse", "HEAD");
    github.openPullRequest({ number: PR, headOwner: "o", headRef: "tune", headSha: sha });
    return sha;
  }

  const comments = () => github.comments.filter((c) => c.issueNumber === PR);

  it("keeps the newest commit's report when an older run of the pull request is re-run", async () => {
    const { dir } = chainProject("kiln-sticky-rerun-");
    await playRun(dir, "100", ALL, false);
    gitScript(dir, "git checkout -q -b tune");
    const first = push(dir, "first");
    await playRun(dir, "101", MODEL, true);
    const second = push(dir, "second");
    await playRun(dir, "102", MODEL, true);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body).toContain(second.slice(0, 7));

    // Re-run all jobs of the first run: its report job runs again, with its event and commit.
    gitScript(dir, 'git checkout -q "$1"', first);
    const rerun = await playRun(dir, "101", MODEL, true, 2);
    expect(comments()).toHaveLength(1);
    const body = comments()[0]!.body;
    expect(body).toContain(second.slice(0, 7));
    expect(body).toContain("actions/runs/102");
    expect(body).not.toContain("actions/runs/101");
    // The re-run's own report is still written, in its job summary, saying why it is not the comment.
    expect(rerun.summary()).toContain(first.slice(0, 7));
    expect(rerun.summary()).toContain(
      `Pull request #${PR} has moved on to ${second.slice(0, 7)} since this run's commit ${first.slice(0, 7)}`,
    );
    expect(github.violations).toEqual([]);
  });

  it("is written by a run of the pull request's head, and left alone once the pull request is closed", async () => {
    const { dir } = chainProject("kiln-sticky-closed-");
    await playRun(dir, "200", ALL, false);
    gitScript(dir, "git checkout -q -b tune");
    const head = push(dir, "only");
    await playRun(dir, "201", MODEL, true);
    expect(comments().map((c) => c.body)).toEqual([expect.stringContaining(head.slice(0, 7))]);

    github.pulls.splice(0);
    const late = await playRun(dir, "201", MODEL, true, 2);
    expect(late.summary()).toContain(`Pull request #${PR} is no longer open`);
    expect(comments().map((c) => c.body)).toEqual([expect.stringContaining("actions/runs/201")]);
    expect(github.violations).toEqual([]);
  });

  it("keeps the report of the pull request's versions when a push changes nothing the pipeline reads", async () => {
    const { dir } = chainProject("kiln-sticky-idle-");
    await playRun(dir, "300", ALL, false);
    gitScript(dir, "git checkout -q -b tune");
    const built = push(dir, "tuned");
    await playRun(dir, "301", MODEL, true);
    const report = comments()[0]!.body;
    expect(report).toMatch(/### ✅ model · v2/);

    // A README fix: everything is fresh, the run has nothing to build. The comment still shows what
    // the pull request built (its details against the baselines), under a line saying so.
    const readme = pushReadme(dir, "typo fixed");
    const quiet = await playRun(dir, "302", NONE, true);
    expect(quiet.summary()).toContain("**0 materialized · 💤 3 fresh**");
    expect(comments()).toHaveLength(1);
    const kept = comments()[0]!.body;
    expect(kept).toMatch(/### ✅ model · v2/);
    expect(kept).toContain("actions/runs/301");
    expect(kept).toContain(
      `> 💤 **Nothing to rebuild** at ${readme.slice(0, 7)} ([workflow run](https://github.com/o/r/actions/runs/302)): every asset is still at the version reported below (the report of ${built.slice(0, 7)}), so it still describes the pull request.`,
    );
    // A second idle push replaces the note, not adds one; the report below is the same.
    const again = pushReadme(dir, "another typo fixed");
    await playRun(dir, "303", NONE, true);
    const twice = comments()[0]!.body;
    expect(twice.match(/Nothing to rebuild/g)).toHaveLength(1);
    expect(twice).toContain(`**Nothing to rebuild** at ${again.slice(0, 7)}`);
    expect(twice.split("\n").slice(3)).toEqual(kept.split("\n").slice(3));

    // A push that changes the model again: its run's report replaces the comment, without a note.
    const rebuilt = push(dir, "retuned");
    await playRun(dir, "304", MODEL, true);
    const next = comments()[0]!.body;
    expect(next).toMatch(/### ✅ model · v3/);
    expect(next).toContain(rebuilt.slice(0, 7));
    expect(next).not.toContain("Nothing to rebuild");
    expect(github.violations).toEqual([]);
  });

  it("says in the headline that the plan job failed, and replaces the comment with that run's report", async () => {
    const { dir } = chainProject("kiln-sticky-plan-");
    await playRun(dir, "400", ALL, false);
    gitScript(dir, "git checkout -q -b tune");
    push(dir, "tuned");
    await playRun(dir, "401", MODEL, true);
    const head = pushReadme(dir, "typo fixed");
    const { plan, report } = await failedPlanRun(dir, "402");
    expect(plan.failed).toHaveLength(1);
    const why = plan.failed[0]!;
    expect(why).toMatch(/depth/);
    expect(plan.outputs.get("error")).toBe(why);
    const headline = `**❌ plan job failed: nothing ran · 0 materialized · 💤 3 fresh**\n\nThe plan job, which decides what runs, failed, so no asset job ran: every asset is as its last run left it. It said: ${md(why)} — see the [plan job log](https://github.com/o/r/actions/runs/402/job/1).`;
    expect(report.summary()).toContain(headline);
    // Not an idle run: the pull request's comment says the run failed, not "nothing to rebuild".
    const body = comments()[0]!.body;
    expect(body).toContain(headline);
    expect(body).toContain(head.slice(0, 7));
    expect(body).not.toContain("Nothing to rebuild");
    expect(github.violations).toEqual([]);
  });
});
