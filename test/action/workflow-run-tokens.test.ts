// Whole GitHub workflow runs, job by job: the bundled action runs as the runner runs it, against
// the local GitHub REST and Actions results-service stand-ins, with the ledger on the bare
// remote's kiln-ledger branch (test/action/scenario.ts, runner.ts). This file: tokens (a checkout
// without persisted credentials, a fork's read-only token), dispatched runs (run config, force)
// on the same repository, and failures (a job failing before Kiln's step, a failing source
// observe) with their alerts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles } from "../e2e/rig.js";
import { slackStandIn } from "../support/slack.js";
import { createRemote, FORK_TOKEN, git, pushChange, TOKEN } from "./runner.js";
import { describeJob, dispatchEvent, NAMESPACE, pullRequestEvent, pushEvent, scenario } from "./scenario.js";

// Each case plays several jobs, each a real clone and real git: minutes on a loaded machine.
const RUN_TIMEOUT = 600_000;

const world = scenario("in-process");

// One repository for these cases, in order: the first push (every asset v1, written with the
// input's token) is the main branch the fork's pull request is compared with, and the main
// branch the dispatched runs start from (the fork's run records nothing on it). A first push of
// its own for the dispatches cost a whole run of six jobs.
describe("tokens, then dispatched runs", { timeout: RUN_TIMEOUT }, () => {
  const remote = createRemote(pipelineFiles({ quality: 50 }));

  it("writes the ledger with the github-token input when checkout persisted no credential", async () => {
    const run = await world.play({
      bare: remote.bare,
      event: pushEvent(remote.bare),
      persistCredentials: false,
    });
    for (const asset of ["data", "features", "model", "report"])
      expect(run.jobs[asset]?.code, describeJob(run.jobs[asset]!)).toBe(0);
    expect(run.jobs.model?.outputs.version).toBe("v1");
    const ledger = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    expect(ledger).toContain("materializations/model/v1.json");
    expect(ledger).toContain("aliases/model.jsonl");
    const repo = `/acme/${path.basename(path.dirname(remote.bare))}.git`;
    const pushes = world.standIns.git.requests.filter(
      (r) => r.repository === repo && r.service === "receive-pack",
    );
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((p) => p.token === TOKEN && p.status === 200)).toBe(true);
  });

  it("gives a fork's pull request green asset jobs and its metrics in the comment, with a read-only token", async () => {
    const before = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    const head = pushChange(remote.work, "fork-model", {
      "kiln.yml": pipelineFiles({ quality: 20 })["kiln.yml"]!,
    });
    const forkRun = world.nextRunId;
    const run = await world.play({
      bare: remote.bare,
      event: pullRequestEvent(remote.bare, 21, "fork-model", "forker"),
      token: FORK_TOKEN,
    });
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "run", report: "run" });
    for (const asset of ["model", "report"]) {
      expect(run.jobs[asset]?.code, describeJob(run.jobs[asset]!)).toBe(0);
      expect(run.jobs[asset]?.stdout).toContain("kiln-records-");
    }
    expect(run.results).toMatchObject({ model: "success", report: "success" });
    // Nothing reached the ledger: the push was refused, the records travelled as artifacts.
    expect(git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger")).toBe(before);
    const repo = `/acme/${path.basename(path.dirname(remote.bare))}.git`;
    expect(
      world.standIns.git.requests.some(
        (r) => r.repository === repo && r.token === FORK_TOKEN && r.status === 403,
      ),
    ).toBe(true);
    expect(run.report.code, describeJob(run.report)).toBe(0);
    // The comment it could not post went up as an artifact from a folder it then removed.
    expect(run.report.leftInTemp).toEqual([]);
    expect(run.report.summary).toMatch(/\| model\s*\| ✅/);
    expect(run.report.summary).toContain("mae");
    expect(world.standIns.github.comments.filter((c) => c.issueNumber === 21)).toEqual([]);

    // workflows/kiln-comment.yml: download the run's kiln-report artifact to runner.temp, post it.
    const list = await fetch(
      `${world.standIns.github.url}/repos/acme/pipeline/actions/runs/${forkRun}/artifacts?name=kiln-report`,
      { headers: { authorization: `token ${TOKEN}` } },
    );
    const [artifact] = ((await list.json()) as { artifacts: { archive_download_url: string }[] }).artifacts;
    expect(artifact).toBeDefined();
    const zip = await fetch(artifact!.archive_download_url, { headers: { authorization: `token ${TOKEN}` } });
    const temp = mkdtempSync(path.join(os.tmpdir(), "kiln-runner-temp-"));
    writeFileSync(path.join(temp, "kiln-report.zip"), Buffer.from(await zip.arrayBuffer()));
    const unzip = spawnSync("unzip", ["-q", "kiln-report.zip", "-d", "kiln-report"], { cwd: temp });
    expect(unzip.status).toBe(0);
    world.standIns.github.pulls.push({
      number: 21,
      headOwner: "forker",
      headRef: "fork-model",
      headSha: head,
    });
    const starter = await world.job({
      bare: remote.bare,
      job: "comment",
      event: {
        name: "workflow_run",
        branch: "main",
        ref: "refs/heads/main",
        refName: "main",
        payload: {
          workflow_run: {
            id: forkRun,
            name: "Kiln",
            event: "pull_request",
            head_sha: head,
            head_branch: "fork-model",
            head_repository: { full_name: "forker/pipeline", owner: { login: "forker" } },
          },
        },
      },
      inputs: { command: "comment", report: path.join(temp, "kiln-report") },
    });
    expect(starter.code, describeJob(starter)).toBe(0);
    const comments = world.standIns.github.comments.filter((c) => c.issueNumber === 21);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("mae");
    expect(comments[0]?.body).not.toMatch(/\| model\s*\| ⏭️ skipped/);
    expect(world.standIns.github.violations).toEqual([]);
  });

  it("materializes an experiment across jobs from the dispatch form's config, never promotes it, and leaves main fresh", async () => {
    // This repository's first push built every asset's v1; the fork's pull request recorded nothing.
    const run = await world.play({
      bare: remote.bare,
      event: dispatchEvent({ assets: "model+", force: false, config: "model.quality=20" }),
    });
    expect(run.plan).toEqual({ model: "run", report: "run" });
    expect(run.planJob.stdout).toContain("experiment: config set for this run — model.quality=20");
    expect(run.jobs.model?.code, describeJob(run.jobs.model!)).toBe(0);
    expect(run.jobs.model?.outputs.version).toBe("v2");
    expect(run.jobs.model?.outputs.promoted).toBe("false");
    // The report asset's job read the experiment's model from the earlier job of this run.
    expect(run.jobs.report?.code, describeJob(run.jobs.report!)).toBe(0);
    expect(run.jobs.report?.outputs.version).toBe("v2");
    const show = (file: string) => JSON.parse(git(remote.bare, "show", `kiln-ledger:${NAMESPACE}${file}`));
    const model = show("materializations/model/v2.json");
    expect(model.metrics).toEqual({ mae: 20 });
    expect(model.context.experiment).toEqual({ overrides: ["model.quality=20"] });
    expect(model.promotion.reason).toContain("experiments never promote");
    expect(show("materializations/report/v2.json").context.experiment).toEqual({
      overrides: ["model.quality=20"],
    });
    const moves = git(remote.bare, "show", `kiln-ledger:${NAMESPACE}aliases/model.jsonl`).trim().split("\n");
    expect(moves).toHaveLength(1);
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toContain("🧪 **Experiment**: config set for this run — model.quality=20");
    expect(run.report.summary).toContain("vs champion v1");

    // The manifest's own versions (v1) are still current: a push plans nothing.
    pushChange(remote.work, "main", { "NOTES.md": "after the experiment\n" });
    const after = await world.play({ bare: remote.bare, event: pushEvent(remote.bare) });
    expect(after.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });

    // A config key the model does not have fails the plan job with the key and a suggestion.
    await expect(
      world.play({
        bare: remote.bare,
        event: dispatchEvent({ assets: "", force: false, config: "model.qualty=20" }),
      }),
    ).rejects.toThrow(/model has no config key "qualty"; did you mean "quality"\?/);
    expect(world.standIns.github.violations).toEqual([]);
  });

  // The dispatch form's `force` reaches the plan, which runs the fresh model; the model's own job
  // must honour that verdict instead of finding the model fresh and running nothing. The model is
  // fresh on main after the case above (v1 current, v2 an experiment's): the forced run is v3.
  it("materializes a fresh asset again when dispatched with force", async () => {
    const dispatch = dispatchEvent({ assets: "model", force: true });
    const run = await world.play({ bare: remote.bare, event: dispatch });
    expect(run.plan).toEqual({ model: "run" });
    const model = run.jobs.model!;
    expect(model.code, describeJob(model)).toBe(0);
    expect(model.summary).not.toContain("Nothing to run");
    expect(model.outputs.version).toBe("v3");
    const record = JSON.parse(
      git(remote.bare, "show", `kiln-ledger:${NAMESPACE}materializations/model/v3.json`),
    );
    expect(record.reasons[0]).toBe("forced");
    expect(run.results).toMatchObject({
      data: "skipped",
      features: "skipped",
      model: "success",
      report: "skipped",
    });
    expect(run.report.code, describeJob(run.report)).toBe(0);
  });
});

