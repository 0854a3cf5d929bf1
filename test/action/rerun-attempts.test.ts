// GitHub's "Re-run all jobs" and "Re-run failed jobs" keep the run id and start attempt 2, 3, …
// What a run did with an asset is what the latest attempt that touched it did: attempt 1's
// success must not hide attempt 2's failure (in the report, its alerts, and the gate of a layer
// leg), nor attempt 1's failure a job that attempt 2 ended green. The jobs run in-process as the
// generated workflow calls the action; the report job's reading of the run is the action's own.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ActionInputs, readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { factsFromLedger, reportAction } from "../../src/action/report.js";
import { actionTick } from "../../src/action/tick.js";
import { actionWorkspace } from "../../src/action/workspace.js";
import { cursorScope } from "../../src/app/workspace.js";
import { buildRunReport } from "../../src/app/run-report.js";
import { runAlerts, sourceFailureAlerts } from "../../src/github/alerts.js";
import { renderReport } from "../../src/report/index.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { assetJob, CHAIN_MANIFEST, chainProject } from "../support/chain-jobs.js";
import { commitAll } from "../support/git-script.js";
import { type FakeJob, GitHubApiServer } from "../support/github-api.js";
import { type SlackStandIn, slackStandIn } from "../support/slack.js";

function project() {
  return chainProject("kiln-attempts-");
}

type Plan = Record<string, "run" | "skip">;

function env(dir: string, run: string, attempt: string): NodeJS.ProcessEnv {
  return {
    ...jobEnv(dir, { event: "workflow_dispatch", ref: "refs/heads/main", refName: "main", runId: run }),
    GITHUB_RUN_ATTEMPT: attempt,
  };
}

/** One asset job of `run`'s attempt, as the generated job calls the action (`force`: the plan's request). */
function attemptJob(dir: string, asset: string, run: string, attempt: string, plan: Plan, force = false) {
  return assetJob(dir, asset, env(dir, run, attempt), plan, force);
}

/** What the report job of `run`'s attempt reads, renders and alerts, given the jobs' `needs` results. */
async function reportJob(
  dir: string,
  run: string,
  attempt: string,
  plan: Plan,
  jobResults: ActionInputs["jobResults"],
) {
  const jobEnvironment = env(dir, run, attempt);
  const recorded = recordingIO(dir, jobEnvironment);
  const inputs: ActionInputs = {
    command: "report",
    selection: [],
    manifest: "kiln.yml",
    token: "",
    force: false,
    plan,
    jobResults: { "kiln-plan": "success", ...jobResults },
    config: [],
  };
  const workspace = await actionWorkspace(recorded.io, inputs, actionTick(jobEnvironment));
  const facts = await factsFromLedger(workspace, inputs, run, jobEnvironment);
  const text = renderReport(await buildRunReport(workspace, facts), { format: "md", budget: "summary" });
  const alerts = await runAlerts({
    outcomes: facts.outcomes,
    jobName: (asset) => asset,
    alreadyAlerted: async () => false,
  });
  return { facts, text, alerts };
}

const ALL: Plan = { data: "run", features: "run", model: "run" };

