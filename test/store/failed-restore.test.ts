// A restore that no store can serve must leave the workspace as it found it: the version on disk
// (here the current one, with a file the asked-for version does not list) stays whole.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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
