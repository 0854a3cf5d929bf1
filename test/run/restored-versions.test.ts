// After a run, every asset's declared outputs in the checkout hold the version `kiln status` calls
// current, whatever other versions the run restored there for a while. Found by review:
// - a dependant of `model@champion` restored the champion into model's paths and nothing put the
//   newest version back (the end-of-run restore trusted a file of the recorded size), so the
//   checkout held the champion's bytes while status said "model fresh v2";
// - a folder output restored at a version with fewer files kept the other version's extra files,
//   so a dependant of the champion listed a file the champion never had.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineRepo } from "../support/engine-run.js";
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
});
