// Whole GitHub workflow runs, job by job: the bundled action runs as the runner runs it, against
// the local GitHub REST and Actions results-service stand-ins, with the ledger on the bare
// remote's kiln-ledger branch (test/action/scenario.ts, runner.ts). This file: a repository's life on one
// remote, the cases building on each other in order, and a layer workflow. Tokens, failures and
// dispatched runs (run config, force) are in workflow-run-tokens.test.ts, schedules in
// workflow-run-events.test.ts (three files, so that both test workers share the scenarios).
import { expect, it, describe } from "vitest";
import { pipelineFiles } from "../e2e/rig.js";
import { createRemote, git, pushChange } from "./runner.js";
import { describeJob, NAMESPACE, pullRequestEvent, pushEvent, scenario } from "./scenario.js";

const ASSETS = [
  { name: "data", deps: [] },
  { name: "features", deps: ["data"] },
  { name: "model", deps: ["features"] },
  { name: "report", deps: ["model"] },
];

// Each case plays several jobs, each a real clone and real git: minutes on a loaded machine.
const RUN_TIMEOUT = 600_000;

const world = scenario("in-process");
const { bare, work } = createRemote(pipelineFiles({ quality: 50 }));

/** The ledger branch's files, relative to the project's namespace; nothing lives outside it. */
function ledgerFiles(): string[] {
  const files = git(bare, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n").filter(Boolean);
  expect(files.filter((f) => !f.startsWith(NAMESPACE))).toEqual([]);
  return files.map((f) => f.slice(NAMESPACE.length)).sort();
}

function ledgerFile(file: string): string {
  return git(bare, "show", `kiln-ledger:${NAMESPACE}${file}`);
}

describe("a workflow run played job by job", { timeout: RUN_TIMEOUT }, () => {
  it("materializes every asset on the first push to main and promotes the model", async () => {
    const run = await world.play({ bare, event: pushEvent(bare) });
    expect(run.plan).toEqual({ data: "run", features: "run", model: "run", report: "run" });
    for (const { name } of ASSETS) {
      const job = run.jobs[name];
      expect(job, name).toBeDefined();
      expect(job?.code, describeJob(job!)).toBe(0);
      expect(job?.outputs.version, name).toBe("v1");
    }
    const files = ledgerFiles();
    for (const { name } of ASSETS) expect(files).toContain(`materializations/${name}/v1.json`);
    expect(files).toContain("aliases/model.jsonl");
    const moves = ledgerFile("aliases/model.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ alias: "champion", asset: "model", from: null, to: 1 });

    // Outputs passed between jobs through the cache; the promoted model went up as an artifact.
    expect(world.standIns.results.caches.filter((c) => c.finalized).length).toBeGreaterThanOrEqual(3);
    expect(world.standIns.results.artifacts.map((a) => a.name)).toContain("kiln-model-v1");
    expect(world.standIns.results.errors).toEqual([]);

    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toContain("materialized");
    expect(world.standIns.github.comments).toEqual([]);
    expect(world.standIns.github.violations).toEqual([]);

    // A self-hosted runner keeps its temporary folders from job to job: Kiln removes its own.
    const jobs = { plan: run.planJob, ...run.jobs, report: run.report };
    for (const [name, job] of Object.entries(jobs)) expect(job.leftInTemp, name).toEqual([]);
  });

  it("runs only the model and its dependant on a pull request, never promotes, and keeps one sticky comment", async () => {
    pushChange(work, "better-model", { "kiln.yml": pipelineFiles({ quality: 20 })["kiln.yml"]! });
    const run = await world.play({ bare, event: pullRequestEvent(bare, 7, "better-model") });
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "run", report: "run" });
    expect(run.jobs.model?.code, describeJob(run.jobs.model!)).toBe(0);
    expect(run.jobs.model?.outputs.version).toBe("v2");
    expect(ledgerFiles()).toContain("materializations/model/v2.json");
    const moves = ledgerFile("aliases/model.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // Pull requests never promote: the alias log still holds only the move to v1.
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ alias: "champion", to: 1 });

    expect(run.report.code, describeJob(run.report)).toBe(0);
    const onPr = () => world.standIns.github.comments.filter((c) => c.issueNumber === 7);
    expect(onPr()).toHaveLength(1);
    expect(onPr()[0]?.body).toContain("<!-- kiln-report:");
    expect(onPr()[0]?.body).toContain("mae");
    const firstId = onPr()[0]?.id;

    // A new commit on the PR: the same comment is edited, not a second one added.
    pushChange(work, "better-model", { "kiln.yml": pipelineFiles({ quality: 10 })["kiln.yml"]! });
    const again = await world.play({ bare, event: pullRequestEvent(bare, 7, "better-model") });
    expect(again.report.code, describeJob(again.report)).toBe(0);
    expect(onPr()).toHaveLength(1);
    expect(onPr()[0]?.id).toBe(firstId);
    expect(onPr()[0]?.body).toContain("config changed (quality 20 → 10)");
    expect(world.standIns.github.violations).toEqual([]);
    // The pull request's jobs pass their records on as artifacts: the folders they wrote them to,
    // and read them into, are removed too.
    for (const played of [run, again])
      for (const [name, job] of Object.entries({ ...played.jobs, report: played.report }))
        expect(job.leftInTemp, name).toEqual([]);
  });

  it("fails the asset job whose step fails, skips its dependants, and reports the failure", async () => {
    pushChange(work, "broken", {
      "steps/model.sh": 'echo "training diverged" >&2\nexit 1\n',
    });
    const run = await world.play({ bare, event: pushEvent(bare, "broken") });
    expect(run.plan.model).toBe("run");
    const model = run.jobs.model!;
    expect(model.code).not.toBe(0);
    expect(model.stdout).toContain("::error::");
    expect(run.jobs.report).toBeUndefined();
    expect(run.results).toMatchObject({
      data: "skipped",
      features: "skipped",
      model: "failure",
      report: "skipped",
    });
    expect(run.notStarted).toContain("report");
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toMatch(/❌ 1 failed/);
    expect(run.report.summary).toMatch(/\| model\s*\| ❌ failed/);
    expect(run.report.summary).toMatch(/\| report\s*\| ⏭️ skipped/);
    expect(run.report.summary).toContain("training diverged");
    expect(world.standIns.github.violations).toEqual([]);
  });
  // Pull-request and other-branch materializations share the ledger with main. After the PR built
  // model v3 (quality 10), main (quality 50, identical to v1) is still fresh: freshness asks for
  // any record with the current logical version, not the newest one. (One push serves both facts:
  // a push right after the first one, asserted the same way, cost a run of its own.)
  it("skips everything on a later push to main with nothing changed, although pull-request runs built newer versions on their branch", async () => {
    const before = ledgerFiles();
    pushChange(work, "main", { "NOTES.md": "unrelated\n" });
    const run = await world.play({ bare, event: pushEvent(bare) });
    // The plan itself says why: the model's current logical version has a record (v1).
    expect(run.planJob.summary).toMatch(/\|\s*model\s*\|\s*skip\s*\|\s*fresh\s*\|/);
    expect(run.plan).toEqual({ data: "skip", features: "skip", model: "skip", report: "skip" });
    expect(Object.keys(run.jobs)).toEqual([]);
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(ledgerFiles().filter((f) => f.startsWith("materializations/"))).toEqual(
      before.filter((f) => f.startsWith("materializations/")),
    );
    expect(world.standIns.github.violations).toEqual([]);
  });
});

