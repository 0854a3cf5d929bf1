import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/github/context.ts
import { readFileSync } from "node:fs";
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function readGitHubContext(env, readEvent = (p) => readFileSync(p, "utf8")) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    return {
      ok: false,
      message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}; expected owner/repo, as GitHub Actions sets it.`
    };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) {
    return {
      ok: false,
      message: `GITHUB_RUN_ID is ${runId ? `"${runId}"` : "not set"}; expected the numeric run id GitHub Actions sets.`
    };
  }
  let event = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
      if (parsed && typeof parsed === "object") event = parsed;
    } catch (error) {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${error.message}`
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
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT || 1),
      runUrl: runUrlOf(serverUrl, repository, runId),
      sha: env.GITHUB_SHA ?? "",
      ref,
      refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ""),
      headRef: env.GITHUB_HEAD_REF || void 0,
      baseRef: env.GITHUB_BASE_REF || void 0,
      eventName,
      actor: env.GITHUB_ACTOR || void 0,
      workflow: env.GITHUB_WORKFLOW || void 0,
      pullRequest: pullRequestOf(event, repository),
      schedule: eventName === "schedule" && typeof event.schedule === "string" ? event.schedule : void 0,
      event
    }
  };
}
function pullRequestOf(event, repository) {
  const pr = event.pull_request;
  if (!pr || typeof pr !== "object" || typeof pr.number !== "number") return void 0;
  const head = pr.head ?? {};
  const base = pr.base ?? {};
  const baseRepo = base.repo?.full_name ?? repository;
  const fromFork = head.repo === null || head.repo?.full_name !== void 0 && head.repo.full_name !== baseRepo;
  return {
    number: pr.number,
    headSha: head.sha ?? "",
    baseSha: base.sha ?? "",
    headRef: head.ref ?? "",
    baseRef: base.ref ?? "",
    fromFork
  };
}
function eventDefaultBranch(env, readEvent = (p) => readFileSync(p, "utf8")) {
  if (!inGitHubActions(env) || !env.GITHUB_EVENT_PATH) return void 0;
  try {
    const event = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    const branch = event?.repository?.default_branch;
    return typeof branch === "string" && branch ? branch : void 0;
  } catch {
    return void 0;
  }
}
function trimSlash(url) {
  return url.replace(/\/+$/, "");
}
function runUrlOf(serverUrl, repository, runId) {
  return `${trimSlash(serverUrl)}/${repository}/actions/runs/${runId}`;
}
function runUrlFromEnv(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return runUrlOf(env.GITHUB_SERVER_URL || "https://github.com", env.GITHUB_REPOSITORY, env.GITHUB_RUN_ID);
}

export {
  readGitHubContext,
  eventDefaultBranch,
  runUrlFromEnv
};
