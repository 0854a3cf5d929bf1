import { describe, expect, it } from "vitest";
import { eventDefaultBranch, readGitHubContext } from "../../src/github/context.js";

const base = {
  GITHUB_REPOSITORY: "acme/churn",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_API_URL: "https://api.github.com",
  GITHUB_RUN_ID: "123456",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_SHA: "a".repeat(40),
  GITHUB_EVENT_PATH: "/event.json",
};

function prEvent(headRepo: string | null) {
  return JSON.stringify({
    number: 42,
    pull_request: {
      number: 42,
      head: { sha: "h".repeat(40), ref: "tune", repo: headRepo === null ? null : { full_name: headRepo } },
      base: { sha: "b".repeat(40), ref: "main", repo: { full_name: "acme/churn" } },
    },
  });
}

describe("readGitHubContext", () => {
  it("reads a same-repository pull request", () => {
    const result = readGitHubContext(
      {
        ...base,
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_REF: "refs/pull/42/merge",
        GITHUB_REF_NAME: "42/merge",
        GITHUB_HEAD_REF: "tune",
        GITHUB_BASE_REF: "main",
      },
      () => prEvent("acme/churn"),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.context).toMatchObject({
      owner: "acme",
      repo: "churn",
      runUrl: "https://github.com/acme/churn/actions/runs/123456",
      runAttempt: 2,
      eventName: "pull_request",
      headRef: "tune",
      baseRef: "main",
      pullRequest: {
        number: 42,
        headSha: "h".repeat(40),
        baseSha: "b".repeat(40),
        headRef: "tune",
        baseRef: "main",
        fromFork: false,
      },
    });
  });

  it("marks fork pull requests, including a deleted fork", () => {
    const env = { ...base, GITHUB_EVENT_NAME: "pull_request" };
    const fork = readGitHubContext(env, () => prEvent("mallory/churn"));
    const gone = readGitHubContext(env, () => prEvent(null));
    expect(fork.ok && fork.context.pullRequest?.fromFork).toBe(true);
    expect(gone.ok && gone.context.pullRequest?.fromFork).toBe(true);
  });

  it("reads a schedule and a push, and derives the ref name", () => {
    const cron = readGitHubContext(
      { ...base, GITHUB_EVENT_NAME: "schedule", GITHUB_REF: "refs/heads/main" },
      () => JSON.stringify({ schedule: "17 3 * * 1" }),
    );
    expect(cron.ok && cron.context).toMatchObject({ schedule: "17 3 * * 1", refName: "main" });
    expect(cron.ok && cron.context.pullRequest).toBeUndefined();
    const push = readGitHubContext({
      ...base,
      GITHUB_EVENT_NAME: "push",
      GITHUB_EVENT_PATH: undefined,
      GITHUB_SERVER_URL: "https://ghe.example.com/",
    });
    expect(push.ok && push.context.runUrl).toBe("https://ghe.example.com/acme/churn/actions/runs/123456");
  });

  it("explains what is missing outside Actions", () => {
    expect(readGitHubContext({})).toEqual({
      ok: false,
      message: "GITHUB_REPOSITORY is not set; expected owner/repo, as GitHub Actions sets it.",
    });
    expect(readGitHubContext({ GITHUB_REPOSITORY: "acme/churn", GITHUB_RUN_ID: "x" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("GITHUB_RUN_ID"),
    });
    const broken = readGitHubContext({ ...base }, () => "{not json");
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining("/event.json") });
  });
});

describe("eventDefaultBranch", () => {
  const actions = { ...base, GITHUB_ACTIONS: "true" };
  it("reads the payload's repository.default_branch", () => {
    const env = { ...actions, GITHUB_EVENT_NAME: "push", GITHUB_REF: "refs/heads/feature" };
    expect(eventDefaultBranch(env, () => JSON.stringify({ repository: { default_branch: "trunk" } }))).toBe(
      "trunk",
    );
  });

  it("takes a schedule's own branch, since GitHub's schedule payload names no repository", () => {
    const env = { ...actions, GITHUB_EVENT_NAME: "schedule", GITHUB_REF: "refs/heads/trunk" };
    const payload = JSON.stringify({ schedule: "17 3 * * 1", workflow: ".github/workflows/kiln.yml" });
    expect(eventDefaultBranch(env, () => payload)).toBe("trunk");
  });

  it("knows nothing for another event whose payload names no default branch, or outside Actions", () => {
    const push = { ...actions, GITHUB_EVENT_NAME: "push", GITHUB_REF: "refs/heads/trunk" };
    expect(eventDefaultBranch(push, () => "{}")).toBeUndefined();
    const local = { GITHUB_EVENT_NAME: "schedule", GITHUB_REF: "refs/heads/trunk" };
    expect(eventDefaultBranch(local, () => "{}")).toBeUndefined();
  });
});
