// The tick of a workflow run, from the GitHub event that started it. KILN_NOW (ISO 8601) replaces
// the clock, to replay a schedule tick, as `kiln plan --now` does locally.
import type { Tick } from "../app/run-plan.js";
import { tickEventOf } from "../automation/tick.js";
import { ActionFailure } from "./workspace.js";

export function actionTick(env: NodeJS.ProcessEnv, override?: string): Tick {
  const name = override ?? env.GITHUB_EVENT_NAME ?? "local";
  const now = env.KILN_NOW ? new Date(env.KILN_NOW) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new ActionFailure(`KILN_NOW "${env.KILN_NOW}" is not an ISO 8601 time`);
  return { event: tickEventOf(name), now };
}
