// The action's IO as a GitHub job gives it, for tests that call an action command in-process: the
// variables GitHub sets for an event (with an event payload naming main, or the branch given, as the default branch),
// and every log line, output, summary and failure recorded for the assertions.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ActionIO } from "../../src/action/io.js";
import { workflowCommand } from "../../src/report/escape.js";
import { gitIn } from "./kiln-in-process.js";

export interface GitHubEvent {
  event: string;
  ref: string;
  refName: string;
  headRef?: string;
  baseRef?: string;
  runId?: string;
  /** The payload's `repository.default_branch` (main when not given; a schedule's payload has none). */
  defaultBranch?: string;
}

export interface RecordedIO {
  io: ActionIO;
  logs: string[];
  outputs: Map<string, string>;
  failed: string[];
  summary(): string;
}

/** The job's environment: this process's, without its GitHub variables, plus the event's. */
export function jobEnv(dir: string, github: GitHubEvent): NodeJS.ProcessEnv {
  const eventPath = path.join(dir, "..", `${path.basename(dir)}-event.json`);
  // GitHub's schedule payload names the cron and the workflow, no repository: no default branch.
  const payload =
    github.event === "schedule"
      ? { schedule: "17 3 * * 1", workflow: ".github/workflows/kiln.yml" }
      : { repository: { default_branch: github.defaultBranch ?? "main", full_name: "o/r" } };
  writeFileSync(eventPath, JSON.stringify(payload));
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true" };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  return {
    ...env,
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: "o/r",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: github.runId ?? "7",
    GITHUB_EVENT_NAME: github.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: github.refName,
    GITHUB_HEAD_REF: github.headRef ?? "",
    GITHUB_BASE_REF: github.baseRef ?? "",
    GITHUB_SHA: gitIn(dir, "rev-parse", "HEAD"),
    GITHUB_ACTOR: "octocat",
    KILN_LEDGER: "local",
  };
}

export function recordingIO(dir: string, env: NodeJS.ProcessEnv): RecordedIO {
  const logs: string[] = [];
  const outputs = new Map<string, string>();
  const failed: string[] = [];
  let summary = "";
  const io: ActionIO = {
    cwd: dir,
    env,
    info: (m) => logs.push(m),
    warning: (m) => logs.push(m),
    error: (m) => logs.push(m),
    group: (_title, fn) => fn(),
    logGroup: (title, body) =>
      logs.push(workflowCommand("group", title), body, workflowCommand("endgroup", "")),
    setOutput: (name, value) => outputs.set(name, value),
    summary: async (text) => {
      summary += text;
    },
    mask: () => {},
    setFailed: (m) => failed.push(m),
  };
  return { io, logs, outputs, failed, summary: () => summary };
}
