// Status reads heads, not whole histories (issue #16): an asset is shown and compared from its
// heads, and the one record it answers with is read to check it is intact (the record is the
// truth; a damaged one is passed over, as tests/reliability/doctor.test.ts shows). The answer is
// the same as when every current record is read (the run path's mode).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Ledger } from "../../src/ledger/ledger.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { loadManifest } from "../../src/manifest/load.js";
import { assessProject, type ProjectAssessment } from "../../src/version/status.js";
import { countingLedger } from "../support/counting-ledger.js";

/** The ledger as a backend without a head log of its own shows it: every head read whole. */
function wholeHeads(ledger: Ledger): Ledger {
  return new Proxy(ledger, {
    get(target, key, receiver) {
      if (key === "headLog") return undefined;
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Records a version of each asset as the assessment would build it (outputs of its own). */
async function materializeAll(
  ledger: Ledger,
  assessment: ProjectAssessment,
  names: string[],
  environment = "dev",
) {
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
      context: { event: "local", environment },
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
      ledger: countingLedger(new LocalLedger(path.join(dir, ".kiln/ledger")), read, { intactChecks: true }),
      environment: "dev",
      latestRecords: false,
      outputsAvailable: async (version) => {
        available.push(`${version.asset}@v${version.version}:${Object.keys(version.outputs).join(",")}`);
        return true;
      },
    });
    const byRecords = await assessProject({ project, ledger, environment: "dev", latestRecords: true });
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

  it("judges an asset from its newest heads, however long its history, and answers as when every head is read", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-status-history-"));
    const code = (text: string) => writeFileSync(path.join(dir, "a.py"), `print("${text}")\n`);
    code("A");
    writeFileSync(
      path.join(dir, "kiln.yml"),
      "version: 1\nassets:\n  a:\n    code: [a.py]\n    run: python a.py\n    outputs: [out/a.txt]\n",
    );
    const loaded = loadManifest(path.join(dir, "kiln.yml"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const project = loaded.value.project;
    const ledgerDir = path.join(dir, ".kiln/ledger");
    const ledger = new LocalLedger(ledgerDir);
    const assess = (l: Ledger) =>
      assessProject({ project, ledger: l, environment: "dev", latestRecords: false });
    await materializeAll(ledger, await assess(ledger), ["a"]); // v1 from A
    code("B");
    const b = await assess(ledger);
    for (let i = 0; i < 30; i++) await materializeAll(ledger, b, ["a"]); // v2–v31 from B, in dev
    for (let i = 0; i < 5; i++) await materializeAll(ledger, b, ["a"], "prod"); // v32–v36, in prod
    const summary = (assessment: ProjectAssessment) => {
      const a = assessment.assets.get("a")!;
      return [a.status, a.current?.version, a.reasons, a.lastHandled?.version];
    };
    const both = async () => {
      const lazy = new LocalLedger(ledgerDir);
      const answer = summary(await assess(lazy));
      expect(lazy.problems()).toEqual([]);
      expect(summary(await assess(wholeHeads(new LocalLedger(ledgerDir))))).toEqual(answer);
      return answer;
    };
    // Fresh at the newest version: prod's build of the same inputs counts.
    expect(await both()).toEqual(["fresh", 36, [], 31]);
    // Back to A: the version built from it thirty-five versions ago is found.
    code("A");
    expect(await both()).toEqual(["fresh", 1, [], 31]);
    // Something new: stale against the newest version of this environment (past prod's five).
    code("C");
    expect(await both()).toEqual(["stale", 31, ["code changed (a.py)"], 31]);

    // Only the heads near the answer were read (v36 fresh, back to v31 for this environment's
    // newest; the lineage search reads ahead at most as many heads as it went through): the first
    // 24 lines of the log are damaged now, and status never reports it; a reader of every head does.
    code("B");
    const file = path.join(ledgerDir, "heads/a.jsonl");
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(36);
    writeFileSync(
      file,
      `${lines.map((line, i) => (i < 24 ? `{"version":${i + 1},"damaged` : line)).join("\n")}\n`,
    );
    const lazy = new LocalLedger(ledgerDir);
    expect(summary(await assess(lazy))).toEqual(["fresh", 36, [], 31]);
    expect(lazy.problems()).toEqual([]);
    const whole = new LocalLedger(ledgerDir);
    expect((await whole.heads("a")).map((h) => h.version)).toHaveLength(36); // rebuilt from the records
    expect(whole.problems()).toHaveLength(24);
  });
});
