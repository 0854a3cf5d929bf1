// A cron tick is handled by what its request did, not by the plan that made it: a weekly retrain
// held back by a failed dependency runs once the dependency is fixed (not a week later), and a
// failed daily pull with `retry-failed` is retried that day.
import { describe, expect, it } from "vitest";
import { explain } from "../../src/automation/explain.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { TickWorld } from "./tick-world.js";

const outcomes = (result: Awaited<ReturnType<TickWorld["run"]>>) =>
  Object.fromEntries([...result.execution.outcomes].map(([name, o]) => [name, o.outcome]));

describe("a weekly retrain whose dependency failed at the tick", () => {
  it("runs once the dependency is fixed, not a week later", async () => {
    const world = new TickWorld({
      "kiln.yml": [
        "version: 1",
        "assets:",
        "  prep:",
        '    run: "node steps/prep.mjs"',
        "    inputs: [raw/*.csv]",
        "    outputs: [data/prep.txt]",
        "  model:",
        '    run: "node steps/model.mjs"',
        "    deps: [prep]",
        "    outputs: [data/model.txt]",
        '    automation: { on_cron: "0 3 * * 1" }',
        "",
      ].join("\n"),
      "raw/a.csv": "x\n1\n",
      // prep refuses a CSV with a "bad" row.
      "steps/prep.mjs":
        'import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nconst text = readFileSync("raw/a.csv", "utf8");\nif (text.includes("bad")) { console.error("bad row"); process.exit(2); }\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/prep.txt", text);\n',
      "steps/model.mjs":
        'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/model.txt", "trained on " + readFileSync("data/prep.txt", "utf8").length);\n',
    });
    // Sunday: first build of both.
    expect(outcomes(await world.run("2026-11-22T10:00:00Z", "push"))).toEqual({
      prep: "success",
      model: "success",
    });
    // New data with a bad row lands; Monday's 03:00 tick: prep fails, model is skipped.
    world.write({ "raw/a.csv": "x\n1\nbad\n" });
    world.commit("bad data");
    const monday = await world.run("2026-11-23T03:07:00Z", "schedule");
    expect(outcomes(monday)).toEqual({ prep: "failed", model: "skipped" });
    // Tuesday the data is fixed: prep rebuilds, and the retrain Monday's tick asked for runs.
    world.write({ "raw/a.csv": "x\n1\n2\n" });
    world.commit("fix data");
    const plan = await world.plan("2026-11-24T10:00:00Z", "push");
    expect(explain(plan.assets.get("model")!.evaluation!)).toContain("last handled 2026-11-22T10:00Z");
    const tuesday = await world.run("2026-11-24T10:00:00Z", "push");
    expect(outcomes(tuesday)).toEqual({ prep: "success", model: "success" });
    // That tick is handled now: a later push plans nothing.
    expect(await world.planned("2026-11-24T11:00:00Z", "push")).toEqual([]);
  }, 300_000);
});

describe("a daily pull with retry-failed", () => {
  it("is retried the same day once the retry is due, on a schedule or a push", async () => {
    const world = new TickWorld({
      "kiln.yml": [
        "version: 1",
        "assets:",
        "  snapshot:",
        '    run: "node steps/pull.mjs"',
        "    outputs: [data/snapshot.json]",
        '    automation: { on_cron: "0 6 * * *", tz: Europe/Berlin }',
        "    retry-failed: 1h",
        "",
      ].join("\n"),
      // The feed is down while FEED_DOWN is set.
      "steps/pull.mjs":
        'import { mkdirSync, writeFileSync } from "node:fs";\nif (process.env.FEED_DOWN) { console.error("HTTP 503"); process.exit(1); }\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/snapshot.json", "[1,2,3]");\n',
    });
    const down = { env: { FEED_DOWN: "1" } };
    // 06:05 Berlin (05:05Z) on the first day: the pull fails.
    const first = await world.run("2026-11-23T05:05:00Z", "schedule", [], false, down);
    expect(outcomes(first)).toEqual({ snapshot: "failed" });
    // Before the hour is up: held.
    expect(await world.planned("2026-11-23T05:30:00Z", "schedule")).toEqual([]);
    // 07:30 Berlin: retried (the feed is still down: it fails again, the next wait is two hours).
    const retried = await world.run("2026-11-23T06:30:00Z", "schedule", [], false, down);
    expect(outcomes(retried)).toEqual({ snapshot: "failed" });
    expect(await world.planned("2026-11-23T08:00:00Z", "push")).toEqual([]);
    // A push at 20:30 Berlin: due again, and the feed is back.
    expect(outcomes(await world.run("2026-11-23T19:30:00Z", "push"))).toEqual({ snapshot: "success" });
    expect(await world.planned("2026-11-23T20:00:00Z", "push")).toEqual([]);
  }, 300_000);
});

