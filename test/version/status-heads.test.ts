// Status reads heads, not whole histories (issue #16): an asset is shown and compared from its
// heads, and the one record it answers with is read to check it is intact (the record is the
// truth; a damaged one is passed over, as tests/reliability/doctor.test.ts shows). The answer is
// the same as when every current record is read (the run path's mode).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Ledger } from "../../src/ledger/ledger.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { loadManifest } from "../../src/manifest/load.js";
import { assessProject, type ProjectAssessment } from "../../src/version/status.js";

/** The real ledger, with the asset/version of every record read (whole, or checked intact) noted down. */
function countingLedger(ledger: LocalLedger, read: string[]): Ledger {
  return new Proxy(ledger, {
    get(target, key, receiver) {
      if (key === "materialization" || key === "recordIntact")
        return (asset: string, version: number) => {
          read.push(`${asset}@v${version}`);
          return target[key](asset, version);
        };
      if (key === "materializations")
        return (asset: string) => {
          read.push(`${asset}@all`);
          return target.materializations(asset);
        };
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Records a version of each asset as the assessment would build it (outputs of its own). */
async function materializeAll(ledger: Ledger, assessment: ProjectAssessment, names: string[]) {
  for (const name of names) {
    const a = assessment.assets.get(name)!;
    await ledger.recordMaterialization({
      asset: name,
      status: "success",
      logicalVersion: a.logicalVersion!,
      dataVersion: `dv-${name}`,
      provenance: a.provenance!,
      outputs: { [`out/${name}.txt`]: { blob: "e".repeat(40), size: 3 } },
      locations: [{ kind: "local", ref: ".kiln/store" }],
      metrics: {},
      series: [],
      checks: [],
      reasons: [],
      context: { event: "local", environment: "dev" },
      startedAt: "2026-11-23T06:00:00.000Z",
      finishedAt: "2026-11-23T06:01:00.000Z",
      durationMs: 1,
      attempts: 1,
    });
  }
}

describe("status from heads", () => {
  it("reads one record per asset, the one it answers with, and never an asset's whole history", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-status-heads-"));
    for (const name of ["a", "b", "c"]) writeFileSync(path.join(dir, `${name}.py`), `print("${name}")\n`);
    writeFileSync(
      path.join(dir, "kiln.yml"),
      [
        "version: 1",
        "assets:",
        "  a:\n    code: [a.py]\n    run: python a.py\n    outputs: [out/a.txt]",
        "  b:\n    deps: [a]\n    code: [b.py]\n    run: python b.py\n    outputs: [out/b.txt]",
        "  c:\n    code: [c.py]\n    run: python c.py\n    outputs: [out/c.txt]",
        "",
      ].join("\n"),
    );
    const loaded = loadManifest(path.join(dir, "kiln.yml"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const project = loaded.value.project;
    const ledger = new LocalLedger(path.join(dir, ".kiln/ledger"));
    const first = await assessProject({ project, ledger, environment: "dev" });
    await materializeAll(ledger, first, ["a", "c"]);
    const second = await assessProject({ project, ledger, environment: "dev" });
    await materializeAll(ledger, second, ["b"]);
    // Two versions of c, then a code change: c is stale against v2.
    await materializeAll(ledger, second, ["c"]);
    writeFileSync(path.join(dir, "c.py"), 'print("c, changed")\n');

    const read: string[] = [];
    const available: string[] = [];
    const byHeads = await assessProject({
      project,
      ledger: countingLedger(new LocalLedger(path.join(dir, ".kiln/ledger")), read),
      environment: "dev",
      latestRecords: false,
      outputsAvailable: async (version) => {
        available.push(`${version.asset}@v${version.version}:${Object.keys(version.outputs).join(",")}`);
        return true;
      },
    });
    const byRecords = await assessProject({ project, ledger, environment: "dev" });
    const summary = (assessment: ProjectAssessment) =>
      [...assessment.assets.values()].map((a) => [
        a.name,
        a.status,
        a.current?.version,
        a.current?.dataVersion,
        a.reasons,
        a.depsUpdated,
        a.codeChanged,
      ]);
    expect(summary(byHeads)).toEqual([
      ["a", "fresh", 1, "dv-a", [], [], false],
      ["c", "stale", 2, "dv-c", ["code changed (c.py)"], [], true],
      ["b", "fresh", 1, "dv-b", [], [], false],
    ]);
    expect(summary(byHeads)).toEqual(summary(byRecords));
    // One record per asset, the current one; no asset's whole history. (A stale asset's record is
    // checked intact, then read whole for its causes.)
    expect([...new Set(read)].sort()).toEqual(["a@v1", "b@v1", "c@v2"]);
    // Whether a fresh version's bytes are still in a store is asked with what its head holds.
    expect(available.sort()).toEqual(["a@v1:out/a.txt", "b@v1:out/b.txt"]);
    expect(byHeads.assets.get("a")?.latest).toBeUndefined();
    expect(byRecords.assets.get("a")?.latest?.outputs).toEqual(byHeads.assets.get("a")?.current?.outputs);
  });
});
