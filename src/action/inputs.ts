// Reads and validates the action's inputs into one typed object (actions/checkout's input-helper).
// The getter is injected so this runs as a plain function in tests.
import { splitConfigInput } from "../manifest/overrides.js";

export const COMMANDS = ["plan", "materialize", "run", "report", "comment", "site", "dispatch"] as const;
export type ActionCommand = (typeof COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** The asset of a `materialize` job. */
  asset?: string | undefined;
  /** Selection for `plan` and `run` (the dispatch input `assets`). */
  selection: string[];
  manifest: string;
  environment?: string | undefined;
  token: string;
  force: boolean;
  /** Overrides the tick's event (tests, replays). */
  event?: string | undefined;
  /** For `comment`: the directory holding the downloaded kiln-report artifact. */
  report?: string | undefined;
  /** The plan job's compact plan, for `report`. */
  plan: Record<string, "run" | "skip">;
  /**
   * For `report`: each job's result (`needs.<job>.result`: success, failure, cancelled, skipped),
   * so a job that failed before Kiln wrote a record (setup, timeout, lost runner) is still reported.
   */
  jobResults: Record<string, JobResult>;
  /** For `report`: why the plan job failed (its `error` output), when it did. */
  planError?: string | undefined;
  /**
   * For `plan`, `materialize` and `run`: run config set for this run (the dispatch form's `config`
   * input), as `ASSET.KEY=VALUE` texts; checked against the manifest once it is loaded.
   */
  config: string[];
}

export const JOB_RESULTS = ["success", "failure", "cancelled", "skipped"] as const;
export type JobResult = (typeof JOB_RESULTS)[number];

/** `{"<job id>": "<result>"}` as the generated report job writes it from `needs.<job>.result`. */
export function parseJobResults(text: string): Record<string, JobResult> | string {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'input "job-results" must be a JSON object of job id → needs.<job>.result';
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return 'input "job-results" must be a JSON object of job id → needs.<job>.result';
  const results: Record<string, JobResult> = {};
  for (const [job, result] of Object.entries(parsed)) {
    // A job GitHub never evaluated gives an empty string; anything else unknown is a wiring bug.
    if (result === "") continue;
    if (!(JOB_RESULTS as readonly unknown[]).includes(result))
      return `input "job-results": job ${job} has result ${JSON.stringify(result)}, not one of ${JOB_RESULTS.join(", ")}`;
    results[job] = result as JobResult;
  }
  return results;
}

export type InputsResult = { ok: true; inputs: ActionInputs } | { ok: false; error: string };

function parseBoolean(name: string, text: string): boolean | string {
  const value = text.trim().toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  return `input "${name}" must be true or false, not "${text}"`;
}

export function readInputs(get: (name: string) => string): InputsResult {
  const command = get("command").trim();
  if (!(COMMANDS as readonly string[]).includes(command)) {
    return { ok: false, error: `input "command" must be one of ${COMMANDS.join(", ")}, not "${command}"` };
  }
  const asset = get("asset").trim() || undefined;
  if (command === "materialize" && !asset)
    return { ok: false, error: 'command "materialize" needs the input "asset"' };
  const force = parseBoolean("force", get("force"));
  if (typeof force === "string") return { ok: false, error: force };
  let plan: Record<string, "run" | "skip"> = {};
  const planText = get("plan").trim();
  if (planText) {
    try {
      plan = JSON.parse(planText);
    } catch {
      return { ok: false, error: 'input "plan" must be the plan job\'s JSON output' };
    }
  }
  const config = splitConfigInput(get("config"));
  if (config.errors.length > 0) return { ok: false, error: `input "config": ${config.errors.join("; ")}` };
  const jobResults = parseJobResults(get("job-results"));
  if (typeof jobResults === "string") return { ok: false, error: jobResults };
  const selection = get("selection")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ok: true,
    inputs: {
      command: command as ActionCommand,
      asset,
      selection,
      manifest: get("manifest").trim() || "kiln.yml",
      environment: get("environment").trim() || undefined,
      token: get("github-token").trim(),
      force,
      event: get("event").trim() || undefined,
      plan,
      jobResults,
      planError: get("plan-error").trim() || undefined,
      config: config.texts,
      report: get("report").trim() || undefined,
    },
  };
}
