// After a run, every asset's declared outputs in the checkout hold the version `kiln status` calls
// current, whatever other versions the run restored there for a while. Found by review:
// - a dependant of `model@champion` restored the champion into model's paths and nothing put the
//   newest version back (the end-of-run restore trusted a file of the recorded size), so the
//   checkout held the champion's bytes while status said "model fresh v2";
// - a folder output restored at a version with fewer files kept the other version's extra files,
//   so a dependant of the champion listed a file the champion never had.
// Found in session 9 and left open then: every restore that found a file of the recorded size
// took it for the recorded version (model weights of one architecture all have one size), so
// - after `git checkout` of an older commit, the end-of-run restore and the early-cutoff restore
//   left the newer version's bytes where status said the older one was;
// - a cancelled run skipped the end-of-run put-back, leaving the champion a dependant had read.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineRepo, ledgerOf, runEngine } from "../support/engine-run.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

// Writes `weights<w>` to build/model.bin (or `n` files into build/model/) and the config's score.
const TRAIN = `import { mkdirSync, writeFileSync } from "node:fs";
const { w, n, score } = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(process.env.KILN_CONFIG, "utf8")));
mkdirSync("build/model", { recursive: true });
if (w !== undefined) writeFileSync("build/model.bin", "weights" + w);
// Sizes differ between versions: the end-of-run restore trusts a file of the recorded size.
for (let i = 0; i < (n ?? 0); i++) writeFileSync("build/model/f" + i, "file " + i + " of " + "n".repeat(n));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ score }));
`;

const FILE_MANIFEST = (w: number, score: number) => `version: 1
name: restored
assets:
  model:
    code: [train.mjs]
    config: { w: ${w}, score: ${score} }
    run: node train.mjs
    outputs: [build/model.bin]
    metrics: { primary: score, direction: maximize }
    promote: { alias: champion }
  b:
    deps: [model]
    run: cp build/model.bin build/b.bin
    outputs: [build/b.bin]
  z:
    deps: [model@champion]
    run: cp build/model.bin build/z.bin
    outputs: [build/z.bin]
`;

// prep copies the first line of data.txt: an edit of another line makes it run again and write the
// same bytes, so model (and b after it) are found fresh at early cutoff, before their steps.
const CUTOFF_MANIFEST = (w: number) => `version: 1
name: restored
assets:
  prep:
    inputs: [data.txt]
    run: mkdir -p build && head -n 1 data.txt > build/prep.txt
    outputs: [build/prep.txt]
  model:
    deps: [prep]
    code: [train.mjs]
    config: { w: ${w}, score: 1 }
    run: node train.mjs
    outputs: [build/model.bin]
    metrics: { primary: score, direction: maximize }
  b:
    deps: [model]
    run: cp build/model.bin build/b.bin
    outputs: [build/b.bin]
`;

const FOLDER_MANIFEST = (n: number, score: number) => `version: 1
name: restored
assets:
  model:
    code: [train.mjs]
    config: { n: ${n}, score: ${score} }
    run: node train.mjs
    outputs: [build/model]
    metrics: { primary: score, direction: maximize }
    promote: { alias: champion }
  a:
    deps: [model@champion]
    run: ls build/model > build/a.txt
    outputs: [build/a.txt]
`;

async function ok(dir: string, args: string[]) {
  const result = await kilnIn(dir, args);
  expect(result.code, result.output).toBe(0);
  return result;
}

