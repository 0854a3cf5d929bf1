// Locations found after a version was recorded are appended beside it, never written into the
// immutable record, and read back by any process, in both ledger backends.
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BranchLedger } from "../../src/ledger/branch.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { gitSync, newMaterialization, remoteWithClones, tempDir } from "./fixtures.js";

const cache = { kind: "cache" as const, ref: "kiln-model-abc" };
const artifact = { kind: "artifact" as const, ref: "kiln-model-v1@77", id: 12, runId: "77" };

describe("appended locations", () => {
  it("are appended to locations/<asset>/v<N>.jsonl of the directory ledger; the record is untouched", async () => {
    const root = tempDir();
    const dir = path.join(root, ".kiln/ledger");
    const ledger = new LocalLedger(dir);
    const v1 = await ledger.recordMaterialization(newMaterialization("model"));
    const recordFile = path.join(dir, "materializations/model/v1.json");
    const before = readFileSync(recordFile, "utf8");
    await ledger.addLocations("model", v1.version, [cache]);
    await ledger.addLocations("model", v1.version, [artifact]);
    expect(readFileSync(recordFile, "utf8")).toBe(before);
    // A crash mid-append leaves half a line: it is skipped and reported, the next append is whole.
    appendFileSync(path.join(dir, "locations/model/v1.jsonl"), '{"kind":"rel');
    await ledger.addLocations("model", v1.version, [{ kind: "release", ref: "kiln/model/v1/m.json" }]);
    const reader = new LocalLedger(dir);
    expect(await reader.locations("model", 1)).toEqual([
      cache,
      artifact,
      { kind: "release", ref: "kiln/model/v1/m.json" },
    ]);
    expect(reader.problems().map((p) => p.message)).toEqual([
      "an unreadable location line (cut short by a crash?); skipped",
    ]);
    expect(await reader.locations("model", 2)).toEqual([]);
  });

  it("are committed to the ledger branch and read by another clone", async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    const writer = new BranchLedger({ cwd: a });
    await writer.recordMaterialization(newMaterialization("model"));
    await writer.addLocations("model", 1, [cache]);
    await new BranchLedger({ cwd: b }).addLocations("model", 1, [artifact]);
    const files = gitSync(remote, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n");
    expect(files).toContain("locations/model/v1.jsonl");
    const reader = new BranchLedger({ cwd: a });
    expect(await reader.locations("model", 1)).toEqual([cache, artifact]);
    expect(reader.problems()).toEqual([]);
  });
});
