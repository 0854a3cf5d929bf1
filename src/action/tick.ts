// The tick of a workflow run, from the GitHub event that started it. KILN_NOW (ISO 8601) replaces
// the clock, to replay a schedule tick, as `kiln plan --now` does locally. A run dispatched by a
// scheduled run of the default branch (action/schedule-dispatch.ts) is that schedule tick, at its
// time: the dispatch's `scheduled-tick` input carries it, read here from the event payload.
import type { Tick } from "../app/run-plan.js";
import { tickEventOf } from "../automation/tick.js";
import { eventPayload } from "../github/context.js";
import { SCHEDULED_TICK_INPUT } from "../workflow/schedules.js";
import { ActionFailure } from "./workspace.js";

/** How far a carried tick may be ahead of this job's clock: runners' clocks differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** What the dispatch writes (Date#toISOString), seconds and milliseconds optional: nothing else. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
const PURPOSE =
  "Kiln's scheduled run on the default branch sets it when it dispatches its tick onto prod's branch; leave it empty when you run the workflow by hand";

/** A run's tick; `carried` when a dispatch brought it from the default branch's scheduled run. */
export type ActionTick = Tick & { carried?: true | undefined };

/**
 * `checked`: the plan job's call, which refuses a carried tick that is not a UTC time or comes from
 * the future (a clear error, the run's one failure). Every other job of that run (its asset jobs
 * run only after a plan that accepted it) takes such a tick for a plain dispatch, so that the
 * report job still reports the plan job's failure instead of failing the same way.
 */
export function actionTick(
  env: NodeJS.ProcessEnv,
  override?: string,
  options: { checked?: boolean } = {},
): ActionTick {
  const now = env.KILN_NOW ? new Date(env.KILN_NOW) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new ActionFailure(`KILN_NOW "${env.KILN_NOW}" is not an ISO 8601 time`);
  let carried: Date | undefined;
  try {
    carried = override ? undefined : carriedTick(env, now);
  } catch (error) {
    if (options.checked || !(error instanceof ActionFailure)) throw error;
  }
  if (carried) return { event: "schedule", now: carried, carried: true };
  return { event: tickEventOf(override ?? env.GITHUB_EVENT_NAME ?? "local"), now };
}

/**
 * The schedule tick a dispatch carries, checked: a UTC time no later than this job's clock (a tick
 * from the future would handle cron ticks that have not come yet, and they would then be lost).
 * Undefined for every other run, and for a dispatch from the form, where the input is empty.
 */
function carriedTick(env: NodeJS.ProcessEnv, clock: Date): Date | undefined {
  if (env.GITHUB_EVENT_NAME !== "workflow_dispatch") return undefined;
  const inputs = eventPayload(env).inputs;
  if (inputs === null || typeof inputs !== "object") return undefined;
  const value = (inputs as Record<string, unknown>)[SCHEDULED_TICK_INPUT];
  if (value === undefined || value === "") return undefined;
  const text = typeof value === "string" ? value : "";
  const time = new Date(text);
  // The pattern first, and the parse read back: Date accepts other forms and rolls 02-30 over.
  if (
    !UTC_TIME.test(text) ||
    Number.isNaN(time.getTime()) ||
    time.toISOString().slice(0, 10) !== text.slice(0, 10)
  ) {
    const shown = JSON.stringify(value) ?? String(value);
    throw new ActionFailure(
      `input "${SCHEDULED_TICK_INPUT}" of this dispatch is ${shown.length > 60 ? `${shown.slice(0, 57)}..."` : shown}, not a UTC time such as 2026-11-23T03:17:00.000Z. ${PURPOSE}`,
    );
  }
  if (time.getTime() > clock.getTime() + CLOCK_SKEW_MS)
    throw new ActionFailure(
      `input "${SCHEDULED_TICK_INPUT}" of this dispatch is ${text}, later than this job's clock (${clock.toISOString()}): a tick cannot come from the future. ${PURPOSE}`,
    );
  return time;
}