describe("the report of a re-run workflow run", () => {
  it("shows attempt 2's failure, not attempt 1's version, and alerts it", async () => {
    const { dir, down } = project();
    // Attempt 1 of a dispatch with `force`: everything trains.
    for (const asset of ["data", "features", "model"]) {
      const job = await attemptJob(dir, asset, "42", "1", ALL, true);
      expect(job.jobFailed, job.logs.join("\n")).toBe(false);
    }
    // Re-run all jobs: the plan forces them again, and this time the model's step fails.
    down("model");
    for (const asset of ["data", "features"]) await attemptJob(dir, asset, "42", "2", ALL, true);
    const model = await attemptJob(dir, "model", "42", "2", ALL, true);
    expect(model.jobFailed).toBe(true);

    const report = await reportJob(dir, "42", "2", ALL, {
      data: "success",
      features: "success",
      model: "failure",
    });
    expect(report.facts.outcomes.get("model")).toMatchObject({ outcome: "failed" });
    expect(report.facts.outcomes.get("model")?.detail).toMatch(/exit/);
    expect(report.facts.outcomes.get("data")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(report.text).toMatch(/\| model +\| ❌ failed +\| – /);
    expect(report.text).not.toMatch(/\| model +\| ✅/);
    expect(report.alerts.failures.map((f) => f.asset)).toEqual(["model"]);
    expect(report.alerts.fixed.map((f) => f.asset)).not.toContain("model");
  }, 240_000);

  it("shows the dependants GitHub skipped in attempt 2 as skipped, not with attempt 1's versions", async () => {
    const { dir, down } = project();
    for (const asset of ["data", "features", "model"]) await attemptJob(dir, asset, "45", "1", ALL, true);
    // Re-run all jobs: data fails, and `needs` skips the jobs of features and model.
    down("data");
    expect((await attemptJob(dir, "data", "45", "2", ALL, true)).jobFailed).toBe(true);
    const report = await reportJob(dir, "45", "2", ALL, {
      data: "failure",
      features: "skipped",
      model: "skipped",
    });
    expect([...report.facts.outcomes].map(([name, o]) => [name, o.outcome, o.detail])).toEqual([
      ["data", "failed", expect.stringMatching(/exit/)],
      ["features", "skipped", "skipped: dependency data failed"],
      ["model", "skipped", "skipped: dependency features was skipped"],
    ]);
    expect(report.alerts.fixed).toEqual([]);
  }, 240_000);

  it("does not show attempt 1's failure for a job attempt 2 ended green without a record", async () => {
    const { dir, down, up } = project();
    const plan: Plan = { data: "run", features: "skip", model: "skip" };
    down("data");
    expect((await attemptJob(dir, "data", "50", "1", plan)).jobFailed).toBe(true);
    // The outage ends; a later dispatch that selects data builds it at the same version.
    up("data");
    expect((await attemptJob(dir, "data", "51", "1", plan, true)).outputs.get("version")).toBe("v1");
    // Re-run failed jobs of run 50: its data job finds data fresh and ends green, writing nothing.
    const again = await attemptJob(dir, "data", "50", "2", plan);
    expect(again.jobFailed, again.logs.join("\n")).toBe(false);
    expect(again.outcomes.map((o) => o.outcome)).toEqual(["fresh"]);

    const report = await reportJob(dir, "50", "2", plan, {
      data: "success",
      features: "skipped",
      model: "skipped",
    });
    expect(report.facts.outcomes.get("data")).toMatchObject({
      outcome: "fresh",
      detail: expect.stringMatching(/^fresh at v1/),
    });
    expect(report.alerts.failures).toEqual([]);
  }, 240_000);

  it("shows a failure when attempt 2's job failed before Kiln wrote anything, after attempt 1's success", async () => {
    const { dir } = project();
    const plan: Plan = { data: "run", features: "skip", model: "skip" };
    expect((await attemptJob(dir, "data", "60", "1", plan, true)).outputs.get("version")).toBe("v1");
    // Re-run all jobs: the data job's setup step fails (no record, no failure record).
    const report = await reportJob(dir, "60", "2", plan, {
      data: "failure",
      features: "skipped",
      model: "skipped",
    });
    expect(report.facts.outcomes.get("data")).toMatchObject({ outcome: "failed" });
    expect(report.facts.outcomes.get("data")?.detail).toMatch(/before Kiln recorded a result/);
    expect(report.alerts.failures.map((f) => f.asset)).toEqual(["data"]);
  }, 240_000);

  it("keeps attempt 1's versions of the jobs Re-run failed jobs did not re-run", async () => {
    const { dir, down, up } = project();
    down("model");
    for (const asset of ["data", "features"]) await attemptJob(dir, asset, "70", "1", ALL, true);
    expect((await attemptJob(dir, "model", "70", "1", ALL, true)).jobFailed).toBe(true);
    up("model");
    expect((await attemptJob(dir, "model", "70", "2", ALL, true)).outputs.get("version")).toBe("v1");
    const report = await reportJob(dir, "70", "2", ALL, {
      data: "success",
      features: "success",
      model: "success",
    });
    expect([...report.facts.outcomes].map(([name, o]) => [name, o.outcome, o.detail])).toEqual([
      ["data", "success", "v1"],
      ["features", "success", "v1"],
      ["model", "success", "v1"],
    ]);
    expect(report.alerts.failures).toEqual([]);
  }, 240_000);
});

describe("a layer leg in a re-run workflow run", () => {
  it("is skipped when its dependency failed in this attempt, though attempt 1 recorded a version of it", async () => {
    const { dir, down } = project();
    for (const asset of ["data", "features", "model"]) {
      const job = await attemptJob(dir, asset, "80", "1", ALL, true);
      expect(job.jobFailed, job.logs.join("\n")).toBe(false);
    }
    // Re-run all jobs of the forced dispatch: data fails in attempt 2.
    down("data");
    expect((await attemptJob(dir, "data", "80", "2", ALL, true)).jobFailed).toBe(true);
    for (const asset of ["features", "model"]) {
      const leg = await attemptJob(dir, asset, "80", "2", ALL, true);
      expect(leg.jobFailed).toBe(false);
      expect(leg.outputs.get("ran"), leg.summary()).toBe("false");
      expect(leg.summary()).toMatch(
        /^Skipped: its dependency \w+ was to run in this run but did not materialize/m,
      );
    }
  }, 240_000);
});

describe("a source whose observe fails, in a re-run", () => {
  it("is alerted by the attempt whose plan marked it, not again by Re-run all jobs", async () => {
    const { dir } = project();
    writeFileSync(
      path.join(dir, "kiln.yml"),
      CHAIN_MANIFEST.replace(
        "assets:\n  data:\n",
        "sources:\n  raw:\n    observe: echo 'feed offline' >&2; exit 2\nassets:\n  data:\n    deps: [raw]\n",
      ),
    );
    const plan = async (attempt: string) => {
      const jobEnvironment = env(dir, "90", attempt);
      const recorded = recordingIO(dir, jobEnvironment);
      const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
      if (!read.ok) throw new Error(read.error);
      await planAction(recorded.io, read.inputs);
      const workspace = await actionWorkspace(recorded.io, read.inputs, actionTick(jobEnvironment));
      return (await workspace.ledger.readCursor(cursorScope(workspace)))?.sources;
    };
    const first = await plan("1");
    expect(first?.raw).toMatchObject({ runId: "90", runAttempt: 1 });
    expect(sourceFailureAlerts(first, { run: "90", attempt: 1 }).map((a) => a.asset)).toEqual(["raw"]);
    const again = await plan("2");
    expect(again?.raw).toMatchObject({ runId: "90", runAttempt: 1 });
    expect(sourceFailureAlerts(again, { run: "90", attempt: 2 })).toEqual([]);
  }, 240_000);
});

describe("the alerts of a re-run whose job fails before Kiln writes anything", () => {
  let github: GitHubApiServer;
  let slack: SlackStandIn;
  beforeEach(async () => {
    github = new GitHubApiServer();
    await github.start();
    slack = await slackStandIn();
  });
  afterEach(async () => {
    await github.stop();
    await slack.close();
  });

  /** The chain with Slack and issue alerts, committed. */
  function alertingProject() {
    const chain = project();
    writeFileSync(
      path.join(chain.dir, "kiln.yml"),
      `${CHAIN_MANIFEST}alerts:\n  slack: { webhook-secret: SLACK_WEBHOOK_URL }\n  github-issue: true\n`,
    );
    commitAll(chain.dir, "alerts");
    return chain;
  }

  /**
   * The report job of `run`'s attempt as the action runs it, against the REST and Slack stand-ins.
   * `needs`: how each job ended as the attempt's `needs` say (a job not re-run keeps its earlier
   * result); `rerun`: the jobs that ran in this attempt, which the API lists with its number.
   */
  async function reportAttempt(
    dir: string,
    run: string,
    attempt: number,
    plan: Plan,
    needs: Record<string, NonNullable<FakeJob["conclusion"]>>,
    rerun: string[] = Object.keys(needs),
  ) {
    const listed = github.runJobs.get(Number(run)) ?? [];
    for (const name of rerun)
      listed.push({
        id: listed.length + 1,
        name,
        status: "completed",
        conclusion: needs[name]!,
        runAttempt: attempt,
      });
    github.runJobs.set(Number(run), listed);
    const jobEnvironment = {
      ...env(dir, run, String(attempt)),
      GITHUB_API_URL: github.url,
      KILN_SLACK_WEBHOOK: slack.webhook,
    };
    const recorded = recordingIO(dir, jobEnvironment);
    const given: Record<string, string> = {
      command: "report",
      "github-token": "ghs_report",
      plan: JSON.stringify(plan),
      "job-results": JSON.stringify({ "kiln-plan": "success", ...needs }),
    };
    const read = readInputs((name) => given[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    await reportAction(recorded.io, read.inputs);
    return recorded;
  }

  const failureIssues = () => github.issues.filter((i) => i.title === "Kiln: data is failing");
  const commentsOnIssue = () => github.comments.filter((c) => c.issueNumber === failureIssues()[0]?.number);
  const DOWN = { data: "failure", features: "skipped", model: "skipped" } as const;

  it("alerts once: Re-run failed jobs that fail the same way are the same failure; a different end is news", async () => {
    const { dir } = alertingProject();
    const plan: Plan = { data: "run", features: "run", model: "run" };
    // Attempt 1: the data job's setup step fails; Kiln's step never runs, so nothing is recorded.
    const first = await reportAttempt(dir, "63", 1, plan, DOWN);
    expect(first.summary()).toMatch(/\| data +\| ❌ failed/);
    expect(failureIssues().map((i) => i.body)).toEqual([
      expect.stringContaining("job data failed before Kiln recorded a result"),
    ]);
    expect(slack.received).toHaveLength(1);
    // Re-run failed jobs: the same setup step fails again. The report says so; nobody is told twice.
    const second = await reportAttempt(dir, "63", 2, plan, DOWN);
    expect(second.summary()).toMatch(/\| data +\| ❌ failed/);
    expect(second.logs.join("\n")).toContain(
      "data: its job failed as in attempt 1 of this run, whose report alerted it: not alerted again",
    );
    expect(slack.received).toHaveLength(1);
    expect(failureIssues()).toHaveLength(1);
    expect(commentsOnIssue()).toEqual([]);
    // Attempt 3 ends otherwise (the job reached its timeout-minutes): that is news, alerted.
    await reportAttempt(dir, "63", 3, plan, { ...DOWN, data: "cancelled" });
    expect(slack.received).toHaveLength(2);
    expect(commentsOnIssue().map((c) => c.body)).toEqual([expect.stringContaining("was cancelled")]);
    expect(github.violations).toEqual([]);
  }, 240_000);

  it("does not alert again a failed job the attempt did not re-run (Re-run of another job)", async () => {
    const { dir } = alertingProject();
    const plan: Plan = { data: "run", features: "run", model: "run" };
    await reportAttempt(dir, "64", 1, plan, DOWN);
    expect(slack.received).toHaveLength(1);
    // Attempt 2 re-ran only the report: data's job keeps attempt 1's result, alerted then.
    const second = await reportAttempt(dir, "64", 2, plan, DOWN, []);
    expect(second.summary()).toMatch(/\| data +\| ❌ failed/);
    expect(slack.received).toHaveLength(1);
    expect(commentsOnIssue()).toEqual([]);
    expect(github.violations).toEqual([]);
  }, 240_000);

  it("does not alert again a recorded failure of a job the attempt did not re-run", async () => {
    const { dir, down } = alertingProject();
    const plan: Plan = { data: "run", features: "run", model: "run" };
    down("data");
    expect((await attemptJob(dir, "data", "67", "1", plan, true)).jobFailed).toBe(true);
    await reportAttempt(dir, "67", 1, plan, DOWN);
    expect(slack.received).toHaveLength(1);
    expect(failureIssues().map((i) => i.body)).toEqual([expect.stringContaining("data: network down")]);
    // Attempt 2 re-ran only the report: data's failure is attempt 1's, alerted then.
    const second = await reportAttempt(dir, "67", 2, plan, DOWN, []);
    expect(second.summary()).toMatch(/\| data +\| ❌ failed/);
    expect(slack.received).toHaveLength(1);
    expect(commentsOnIssue()).toEqual([]);
  }, 240_000);

  it("reports and alerts a re-run job that failed before Kiln's step, after that step recorded a failure", async () => {
    const { dir, down } = alertingProject();
    const plan: Plan = { data: "run", features: "run", model: "run" };
    down("data");
    expect((await attemptJob(dir, "data", "68", "1", plan, true)).jobFailed).toBe(true);
    await reportAttempt(dir, "68", 1, plan, DOWN);
    expect(slack.received).toHaveLength(1);
    // Re-run failed jobs: this time the job's setup step fails, before Kiln's step. That is news.
    const second = await reportAttempt(dir, "68", 2, plan, DOWN);
    expect(second.summary()).toContain("job data failed before Kiln recorded a result");
    expect(slack.received).toHaveLength(2);
    expect(commentsOnIssue().map((c) => c.body)).toEqual([
      expect.stringContaining("job data failed before Kiln recorded a result"),
    ]);
  }, 240_000);

  it("alerts a failure of another run of the same asset: one alert per run", async () => {
    const { dir } = alertingProject();
    const plan: Plan = { data: "run", features: "run", model: "run" };
    await reportAttempt(dir, "65", 1, plan, DOWN);
    await reportAttempt(dir, "66", 1, plan, DOWN);
    expect(slack.received).toHaveLength(2);
    expect(commentsOnIssue()).toHaveLength(1);
  }, 240_000);
});
