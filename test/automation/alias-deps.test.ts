// Planning a dependant of an alias (`deps: [model@champion]`): it is fresh while built from the
// champion, but a model planned on a promoting tick may become the champion, so an eager dependant
// runs after it (as after any planned dependency: the run re-checks the alias and skips it when
// nothing was promoted). A pull request never promotes and leaves it fresh; a dependant whose alias
// names no version waits.
import { beforeAll, describe, expect, it } from "vitest";
import type { AssetFacts } from "../../src/automation/conditions.js";
import { loadCron } from "../../src/automation/cron.js";
import { explain } from "../../src/automation/explain.js";
import { planTick } from "../../src/automation/plan.js";
import type { TickEvent } from "../../src/automation/tick.js";
import type { Condition } from "../../src/manifest/project.js";

// planTick evaluates synchronously; planRun loads croner first when a condition needs it.
beforeAll(() => loadCron());

function plan(options: {
  event: TickEvent;
  model: AssetFacts["status"];
  predictions?: Partial<AssetFacts>;
  condition?: Condition;
}) {
  const facts = new Map<string, AssetFacts>([
    ["model", { status: options.model, codeChanged: true, depsUpdated: [], assetDeps: [], sourceDeps: [] }],
    [
      "predictions",
      {
        status: "fresh",
        codeChanged: false,
        depsUpdated: [],
        assetDeps: ["model"],
        sourceDeps: [],
        ...options.predictions,
      },
    ],
  ]);
  const planned = planTick({
    assets: [
      {
        name: "model",
        condition: { kind: "eager" },
        pullRequests: true,
        reasons: ["code changed (train.py)"],
      },
      {
        name: "predictions",
        condition: options.condition ?? { kind: "eager" },
        pullRequests: true,
        reasons: [],
      },
    ],
    facts,
    cursors: {},
    tick: { event: options.event, now: new Date("2026-11-23T06:00:00Z") },
    selection: new Set(["model", "predictions"]),
    explicit: false,
    force: false,
  });
  const entry = planned.assets.get("predictions")!;
  return { run: entry.run, reasons: entry.reasons };
}

describe("planning a dependant of model@champion", () => {
  it("runs after a model planned on a push, which may promote", () => {
    expect(plan({ event: "push", model: "stale" })).toEqual({ run: true, reasons: ["automation: eager"] });
  });

  it("stays fresh on a pull request (never promotes) and when the model is not planned", () => {
    expect(plan({ event: "pull_request", model: "stale" }).run).toBe(false);
    expect(plan({ event: "push", model: "fresh" })).toEqual({ run: false, reasons: ["fresh"] });
    expect(plan({ event: "push", model: "stale", condition: { kind: "manual" } }).run).toBe(false);
  });

  it("waits while the alias names no version and the model is not planned", () => {
    const waiting = plan({
      event: "push",
      model: "fresh",
      predictions: { status: "stale", unavailableDeps: ["model"] },
    });
    expect(waiting.run).toBe(false);
    expect(waiting.reasons[0]).toBe(
      "waiting: dependency model has no version under the alias predictions reads yet",
    );
  });
});

