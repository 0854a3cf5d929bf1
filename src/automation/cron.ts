// Cron ticks with time zones, through croner: daylight-saving gaps advance to the next valid time
// and repeated hours fire once, as GitHub's own `timezone:` schedules do.
import { Cron } from "croner";

export type CronCheck = { ok: true } | { ok: false; error: string };

/** GitHub's cron: five fields, no seconds, no nicknames such as @daily. */
export function checkCron(expression: string, timezone: string): CronCheck {
  const fields = expression.trim().split(/\s+/);
  if (expression.trim().startsWith("@")) {
    return {
      ok: false,
      error: `"${expression}": GitHub schedules take five fields (minute hour day month weekday), not nicknames`,
    };
  }
  if (fields.length !== 5) {
    return {
      ok: false,
      error: `"${expression}" has ${fields.length} fields; GitHub schedules take five (minute hour day month weekday)`,
    };
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    return {
      ok: false,
      error: `unknown time zone "${timezone}": use an IANA name such as Europe/Berlin or America/New_York`,
    };
  }
  try {
    new Cron(expression, { timezone, paused: true });
  } catch (error) {
    return {
      ok: false,
      error: `"${expression}" is not a valid cron expression: ${(error as Error).message.replace(/^CronPattern: /, "")}`,
    };
  }
  return { ok: true };
}

/** The latest tick at or before `at`, or undefined when the expression never fired before it. */
export function previousTick(expression: string, timezone: string, at: Date): Date | undefined {
  const cron = new Cron(expression, { timezone, paused: true });
  // previousRuns is strict (< at); a tick exactly at `at` counts as passed.
  const exact = cron.nextRun(new Date(at.getTime() - 1));
  if (exact && exact.getTime() === at.getTime()) return exact;
  return cron.previousRuns(1, at)[0];
}
