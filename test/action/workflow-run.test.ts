// Whole GitHub workflow runs, job by job: the bundled action runs as the runner runs it, against
// the local GitHub REST and Actions results-service stand-ins, with the ledger on the bare
// remote's kiln-ledger branch. The cases build on each other in order, like a repository's life.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pipelineFiles } from "../e2e/rig.js";
import { type StandIns, startStandIns } from "../support/stand-ins.js";
import {
  buildAction,
  createRemote,
  FORK_TOKEN,
  git,
  playRun,
  pushChange,
  REPOSITORY,
  type RunEvent,
  runJob,
  TOKEN,
} from "./runner.js";

const ASSETS = [
  { name: "data", deps: [] },
  { name: "features", deps: ["data"] },
  { name: "model", deps: ["features"] },
  { name: "report", deps: ["model"] },
];

// Each case plays several jobs, each a real clone and a node process: minutes on a loaded machine.
const RUN_TIMEOUT = 600_000;

let standIns: StandIns;
let action: string;
let bare: string;
let work: string;
let runId = 9000;

/**
 * The project's namespace on the branch: the runner clones into `<home>/workspace`, and a manifest
 * at the top level is named after that folder (on GitHub, /home/runner/work/<repo>/<repo>).
 */
const NAMESPACE = "projects/workspace/";

/** The ledger branch's files, relative to the project's namespace; nothing lives outside it. */
function ledgerFiles(): string[] {
  const files = git(bare, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n").filter(Boolean);
  expect(files.filter((f) => !f.startsWith(NAMESPACE))).toEqual([]);
  return files.map((f) => f.slice(NAMESPACE.length)).sort();
}

function ledgerFile(file: string): string {
  return git(bare, "show", `kiln-ledger:${NAMESPACE}${file}`);
}

function pushEvent(branch = "main", remote = bare): RunEvent {
  const after = git(remote, "rev-parse", branch).trim();
  return {
    name: "push",
    branch,
    ref: `refs/heads/${branch}`,
    refName: branch,
    payload: {
      ref: `refs/heads/${branch}`,
      before: "0000000000000000000000000000000000000000",
      after,
      repository: { full_name: "acme/pipeline", name: "pipeline", owner: { login: "acme" } },
      head_commit: { id: after },
    },
  };
}

/** A run from the dispatch form on main, with its inputs. */
function dispatchEvent(inputs: Record<string, unknown>): RunEvent {
  return {
    name: "workflow_dispatch",
    branch: "main",
    ref: "refs/heads/main",
    refName: "main",
    payload: { inputs, ref: "refs/heads/main", repository: { full_name: REPOSITORY } },
    inputs,
  };
}

function pullRequestEvent(number: number, branch: string, remote = bare, headOwner = "acme"): RunEvent {
  const head = git(remote, "rev-parse", branch).trim();
  const base = git(remote, "rev-parse", "main").trim();
  const repo = { full_name: "acme/pipeline", name: "pipeline", owner: { login: "acme" } };
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
        head: { sha: head, ref: branch, repo: headRepo },
        base: { sha: base, ref: "main", repo },
      },
      repository: repo,
    },
  };
}

