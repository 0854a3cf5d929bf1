// A cron tick is handled by the outcome of the request it made, not by the plan that made it:
// a request that never ran (its dependency failed, its job was cancelled, the run is being
// re-run) leaves the tick open, and a failure whose `retry-failed` is due opens it again. Duplicate
// deliveries of a tick whose request did run still plan nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { type AssetFacts, cronKey } from "../../src/automation/conditions.js";
import { loadCron } from "../../src/automation/cron.js";
import { explain } from "../../src/automation/explain.js";
import { type CursorRequest, planTick } from "../../src/automation/plan.js";
import type { TickEvent } from "../../src/automation/tick.js";
import type { Condition } from "../../src/manifest/project.js";

// planTick evaluates synchronously; planRun loads croner first when a condition needs it.
beforeAll(() => loadCron());

const weekly: Condition = { kind: "on_cron", cron: "0 3 * * 1", tz: "UTC" };
const daily: Condition = { kind: "on_cron", cron: "0 6 * * *", tz: "Europe/Berlin" };

function planOne(options: {
  condition: Condition;
  facts: Partial<AssetFacts>;
  now: string;
  event?: TickEvent;
  cursor?: string;
  requestedBy?: CursorRequest;
  run?: CursorRequest;
}) {
  const condition = options.condition;
  const key =
    condition.kind === "on_cron" || condition.kind === "cron"
      ? cronKey(condition.kind, condition.cron, condition.tz)
      : "";
  const plan = planTick({
    assets: [{ name: "model", condition, pullRequests: true, reasons: [] }],
    facts: new Map([
      [
        "model",
        {
          status: "stale",
          codeChanged: false,
          depsUpdated: [],
          assetDeps: [],
          sourceDeps: [],
          ...options.facts,
        },
      ],
    ]),
    cursors: options.cursor ? { model: { [key]: options.cursor } } : {},
    requests: options.requestedBy ? { model: { [key]: options.requestedBy } } : {},
    run: options.run,
    tick: { event: options.event ?? "schedule", now: new Date(options.now) },
    selection: new Set(["model"]),
    explicit: false,
    force: false,
  });
  return plan.assets.get("model")!;
}

const lastWeek = { at: new Date("2026-11-16T03:20:00Z"), what: "materialized v4" };

describe("a cron tick requested by a workflow run's plan job", () => {
  it("stays open when that run left no outcome for the asset (held back by a failed dependency, cancelled)", () => {
    // Monday's run 60 requested model at 03:07; model never ran. Tuesday's push run plans it.
    const entry = planOne({
      condition: weekly,
      facts: { lastHandled: lastWeek, lastMaterializedAt: lastWeek.at },
      now: "2026-11-24T10:00:00Z",
      event: "push",
      cursor: "2026-11-23T03:07:00.000Z",
      requestedBy: { run: "60", attempt: 1 },
      run: { run: "63", attempt: 1 },
    });
    expect(entry.run).toBe(true);
    expect(entry.request).toBe(true);
    expect(explain(entry.evaluation!)).toContain(
      "requested by workflow run 60 at 2026-11-23T03:07Z, which left no outcome for it: not handled",
    );
  });

  it("is handled once that run recorded an outcome: a duplicate delivery of the tick plans nothing", () => {
    const ran = { at: new Date("2026-11-23T03:30:00Z"), what: "materialized v5" };
    const entry = planOne({
      condition: weekly,
      facts: { status: "fresh", lastHandled: ran, lastMaterializedAt: ran.at },
      now: "2026-11-23T03:40:00Z",
      cursor: "2026-11-23T03:07:00.000Z",
      requestedBy: { run: "60", attempt: 1 },
      run: { run: "61", attempt: 1 },
    });
    expect(entry.run).toBe(false);
  });

  it("does not hold back an attempt of the same workflow run (Re-run all jobs after the asset failed)", () => {
    // Attempt 1 of run 61 requested model and its job failed; that failure handles nothing in
    // run 61 (the app layer leaves it out of the facts), and neither does attempt 1's cursor.
    const entry = planOne({
      condition: weekly,
      facts: { lastHandled: lastWeek, lastMaterializedAt: lastWeek.at },
      now: "2026-11-23T03:40:00Z",
      cursor: "2026-11-23T03:07:00.000Z",
      requestedBy: { run: "61", attempt: 1 },
      run: { run: "61", attempt: 2 },
    });
    expect(entry.run).toBe(true);
    expect(explain(entry.evaluation!)).toContain(
      "requested by attempt 1 of this workflow run at 2026-11-23T03:07Z: handled only by an outcome",
    );
  });

  it("counts an entry written without a run (an earlier Kiln, a local run) as handled, as before", () => {
    const entry = planOne({
      condition: weekly,
      facts: { lastHandled: lastWeek, lastMaterializedAt: lastWeek.at },
      now: "2026-11-24T10:00:00Z",
      event: "push",
      cursor: "2026-11-23T03:07:00.000Z",
      run: { run: "63", attempt: 1 },
    });
    expect(entry.run).toBe(false);
  });
});

describe("retry-failed on a cron asset", () => {
  // snapshot pulls daily at 06:00 Berlin (05:00 UTC); the 06:05 (05:05Z) pull failed.
  const failed = {
    status: "missing" as const,
    lastHandled: { at: new Date("2026-11-23T05:05:00Z"), what: "failed" },
    failure: {
      at: new Date("2026-11-23T05:05:00Z"),
      failures: 1,
      error: "HTTP 503",
      retryAt: new Date("2026-11-23T06:05:00Z"),
    },
  };

  it("retries once the retry is due, on a schedule event or a push, and not before", () => {
    const at = (now: string, event: TickEvent = "schedule") =>
      planOne({ condition: daily, facts: failed, now, event, cursor: "2026-11-23T05:01:00.000Z" });
    expect(at("2026-11-23T05:30:00Z").run).toBe(false);
    expect(at("2026-11-23T05:30:00Z").reasons[0]).toMatch(
      /not retried automatically; retry-failed retries it after 2026-11-23T06:05Z/,
    );
    const due = at("2026-11-23T06:30:00Z");
    expect(due.run).toBe(true);
    expect(due.request).toBe(true);
    expect(explain(due.evaluation!)).toContain("retry-failed is due (2026-11-23T06:05Z)");
    expect(at("2026-11-23T19:30:00Z", "push").run).toBe(true);
  });

  it("without retry-failed, the failure handles the tick until the next one", () => {
    const held = { ...failed, failure: { ...failed.failure, retryAt: undefined } };
    const at = (now: string) =>
      planOne({ condition: daily, facts: held, now, cursor: "2026-11-23T05:01:00.000Z" });
    expect(at("2026-11-23T19:30:00Z").run).toBe(false);
    expect(at("2026-11-24T05:10:00Z").run).toBe(true);
  });
});