describe("a dependant of model@champion whose model is not planned", () => {
  // comments (eager) → model (weekly, promotes) → predictions (eager, [comments, model@champion]).
  function tick(options: { model: AssetFacts["status"]; explicit?: boolean; unavailable?: boolean }) {
    const facts = new Map<string, AssetFacts>([
      ["comments", { status: "fresh", codeChanged: false, depsUpdated: [], assetDeps: [], sourceDeps: [] }],
      [
        "model",
        {
          status: options.model,
          codeChanged: false,
          depsUpdated: ["comments"],
          assetDeps: ["comments"],
          sourceDeps: [],
          lastMaterializedAt: new Date("2026-11-16T03:30:00Z"),
          lastHandled: { at: new Date("2026-11-16T03:30:00Z"), what: "materialized v1" },
        },
      ],
      [
        "predictions",
        {
          status: "stale",
          codeChanged: false,
          depsUpdated: ["comments"],
          assetDeps: ["comments", "model"],
          aliasDeps: { model: "champion" },
          unavailableDeps: options.unavailable ? ["model"] : [],
          sourceDeps: [],
        },
      ],
    ]);
    const planned = planTick({
      assets: [
        { name: "comments", condition: { kind: "eager" }, pullRequests: true, reasons: [] },
        {
          name: "model",
          condition: { kind: "on_cron", cron: "0 3 * * 1", tz: "UTC" },
          pullRequests: true,
          reasons: [],
        },
        {
          name: "predictions",
          condition: { kind: "eager" },
          pullRequests: true,
          reasons: ["dependency comments has a new data version"],
        },
      ],
      facts,
      cursors: {},
      tick: { event: options.explicit ? "local" : "push", now: new Date("2026-11-24T10:00:00Z") },
      selection: new Set(options.explicit ? ["predictions"] : ["comments", "model", "predictions"]),
      explicit: options.explicit ?? false,
      force: false,
    });
    return planned.assets.get("predictions")!;
  }

  it("runs on new comments with the champion it reads, however stale the model itself is", () => {
    // Tuesday: model waits for Monday's tick (stale by comments), the champion is unchanged.
    const stale = tick({ model: "stale" });
    expect(stale.run, stale.reasons.join("; ")).toBe(true);
    expect(explain(stale.evaluation!)).toContain("model@champion names a version");
  });

  it("runs when selected on a dev branch where model was never built in dev, while champion exists", () => {
    const dev = tick({ model: "missing", explicit: true });
    expect(dev.run, dev.reasons.join("; ")).toBe(true);
    expect(tick({ model: "missing" }).run).toBe(true);
  });

  it("still waits while the alias names no version", () => {
    const waiting = tick({ model: "missing", explicit: true, unavailable: true });
    expect(waiting.run).toBe(false);
    // In the words of `kiln status` ("dependency model has no champion yet").
    expect(waiting.reasons[0]).toBe("waiting: dependency model has no champion yet");
  });
});

describe("an on_cron dependant of model@champion", () => {
  function weekly(predictions: Partial<AssetFacts>) {
    const facts = new Map<string, AssetFacts>([
      // On a dev branch with its own config for model: never built in dev.
      ["model", { status: "missing", codeChanged: false, depsUpdated: [], assetDeps: [], sourceDeps: [] }],
      [
        "predictions",
        {
          status: "missing",
          codeChanged: false,
          depsUpdated: [],
          assetDeps: ["model"],
          aliasDeps: { model: "champion" },
          sourceDeps: [],
          ...predictions,
        },
      ],
    ]);
    return planTick({
      assets: [
        { name: "model", condition: { kind: "manual" }, pullRequests: true, reasons: [] },
        {
          name: "predictions",
          condition: { kind: "on_cron", cron: "0 3 * * 1", tz: "UTC" },
          pullRequests: true,
          reasons: [],
        },
      ],
      facts,
      cursors: {},
      tick: { event: "schedule", now: new Date("2026-11-23T03:10:00Z") },
      selection: new Set(["model", "predictions"]),
      explicit: false,
      force: false,
    }).assets.get("predictions")!;
  }

  it("counts the champion as updated when the version it names is new to the dependant, as a source's", () => {
    const first = weekly({});
    expect(first.run, explain(first.evaluation!)).toBe(true);
    expect(explain(first.evaluation!)).toContain("model@champion has a new version");
    const same = weekly({
      status: "fresh",
      lastHandled: { at: new Date("2026-11-16T03:20:00Z"), what: "materialized v1" },
    });
    expect(same.run).toBe(false);
    expect(explain(same.evaluation!)).toContain("model@champion unchanged");
    const moved = weekly({
      status: "stale",
      depsUpdated: ["model"],
      lastHandled: { at: new Date("2026-11-16T03:20:00Z"), what: "materialized v1" },
    });
    expect(moved.run).toBe(true);
  });
});
