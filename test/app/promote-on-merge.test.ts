// Promotion on merge: a pull request trains its model in the base branch's environment but never
// promotes. Once merged (here by squash, so the pull request's commits are not ancestors of main),
// main's run finds that very version current and fresh: nothing trains again, and the champion
// must move to it when it beats the holder — or the model the pull request's report showed as the
// winner would never ship. Real git, the real CLI entry in-process, real child processes for the
// step; the action's plan job is checked the same way.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { planAction } from "../../src/action/plan.js";
import { reportAction } from "../../src/action/report.js";
import { openLedger } from "../../src/ledger/open.js";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { loadManifest } from "../../src/manifest/load.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { GitHubApiServer } from "../support/github-api.js";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { gitIn as git, kilnIn } from "../support/kiln-in-process.js";

/** main trained at 60 epochs (champion v1), then a pull request at `epochs`, trained, squash-merged. */
async function mergedPullRequest(epochs: number): Promise<string> {
  const dir = epochsProject("kiln-merge-", { epochs: 60, promote: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  const first = await kilnIn(dir, ["run"]);
  expect(first.code, first.output).toBe(0);
  git(dir, "checkout", "-q", "-b", "feature/x");
  writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs, promote: true }));
  git(dir, "commit", "-qam", `${epochs} epochs`);
  const pr = await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"]);
  expect(pr.code, pr.output).toBe(0);
  git(dir, "checkout", "-q", "main");
  git(dir, "merge", "-q", "--squash", "feature/x");
  git(dir, "commit", "-q", "-m", "Squashed: more epochs");
  return dir;
}

async function ledgerOf(dir: string) {
  const loaded = loadManifest(path.join(dir, "kiln.yml"));
  if (!loaded.ok) throw new Error("kiln.yml does not load");
  const ledger = await openLedger({ kind: "local", root: dir, project: loaded.value.project.name });
  const records = await ledger.materializations("model");
  const history = await ledger.aliasHistory("model");
  return { records, history, champion: aliasHolders(history).get("champion") };
}

