// `-j, --jobs <n>`: how many things a command does at once (`kiln run`'s steps, `kiln site`'s threads).
import { UserError } from "./errors.js";

/** The option's number; `fallback` when it is not given. */
export function parseJobs<T>(text: string | undefined, fallback: T): number | T {
  if (text === undefined) return fallback;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UserError(`--jobs must be a whole number of 1 or more, not "${text}"`);
  return jobs;
}
