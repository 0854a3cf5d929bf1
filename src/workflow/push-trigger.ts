// Whether a workflow file's `push` trigger starts a run for a branch, read from the file as GitHub
// reads it: for the plan job's check that the repository's default branch, when it selects prod,
// is among the branches whose pushes run Kiln (a workflow generated where the default branch was
// not known triggers on main and master).
import { parse } from "yaml";
import { filterPatternLiteral } from "./generate.js";

/** Characters that make a filter entry a pattern (unescaped): then only GitHub's matcher can tell. */
const PATTERN = /(^|[^\\])[*?[\]+]|^!/;

export interface PushTrigger {
  /**
   * True when a push to the branch runs the workflow, false when it surely does not, undefined
   * when this cannot tell cheaply (a file that does not parse, `branches-ignore`, a glob pattern).
   */
  runs: boolean | undefined;
  /** `on.push.branches` as written, for messages; empty when it names none. */
  branches: string[];
}

export function pushTrigger(workflowText: string, branch: string): PushTrigger {
  let doc: unknown;
  try {
    doc = parse(workflowText);
  } catch {
    return { runs: undefined, branches: [] };
  }
  const on = (doc as { on?: unknown } | null)?.on;
  const push =
    typeof on === "object" && on !== null && !Array.isArray(on) ? (on as { push?: unknown }).push : undefined;
  const listed = (push as { branches?: unknown } | null | undefined)?.branches;
  const branches = Array.isArray(listed) ? listed.filter((b): b is string => typeof b === "string") : [];
  return { runs: runsOn(on, branch), branches };
}

function runsOn(on: unknown, branch: string): boolean | undefined {
  if (typeof on === "string") return on === "push";
  if (Array.isArray(on)) return on.includes("push");
  if (typeof on !== "object" || on === null) return undefined;
  if (!("push" in on)) return false;
  const push = (on as { push?: unknown }).push;
  if (push === null || push === undefined) return true;
  if (typeof push !== "object") return undefined;
  const filters = push as Record<string, unknown>;
  if ("branches-ignore" in filters) return undefined;
  // Only tag filters: branch pushes do not run it.
  if (!("branches" in filters)) return !("tags" in filters || "tags-ignore" in filters);
  const branches = filters.branches;
  if (!Array.isArray(branches) || !branches.every((b) => typeof b === "string")) return undefined;
  if (branches.some((b) => b === filterPatternLiteral(branch))) return true;
  return branches.some((b) => PATTERN.test(b)) ? undefined : false;
}
