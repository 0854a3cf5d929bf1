import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  DEFAULT_PROMOTING_BRANCHES,
  PROD
} from "./chunk-OAUXH6FU.js";

// src/workflow/schedules.ts
function collect(condition, into) {
  switch (condition.kind) {
    case "on_cron":
    case "cron": {
      const timezone = condition.tz === "UTC" || condition.tz === "Etc/UTC" ? void 0 : condition.tz;
      into.set(
        `${condition.cron}\0${timezone ?? ""}`,
        timezone ? { cron: condition.cron, timezone } : { cron: condition.cron }
      );
      return;
    }
    case "all":
    case "any":
      for (const inner of condition.of) collect(inner, into);
      return;
    case "not":
      collect(condition.of, into);
      return;
    default:
      return;
  }
}
function retrySchedule(project) {
  const waits = [...project.assets.values()].flatMap(
    (a) => a.retryFailedMs === void 0 ? [] : [a.retryFailedMs]
  );
  if (waits.length === 0) return void 0;
  return { cron: Math.min(...waits) < 36e5 ? "7-59/15 * * * *" : "41 * * * *" };
}
function scheduleEntries(project) {
  const entries = /* @__PURE__ */ new Map();
  for (const asset of project.assets.values()) collect(asset.automation, entries);
  const retry = retrySchedule(project);
  if (retry) entries.set(`${retry.cron}\0`, retry);
  return [...entries.values()].sort(
    (a, b) => a.cron === b.cron ? (a.timezone ?? "").localeCompare(b.timezone ?? "") : a.cron.localeCompare(b.cron)
  );
}
var SCHEDULED_TICK_INPUT = "scheduled-tick";
function scheduleDispatchBranches(project, defaultBranch) {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length === 0 || scheduleEntries(project).length === 0) return [];
  const scheduled = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return declared.filter((branch) => !scheduled.includes(branch));
}

export {
  scheduleEntries,
  SCHEDULED_TICK_INPUT,
  scheduleDispatchBranches
};
