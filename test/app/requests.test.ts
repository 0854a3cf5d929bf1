// A materialization request is a request: a cron tick on a root asset, an explicit selection or
// `force` runs the asset even when a record with its logical version exists, and `plan` and `run`
// never disagree. Early cutoff still protects the dependants of a requested asset.
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/app/pipeline.js";
import { TickWorld } from "./tick-world.js";

const snapshot = (extra = "") =>
  [
    "version: 1",
    "assets:",
    "  snapshot:",
    '    run: "node steps/pull.mjs"',
    "    outputs: [data/snapshot.json]",
    '    automation: { on_cron: "0 6 * * *" }',
    extra,
  ].join("\n");

const pull =
  'import { mkdirSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/snapshot.json", JSON.stringify({ rows: 3 }));\n';

describe("a cron tick on a root asset", () => {
  it("materializes once per tick even though its logical version is unchanged", async () => {
    const world = new TickWorld({ "kiln.yml": snapshot(), "steps/pull.mjs": pull });
    expect(await world.materialized("2026-11-20T07:00:00Z")).toEqual(["snapshot"]); // first build
    // The next day's 06:00 tick: the plan says run, and the run runs it (it used to say "fresh at
    // v1: upstream data unchanged (early cutoff)" and consume the tick).
    expect(await world.planned("2026-11-21T06:05:00Z")).toEqual(["snapshot"]);
    const tick = await world.run("2026-11-21T06:05:00Z");
    const outcome = tick.execution.outcomes.get("snapshot")!;
    expect(outcome.outcome).toBe("success");
    expect(outcome.detail).toBe("v2");
    // The tick is handled: the same event again, and a later push, plan nothing.
    expect(await world.planned("2026-11-21T06:05:00Z")).toEqual([]);
    expect(await world.materialized("2026-11-21T09:00:00Z", "push")).toEqual([]);
  });
});

describe("plan and run agree", () => {
  const pipeline = snapshot(
    [
      "  features:",
      '    run: "node steps/features.mjs"',
      "    deps: [snapshot]",
      "    outputs: [data/features.json]",
      "  report:",
      '    run: "node steps/report.mjs"',
      "    deps: [features]",
      "    outputs: [data/report.txt]",
      "    automation: manual",
    ].join("\n"),
  );
  const files = {
    "kiln.yml": pipeline,
    "steps/pull.mjs": pull,
    "steps/features.mjs":
      'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/features.json", readFileSync("data/snapshot.json"));\n',
    "steps/report.mjs":
      'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/report.txt", String(readFileSync("data/features.json")));\n',
  };

  it("for every asset the plan marks run, the run runs it or stops it at early cutoff, at every kind of tick", async () => {
    const world = new TickWorld(files);
    const ticks: [string, "schedule" | "push" | "workflow_dispatch", string[], boolean][] = [
      ["2026-11-20T07:00:00Z", "push", [], false],
      ["2026-11-21T06:01:00Z", "schedule", [], false],
      ["2026-11-21T07:00:00Z", "workflow_dispatch", ["report"], false],
      ["2026-11-21T08:00:00Z", "workflow_dispatch", ["features"], false],
      ["2026-11-21T09:00:00Z", "workflow_dispatch", [], true],
      ["2026-11-22T06:30:00Z", "schedule", [], false],
    ];
    const ran: string[][] = [];
    for (const [now, event, selection, force] of ticks) {
      const plan = await world.plan(now, event, selection, force);
      const planned = [...plan.assets].filter(([, e]) => e.run).map(([name]) => name);
      const result = await world.run(now, event, selection, force);
      const outcomes = result.execution.outcomes;
      expect([...outcomes.keys()], `${event} tick at ${now}`).toEqual(planned);
      for (const name of planned) {
        const outcome = outcomes.get(name)!;
        // A request always materializes; a reaction to an upstream that runs in the same tick may
        // find the upstream's bytes unchanged, and only then stays as it is.
        if (plan.assets.get(name)!.request) expect(outcome.outcome, name).toBe("success");
        else if (outcome.outcome !== "success") {
          expect(outcome.outcome, name).toBe("fresh");
          expect(outcome.detail).toMatch(/^fresh at v\d+: upstream data unchanged \(early cutoff\)/);
        }
      }
      ran.push(planned.filter((name) => outcomes.get(name)!.outcome === "success"));
    }
    expect(ran).toEqual([
      ["snapshot", "features"], // first build; report is manual
      ["snapshot"], // the daily tick; same bytes, so features stays fresh (early cutoff)
      ["report"], // selected: a request, although nothing changed it runs
      ["features"], // selected while fresh: runs again
      ["snapshot", "features", "report"], // force
      ["snapshot"], // the next daily tick
    ]);
  });
});

describe("an asset job carrying out the plan job's decision", () => {
  it("names the unavailable source when the source broke between the plan and the job", async () => {
    const world = new TickWorld({
      "kiln.yml":
        'version: 1\nsources:\n  feed: { observe: "cat feed-version" }\nassets:\n  pulled:\n    deps: [feed]\n    code-version: "1"\n    run: "true"\n',
      "feed-version": "v1\n",
    });
    world.write({ "feed-version": "" }); // observe now prints nothing: the source is unavailable
    const outcome = await runPipeline({
      workspace: await world.workspace("schedule"),
      selection: ["pulled"],
      decided: new Map([["pulled", { request: true, reason: "forced" }]]),
      force: false,
      tick: { event: "schedule", now: new Date("2026-11-23T06:00:00Z") },
      reporter: { update() {}, line() {}, progress() {}, close() {} },
      env: process.env,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    const pulled = outcome.result.execution.outcomes.get("pulled")!;
    expect(pulled.outcome).toBe("failed");
    expect(pulled.detail).toBe("source feed is unavailable: its observe command failed (see `kiln status`)");
  });
});
