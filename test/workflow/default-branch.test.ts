// The repository's default branch and the generated workflow's triggers: the plan job says in the
// Actions log when the default branch selects prod but its pushes do not run the workflow (a file
// generated where the default branch was not known, or before it was renamed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { parseManifest } from "../../src/manifest/load.js";
import { generateWorkflow } from "../../src/workflow/generate.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { engineRepo } from "../support/engine-run.js";
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
  // release-branch flow: main is dev, production is prod), a schedule trains dev there and never
  // prod. Checking prod's branch out from the default branch's workflow would mix that file's jobs
  // with another branch's manifest, so Kiln says so instead, where the user looks.
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

  it("the plan job of a scheduled run that is not prod's warns that schedules never retrain prod", async () => {
    const dir = engineRepo(CRON_MANIFEST);
    const env = jobEnv(dir, {
      event: "schedule",
      ref: "refs/heads/main",
      refName: "main",
      defaultBranch: "main",
    });
    const { io, logs, failed } = recordingIO(dir, env);
    const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    await planAction(io, read.inputs);
    expect(failed).toEqual([]);
    expect(logs).toContainEqual(
      expect.stringContaining(
        "this scheduled run is on main, which runs as dev: GitHub runs schedules on the default branch only, so on_cron assets (model) never retrain prod (production)",
      ),
    );

    // A schedule on a prod branch (production made the default branch): nothing to say.
    const prodEnv = jobEnv(dir, {
      event: "schedule",
      ref: "refs/heads/production",
      refName: "production",
      defaultBranch: "production",
    });
    gitIn(dir, "branch", "-m", "production");
    const prod = recordingIO(dir, prodEnv);
    await planAction(prod.io, read.inputs);
    expect(prod.logs.join("\n")).not.toContain("never retrain prod");
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
