// Version chunks are built on worker threads for a large site (src/site/chunk-workers.ts), each with
// its own reader of the ledger. Which thread builds what must not change a byte of the site, nor
// what the ledger reports: damage found by a worker's reader is reported like damage found in-process.
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { materializationPath, projectDir } from "../../src/ledger/layout.js";
import { recordPackPath } from "../../src/ledger/packs.js";
import { gitSync, remoteWithClones, tempDir } from "../ledger/fixtures.js";
import { bundles } from "../support/bundles.js";
import { type Synthetic, writeSyntheticProject } from "../support/synthetic-ledger.js";
import { build, files, NOW } from "./site-build.js";

describe("the history site built on worker threads", () => {
  let synthetic: Synthetic;
  beforeAll(() => {
    // Packed blocks and an open one, and damage in both: a pack line and a loose record.
    synthetic = writeSyntheticProject({ assets: 5, versions: 130, epochs: 3 });
    const ledger = path.join(synthetic.root, ".kiln/ledger", projectDir("synthetic"));
    const pack = path.join(ledger, recordPackPath("asset-002", 0));
    const lines = readFileSync(pack, "utf8").split("\n");
    lines[41] = `{"schema":1,"asset":"asset-002","version":42,"status":"success"`;
    writeFileSync(pack, lines.join("\n"));
    appendFileSync(path.join(ledger, materializationPath("asset-003", 120)), "{ not json");
  });
  afterAll(() => rmSync(synthetic.root, { recursive: true, force: true }));

  it("writes byte for byte the site one thread writes, and reports the same damage", async () => {
    const one = await build(synthetic.root, path.join(synthetic.root, "one"), undefined, 1);
    const two = await build(synthetic.root, path.join(synthetic.root, "two"), undefined, 2);
    const a = files(path.join(synthetic.root, "one"));
    const b = files(path.join(synthetic.root, "two"));
    expect([one.threads, two.threads]).toEqual([0, 2]);
    expect(a.size).toBeGreaterThan(30);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
    // The damaged versions are left out of both, and named by both.
    expect(one.versions).toBe(5 * 130 - 2);
    expect(two.versions).toBe(one.versions);
    const named = (problems: typeof one.problems) =>
      problems.map((p) => `${path.relative(synthetic.root, p.path)}: ${p.message}`).sort();
    expect(named(one.problems)).toEqual([
      expect.stringMatching(/materializations\/asset-002\/pack-v1-v100\.jsonl:42: v42: /),
      expect.stringMatching(/materializations\/asset-003\/v120\.json: not valid JSON/),
    ]);
    expect(named(two.problems)).toEqual(named(one.problems));
    expect({ files: two.files, bytes: two.bytes }).toEqual({ files: one.files, bytes: one.bytes });
  }, 120_000);

  it("keeps the chunks of the site it replaces, as one thread does", async () => {
    const out = path.join(synthetic.root, "again");
    await build(synthetic.root, out, undefined, 2);
    const again = await build(synthetic.root, out, undefined, 2);
    // 5 assets × 6 chunks of 25 versions (v1–v130); the two holding a damaged version are read
    // again (the record may have been mended since).
    expect(again.chunks).toEqual({ kept: 28, read: 2 });
    const fresh = files(path.join(synthetic.root, "one"));
    const kept = files(out);
    expect([...fresh.keys()].filter((f) => fresh.get(f) !== kept.get(f))).toEqual([]);
  }, 120_000);

  it("reads the ledger branch on each thread at the commit the build read", async () => {
    // The synthetic ledger pushed as the kiln-ledger branch of a remote, and a clone with its manifest.
    const { remote, clones } = remoteWithClones(1);
    const clone = clones[0]!;
    const branch = tempDir("kiln-site-branch-");
    gitSync(branch, "init", "-q", "-b", "kiln-ledger");
    cpSync(path.join(synthetic.root, ".kiln/ledger"), branch, { recursive: true });
    gitSync(branch, "add", "-A");
    gitSync(branch, "-c", "user.name=t", "-c", "user.email=t@kiln.invalid", "commit", "-q", "-m", "ledger");
    gitSync(branch, "push", "-q", remote, "kiln-ledger");
    copyFileSync(path.join(synthetic.root, "kiln.yml"), path.join(clone, "kiln.yml"));
    const one = await build(clone, path.join(clone, "one"), undefined, 1, "branch");
    const two = await build(clone, path.join(clone, "two"), undefined, 2, "branch");
    expect([one.threads, two.threads]).toEqual([0, 2]);
    const a = files(path.join(clone, "one"));
    const b = files(path.join(clone, "two"));
    expect(a.get("index.html")).toContain("branch kiln-ledger of origin");
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
    // The same damage, named by its place on the branch.
    expect(two.problems.map((p) => p.path).sort()).toEqual(one.problems.map((p) => p.path).sort());
    expect(two.problems.map((p) => p.path).sort()).toEqual([
      "kiln-ledger:projects/synthetic/materializations/asset-002/pack-v1-v100.jsonl:42",
      "kiln-ledger:projects/synthetic/materializations/asset-003/v120.json",
    ]);
    // The data is that of the same records read from the directory (pages name the ledger).
    const local = files(path.join(synthetic.root, "one"));
    const data = [...a.keys()].filter((f) => f.startsWith("data/"));
    expect(data.length).toBeGreaterThan(30);
    expect(data.filter((f) => a.get(f) !== local.get(f))).toEqual([]);
  }, 120_000);

  it("runs its workers from the installed (bundled) kiln, whose code is split into chunks", async () => {
    const { cli } = await bundles();
    const site = (jobs: string) => {
      const out = path.join(synthetic.root, `cli-${jobs}`);
      const result = spawnSync(
        process.execPath,
        [cli, "site", "-o", out, "--now", NOW.toISOString(), "-j", jobs],
        { cwd: synthetic.root, encoding: "utf8", env: { ...process.env, CI: "true", GITHUB_ACTIONS: "" } },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toContain("pack-v1-v100.jsonl:42");
      expect(result.stdout.includes("versions built on 2 threads")).toBe(jobs === "2");
      return files(out);
    };
    const a = site("1");
    const b = site("2");
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
    const bad = spawnSync(process.execPath, [cli, "site", "-j", "0"], {
      cwd: synthetic.root,
      encoding: "utf8",
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--jobs must be a whole number of 1 or more, not "0"');
  }, 180_000);
});
