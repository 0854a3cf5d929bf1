// Bytes come back through the CLI: a fresh asset's outputs are restored from the store into the
// workspace. An asset whose bytes are gone from every store ("outputs lost") is tested in-process
// (test/store/restore-in-process.test.ts).
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "./rig.js";

/** Versions recorded for an asset, wherever the ledger keeps its project's records. */
function versions(rig: Rig, asset: string): number[] {
  const files = readdirSync(path.join(rig.dir, ".kiln/ledger"), { recursive: true }).map(String);
  return files
    .map(
      (f) =>
        new RegExp(`(?:^|/)materializations/${asset}/v(\\d+)\\.json$`).exec(f.split(path.sep).join("/"))?.[1],
    )
    .filter((v) => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

describe("kiln run restores what is fresh", () => {
  it("puts every fresh asset's outputs back after `rm -rf build`, without running anything", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    expect((await rig.kiln("run")).code).toBe(0);
    const model = rig.read("build/model.json");
    rmSync(path.join(rig.dir, "build"), { recursive: true });

    const again = await rig.kiln("run");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Everything is fresh: nothing to run.");
    expect(again.stdout).toMatch(/restored 1 output\(s\) of model v1 from .*store/);
    for (const file of ["data.txt", "features.txt", "model.json", "report.txt"])
      expect(existsSync(path.join(rig.dir, "build", file)), file).toBe(true);
    expect(rig.read("build/model.json")).toBe(model);
    expect(versions(rig, "model")).toEqual([1]);
  });

  it("`kiln pull --all` restores every fresh asset's outputs into the workspace", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    expect((await rig.kiln("run")).code).toBe(0);
    rmSync(path.join(rig.dir, "build"), { recursive: true });
    const pulled = await rig.kiln("pull", "--all");
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(rig.read("build/report.txt")).toBe('model: {"sum":6,"quality":50}');
    expect(pulled.stdout).toContain("report v1");
  });
});