/** A Slack incoming webhook stand-in: the messages it received, its URL, and how to stop it. */
async function slackStandIn() {
  const received: Array<{ text: string; blocks: unknown[] }> = [];
  const slack = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
  const webhook = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0/secret`;
  const close = async () => {
    slack.closeAllConnections();
    await new Promise<void>((resolve) => slack.close(() => resolve()));
  };
  return { received, webhook, close };
}

function describeJob(job: { code: number | null; stdout: string; stderr: string }): string {
  return `exit ${job.code}\n${job.stdout}\n${job.stderr}`;
}

beforeAll(async () => {
  [standIns, action] = await Promise.all([
    startStandIns({
      login: "github-actions[bot]",
      readOnlyTokens: [FORK_TOKEN],
      gitTokens: { [TOKEN]: "write", [FORK_TOKEN]: "read" },
    }),
    buildAction(),
  ]);
  ({ bare, work } = createRemote(pipelineFiles({ quality: 50 })));
}, 120_000);

afterAll(async () => {
  await standIns?.stop();
});

describe("a workflow run played job by job", { timeout: RUN_TIMEOUT }, () => {
  it("materializes every asset on the first push to main and promotes the model", async () => {
    const run = await playRun({ action, standIns, bare, runId: ++runId, event: pushEvent() });
    expect(run.plan).toEqual({ data: "run", features: "run", model: "run", report: "run" });
    for (const { name } of ASSETS) {
      const job = run.jobs[name];
      expect(job, name).toBeDefined();
      expect(job?.code, describeJob(job!)).toBe(0);
      expect(job?.outputs.version, name).toBe("v1");
    }
    const files = ledgerFiles();
    for (const { name } of ASSETS) expect(files).toContain(`materializations/${name}/v1.json`);
    expect(files).toContain("aliases/model.jsonl");
    const moves = ledgerFile("aliases/model.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ alias: "champion", asset: "model", from: null, to: 1 });

    // Outputs passed between jobs through the cache; the promoted model went up as an artifact.
    expect(standIns.results.caches.filter((c) => c.finalized).length).toBeGreaterThanOrEqual(3);
    expect(standIns.results.artifacts.map((a) => a.name)).toContain("kiln-model-v1");
    expect(standIns.results.errors).toEqual([]);

    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toContain("materialized");
    expect(standIns.github.comments).toEqual([]);
    expect(standIns.github.violations).toEqual([]);
  });

  it("skips everything on a second push with nothing changed", async () => {
    const before = ledgerFiles();
    pushChange(work, "main", { "README.md": "# pipeline\n" });
    const run = await playRun({ action, standIns, bare, runId: ++runId, event: pushEvent() });
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });
    expect(Object.keys(run.jobs)).toEqual([]);
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(ledgerFiles().filter((f) => f.startsWith("materializations/"))).toEqual(
      before.filter((f) => f.startsWith("materializations/")),
    );
    expect(standIns.github.violations).toEqual([]);
  });

  it("runs only the model and its dependant on a pull request, never promotes, and keeps one sticky comment", async () => {
    pushChange(work, "better-model", { "kiln.yml": pipelineFiles({ quality: 20 })["kiln.yml"]! });
    const run = await playRun({
      action,
      standIns,
      bare,
      runId: ++runId,
      event: pullRequestEvent(7, "better-model"),
    });
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "run", report: "run" });
    expect(run.jobs.model?.code, describeJob(run.jobs.model!)).toBe(0);
    expect(run.jobs.model?.outputs.version).toBe("v2");
    expect(ledgerFiles()).toContain("materializations/model/v2.json");
    const moves = ledgerFile("aliases/model.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // Pull requests never promote: the alias log still holds only the move to v1.
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ alias: "champion", to: 1 });

    expect(run.report.code, describeJob(run.report)).toBe(0);
    const onPr = () => standIns.github.comments.filter((c) => c.issueNumber === 7);
    expect(onPr()).toHaveLength(1);
    expect(onPr()[0]?.body).toContain("<!-- kiln-report:");
    expect(onPr()[0]?.body).toContain("mae");
    const firstId = onPr()[0]?.id;

    // A new commit on the PR: the same comment is edited, not a second one added.
    pushChange(work, "better-model", { "kiln.yml": pipelineFiles({ quality: 10 })["kiln.yml"]! });
    const again = await playRun({
      action,
      standIns,
      bare,
      runId: ++runId,
      event: pullRequestEvent(7, "better-model"),
    });
    expect(again.report.code, describeJob(again.report)).toBe(0);
    expect(onPr()).toHaveLength(1);
    expect(onPr()[0]?.id).toBe(firstId);
    expect(onPr()[0]?.body).toContain("config changed (quality 20 → 10)");
    expect(standIns.github.violations).toEqual([]);
  });

  it("fails the asset job whose step fails, skips its dependants, and reports the failure", async () => {
    pushChange(work, "broken", {
      "steps/model.mjs": 'console.error("training diverged");\nprocess.exit(1);\n',
    });
    const run = await playRun({
      action,
      standIns,
      bare,
      runId: ++runId,
      event: pushEvent("broken"),
    });
    expect(run.plan.model).toBe("run");
    const model = run.jobs.model!;
    expect(model.code).not.toBe(0);
    expect(model.stdout).toContain("::error::");
    expect(run.jobs.report).toBeUndefined();
    expect(run.results).toMatchObject({
      data: "skipped",
      features: "skipped",
      model: "failure",
      report: "skipped",
    });
    expect(run.notStarted).toContain("report");
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toMatch(/❌ 1 failed/);
    expect(run.report.summary).toMatch(/\| model\s*\| ❌ failed/);
    expect(run.report.summary).toMatch(/\| report\s*\| ⏭️ skipped/);
    expect(run.report.summary).toContain("training diverged");
    expect(standIns.github.violations).toEqual([]);
  });
  // Pull-request and other-branch materializations share the ledger with main. After the PR built
  // model v3 (quality 10), main (quality 50, identical to v1) is still fresh: freshness asks for
  // any record with the current logical version, not the newest one.
  it("leaves main fresh after pull-request runs built newer versions on their branch", async () => {
    pushChange(work, "main", { "NOTES.md": "unrelated\n" });
    const run = await playRun({
      action,
      standIns,
      bare,
      runId: ++runId,
      event: pushEvent(),
    });
    // The plan itself says why: the model's current logical version has a record (v1).
    expect(run.planJob.summary).toMatch(/\|\s*model\s*\|\s*skip\s*\|\s*fresh\s*\|/);
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });
  });
});

describe("a run of a layer workflow", { timeout: RUN_TIMEOUT }, () => {
  it("skips only the dependants of a failed leg: unrelated assets in later layers still materialize", async () => {
    const files = pipelineFiles({ quality: 50 });
    files["kiln.yml"] += `  stats:
    deps: [features]
    code: [steps/stats.mjs]
    run: node steps/stats.mjs
    outputs: [build/stats.txt]
  digest:
    deps: [stats]
    code: [steps/digest.mjs]
    run: node steps/digest.mjs
    outputs: [build/digest.txt]
`;
    files["steps/stats.mjs"] =
      'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("build/stats.txt", `sum=${readFileSync("build/features.txt", "utf8")}`);\n';
    files["steps/digest.mjs"] =
      'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("build/digest.txt", readFileSync("build/stats.txt", "utf8").toUpperCase());\n';
    files["steps/model.mjs"] = 'console.error("training diverged");\nprocess.exit(1);\n';
    const remote = createRemote(files);
    const run = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
      generate: { layerThreshold: 0 },
    });
    expect(run.workflow).toContain("kiln-layer-3:");
    expect(run.results).toMatchObject({
      "kiln-layer-0": "success",
      "kiln-layer-1": "success",
      "kiln-layer-2": "failure",
      "kiln-layer-3": "success",
    });
    for (const asset of ["data", "features", "stats", "digest"])
      expect(run.jobs[asset]?.outputs.version, describeJob(run.jobs[asset]!)).toBe("v1");
    expect(run.jobs.model?.code).not.toBe(0);
    const report = run.jobs.report!;
    expect(report.code, describeJob(report)).toBe(0);
    expect(report.summary).toContain(
      "Skipped: its dependency model was to run in this run but did not materialize",
    );
    const ledger = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    expect(ledger).toContain("materializations/digest/v1.json");
    expect(ledger).not.toContain("materializations/report/");
    expect(run.report.summary).toMatch(/\| model\s*\| ❌ failed/);
    expect(run.report.summary).toMatch(/\| report\s*\| ⏭️ skipped/);
    expect(run.report.summary).toMatch(/\| digest\s*\| ✅/);
  });
});

describe("tokens", { timeout: RUN_TIMEOUT }, () => {
  it("writes the ledger with the github-token input when checkout persisted no credential", async () => {
    const remote = createRemote(pipelineFiles({ quality: 50 }));
    const run = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
      persistCredentials: false,
    });
    for (const asset of ["data", "features", "model", "report"])
      expect(run.jobs[asset]?.code, describeJob(run.jobs[asset]!)).toBe(0);
    const ledger = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    expect(ledger).toContain("materializations/model/v1.json");
    expect(ledger).toContain("aliases/model.jsonl");
    const repo = `/acme/${path.basename(path.dirname(remote.bare))}.git`;
    const pushes = standIns.git.requests.filter((r) => r.repository === repo && r.service === "receive-pack");
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((p) => p.token === TOKEN && p.status === 200)).toBe(true);
  });

  it("gives a fork's pull request green asset jobs and its metrics in the comment, with a read-only token", async () => {
    const remote = createRemote(pipelineFiles({ quality: 50 }));
    const main = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
    });
    expect(main.jobs.model?.outputs.version).toBe("v1");
    const before = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    const head = pushChange(remote.work, "fork-model", {
      "kiln.yml": pipelineFiles({ quality: 20 })["kiln.yml"]!,
    });
    const forkRun = ++runId;
    const run = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: forkRun,
      event: pullRequestEvent(21, "fork-model", remote.bare, "forker"),
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
      standIns.git.requests.some((r) => r.repository === repo && r.token === FORK_TOKEN && r.status === 403),
    ).toBe(true);
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toMatch(/\| model\s*\| ✅/);
    expect(run.report.summary).toContain("mae");
    expect(standIns.github.comments.filter((c) => c.issueNumber === 21)).toEqual([]);

    // workflows/kiln-comment.yml: download the run's kiln-report artifact to runner.temp, post it.
    const list = await fetch(
      `${standIns.github.url}/repos/acme/pipeline/actions/runs/${forkRun}/artifacts?name=kiln-report`,
      { headers: { authorization: `token ${TOKEN}` } },
    );
    const [artifact] = ((await list.json()) as { artifacts: { archive_download_url: string }[] }).artifacts;
    expect(artifact).toBeDefined();
    const zip = await fetch(artifact!.archive_download_url, { headers: { authorization: `token ${TOKEN}` } });
    const temp = mkdtempSync(path.join(os.tmpdir(), "kiln-runner-temp-"));
    writeFileSync(path.join(temp, "kiln-report.zip"), Buffer.from(await zip.arrayBuffer()));
    const unzip = spawnSync("unzip", ["-q", "kiln-report.zip", "-d", "kiln-report"], { cwd: temp });
    expect(unzip.status).toBe(0);
    standIns.github.pulls.push({ number: 21, headOwner: "forker", headRef: "fork-model", headSha: head });
    const starter = await runJob({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
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
    const comments = standIns.github.comments.filter((c) => c.issueNumber === 21);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("mae");
    expect(comments[0]?.body).not.toMatch(/\| model\s*\| ⏭️ skipped/);
    expect(standIns.github.violations).toEqual([]);
  });
});

describe("a dispatched run", { timeout: RUN_TIMEOUT }, () => {
  // The dispatch form's `force` reaches the plan, which runs the fresh model; the model's own job
  // must honour that verdict instead of finding the model fresh and running nothing.
  it("materializes a fresh asset again when dispatched with force", async () => {
    const remote = createRemote(pipelineFiles({ quality: 50 }));
    const first = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
    });
    expect(first.jobs.model?.outputs.version).toBe("v1");
    const dispatch = dispatchEvent({ assets: "model", force: true });
    const run = await playRun({ action, standIns, bare: remote.bare, runId: ++runId, event: dispatch });
    expect(run.plan).toEqual({ model: "run" });
    const model = run.jobs.model!;
    expect(model.code, describeJob(model)).toBe(0);
    expect(model.summary).not.toContain("Nothing to run");
    expect(model.outputs.version).toBe("v2");
    const record = JSON.parse(
      git(remote.bare, "show", `kiln-ledger:${NAMESPACE}materializations/model/v2.json`),
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

describe("a scheduled run", { timeout: RUN_TIMEOUT }, () => {
  it("runs the cron-automated model once per tick: on the first schedule, not again until the next tick", async () => {
    const commentsBefore = standIns.github.comments.length;
    const files = pipelineFiles({ quality: 50 });
    files["kiln.yml"] = files["kiln.yml"]!.replace(
      "    promote: { min-delta: 1 }\n",
      '    promote: { min-delta: 1 }\n    automation: { on_cron: "17 3 * * 1" }\n',
    );
    const remote = createRemote(files);
    const schedule = (): RunEvent => ({
      name: "schedule",
      branch: "main",
      ref: "refs/heads/main",
      refName: "main",
      payload: { schedule: "17 3 * * 1" },
    });
    const first = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: schedule(),
    });
    expect(first.plan).toEqual({ data: "run", features: "run", model: "run", report: "run" });
    expect(first.planJob.summary).toContain("## Kiln plan");
    expect(first.planJob.summary).toMatch(/model\s*\|\s*▶ run.*on_cron &quot;17 3 &#42; &#42; 1&quot;/);
    expect(first.jobs.model?.code, describeJob(first.jobs.model!)).toBe(0);
    expect(first.jobs.model?.outputs.version).toBe("v1");
    expect(git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger")).toContain(
      "materializations/model/v1.json",
    );
    expect(first.report.code, describeJob(first.report)).toBe(0);

    // The same tick again (only a run that straddles Monday 03:17 UTC would see a new one).
    const second = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: schedule(),
    });
    expect(second.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });
    expect(Object.keys(second.jobs)).toEqual([]);
    expect(second.report.code, describeJob(second.report)).toBe(0);
    // A scheduled run has no pull request to comment on.
    expect(standIns.github.comments.length).toBe(commentsBefore);
    expect(standIns.github.violations).toEqual([]);
  });

  it(
    "refreshes a root asset on every daily tick although its logical version never changes",
    async () => {
      const remote = createRemote({
        "kiln.yml": [
          "version: 1",
          "assets:",
          "  snapshot:",
          '    run: "node steps/pull.mjs"',
          "    outputs: [data/snapshot.json]",
          '    automation: { on_cron: "0 6 * * *" }',
          "",
        ].join("\n"),
        "steps/pull.mjs":
          'import { mkdirSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/snapshot.json", "[1,2,3]");\n',
      });
      const tick = (now: string): RunEvent => ({
        name: "schedule",
        branch: "main",
        ref: "refs/heads/main",
        refName: "main",
        payload: { schedule: "0 6 * * *" },
        now,
      });
      const play = (now: string) =>
        playRun({
          action,
          standIns,
          bare: remote.bare,
          runId: ++runId,
          event: tick(now),
        });
      const first = await play("2026-11-20T06:05:00Z");
      expect(first.jobs.snapshot?.outputs.version, describeJob(first.planJob)).toBe("v1");
      // The next day's tick: the plan job says run and the asset job materializes (it used to say
      // "Nothing to run: every selected asset is fresh").
      const second = await play("2026-11-21T06:05:00Z");
      expect(second.plan).toEqual({ snapshot: "run" });
      expect(JSON.parse(second.planJob.outputs.force!)).toEqual(["snapshot"]);
      expect(second.jobs.snapshot?.outputs.version, describeJob(second.jobs.snapshot!)).toBe("v2");
      const record = JSON.parse(
        git(remote.bare, "show", `kiln-ledger:${NAMESPACE}materializations/snapshot/v2.json`),
      );
      expect(record.startedAt.slice(0, 13)).toBe("2026-11-21T06");
      // The same day again: handled.
      const third = await play("2026-11-21T07:00:00Z");
      expect(third.plan).toEqual({ snapshot: "skip" });
    },
    RUN_TIMEOUT,
  );
});

describe("a source whose observe fails", () => {
  it(
    "holds back only its dependants, with the command's stderr, and alerts once",
    async () => {
      const { received, webhook, close } = await slackStandIn();
      try {
        const remote = createRemote({
          "kiln.yml": [
            "version: 1",
            "sources:",
            '  feed: { observe: "echo feed server said 503 >&2; exit 2" }',
            "assets:",
            "  pulled:",
            "    deps: [feed]",
            '    code-version: "1"',
            '    run: "true"',
            "  local:",
            '    code-version: "1"',
            '    run: "true"',
            "alerts:",
            "  slack: { webhook-secret: SLACK_WEBHOOK_URL }",
            "",
          ].join("\n"),
        });
        const play = () =>
          playRun({
            action,
            standIns,
            bare: remote.bare,
            runId: ++runId,
            event: pushEvent("main", remote.bare),
            secrets: { SLACK_WEBHOOK_URL: webhook },
          });
        // The plan used to abort ("internal error … a bug in Kiln"); now the unrelated asset runs.
        const first = await play();
        expect(first.plan).toEqual({ pulled: "skip", local: "run" });
        // The summary's cells are escaped for Markdown (report/escape.ts md): read as GitHub shows them.
        const shown = first.planJob.summary.replace(/&(quot|#96|gt|lt|amp);/g, (_, e: string) =>
          e === "quot" ? '"' : e === "#96" ? "`" : e === "gt" ? ">" : e === "lt" ? "<" : "&",
        );
        expect(shown).toMatch(
          /pulled[^\n]*waiting: source "feed"[^\n]*exited with code 2: feed server said 503/,
        );
        expect(first.jobs.local?.outputs.version, first.jobs.local && describeJob(first.jobs.local)).toBe(
          "v1",
        );
        expect(first.report.code, describeJob(first.report)).toBe(0);
        expect(received).toHaveLength(1);
        expect(received[0]?.text).toContain("feed");
        // Still failing at the next run: the failure was alerted already.
        pushChange(remote.work, "main", { "NOTES.md": "again\n" });
        const second = await play();
        expect(second.plan).toEqual({ pulled: "skip", local: "skip" });
        expect(second.report.code, describeJob(second.report)).toBe(0);
        expect(received).toHaveLength(1);
      } finally {
        await close();
      }
    },
    RUN_TIMEOUT,
  );
});

