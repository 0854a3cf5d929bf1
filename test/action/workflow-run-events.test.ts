// Whole GitHub workflow runs, job by job: the bundled action runs as the runner runs it, against
// the local GitHub REST and Actions results-service stand-ins, with the ledger on the bare
// remote's kiln-ledger branch (test/action/scenario.ts, runner.ts). This file: scheduled ticks (on
// prod's branch by dispatch when it is not the default branch). The dispatches from the form (run
// config, force) play on the repository of workflow-run-tokens.test.ts, after its first push.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SCHEDULED_TICK_INPUT } from "../../src/workflow/schedules.js";
import { pipelineFiles } from "../e2e/rig.js";
import type { FakeDispatch } from "../support/github-api.js";
import { createRemote, git, type RunEvent } from "./runner.js";
import { describeJob, dispatchEvent, ledgerBranchFiles, NAMESPACE, scenario } from "./scenario.js";

// Each case plays several jobs, each a real clone and real git: minutes on a loaded machine.
const RUN_TIMEOUT = 600_000;

const world = scenario("in-process");

describe("a scheduled run", { timeout: RUN_TIMEOUT }, () => {
  // One repository for the weekly model and a daily root asset: their first schedule builds
  // everything, and the same-tick repeat is asserted on the daily asset's repeat. Two
  // repositories of their own cost a first run and a repeat run more (four jobs).
  it("runs each cron-automated asset once per tick: the first schedule builds everything, a daily root asset refreshes on its next tick although its logical version never changes, and nothing runs again until a next tick", async () => {
    const commentsBefore = world.standIns.github.comments.length;
    const files = pipelineFiles({ quality: 50 });
    files["kiln.yml"] = `${files["kiln.yml"]!.replace(
      "    promote: { min-delta: 1 }\n",
      '    promote: { min-delta: 1 }\n    automation: { on_cron: "17 3 * * 1" }\n',
    )}  snapshot:
    run: "sh steps/pull.sh"
    outputs: [data/snapshot.json]
    automation: { on_cron: "0 6 * * *" }
`;
    files["steps/pull.sh"] = "mkdir -p data && printf '[1,2,3]' > data/snapshot.json\n";
    const remote = createRemote(files);
    const tick = (now: string, cron: string): RunEvent => ({
      name: "schedule",
      branch: "main",
      ref: "refs/heads/main",
      refName: "main",
      payload: { schedule: cron },
      now,
    });
    const play = (now: string, cron: string) => world.play({ bare: remote.bare, event: tick(now, cron) });

    // Monday 06:05 UTC, after the model's weekly tick (03:17) and the snapshot's daily one.
    const first = await play("2026-11-23T06:05:00Z", "0 6 * * *");
    expect(first.plan).toEqual({
      data: "run",
      features: "run",
      model: "run",
      report: "run",
      snapshot: "run",
    });
    expect(first.planJob.summary).toContain("## Kiln plan");
    expect(first.planJob.summary).toMatch(/model\s*\|\s*▶ run.*on_cron &quot;17 3 &#42; &#42; 1&quot;/);
    expect(first.jobs.model?.code, describeJob(first.jobs.model!)).toBe(0);
    expect(first.jobs.model?.outputs.version).toBe("v1");
    expect(git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger")).toContain(
      "materializations/model/v1.json",
    );
    expect(first.jobs.snapshot?.outputs.version, describeJob(first.planJob)).toBe("v1");
    expect(first.report.code, describeJob(first.report)).toBe(0);

    // The next day's tick: the plan job says run and the asset job materializes (it used to say
    // "Nothing to run: every selected asset is fresh"); the weekly model waits for its next tick.
    const second = await play("2026-11-24T06:05:00Z", "0 6 * * *");
    expect(second.plan).toEqual({
      data: "skip",
      features: "skip",
      model: "skip",
      report: "skip",
      snapshot: "run",
    });
    expect(JSON.parse(second.planJob.outputs.force!)).toEqual(["snapshot"]);
    expect(second.jobs.snapshot?.outputs.version, describeJob(second.jobs.snapshot!)).toBe("v2");
    const record = JSON.parse(
      git(remote.bare, "show", `kiln-ledger:${NAMESPACE}materializations/snapshot/v2.json`),
    );
    expect(record.startedAt.slice(0, 13)).toBe("2026-11-24T06");

    // The same day again (a late second delivery of the daily schedule): every tick is handled,
    // the model's weekly one included.
    const third = await play("2026-11-24T07:00:00Z", "0 6 * * *");
    expect(third.plan).toEqual({
      data: "skip",
      features: "skip",
      model: "skip",
      report: "skip",
      snapshot: "skip",
    });
    expect(Object.keys(third.jobs)).toEqual([]);
    expect(third.report.code, describeJob(third.report)).toBe(0);
    // A scheduled run has no pull request to comment on.
    expect(world.standIns.github.comments.length).toBe(commentsBefore);
    expect(world.standIns.github.violations).toEqual([]);
  });
});

describe("a scheduled run when prod is not the default branch", { timeout: RUN_TIMEOUT }, () => {
  it("dispatches the tick onto production, whose own run trains and promotes prod at the tick, once per tick however late it starts", async () => {
    // A release-branch flow: main is the default branch (dev), production is prod's. GitHub runs
    // the schedule on main with main's workflow file; its dispatch job dispatches the workflow onto
    // production, where production's own file, manifest and code plan the same tick.
    const remote = createRemote({
      "kiln.yml": [
        "version: 1",
        "assets:",
        "  model:",
        "    code: [steps/train.sh]",
        "    run: sh steps/train.sh",
        "    outputs: [build/model.json]",
        "    metrics: { primary: mae, direction: minimize }",
        "    promote: { min-delta: 1 }",
        '    automation: { on_cron: "17 3 * * 1" }',
        "environments:",
        "  prod: { branches: [production] }",
        "",
      ].join("\n"),
      "steps/train.sh": `mkdir -p build && printf '{"w":1}' > build/model.json && printf '{"mae":5}' > "$KILN_METRICS"\n`,
    });
    git(remote.bare, "branch", "production", "main");
    const { github } = world.standIns;
    const schedule = (now: string): RunEvent => ({
      name: "schedule",
      branch: "main",
      ref: "refs/heads/main",
      refName: "main",
      payload: { schedule: "17 3 * * 1" },
      now,
    });
    /** main's scheduled run at `now`, and the one dispatch its dispatch job made. */
    const scheduled = async (now: string) => {
      const before = github.dispatches.length;
      const run = await world.play({ bare: remote.bare, event: schedule(now) });
      const made = github.dispatches.slice(before);
      expect(made, run.dispatchJob?.stdout).toHaveLength(1);
      return { run, dispatch: made[0]! };
    };
    /** The run GitHub starts for a dispatch, on its branch; `now` is its clock (it may start late). */
    const dispatched = (dispatch: FakeDispatch, now: string) =>
      world.play({ bare: remote.bare, event: { ...dispatchEvent(dispatch.inputs, dispatch.ref), now } });
    const records = () =>
      ledgerBranchFiles(remote.bare)
        .filter((f) => f.startsWith(`${NAMESPACE}materializations/model/`))
        .map((f) => JSON.parse(git(remote.bare, "show", `kiln-ledger:${f}`)));

    // Monday's tick, 03:17 UTC: main's run trains dev there and dispatches the tick.
    const monday = await scheduled("2026-11-23T03:20:00Z");
    expect(monday.run.dispatchJob?.stdout).toContain(
      "dispatched this schedule tick (2026-11-23T03:20Z) onto prod's branch production: https://github.com/acme/pipeline/actions/runs/",
    );
    expect(monday.run.dispatchJob?.summary).toMatch(
      /↪ this schedule tick \(2026-11-23T03:20Z\) was dispatched onto prod's branch production: \[its run\]\(https:\/\/github\.com\/acme\/pipeline\/actions\/runs\/\d+\)/,
    );
    expect(monday.dispatch).toEqual({
      owner: "acme",
      repo: "pipeline",
      workflow: "kiln.yml",
      ref: "production",
      inputs: { [SCHEDULED_TICK_INPUT]: "2026-11-23T03:20:00.000Z" },
    });
    expect(monday.run.jobs.model?.code, describeJob(monday.run.jobs.model)).toBe(0);
    expect(monday.run.jobs.model?.outputs.promoted).not.toBe("true");

    // The dispatch job runs on schedule events only: production's dispatched run skips it.
    expect(monday.run.results["kiln-dispatch"]).toBe("success");
    // The dispatched run starts a week late, after the next tick: it still plans Monday's tick,
    // as a schedule event, and trains and promotes prod on production.
    const prod = await dispatched(monday.dispatch, "2026-11-30T09:00:00Z");
    expect(prod.results["kiln-dispatch"]).toBe("skipped");
    // production's own workflow declares every input the dispatch sends (GitHub refuses others).
    const declared = Object.keys(parse(prod.workflow).on.workflow_dispatch.inputs);
    expect(declared).toEqual(expect.arrayContaining(Object.keys(monday.dispatch.inputs)));
    expect(prod.planJob.stdout).toContain(
      "schedule tick of 2026-11-23T03:20Z, dispatched onto production by the default branch's scheduled run",
    );
    expect(prod.plan).toEqual({ model: "run" });
    expect(prod.jobs.model?.code, describeJob(prod.jobs.model)).toBe(0);
    expect(prod.jobs.model?.outputs.promoted).toBe("true");
    const trained = records().find((r) => r.context.environment === "prod");
    expect(trained.context).toMatchObject({ environment: "prod", ref: "production", event: "schedule" });
    // A scheduled tick's request, not the dispatch form's force.
    expect(trained.reasons[0]).toBe("requested by the schedule tick");
    // At the tick's time (plus the job's own minutes), not the late start's.
    expect(trained.startedAt.slice(0, 13)).toBe("2026-11-23T03");
    expect(prod.report.code, describeJob(prod.report)).toBe(0);
    expect(prod.report.summary).toContain("**schedule**");

    // A second schedule before the next tick (a second delivery, the retry tick): main dispatches
    // again, and production plans nothing new.
    const again = await scheduled("2026-11-23T05:41:00Z");
    expect(again.run.plan).toEqual({ model: "skip" });
    const prodAgain = await dispatched(again.dispatch, "2026-11-30T09:30:00Z");
    expect(prodAgain.plan).toEqual({ model: "skip" });
    expect(Object.keys(prodAgain.jobs)).toEqual([]);
    expect(records().filter((r) => r.context.environment === "prod")).toHaveLength(1);

    // The next Monday's tick is not lost to the late run: production trains again.
    const next = await scheduled("2026-11-30T03:20:00Z");
    const prodNext = await dispatched(next.dispatch, "2026-11-30T10:00:00Z");
    expect(prodNext.plan).toEqual({ model: "run" });
    expect(prodNext.jobs.model?.code, describeJob(prodNext.jobs.model)).toBe(0);
    expect(records().filter((r) => r.context.environment === "prod")).toHaveLength(2);
    expect(github.violations).toEqual([]);
  });
});
