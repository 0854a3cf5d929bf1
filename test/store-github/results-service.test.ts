// The stand-in must behave like the real results service where Kiln relies on it; these tests
// drive it through the real @actions libraries so a divergence shows up as a library failure.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as cache from "@actions/cache";
import { DefaultArtifactClient } from "@actions/artifact";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyEnv, ResultsService } from "../support/results-service.js";

let results: ResultsService;
let base: string;
const undo: Array<() => void> = [];

beforeAll(async () => {
  results = new ResultsService();
  await results.start();
  base = await mkdtemp(join(tmpdir(), "kiln-results-"));
});

afterAll(async () => {
  await results?.stop();
  await rm(base, { recursive: true, force: true });
});

afterEach(() => {
  while (undo.length > 0) undo.pop()?.();
});

async function job(
  runId: number,
  name: string,
  refs: { ref?: string; baseRef?: string } = {},
): Promise<string> {
  const workspace = join(base, `${runId}-${name}`);
  await mkdir(join(workspace, ".tmp"), { recursive: true });
  const cwd = process.cwd();
  process.chdir(workspace);
  undo.push(() => process.chdir(cwd));
  undo.push(
    applyEnv({
      ...results.jobEnv({ runId, job: name, ...refs }),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: join(workspace, ".tmp"),
    }),
  );
  return workspace;
}

describe("results-service stand-in", () => {
  it("scopes caches as GitHub does: a pull request's entries are invisible to its base, the base's visible to it", async () => {
    const pr = { ref: "refs/pull/7/merge", baseRef: "main" };
    const onPr = await job(20, "pr", pr);
    await writeFile(join(onPr, "scoped.txt"), "from the PR");
    expect(await cache.saveCache(["scoped.txt"], "scoped-pr")).not.toBe(-1);
    while (undo.length > 0) undo.pop()?.();

    const onMain = await job(21, "main", { ref: "refs/heads/main" });
    expect(await cache.restoreCache(["scoped.txt"], "scoped-pr")).toBeUndefined();
    await writeFile(join(onMain, "scoped.txt"), "from main");
    expect(await cache.saveCache(["scoped.txt"], "scoped-main")).not.toBe(-1);
    while (undo.length > 0) undo.pop()?.();

    const prAgain = await job(22, "pr", pr);
    expect(await cache.restoreCache(["scoped.txt"], "scoped-main")).toBe("scoped-main");
    expect(await readFile(join(prAgain, "scoped.txt"), "utf8")).toBe("from main");
    expect(await cache.restoreCache(["scoped.txt"], "scoped-pr")).toBe("scoped-pr");
    while (undo.length > 0) undo.pop()?.();

    // Another pull request sees neither the first PR's entries nor anything but main's.
    await job(23, "other", { ref: "refs/pull/8/merge", baseRef: "main" });
    expect(await cache.restoreCache(["scoped.txt"], "scoped-pr")).toBeUndefined();
    expect(await cache.restoreCache(["scoped.txt"], "scoped-main")).toBe("scoped-main");

    // Evicted entries are gone for everyone.
    expect(
      results
        .evictCaches((c) => c.key.startsWith("scoped-"))
        .map((c) => c.key)
        .sort(),
    ).toEqual(["scoped-main", "scoped-pr"]);
    expect(await cache.restoreCache(["scoped.txt"], "scoped-main")).toBeUndefined();
  });

  it("restores by exact key, then by the newest entry matching a restore-key prefix, with the same version", async () => {
    const one = await job(10, "a");
    await writeFile(join(one, "data.txt"), "old");
    await cache.saveCache(["data.txt"], "deps-linux-1");
    await writeFile(join(one, "data.txt"), "new");
    await cache.saveCache(["data.txt"], "deps-linux-2");
    while (undo.length > 0) undo.pop()?.();

    const two = await job(10, "b");
    expect(await cache.restoreCache(["data.txt"], "deps-linux-1")).toBe("deps-linux-1");
    expect(await readFile(join(two, "data.txt"), "utf8")).toBe("old");
    expect(await cache.restoreCache(["data.txt"], "deps-linux-9", ["deps-linux-"])).toBe("deps-linux-2");
    expect(await readFile(join(two, "data.txt"), "utf8")).toBe("new");
    // A different path list is a different version: no match, even for an existing key.
    expect(await cache.restoreCache(["other.txt"], "deps-linux-1")).toBeUndefined();
    expect(results.errors).toEqual([]);
  });

  it("lists and deletes artifacts of the token's run only", async () => {
    const ws = await job(20, "build");
    await writeFile(join(ws, "a.txt"), "a");
    const client = new DefaultArtifactClient();
    await client.uploadArtifact("first", [join(ws, "a.txt")], ws);
    await client.uploadArtifact("second", [join(ws, "a.txt")], ws);
    await expect(client.uploadArtifact("first", [join(ws, "a.txt")], ws)).rejects.toThrow();
    expect((await client.listArtifacts()).artifacts.map((a) => a.name).sort()).toEqual(["first", "second"]);
    while (undo.length > 0) undo.pop()?.();

    await job(21, "other");
    expect((await new DefaultArtifactClient().listArtifacts()).artifacts).toEqual([]);
    while (undo.length > 0) undo.pop()?.();

    await job(20, "cleanup");
    await new DefaultArtifactClient().deleteArtifact("first");
    expect((await new DefaultArtifactClient().listArtifacts()).artifacts.map((a) => a.name)).toEqual([
      "second",
    ]);
  });

  it("rejects calls without a runtime token scope", async () => {
    const res = await fetch(
      `${results.url}/twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: "unauthenticated",
      msg: "no bearer token (ACTIONS_RUNTIME_TOKEN)",
    });
    results.errors.splice(0);
  });
});
