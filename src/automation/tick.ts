// A tick: one evaluation of the automation conditions, with its event and time explicit so that
// every rule can be replayed (`kiln plan --event schedule --now 2026-11-23T03:17:00+01:00`).

export type TickEvent = "local" | "push" | "pull_request" | "schedule" | "workflow_dispatch";

export interface Tick {
  event: TickEvent;
  now: Date;
}

/**
 * The clock of everything a tick writes: the tick's time plus the time elapsed since the tick
 * began. Without `--now` that is the wall clock; with it, records, failures, alias moves and
 * cursors carry the simulated time, so a sequence of `--now` runs replays a calendar exactly.
 */
export function tickClock(tick: Tick): () => Date {
  const start = performance.now();
  return () => new Date(tick.now.getTime() + Math.round(performance.now() - start));
}

/** A time in explanations and reasons, to the minute (cron's resolution): `2026-11-23T05:30Z`. */
export function minuteTime(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

export const TICK_EVENTS: readonly TickEvent[] = [
  "local",
  "push",
  "pull_request",
  "schedule",
  "workflow_dispatch",
];

/**
 * The tick of a GitHub event: `pull_request_target` is a pull request's tick (it runs the base's
 * workflow for a pull request); an event Kiln has no rule for (or none) ticks as `local`.
 */
export function tickEventOf(githubEvent: string | undefined): TickEvent {
  if (githubEvent === "pull_request_target") return "pull_request";
  return TICK_EVENTS.find((e) => e === githubEvent) ?? "local";
}
