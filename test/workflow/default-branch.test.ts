// The repository's default branch and the generated workflow's triggers: the plan job says in the
// Actions log when the default branch selects prod but its pushes do not run the workflow (a file
// generated where the default branch was not known, or before it was renamed); and a scheduled
// run's dispatch job dispatches the tick onto prod's branch when it is not the default branch.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { dispatchAction } from "../../src/action/schedule-dispatch.js";
import { parseManifest } from "../../src/manifest/load.js";
import { generateWorkflow } from "../../src/workflow/generate.js";
import { SCHEDULED_TICK_INPUT } from "../../src/workflow/schedules.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { engineRepo } from "../support/engine-run.js";
import { GitHubApiServer } from "../support/github-api.js";
import { gitIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
assets:
  model:
    code-version: "1"
    run: node -e "require('fs').mkdirSync('build',{recursive:true});require('fs').writeFileSync('build/model.json','{}')"
    outputs: [build/model.json]
`;

function committedWorkflow(dir: string, defaultBranch: string | undefined): void {
  const loaded = parseManifest(MANIFEST, {
    manifestPath: path.join(dir, "kiln.yml"),
    displayName: "kiln.yml",
  });
  if (!loaded.ok) throw new Error("the manifest does not load");
  const text = generateWorkflow(loaded.value.project, { manifestPath: "kiln.yml", defaultBranch });
  mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
  writeFileSync(path.join(dir, ".github/workflows/kiln.yml"), text);
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "workflow");
}

async function planLogs(dir: string): Promise<string[]> {
  // A schedule tick runs on the default branch, trunk: the run itself works there.
  const env = jobEnv(dir, {
    event: "schedule",
    ref: "refs/heads/trunk",
    refName: "trunk",
    defaultBranch: "trunk",
  });
  env.GITHUB_WORKFLOW_REF = "o/r/.github/workflows/kiln.yml@refs/heads/trunk";
  const { io, logs, failed } = recordingIO(dir, env);
  const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  await planAction(io, read.inputs);
  expect(failed).toEqual([]);
  return logs;
}

describe("the default branch in the generated workflow's triggers", () => {
  it("the plan job warns when the default branch selects prod but its pushes do not run the workflow", async () => {
    const dir = engineRepo(MANIFEST);
    gitIn(dir, "branch", "-m", "trunk");
    // Generated where the default branch was not known: pushes to main and master.
    committedWorkflow(dir, undefined);
    const logs = await planLogs(dir);
    expect(logs).toContainEqual(
      expect.stringContaining(
        "the repository's default branch trunk selects prod, but pushes to it do not run .github/workflows/kiln.yml (push: main, master)",
      ),
    );
    expect(logs.join("\n")).toContain("environments.prod.branches");

    // Generated for trunk: nothing to say.
    committedWorkflow(dir, "trunk");
    expect((await planLogs(dir)).join("\n")).not.toContain("do not run");
  });
});

describe("schedules when prod is not the default branch", () => {
  // GitHub runs every schedule on the default branch. When prod names other branches (a
  // release-branch flow: main is dev, production is prod), the plan job of a scheduled run
  // dispatches the workflow onto each of them with the tick's time, so prod's own workflow file,
  // manifest and code run there (test/action/workflow-run-events.test.ts plays both runs).
  const CRON_MANIFEST = `version: 1
environments:
  prod: { branches: [production] }
assets:
  model:
    code-version: "1"
    run: node -e "require('fs').mkdirSync('build',{recursive:true});require('fs').writeFileSync('build/model.json','{}')"
    outputs: [build/model.json]
    automation: { on_cron: "17 3 * * 1" }
`;
  const TICK = "2026-11-23T03:20:00.000Z";
  let api: GitHubApiServer;
  beforeAll(async () => {
    api = new GitHubApiServer();
    await api.start();
  });
  afterAll(async () => {
    await api?.stop();
  });

  /** The plan job's or the dispatch job's command in a run of `event` on `branch`. */
  async function scheduledJob(
    dir: string,
    command: "plan" | "dispatch",
    branch = "main",
    event = "schedule",
  ) {
    const env = jobEnv(dir, { event, ref: `refs/heads/${branch}`, refName: branch, defaultBranch: branch });
    env.GITHUB_API_URL = api.url;
    env.GITHUB_REPOSITORY = "acme/pipeline";
    env.GITHUB_WORKFLOW_REF = `acme/pipeline/.github/workflows/kiln.yml@refs/heads/${branch}`;
    env.KILN_NOW = TICK;
    const recorded = recordingIO(dir, env);
    const read = readInputs((name) => ({ command, "github-token": "ghs_runtoken" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    if (command === "plan") await planAction(recorded.io, read.inputs);
    else await dispatchAction(recorded.io, read.inputs);
    return recorded;
  }
  const scheduledPlan = (dir: string, branch?: string, event?: string) =>
    scheduledJob(dir, "plan", branch, event);
  const scheduledDispatch = (dir: string, branch?: string, event?: string) =>
    scheduledJob(dir, "dispatch", branch, event);

  it("the dispatch job of a scheduled run dispatches the tick onto prod's branch; the plan job plans its own", async () => {
    const dir = engineRepo(CRON_MANIFEST);
    const before = api.dispatches.length;
    const { logs, failed, summary } = await scheduledDispatch(dir);
    expect(failed).toEqual([]);
    expect(summary()).toContain("was dispatched onto prod's branch production");
    const plan = await scheduledPlan(dir);
    expect(plan.failed).toEqual([]);
    expect(JSON.parse(plan.outputs.get("plan")!)).toEqual({ model: "run" });
    expect(api.dispatches.slice(before)).toEqual([
      {
        owner: "acme",
        repo: "pipeline",
        workflow: "kiln.yml",
        ref: "production",
        inputs: { [SCHEDULED_TICK_INPUT]: TICK },
      },
    ]);
    expect(logs.join("\n")).toContain(
      "dispatched this schedule tick (2026-11-23T03:20Z) onto prod's branch production: https://github.com/acme/pipeline/actions/runs/",
    );
    expect(logs.join("\n")).not.toContain("never retrain prod");
    expect(api.violations).toEqual([]);
  });

  it("says which permission to add when GitHub refuses the dispatch, and what to merge when prod's workflow cannot take it; the run goes on", async () => {
    const dir = engineRepo(CRON_MANIFEST);
    api.failNext({ status: 403, message: "Resource not accessible by integration" });
    const refused = await scheduledDispatch(dir);
    expect(refused.failed).toEqual([]);
    expect(refused.logs).toContainEqual(
      expect.stringContaining(
        "could not dispatch this schedule tick (2026-11-23T03:20Z) onto prod's branch production: GitHub refused it (403: Resource not accessible by integration). The dispatch job needs `actions: write`",
      ),
    );
    expect(refused.summary()).toContain(
      "- ⚠️ this schedule tick (2026-11-23T03:20Z) was not dispatched onto prod's branch production: 403: Resource not accessible by integration",
    );

    api.failNext({ status: 422, message: 'Unexpected inputs provided: ["scheduled-tick"]' });
    const old = await scheduledDispatch(engineRepo(CRON_MANIFEST));
    expect(old.failed).toEqual([]);
    expect(old.logs).toContainEqual(
      expect.stringContaining(
        "could not dispatch this schedule tick (2026-11-23T03:20Z) onto prod's branch production: GitHub refused it (422: Unexpected inputs provided: [\"scheduled-tick\"]). production's .github/workflows/kiln.yml must declare the workflow_dispatch input scheduled-tick",
      ),
    );
  });

  it("dispatches nothing from prod's own branch, nor on any other event", async () => {
    const before = api.dispatches.length;
    const dir = engineRepo(CRON_MANIFEST);
    gitIn(dir, "branch", "-m", "production");
    // production made the default branch: schedules run there, as prod.
    const prod = await scheduledDispatch(dir, "production");
    expect(prod.failed).toEqual([]);
    const push = await scheduledDispatch(engineRepo(CRON_MANIFEST), "main", "push");
    expect(push.failed).toEqual([]);
    expect(api.dispatches.length).toBe(before);
    expect([...prod.logs, ...push.logs]).toEqual([
      "nothing to dispatch: not a schedule event, or prod trains on this branch",
      "nothing to dispatch: not a schedule event, or prod trains on this branch",
    ]);
  });

  it("plans a dispatched tick as that schedule event, and refuses one that also selects assets", async () => {
    const dir = engineRepo(CRON_MANIFEST);
    gitIn(dir, "branch", "-m", "production");
    const env = jobEnv(dir, {
      event: "workflow_dispatch",
      ref: "refs/heads/production",
      refName: "production",
    });
    const payload = path.join(dir, "..", `${path.basename(dir)}-dispatch.json`);
    writeFileSync(payload, JSON.stringify({ inputs: { [SCHEDULED_TICK_INPUT]: TICK, assets: "model" } }));
    env.GITHUB_EVENT_PATH = payload;
    const plan = async (selection: string) => {
      const recorded = recordingIO(dir, env);
      const read = readInputs((name) => ({ command: "plan", selection })[name] ?? "");
      if (!read.ok) throw new Error(read.error);
      await planAction(recorded.io, read.inputs);
      return recorded;
    };
    await expect(plan("model")).rejects.toThrow(
      'this dispatch carries a schedule tick (input "scheduled-tick") and also assets, force or config: a scheduled tick plans what the automation says. Leave "scheduled-tick" empty to run a selection by hand',
    );
    const tick = await plan("");
    expect(tick.failed).toEqual([]);
    expect(tick.logs).toContainEqual(
      "schedule tick of 2026-11-23T03:20Z, dispatched onto production by the default branch's scheduled run: planned as that schedule event",
    );
    expect(tick.logs).toContainEqual(expect.stringContaining('automation: on_cron "17 3 * * 1"'));
  });
});

describe("a schedule on a default branch other than main", () => {
  it("runs as prod, with no warning, since GitHub runs schedules on the default branch although its payload names none", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    code-version: "1"
    run: node -e "require('fs').mkdirSync('build',{recursive:true});require('fs').writeFileSync('build/model.json','{}')"
    outputs: [build/model.json]
    automation: { on_cron: "17 3 * * 1" }
`);
    gitIn(dir, "branch", "-m", "trunk");
    // jobEnv writes GitHub's schedule payload: the cron and the workflow, no repository.
    const env = jobEnv(dir, { event: "schedule", ref: "refs/heads/trunk", refName: "trunk" });
    const { io, logs, failed } = recordingIO(dir, env);
    const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    await planAction(io, read.inputs);
    expect(failed).toEqual([]);
    // As dev, it would say "this scheduled run is on trunk, which runs as dev …" (trunk is prod).
    expect(logs).toEqual(['run  model: never materialized; automation: on_cron "17 3 * * 1"']);
  });
});