describe("a run of a layer workflow", { timeout: RUN_TIMEOUT }, () => {
  it("skips only the dependants of a failed leg: unrelated assets in later layers still materialize", async () => {
    const files = pipelineFiles({ quality: 50 });
    files["kiln.yml"] += `  stats:
    deps: [features]
    code: [steps/stats.sh]
    run: sh steps/stats.sh
    outputs: [build/stats.txt]
  digest:
    deps: [stats]
    code: [steps/digest.sh]
    run: sh steps/digest.sh
    outputs: [build/digest.txt]
`;
    files["steps/stats.sh"] = "{ printf 'sum='; cat build/features.txt; } > build/stats.txt\n";
    files["steps/digest.sh"] = "tr '[:lower:]' '[:upper:]' < build/stats.txt > build/digest.txt\n";
    files["steps/model.sh"] = 'echo "training diverged" >&2\nexit 1\n';
    const remote = createRemote(files);
    const run = await world.play({
      bare: remote.bare,
      event: pushEvent(remote.bare),
      generate: { layerThreshold: 0 },
    });
    expect(run.workflow).toContain("kiln-layer-3:");
    expect(run.results).toMatchObject({
      "kiln-layer-0": "success",
      "kiln-layer-1": "success",
      "kiln-layer-2": "failure",
      "kiln-layer-3": "success",
    });
    for (const asset of ["data", "features", "stats", "digest"])
      expect(run.jobs[asset]?.outputs.version, describeJob(run.jobs[asset]!)).toBe("v1");
    expect(run.jobs.model?.code).not.toBe(0);
    const report = run.jobs.report!;
    expect(report.code, describeJob(report)).toBe(0);
    expect(report.summary).toContain(
      "Skipped: its dependency model was to run in this run but did not materialize",
    );
    const ledger = git(remote.bare, "ls-tree", "-r", "--name-only", "kiln-ledger");
    expect(ledger).toContain("materializations/digest/v1.json");
    expect(ledger).not.toContain("materializations/report/");
    expect(run.report.summary).toMatch(/\| model\s*\| ❌ failed/);
    expect(run.report.summary).toMatch(/\| report\s*\| ⏭️ skipped/);
    expect(run.report.summary).toMatch(/\| digest\s*\| ✅/);
  });
});

