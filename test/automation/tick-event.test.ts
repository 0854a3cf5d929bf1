// Which tick a GitHub event is: one mapping for the CLI (in Actions, without --event) and the action.
import { describe, expect, it } from "vitest";
import { actionTick } from "../../src/action/tick.js";
import { TICK_EVENTS, tickEventOf } from "../../src/automation/tick.js";
import { defaultEvent } from "../../src/cli/tick.js";

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
