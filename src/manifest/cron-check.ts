// Checks a cron expression the way GitHub's `on.schedule` reads it, so that an expression Kiln
// accepts is one GitHub runs: five fields, no seconds, no nicknames, no Quartz extensions (L W # ?)
// that croner would accept and GitHub would not.
import { Cron } from "croner";
import type { Result } from "../domain/result.js";

export function checkCronExpression(expression: string): Result<void, { message: string; hint?: string }> {
  const trimmed = expression.trim();
  if (trimmed.startsWith("@")) {
    return {
      ok: false,
      error: {
        message: `cron nickname "${trimmed}" is not supported by GitHub schedules`,
        hint: 'write five fields (minute hour day month weekday), e.g. "0 3 * * *" for @daily',
      },
    };
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    return {
      ok: false,
      error: {
        message: `cron expression "${trimmed}" has ${fields.length} field${fields.length === 1 ? "" : "s"}; GitHub schedules take five (minute hour day month weekday)`,
        hint: fields.length > 5 ? "GitHub has no seconds or year field" : undefined,
      },
    };
  }
  const extension =
    /[^0-9A-Za-z*,/-]/.exec(trimmed.replace(/\s+/g, ""))?.[0] ?? /\b(L|W|LW)\b|\d+[LW]\b/.exec(trimmed)?.[0];
  if (extension !== undefined) {
    return {
      ok: false,
      error: {
        message: `cron expression "${trimmed}" uses "${extension}", which GitHub schedules do not support`,
        hint: "use only numbers, names and the operators * , - /",
      },
    };
  }
  try {
    new Cron(trimmed, { paused: true, timezone: "UTC" });
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern: /, "");
    return { ok: false, error: { message: `invalid cron expression "${trimmed}": ${reason}` } };
  }
  return { ok: true, value: undefined };
}

/** An IANA time zone name the runtime (and so GitHub's scheduler) knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
