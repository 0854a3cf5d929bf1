// A dispatch carrying a schedule tick (`scheduled-tick`, set by the default branch's scheduled run)
// that the plan job refuses: the run fails once, in the plan job, and its report says so.
import { readFileSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { runAction } from "../../src/action/main.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { chainProject } from "../support/chain-jobs.js";
import { GitHubApiServer } from "../support/github-api.js";

it("a refused scheduled tick fails the plan job, and the report job reports that failure instead of failing too", async () => {
  const { dir } = chainProject("kiln-refused-tick-");
  const github = new GitHubApiServer();
  await github.start();
  try {
    github.runJobs.set(900, [
      { id: 1, name: "kiln-plan", status: "completed", conclusion: "failure", runAttempt: 1 },
    ]);
    const env: NodeJS.ProcessEnv = {
      ...jobEnv(dir, { event: "workflow_dispatch", ref: "refs/heads/main", refName: "main", runId: "900" }),
      GITHUB_API_URL: github.url,
    };
    // A tick from the future: refused, as it would handle cron ticks that have not come yet.
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH!, "utf8"));
    payload.inputs = { "scheduled-tick": "2999-01-01T00:00:00.000Z" };
    writeFileSync(env.GITHUB_EVENT_PATH!, JSON.stringify(payload));

    const plan = recordingIO(dir, env);
    await runAction(plan.io, (name) => ({ command: "plan", "github-token": "ghs_plan" })[name] ?? "");
    expect(plan.failed).toEqual([
      expect.stringMatching(/^input "scheduled-tick" of this dispatch is 2999-01-01/),
    ]);

    const report = recordingIO(dir, env);
    const given: Record<string, string> = {
      command: "report",
      "github-token": "ghs_report",
      plan: "",
      "plan-error": plan.outputs.get("error") ?? "",
      "job-results": JSON.stringify({
        "kiln-plan": "failure",
        data: "skipped",
        features: "skipped",
        model: "skipped",
      }),
    };
    await runAction(report.io, (name) => given[name] ?? "");
    expect(report.failed).toEqual([]);
    expect(report.summary()).toContain("plan job failed: nothing ran");
    expect(report.summary()).toContain("scheduled-tick");
    expect(github.violations).toEqual([]);
  } finally {
    await github.stop();
  }
}, 120_000);
