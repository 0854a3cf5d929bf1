// Sequences of ticks over a small simulated world: each tick is planned, the planned assets are
// "materialized" (fresh, updated now; their dependants become stale), and the cursors committed.
import { beforeAll, describe, expect, it } from "vitest";
import type { AssetFacts } from "../../src/automation/conditions.js";
import { loadCron } from "../../src/automation/cron.js";
import { explain } from "../../src/automation/explain.js";
import { planTick } from "../../src/automation/plan.js";
import type { TickEvent } from "../../src/automation/tick.js";
import type { Condition } from "../../src/manifest/project.js";

// planTick evaluates synchronously; planRun loads croner first when a condition needs it.
beforeAll(() => loadCron());

interface AssetDef {
  deps?: string[];
  sources?: string[];
  condition: Condition;
  pullRequests?: boolean;
}

class World {
  facts = new Map<string, AssetFacts>();
  cursors: Record<string, Record<string, string>> = {};
  constructor(readonly assets: Record<string, AssetDef>) {
    for (const [name, def] of Object.entries(assets)) {
      this.facts.set(name, {
        status: "missing",
        codeChanged: false,
        depsUpdated: [],
        assetDeps: def.deps ?? [],
        sourceDeps: def.sources ?? [],
      });
    }
  }
  /** An input or code change: the asset becomes stale, and so does everything downstream (as the
   * assessment says "dependency X is stale" until X has run). */
  change(name: string, how: "input" | "code" = "input"): void {
    const f = this.facts.get(name)!;
    if (f.status === "fresh") f.status = "stale";
    if (how === "code") f.codeChanged = true;
    for (const [other, g] of this.facts) if (g.assetDeps.includes(name)) this.change(other, "input");
  }
  /** A source dependency reports a new version. */
  sourceChanged(source: string): void {
    for (const f of this.facts.values()) {
      if (f.sourceDeps.includes(source)) {
        f.depsUpdated = [...new Set([...f.depsUpdated, source])];
        if (f.status === "fresh") f.status = "stale";
      }
    }
  }
  /** Materializes `name` at `at` (a run outside the planner, e.g. a manual run). */
  materialize(name: string, at: Date): void {
    const f = this.facts.get(name)!;
    Object.assign(f, { status: "fresh", codeChanged: false, depsUpdated: [], lastMaterializedAt: at });
    for (const [other, g] of this.facts) {
      if (g.assetDeps.includes(name)) {
        g.depsUpdated = [...new Set([...g.depsUpdated, name])];
        if (g.status === "fresh") g.status = "stale";
        void other;
      }
    }
  }
  tick(at: string, event: TickEvent = "schedule", options: { selection?: string[]; force?: boolean } = {}) {
    const now = new Date(at);
    const plan = planTick({
      assets: Object.entries(this.assets).map(([name, def]) => ({
        name,
        condition: def.condition,
        pullRequests: def.pullRequests ?? true,
        reasons: [],
      })),
      facts: this.facts,
      cursors: this.cursors,
      tick: { event, now },
      selection: new Set(options.selection ?? Object.keys(this.assets)),
      explicit: options.selection !== undefined,
      force: options.force ?? false,
    });
    const ran = [...plan.assets].filter(([, e]) => e.run).map(([name]) => name);
    if (event !== "pull_request") {
      for (const name of ran) this.materialize(name, now);
      this.cursors = plan.cursors;
    }
    return { ran, plan };
  }
}

const weeklyBerlin: Condition = { kind: "on_cron", cron: "0 3 * * 1", tz: "Europe/Berlin" };

describe("eager", () => {
  it("runs missing and stale assets with their upstream in one tick, and waits for a dependency that cannot run", () => {
    const world = new World({
      a: { condition: { kind: "eager" } },
      b: { deps: ["a"], condition: { kind: "eager" } },
    });
    expect(world.tick("2026-11-23T10:00:00Z", "push").ran).toEqual(["a", "b"]);
    expect(world.tick("2026-11-23T10:05:00Z", "push").ran).toEqual([]);
    world.change("a");
    expect(world.tick("2026-11-23T11:00:00Z", "push").ran).toEqual(["a", "b"]);
    world.change("b", "code");
    expect(world.tick("2026-11-23T12:00:00Z", "push").ran).toEqual(["b"]);

    const blocked = new World({
      a: { condition: { kind: "manual" } },
      b: { deps: ["a"], condition: { kind: "eager" } },
    });
    const { ran, plan } = blocked.tick("2026-11-23T10:00:00Z", "push");
    expect(ran).toEqual([]);
    expect(plan.assets.get("b")!.reasons[0]).toBe("waiting: dependency a has never been materialized");
  });
});

