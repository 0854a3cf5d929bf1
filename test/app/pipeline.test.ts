// The run pipeline in-process (what `kiln run` and the action's asset jobs call): plan, execute,
// commit, restore. Selections and their errors, `force`, experiments set at run time, pull
// requests that train without promoting, handled failures held back, and an asset job's decided
// plan. Real git repositories and `sh` steps; assertions on outcomes, records and aliases.
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/app/pipeline.js";
import { aliasHolders } from "../../src/ledger/aliases.js";
import {
  engineRepo,
  featuresModelRepo,
  ledgerOf,
  openLocalWorkspace,
  recordingReporter,
  reformatFeatures,
  runEngine,
  tryRunEngine,
} from "../support/engine-run.js";
import { gitIn } from "../support/kiln-in-process.js";

/** features → model (promoted on loss, trained for `epochs` from its config) → report. */
const MANIFEST = `version: 1
assets:
  features:
    code: [features.sh]
    run: sh features.sh
    outputs: [build/features.csv]
  model:
    deps: [features]
    config: { epochs: 10 }
    run: 'mkdir -p build && cp "$KILN_CONFIG" build/model.json && echo "{\\"loss\\": $(sed -n "s/.*\\"epochs\\": \\([0-9]*\\).*/\\1/p" "$KILN_CONFIG" | head -1)}" > "$KILN_METRICS"'
    outputs: [build/model.json]
    metrics: { primary: loss, direction: maximize }
    promote: {}
  report:
    deps: [model]
    run: 'mkdir -p build && cat build/model.json > build/report.txt'
    outputs: [build/report.txt]
`;

function projectRepo(): string {
  return engineRepo(MANIFEST, { "features.sh": "mkdir -p build\necho 1,2 > build/features.csv\n" });
}

const champion = async (run: Awaited<ReturnType<typeof runEngine>>) =>
  aliasHolders(await run.workspace.ledger.aliasHistory("model")).get("champion");

