import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAncestor, mergeBase } from "../../src/git/repo.js";
import { findMergeBaseRecord, type MergeBaseGit, mergeBaseRecord } from "../../src/report/merge-base.js";
import { record } from "./fixtures.js";

let dir: string;
const sha: Record<string, string> = {};
function g(...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
}
async function commit(name: string): Promise<void> {
  await writeFile(path.join(dir, "f.txt"), name);
  g("add", "f.txt");
  g("commit", "-q", "-m", name);
  sha[name] = g("rev-parse", "HEAD");
}

// main: A - B - C ; feature from B: D - E
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kiln-report-mb-"));
  g("init", "-q", "-b", "main");
  await commit("A");
  await commit("B");
  await commit("C");
  g("checkout", "-q", "-b", "feature", sha.B as string);
  await commit("D");
  await commit("E");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const git = (): MergeBaseGit => ({
  mergeBase: (a, b) => mergeBase(dir, a, b),
  isAncestor: (a, b) => isAncestor(dir, a, b),
});
const at = (version: number, commit: string, dirty = false) =>
  record(
    "model",
    version,
    { mae: version },
    { context: { event: "push", environment: "prod", gitSha: sha[commit], dirty } },
  );

describe("merge-base comparison", () => {
  it("takes the nearest ancestor of the merge-base that has a record, not a later base commit", async () => {
    const found = await mergeBaseRecord(
      [at(1, "A"), at(2, "C"), at(3, "E")],
      git(),
      sha.E as string,
      "main",
      "prod",
    );
    expect(found?.sha).toBe(sha.B);
    expect(found?.record?.version).toBe(1);
  });

  it("compares only with the report's environment and never with an experiment at the merge-base", async () => {
    const dev = record(
      "model",
      3,
      { mae: 3 },
      { context: { event: "push", environment: "dev", gitSha: sha.B } },
    );
    const experiment = record(
      "model",
      4,
      { mae: 4 },
      {
        context: {
          event: "workflow_dispatch",
          environment: "prod",
          gitSha: sha.B,
          experiment: { overrides: ["model.x=1"] },
        },
      },
    );
    const found = await mergeBaseRecord(
      [at(1, "A"), at(2, "B"), dev, experiment],
      git(),
      sha.E as string,
      "main",
      "prod",
    );
    expect(found?.record?.version).toBe(2);
    const fromDev = await mergeBaseRecord(
      [at(2, "B"), dev, experiment],
      git(),
      sha.E as string,
      "main",
      "dev",
    );
    expect(fromDev?.record?.version).toBe(3);
  });

  it("takes the record of the merge-base itself, the latest when it has several", async () => {
    const found = await findMergeBaseRecord(
      [at(1, "A"), at(2, "B"), at(4, "B"), at(5, "C")],
      git().isAncestor,
      sha.B as string,
    );
    expect(found?.version).toBe(4);
  });

  it("prefers a nearer ancestor over a higher version further back", async () => {
    const found = await findMergeBaseRecord([at(2, "B"), at(7, "A")], git().isAncestor, sha.B as string);
    expect(found?.version).toBe(2);
  });

  it("ignores records made from a dirty tree and answers undefined when none qualifies", async () => {
    expect(
      await findMergeBaseRecord([at(1, "A", true), at(2, "C")], git().isAncestor, sha.B as string),
    ).toBeUndefined();
  });
});