describe("on_cron", () => {
  const world = () =>
    new World({ data: { condition: { kind: "eager" } }, model: { deps: ["data"], condition: weeklyBerlin } });

  it("builds once at first, then waits for a tick and for its dependencies to update after it", () => {
    const w = world();
    expect(w.tick("2026-11-18T12:00:00Z", "push").ran).toEqual(["data", "model"]); // Wednesday: first build
    w.change("data");
    expect(w.tick("2026-11-19T12:00:00Z", "push").ran).toEqual(["data"]); // Thursday: model waits for Monday
    // Monday 03:00 Berlin = 02:00 UTC. data last updated Thursday, before the tick: model waits.
    const monday = w.tick("2026-11-23T02:00:00Z");
    expect(monday.ran).toEqual([]);
    expect(explain(monday.plan.assets.get("model")!.evaluation!)).toBe(
      [
        '✗ on_cron "0 3 * * 1" Europe/Berlin',
        "  ✓ cron tick passed since last handled",
        '      · last tick of "0 3 * * 1" Europe/Berlin: 2026-11-23T02:00Z',
        "      · last handled 2026-11-18T12:00Z",
        "  ✗ all dependencies updated since the tick",
        "      · data not updated since the tick (last 2026-11-19T12:00Z)",
      ].join("\n"),
    );
    // The Monday data refresh lands at 05:00 UTC: the model runs on the next tick, once.
    w.change("data");
    expect(w.tick("2026-11-23T05:00:00Z", "push").ran).toEqual(["data", "model"]);
    expect(w.tick("2026-11-23T05:30:00Z", "push").ran).toEqual([]);
  });

  it("coalesces missed ticks into one run, and plans nothing for the same event twice", () => {
    const w = world();
    w.tick("2026-11-02T02:00:00Z"); // first build on a Monday tick
    // Two weekly ticks pass with no events; data updates on the third Monday; one late event.
    w.change("data");
    w.materialize("data", new Date("2026-11-23T02:30:00Z"));
    expect(w.tick("2026-11-23T03:10:00Z").ran).toEqual(["model"]);
    expect(w.tick("2026-11-23T03:10:00Z").ran).toEqual([]); // the same event again
    expect(w.tick("2026-11-23T03:40:00Z").ran).toEqual([]); // a late duplicate
  });

  it("treats a source with a new version as an updated dependency", () => {
    const w = new World({ model: { sources: ["raw"], condition: weeklyBerlin } });
    expect(w.tick("2026-11-16T02:00:00Z").ran).toEqual(["model"]);
    expect(w.tick("2026-11-23T02:00:00Z").ran).toEqual([]); // tick passed, source unchanged
    w.sourceChanged("raw");
    expect(w.tick("2026-11-23T02:30:00Z").ran).toEqual(["model"]);
  });
});

describe("daylight saving", () => {
  it("Europe/Berlin spring-forward: 02:30 does not exist and fires at 03:00 CEST", () => {
    const w = new World({ a: { condition: { kind: "cron", cron: "30 2 * * *", tz: "Europe/Berlin" } } });
    w.tick("2026-03-28T01:31:00Z"); // 02:31 CET on the 28th: first run
    expect(w.tick("2026-03-29T00:59:00Z").ran).toEqual([]); // 01:59 CET, before the gap
    expect(w.tick("2026-03-29T01:00:00Z").ran).toEqual(["a"]); // 03:00 CEST, the advanced tick
    expect(w.tick("2026-03-29T01:30:00Z").ran).toEqual([]);
  });

  it("America/New_York fall-back: 01:30 happens twice and fires once", () => {
    const w = new World({ a: { condition: { kind: "cron", cron: "30 1 * * *", tz: "America/New_York" } } });
    w.tick("2026-10-31T06:00:00Z"); // first run
    expect(w.tick("2026-11-01T05:31:00Z").ran).toEqual(["a"]); // 01:31 EDT
    expect(w.tick("2026-11-01T06:31:00Z").ran).toEqual([]); // 01:31 EST, the repeated hour
    expect(w.tick("2026-11-02T06:31:00Z").ran).toEqual(["a"]); // next day, 01:31 EST
  });

  it("America/New_York spring-forward and Europe/Berlin fall-back keep one run a day", () => {
    const ny = new World({ a: { condition: { kind: "cron", cron: "30 2 * * *", tz: "America/New_York" } } });
    ny.tick("2026-03-07T08:00:00Z");
    expect(ny.tick("2026-03-08T07:05:00Z").ran).toEqual(["a"]); // 03:05 EDT: 02:30 skipped, advanced
    expect(ny.tick("2026-03-08T08:00:00Z").ran).toEqual([]);
    const berlin = new World({ a: { condition: { kind: "cron", cron: "30 2 * * *", tz: "Europe/Berlin" } } });
    berlin.tick("2026-10-24T02:00:00Z");
    expect(berlin.tick("2026-10-25T00:31:00Z").ran).toEqual(["a"]); // 02:31 CEST
    expect(berlin.tick("2026-10-25T01:31:00Z").ran).toEqual([]); // 02:31 CET, repeated
  });
});

