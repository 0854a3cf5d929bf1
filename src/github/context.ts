// The GitHub Actions context, read from an env map (and the event file it names) into plain data,
// so the engine and tests never touch process.env or @actions/core to learn where they run.
import { readFileSync } from "node:fs";
import { runAttemptOf } from "../domain/run-attempt.js";

export interface PullRequestContext {
  number: number;
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  /** A PR from a fork runs with a read-only token and no secrets. */
  fromFork: boolean;
}

export interface GitHubContext {
  /** `owner/name` */
  repository: string;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: number;
  /** `${serverUrl}/${repository}/actions/runs/${runId}` */
  runUrl: string;
  sha: string;
  ref: string;
  refName: string;
  headRef?: string | undefined;
  baseRef?: string | undefined;
  eventName: string;
  actor?: string | undefined;
  workflow?: string | undefined;
  /** Set for `pull_request` and `pull_request_target` events. */
  pullRequest?: PullRequestContext | undefined;
  /** The cron expression that fired a `schedule` event. */
  schedule?: string | undefined;
  /** The parsed event payload; `{}` when GITHUB_EVENT_PATH is absent or unreadable. */
  event: Record<string, unknown>;
}

export type Env = Record<string, string | undefined>;

export type ContextResult = { ok: true; context: GitHubContext } | { ok: false; message: string };

/** True when the env looks like a GitHub Actions job (GITHUB_ACTIONS=true). */
export function inGitHubActions(env: Env): boolean {
  return env.GITHUB_ACTIONS === "true";
}

export function readGitHubContext(
  env: Env,
  readEvent: (path: string) => string = (p) => readFileSync(p, "utf8"),
): ContextResult {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    return {
      ok: false,
      message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}; expected owner/repo, as GitHub Actions sets it.`,
    };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) {
    return {
      ok: false,
      message: `GITHUB_RUN_ID is ${runId ? `"${runId}"` : "not set"}; expected the numeric run id GitHub Actions sets.`,
    };
  }
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed: unknown = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
      if (parsed && typeof parsed === "object") event = parsed as Record<string, unknown>;
    } catch (error) {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${(error as Error).message}`,
      };
    }
  }
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || "https://github.com");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  return {
    ok: true,
    context: {
      repository,
      owner,
      repo,
      serverUrl,
      apiUrl: trimSlash(env.GITHUB_API_URL || "https://api.github.com"),
      runId,
      runAttempt: runAttemptOf(env) ?? 1,
      runUrl: runUrlOf(serverUrl, repository, runId),
      sha: env.GITHUB_SHA ?? "",
      ref,
      refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ""),
      headRef: env.GITHUB_HEAD_REF || undefined,
      baseRef: env.GITHUB_BASE_REF || undefined,
      eventName,
      actor: env.GITHUB_ACTOR || undefined,
      workflow: env.GITHUB_WORKFLOW || undefined,
      pullRequest: pullRequestOf(event, repository),
      schedule: eventName === "schedule" && typeof event.schedule === "string" ? event.schedule : undefined,
      event,
    },
  };
}

function pullRequestOf(event: Record<string, unknown>, repository: string): PullRequestContext | undefined {
  const pr = event.pull_request as Record<string, unknown> | undefined;
  if (!pr || typeof pr !== "object" || typeof pr.number !== "number") return undefined;
  const head = (pr.head ?? {}) as { sha?: string; ref?: string; repo?: { full_name?: string } | null };
  const base = (pr.base ?? {}) as { sha?: string; ref?: string; repo?: { full_name?: string } };
  const baseRepo = base.repo?.full_name ?? repository;
  // What matters is whose repository the head lives in (a same-repo branch of a repository that
  // is itself a fork is not a fork PR). A deleted fork leaves head.repo null: read-only all the same.
  const fromFork =
    head.repo === null || (head.repo?.full_name !== undefined && head.repo.full_name !== baseRepo);
  return {
    number: pr.number,
    headSha: head.sha ?? "",
    baseSha: base.sha ?? "",
    headRef: head.ref ?? "",
    baseRef: base.ref ?? "",
    fromFork,
  };
}

/**
 * The event payload GITHUB_EVENT_PATH names, parsed; `{}` when there is none or it cannot be read
 * (readGitHubContext says why, where a command needs the context).
 */
export function eventPayload(
  env: Env,
  readEvent: (path: string) => string = (p) => readFileSync(p, "utf8"),
): Record<string, unknown> {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    const parsed: unknown = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The repository's default branch in Actions, from the event payload (`repository.default_branch`);
 * undefined outside Actions or when nothing says.
 *
 * A `schedule` event's payload names only the cron and the workflow, no repository, and
 * actions/checkout sets no origin/HEAD to fall back on. GitHub runs schedules on the default
 * branch only, so the schedule's own ref is that branch (as github/codeql-action reads it);
 * without this a default branch other than main or master would run its schedules as dev.
 */
export function eventDefaultBranch(
  env: Env,
  readEvent: (path: string) => string = (p) => readFileSync(p, "utf8"),
): string | undefined {
  if (!inGitHubActions(env)) return undefined;
  const scheduled =
    env.GITHUB_EVENT_NAME === "schedule" && env.GITHUB_REF?.startsWith("refs/heads/")
      ? env.GITHUB_REF.slice("refs/heads/".length)
      : undefined;
  const repository = eventPayload(env, readEvent).repository as { default_branch?: unknown } | undefined;
  const branch = repository?.default_branch;
  return typeof branch === "string" && branch ? branch : scheduled || undefined;
}

/**
 * The running workflow's file relative to the repository's top level, from GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/kiln.yml@refs/heads/main`); undefined outside Actions or when it
 * names another repository's workflow (a reusable one).
 */
export function workflowFileFromEnv(env: Env): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF;
  const repository = env.GITHUB_REPOSITORY;
  if (!inGitHubActions(env) || !ref || !repository || !ref.startsWith(`${repository}/`)) return undefined;
  const at = ref.lastIndexOf("@");
  const file = ref.slice(repository.length + 1, at < 0 ? undefined : at);
  return file.startsWith(".github/workflows/") && !file.includes("..") ? file : undefined;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** A workflow run's page: the one place its address is written. */
export function runUrlOf(serverUrl: string, repository: string, runId: string | number): string {
  return `${trimSlash(serverUrl)}/${repository}/actions/runs/${runId}`;
}

/** The current run's page from the Actions variables, or undefined outside a run. */
export function runUrlFromEnv(env: Record<string, string | undefined>): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return runUrlOf(env.GITHUB_SERVER_URL || "https://github.com", env.GITHUB_REPOSITORY, env.GITHUB_RUN_ID);
}
