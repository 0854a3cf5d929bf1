// A tick: one evaluation of the automation conditions, with its event and time explicit so that
// every rule can be replayed (`kiln plan --event schedule --now 2026-11-23T03:17:00+01:00`).

export type TickEvent = "local" | "push" | "pull_request" | "schedule" | "workflow_dispatch";

export interface Tick {
  event: TickEvent;
  now: Date;
}

export const TICK_EVENTS: readonly TickEvent[] = [
  "local",
  "push",
  "pull_request",
  "schedule",
  "workflow_dispatch",
];
