// A rebuild of the history site into the directory of the earlier one keeps the version chunks
// that cannot have changed and reads only the rest from the ledger. What it writes must be exactly
// what a fresh build writes: after a new version, an alias move, a lost upstream record and a new
// repository URL, each rebuild is compared byte for byte with a fresh build of the same ledger.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ledger } from "../../src/ledger/ledger.js";
import { writeSyntheticProject, type Synthetic } from "../support/synthetic-ledger.js";
import { build, files, workspace } from "./site-build.js";

/** The site in `dir` against a fresh build of the same ledger: the paths that differ. */
async function differences(synthetic: Synthetic, dir: string, repositoryUrl?: string): Promise<string[]> {
  const fresh = path.join(synthetic.root, "fresh");
  rmSync(fresh, { recursive: true, force: true });
  const result = await build(synthetic.root, fresh, repositoryUrl);
  expect(result.chunks.kept).toBe(0);
  const a = files(dir);
  const b = files(fresh);
  return [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).sort();
}

describe("rebuilding the history site", () => {
  let synthetic: Synthetic;
  let ledger: Ledger;
  let out: string;
  // 3 assets × 60 versions: chunks of 25 versions, 3 per asset.
  const CHUNKS = 9;

  beforeAll(async () => {
    synthetic = writeSyntheticProject({ assets: 3, versions: 60, epochs: 3 });
    ledger = (await workspace(synthetic.root)).ledger;
    out = path.join(synthetic.root, "site");
    const first = await build(synthetic.root, out);
    expect(first.chunks).toEqual({ kept: 0, read: CHUNKS });
  }, 120_000);
  afterAll(() => rmSync(synthetic.root, { recursive: true, force: true }));

  it("keeps every chunk of an unchanged ledger", async () => {
    const before = files(out);
    const again = await build(synthetic.root, out);
    expect(again.chunks).toEqual({ kept: CHUNKS, read: 0 });
    expect(files(out)).toEqual(before);
  });

  it("reads only the chunk with a new version, and shows an alias move without reading", async () => {
    const [one] = synthetic.names.slice(1);
    const last = (await ledger.materialization(one!, 60))!;
    const { version: _v, schema: _s, ...rest } = last;
    const added = await ledger.recordMaterialization({
      ...rest,
      series: [{ step: 1, train_loss: 0.5 }],
      seriesFile: undefined,
      logicalVersion: "logical-new",
      dataVersion: "data-new",
      metrics: { loss: 0.01, accuracy: 0.99 },
      finishedAt: "2026-11-20T00:00:00.000Z",
    });
    expect(added.version).toBe(61);
    const holder = (await ledger.aliasHistory(one!)).at(-1)!.to;
    expect(
      await ledger.moveAlias({
        alias: "champion",
        asset: one!,
        from: holder,
        to: 61,
        by: "test",
        reason: "r",
      }),
    ).toBe(true);
    const rebuilt = await build(synthetic.root, out);
    // v51–v61 of the asset with the new version; its dependant links to its data versions, which
    // resolve as before, so nothing of it is read.
    expect(rebuilt.chunks).toEqual({ kept: CHUNKS - 1, read: 1 });
    expect(rebuilt.versions).toBe(3 * 60 + 1);
    expect(await differences(synthetic, out)).toEqual([]);
    const meta = readFileSync(path.join(out, "data/synthetic", one!, "meta.js"), "utf8");
    expect(meta).toContain('"aliases":{"champion":61}');
  });

  it("reads a dependant's chunks again when an upstream version its links resolved to is gone", async () => {
    const [, one, two] = synthetic.names;
    // The dependant's v11 was trained on this version's data: its link now resolves to nothing.
    rmSync(path.join(synthetic.root, ".kiln/ledger/projects/synthetic/materializations", one!, "v10.json"));
    const rebuilt = await build(synthetic.root, out);
    // The chunk that lost v10, and every chunk of the dependant (its upstream changed); the third
    // asset links only to the dependant, whose versions are all there: kept.
    expect(rebuilt.chunks).toEqual({ kept: CHUNKS - 4, read: 4 });
    expect(await differences(synthetic, out)).toEqual([]);
    const chunk = readFileSync(path.join(out, "data/synthetic", two!, "c0.js"), "utf8");
    expect(chunk).toContain(`{"name":"${one}","kind":"asset","dataVersion":"data-1-10"}`);
  });

  it("reads everything again for another repository URL (every commit link changes)", async () => {
    const url = "https://github.com/acme/ml";
    const rebuilt = await build(synthetic.root, out, url);
    expect(rebuilt.chunks.kept).toBe(0);
    expect(await differences(synthetic, out, url)).toEqual([]);
    expect((await build(synthetic.root, out, url)).chunks.read).toBe(0);
  });
});
