// The report job reads what the run did back from the ledger. Whether a version was promoted is
// the alias log's word, not a guess from the record's verdict and the latest version.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ActionInputs } from "../../src/action/inputs.js";
import { factsFromLedger } from "../../src/action/report.js";
import { buildRunReport } from "../../src/app/run-report.js";
import { renderReport } from "../../src/report/index.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { loadManifest } from "../../src/manifest/load.js";
import { newFailure, newMaterialization, tempDir } from "../ledger/fixtures.js";

const MANIFEST =
  'version: 1\nassets:\n  model:\n    run: "true"\n    outputs: [build/model.json]\n    metrics: { primary: mae, direction: minimize }\n    promote: { alias: champion }\n';

const inputs: ActionInputs = {
  command: "report",
  selection: [],
  manifest: "kiln.yml",
  token: "",
  force: false,
  plan: { model: "run" },
  jobResults: { model: "success" },
  config: [],
};

async function workspace(manifest = MANIFEST) {
  const dir = tempDir("kiln-report-facts-");
  mkdirSync(path.join(dir, "build"));
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  const loaded = loadManifest(path.join(dir, "kiln.yml"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const opened = await openWorkspace({ project: loaded.value.project, ledger: "local", env: {} });
  if (!opened.ok) throw new Error(opened.error);
  return opened.workspace;
}

const decided = { alias: "champion", promote: true, reason: "mae 50 beats champion v1 (60) by 10" };

describe("the report job's facts", () => {
  it("say a version was not promoted when its run decided to but the alias log has no move", async () => {
    const ws = await workspace();
    const v1 = await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        metrics: { mae: 60 },
        context: { event: "push", environment: "prod", runId: "1" },
      }),
    );
    await ws.ledger.moveAlias({
      alias: "champion",
      asset: "model",
      from: null,
      to: v1.version,
      by: "run 1",
      reason: "first",
      kind: "promotion",
    });
    // Run 2 decided to promote v2, then was killed before the move: the latest version, unmoved.
    await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        metrics: { mae: 50 },
        promotion: { ...decided, against: 1 },
        context: { event: "push", environment: "prod", runId: "2" },
      }),
    );
    const facts = await factsFromLedger(ws, inputs, "2", {});
    const promotion = facts.outcomes.get("model")?.promotion;
    expect(promotion).toMatchObject({ moved: false, from: 1, to: 1, verdict: { promote: false } });
    expect(promotion?.verdict.reason).toMatch(/alias log has no move of champion/);
  });

  it("say promoted, with the reason the move recorded, when the alias log moved it", async () => {
    const ws = await workspace();
    const v1 = await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        metrics: { mae: 50 },
        promotion: { ...decided, reason: "first version to qualify: becomes champion" },
        context: { event: "push", environment: "prod", runId: "7" },
      }),
    );
    await ws.ledger.moveAlias({
      alias: "champion",
      asset: "model",
      from: null,
      to: v1.version,
      by: "run 7",
      reason: "first version to qualify: becomes champion",
      kind: "promotion",
    });
    const facts = await factsFromLedger(ws, inputs, "7", {});
    expect(facts.outcomes.get("model")?.promotion).toMatchObject({
      moved: true,
      from: null,
      to: v1.version,
      verdict: { promote: true, reason: "first version to qualify: becomes champion" },
    });
  });

  it("say promoted, and from which version, in a re-run's report after a later run moved the alias on", async () => {
    const ws = await workspace();
    let holder: number | null = null;
    for (const [run, mae] of [
      ["1", 60],
      ["2", 50],
      ["3", 40],
    ] as const) {
      const reason = holder === null ? "first version to qualify" : `mae ${mae} beats champion v${holder}`;
      const v = await ws.ledger.recordMaterialization(
        newMaterialization("model", {
          metrics: { mae },
          promotion: { alias: "champion", promote: true, reason, against: holder ?? undefined },
          context: { event: "push", environment: "prod", runId: run },
        }),
      );
      await ws.ledger.moveAlias({
        alias: "champion",
        asset: "model",
        from: holder,
        to: v.version,
        by: `run ${run}`,
        reason,
        kind: "promotion",
      });
      holder = v.version;
    }
    // "Re-run all jobs" on run 2 re-runs its report job after run 3 promoted v3.
    const facts = await factsFromLedger(ws, inputs, "2", { GITHUB_RUN_ATTEMPT: "2" });
    const text = renderReport(await buildRunReport(ws, facts), { format: "md", budget: "summary" });
    expect(text).toContain("🏆 model: champion v1 → **v2**");
    expect(text).toContain(
      "🏆 **Promoted** to champion (v1 → v2; since replaced by v3): mae 50 beats champion v1",
    );
    expect(text).not.toContain("Eligible");
  });

  it("show an asset the run did not run as the assessment sees it, why it did not run, and its own line's version", async () => {
    const ws = await workspace(`${MANIFEST}    pull-requests: false\n`);
    // v1: this environment's version, made from other code than the checkout's: stale now.
    await ws.ledger.recordMaterialization(
      newMaterialization("model", { context: { event: "push", environment: ws.environment, runId: "1" } }),
    );
    // Newer heads that are not this line's: another environment's build and an experiment.
    await ws.ledger.recordMaterialization(
      newMaterialization("model", { context: { event: "push", environment: "staging", runId: "2" } }),
    );
    await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        context: {
          event: "push",
          environment: ws.environment,
          runId: "3",
          experiment: { overrides: ["model.x=1"] },
        },
      }),
    );
    const render = async (
      plan: ActionInputs["plan"],
      jobResults: ActionInputs["jobResults"],
      env: NodeJS.ProcessEnv = {},
    ) => {
      const facts = await factsFromLedger(ws, { ...inputs, plan, jobResults }, "9", env);
      const text = renderReport(await buildRunReport(ws, facts), { format: "md", budget: "summary" });
      return { facts, text };
    };
    // The plan skipped it (an on_cron not due, a held failure, pull-requests: false …).
    const skipped = await render({ model: "skip" }, { "kiln-plan": "success", model: "skipped" });
    expect(skipped.facts.plan.get("model")?.status).toBe("stale");
    expect(skipped.facts.plan.get("model")?.reasons[0]).toMatch(/^not run: /);
    expect(skipped.facts.latest.get("model")?.version).toBe(1);
    expect(skipped.text).toMatch(/0 materialized · 💤 0 fresh · ⏭️ 1 skipped/);
    expect(skipped.text).toMatch(/\| model \| ⏭️ skipped \| v1 .*\| not run: /);
    // On a pull request the plan's reason is told again: the asset does not run on pull requests.
    const onPr = await render(
      { model: "skip" },
      { "kiln-plan": "success", model: "skipped" },
      {
        GITHUB_EVENT_NAME: "pull_request",
      },
    );
    expect(onPr.facts.plan.get("model")?.reasons[0]).toBe("not run: pull-requests: false");
    // The plan job failed: the plan is empty and nothing ran.
    const noPlan = await render({}, { "kiln-plan": "failure", model: "skipped" });
    expect(noPlan.facts.plan.get("model")).toMatchObject({ status: "stale" });
    expect(noPlan.facts.plan.get("model")?.reasons[0]).toBe("not run: the plan job ended as failure");
    expect(noPlan.text).toMatch(/\| model \| ⏭️ skipped \| v1 .*\| not run: the plan job ended as failure; /);
  });

  it("say why a dependant of model@champion was skipped: the model failed before any champion existed", async () => {
    const ws = await workspace(
      `${MANIFEST}  predictions:\n    deps: [model@champion]\n    run: "true"\n    outputs: [build/predictions.txt]\n`,
    );
    await ws.ledger.recordFailure({
      ...newFailure("model", "2026-11-24T10:00:00.000Z"),
      context: { event: "push", environment: "prod", runId: "9" },
    });
    const facts = await factsFromLedger(
      ws,
      {
        ...inputs,
        plan: { model: "run", predictions: "run" },
        jobResults: { "kiln-plan": "success", model: "failure", predictions: "skipped" },
      },
      "9",
      {},
    );
    expect(facts.outcomes.get("model")?.outcome).toBe("failed");
    expect(facts.outcomes.get("predictions")).toMatchObject({
      outcome: "skipped",
      detail: "skipped: dependency model failed, and model has no champion yet",
    });
  });

  // Records written before Kiln kept the run attempt count as attempt 1 (test/action/rerun-attempts.test.ts
  // plays re-runs whole).
  it("take a failure of a later attempt over a record of the run written without an attempt", async () => {
    const ws = await workspace();
    await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        context: { event: "workflow_dispatch", environment: ws.environment, runId: "42" },
        startedAt: "2026-11-23T06:00:00.000Z",
        finishedAt: "2026-11-23T06:01:00.000Z",
      }),
    );
    await ws.ledger.recordFailure({
      ...newFailure("model", "2026-11-23T07:00:00.000Z"),
      context: { event: "workflow_dispatch", environment: ws.environment, runId: "42", runAttempt: 2 },
    });
    const facts = await factsFromLedger(
      ws,
      { ...inputs, jobResults: { "kiln-plan": "success", model: "failure" } },
      "42",
      { GITHUB_RUN_ATTEMPT: "2" },
    );
    expect(facts.outcomes.get("model")).toMatchObject({ outcome: "failed", detail: "exit code 1" });
  });

  it("take the newer of a record and a failure of one attempt, both written without an attempt", async () => {
    const ws = await workspace();
    await ws.ledger.recordMaterialization(
      newMaterialization("model", {
        context: { event: "workflow_dispatch", environment: ws.environment, runId: "42" },
        startedAt: "2026-11-23T06:00:00.000Z",
        finishedAt: "2026-11-23T06:01:00.000Z",
      }),
    );
    await ws.ledger.recordFailure({
      ...newFailure("model", "2026-11-23T07:00:00.000Z"),
      context: { event: "workflow_dispatch", environment: ws.environment, runId: "42" },
    });
    const facts = await factsFromLedger(ws, inputs, "42", {});
    expect(facts.outcomes.get("model")?.outcome).toBe("failed");
  });
});
