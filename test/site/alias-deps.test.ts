// A dependant of `model@champion` records its dependency under that reference; the site must link
// it to the model version it read, as it does for a plain dependency. Found by review: the site
// looked the reference up as an asset name, and showed "model@champion (unknown) — not in the
// ledger".
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDataFile } from "../../src/site/data-file.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { build } from "./site-build.js";
import { commitNewRepository } from "../support/git-script.js";

const MANIFEST = `version: 1
name: shop
assets:
  model:
    run: "echo 0.5 > build/model.txt && echo '{\\"mae\\": 0.5}' > \\"$KILN_METRICS\\""
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: {}
  scores:
    deps: [model@champion]
    run: "cat build/model.txt > build/scores.txt"
    outputs: [build/scores.txt]
`;

interface Chunk {
  versions: Array<{ upstream: Array<{ name: string; kind: string; version?: number }> }>;
}

describe("the site of a dependant of an alias", () => {
  it("links its dependency to the version the alias named when it ran", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-site-alias-"));
    mkdirSync(path.join(dir, "build"));
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
    writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
    commitNewRepository(dir, "init");
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);

    const out = path.join(dir, "site");
    await build(dir, out);
    const text = readFileSync(path.join(out, "data/shop/scores/c0.js"), "utf8");
    const chunk = readDataFile(text, "shop/scores/c0") as Chunk;
    expect(chunk.versions[0]!.upstream).toEqual([
      expect.objectContaining({ name: "model@champion", kind: "asset", version: 1 }),
    ]);
  });
});
