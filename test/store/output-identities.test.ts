// Whether a workspace file holds a recorded blob (src/store/output-identities.ts): by content, with
// a memo of the identities of files already hashed so that a run of fresh assets asks the disk one
// stat per output. The memo may make an answer cheaper, never wrong: a size is no answer (two
// versions of a model of one architecture have the same), an identity counts only once it is
// older than the racy window, and any change of the file gives it another identity.
//
// Tests that need the memo to answer without reading make the racy window negative (as if every
// identity had been taken long after its file's last change), and check that it answered from the
// identity by having noted a blob the file does not hold.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalStore } from "../../src/store/local.js";
import { StoreChain } from "../../src/store/chain.js";
import { OutputIdentities } from "../../src/store/output-identities.js";
import type { StoredVersion } from "../../src/store/types.js";
import { dataVersion } from "../../src/version/versions.js";
import { blobId } from "../../src/version/blob.js";

const OLD = { racyMs: -1000 };

/** A workspace root with `.kiln/` as Kiln leaves it (it ignores itself, so caches are written). */
function workspace(): { root: string; kiln: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "kiln-identities-"));
  const kiln = path.join(root, ".kiln");
  mkdirSync(kiln);
  writeFileSync(path.join(kiln, ".gitignore"), "*\n");
  mkdirSync(path.join(root, "build"));
  return { root, kiln };
}

const blob = (text: string) => ({ blob: blobId(text), size: Buffer.byteLength(text) });

function write(root: string, file: string, text: string): void {
  writeFileSync(path.join(root, file), text);
}

