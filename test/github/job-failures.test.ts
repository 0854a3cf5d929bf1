// Job-level failures read from `needs` results and the run's jobs, and the failure issue's text.
import { describe, expect, it } from "vitest";
import { failureIssueBody } from "../../src/github/alerts.js";
import type { RunJob } from "../../src/github/client.js";
import { alertedInEarlierAttempt, jobFailures, ranInAttempt } from "../../src/github/job-failures.js";

const layered = new Map([
  ["data", { id: "kiln-layer-0", name: "layer 0: data" }],
  ["model", { id: "kiln-layer-1", name: "layer 1: model" }],
  ["eval", { id: "kiln-layer-1", name: "layer 1: eval" }],
]);

describe("job-level failures", () => {
  it("blames only the matrix leg the API lists as failed, with its log", () => {
    const failures = jobFailures({
      silent: ["model", "eval"],
      jobs: layered,
      needs: { "kiln-plan": "success", "kiln-layer-0": "success", "kiln-layer-1": "failure" },
      runJobs: [
        {
          id: 1,
          name: "layer 1: model",
          status: "completed",
          conclusion: "timed_out",
          url: "https://x/job/1",
        },
        // eval's leg succeeded without a record: its data was unchanged (early cutoff).
        { id: 2, name: "layer 1: eval", status: "completed", conclusion: "success", url: "https://x/job/2" },
      ],
      timeoutMinutes: () => 40,
    });
    expect(failures).toEqual([
      {
        asset: "model",
        outcome: "failed",
        job: "layer 1: model",
        logUrl: "https://x/job/1",
        detail:
          "job layer 1: model timed out before Kiln recorded a result: a setup step failed, the job reached its timeout-minutes (40), the runner was lost, or the run was cancelled — see the job's log",
      },
    ]);
  });

  it("falls back to the needs result without the API, and ignores skipped and successful jobs", () => {
    const failures = jobFailures({
      silent: ["data", "model"],
      jobs: new Map([
        ["data", { id: "data", name: "data" }],
        ["model", { id: "model", name: "model" }],
      ]),
      needs: { data: "cancelled", model: "skipped" },
      timeoutMinutes: () => 40,
    });
    expect(failures.map((f) => [f.asset, f.outcome, f.logUrl])).toEqual([["data", "cancelled", undefined]]);
  });

  it("tells an asset's job from Kiln's own job of the same name (an asset named plan, report or pages)", () => {
    // The API lists jobs by display name only, and Kiln names its jobs plan, report and pages: an
    // asset of one of those names shares its job's name with Kiln's. Its job's id is its own, so
    // the needs result is unambiguous.
    const failures = jobFailures({
      silent: ["plan", "report"],
      jobs: new Map([
        ["plan", { id: "plan", name: "plan" }],
        ["report", { id: "report", name: "report" }],
      ]),
      needs: { "kiln-plan": "success", plan: "failure", report: "cancelled" },
      runJobs: [
        { id: 1, name: "plan", status: "completed", conclusion: "success", url: "https://x/job/1" },
        { id: 2, name: "plan", status: "completed", conclusion: "failure", url: "https://x/job/2" },
        // Kiln's report job, still running, listed before the asset's job.
        { id: 3, name: "report", status: "in_progress", conclusion: null, url: "https://x/job/3" },
        { id: 4, name: "report", status: "completed", conclusion: "cancelled", url: "https://x/job/4" },
      ],
      timeoutMinutes: () => 40,
    });
    expect(failures.map((f) => [f.asset, f.outcome, f.logUrl])).toEqual([
      ["plan", "failed", "https://x/job/2"],
      ["report", "cancelled", "https://x/job/4"],
    ]);
  });
});

describe("a job failure in a re-run", () => {
  const failure = { asset: "model", outcome: "failed" as const, job: "model", detail: "job model failed" };
  const job = (attempt: number | undefined, conclusion: string, name = "model"): RunJob => ({
    id: attempt ?? 0,
    name,
    status: "completed",
    conclusion,
    attempt,
  });
  const alerted = (allJobs: RunJob[], wrote: number[] = []) =>
    alertedInEarlierAttempt(failure, { allJobs, attempt: 3, wroteIn: (a) => wrote.includes(a) });

  it("is the same failure when the job's run before ended the same way without a record", () => {
    expect(alerted([job(1, "success"), job(2, "failure"), job(3, "failure")])).toBe(2);
    // A timeout (timed_out) and a failed step are both a failure of the asset.
    expect(alerted([job(2, "timed_out"), job(3, "failure")])).toBe(2);
    // Not re-run in attempt 3: its result is attempt 2's, alerted then.
    expect(alerted([job(1, "failure"), job(2, "failure"), job(3, "success", "other")])).toBe(2);
  });

  it("is news when the run before ended otherwise, Kiln wrote then, or the listing cannot say", () => {
    expect(alerted([job(2, "success"), job(3, "failure")])).toBeUndefined();
    expect(alerted([job(2, "cancelled"), job(3, "failure")])).toBeUndefined();
    expect(alerted([job(3, "failure")])).toBeUndefined();
    // Attempt 2's step ran and wrote a failure: its report alerted that one, not this.
    expect(alerted([job(2, "failure"), job(3, "failure")], [2])).toBeUndefined();
    expect(alerted([job(undefined, "failure"), job(3, "failure")])).toBeUndefined();
    // Two jobs named model in one attempt (an asset named like Kiln's own job): which one is unknown.
    expect(alerted([job(2, "failure"), job(2, "success"), job(3, "failure")])).toBeUndefined();
  });

  it("tells whether the attempt re-ran a job, when the listing can say", () => {
    expect(ranInAttempt("model", [job(1, "failure"), job(2, "failure")], 2)).toBe(true);
    expect(ranInAttempt("model", [job(1, "failure"), job(2, "success", "other")], 2)).toBe(false);
    expect(ranInAttempt("model", [job(undefined, "failure")], 2)).toBeUndefined();
    expect(ranInAttempt("model", [job(2, "failure"), job(2, "success")], 2)).toBeUndefined();
  });
});

describe("the failure issue", () => {
  it("escapes the reason, job and branch, fences the log and links the job's log", () => {
    const body = failureIssueBody(
      {
        asset: "model",
        outcome: "failed",
        reason: "exit 1 <img src=x onerror=alert(1)> @team [x](javascript:alert(1))",
        logTail: ["```", "</details> # heading"],
        job: "layer 1: model",
        logUrl: "https://github.com/acme/churn/actions/runs/9/job/77",
      },
      { runId: "9", runUrl: "https://github.com/acme/churn/actions/runs/9", refName: "feat/<b>`x`" },
    );
    expect(body).toContain(
      "Kiln asset **model** failed in [run 9](https://github.com/acme/churn/actions/runs/9)",
    );
    expect(body).toContain(" on feat/&lt;b&gt;&#96;x&#96;.");
    expect(body).toContain(
      "**Why:** exit 1 &lt;img src=x onerror=alert(1)&gt; &#64;team &#91;x&#93;(javascript:alert(1))",
    );
    expect(body).toContain("**Job:** [layer 1: model](https://github.com/acme/churn/actions/runs/9/job/77)");
    // A fence longer than any backtick run in the log, so the log cannot close it.
    expect(body).toContain("````text\n```\n</details> # heading\n````");
  });
});