describe("other conditions and compositions", () => {
  it("on_missing runs once, when its dependencies exist", () => {
    const w = new World({
      a: { condition: { kind: "manual" } },
      b: { deps: ["a"], condition: { kind: "on_missing" } },
    });
    expect(w.tick("2026-11-23T10:00:00Z", "push").ran).toEqual([]);
    w.materialize("a", new Date("2026-11-23T10:30:00Z"));
    expect(w.tick("2026-11-23T11:00:00Z", "push").ran).toEqual(["b"]);
    w.change("b");
    expect(w.tick("2026-11-23T12:00:00Z", "push").ran).toEqual([]);
  });

  it("on_missing builds a missing asset on a dependency that is present but stale", () => {
    const w = new World({
      prep: { condition: { kind: "manual" } },
      report: { deps: ["prep"], condition: { kind: "on_missing" } },
    });
    w.materialize("prep", new Date("2026-11-23T10:30:00Z"));
    w.change("prep");
    w.facts.get("report")!.status = "missing";
    const { ran, plan } = w.tick("2026-11-23T11:00:00Z", "push");
    expect(ran).toEqual(["report"]);
    expect(explain(plan.assets.get("report")!.evaluation!)).toContain(
      "prep is stale: its current version is read",
    );
    // One whose bytes are in no store any more is not present: it waits for it to be rebuilt.
    w.facts.get("prep")!.outputsLost = true;
    w.facts.get("report")!.status = "missing";
    expect(w.tick("2026-11-23T11:05:00Z", "push").ran).toEqual([]);
    // A dependency that was never built still blocks it.
    const never = new World({
      prep: { condition: { kind: "manual" } },
      report: { deps: ["prep"], condition: { kind: "on_missing" } },
    });
    expect(never.tick("2026-11-23T11:00:00Z", "push").ran).toEqual([]);
  });

  it("manual runs only when selected", () => {
    const w = new World({ a: { condition: { kind: "manual" } } });
    expect(w.tick("2026-11-23T10:00:00Z", "push").ran).toEqual([]);
    expect(w.tick("2026-11-23T10:00:00Z", "workflow_dispatch", { selection: ["a"] }).ran).toEqual(["a"]);
  });

  it("all/not: retrain on new data but not on a code change alone", () => {
    const condition: Condition = {
      kind: "all",
      of: [{ kind: "stale" }, { kind: "deps_updated" }, { kind: "not", of: { kind: "code_changed" } }],
    };
    const w = new World({
      data: { condition: { kind: "eager" } },
      model: { deps: ["data"], condition: { kind: "any", of: [condition, { kind: "missing" }] } },
    });
    expect(w.tick("2026-11-23T10:00:00Z", "push").ran).toEqual(["data", "model"]);
    w.change("model", "code");
    expect(w.tick("2026-11-23T11:00:00Z", "push").ran).toEqual([]);
    w.change("data");
    expect(w.tick("2026-11-23T12:00:00Z", "push").ran).toEqual(["data"]); // model: code_changed still true
  });

  it("pull requests plan every stale asset, and respect pull-requests: false", () => {
    const w = new World({
      a: { condition: weeklyBerlin },
      b: { deps: ["a"], condition: { kind: "manual" }, pullRequests: false },
    });
    w.tick("2026-11-23T02:00:00Z");
    w.materialize("b", new Date("2026-11-23T02:10:00Z"));
    w.change("a");
    w.change("b");
    const { ran, plan } = w.tick("2026-11-24T10:00:00Z", "pull_request");
    expect(ran).toEqual(["a"]);
    expect(plan.assets.get("b")!.reasons[0]).toBe("pull-requests: false");
  });
});
