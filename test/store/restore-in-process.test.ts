// Restoring outputs from the store, in-process: after `rm -rf build` a run puts fresh assets'
// outputs back without running them; a dependant's step finds its dependency's outputs restored
// before it starts; bytes gone from every store make the asset stale ("outputs lost") and it is
// rebuilt; a corrupt store object or a record naming a path outside the project writes nothing.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restoreOutputs } from "../../src/run/restore.js";
import { engineRepo, ledgerOf, runEngine } from "../support/engine-run.js";
import { gitIn } from "../support/kiln-in-process.js";

const PIPELINE = `version: 1
assets:
  features:
    run: 'mkdir -p build/features && printf "x,y\\n1,2\\n" > build/features/train.csv && printf "v1" > build/features/VERSION'
    outputs: [build/features]
  model:
    deps: [features]
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model.txt]
`;
const TRAIN = "mkdir -p build\ncat build/features/VERSION build/features/train.csv > build/model.txt\n";

function pipelineRepo(): string {
  return engineRepo(PIPELINE, { "train.sh": TRAIN });
}

function storeObject(dir: string, blob: string): string {
  return path.join(dir, ".kiln/store", blob.slice(0, 2), blob.slice(2));
}

describe("restoring outputs", () => {
  it("puts every fresh asset's outputs back after `rm -rf build`, running nothing", async () => {
    const dir = pipelineRepo();
    await runEngine(dir);
    const before = readFileSync(path.join(dir, "build/model.txt"), "utf8");
    rmSync(path.join(dir, "build"), { recursive: true });

    const run = await runEngine(dir);
    expect(run.result.execution.outcomes.size).toBe(0);
    expect(run.events).toEqual([]);
    const local = run.workspace.stores.local.description;
    expect(run.result.restored).toEqual([
      {
        asset: "features",
        version: 1,
        restored: ["build/features/VERSION", "build/features/train.csv"],
        from: [local],
      },
      { asset: "model", version: 1, restored: ["build/model.txt"], from: [local] },
    ]);
    expect(readFileSync(path.join(dir, "build/model.txt"), "utf8")).toBe(before);
    expect((await ledgerOf(run.workspace, "model")).records).toHaveLength(1);

    // Everything in place: nothing to restore the next time.
    const again = await runEngine(dir);
    expect(again.result.restored.every((r) => r.restored.length === 0)).toBe(true);
  });

  it("puts the recorded bytes back over an output edited by hand, of the same size or another", async () => {
    const dir = pipelineRepo();
    await runEngine(dir);
    const version = path.join(dir, "build/features/VERSION");
    // The same size as the recorded "v1": what status calls fresh must be what the checkout holds
    // (two versions of a model of one architecture have the same size too).
    writeFileSync(version, "v9");
    let run = await runEngine(dir);
    expect(readFileSync(version, "utf8")).toBe("v1");
    expect(run.result.restored.find((r) => r.asset === "features")?.restored).toEqual([
      "build/features/VERSION",
    ]);

    writeFileSync(version, "edited by hand");
    run = await runEngine(dir);
    expect(readFileSync(version, "utf8")).toBe("v1");
    expect(run.result.restored.find((r) => r.asset === "features")?.restored).toEqual([
      "build/features/VERSION",
    ]);
  });

  it("restores a dependency's outputs for a dependant that runs, without running the dependency", async () => {
    const dir = pipelineRepo();
    await runEngine(dir);
    rmSync(path.join(dir, "build"), { recursive: true });
    writeFileSync(path.join(dir, "train.sh"), `${TRAIN}echo trained >> build/model.txt\n`);
    gitIn(dir, "commit", "-qam", "train differently");

    const run = await runEngine(dir);
    expect(run.outcome("features")).toBeUndefined();
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(readFileSync(path.join(dir, "build/model.txt"), "utf8")).toBe("v1x,y\n1,2\ntrained\n");
    expect((await ledgerOf(run.workspace, "features")).records).toHaveLength(1);
  });

  it("rebuilds an asset whose bytes are in no store any more (outputs lost)", async () => {
    const dir = pipelineRepo();
    const first = await runEngine(dir);
    const [model] = (await ledgerOf(first.workspace, "model")).records;
    rmSync(storeObject(dir, model!.outputs["build/model.txt"]!.blob));
    rmSync(path.join(dir, "build/model.txt"));

    const run = await runEngine(dir);
    expect(run.outcome("features")).toBeUndefined();
    const rebuilt = run.outcome("model")!;
    expect(rebuilt).toMatchObject({ outcome: "success", detail: "v2" });
    expect(rebuilt.reasons.join("; ")).toMatch(/outputs lost/);
    expect(existsSync(storeObject(dir, model!.outputs["build/model.txt"]!.blob))).toBe(true);
    expect(readFileSync(path.join(dir, "build/model.txt"), "utf8")).toBe("v1x,y\n1,2\n");
  });

  it("a dependency whose bytes are in no store fails the dependant an asset job was told to run, saying the bytes are lost", async () => {
    const dir = pipelineRepo();
    const first = await runEngine(dir);
    const [features] = (await ledgerOf(first.workspace, "features")).records;
    rmSync(path.join(dir, "build"), { recursive: true });
    for (const output of Object.values(features!.outputs)) rmSync(storeObject(dir, output.blob));

    const run = await runEngine(dir, { decided: new Map([["model", { request: true }]]) });
    const failed = run.outcome("model")!;
    expect(failed.outcome).toBe("failed");
    // features was built (v1): saying it "has never been materialized" would send the user
    // looking for the wrong problem. Its bytes are lost; the message says so.
    expect(failed.detail).toBe(
      "dependency features is stale (outputs lost (v1's bytes are in no store)): run `kiln run +model` to build it first",
    );
    // The step never started.
    expect(run.lines).toEqual([]);
    expect((await ledgerOf(run.workspace, "model")).records).toHaveLength(1);
  });

  it("a corrupt store object is reported, and no file is written in its place", async () => {
    const dir = pipelineRepo();
    const first = await runEngine(dir);
    const [model] = (await ledgerOf(first.workspace, "model")).records;
    const blob = model!.outputs["build/model.txt"]!.blob;
    writeFileSync(storeObject(dir, blob), "flipped bits, not the model");
    rmSync(path.join(dir, "build/model.txt"));

    const run = await runEngine(dir);
    const entry = run.result.restored.find((r) => r.asset === "model")!;
    expect(entry.restored).toEqual([]);
    expect(entry.error).toContain(
      `the outputs of model v1 (build/model.txt) are in no store; looked in ${run.workspace.stores.local.description} (failed: the store object ${storeObject(dir, blob)} is corrupt`,
    );
    expect(existsSync(path.join(dir, "build/model.txt"))).toBe(false);
  });

  it("refuses a record that names a path outside the project, writing nothing", async () => {
    const dir = pipelineRepo();
    const first = await runEngine(dir);
    const [model] = (await ledgerOf(first.workspace, "model")).records;
    rmSync(path.join(dir, "build"), { recursive: true });
    // A ledger is a branch anyone with push access can edit.
    const tampered = {
      ...model!,
      outputs: {
        "build/model.txt": model!.outputs["build/model.txt"]!,
        "../escaped.txt": model!.outputs["build/model.txt"]!,
      },
    };
    const result = await restoreOutputs(dir, [tampered], first.workspace.stores);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^refusing to restore model v1: .*nothing was written/);
    expect(existsSync(path.join(dir, "build/model.txt"))).toBe(false);
    expect(existsSync(path.join(dir, "../escaped.txt"))).toBe(false);
  });
});