function commitManifest(dir: string, manifest: string): void {
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  gitIn(dir, "commit", "-q", "-am", "config");
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");

describe("the checkout after a run", () => {
  it("holds the newest model, not the champion a dependant of model@champion read", async () => {
    const dir = engineRepo(FILE_MANIFEST(1, 2), { "train.mjs": TRAIN });
    await ok(dir, ["run"]);
    // v2 scores worse: built, not promoted; the champion stays on v1.
    commitManifest(dir, FILE_MANIFEST(2, 1));
    await ok(dir, ["run"]);
    expect(read(dir, "build/model.bin")).toBe("weights2");

    await ok(dir, ["run", "b", "z", "--force", "-j", "1"]);
    expect(read(dir, "build/b.bin")).toBe("weights2");
    expect(read(dir, "build/z.bin")).toBe("weights1");
    const status = JSON.parse((await ok(dir, ["status", "--json"])).stdout);
    expect(status.assets.model).toMatchObject({ status: "fresh", version: "v2" });
    expect(read(dir, "build/model.bin")).toBe("weights2");

    // A run of everything, the model included, leaves its newest version too.
    await ok(dir, ["run", "--force", "-j", "1"]);
    expect(read(dir, "build/z.bin")).toBe("weights1");
    expect(read(dir, "build/model.bin")).toBe("weights2");
  });

  it("holds only the files of the version a folder output was restored at", async () => {
    const dir = engineRepo(FOLDER_MANIFEST(2, 2), { "train.mjs": TRAIN });
    await ok(dir, ["run"]);
    commitManifest(dir, FOLDER_MANIFEST(3, 1));
    await ok(dir, ["run"]);
    expect(readdirSync(path.join(dir, "build/model")).sort()).toEqual(["f0", "f1", "f2"]);

    // The champion (v1) has two files: its dependant sees those two only.
    await ok(dir, ["run", "a", "--force"]);
    expect(read(dir, "build/a.txt").split("\n").filter(Boolean)).toEqual(["f0", "f1"]);
    // And the model's folder holds its newest version again once the run is done.
    expect(readdirSync(path.join(dir, "build/model")).sort()).toEqual(["f0", "f1", "f2"]);
  });

  it("holds only the older version's files after checking out a commit with fewer", async () => {
    const dir = engineRepo(FOLDER_MANIFEST(2, 2), { "train.mjs": TRAIN });
    await ok(dir, ["run"]);
    const older = gitIn(dir, "rev-parse", "HEAD");
    commitManifest(dir, FOLDER_MANIFEST(3, 2));
    await ok(dir, ["run"]);
    expect(readdirSync(path.join(dir, "build/model")).sort()).toEqual(["f0", "f1", "f2"]);

    gitIn(dir, "checkout", "-q", older);
    const run = await ok(dir, ["run"]);
    expect(run.output).not.toContain("model: success");
    expect(readdirSync(path.join(dir, "build/model")).sort()).toEqual(["f0", "f1"]);
    expect(read(dir, "build/model/f0")).toBe("file 0 of nn");
  });

  it("holds the older version's bytes after checking out its commit, though the newer ones have the same size", async () => {
    const dir = engineRepo(FILE_MANIFEST(1, 2), { "train.mjs": TRAIN });
    await ok(dir, ["run"]);
    const older = gitIn(dir, "rev-parse", "HEAD");
    commitManifest(dir, FILE_MANIFEST(2, 1));
    await ok(dir, ["run"]);
    expect(read(dir, "build/model.bin")).toBe("weights2");
    expect(read(dir, "build/b.bin")).toBe("weights2");

    gitIn(dir, "checkout", "-q", older);
    const run = await ok(dir, ["run"]);
    expect(run.output).not.toContain("model: success");
    const status = JSON.parse((await ok(dir, ["status", "--json"])).stdout);
    expect(status.assets.model).toMatchObject({ status: "fresh", version: "v1" });
    expect(status.assets.b).toMatchObject({ status: "fresh", version: "v1" });
    // What status calls fresh is what the checkout holds.
    expect(read(dir, "build/model.bin")).toBe("weights1");
    expect(read(dir, "build/b.bin")).toBe("weights1");

    // A dependant's step reads the version its record names.
    const forced = await runEngine(dir, { selection: ["b"], force: true });
    expect(forced.outcome("b")).toMatchObject({ outcome: "success", detail: "v3" });
    const { records } = await ledgerOf(forced.workspace, "b");
    const model = (await ledgerOf(forced.workspace, "model")).records;
    expect(records.at(-1)!.provenance.deps.model).toBe(model.find((r) => r.version === 1)!.dataVersion);
    expect(read(dir, "build/b.bin")).toBe("weights1");
  });

  it("holds the older version's bytes where early cutoff finds an asset fresh before its step", async () => {
    const dir = engineRepo(CUTOFF_MANIFEST(1), { "train.mjs": TRAIN, "data.txt": "rows\n1\n" });
    await ok(dir, ["run"]);
    const older = gitIn(dir, "rev-parse", "HEAD");
    commitManifest(dir, CUTOFF_MANIFEST(2));
    await ok(dir, ["run"]);
    expect(read(dir, "build/model.bin")).toBe("weights2");

    gitIn(dir, "checkout", "-q", older);
    // prep runs again (its input changed) and writes the same bytes: model and b are fresh at v1.
    writeFileSync(path.join(dir, "data.txt"), "rows\n2\n");
    const run = await runEngine(dir);
    expect(run.outcome("prep")).toMatchObject({ outcome: "success" });
    expect(run.outcome("model")).toMatchObject({ outcome: "fresh", record: { version: 1 } });
    expect(run.outcome("b")).toMatchObject({ outcome: "fresh", record: { version: 1 } });
    expect(read(dir, "build/model.bin")).toBe("weights1");
    expect(read(dir, "build/b.bin")).toBe("weights1");
  });

  it("holds the newest model after a run cancelled while a dependant of model@champion ran", async () => {
    const dir = engineRepo(
      FILE_MANIFEST(1, 2).replace(
        "cp build/model.bin build/z.bin",
        "cp build/model.bin build/z.bin && echo copied && sleep 60",
      ),
      {
        "train.mjs": TRAIN,
      },
    );
    await ok(dir, ["run", "model", "b"]);
    commitManifest(
      dir,
      FILE_MANIFEST(2, 1).replace(
        "cp build/model.bin build/z.bin",
        "cp build/model.bin build/z.bin && echo copied && sleep 60",
      ),
    );
    await ok(dir, ["run", "model", "b"]);
    expect(read(dir, "build/model.bin")).toBe("weights2");

    // z restores the champion (v1) into model's paths, then the run is cancelled during its step.
    const controller = new AbortController();
    const run = await runEngine(dir, {
      selection: ["z"],
      signal: controller.signal,
      onLine: (asset, text) => {
        if (asset === "z" && text.includes("copied")) controller.abort();
      },
    });
    expect(run.result.execution.cancelled).toBe(true);
    expect(run.outcome("z")).toMatchObject({ outcome: "cancelled" });
    expect(read(dir, "build/z.bin")).toBe("weights1");
    // The checkout holds what status calls current, cancelled or not.
    expect(read(dir, "build/model.bin")).toBe("weights2");
    const status = JSON.parse((await ok(dir, ["status", "--json"])).stdout);
    expect(status.assets.model).toMatchObject({ status: "fresh", version: "v2" });
  });
});
