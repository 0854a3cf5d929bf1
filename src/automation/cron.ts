// Cron ticks with time zones, through croner: daylight-saving gaps advance to the next valid time
// and repeated hours fire once, as GitHub's own `timezone:` schedules do. (Expressions and zones are
// validated with the manifest, in src/manifest/cron-check.ts.) croner is loaded by loadCron, and
// only by a command that meets a cron condition: a status or plan of a project without one does
// not compile it.
import type { Cron as CronClass } from "croner";

let Cron: typeof CronClass | undefined;

/** Loads croner; call it before previousTick or nextTick (once is enough). */
export async function loadCron(): Promise<void> {
  Cron ??= (await import("croner")).Cron;
}

function cronOf(expression: string, timezone: string): CronClass {
  if (!Cron) throw new Error("bug: a cron tick was asked for before loadCron()");
  return new Cron(expression, { timezone, paused: true });
}

/** The latest tick at or before `at`, or undefined when the expression never fired before it. */
export function previousTick(expression: string, timezone: string, at: Date): Date | undefined {
  const cron = cronOf(expression, timezone);
  // previousRuns is strict (< at); a tick exactly at `at` counts as passed.
  const exact = cron.nextRun(new Date(at.getTime() - 1));
  if (exact && exact.getTime() === at.getTime()) return exact;
  return cron.previousRuns(1, at)[0];
}

/** The first tick strictly after `at`, or undefined when the expression never fires again. */
export function nextTick(expression: string, timezone: string, at: Date): Date | undefined {
  return cronOf(expression, timezone).nextRun(at) ?? undefined;
}
