// What the report job alerts, decided in src/github/alerts.ts and sent through the real Octokit
// client to the GitHub stand-in: which failures are new, which issues close, a failing source
// alerted once, and the channels the manifest asks for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_SCHEMA, type FailureRecord } from "../../src/domain/records.js";
import { GitHubClient } from "../../src/github/client.js";
import {
  type AlertChannels,
  alertChannels,
  closeFailureIssues,
  type RunOutcome,
  runAlerts,
  sendFailureAlerts,
  sourceFailureAlerts,
} from "../../src/github/alerts.js";
import { newFailure } from "../ledger/fixtures.js";
import { GitHubApiServer } from "../support/github-api.js";

let server: GitHubApiServer;
beforeAll(async () => {
  server = new GitHubApiServer();
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

function failure(asset: string, extra: Partial<FailureRecord> = {}): FailureRecord {
  return { schema: RECORD_SCHEMA, ...newFailure(asset, "2026-11-23T06:00:00.000Z"), ...extra };
}

const run = { runId: "77", runUrl: "https://github.com/acme/churn/actions/runs/77", refName: "main" };

describe("runAlerts", () => {
  it("alerts new failures and cancelled jobs, skips repeats, and closes issues only on a manifest success", async () => {
    const repeat = failure("repeat");
    const outcomes: Array<[string, RunOutcome]> = [
      ["model", { outcome: "failed", detail: "failed", failure: failure("model") }],
      ["repeat", { outcome: "failed", detail: "failed", failure: repeat }],
      ["gpu", { outcome: "cancelled", detail: "job cancelled", logUrl: "https://log/gpu" }],
      [
        "features",
        {
          outcome: "success",
          detail: "v3",
          record: { version: 3, context: { event: "push", environment: "prod" } },
        },
      ],
      [
        "tuned",
        {
          outcome: "success",
          detail: "v9",
          record: {
            version: 9,
            context: {
              event: "workflow_dispatch",
              environment: "prod",
              experiment: { overrides: ["tuned.lr=1"] },
            },
          },
        },
      ],
      ["fresh", { outcome: "fresh", detail: "fresh" }],
    ];
    const { failures, fixed } = await runAlerts({
      outcomes,
      jobName: (asset) => `build ${asset}`,
      alreadyAlerted: async (f) => f === repeat,
    });
    expect(failures).toEqual([
      {
        asset: "model",
        outcome: "failed",
        reason: "exit code 1",
        logTail: ["Traceback", "ValueError: bad"],
        job: undefined,
        logUrl: undefined,
        experiment: undefined,
      },
      {
        asset: "gpu",
        outcome: "cancelled",
        reason: "job cancelled",
        logTail: [],
        job: "build gpu",
        logUrl: "https://log/gpu",
        experiment: undefined,
      },
    ]);
    expect(fixed).toEqual([{ asset: "features", version: 3 }]);
  });

  // "Re-run all jobs" plans again and keeps the mark of attempt 1, whose report alerted it.
  it("does not alert a source again in a re-run of the run that marked it", () => {
    const marks = {
      raw: { since: "2026-11-23T06:00:00Z", error: "observe exited 2", runId: "77", runAttempt: 1 },
      older: { since: "2026-11-23T06:00:00Z", error: "observe exited 2", runId: "77" },
      now: { since: "2026-11-23T07:00:00Z", error: "observe exited 3", runId: "77", runAttempt: 2 },
    };
    expect(sourceFailureAlerts(marks, { run: "77", attempt: 2 }).map((a) => a.asset)).toEqual(["now"]);
    expect(sourceFailureAlerts(marks, { run: "77", attempt: 1 }).map((a) => a.asset)).toEqual([
      "raw",
      "older",
    ]);
  });

  it("alerts a source whose observe started failing in this run, not one marked by an earlier run", () => {
    const alerts = sourceFailureAlerts(
      {
        raw: {
          since: "2026-11-23T06:00:00Z",
          error: "observe exited 2\n  Traceback\n  OSError: gone",
          runId: "77",
        },
        old: { since: "2026-11-20T06:00:00Z", error: "observe exited 1", runId: "70" },
      },
      { run: "77", attempt: 1 },
    );
    expect(alerts).toEqual([
      {
        asset: "raw",
        outcome: "failed",
        reason: "observe exited 2 — its dependants wait until it can be observed again",
        logTail: ["Traceback", "OSError: gone"],
      },
    ]);
  });
});

describe("alert channels", () => {
  const env = { GITHUB_REPOSITORY: "acme/churn", GITHUB_API_URL: "" };
  /** Issue channels as alertChannels opens them, with a client that does not pace its writes. */
  const unpaced = (labels: string[], project = "churn"): AlertChannels => ({
    issues: {
      client: new GitHubClient({
        token: "rw-token",
        apiUrl: server.url,
        owner: "acme",
        repo: "churn",
        msPerSecond: 1,
        pacing: false,
      }),
      labels,
      project,
    },
    warning: () => {},
  });

  it("opens one issue per failing asset, leaves an experiment's failure to Slack, and closes it when fixed", async () => {
    env.GITHUB_API_URL = server.url;
    const warnings: string[] = [];
    const asked = alertChannels(
      { githubIssue: { labels: ["kiln"] }, slack: { webhookSecret: "SLACK_URL" } },
      { token: "rw-token", env, warning: (m) => warnings.push(m), project: "churn" },
    );
    expect(asked.issues).toMatchObject({ labels: ["kiln"], project: "churn" });
    // The same channels with a client that does not pace its writes (a second per issue here).
    const channels = { ...asked, issues: unpaced(["kiln"]).issues };
    await sendFailureAlerts(
      [
        { asset: "model", outcome: "failed", reason: "exit code 1", logTail: ["boom"] },
        { asset: "tuned", outcome: "failed", reason: "exit code 1", logTail: [], experiment: ["tuned.lr=1"] },
      ],
      run,
      channels,
    );
    const opened = server.issues.filter((i) => i.state === "open");
    expect(opened.map((i) => i.title)).toEqual(["Kiln: model is failing"]);
    expect(opened[0]?.labels).toEqual(["kiln"]);
    expect(opened[0]?.body).toContain("**Why:** exit code 1");
    // No webhook in the job's environment: said once per alert, never a failed report.
    expect(warnings).toEqual([
      "Slack alert for model not sent: the secret SLACK_URL is not available to this job (forks get no secrets)",
      "Slack alert for tuned not sent: the secret SLACK_URL is not available to this job (forks get no secrets)",
    ]);
    await closeFailureIssues([{ asset: "model", version: 4 }], run, channels);
    expect(server.issues.find((i) => i.title === "Kiln: model is failing")?.state).toBe("closed");
  });

  it("keeps each project's issue its own: another manifest's `model` neither comments on nor closes it", async () => {
    env.GITHUB_API_URL = server.url;
    const churn = unpaced(["kiln-projects"], "churn");
    const fraud = unpaced(["kiln-projects"], "fraud");
    const mine = () => server.issues.filter((i) => i.labels.includes("kiln-projects"));
    await sendFailureAlerts(
      [{ asset: "model", outcome: "failed", reason: "exit code 1", logTail: [] }],
      run,
      churn,
    );
    await sendFailureAlerts(
      [{ asset: "model", outcome: "failed", reason: "exit code 2", logTail: [] }],
      run,
      fraud,
    );
    expect(
      mine().map((i) => [i.state, i.body.includes("exit code 1"), i.body.includes("exit code 2")]),
    ).toEqual([
      ["open", true, false],
      ["open", false, true],
    ]);
    await closeFailureIssues([{ asset: "model", version: 7 }], run, fraud);
    expect(mine().map((i) => i.state)).toEqual(["open", "closed"]);
  });

  it("closes an issue opened by an earlier Kiln, whose marker named the asset alone", async () => {
    env.GITHUB_API_URL = server.url;
    const channels = unpaced(["kiln-old"]);
    server.issues.push({
      number: 900,
      title: "Kiln: model is failing",
      body: "<!-- kiln:failure:model -->\nKiln asset **model** failed",
      state: "open",
      labels: ["kiln-old"],
      user: "github-actions[bot]",
    });
    await closeFailureIssues([{ asset: "model", version: 8 }], run, channels);
    expect(server.issues.find((i) => i.number === 900)?.state).toBe("closed");
  });

  it("closes a source's issue once it can be observed again", async () => {
    env.GITHUB_API_URL = server.url;
    const channels = unpaced(["kiln-src"]);
    const listings = () =>
      server.requests.filter((r) => r.method === "GET" && r.path.endsWith("/issues")).length;
    const before = listings();
    await sendFailureAlerts(
      sourceFailureAlerts(
        { raw: { since: "2026-11-23T06:00:00Z", error: "observe exited 2", runId: "77" } },
        { run: "77", attempt: 1 },
      ),
      run,
      channels,
    );
    const issue = () => server.issues.find((i) => i.labels.includes("kiln-src"));
    expect(issue()?.state).toBe("open");
    // The report closes the issues of every source no longer failing: one listing serves them all.
    await closeFailureIssues(
      ["raw", "orders", "events"].map((asset) => ({ asset, observed: true as const })),
      run,
      channels,
    );
    expect(issue()?.state).toBe("closed");
    expect(listings() - before).toBe(1);
    const comments = server.comments.filter((c) => c.issueNumber === issue()?.number);
    expect(comments.at(-1)?.body ?? "").toMatch(/^Fixed: raw can be observed again in \[run 77\]/);
  });

  it("writes issues only from runs of the production line: a pull request or a dev run leaves them to the report and Slack", () => {
    const alerts = { githubIssue: { labels: ["kiln"] }, slack: { webhookSecret: "SLACK_URL" } };
    const job = { token: "t", env, warning: () => {}, project: "churn" };
    expect(alertChannels(alerts, job).issues).toBeDefined();
    for (const blocker of ["pull requests never promote", "only prod promotes; this run is in dev"]) {
      const channels = alertChannels(alerts, { ...job, notProduction: blocker });
      expect(channels.issues).toBeUndefined();
      expect(channels.slack).toBeDefined();
    }
  });

  it("asks for no channel the manifest does not name", () => {
    const channels = alertChannels({}, { token: "t", env, warning: () => {}, project: "churn" });
    expect(channels.slack).toBeUndefined();
    expect(channels.issues).toBeUndefined();
  });
});