describe("promotion on merge", () => {
  it("a merged pull request's better model becomes champion on main's next run, without training again", async () => {
    const dir = await mergedPullRequest(80);
    const before = await ledgerOf(dir);
    expect(before.records.map((r) => [r.version, r.context.environment])).toEqual([
      [1, "prod"],
      [2, "prod"],
    ]);
    expect(before.records[1]!.promotion).toMatchObject({ promote: false, blocked: true });
    expect(before.champion).toBe(1);

    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("★ model: champion → v2");
    const after = await ledgerOf(dir);
    expect(after.records).toHaveLength(2);
    expect(after.champion).toBe(2);
    const move = after.history.at(-1)!;
    expect(move).toMatchObject({ alias: "champion", from: 1, to: 2, kind: "promotion" });
    expect(move.reason).toContain("trained on branch feature/x (pull requests never promote)");
    // The model on disk is the merged one: it was built at 80 epochs.
    expect(JSON.parse(readFileSync(path.join(dir, "build/model.json"), "utf8")).epochs).toBe(80);

    // The run's report names the move, why, and is the one `kiln report` shows: moving the
    // champion is doing something, though nothing was built.
    const reportPath = /Report: (\S+)/.exec(run.stdout)?.[1];
    const own = readFileSync(path.join(dir, reportPath ?? "missing"), "utf8");
    expect(own).toContain("**0 materialized · 💤 1 fresh**");
    expect(own).toMatch(/^🏆 model: champion v1 → \*\*v2\*\* — v2, trained on branch feature\/x/m);
    const shown = await kilnIn(dir, ["report"]);
    expect(shown.stdout).toContain("champion v1 → **v2**");
    expect(shown.stdout).not.toContain("Not promoted");

    // Judged once: a second run finds the alias already on it and moves nothing.
    const again = await kilnIn(dir, ["run"]);
    expect(again.output).not.toContain("★");
    expect((await ledgerOf(dir)).history).toHaveLength(after.history.length);
    // An idle run keeps the report that says what moved as the one shown.
    expect((await kilnIn(dir, ["report"])).stdout).toContain("champion v1 → **v2**");
  });

  it("a merged pull request's worse model is judged and left out", async () => {
    const dir = await mergedPullRequest(40);
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain("★");
    const after = await ledgerOf(dir);
    expect(after.records).toHaveLength(2);
    expect(after.champion).toBe(1);
  });

  it("a model a person rolled back is not promoted again by the merge", async () => {
    const dir = await mergedPullRequest(80);
    for (const args of [
      ["promote", "model", "v2", "--reason", "try the pull request's model"],
      ["rollback", "model"],
    ]) {
      const done = await kilnIn(dir, args);
      expect(done.code, done.output).toBe(0);
    }
    expect((await ledgerOf(dir)).champion).toBe(1);
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain("★");
    expect((await ledgerOf(dir)).champion).toBe(1);
  });

  // Found by review: main promoted its own better model after the pull request's run, and that
  // automatic move closed the pull request's version, though it was never compared with it.
  it("a merged pull request's model beats a champion main promoted since, by the manifest's rules", async () => {
    const dir = epochsProject("kiln-merge-", { epochs: 60, promote: true });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "init");
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    git(dir, "checkout", "-q", "-b", "feature/x");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 80, promote: true }));
    git(dir, "commit", "-qam", "80 epochs");
    expect((await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"])).code).toBe(0);
    // Meanwhile main trains at 70 epochs: better than v1, worse than the pull request's v2.
    git(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 70, promote: true }));
    git(dir, "commit", "-qam", "70 epochs");
    const own = await kilnIn(dir, ["run"]);
    expect(own.output).toContain("v3; champion → v3");
    git(dir, "merge", "-q", "-X", "theirs", "--no-edit", "feature/x");

    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("★ model: champion → v2");
    const after = await ledgerOf(dir);
    expect(after.records).toHaveLength(3);
    expect(after.champion).toBe(2);
  });

  // Found by review: a rollback on main of an unrelated champion, made while the pull request was
  // open, closed the pull request's version for good, though no one could have chosen against it.
  it("a rollback on main while the pull request was open does not keep its better model out", async () => {
    const dir = epochsProject("kiln-merge-", { epochs: 60, promote: true });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "init");
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 70, promote: true }));
    git(dir, "commit", "-qam", "70 epochs");
    expect((await kilnIn(dir, ["run"])).output).toContain("champion → v2");
    git(dir, "checkout", "-q", "-b", "feature/x");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 80, promote: true }));
    git(dir, "commit", "-qam", "80 epochs");
    expect((await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"])).code).toBe(0);
    git(dir, "checkout", "-q", "main");
    const rollback = await kilnIn(dir, ["rollback", "model", "--reason", "v2 misbehaves"]);
    expect(rollback.code, rollback.output).toBe(0);
    expect((await ledgerOf(dir)).champion).toBe(1);
    git(dir, "merge", "-q", "--ff-only", "feature/x");

    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("★ model: champion → v3");
    expect((await ledgerOf(dir)).champion).toBe(3);
  });

  it("the action's plan job on the push to main moves the champion and says so in its summary", async () => {
    const dir = await mergedPullRequest(80);
    const { io, logs, summary } = recordingIO(
      dir,
      jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: "9" }),
    );
    const read = readInputs((name) => ({ command: "plan" })[name] ?? "");
    if (!read.ok) throw new Error(read.error);
    const plan = await planAction(io, read.inputs);
    expect(plan, logs.join("\n")).toEqual({ model: "skip" });
    const after = await ledgerOf(dir);
    expect(after.champion).toBe(2);
    expect(after.history.at(-1)).toMatchObject({
      by: "octocat",
      run: "https://github.com/o/r/actions/runs/9",
    });
    expect(summary()).toContain("★ model: champion → v2");
    // That run's report job reads the plan job's move back from the alias log: its summary
    // names the move, though no asset job ran. (It lists the run's jobs: from the REST stand-in,
    // not from a github.com out of reach, which costs the client's retries.)
    const github = new GitHubApiServer();
    await github.start();
    github.runJobs.set(9, [
      { id: 1, name: "kiln-plan", status: "completed", conclusion: "success", runAttempt: 1 },
    ]);
    const report = recordingIO(dir, {
      ...jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main", runId: "9" }),
      GITHUB_API_URL: github.url,
    });
    const reportInputs = readInputs(
      (name) =>
        ({
          command: "report",
          "github-token": "ghs_report",
          plan: JSON.stringify(plan),
          "job-results": JSON.stringify({ "kiln-plan": "success", model: "skipped" }),
        })[name] ?? "",
    );
    if (!reportInputs.ok) throw new Error(reportInputs.error);
    try {
      await reportAction(report.io, reportInputs.inputs);
    } finally {
      await github.stop();
    }
    expect(github.violations).toEqual([]);
    expect(report.logs.join("\n")).not.toContain("could not list this run's jobs");
    expect(report.summary()).toMatch(
      /^🏆 model: champion v1 → \*\*v2\*\* — v2, trained on branch feature\/x/m,
    );

    // The plan job noted that main took v2 up: main's next change is told against it.
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 90, promote: true }));
    git(dir, "commit", "-qam", "90 epochs");
    const status = JSON.parse((await kilnIn(dir, ["status", "--json"])).stdout);
    expect(status.assets.model.reasons).toEqual(["config changed (epochs 80 → 90)"]);
  });

  it("a model built in dev on a branch trains again in prod once merged, and the better one becomes champion", async () => {
    // No environment sets its own config: dev and prod work out the same logical versions.
    const manifest = (epochs: number) =>
      epochsManifest({ epochs, promote: true }).replace(/^environments:\n.*\n/m, "");
    const dir = epochsProject("kiln-dev-merge-", { epochs: 60, promote: true });
    writeFileSync(path.join(dir, "kiln.yml"), manifest(60));
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "init");
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    // A branch of its own (not a pull request) trains in dev: never promoted there.
    git(dir, "checkout", "-q", "-b", "develop");
    writeFileSync(path.join(dir, "kiln.yml"), manifest(80));
    git(dir, "commit", "-qam", "80 epochs");
    const dev = await kilnIn(dir, ["run"]);
    expect(dev.code, dev.output).toBe(0);
    git(dir, "checkout", "-q", "main");
    git(dir, "merge", "-q", "--ff-only", "develop");

    // On main, prod has no build of its own at this version: it trains and judges one.
    const status = await kilnIn(dir, ["status"]);
    expect(status.output).toMatch(/model\s+stale/);
    expect(status.output).toContain("built only in dev (v2)");
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("model: success");
    expect(run.output).toContain("champion → v3: loss 0.0125 beats champion v1");
    const after = await ledgerOf(dir);
    expect(after.records.map((r) => [r.version, r.context.environment])).toEqual([
      [1, "prod"],
      [2, "dev"],
      [3, "prod"],
    ]);
    expect(after.champion).toBe(3);
  });
});