// One repository for both kinds of failure, each alerted on its own channel entries: a model job
// that fails (then is cancelled) before Kiln's step, and a source whose observe fails. Their own
// repositories cost two plan jobs and two report jobs more.
describe("a job that fails before Kiln's step runs, and a source whose observe fails", {
  timeout: RUN_TIMEOUT,
}, () => {
  it("reports and alerts on an asset job that failed or was cancelled without a record, naming the job and linking its log; the failing observe holds back only its dependants, with the command's stderr, and alerts once", async () => {
    const { received, webhook, close } = await slackStandIn();
    try {
      // The model and one dependant (an upstream asset that builds fine would add a job per run
      // and nothing to what is asserted), the failing source with its dependant, and an
      // unrelated asset the source must not hold back.
      const files = pipelineFiles({ quality: 50 });
      const remote = createRemote({
        "kiln.yml": [
          "version: 1",
          "sources:",
          '  feed: { observe: "echo feed server said 503 >&2; exit 2" }',
          "assets:",
          "  model:",
          "    code: [steps/model.sh]",
          "    run: sh steps/model.sh",
          "    outputs: [build/model.json]",
          "  report:",
          "    deps: [model]",
          "    code: [steps/report.sh]",
          "    run: sh steps/report.sh",
          "    outputs: [build/report.txt]",
          "  pulled:",
          "    deps: [feed]",
          '    code-version: "1"',
          '    run: "true"',
          "  local:",
          '    code-version: "1"',
          '    run: "true"',
          "alerts:",
          "  slack: { webhook-secret: SLACK_WEBHOOK_URL }",
          "  github-issue: true",
          "",
        ].join("\n"),
        ".gitignore": files[".gitignore"]!,
        "steps/model.sh": files["steps/model.sh"]!,
        "steps/report.sh": files["steps/report.sh"]!,
      });
      const issuesBefore = world.standIns.github.issues.length;
      const aboutModel = () => received.filter((m) => m.text.includes("model (job model)"));
      const aboutFeed = () => received.filter((m) => m.text.includes("feed"));
      const modelIssues = () =>
        world.standIns.github.issues.slice(issuesBefore).filter((i) => i.title === "Kiln: model is failing");
      // The model job's `setup` step fails: Kiln's step never runs and writes no record.
      const id = world.nextRunId;
      const run = await world.play({
        bare: remote.bare,
        event: pushEvent(remote.bare),
        jobFailures: { model: "failure" },
        secrets: { SLACK_WEBHOOK_URL: webhook },
      });
      // The plan used to abort on the failing observe ("internal error … a bug in Kiln"); now the
      // unrelated assets run.
      expect(run.plan).toEqual({ model: "run", report: "run", pulled: "skip", local: "run" });
      // The summary's cells are escaped for Markdown (report/escape.ts md): read as GitHub shows them.
      const shown = run.planJob.summary.replace(/&(quot|#96|gt|lt|amp);/g, (_, e: string) =>
        e === "quot" ? '"' : e === "#96" ? "`" : e === "gt" ? ">" : e === "lt" ? "<" : "&",
      );
      expect(shown).toMatch(
        /pulled[^\n]*waiting: source "feed"[^\n]*exited with code 2: feed server said 503/,
      );
      expect(run.jobs.local?.outputs.version, run.jobs.local && describeJob(run.jobs.local)).toBe("v1");
      expect(run.jobs.model).toBeUndefined();
      expect(run.report.code, describeJob(run.report)).toBe(0);
      const summary = run.report.summary;
      expect(summary).toMatch(/\| model\s*\| ❌ failed/);
      expect(summary).toMatch(/\| report\s*\| ⏭️ skipped\s*\|[^\n]*dependency model failed/);
      expect(summary).toContain("job model failed before Kiln recorded a result");
      // The API's entry for the job gives the link to its log.
      const logUrl = `https://github.com/acme/pipeline/actions/runs/${id}/job/`;
      expect(summary).toMatch(new RegExp(`\\[job log\\]\\(${logUrl.replace(/[./]/g, "\\$&")}\\d+\\)`));

      const issues = modelIssues();
      expect(issues).toHaveLength(1);
      expect(issues[0]?.body).toContain("job model failed before Kiln recorded a result");
      expect(issues[0]?.body).toMatch(
        new RegExp(`\\*\\*Job:\\*\\* \\[model\\]\\(${logUrl.replace(/[./]/g, "\\$&")}\\d+\\)`),
      );

      expect(aboutModel()).toHaveLength(1);
      expect(aboutModel()[0]?.text).toContain("Kiln: asset model (job model) failed in acme/pipeline");
      expect(JSON.stringify(aboutModel()[0]?.blocks)).toContain(logUrl);
      expect(aboutFeed()).toHaveLength(1);
      // Nothing else was sent.
      expect(received).toHaveLength(2);

      // Next run, the job is killed at its timeout-minutes (GitHub shows it as cancelled); the
      // source still fails to be observed.
      pushChange(remote.work, "main", { "NOTES.md": "again\n" });
      const again = await world.play({
        bare: remote.bare,
        event: pushEvent(remote.bare),
        jobFailures: { model: "cancelled" },
        secrets: { SLACK_WEBHOOK_URL: webhook },
      });
      expect(again.plan).toEqual({ model: "run", report: "run", pulled: "skip", local: "skip" });
      expect(again.report.code, describeJob(again.report)).toBe(0);
      expect(again.report.summary).toMatch(/\| model\s*\| 🚫 cancelled/);
      // A cancelled dependency stops its dependants as a failed one does.
      expect(again.results).toMatchObject({ model: "cancelled", report: "skipped" });
      expect(again.report.summary).toMatch(/\| report\s*\| ⏭️ skipped\s*\|[^\n]*dependency model cancelled/);
      expect(again.report.summary).toContain("job model was cancelled before Kiln recorded a result");
      expect(aboutModel()).toHaveLength(2);
      expect(aboutModel()[1]?.text).toContain("model (job model) was cancelled");
      // The source's failure was alerted already.
      expect(aboutFeed()).toHaveLength(1);
      expect(received).toHaveLength(3);
      // One issue per asset: the repeat failure is a comment on it.
      expect(modelIssues()).toHaveLength(1);
      const number = issues[0]!.number;
      expect(world.standIns.github.comments.filter((c) => c.issueNumber === number).at(-1)?.body).toContain(
        "was cancelled",
      );
      expect(world.standIns.github.violations).toEqual([]);
    } finally {
      await close();
    }
  });
});
