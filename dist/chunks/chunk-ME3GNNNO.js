import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  j
} from "./chunk-4HTCWRU5.js";

// src/automation/cron.ts
function previousTick(expression, timezone, at) {
  const cron = new j(expression, { timezone, paused: true });
  const exact = cron.nextRun(new Date(at.getTime() - 1));
  if (exact && exact.getTime() === at.getTime()) return exact;
  return cron.previousRuns(1, at)[0];
}
function nextTick(expression, timezone, at) {
  return new j(expression, { timezone, paused: true }).nextRun(at) ?? void 0;
}

export {
  previousTick,
  nextTick
};
