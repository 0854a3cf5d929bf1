// Automation across a workflow run's jobs, played in-process: the plan job, then asset jobs.
// The plan job records the cron tick before any asset job runs: that entry is a request of its
// workflow run, and handles the tick only once the asset has an outcome after it. A scheduled run
// whose model job failed, re-run with "Re-run all jobs", plans the model again (it went green
// with nothing trained); a run whose model job was cancelled leaves the tick to the next run.
// An `on_missing` asset's job builds it on a dependency that is present but stale.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { planAction } from "../../src/action/plan.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { gitIn } from "../support/kiln-in-process.js";

function project(flag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-cron-cursor-"));
  mkdirSync(path.join(dir, "steps"));
  writeFileSync(
    path.join(dir, "kiln.yml"),
    'version: 1\nassets:\n  model:\n    code: [steps/model.sh]\n    run: sh steps/model.sh\n    outputs: [build/model.txt]\n    automation: { on_cron: "0 3 * * 1" }\n',
  );
  // Fails while the flag file exists (outside the repository: no input of the asset).
  writeFileSync(
    path.join(dir, "steps/model.sh"),
    `if [ -f '${flag}' ]; then echo 'GPU lost' >&2; exit 1; fi\nmkdir -p build && date +%s%N > build/model.txt\n`,
  );
  writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
  gitIn(dir, "init", "-q", "-b", "main");
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "init");
  return dir;
}

interface Job {
  run: string;
  attempt: string;
  now: string;
  event?: string;
  /** The action's `environment` input. */
  environment?: string;
}

function env(dir: string, job: Job): NodeJS.ProcessEnv {
  const event = job.event ?? "schedule";
  return {
    ...jobEnv(dir, { event, ref: "refs/heads/main", refName: "main", runId: job.run }),
    GITHUB_RUN_ATTEMPT: job.attempt,
    KILN_NOW: job.now,
  };
}

async function planJob(dir: string, job: Job) {
  const recorded = recordingIO(dir, env(dir, job));
  const given: Record<string, string> = { command: "plan", environment: job.environment ?? "" };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  const plan = await planAction(recorded.io, read.inputs);
  return { plan, force: JSON.parse(recorded.outputs.get("force") ?? "[]") as string[], logs: recorded.logs };
}

async function assetJob(dir: string, job: Job, force: boolean, asset = "model", plan = '{"model":"run"}') {
  const recorded = recordingIO(dir, env(dir, job));
  const given: Record<string, string> = {
    command: "materialize",
    asset,
    plan,
    force: String(force),
    environment: job.environment ?? "",
  };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  const result = await materializeAction(recorded.io, read.inputs);
  return { ...recorded, jobFailed: result.failed };
}

/** A scheduled run played in full: the plan job, then the model job when the plan runs it. */
async function scheduledRun(dir: string, job: Job) {
  const planned = await planJob(dir, job);
  if (planned.plan.model !== "run") return { planned };
  return { planned, model: await assetJob(dir, job, planned.force.includes("model")) };
}