/** The first line of the metrics table's header and the run's "why", from the latest report. */
function reportBaselines(dir: string) {
  const report = readFileSync(path.join(dir, ".kiln/reports/latest.md"), "utf8");
  const header = report.split("\n").find((line) => line.startsWith("| metric")) ?? "";
  return {
    report,
    previous: /vs previous v\d+/.exec(header)?.[0],
    mergeBase: /vs merge-base v\d+/.exec(header)?.[0],
    why: /config changed \(epochs \d+ → \d+\)/.exec(report)?.[0],
  };
}

// Once main takes up a merged pull request's version (fresh by its logical version, promoted on
// merge), that version is what main has: the next change on main and the next pull request are
// told against it, not against the version main built itself before the merge.
describe("a version main took up at a merge", () => {
  it("is the baseline of main's next change: its stale causes and its report's previous version", async () => {
    const dir = await mergedPullRequest(80);
    expect((await kilnIn(dir, ["run"])).output).toContain("★ model: champion → v2");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 90, promote: true }));
    git(dir, "commit", "-qam", "90 epochs");

    const status = JSON.parse((await kilnIn(dir, ["status", "--json"])).stdout);
    expect(status.assets.model.reasons).toEqual(["config changed (epochs 80 → 90)"]);
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    const seen = reportBaselines(dir);
    expect({ why: seen.why, previous: seen.previous }, seen.report).toEqual({
      why: "config changed (epochs 80 → 90)",
      previous: "vs previous v2",
    });
  });

  it("is the merge-base version of the next pull request", async () => {
    const dir = await mergedPullRequest(80);
    expect((await kilnIn(dir, ["run"])).output).toContain("★ model: champion → v2");
    git(dir, "checkout", "-q", "-b", "feature/y");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 100, promote: true }));
    git(dir, "commit", "-qam", "100 epochs");

    const pr = await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"]);
    expect(pr.code, pr.output).toBe(0);
    const seen = reportBaselines(dir);
    expect({ why: seen.why, previous: seen.previous, mergeBase: seen.mergeBase }, seen.report).toEqual({
      why: "config changed (epochs 80 → 100)",
      previous: "vs previous v2",
      mergeBase: "vs merge-base v2",
    });
  });
});
