// Reads and validates the action's inputs into one typed object (actions/checkout's input-helper).
// The getter is injected so this runs as a plain function in tests.

export const COMMANDS = ["plan", "materialize", "run", "report", "comment"] as const;
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
  /** The plan job's requests (asset → why), for `materialize`: they run even when fresh. */
  requests: Record<string, string>;
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
  let requests: Record<string, string> = {};
  const requestsText = get("requests").trim();
  if (requestsText) {
    try {
      requests = JSON.parse(requestsText);
    } catch {
      return { ok: false, error: 'input "requests" must be the plan job\'s `requests` JSON output' };
    }
  }
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
      requests,
      report: get("report").trim() || undefined,
    },
  };
}