describe("a weekly retrain planned by a scheduled workflow run", () => {
  it("is planned again by Re-run all jobs after its job failed, and a duplicate delivery after that plans nothing", async () => {
    const flag = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-cron-flag-")), "down");
    const dir = project(flag);
    const lastWeek = await scheduledRun(dir, { run: "60", attempt: "1", now: "2026-11-16T03:07:00Z" });
    expect(lastWeek.model?.outputs.get("version"), lastWeek.model?.logs.join("\n")).toBe("v1");

    writeFileSync(flag, "");
    const monday = await scheduledRun(dir, { run: "61", attempt: "1", now: "2026-11-23T03:07:00Z" });
    expect(monday.planned.plan).toEqual({ model: "run" });
    expect(monday.model?.jobFailed, monday.model?.logs.join("\n")).toBe(true);

    // The GPU is back; the user re-runs all jobs of run 61.
    rmSync(flag);
    const rerun = await planJob(dir, { run: "61", attempt: "2", now: "2026-11-23T03:40:00Z" });
    expect(rerun.plan, rerun.logs.join("\n")).toEqual({ model: "run" });
    expect(rerun.force).toEqual(["model"]);
    const retrained = await assetJob(dir, { run: "61", attempt: "2", now: "2026-11-23T03:40:00Z" }, true);
    expect(retrained.outputs.get("version"), retrained.logs.join("\n")).toBe("v2");

    // GitHub delivers Monday's schedule again: the tick has its outcome, nothing runs.
    const duplicate = await planJob(dir, { run: "62", attempt: "1", now: "2026-11-23T03:50:00Z" });
    expect(duplicate.plan, duplicate.logs.join("\n")).toEqual({ model: "skip" });
  }, 300_000);

  it("keeps the tick when the run's model job never ran (cancelled): the next run trains", async () => {
    const dir = project(path.join(os.tmpdir(), "kiln-cron-no-flag"));
    await scheduledRun(dir, { run: "70", attempt: "1", now: "2026-11-16T03:07:00Z" });
    // Monday's run is cancelled after its plan job: the model job never starts.
    const cancelled = await planJob(dir, { run: "71", attempt: "1", now: "2026-11-23T03:07:00Z" });
    expect(cancelled.plan).toEqual({ model: "run" });
    // The next run, a push that afternoon, trains the model Monday's tick asked for.
    const push = await scheduledRun(dir, {
      run: "72",
      attempt: "1",
      now: "2026-11-23T14:00:00Z",
      event: "push",
    });
    expect(push.planned.plan, push.planned.logs.join("\n")).toEqual({ model: "run" });
    expect(push.model?.outputs.get("version"), push.model?.logs.join("\n")).toBe("v2");
    // And that handled it.
    const later = await planJob(dir, { run: "73", attempt: "1", now: "2026-11-23T15:00:00Z", event: "push" });
    expect(later.plan).toEqual({ model: "skip" });
  }, 300_000);
});