describe("the run pipeline", () => {
  it("builds everything once, then finds everything fresh; force rebuilds what is selected", async () => {
    const dir = projectRepo();
    const first = await runEngine(dir);
    expect([...first.result.execution.outcomes.values()].map((o) => [o.asset, o.outcome, o.detail])).toEqual([
      ["features", "success", "v1"],
      ["model", "success", "v1; champion → v1"],
      ["report", "success", "v1"],
    ]);
    expect(first.result.context).toMatchObject({
      event: "local",
      environment: "prod",
      ref: "main",
      actor: "tester",
    });
    expect(first.result.context.gitSha).toBe(gitIn(dir, "rev-parse", "HEAD"));

    const idle = await runEngine(dir);
    expect(idle.result.execution.outcomes.size).toBe(0);
    expect([...idle.result.plan.assets.values()].map((e) => e.status)).toEqual(["fresh", "fresh", "fresh"]);

    // A selection is a request (as Dagster's materialize-selected): model runs although fresh, with
    // the same bytes, so its dependant stays fresh (early cutoff).
    const forced = await runEngine(dir, { selection: ["model+"], force: true });
    expect(forced.outcome("features")).toBeUndefined();
    expect(forced.outcome("model")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(forced.outcome("report")?.outcome).toBe("success");
    expect((await ledgerOf(forced.workspace, "model")).records.map((r) => r.version)).toEqual([1, 2]);
  });

  it("refuses an unknown selection with a did-you-mean, running nothing", async () => {
    const dir = projectRepo();
    const run = await tryRunEngine(dir, { selection: ["modle"] });
    expect(run.outcome.ok).toBe(false);
    if (run.outcome.ok) return;
    expect(run.outcome.error).toContain("modle");
    expect(`${run.outcome.error} ${run.outcome.hint ?? ""}`).toContain("model");
    expect(run.events).toEqual([]);
    expect((await ledgerOf(run.workspace, "features")).records).toEqual([]);
  });

  it("a pull request trains in its base's environment and records the verdict without promoting", async () => {
    const dir = projectRepo();
    gitIn(dir, "checkout", "-q", "-b", "feature/more-epochs");
    const run = await runEngine(dir, { event: "pull_request", base: "main" });
    expect(run.workspace.environment).toBe("prod");
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v1" });
    const [record] = (await ledgerOf(run.workspace, "model")).records;
    expect(record!.promotion).toMatchObject({ promote: false, blocked: true });
    expect(record!.context).toMatchObject({ event: "pull_request", ref: "feature/more-epochs" });
    expect(await champion(run)).toBeUndefined();
  });

  it("an experiment set at run time runs just the overridden asset, marks dependants that read it, and never promotes", async () => {
    const dir = projectRepo();
    await runEngine(dir);
    const run = await runEngine(dir, { set: ["model.epochs=50"] });
    // Without a selection, only the overridden asset runs; it is better, yet never promoted.
    expect([...run.result.execution.outcomes.keys()]).toEqual(["model"]);
    expect(run.result.experiment).toEqual(["model.epochs=50"]);
    const [, experiment] = (await ledgerOf(run.workspace, "model")).records;
    expect(experiment!.metrics).toEqual({ loss: 50 });
    expect(experiment!.context.experiment).toEqual({ overrides: ["model.epochs=50"] });
    expect(experiment!.promotion).toMatchObject({ promote: false });
    expect(await champion(run)).toBe(1);

    // A dependant that reads the experiment's output is an experiment too.
    const withReport = await runEngine(dir, { set: ["model.epochs=60"], selection: ["model+"] });
    const reports = (await ledgerOf(withReport.workspace, "report")).records;
    expect(reports.at(-1)!.context.experiment).toEqual({ overrides: ["model.epochs=60"] });

    // A selection that leaves out the overridden asset would silently ignore the config: refused.
    const refused = await tryRunEngine(dir, { set: ["model.epochs=70"], selection: ["features"] });
    expect(refused.outcome).toMatchObject({
      ok: false,
      error: "config is set for model, which is not in the selection features",
    });
  });

  it("holds back a handled failure when its upstream rebuilds the same bytes, and names how to retry", async () => {
    const dir = featuresModelRepo(`echo "CUDA out of memory" >&2; exit 1`);
    const first = await runEngine(dir);
    expect(first.outcome("model")?.outcome).toBe("failed");

    reformatFeatures(dir);
    const second = await runEngine(dir);
    expect(second.outcome("features")?.outcome).toBe("success");
    const held = second.outcome("model")!;
    expect(held.outcome).toBe("skipped");
    expect(held.detail).toMatch(
      /^model failed at this version on .* \(`echo "CUDA out of memory" >&2; exit 1` exited with code 1\); not retried automatically — `kiln run model` retries$/,
    );
    expect((await ledgerOf(second.workspace, "model")).failures).toHaveLength(1);
  });

  it("an asset job runs what the plan job decided: a request even when fresh, an unknown asset refused", async () => {
    const dir = projectRepo();
    await runEngine(dir);
    const job = await runEngine(dir, {
      decided: new Map([["report", { request: true, reason: "dispatch: force" }]]),
    });
    expect([...job.result.execution.outcomes.keys()]).toEqual(["report"]);
    expect(job.outcome("report")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(job.outcome("report")!.reasons[0]).toBe("dispatch: force");

    // Not requested and fresh: early cutoff, nothing rebuilt.
    const unrequested = await runEngine(dir, { decided: new Map([["report", { request: false }]]) });
    expect(unrequested.outcome("report")).toMatchObject({ outcome: "fresh" });
    expect(unrequested.outcome("report")!.detail).toMatch(
      /^fresh at v2: upstream data unchanged \(early cutoff\)/,
    );

    const unknown = await tryRunEngine(dir, { decided: new Map([["reprot", { request: true }]]) });
    expect(unknown.outcome).toEqual({ ok: false, error: 'unknown asset "reprot"' });
  });

  it("a dependant of model@champion fails with what to do while no version holds the alias", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'echo "{\\"loss\\": 9}" > "$KILN_METRICS"'
    metrics: { primary: loss, direction: minimize }
    promote: {}
  serve:
    deps: [model@champion]
    run: 'echo serving'
`);
    const run = await runEngine(dir, { decided: new Map([["serve", { request: true }]]) });
    const failed = run.outcome("serve")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toMatch(
      /promote a version of model \(`kiln promote model vN`\) or let a better one win$/,
    );
  });

  it("refuses to run a workspace opened for another event (a bug, not a user error)", async () => {
    const dir = projectRepo();
    const workspace = await openLocalWorkspace(dir);
    await expect(
      runPipeline({
        workspace,
        selection: [],
        force: false,
        tick: { event: "schedule", now: new Date() },
        reporter: recordingReporter().reporter,
        env: {},
      }),
    ).rejects.toThrow("bug: workspace opened for local, run at a schedule tick");
  });
});