describe("a dependant of model@champion", () => {
  it("runs on new data while the model waits for its weekly retrain, reading the unchanged champion", async () => {
    const world = new TickWorld({
      "kiln.yml": [
        "version: 1",
        "assets:",
        "  comments:",
        '    run: "node steps/comments.mjs"',
        "    inputs: [raw/*.csv]",
        "    outputs: [data/comments.txt]",
        "  model:",
        '    run: "node steps/model.mjs"',
        "    deps: [comments]",
        "    outputs: [data/model.txt]",
        "    metrics: { primary: mae, direction: minimize }",
        "    promote: { alias: champion }",
        '    automation: { on_cron: "0 3 * * 1" }',
        "  predictions:",
        '    run: "node steps/predict.mjs"',
        "    deps: [comments, model@champion]",
        "    outputs: [data/predictions.txt]",
        "",
      ].join("\n"),
      "raw/a.csv": "x\n1\n",
      "steps/comments.mjs":
        'import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/comments.txt", readFileSync("raw/a.csv", "utf8"));\n',
      "steps/model.mjs":
        'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/model.txt", "w=" + readFileSync("data/comments.txt", "utf8").length);\nwriteFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: 3 }));\n',
      "steps/predict.mjs":
        'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/predictions.txt", readFileSync("data/model.txt", "utf8") + " on " + readFileSync("data/comments.txt", "utf8").length);\n',
    });
    // Monday after the 03:00 tick: the first build, and the champion v1.
    expect(outcomes(await world.run("2026-11-23T05:00:00Z", "push"))).toEqual({
      comments: "success",
      model: "success",
      predictions: "success",
    });
    // Tuesday: new comments. model waits for Monday's tick; predictions scores them with v1.
    world.write({ "raw/a.csv": "x\n1\n2\n" });
    world.commit("new comments");
    const plan = await world.plan("2026-11-24T10:00:00Z", "push");
    expect(plan.assets.get("model")!.run).toBe(false);
    expect(plan.assets.get("predictions")!.run, plan.assets.get("predictions")!.reasons.join("; ")).toBe(
      true,
    );
    const tuesday = await world.run("2026-11-24T10:00:00Z", "push");
    expect(outcomes(tuesday)).toEqual({ comments: "success", predictions: "success" });
    expect(world.read("data/predictions.txt")).toBe("w=4 on 6");
  }, 300_000);
});

describe("on_missing", () => {
  it("builds a report that was never built on its present, stale dependency, reading the dependency's current version", async () => {
    const prepStep =
      'import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/prep.txt", readFileSync("raw/a.csv", "utf8"));\n';
    const manifest = (withReport: boolean) =>
      [
        "version: 1",
        "assets:",
        "  prep:",
        '    run: "node steps/prep.mjs"',
        "    inputs: [raw/*.csv]",
        "    outputs: [data/prep.txt]",
        "    automation: manual",
        ...(withReport
          ? [
              "  report:",
              '    run: "node steps/report.mjs"',
              "    deps: [prep]",
              "    outputs: [data/report.txt]",
              "    automation: on_missing",
            ]
          : []),
        "",
      ].join("\n");
    const world = new TickWorld({
      "kiln.yml": manifest(false),
      "raw/a.csv": "x\n1\n",
      "steps/prep.mjs": prepStep,
      "steps/report.mjs":
        'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/report.txt", "rows: " + readFileSync("data/prep.txt", "utf8").trim().split("\\n").length);\n',
    });
    expect(outcomes(await world.run("2026-11-23T10:00:00Z", "local", ["prep"]))).toEqual({ prep: "success" });
    // prep's input changes (prep is manual: stale until someone runs it); report is added.
    world.write({ "raw/a.csv": "x\n1\n2\n", "kiln.yml": manifest(true) });
    world.commit("report");
    const plan = await world.plan("2026-11-23T11:00:00Z", "push");
    expect(plan.assets.get("prep")!.run).toBe(false);
    expect(plan.assets.get("report")!.run, plan.assets.get("report")!.reasons.join("; ")).toBe(true);
    const run = await world.run("2026-11-23T11:00:00Z", "push");
    expect(outcomes(run)).toEqual({ report: "success" });
    // It read prep's current version (v1: two lines), not the changed input.
    expect(world.read("data/report.txt")).toBe("rows: 2");
    expect(await world.planned("2026-11-23T12:00:00Z", "push")).toEqual([]);
  }, 300_000);
});

