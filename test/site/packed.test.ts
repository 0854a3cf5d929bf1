// The history site reads the ledger through its interface, so how the records are kept (loose
// files or packs of 100 versions, src/ledger/packs.ts) must not change a byte of what it writes.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/app/workspace.js";
import { loadManifest } from "../../src/manifest/load.js";
import { buildSite } from "../../src/site/build.js";
import { writeSyntheticProject } from "../support/synthetic-ledger.js";

const NOW = new Date("2026-11-23T12:00:00Z");

async function build(root: string): Promise<string> {
  const loaded = loadManifest(path.join(root, "kiln.yml"));
  if (!loaded.ok) throw new Error(loaded.error.map((d) => d.message).join("\n"));
  const opened = await openWorkspace({ project: loaded.value.project, ledger: "local", env: {} });
  if (!opened.ok) throw new Error(opened.error);
  const outDir = path.join(root, "site");
  const result = await buildSite({ workspaces: [opened.workspace], outDir, now: NOW, env: {} });
  if (!result.ok) throw new Error(result.error);
  expect(opened.workspace.ledger.problems()).toEqual([]);
  return outDir;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, file), readFileSync(file, "utf8"));
    }
  return out;
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
    const a = files(await build(packed.root));
    const b = files(await build(loose.root));
    expect(a.size).toBeGreaterThan(30);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
  }, 120_000);
});
