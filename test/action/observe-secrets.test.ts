// A source's `observe` command runs with the job's environment, and what it prints when it fails
// is kept (the source's failure mark in the ledger cursor) and sent (the failure issue, Slack).
// Every such text goes through the one masker (src/domain/secret-mask.ts), built from the secrets
// Kiln knows in the job: the manifest's declared secrets that are set, the action's github-token,
// the runner's tokens. The plan and report jobs run in-process as the generated workflow calls the
// action, against the GitHub REST stand-in and a Slack webhook stand-in.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { reportAction } from "../../src/action/report.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { commitNewRepository } from "../support/git-script.js";
import { GitHubApiServer } from "../support/github-api.js";
import { type SlackStandIn, slackStandIn } from "../support/slack.js";

const FEED_KEY = "feed-key-7Hq2Zp9Lw4";
const GITHUB_TOKEN_INPUT = "ghs_kilnActionTokenX81b";
const RUNTIME_TOKEN = "eyJhbGciOi.runtime.Tok3n";

const MANIFEST = `version: 1
sources:
  feed:
    observe: "echo \\"GET /feed: 401 for key $(cat creds/feed.key)\\" >&2; echo \\"retry with $(cat creds/gh.token) and $(cat creds/runtime.token)\\" >&2; exit 2"
assets:
  pulled:
    deps: [feed]
    code-version: "1"
    run: "true"
    env:
      FEED_KEY: { secret: FEED_KEY }
alerts:
  slack: { webhook-secret: SLACK_WEBHOOK_URL }
  github-issue: true
`;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

let github: GitHubApiServer;
let slack: SlackStandIn;
beforeAll(async () => {
  github = new GitHubApiServer();
  await github.start();
  slack = await slackStandIn();
});
afterAll(async () => {
  await github.stop();
  await slack.close();
});

describe("a failing observe command that prints a secret", () => {
  it("keeps and sends its output masked: the cursor on disk, the failure issue and the Slack message", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-observe-secret-"));
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
    writeFileSync(path.join(dir, ".gitignore"), ".kiln/\ncreds/\n");
    commitNewRepository(dir, "init");
    // What a `setup` step leaves for the observe command: the credentials it read from secrets.
    mkdirSync(path.join(dir, "creds"));
    writeFileSync(path.join(dir, "creds/feed.key"), FEED_KEY);
    writeFileSync(path.join(dir, "creds/gh.token"), GITHUB_TOKEN_INPUT);
    writeFileSync(path.join(dir, "creds/runtime.token"), RUNTIME_TOKEN);
    const env: NodeJS.ProcessEnv = {
      ...jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: "31" }),
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_API_URL: github.url,
      FEED_KEY,
      "INPUT_GITHUB-TOKEN": GITHUB_TOKEN_INPUT,
      ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
      KILN_SLACK_WEBHOOK: slack.webhook,
    };
    const job = async (given: Record<string, string>) => {
      const recorded = recordingIO(dir, env);
      const read = readInputs((name) => ({ "github-token": GITHUB_TOKEN_INPUT, ...given })[name] ?? "");
      if (!read.ok) throw new Error(read.error);
      return { recorded, inputs: read.inputs };
    };

    const plan = await job({ command: "plan" });
    await planAction(plan.recorded.io, plan.inputs);
    expect(plan.recorded.outputs.get("plan")).toBe(JSON.stringify({ pulled: "skip" }));
    const report = await job({
      command: "report",
      plan: plan.recorded.outputs.get("plan")!,
      "job-results": JSON.stringify({ "kiln-plan": "success", pulled: "skipped" }),
    });
    await reportAction(report.recorded.io, report.inputs);

    const secrets = [FEED_KEY, GITHUB_TOKEN_INPUT, RUNTIME_TOKEN];
    // The source's failure mark, on disk in the ledger's cursor.
    const ledger = allFiles(path.join(dir, ".kiln/ledger")).map((file) => readFileSync(file, "utf8"));
    const cursor = ledger.find((text) => text.includes("401 for key"));
    expect(cursor, "the cursor keeps the observe command's stderr").toBeDefined();
    expect(cursor).toContain("401 for key ***");
    expect(cursor).toContain("retry with *** and ***");
    for (const text of ledger) for (const secret of secrets) expect(text).not.toContain(secret);
    // The failure issue, as the REST stand-in received it.
    const issues = github.issues.filter((i) => i.title === "Kiln: feed is failing");
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain("401 for key ***");
    // The Slack message.
    expect(slack.received).toHaveLength(1);
    const sent = JSON.stringify(slack.received[0]);
    expect(sent).toContain("401 for key ***");
    for (const secret of secrets) {
      expect(issues[0]!.body).not.toContain(secret);
      expect(sent).not.toContain(secret);
    }
    expect(github.violations).toEqual([]);
  }, 240_000);
});