describe("whether a file holds a blob", () => {
  it("compares content, not size: another version's bytes of the same size are not the version", async () => {
    const { root, kiln } = workspace();
    write(root, "build/model.bin", "weights2");
    const identities = new OutputIdentities(kiln, OLD);
    expect(await identities.holds(root, "build/model.bin", blob("weights1"))).toBe(false);
    expect(await identities.holds(root, "build/model.bin", blob("weights2"))).toBe(true);
    // Noted as holding weights2: asked again (the answer now from its identity), still not weights1.
    expect(await identities.holds(root, "build/model.bin", blob("weights1"))).toBe(false);
    expect(await new OutputIdentities(kiln, OLD).holds(root, "build/model.bin", blob("weights1"))).toBe(
      false,
    );
    expect(await identities.holds(root, "build/model.bin", blob("weights22"))).toBe(false);
    expect(await identities.holds(root, "build/absent.bin", blob("weights2"))).toBe(false);
    expect(await identities.holds(root, "build", blob("weights2"))).toBe(false);
  });

  it("answers from a noted identity, in this process and the next, until the file changes", async () => {
    const { root, kiln } = workspace();
    write(root, "build/model.bin", "weights1");
    const first = new OutputIdentities(kiln, OLD);
    // Noted (as a store would after reading it) with a blob the file does not hold: an answer of
    // true for that blob can only come from the identity.
    first.note(root, "build/model.bin", first.stamp(root, "build/model.bin"), blobId("weights9"));
    expect(await first.holds(root, "build/model.bin", blob("weights9"))).toBe(true);
    first.save();
    const next = new OutputIdentities(kiln, OLD);
    expect(await next.holds(root, "build/model.bin", blob("weights9"))).toBe(true);

    // Rewritten in place, same size: another identity, hashed again.
    write(root, "build/model.bin", "weights2");
    expect(await next.holds(root, "build/model.bin", blob("weights9"))).toBe(false);
    expect(await next.holds(root, "build/model.bin", blob("weights2"))).toBe(true);
    // Replaced by another file (a rename, as every restore writes): another inode.
    write(root, "build/other.bin", "weights3");
    renameSync(path.join(root, "build/other.bin"), path.join(root, "build/model.bin"));
    expect(await next.holds(root, "build/model.bin", blob("weights2"))).toBe(false);
    expect(await next.holds(root, "build/model.bin", blob("weights3"))).toBe(true);
  });

  it("keeps no identity taken within the racy window of the file's last change", async () => {
    const { root, kiln } = workspace();
    write(root, "build/model.bin", "weights1");
    const young = new OutputIdentities(kiln);
    young.note(root, "build/model.bin", young.stamp(root, "build/model.bin"), blobId("weights9"));
    // Not kept: the file is hashed, in this process and the next.
    expect(await young.holds(root, "build/model.bin", blob("weights9"))).toBe(false);
    expect(await young.holds(root, "build/model.bin", blob("weights1"))).toBe(true);
    young.save();
    expect(await new OutputIdentities(kiln, OLD).holds(root, "build/model.bin", blob("weights1"))).toBe(true);

    // A young identity also drops what was noted for the path before.
    const old = new OutputIdentities(kiln, OLD);
    old.note(root, "build/model.bin", old.stamp(root, "build/model.bin"), blobId("weights9"));
    old.save();
    const later = new OutputIdentities(kiln);
    later.note(root, "build/model.bin", later.stamp(root, "build/model.bin"), blobId("weights1"));
    later.save();
    expect(await new OutputIdentities(kiln, OLD).holds(root, "build/model.bin", blob("weights1"))).toBe(true);
  });

  it("ignores a damaged memo, and keeps the most recently noted files when there are too many", async () => {
    const { root, kiln } = workspace();
    const memo = path.join(kiln, "cache", "output-identities.json");
    const bounded = new OutputIdentities(kiln, { ...OLD, maxFiles: 2 });
    for (const name of ["a", "b", "c"]) {
      write(root, `build/${name}`, name);
      bounded.note(root, `build/${name}`, bounded.stamp(root, `build/${name}`), blobId("noted"));
      // Noted one after the other, at later times.
      const at = Date.now();
      while (Date.now() === at) {}
    }
    bounded.save();
    const next = new OutputIdentities(kiln, OLD);
    expect(await next.holds(root, "build/a", { blob: blobId("noted"), size: 1 })).toBe(false);
    expect(await next.holds(root, "build/b", { blob: blobId("noted"), size: 1 })).toBe(true);
    expect(await next.holds(root, "build/c", { blob: blobId("noted"), size: 1 })).toBe(true);

    writeFileSync(memo, readFileSync(memo, "utf8").slice(0, 40));
    expect(
      await new OutputIdentities(kiln, OLD).holds(root, "build/c", { blob: blobId("noted"), size: 1 }),
    ).toBe(false);
  });
  it("remembers any file name, `__proto__` included, and drops a damaged entry", async () => {
    const { root, kiln } = workspace();
    write(root, "build/__proto__", "x");
    write(root, "build/ok", "y");
    const first = new OutputIdentities(kiln, OLD);
    for (const name of ["build/__proto__", "build/ok"])
      first.note(root, name, first.stamp(root, name), blobId("noted"));
    first.save();
    expect(
      await new OutputIdentities(kiln, OLD).holds(root, "build/__proto__", {
        blob: blobId("noted"),
        size: 1,
      }),
    ).toBe(true);
    const memo = path.join(kiln, "cache", "output-identities.json");
    const kept = JSON.parse(readFileSync(memo, "utf8"));
    kept.roots[root]["build/ok"] = "damaged";
    writeFileSync(memo, JSON.stringify(kept));
    const next = new OutputIdentities(kiln, OLD);
    expect(await next.holds(root, "build/ok", { blob: blobId("noted"), size: 1 })).toBe(false);
    expect(await next.holds(root, "build/ok", blob("y"))).toBe(true);
  });
});

describe("the store chain's restores", () => {
  it("restore the recorded version over another version's bytes of the same size that it stored itself", async () => {
    const { root, kiln } = workspace();
    const chain = new StoreChain(new LocalStore(path.join(kiln, "store")), [], {
      identities: new OutputIdentities(kiln, OLD),
    });
    const version = (n: number): StoredVersion => {
      const outputs = { "build/model.bin": blob(`weights${n}`) };
      return { asset: "model", version: n, dataVersion: dataVersion(outputs), outputs, locations: [] };
    };
    for (const n of [1, 2]) {
      write(root, "build/model.bin", `weights${n}`);
      expect(await chain.putOutput(root, "build/model.bin")).toEqual(blob(`weights${n}`));
    }
    // build/model.bin holds v2, noted so when it was stored: v1 is written over it.
    expect(await chain.restore(root, version(1))).toMatchObject({ ok: true, restored: ["build/model.bin"] });
    expect(readFileSync(path.join(root, "build/model.bin"), "utf8")).toBe("weights1");
    expect(await chain.restore(root, version(1))).toEqual({ ok: true, restored: [] });
    expect(await chain.restore(root, version(2))).toMatchObject({ ok: true, restored: ["build/model.bin"] });
    expect(readFileSync(path.join(root, "build/model.bin"), "utf8")).toBe("weights2");
  });
});
