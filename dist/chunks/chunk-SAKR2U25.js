import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-DQNGLDMZ.js";

// src/cli/jobs.ts
function parseJobs(text, fallback) {
  if (text === void 0) return fallback;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UserError(`--jobs must be a whole number of 1 or more, not "${text}"`);
  return jobs;
}

export {
  parseJobs
};
