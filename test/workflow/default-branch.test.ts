// The repository's default branch and the generated workflow: the plan job says in the Actions log
// when the default branch selects prod but its pushes do not run the workflow (a file generated
// where the default branch was not known, or before it was renamed); and when prod is another
// branch than the default one, on which GitHub runs every schedule, a schedule's jobs check out
// prod's branch and the run is prod's there (records, cursors and promotion on that branch).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { planAction } from "../../src/action/plan.js";
import { openLedger } from "../../src/ledger/open.js";
import { parseManifest } from "../../src/manifest/load.js";
import { CHECKOUT, generateWorkflow } from "../../src/workflow/generate.js";
import { type GitHubEvent, jobEnv, recordingIO } from "../support/action-io.js";
import { engineRepo } from "../support/engine-run.js";
import { gitIn } from "../support/kiln-in-process.js";
import { evaluateValue, type WorkflowJob, workflowErrors } from "../support/workflow-play.js";

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

// A release-branch flow: the default branch is main (dev), prod trains and promotes on production,
// and the model retrains weekly.
const RELEASE_FLOW = `version: 1
assets:
  model:
    code: [train.mjs]
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: loss, direction: minimize }
    promote: {}
    automation: { any: [{ on_cron: "17 3 * * 1" }, on_missing] }
environments:
  prod: { branches: [production] }
`;
const TRAIN = `import { mkdirSync, writeFileSync } from "node:fs";
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", JSON.stringify({ env: process.env.KILN_ENV }));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ loss: 0.5 }));
`;

function scheduleContexts(event: string, defaultBranch: string) {
  return {
    github: {
      event_name: event,
      ref: `refs/heads/${defaultBranch}`,
      workflow: "Kiln",
      event: { repository: { default_branch: defaultBranch } },
    },
  };
}

describe("schedules when prod is not the default branch", () => {
  it("a schedule's jobs check out prod's branch; other events and a default branch that is prod's check out as before", async () => {
    const loaded = parseManifest(RELEASE_FLOW, { manifestPath: "/r/kiln.yml", displayName: "kiln.yml" });
    if (!loaded.ok) throw new Error("the manifest does not load");
    // Both shapes: one job per asset, and one matrix job per layer.
    for (const layerThreshold of [undefined, 0]) {
      const text = generateWorkflow(loaded.value.project, { manifestPath: "kiln.yml", layerThreshold });
      expect(await workflowErrors("kiln.yml", text)).toEqual([]);
      const workflow = parseYaml(text) as {
        concurrency: { group: string };
        jobs: Record<string, WorkflowJob>;
      };
      const cases: [string, string, string][] = [
        ["schedule", "main", "production"],
        ["push", "production", ""],
        ["workflow_dispatch", "main", ""],
        // A repository whose default branch is prod's: the schedule's own checkout is prod's.
        ["schedule", "production", ""],
      ];
      expect(Object.keys(workflow.jobs).length).toBeGreaterThanOrEqual(3);
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const checkout = job.steps?.find((step) => step.uses === CHECKOUT);
        expect(checkout, id).toBeDefined();
        for (const [event, defaultBranch, ref] of cases)
          expect(
            evaluateValue(checkout?.with?.ref ?? "", scheduleContexts(event, defaultBranch)),
            `${id} ${event}`,
          ).toBe(ref);
      }
      // One run at a time per branch trained: a schedule of production queues behind its pushes.
      for (const defaultBranch of ["main", "production"])
        expect(evaluateValue(workflow.concurrency.group, scheduleContexts("schedule", defaultBranch))).toBe(
          "kiln-Kiln-refs/heads/production",
        );
      expect(evaluateValue(workflow.concurrency.group, scheduleContexts("push", "main"))).toBe(
        "kiln-Kiln-refs/heads/main",
      );
    }

    // A branch name reaches the expression only as a literal: a quote in it stays text.
    const quoted = parseManifest(RELEASE_FLOW.replace("[production]", `["it's"]`), {
      manifestPath: "/r/kiln.yml",
      displayName: "kiln.yml",
    });
    if (!quoted.ok) throw new Error("the manifest does not load");
    const text = generateWorkflow(quoted.value.project, { manifestPath: "kiln.yml" });
    expect(await workflowErrors("kiln.yml", text)).toEqual([]);
    const plan = (parseYaml(text) as { jobs: Record<string, WorkflowJob> }).jobs["kiln-plan"]!;
    const ref = plan.steps?.find((step) => step.uses === CHECKOUT)?.with?.ref;
    expect(evaluateValue(ref, scheduleContexts("schedule", "main"))).toBe("it's");
    expect(evaluateValue(ref, scheduleContexts("schedule", "it's"))).toBe("");
  });

  it("a schedule whose job checked out production plans, trains and promotes in prod on branch production", async () => {
    const dir = engineRepo(RELEASE_FLOW, { "train.mjs": TRAIN });
    gitIn(dir, "checkout", "-q", "-b", "production");
    // What actions/checkout leaves for \`ref: production\`: the branch checked out, while the
    // event's variables still name the default branch the schedule ran on.
    const github: GitHubEvent = {
      event: "schedule",
      ref: "refs/heads/main",
      refName: "main",
      defaultBranch: "main",
    };
    const plan = recordingIO(dir, jobEnv(dir, github));
    const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    expect(await planAction(plan.io, read.inputs)).toEqual({ model: "run" });

    const job = recordingIO(dir, jobEnv(dir, github));
    const materialize = readInputs((name) => ({ command: "materialize", asset: "model" })[name] ?? "");
    if (!materialize.ok) throw new Error(materialize.error);
    const result = await materializeAction(job.io, materialize.inputs);
    expect(result.failed, job.logs.join("\n")).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, "build/model.json"), "utf8"))).toEqual({ env: "prod" });

    const loaded = parseManifest(RELEASE_FLOW, {
      manifestPath: path.join(dir, "kiln.yml"),
      displayName: "kiln.yml",
    });
    if (!loaded.ok) throw new Error("the manifest does not load");
    const ledger = await openLedger({ kind: "local", root: dir, project: loaded.value.project.name });
    const [record] = await ledger.materializations("model");
    expect(record?.context).toMatchObject({ environment: "prod", ref: "production" });
    expect((await ledger.aliasHistory("model")).map((e) => [e.alias, e.to])).toEqual([["champion", 1]]);
  });
});
