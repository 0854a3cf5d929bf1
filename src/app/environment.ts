// The environment rules, stated once (docs/concepts.md "Environments and promotion" is the table
// this module implements; test/app/environment-rules.test.ts has one case per row):
//
// - A branch selects the environment that lists it under `environments.*.branches`; the
//   repository's default branch is `prod` when no environment lists it and prod lists no branches
//   of its own; every other branch, a detached HEAD and a folder outside git are `dev`.
// - A pull request plans and trains in the environment of its base branch (a PR into main trains
//   main's prod config with the PR's changes), and never promotes.
// - `--env` (KILN_ENV, the action's `environment` input) overrides the choice.
// - Only prod promotes: only on a prod branch, never on a pull request, never when `--env` moved
//   the run to another environment than its branch's, never outside git.
//
// The CLI and the action both open their workspace through `openWorkspace`, which asks this module
// once; materialization reads the answer (`promotionBlocker`) and never decides again.
import type { TickEvent } from "../automation/tick.js";
import { PROD, type Project, type PromoteSpec, prodBranches } from "../manifest/project.js";
import { closest } from "../manifest/suggest.js";

export { PROD, prodBranches };
/** Where local work and unclaimed branches run. */
export const DEV = "dev";

export interface EnvironmentFacts {
  event: TickEvent;
  /** Whether the project lives in a git checkout. */
  inGit: boolean;
  /** The branch checked out (a pull request's head branch); undefined on a detached HEAD. */
  branch?: string | undefined;
  /** A pull request's base branch (GITHUB_BASE_REF, or `kiln run --base`). */
  base?: string | undefined;
  /** The repository's default branch when known (the event payload, origin/HEAD). */
  defaultBranch?: string | undefined;
  /** `--env`, KILN_ENV or the action's `environment` input. */
  override?: string | undefined;
}

export interface EnvironmentDecision {
  /** The environment the run plans and trains in; its config and env values apply. */
  name: string;
  /** In words, for the run's header and reports: `branch main`, `base branch main of the pull request`. */
  why: string;
  /** The branch whose rules applied: the checked-out branch, or a pull request's base. */
  branch?: string | undefined;
  /** The environment that branch selects by the manifest alone, `--env` aside. */
  branchEnvironment: string;
  /** Why nothing promotes in this run; undefined when prod may promote on this branch. */
  promotionBlocker?: string | undefined;
}

export type EnvironmentResult =
  | { ok: true; decision: EnvironmentDecision }
  | { ok: false; error: string; hint?: string | undefined };

export function isPullRequest(event: string): boolean {
  return event === "pull_request";
}

/** The environment a branch selects, by the manifest alone (no override, no event). */
export function environmentOfBranch(
  project: Project,
  branch: string | undefined,
  defaultBranch?: string,
): string {
  if (branch === undefined) return DEV;
  for (const environment of project.environments.values())
    if (environment.branches.includes(branch)) return environment.name;
  return prodBranches(project, defaultBranch).includes(branch) ? PROD : DEV;
}

export function decideEnvironment(project: Project, facts: EnvironmentFacts): EnvironmentResult {
  const override = facts.override || undefined;
  // prod and dev exist without being declared: the default branch selects one, the rest the other.
  const names = [...new Set([...project.environments.keys(), DEV, PROD])];
  if (override && !names.includes(override)) {
    const suggestion = closest(override, names);
    return {
      ok: false,
      error: `unknown environment "${override}"; the manifest defines ${names.join(", ")}`,
      hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
    };
  }
  const pullRequest = isPullRequest(facts.event);
  // A pull request is judged by where it goes; without a known base, by the default branch, the
  // base of nearly every pull request.
  const ruleBranch = pullRequest
    ? (facts.base ?? facts.defaultBranch ?? prodBranches(project)[0] ?? facts.branch)
    : facts.branch;
  const byRule = facts.inGit ? environmentOfBranch(project, ruleBranch, facts.defaultBranch) : DEV;
  const ruleWhy = !facts.inGit
    ? "not a git repository"
    : ruleBranch === undefined
      ? "detached HEAD"
      : pullRequest
        ? `base branch ${ruleBranch} of the pull request`
        : `branch ${ruleBranch}`;
  const name = override ?? byRule;
  const why = override
    ? override === byRule
      ? `--env ${override}, as ${ruleWhy} selects`
      : `--env ${override}`
    : ruleWhy;

  let promotionBlocker: string | undefined;
  if (name !== PROD) promotionBlocker = `only prod promotes; this run is in ${name}`;
  else if (!facts.inGit)
    promotionBlocker = "only a git checkout promotes; this folder is not a git repository";
  else if (pullRequest) promotionBlocker = "pull requests never promote";
  else if (byRule !== PROD)
    promotionBlocker = `--env prod does not promote on ${ruleBranch === undefined ? "a detached HEAD" : `branch ${ruleBranch}`}, which selects ${byRule}`;
  return {
    ok: true,
    decision: { name, why, branch: ruleBranch, branchEnvironment: byRule, promotionBlocker },
  };
}

/**
 * Why one asset does not promote in this run, or undefined when it may (when its metric beats the
 * holder). An asset's `promote.branches` narrows prod's branches; it never widens them.
 */
export function assetPromotionBlocker(decision: EnvironmentDecision, spec: PromoteSpec): string | undefined {
  if (decision.promotionBlocker) return decision.promotionBlocker;
  if (spec.branches && decision.branch !== undefined && !spec.branches.includes(decision.branch))
    return `branch ${decision.branch} is not among the asset's promote.branches (${spec.branches.join(", ")})`;
  return undefined;
}
