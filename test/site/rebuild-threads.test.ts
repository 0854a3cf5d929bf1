// A rebuild starts worker threads only for the versions it has to read: each worker loads its own
// code and ledger caches, which a rebuild that keeps every chunk would pay for nothing.
import { appendFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { versionsToBuild } from "../../src/site/version-chunks.js";
import { writeSyntheticProject } from "../support/synthetic-ledger.js";
import { build, files, workspace } from "./site-build.js";

describe("a rebuild of the history site", () => {
  const synthetic = writeSyntheticProject({ assets: 3, versions: 60, epochs: 2 });
  afterAll(() => rmSync(synthetic.root, { recursive: true, force: true }));

  it("keeping every chunk, starts no worker and writes the same site", async () => {
    const out = path.join(synthetic.root, "site");
    const first = await build(synthetic.root, out, undefined, 2);
    expect(first.threads).toBe(2);
    const before = files(out);
    const again = await build(synthetic.root, out, undefined, 2);
    expect(again.chunks).toEqual({ kept: 9, read: 0 });
    expect(again.threads).toBe(0);
    const after = files(out);
    expect([...after.keys()].filter((f) => after.get(f) !== before.get(f))).toEqual([]);
  }, 120_000);

  it("counts the versions of the chunks whose heads changed since the earlier build", async () => {
    const out = path.join(synthetic.root, "count");
    await build(synthetic.root, out, undefined, 1);
    const ws = await workspace(synthetic.root);
    const heads = await ws.ledger.heads("asset-001");
    expect(heads).toHaveLength(60);
    const key = "synthetic/asset-001";
    expect(versionsToBuild(out, key, undefined, heads)).toBe(0);
    // A 61st version opens a new chunk (v51–v75 held 10 versions, now 11): only that chunk is read.
    const next = { ...heads.at(-1)!, version: 61, dataVersion: "new" };
    expect(versionsToBuild(out, key, undefined, [...heads, next])).toBe(11);
    // Another repository URL, or no earlier build: everything.
    expect(versionsToBuild(out, key, "https://github.com/o/r", heads)).toBe(60);
    expect(versionsToBuild(path.join(synthetic.root, "none"), key, undefined, heads)).toBe(60);
    appendFileSync(path.join(out, "data", key, "build.json"), "{");
    expect(versionsToBuild(out, key, undefined, heads)).toBe(60);
  });
});
