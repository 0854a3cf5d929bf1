// The tick of a workflow run, from the GitHub event that started it. KILN_NOW (ISO 8601) replaces
// the clock, to replay a schedule tick, as `kiln plan --now` does locally.
import type { Tick, TickEvent } from "../app/run-plan.js";
import { ActionFailure } from "./workspace.js";

const EVENTS: Record<string, TickEvent> = {
  push: "push",
  pull_request: "pull_request",
  pull_request_target: "pull_request",
  schedule: "schedule",
  workflow_dispatch: "workflow_dispatch",
};

export function actionTick(env: NodeJS.ProcessEnv, override?: string): Tick {
  const name = override ?? env.GITHUB_EVENT_NAME ?? "local";
  const now = env.KILN_NOW ? new Date(env.KILN_NOW) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new ActionFailure(`KILN_NOW "${env.KILN_NOW}" is not an ISO 8601 time`);
  return { event: EVENTS[name] ?? "local", now };
}
