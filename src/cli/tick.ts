// The tick of a CLI command: --event and --now, or the GitHub event when running in Actions.
import type { Tick, TickEvent } from "../app/run-plan.js";
import { tickEventOf } from "../automation/tick.js";
import { UserError } from "./errors.js";

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
  const event = (options.event as TickEvent | undefined) ?? defaultEvent(env);
  return { event, now };
}

/** The event of a command run without --event: the GitHub event in Actions, else `local`. */
export function defaultEvent(env: NodeJS.ProcessEnv): TickEvent {
  return tickEventOf(env.GITHUB_ACTIONS === "true" ? env.GITHUB_EVENT_NAME : undefined);
}
