// The `on.schedule` entries of the generated workflow: one per distinct cron expression and time
// zone among the automation conditions, and one for `retry-failed` (a due retry needs a tick, and a
// pipeline without crons would otherwise wait for the next push). Which entry fired does not matter
// at run time: Kiln evaluates every condition against the tick's time and its cursors.
import { type Condition, DEFAULT_PROMOTING_BRANCHES, PROD, type Project } from "../manifest/project.js";

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

/**
 * The tick that carries `retry-failed` retries: hourly, or every 15 minutes when some asset
 * retries sooner than an hour after a failure. Odd minutes, since GitHub drops schedule events at
 * busy times (the top of the hour). A retry is due at most one period late.
 */
export function retrySchedule(project: Project): ScheduleEntry | undefined {
  const waits = [...project.assets.values()].flatMap((a) =>
    a.retryFailedMs === undefined ? [] : [a.retryFailedMs],
  );
  if (waits.length === 0) return undefined;
  return { cron: Math.min(...waits) < 3_600_000 ? "7-59/15 * * * *" : "41 * * * *" };
}

/** The assets whose automation has a cron condition: those the schedule entries are for. */
export function cronAssets(project: Project): string[] {
  return [...project.assets.values()]
    .filter((asset) => {
      const entries = new Map<string, ScheduleEntry>();
      collect(asset.automation, entries);
      return entries.size > 0;
    })
    .map((asset) => asset.name);
}

export function scheduleEntries(project: Project): ScheduleEntry[] {
  const entries = new Map<string, ScheduleEntry>();
  for (const asset of project.assets.values()) collect(asset.automation, entries);
  const retry = retrySchedule(project);
  if (retry) entries.set(`${retry.cron}\0`, retry);
  return [...entries.values()].sort((a, b) =>
    a.cron === b.cron ? (a.timezone ?? "").localeCompare(b.timezone ?? "") : a.cron.localeCompare(b.cron),
  );
}

/**
 * The `workflow_dispatch` input that carries a schedule tick onto prod's branch: the time of the
 * scheduled run's tick (ISO 8601, UTC), which the dispatched run plans at, as a schedule event.
 * Only Kiln sets it; the action reads it from the dispatch's payload (action/tick.ts), so it is
 * pasted into no `with:`, run text or expression of the workflow.
 */
export const SCHEDULED_TICK_INPUT = "scheduled-tick";

/**
 * The branches a scheduled run dispatches its tick onto: GitHub runs every schedule on the default
 * branch, with that branch's workflow file, so prod's other branches (a release-branch flow: main is
 * dev, production is prod) would never see a tick. Each listed branch gets one: each is a line of
 * history with its own cursor, as its pushes are. The retry-failed tick counts, since a due retry
 * on prod's branch needs a tick there too. When the default branch is not known, main and master
 * are taken for it, as the push trigger does (generate.ts promotingBranches).
 */
export function scheduleDispatchBranches(project: Project, defaultBranch: string | undefined): string[] {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length === 0 || scheduleEntries(project).length === 0) return [];
  const scheduled = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return declared.filter((branch) => !scheduled.includes(branch));
}