describe("a run whose model job fails, with a dependant of model@champion", { timeout: RUN_TIMEOUT }, () => {
  const files = {
    "kiln.yml": `version: 1
assets:
  model:
    code: [steps/model.sh]
    run: sh steps/model.sh
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  predictions:
    deps: [model@champion]
    code: [steps/predict.sh]
    run: sh steps/predict.sh
    outputs: [build/predictions.txt]
`,
    ".gitignore": "build/\n.kiln/\n",
    "steps/model.sh": `mkdir -p build && echo '{"w": 1}' > build/model.json && echo '{"mae": 3}' > "$KILN_METRICS"\n`,
    "steps/predict.sh":
      "mkdir -p build && { printf 'scored by '; cat build/model.json; } > build/predictions.txt\n",
  };

  it("still runs the dependant on the champion, as kiln run does, and reports what it did", async () => {
    const remote = createRemote(files);
    const first = await world.play({ bare: remote.bare, event: pushEvent(remote.bare) });
    expect(first.jobs.predictions?.outputs.version, describeJob(first.jobs.predictions)).toBe("v1");
    expect(first.planJob.outputs.aliases).toBe("[]");

    // Training breaks. predictions follows a planned model on a push (a promotion would move the
    // champion it reads), so it is planned too; the failure leaves the champion where it was.
    pushChange(remote.work, "main", { "steps/model.sh": 'echo "training diverged" >&2\nexit 1\n' });
    const run = await world.play({ bare: remote.bare, event: pushEvent(remote.bare) });
    expect(run.plan).toEqual({ model: "run", predictions: "run" });
    expect(run.planJob.outputs.aliases).toBe('["model@champion"]');
    expect(run.results).toMatchObject({ model: "failure", predictions: "success" });
    const predictions = run.jobs.predictions!;
    expect(predictions.code, describeJob(predictions)).toBe(0);
    // It read the champion again and found its version current: nothing to rebuild.
    expect(predictions.summary).toMatch(
      /\| predictions \| fresh +\| v1 +\| fresh at v1: upstream data unchanged/,
    );
    expect(run.report.code, describeJob(run.report)).toBe(0);
    expect(run.report.summary).toMatch(/\| model\s*\| ❌ failed/);
    expect(run.report.summary).toMatch(/\| predictions\s*\| 💤 fresh/);
    expect(run.report.summary).not.toContain("dependency model failed");
  });
});
