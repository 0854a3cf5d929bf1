// The history site reads the ledger through its interface, so how the records are kept (loose
// files or packs of 100 versions, src/ledger/packs.ts) must not change a byte of what it writes.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticProject } from "../support/synthetic-ledger.js";
import { build, files } from "./site-build.js";

/** The site of the project in `root`, built with no ledger problem. */
async function site(root: string): Promise<Map<string, string>> {
  const out = path.join(root, "site");
  expect((await build(root, out)).problems).toEqual([]);
  return files(out);
}

describe("the history site of a packed ledger", () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it("is byte for byte the site of the same records kept loose", async () => {
    const packed = writeSyntheticProject({ assets: 3, versions: 230, epochs: 3 });
    const loose = writeSyntheticProject({ assets: 3, versions: 230, epochs: 3, packed: false });
    roots.push(packed.root, loose.root);
    const ledgerOf = (root: string) =>
      path.join(root, ".kiln/ledger/projects/synthetic/materializations/asset-001");
    // Two blocks packed and the open one loose, against every version loose.
    expect(
      readdirSync(ledgerOf(packed.root))
        .filter((n) => n.startsWith("pack-"))
        .sort(),
    ).toEqual(["pack-v1-v100.jsonl", "pack-v101-v200.jsonl"]);
    expect(readdirSync(ledgerOf(packed.root))).toHaveLength(2 + 30);
    expect(readdirSync(ledgerOf(loose.root))).toHaveLength(230);
    const a = await site(packed.root);
    const b = await site(loose.root);
    expect(a.size).toBeGreaterThan(30);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
  }, 120_000);
});
