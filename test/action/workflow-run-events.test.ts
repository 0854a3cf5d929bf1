// Whole GitHub workflow runs, job by job: the bundled action runs as the runner runs it, against
// the local GitHub REST and Actions results-service stand-ins, with the ledger on the bare
// remote's kiln-ledger branch (test/action/scenario.ts, runner.ts). This file: scheduled ticks
// (dispatched runs play on the repository of workflow-run-tokens.test.ts, after its first push).
import { describe, expect, it } from "vitest";
import { pipelineFiles } from "../e2e/rig.js";
import { createRemote, git, type RunEvent } from "./runner.js";
import { describeJob, NAMESPACE, scenario } from "./scenario.js";

// Each case plays several jobs, each a real clone and a node process: minutes on a loaded machine.
const RUN_TIMEOUT = 600_000;

const world = scenario();

describe("a scheduled run", { timeout: RUN_TIMEOUT }, () => {
  it("runs the cron-automated model once per tick: on the first schedule, not again until the next tick", async () => {
    const commentsBefore = world.standIns.github.comments.length;
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
    const first = await world.play({ bare: remote.bare, event: schedule() });
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
    const second = await world.play({ bare: remote.bare, event: schedule() });
    expect(second.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });
    expect(Object.keys(second.jobs)).toEqual([]);
    expect(second.report.code, describeJob(second.report)).toBe(0);
    // A scheduled run has no pull request to comment on.
    expect(world.standIns.github.comments.length).toBe(commentsBefore);
    expect(world.standIns.github.violations).toEqual([]);
  });

  it(
    "refreshes a root asset on every daily tick although its logical version never changes",
    async () => {
      const remote = createRemote({
        "kiln.yml": [
          "version: 1",
          "assets:",
          "  snapshot:",
          '    run: "sh steps/pull.sh"',
          "    outputs: [data/snapshot.json]",
          '    automation: { on_cron: "0 6 * * *" }',
          "",
        ].join("\n"),
        "steps/pull.sh": "mkdir -p data && printf '[1,2,3]' > data/snapshot.json\n",
      });
      const tick = (now: string): RunEvent => ({
        name: "schedule",
        branch: "main",
        ref: "refs/heads/main",
        refName: "main",
        payload: { schedule: "0 6 * * *" },
        now,
      });
      const play = (now: string) => world.play({ bare: remote.bare, event: tick(now) });
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

describe("a scheduled run when prod is not the default branch", { timeout: RUN_TIMEOUT }, () => {
  it("trains the default branch's environment, never prod, and the plan job says so in the log", async () => {
    // A release-branch flow: main is the default branch (dev), production is prod's. GitHub runs
    // the schedule on main with main's workflow file; Kiln does not pretend otherwise.
    const files = pipelineFiles({ quality: 50 });
    files["kiln.yml"] = `${files["kiln.yml"]!.replace(
      "    promote: { min-delta: 1 }\n",
      '    promote: { min-delta: 1 }\n    automation: { on_cron: "17 3 * * 1" }\n',
    )}environments:\n  prod: { branches: [production] }\n`;
    const remote = createRemote(files);
    git(remote.bare, "branch", "production", "main");
    const run = await world.play({
      bare: remote.bare,
      event: {
        name: "schedule",
        branch: "main",
        ref: "refs/heads/main",
        refName: "main",
        payload: { schedule: "17 3 * * 1" },
      },
    });
    expect(run.planJob.stdout).toContain(
      "this scheduled run is on main, which runs as dev: GitHub runs schedules on the default branch only, so on_cron assets (model) never retrain prod (production)",
    );
    expect(run.jobs.model?.code, describeJob(run.jobs.model!)).toBe(0);
    const record = JSON.parse(
      git(remote.bare, "show", `kiln-ledger:${NAMESPACE}materializations/model/v1.json`),
    );
    expect(record.context).toMatchObject({ environment: "dev", ref: "main" });
    expect(run.jobs.model?.outputs.promoted).not.toBe("true");
  });
});
