import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, restoreCacheEntry, saveCacheEntry } from "../../src/store/actions-cache.js";
import type { GitHubApiServer } from "../support/github-api.js";
import { applyEnv, type ResultsService } from "../support/results-service.js";
import { type StandIns, startStandIns } from "../support/stand-ins.js";

let standIns: StandIns;
let results: ResultsService;
let github: GitHubApiServer;
let base: string;
// @actions/github reads GITHUB_API_URL once, when first imported (on a runner it is set before
// the process starts), so the artifact store is imported after the GitHub stand-in is listening.
let artifacts: typeof import("../../src/store/artifact.js");
const undo: Array<() => void> = [];

beforeAll(async () => {
  standIns = await startStandIns();
  ({ github, results } = standIns);
  process.env.GITHUB_API_URL = github.url;
  artifacts = await import("../../src/store/artifact.js");
  base = await mkdtemp(join(tmpdir(), "kiln-actions-"));
});

afterAll(async () => {
  await standIns?.stop();
  await rm(base, { recursive: true, force: true });
});

afterEach(() => {
  while (undo.length > 0) undo.pop()?.();
  expect(github.violations).toEqual([]);
});

/** A fresh workspace directory and the env of one job of `runId`. */
async function job(runId: number, name: string): Promise<string> {
  const workspace = join(base, `${runId}-${name}`);
  await mkdir(join(workspace, ".tmp"), { recursive: true });
  // A runner starts every step in the checkout, and @actions/cache globs relative to it.
  const cwd = process.cwd();
  process.chdir(workspace);
  undo.push(() => process.chdir(cwd));
  undo.push(
    applyEnv({
      ...standIns.jobEnv({ runId, job: name }),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: join(workspace, ".tmp"),
    }),
  );
  return workspace;
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

describe("Actions cache store", () => {
  it("passes outputs from one job to another by data version", async () => {
    const producer = await job(1, "features");
    await write(producer, { "build/features.csv": "a,b\n1,2\n", "build/stats/summary.json": '{"rows":1}' });
    const paths = ["build/features.csv", "build/stats/summary.json"];
    const saved = await saveCacheEntry({ asset: "features", dataVersion: "dv-abc", paths, root: producer });
    expect(saved).toEqual({ location: { kind: "cache", ref: "kiln-features-dv-abc" }, saved: true });
    while (undo.length > 0) undo.pop()?.();

    const consumer = await job(1, "model");
    expect(
      await restoreCacheEntry({ asset: "features", dataVersion: "dv-other", paths, root: consumer }),
    ).toBe(false);
    expect(await restoreCacheEntry({ asset: "features", dataVersion: "dv-abc", paths, root: consumer })).toBe(
      true,
    );
    expect(await readFile(join(consumer, "build/features.csv"), "utf8")).toBe("a,b\n1,2\n");
    expect(await readFile(join(consumer, "build/stats/summary.json"), "utf8")).toBe('{"rows":1}');

    // Keys are immutable: saving the same data version again is a no-op, not an error.
    expect(
      (await saveCacheEntry({ asset: "features", dataVersion: "dv-abc", paths, root: consumer })).saved,
    ).toBe(false);
    expect(results.caches.filter((c) => c.key === "kiln-features-dv-abc")).toHaveLength(1);
    expect(results.errors).toEqual([]);
  });

  it("keeps keys within GitHub's 512-character limit and free of commas", () => {
    expect(cacheKey("model", "x".repeat(600)).length).toBe(512);
    expect(cacheKey("model", "a,b")).toBe("kiln-model-a_b");
    expect(cacheKey("model", "x".repeat(600))).not.toBe(cacheKey("model", `${"x".repeat(599)}y`));
  });
});

describe("artifact store", () => {
  it("records the expiry the repository's retention limit allows, not a longer one the manifest asked for", async () => {
    const trainer = await job(3, "model");
    // The repository (or organization) keeps artifacts 10 days at most; the toolkit caps to it.
    undo.push(applyEnv({ GITHUB_RETENTION_DAYS: "10" }));
    await write(trainer, { "build/model.json": '{"trees":4}' });
    const daysLeft = (iso: string | undefined) => (Date.parse(iso!) - Date.now()) / 86_400_000;
    for (const [version, retentionDays] of [
      [8, 30],
      [9, undefined],
    ] as const) {
      const uploaded = await artifacts.uploadVersion({
        asset: "model",
        version,
        files: ["build/model.json"],
        root: trainer,
        retentionDays,
        run: { id: 3, url: "https://github.com/acme/churn/actions/runs/3" },
      });
      const days = daysLeft(uploaded.location.expiresAt);
      expect(days, `v${version}`).toBeGreaterThan(9);
      expect(days, `v${version}`).toBeLessThan(11);
      // What the service was told, when the upload named an expiry at all.
      const told = results.artifacts.find((a) => a.id === uploaded.id)?.expiresAt;
      if (told) expect(Math.abs(daysLeft(told) - days)).toBeLessThan(0.01);
    }
    while (undo.length > 0) undo.pop()?.();
  });

  it("uploads a version and downloads it in a later job of the same run", async () => {
    const trainer = await job(2, "model");
    await write(trainer, { "build/model.json": '{"trees":3}', "build/metrics.json": '{"mae":61.2}' });
    const uploaded = await artifacts.uploadVersion({
      asset: "model",
      version: 7,
      files: ["build/model.json", "build/metrics.json"],
      root: trainer,
      retentionDays: 30,
      run: { id: 2, url: "https://github.com/acme/churn/actions/runs/2" },
    });
    expect(uploaded.name).toBe("kiln-model-v7");
    expect(uploaded.location).toMatchObject({
      kind: "artifact",
      ref: "kiln-model-v7@2",
      url: `https://github.com/acme/churn/actions/runs/2/artifacts/${uploaded.id}`,
      id: uploaded.id,
      runId: "2",
    });
    // 30 days of retention, recorded so a reader knows when the location is gone.
    const days = (Date.parse(uploaded.location.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    expect(results.artifacts.find((a) => a.id === uploaded.id)).toMatchObject({
      name: "kiln-model-v7",
      finalized: true,
    });
    expect(results.artifacts.find((a) => a.id === uploaded.id)?.expiresAt).toBeDefined();
    while (undo.length > 0) undo.pop()?.();

    const reporter = await job(2, "report");
    const target = join(reporter, "restored");
    expect(await artifacts.downloadVersion({ asset: "model", version: 7, root: target })).toBe(true);
    expect(await readFile(join(target, "build/model.json"), "utf8")).toBe('{"trees":3}');
    expect(await readFile(join(target, "build/metrics.json"), "utf8")).toBe('{"mae":61.2}');
    expect(await artifacts.downloadVersion({ asset: "model", version: 8, root: target })).toBe(false);
  });

  it("downloads a version from another workflow run through the REST API", async () => {
    const trainer = await job(3, "model");
    await write(trainer, { "build/model.json": '{"trees":9}' });
    await artifacts.uploadVersion({ asset: "model", version: 9, files: ["build/model.json"], root: trainer });
    while (undo.length > 0) undo.pop()?.();

    const later = await job(4, "pull");
    const findBy = { token: "rw-token", workflowRunId: 3, repositoryOwner: "acme", repositoryName: "churn" };
    expect(await artifacts.downloadVersion({ asset: "model", version: 9, root: later, findBy })).toBe(true);
    expect(await readFile(join(later, "build/model.json"), "utf8")).toBe('{"trees":9}');
    expect(await artifacts.downloadVersion({ asset: "model", version: 9, root: later })).toBe(false);
    expect(github.requests.map((r) => r.operationId)).toContain("actions/download-artifact");
    expect(artifacts.artifactName("model", 9)).toBe("kiln-model-v9");
  });

  it("a re-run attempt's report job replaces the run's kiln-report, and the comment workflow gets attempt 2's", async () => {
    // A fork's pull request: the report job keeps the comment as the run's `kiln-report`. "Re-run
    // all jobs" is attempt 2 of the same run id, where GitHub keeps artifact names unique.
    for (const attempt of ["1", "2"]) {
      const reporter = await job(6, "report");
      undo.push(applyEnv({ GITHUB_RUN_ATTEMPT: attempt }));
      await write(reporter, { "comment.md": `model failed in attempt ${attempt}` });
      await artifacts.uploadFiles("kiln-report", [join(reporter, "comment.md")], reporter, 7);
      while (undo.length > 0) undo.pop()?.();
    }
    expect(
      results.artifacts.filter((a) => a.name === "kiln-report" && a.runBackendId === "run-6"),
    ).toHaveLength(1);

    // workflows/kiln-comment.yml downloads the run's kiln-report through the REST API.
    const comment = await job(7, "comment");
    const { DefaultArtifactClient } = await import("@actions/artifact");
    const findBy = { token: "rw-token", workflowRunId: 6, repositoryOwner: "acme", repositoryName: "churn" };
    const client = new DefaultArtifactClient();
    const { artifact } = await client.getArtifact("kiln-report", { findBy });
    await client.downloadArtifact(artifact.id, { path: join(comment, "kiln-report"), findBy });
    expect(await readFile(join(comment, "kiln-report/comment.md"), "utf8")).toBe("model failed in attempt 2");
  });
});
