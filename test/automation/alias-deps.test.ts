// Planning a dependant of an alias (`deps: [model@champion]`): it is fresh while built from the
// champion, but a model planned on a promoting tick may become the champion, so an eager dependant
// runs after it (as after any planned dependency: the run re-checks the alias and skips it when
// nothing was promoted). A pull request never promotes and leaves it fresh; a dependant whose alias
// names no version waits.
import { describe, expect, it } from "vitest";
import type { AssetFacts } from "../../src/automation/conditions.js";
import { planTick } from "../../src/automation/plan.js";
import type { TickEvent } from "../../src/automation/tick.js";
import type { Condition } from "../../src/manifest/project.js";

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
