// Early cutoff through assessProject and reassess, over a tiny in-memory ledger: a dependency
// re-materialized to identical bytes leaves its dependant fresh; new bytes make it stale.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FailureRecord, headOf, type MaterializationRecord } from "../../src/domain/records.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { loadManifest } from "../../src/manifest/load.js";
import { assessProject } from "../../src/version/status.js";

function memoryLedger(records: Map<string, MaterializationRecord[]>): Ledger {
  const unused = () => Promise.reject(new Error("not used by status"));
  return {
    description: "memory",
    materializations: async (asset) => records.get(asset) ?? [],
    heads: async (asset) => (records.get(asset) ?? []).map(headOf),
    materialization: async (asset, version) => records.get(asset)?.find((r) => r.version === version),
    series: async (record) => record.series,
    failures: async (): Promise<FailureRecord[]> => [],
    recordMaterialization: unused,
    recordFailure: unused,
    aliasHistory: async () => [],
    aliasState: async () => ({ history: [], damage: [] }),
    moveAlias: unused,
    readCursor: async () => undefined,
    updateCursor: unused,
    addLocations: unused,
    locations: async () => [],
    problems: () => [],
  };
}

describe("early cutoff", () => {
  it("keeps a dependant fresh when its dependency's data version is unchanged", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-cutoff-"));
    writeFileSync(path.join(dir, "features.py"), "print(1)\n");
    writeFileSync(
      path.join(dir, "kiln.yml"),
      "version: 1\nassets:\n  features:\n    code: [features.py]\n    run: python features.py\n  model:\n    deps: [features]\n    run: python train.py\n",
    );
    const loaded = await loadManifest(path.join(dir, "kiln.yml"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const project = loaded.value.project;
    const records = new Map<string, MaterializationRecord[]>();
    const ledger = memoryLedger(records);

    const first = await assessProject({ project, ledger, environment: "dev" });
    expect(first.assets.get("features")?.reasons).toEqual(["never materialized"]);
    expect(first.assets.get("model")?.status).toBe("missing");
    expect(first.assets.get("model")?.logicalVersion).toBeUndefined();

    const features = first.assets.get("features")!;
    records.set("features", [
      {
        logicalVersion: features.logicalVersion,
        dataVersion: "dv1",
        provenance: features.provenance,
        context: { event: "local", environment: "dev" },
      } as never,
    ]);
    const model = await first.reassess("model", { features: "dv1" });
    expect(model.logicalVersion).toBeDefined();
    records.set("model", [
      {
        logicalVersion: model.logicalVersion,
        dataVersion: "m1",
        provenance: model.provenance,
        context: { event: "local", environment: "dev" },
      } as never,
    ]);

    const second = await assessProject({ project, ledger, environment: "dev" });
    expect(second.assets.get("features")?.status).toBe("fresh");
    expect(second.assets.get("model")?.status).toBe("fresh");

    // A code change in features: stale; model waits on it.
    writeFileSync(path.join(dir, "features.py"), "print(1)  # comment\n");
    const third = await assessProject({ project, ledger, environment: "dev" });
    expect(third.assets.get("features")?.reasons).toEqual(["code changed (features.py)"]);
    expect(third.assets.get("model")?.status).toBe("stale");
    expect(third.assets.get("model")?.reasons).toEqual(["dependency features is stale"]);
    // Re-materialized to identical bytes: model is fresh. New bytes: stale, with the cause.
    expect((await third.reassess("model", { features: "dv1" })).status).toBe("fresh");
    const changed = await third.reassess("model", { features: "dv2" });
    expect(changed.status).toBe("stale");
    expect(changed.reasons).toEqual(["dependency features has a new data version"]);
    expect(changed.depsUpdated).toEqual(["features"]);
  });
});