describe("a cron tick whose request never ran the step", () => {
  const MODEL = [
    "version: 1",
    "assets:",
    "  prep:",
    '    run: "node steps/prep.mjs"',
    "    inputs: [raw/*.csv]",
    "    outputs: [data/prep.txt]",
    "  model:",
    '    run: "node steps/model.mjs"',
    "    deps: [prep]",
    "    outputs: [data/model.txt]",
    '    automation: { on_cron: "0 3 * * 1" }',
    "    retry-failed: 1h",
    "",
  ].join("\n");
  const STEPS = {
    "raw/a.csv": "x\n1\n",
    "steps/prep.mjs":
      'import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/prep.txt", readFileSync("raw/a.csv", "utf8"));\n',
    "steps/model.mjs":
      'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/model.txt", "trained on " + readFileSync("data/prep.txt", "utf8").length);\n',
  };

  it("at no version (its dependency was stale): the tick stays open, and status says the run failed", async () => {
    const world = new TickWorld({ "kiln.yml": MODEL, ...STEPS });
    expect(outcomes(await world.run("2026-11-22T10:00:00Z", "push"))).toEqual({
      prep: "success",
      model: "success",
    });
    world.write({ "raw/a.csv": "x\n1\n2\n" });
    world.commit("new data");
    // Monday 03:05: someone runs model alone; prep is stale, so the step never starts.
    const alone = await world.run("2026-11-23T03:05:00Z", "workflow_dispatch", ["model"]);
    expect(outcomes(alone)).toEqual({ model: "failed" });
    expect(alone.execution.outcomes.get("model")!.detail).toContain("dependency prep is stale");
    const status = await kilnIn(world.dir, ["status"]);
    expect(status.stdout).toMatch(
      /model +stale +v1 +dependency prep is stale; last run failed \(dependency prep is stale/,
    );
    // The scheduled run (GitHub's schedule comes late): Monday's retrain still runs, after prep.
    const plan = await world.plan("2026-11-23T03:40:00Z", "schedule");
    expect(explain(plan.assets.get("model")!.evaluation!)).toContain("last handled 2026-11-22T10:00Z");
    const scheduled = await world.run("2026-11-23T03:40:00Z", "schedule");
    expect(outcomes(scheduled)).toEqual({ prep: "success", model: "success" });
    expect(world.read("data/model.txt")).toBe("trained on 6");
    expect(await world.planned("2026-11-23T05:00:00Z", "schedule")).toEqual([]);
  }, 300_000);

  it("at its version (a secret was not set): the failure handles the tick, status shows it, retry-failed retries it", async () => {
    const world = new TickWorld({
      "kiln.yml": MODEL.replace(
        "    retry-failed: 1h\n",
        "    retry-failed: 1h\n    env: { FEED_TOKEN: { secret: FEED_TOKEN } }\n",
      ),
      ...STEPS,
    });
    const token = { env: { FEED_TOKEN: "t" } };
    expect(outcomes(await world.run("2026-11-22T10:00:00Z", "push", [], false, token))).toEqual({
      prep: "success",
      model: "success",
    });
    world.write({ "raw/a.csv": "x\n1\n2\n" });
    world.commit("new data");
    // Monday's tick, without the secret: model fails before its step, at its version.
    const monday = await world.run("2026-11-23T03:05:00Z", "schedule");
    expect(outcomes(monday)).toEqual({ prep: "success", model: "failed" });
    const status = await kilnIn(world.dir, ["status"]);
    expect(status.stdout).toMatch(/model +stale +v1 +.*last run failed \(secret FEED_TOKEN not set/);
    // Held until retry-failed's hour is up, then retried.
    expect(await world.planned("2026-11-23T03:30:00Z", "schedule")).toEqual([]);
    expect(outcomes(await world.run("2026-11-23T04:10:00Z", "schedule", [], false, token))).toEqual({
      model: "success",
    });
  }, 300_000);
});
