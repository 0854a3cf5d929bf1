// The tick of a workflow run, from the GitHub event that started it.
import type { Tick, TickEvent } from "../run/plan.js";

const EVENTS: Record<string, TickEvent> = {
  push: "push",
  pull_request: "pull_request",
  pull_request_target: "pull_request",
  schedule: "schedule",
  workflow_dispatch: "workflow_dispatch",
};

export function actionTick(env: NodeJS.ProcessEnv, override?: string): Tick {
  const name = override ?? env.GITHUB_EVENT_NAME ?? "local";
  return { event: EVENTS[name] ?? "local", now: new Date() };
}
