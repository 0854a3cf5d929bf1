// The tick of a CLI command: --event and --now, or the GitHub event when running in Actions.
import type { Tick, TickEvent } from "../run/plan.js";
import { UserError } from "./errors.js";

const EVENTS: readonly TickEvent[] = ["local", "push", "pull_request", "schedule", "workflow_dispatch"];

export function cliTick(options: { event?: string; now?: string }, env: NodeJS.ProcessEnv): Tick {
  let now = new Date();
  if (options.now !== undefined) {
    now = new Date(options.now);
    if (Number.isNaN(now.getTime())) {
      throw new UserError(
        `--now "${options.now}" is not a date`,
        "write an ISO 8601 time such as 2026-11-23T03:00:00+01:00",
      );
    }
  }
  const fromGitHub = env.GITHUB_ACTIONS === "true" ? env.GITHUB_EVENT_NAME : undefined;
  const event = (options.event ??
    (fromGitHub && EVENTS.includes(fromGitHub as TickEvent) ? fromGitHub : "local")) as TickEvent;
  return { event, now };
}
