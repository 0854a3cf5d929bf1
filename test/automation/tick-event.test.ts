// Which tick a GitHub event is: one mapping for the CLI (in Actions, without --event) and the action.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionTick } from "../../src/action/tick.js";
import { TICK_EVENTS, tickEventOf } from "../../src/automation/tick.js";
import { defaultEvent } from "../../src/cli/tick.js";
import { SCHEDULED_TICK_INPUT } from "../../src/workflow/schedules.js";

describe("the tick of a GitHub event", () => {
  it("is the event Kiln has rules for, a pull request for pull_request_target, else local — for the CLI and the action alike", () => {
    const cases: Array<[string | undefined, string]> = [
      ...TICK_EVENTS.map((e): [string, string] => [e, e]),
      ["pull_request_target", "pull_request"],
      ["issue_comment", "local"],
      ["workflow_run", "local"],
      [undefined, "local"],
    ];
    for (const [github, tick] of cases) {
      expect(tickEventOf(github), String(github)).toBe(tick);
      expect(defaultEvent({ GITHUB_ACTIONS: "true", GITHUB_EVENT_NAME: github }), String(github)).toBe(tick);
      expect(actionTick({ GITHUB_EVENT_NAME: github }).event, String(github)).toBe(tick);
    }
    // Outside Actions the CLI's default is local whatever the environment says.
    expect(defaultEvent({ GITHUB_EVENT_NAME: "push" })).toBe("local");
  });
});

describe("a schedule tick carried onto prod's branch by a dispatch", () => {
  /** A job's env for a run started by `event` with this payload. */
  function started(event: string, payload: unknown, now?: string): NodeJS.ProcessEnv {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-tick-")), "event.json");
    writeFileSync(file, JSON.stringify(payload));
    return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: file, ...(now ? { KILN_NOW: now } : {}) };
  }
  const carrying = (value: unknown, now?: string) =>
    started("workflow_dispatch", { inputs: { assets: "", [SCHEDULED_TICK_INPUT]: value } }, now);

  it("is the schedule event at the tick's time, whenever the dispatched run starts", () => {
    // Started a week late (its clock past the next tick): it still plans the tick it carries.
    const tick = actionTick(carrying("2026-11-23T03:20:00.000Z", "2026-11-30T09:00:00Z"));
    expect(tick).toEqual({ event: "schedule", now: new Date("2026-11-23T03:20:00.000Z"), carried: true });
    // Empty (the form's default), or another event's payload: the run's own event and clock.
    expect(actionTick(carrying("", "2026-11-30T09:00:00Z"))).toEqual({
      event: "workflow_dispatch",
      now: new Date("2026-11-30T09:00:00Z"),
    });
    expect(
      actionTick(started("push", { inputs: { [SCHEDULED_TICK_INPUT]: "2026-11-23T03:20:00Z" } })).event,
    ).toBe("push");
  });

  it("refuses a value that is not a UTC time, or one later than the job's clock, saying what the input is for", () => {
    for (const bad of [
      "tomorrow",
      "2026-11-23 03:20",
      "2026-11-23T03:20:00+01:00",
      "2026-11-23T03:20:00Z; rm -rf /",
      "2026-13-45T03:20:00Z",
      1732331000,
    ]) {
      expect(() => actionTick(carrying(bad), undefined, { checked: true }), String(bad)).toThrow(
        new RegExp(
          `^input "${SCHEDULED_TICK_INPUT}" of this dispatch is .+, not a UTC time such as 2026-11-23T03:17:00.000Z`,
        ),
      );
      expect(() => actionTick(carrying(bad), undefined, { checked: true })).toThrow(
        /leave it empty when you run the workflow by hand/,
      );
      // Only the plan job refuses it; the run's other jobs (the report job) take a plain dispatch.
      expect(actionTick(carrying(bad)).event, String(bad)).toBe("workflow_dispatch");
    }
    // A tick from the future would handle cron ticks that have not come yet.
    expect(() =>
      actionTick(carrying("2026-11-30T09:10:00Z", "2026-11-30T09:00:00Z"), undefined, { checked: true }),
    ).toThrow(
      `input "${SCHEDULED_TICK_INPUT}" of this dispatch is 2026-11-30T09:10:00Z, later than this job's clock (2026-11-30T09:00:00.000Z)`,
    );
  });
});
