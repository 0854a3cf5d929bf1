import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/automation/tick.ts
function tickClock(tick) {
  const start = performance.now();
  return () => new Date(tick.now.getTime() + Math.round(performance.now() - start));
}
function minuteTime(date) {
  return `${date.toISOString().slice(0, 16)}Z`;
}
var TICK_EVENTS = [
  "local",
  "push",
  "pull_request",
  "schedule",
  "workflow_dispatch"
];
function tickEventOf(githubEvent) {
  if (githubEvent === "pull_request_target") return "pull_request";
  return TICK_EVENTS.find((e) => e === githubEvent) ?? "local";
}

export {
  tickClock,
  minuteTime,
  TICK_EVENTS,
  tickEventOf
};
