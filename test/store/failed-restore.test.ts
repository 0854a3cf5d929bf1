// A restore that no store can serve must leave the workspace as it found it: the version on disk
// (here the current one, with a file the asked-for version does not list) stays whole.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StoreChain } from "../../src/store/chain.js";
import { LocalStore } from "../../src/store/local.js";
import { blobId } from "../../src/version/blob.js";
import { tempDir } from "../ledger/fixtures.js";

describe("a restore that finds no bytes", () => {
  it("writes nothing and removes nothing", async () => {
    const root = tempDir("kiln-failed-restore-");
    mkdirSync(path.join(root, "build/model"), { recursive: true });
    writeFileSync(path.join(root, "build/model/a.txt"), "two\n");
    writeFileSync(path.join(root, "build/model/b.txt"), "extra\n"); // the current version's
    const chain = new StoreChain(new LocalStore(path.join(root, ".kiln/store")), [], {
      declaredOutputs: () => ["build/model"],
    });
    const one = Buffer.from("one\n");
    const result = await chain.restore(root, {
      asset: "model",
      version: 1,
      dataVersion: "d1",
      outputs: { "build/model/a.txt": { blob: blobId(one), size: one.length } },
      locations: [],
    });
    expect(result.ok).toBe(false);
    expect(existsSync(path.join(root, "build/model/b.txt"))).toBe(true);
  });
});

describe("a restore from the local store", () => {
  it("places a version whole or not at all: one corrupt object leaves every file as it was", async () => {
    const root = tempDir("kiln-partial-local-");
    const local = new LocalStore(path.join(root, ".kiln/store"));
    mkdirSync(path.join(root, "build/model"), { recursive: true });
    const one = { a: Buffer.from("a-one\n"), b: Buffer.from("b-one\n") };
    for (const [name, bytes] of Object.entries(one)) {
      writeFileSync(path.join(root, `build/model/${name}.bin`), bytes);
      await local.put(path.join(root, `build/model/${name}.bin`));
    }
    // v2 is on disk; v1's second object was damaged on disk since.
    writeFileSync(path.join(root, "build/model/a.bin"), "a-two\n");
    writeFileSync(path.join(root, "build/model/b.bin"), "b-two\n");
    writeFileSync(local.objectPath(blobId(one.b)), "b-ONE\n");
    const result = await new StoreChain(local, []).restore(root, {
      asset: "model",
      version: 1,
      dataVersion: "d1",
      outputs: {
        "build/model/a.bin": { blob: blobId(one.a), size: one.a.length },
        "build/model/b.bin": { blob: blobId(one.b), size: one.b.length },
      },
      locations: [],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/is corrupt/);
    expect(readFileSync(path.join(root, "build/model/a.bin"), "utf8")).toBe("a-two\n");
    expect(readFileSync(path.join(root, "build/model/b.bin"), "utf8")).toBe("b-two\n");
  });
});
