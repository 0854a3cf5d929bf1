// The GitHub Action entry (dist/index.js). The only module that imports @actions/core: it reads
// the inputs, binds the runner's facilities to ActionIO, runs one command, and turns failures into
// setFailed. Everything else is plain functions, testable without a runner.
import { appendFile } from "node:fs/promises";
import * as core from "@actions/core";
import type { ActionIO } from "./action/io.js";
import { runAction } from "./action/main.js";
import { actionsLogText } from "./report/escape.js";

const io: ActionIO = {
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

await runAction(io, (name) => core.getInput(name));
