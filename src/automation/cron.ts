// Cron ticks with time zones, through croner: daylight-saving gaps advance to the next valid time
// and repeated hours fire once, as GitHub's own `timezone:` schedules do. (Expressions and zones are
// validated with the manifest, in src/manifest/cron-check.ts.)
import { Cron } from "croner";

/** The latest tick at or before `at`, or undefined when the expression never fired before it. */
export function previousTick(expression: string, timezone: string, at: Date): Date | undefined {
  const cron = new Cron(expression, { timezone, paused: true });
  // previousRuns is strict (< at); a tick exactly at `at` counts as passed.
  const exact = cron.nextRun(new Date(at.getTime() - 1));
  if (exact && exact.getTime() === at.getTime()) return exact;
  return cron.previousRuns(1, at)[0];
}

/** The first tick strictly after `at`, or undefined when the expression never fires again. */
export function nextTick(expression: string, timezone: string, at: Date): Date | undefined {
  return new Cron(expression, { timezone, paused: true }).nextRun(at) ?? undefined;
}
