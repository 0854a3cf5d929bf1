// command: comment, as workflows/kiln-comment.yml runs it after a fork's pull-request run.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActionIO } from "../../src/action/io.js";
import { runAction } from "../../src/action/main.js";
import { GitHubApiServer } from "../support/github-api.js";

let server: GitHubApiServer;
let dir: string;

beforeAll(async () => {
  server = new GitHubApiServer({});
  await server.start();
  dir = await mkdtemp(path.join(tmpdir(), "kiln-comment-"));
  await mkdir(path.join(dir, "artifact"));
});
afterAll(async () => server.stop());
afterEach(() => expect(server.violations).toEqual([]));

async function run(event: object, inputs: Record<string, string>) {
  const eventPath = path.join(dir, `event-${Math.random()}.json`);
  await writeFile(eventPath, JSON.stringify(event));
  const log: string[] = [];
  let failed: string | undefined;
  const io: ActionIO = {
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "acme/churn",
      GITHUB_API_URL: server.url,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_RUN_ID: "99",
      GITHUB_SHA: "b".repeat(40),
      GITHUB_REF: "refs/heads/main",
      GITHUB_EVENT_NAME: "workflow_run",
      GITHUB_EVENT_PATH: eventPath,
    },
    cwd: dir,
    info: (m) => log.push(m),
    warning: (m) => log.push(`warning: ${m}`),
    error: (m) => log.push(`error: ${m}`),
    group: (_t, fn) => fn(),
    logGroup: (t, body) => log.push(t, body),
    setOutput: () => {},
    summary: async () => {},
    mask: () => {},
    setFailed: (m) => {
      failed = m;
    },
  };
  await runAction(
    io,
    (name) =>
      ({ command: "comment", "github-token": "base-token", manifest: "kiln.yml", ...inputs })[name] ?? "",
  );
  return { log, failed };
}

const forkRun = (sha: string) => ({
  workflow_run: {
    name: "Kiln",
    event: "pull_request",
    head_sha: sha,
    head_branch: "deeper-trees",
    head_repository: { owner: { login: "forker" } },
  },
});

describe("command: comment", () => {
  it("posts the fork's report on its pull request once, then edits it", async () => {
    server.pulls.push({ number: 12, headOwner: "forker", headRef: "deeper-trees", headSha: "a".repeat(40) });
    await writeFile(path.join(dir, "artifact/comment.md"), "## Kiln report\n\nmodel v2: mae 50.4\n");
    const first = await run(forkRun("a".repeat(40)), { report: "artifact" });
    expect(first.failed).toBeUndefined();
    const mine = server.comments.filter((c) => c.issueNumber === 12);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe("<!-- kiln-report: Kiln/kiln.yml -->\n## Kiln report\n\nmodel v2: mae 50.4\n");

    await writeFile(path.join(dir, "artifact/comment.md"), "## Kiln report\n\nmodel v3: mae 49.9\n");
    await run(forkRun("a".repeat(40)), { report: "artifact" });
    const after = server.comments.filter((c) => c.issueNumber === 12);
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toContain("model v3");
  });

  // workflows/kiln-comment.yml downloads the artifact to `${{ runner.temp }}/kiln-report` and passes
  // that absolute path, outside the workspace.
  it("reads the report from the absolute runner.temp path the comment workflow passes", async () => {
    server.pulls.push({ number: 13, headOwner: "forker", headRef: "wider-trees", headSha: "d".repeat(40) });
    const runnerTemp = await mkdtemp(path.join(tmpdir(), "kiln-runner-temp-"));
    await mkdir(path.join(runnerTemp, "kiln-report"));
    await writeFile(
      path.join(runnerTemp, "kiln-report/comment.md"),
      "## Kiln report\n\nmodel v4: mae 48.1\n",
    );
    const event = { workflow_run: { ...forkRun("d".repeat(40)).workflow_run, head_branch: "wider-trees" } };
    const posted = await run(event, { report: path.join(runnerTemp, "kiln-report") });
    expect(posted.failed).toBeUndefined();
    const mine = server.comments.filter((c) => c.issueNumber === 13);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain("model v4: mae 48.1");
  });

  it("posts nothing for a push, for an older head commit, for an unknown branch, and fails clearly without the artifact", async () => {
    const before = server.comments.length;
    const push = await run({ workflow_run: { name: "Kiln", event: "push" } }, { report: "artifact" });
    expect(push.log.at(-1)).toContain("not a pull request: nothing to post");
    // The pull request has moved on (pushed again since): this run's report is not its head's.
    const stale = await run(forkRun("c".repeat(40)), { report: "artifact" });
    expect(stale.log.at(-1)).toBe(
      "Pull request #12 has moved on to aaaaaaa since this run's commit ccccccc: its comment is left to the run of its head, and this report is in this job's summary only.",
    );
    const gone = await run(
      { workflow_run: { ...forkRun("c".repeat(40)).workflow_run, head_branch: "deleted-branch" } },
      { report: "artifact" },
    );
    expect(gone.log.at(-1)).toBe(
      "no open pull request from forker:deleted-branch at ccccccc: nothing to post",
    );
    expect(server.comments.length).toBe(before);
    const missing = await run(forkRun("a".repeat(40)), { report: "nowhere" });
    expect(missing.failed).toBe(
      "no comment.md in nowhere: was the kiln-report artifact of the pull request's run downloaded there?",
    );
  });
});