describe("the cron tick of a workflow run in another environment", () => {
  it("a `command: run` job with `environment: dev` on main does not handle prod's weekly tick", async () => {
    const dir = project(path.join(os.tmpdir(), "kiln-cron-no-flag"));
    const prod = await scheduledRun(dir, { run: "100", attempt: "1", now: "2026-11-16T03:07:00Z" });
    expect(prod.model?.outputs.get("version"), prod.model?.logs.join("\n")).toBe("v1");
    // Monday after the tick, a hand-written workflow's `command: run` job runs main in dev: its
    // cursor entries are outcomes, not requests of a plan job.
    const job = { run: "101", attempt: "1", now: "2026-11-23T03:05:00Z", event: "workflow_dispatch" };
    const recorded = recordingIO(dir, env(dir, job));
    const read = readInputs((name) => ({ command: "run", environment: "dev" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    expect((await materializeAction(recorded.io, read.inputs)).failed, recorded.logs.join("\n")).toBe(false);
    expect(recorded.logs.join("\n")).toContain("model: success");
    // Prod's scheduled run of the same Monday still trains.
    const monday = await scheduledRun(dir, { run: "102", attempt: "1", now: "2026-11-23T03:07:00Z" });
    expect(monday.planned.plan, monday.planned.logs.join("\n")).toEqual({ model: "run" });
    expect(monday.model?.outputs.get("version"), monday.model?.logs.join("\n")).toBe("v3");
  }, 300_000);
});

describe("an on_missing report on a stale dependency", () => {
  it("is planned and built in its job, reading the dependency's current version", async () => {
    const dir = project(path.join(os.tmpdir(), "kiln-cron-no-flag"));
    writeFileSync(
      path.join(dir, "kiln.yml"),
      "version: 1\nassets:\n  prep:\n    code: [steps/prep.sh]\n    run: sh steps/prep.sh\n    inputs: [raw.csv]\n    outputs: [build/prep.txt]\n    automation: manual\n",
    );
    writeFileSync(path.join(dir, "raw.csv"), "x\n1\n");
    writeFileSync(path.join(dir, "steps/prep.sh"), "mkdir -p build && cp raw.csv build/prep.txt\n");
    writeFileSync(
      path.join(dir, "steps/report.sh"),
      "wc -l < build/prep.txt | tr -d ' ' > build/report.txt\n",
    );
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "prep");
    const prep = await assetJob(
      dir,
      { run: "80", attempt: "1", now: "2026-11-23T10:00:00Z", event: "push" },
      true,
      "prep",
      '{"prep":"run"}',
    );
    expect(prep.outputs.get("version"), prep.logs.join("\n")).toBe("v1");
    // prep's input changes (manual: stale until run); report is added.
    writeFileSync(path.join(dir, "raw.csv"), "x\n1\n2\n");
    writeFileSync(
      path.join(dir, "kiln.yml"),
      `${readFileSync(path.join(dir, "kiln.yml"), "utf8")}  report:\n    code: [steps/report.sh]\n    run: sh steps/report.sh\n    deps: [prep]\n    outputs: [build/report.txt]\n    automation: on_missing\n`,
    );
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "report");
    const push = { run: "81", attempt: "1", now: "2026-11-23T11:00:00Z", event: "push" };
    const planned = await planJob(dir, push);
    expect(planned.plan, planned.logs.join("\n")).toEqual({ prep: "skip", report: "run" });
    const report = await assetJob(dir, push, false, "report", JSON.stringify(planned.plan));
    expect(report.jobFailed, report.logs.join("\n")).toBe(false);
    expect(report.outputs.get("version")).toBe("v1");
    expect(readFileSync(path.join(dir, "build/report.txt"), "utf8").trim()).toBe("2");
  }, 300_000);
});

describe("a weekly on_cron model behind a daily pull, in a scheduled workflow run", () => {
  it("its job stops at early cutoff when the pull's bytes did not change, and that handles the tick", async () => {
    const dir = project(path.join(os.tmpdir(), "kiln-cron-no-flag"));
    const feed = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-feed-")), "feed.json");
    writeFileSync(feed, "rows 3\n");
    writeFileSync(
      path.join(dir, "kiln.yml"),
      'version: 1\nassets:\n  snapshot:\n    code: [steps/pull.sh]\n    run: sh steps/pull.sh\n    outputs: [build/snapshot.txt]\n    automation: { on_cron: "0 6 * * *" }\n  model:\n    code: [steps/model.sh]\n    run: sh steps/model.sh\n    deps: [snapshot]\n    outputs: [build/model.txt]\n    automation: { on_cron: "0 7 * * 1" }\n',
    );
    writeFileSync(path.join(dir, "steps/pull.sh"), `mkdir -p build && cp '${feed}' build/snapshot.txt\n`);
    writeFileSync(
      path.join(dir, "steps/model.sh"),
      "mkdir -p build && cp build/snapshot.txt build/model.txt\n",
    );
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "pull and model");
    /** A scheduled run played job by job: the plan job, then each asset job it runs, in order. */
    const scheduled = async (run: string, now: string) => {
      const job = { run, attempt: "1", now };
      const planned = await planJob(dir, job);
      const jobs: Record<string, Awaited<ReturnType<typeof assetJob>>> = {};
      for (const asset of ["snapshot", "model"])
        if (planned.plan[asset] === "run")
          jobs[asset] = await assetJob(
            dir,
            job,
            planned.force.includes(asset),
            asset,
            JSON.stringify(planned.plan),
          );
      return { planned, jobs };
    };
    const first = await scheduled("90", "2026-11-23T07:30:00Z");
    expect(first.jobs.model?.outputs.get("version"), first.planned.logs.join("\n")).toBe("v1");
    await scheduled("91", "2026-11-24T06:05:00Z");
    await scheduled("92", "2026-11-30T06:05:00Z");
    // Tuesday's pull comes after Monday's 07:00 tick: the model's request waits for it, and is met
    // by the bytes the model last read. The plan job does not force the model; its job decides.
    const tuesday = await scheduled("93", "2026-12-01T06:05:00Z");
    expect(tuesday.planned.plan).toEqual({ snapshot: "run", model: "run" });
    expect(tuesday.planned.force).toEqual(["snapshot"]);
    const model = tuesday.jobs.model!;
    expect(model.jobFailed, model.logs.join("\n")).toBe(false);
    expect(model.outputs.get("ran")).toBe("false");
    expect(model.logs.join("\n")).toContain("upstream data unchanged (early cutoff)");
    // The tick is handled: Wednesday's pull does not bring the model back.
    const wednesday = await scheduled("94", "2026-12-02T06:05:00Z");
    expect(wednesday.planned.plan, wednesday.planned.logs.join("\n")).toEqual({
      snapshot: "run",
      model: "skip",
    });
  }, 300_000);
});
