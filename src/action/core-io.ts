// The runner's facilities bound to ActionIO through @actions/core: what the action's entry
// (src/action.ts) gives its command, and what tests that run a job's step in their own process use
// (test/action/in-process-job.ts). Nothing else in Kiln imports @actions/core.
import { appendFile } from "node:fs/promises";
import * as core from "@actions/core";
import type { ActionIO } from "./io.js";
import { actionsLogText } from "../report/escape.js";

/** The job's IO: its environment and workspace as the process has them when this is called. */
export function coreIO(): ActionIO {
  return {
    env: process.env,
    cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    info: (message) => core.info(message),
    warning: (message, annotation) => core.warning(message, annotation ?? {}),
    error: (message, annotation) => core.error(message, annotation ?? {}),
    group: (title, fn) => core.group(title, fn),
    logGroup: (title, body) => {
      core.startGroup(title);
      core.info(body.replace(/\n$/, ""));
      core.endGroup();
    },
    setOutput: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      // Appended directly rather than through core.summary's buffer, so several parts of one job
      // (plan, materialize, report) add to the same page in order.
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (file) await appendFile(file, `${markdown}\n`);
      else core.info(actionsLogText(markdown));
    },
    mask: (value) => core.setSecret(value),
    setFailed: (message) => core.setFailed(message),
  };
}

/** The action's input `name`, as the runner passes it (INPUT_<NAME>). */
export const actionInput = (name: string): string => core.getInput(name);