describe("a job that fails before Kiln's step runs", { timeout: RUN_TIMEOUT }, () => {
  it("reports and alerts on an asset job that failed or was cancelled without a record, naming the job and linking its log", async () => {
    const { received, webhook, close } = await slackStandIn();
    try {
      const files = pipelineFiles({ quality: 50 });
      files["kiln.yml"] += "alerts:\n  slack: { webhook-secret: SLACK_WEBHOOK_URL }\n  github-issue: true\n";
      const remote = createRemote(files);
      const issuesBefore = standIns.github.issues.length;
      // The model job's `setup` step fails: Kiln's step never runs and writes no record.
      const id = ++runId;
      const run = await playRun({
        action,
        standIns,
        bare: remote.bare,
        runId: id,
        event: pushEvent("main", remote.bare),
        jobFailures: { model: "failure" },
        secrets: { SLACK_WEBHOOK_URL: webhook },
      });
      expect(run.jobs.model).toBeUndefined();
      expect(run.report.code, describeJob(run.report)).toBe(0);
      const summary = run.report.summary;
      expect(summary).toMatch(/\| model\s*\| ❌ failed/);
      expect(summary).toMatch(/\| report\s*\| ⏭️ skipped\s*\|[^\n]*dependency model failed/);
      expect(summary).toContain("job model failed before Kiln recorded a result");
      // The API's entry for the job gives the link to its log.
      const logUrl = `https://github.com/acme/pipeline/actions/runs/${id}/job/`;
      expect(summary).toMatch(new RegExp(`\\[job log\\]\\(${logUrl.replace(/[./]/g, "\\$&")}\\d+\\)`));

      const issues = standIns.github.issues.slice(issuesBefore);
      expect(issues.map((i) => i.title)).toEqual(["Kiln: model is failing"]);
      expect(issues[0]?.body).toContain("job model failed before Kiln recorded a result");
      expect(issues[0]?.body).toMatch(
        new RegExp(`\\*\\*Job:\\*\\* \\[model\\]\\(${logUrl.replace(/[./]/g, "\\$&")}\\d+\\)`),
      );

      expect(received).toHaveLength(1);
      expect(received[0]?.text).toContain("Kiln: asset model (job model) failed in acme/pipeline");
      expect(JSON.stringify(received[0]?.blocks)).toContain(logUrl);

      // Next run, the job is killed at its timeout-minutes (GitHub shows it as cancelled).
      pushChange(remote.work, "main", { "NOTES.md": "again\n" });
      const again = await playRun({
        action,
        standIns,
        bare: remote.bare,
        runId: ++runId,
        event: pushEvent("main", remote.bare),
        jobFailures: { model: "cancelled" },
        secrets: { SLACK_WEBHOOK_URL: webhook },
      });
      expect(again.report.code, describeJob(again.report)).toBe(0);
      expect(again.report.summary).toMatch(/\| model\s*\| 🚫 cancelled/);
      // A cancelled dependency stops its dependants as a failed one does.
      expect(again.results).toMatchObject({ model: "cancelled", report: "skipped" });
      expect(again.report.summary).toMatch(/\| report\s*\| ⏭️ skipped\s*\|[^\n]*dependency model cancelled/);
      expect(again.report.summary).toContain("job model was cancelled before Kiln recorded a result");
      expect(received).toHaveLength(2);
      expect(received[1]?.text).toContain("model (job model) was cancelled");
      // One issue per asset: the repeat failure is a comment on it.
      expect(standIns.github.issues.slice(issuesBefore)).toHaveLength(1);
      const number = issues[0]!.number;
      expect(standIns.github.comments.filter((c) => c.issueNumber === number).at(-1)?.body).toContain(
        "was cancelled",
      );
      expect(standIns.github.violations).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("a dispatched run with run config", { timeout: RUN_TIMEOUT }, () => {
  it("materializes an experiment across jobs from the dispatch form's config, never promotes it, and leaves main fresh", async () => {
    const remote = createRemote(pipelineFiles({ quality: 50 }));
    const first = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
    });
    expect(first.jobs.model?.outputs.version).toBe("v1");
    const id = ++runId;
    const run = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: id,
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
    const after = await playRun({
      action,
      standIns,
      bare: remote.bare,
      runId: ++runId,
      event: pushEvent("main", remote.bare),
    });
    expect(after.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });

    // A config key the model does not have fails the plan job with the key and a suggestion.
    await expect(
      playRun({
        action,
        standIns,
        bare: remote.bare,
        runId: ++runId,
        event: dispatchEvent({ assets: "", force: false, config: "model.qualty=20" }),
      }),
    ).rejects.toThrow(/model has no config key "qualty"; did you mean "quality"\?/);
    expect(standIns.github.violations).toEqual([]);
  });
});
