// The `on.schedule` entries of the generated workflow: one per distinct cron expression and time
// zone among the automation conditions. Which entry fired does not matter at run time: Kiln
// evaluates every cron condition against the tick's time and its cursors.
import type { Condition, Project } from "../manifest/project.js";

export interface ScheduleEntry {
  cron: string;
  /** IANA time zone; omitted for UTC, GitHub's default. */
  timezone?: string | undefined;
}

function collect(condition: Condition, into: Map<string, ScheduleEntry>): void {
  switch (condition.kind) {
    case "on_cron":
    case "cron": {
      const timezone = condition.tz === "UTC" || condition.tz === "Etc/UTC" ? undefined : condition.tz;
      into.set(
        `${condition.cron}\0${timezone ?? ""}`,
        timezone ? { cron: condition.cron, timezone } : { cron: condition.cron },
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

export function scheduleEntries(project: Project): ScheduleEntry[] {
  const entries = new Map<string, ScheduleEntry>();
  for (const asset of project.assets.values()) collect(asset.automation, entries);
  return [...entries.values()].sort((a, b) =>
    a.cron === b.cron ? (a.timezone ?? "").localeCompare(b.timezone ?? "") : a.cron.localeCompare(b.cron),
  );
}
