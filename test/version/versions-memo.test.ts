// The memo of per-asset versions (src/version/versions-memo.ts) answers only while nothing it was
// worked out from changed. Each test changes one kind of thing (a tracked file, a file already
// modified, an untracked file, the index, a commit, a deletion, the manifest, the environment, an
// upstream's data version) and checks that status with the memo sees it, answering exactly what
// status without a memo answers.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalLedger } from "../../src/ledger/local.js";
import { openManifest } from "../../src/manifest/manifest-file.js";
import type { Project } from "../../src/manifest/project.js";
import { assessProject, type ProjectAssessment } from "../../src/version/status.js";

const MANIFEST = [
  "version: 1",
  "name: memo",
  "assets:",
  "  a:",
  "    code: [src/a.py]",
  "    inputs: [data/*.csv]",
  "    run: python src/a.py",
  "    outputs: [out/a.txt]",
  "    config: { epochs: 5 }",
  "  b:",
  "    deps: [a]",
  "    code: [src/b.py]",
  "    run: python src/b.py",
  "    outputs: [out/b.txt]",
  "environments:",
  "  prod:",
  "    branches: [main]",
  "    config: { a: { epochs: 50 } }",
  "",
].join("\n");

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" });
}

function commit(dir: string): void {
  git(dir, "add", "-A");
  git(dir, "-c", "user.name=t", "-c", "user.email=t@kiln.invalid", "commit", "-q", "-m", "change");
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

async function project(dir: string): Promise<Project> {
  const loaded = await openManifest(path.join(dir, "kiln.yml"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value.project;
}

/** What a user sees of an assessment, and the versions a run would record. */
function summary(assessment: ProjectAssessment) {
  return [...assessment.assets.values()].map((a) => ({
    name: a.name,
    status: a.status,
    reasons: a.reasons,
    logicalVersion: a.logicalVersion,
    dirty: a.dirty ?? false,
    unmatched: a.unmatched,
    codeChanged: a.codeChanged,
    base: a.base,
    provenance: a.provenance,
  }));
}

/** A repository with both assets materialized and the memo written by a status. */
async function setUp(sub = "") {
  const top = mkdtempSync(path.join(os.tmpdir(), "kiln-memo-"));
  git(top, "init", "-q", "-b", "main");
  const dir = path.join(top, sub);
  write(dir, "kiln.yml", MANIFEST);
  write(dir, "src/a.py", "print('a')\n");
  write(dir, "src/b.py", "print('b')\n");
  write(dir, "data/one.csv", "x\n1\n");
  write(dir, "data/two.csv", "x\n2\n");
  write(top, ".gitignore", ".kiln/\n");
  // Kiln keeps caches only in a `.kiln` that ignores itself (see paths/state-cache.ts).
  write(dir, ".kiln/.gitignore", "*\n");
  commit(top);
  const ledger = new LocalLedger(path.join(dir, ".kiln/ledger"));
  const materialize = async (assessment: ProjectAssessment, name: string, dataVersion: string) => {
    const a = assessment.assets.get(name)!;
    await ledger.recordMaterialization({
      asset: name,
      status: "success",
      logicalVersion: a.logicalVersion!,
      dataVersion,
      provenance: a.provenance!,
      outputs: { [`out/${name}.txt`]: { blob: "e".repeat(40), size: 3 } },
      locations: [{ kind: "local", ref: ".kiln/store" }],
      metrics: {},
      series: [],
      checks: [],
      reasons: [],
      context: { event: "local", environment: "dev", gitSha: git(dir, "rev-parse", "HEAD").trim() },
      startedAt: "2026-11-23T06:00:00.000Z",
      finishedAt: "2026-11-23T06:01:00.000Z",
      durationMs: 1,
      attempts: 1,
    });
  };
  const withMemo = async (environment = "dev") =>
    assessProject({ project: await project(dir), ledger, environment });
  /** The same status without a memo: the manifest's hash unknown, nothing is kept or read. */
  const withoutMemo = async (environment = "dev") =>
    assessProject({ project: { ...(await project(dir)), sourceHash: undefined }, ledger, environment });
  await materialize(await withMemo(), "a", "dv-a1");
  await materialize(await withMemo(), "b", "dv-b1");
  const fresh = await withMemo();
  expect(summary(fresh).map((a) => a.status)).toEqual(["fresh", "fresh"]);
  expect(existsSync(path.join(dir, ".kiln/cache/versions-memo.json"))).toBe(true);
  /** Status with the memo, checked against status without it. */
  const assess = async (environment = "dev") => {
    const remembered = summary(await withMemo(environment));
    expect(remembered).toEqual(summary(await withoutMemo(environment)));
    return remembered;
  };
  return { dir, top, ledger, materialize, withMemo, assess };
}

const byName = (assessment: ReturnType<typeof summary>, name: string) =>
  assessment.find((a) => a.name === name)!;

describe("the memo of versions", () => {
  it("answers a status when nothing changed (a planted entry shows it is read)", async () => {
    const { dir, assess } = await setUp();
    expect((await assess()).map((a) => a.status)).toEqual(["fresh", "fresh"]);
    // The memo is what answered: an entry edited in place (same key) changes the answer.
    const file = path.join(dir, ".kiln/cache/versions-memo.json");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    stored.assets.a[4] = "0".repeat(64);
    writeFileSync(file, JSON.stringify(stored));
    const planted = await assessProject({
      project: await project(dir),
      ledger: new LocalLedger(path.join(dir, ".kiln/ledger")),
      environment: "dev",
    });
    expect(planted.assets.get("a")?.logicalVersion).toBe("0".repeat(64));
  });

  it("sees a tracked file modified", async () => {
    const { dir, assess } = await setUp();
    write(dir, "src/a.py", "print('a, changed')\n");
    const after = await assess();
    expect(byName(after, "a").reasons).toEqual(["code changed (src/a.py)"]);
    expect(byName(after, "a").dirty).toBe(true);
  });

  it("sees a file modified again while it was already modified (git status says the same)", async () => {
    const { dir, materialize, withMemo, assess } = await setUp();
    write(dir, "data/one.csv", "x\n10\n");
    await materialize(await withMemo(), "a", "dv-a2");
    expect(byName(await assess(), "a").status).toBe("fresh");
    write(dir, "data/one.csv", "x\n11\n");
    expect(byName(await assess(), "a").reasons).toEqual(["input changed (data/one.csv)"]);
  });

  it("sees an untracked file that a pattern matches, added and then edited", async () => {
    const { dir, materialize, withMemo, assess } = await setUp();
    write(dir, "data/three.csv", "x\n3\n");
    expect(byName(await assess(), "a").reasons).toEqual(["input added (data/three.csv)"]);
    await materialize(await withMemo(), "a", "dv-a2");
    expect(byName(await assess(), "a").status).toBe("fresh");
    write(dir, "data/three.csv", "x\n33\n");
    expect(byName(await assess(), "a").reasons).toEqual(["input changed (data/three.csv)"]);
    // Removed: the inputs v1 was built from again.
    rmSync(path.join(dir, "data/three.csv"));
    expect(byName(await assess(), "a").status).toBe("fresh");
  });

  it("sees a staged change, a commit, another commit checked out and a deleted file", async () => {
    const { dir, materialize, withMemo, assess } = await setUp();
    write(dir, "src/a.py", "print('a, staged')\n");
    git(dir, "add", "src/a.py");
    expect(byName(await assess(), "a").reasons).toEqual(["code changed (src/a.py)"]);
    await materialize(await withMemo(), "a", "dv-a2");
    // Staged, then changed again in the working tree only.
    write(dir, "src/a.py", "print('a, working tree')\n");
    expect(byName(await assess(), "a").reasons).toEqual(["code changed (src/a.py)"]);
    write(dir, "src/a.py", "print('a, committed')\n");
    commit(dir);
    expect(byName(await assess(), "a").reasons).toEqual(["code changed (src/a.py)"]);
    expect(byName(await assess(), "a").dirty).toBe(false);
    // Another commit checked out, the tree clean before and after: only the index tells.
    git(dir, "checkout", "-q", "HEAD~1");
    expect(byName(await assess(), "a").status).toBe("fresh");
    git(dir, "checkout", "-q", "main");
    expect(byName(await assess(), "a").reasons).toEqual(["code changed (src/a.py)"]);
    rmSync(path.join(dir, "data/two.csv"));
    const deleted = byName(await assess(), "a");
    expect(deleted.reasons).toContain("input removed (data/two.csv)");
    expect(Object.keys(deleted.provenance!.inputs)).toEqual(["data/one.csv"]);
  });

  it("sees a change in a project that is a folder of the repository, and none outside it", async () => {
    const { dir, top, materialize, withMemo, assess } = await setUp("ml");
    write(top, "elsewhere.txt", "not the project's\n");
    expect((await assess()).map((a) => a.status)).toEqual(["fresh", "fresh"]);
    write(dir, "data/one.csv", "x\n12\n");
    expect(byName(await assess(), "a").reasons).toEqual(["input changed (data/one.csv)"]);
    await materialize(await withMemo(), "a", "dv-a2");
    expect(byName(await assess(), "a").status).toBe("fresh");
    write(dir, "data/one.csv", "x\n13\n");
    expect(byName(await assess(), "a").reasons).toEqual(["input changed (data/one.csv)"]);
  });

  it("sees the manifest edited, and another environment", async () => {
    const { dir, assess } = await setUp();
    expect(byName(await assess("prod"), "a").reasons).toEqual([
      "never materialized in prod on this line of history",
    ]);
    write(dir, "kiln.yml", MANIFEST.replace("epochs: 5", "epochs: 6"));
    expect(byName(await assess(), "a").reasons).toEqual(["config changed (epochs 5 → 6)"]);
    write(dir, "kiln.yml", MANIFEST.replace("code: [src/b.py]", "code: [src/b.py, src/missing.py]"));
    const b = byName(await assess(), "b");
    expect(b.unmatched).toEqual(["src/missing.py"]);
  });

  it("sees an upstream's new data version in the ledger: the logical version is worked out again", async () => {
    const { materialize, withMemo, assess } = await setUp();
    const before = byName(await assess(), "b").logicalVersion;
    await materialize(await withMemo(), "a", "dv-a2");
    const after = byName(await assess(), "b");
    expect(after.reasons).toEqual(["dependency a has a new data version"]);
    expect(after.logicalVersion).not.toBe(before);
  });
});
