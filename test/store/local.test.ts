import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalStore, StoreCorruptionError } from "../../src/store/local.js";

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "kiln-store-"));
}

function gitHashObject(file: string): string {
  return spawnSync("git", ["hash-object", file], { encoding: "utf8" }).stdout.trim();
}

/** Every file under `dir`, relative, including temporary ones. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("LocalStore", () => {
  it("stores a file under its git blob id and gives the same bytes back", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const file = path.join(root, "model.json");
    writeFileSync(file, '{"weights": [1, 2, 3]}\n');
    const stored = await store.put(file);
    expect(stored).toEqual({ blob: gitHashObject(file), size: 23 });
    expect(listAll(path.join(root, "store"))).toEqual([
      path.join(stored.blob.slice(0, 2), stored.blob.slice(2)),
    ]);
    expect(await store.hasBlob(stored.blob)).toBe(true);

    const dest = path.join(root, "workspace/build/nested/model.json");
    expect(await store.get(stored.blob, dest)).toBe(true);
    expect(readFileSync(dest, "utf8")).toBe('{"weights": [1, 2, 3]}\n');
    expect(listAll(path.join(root, "workspace"))).toEqual(["build/nested/model.json"]); // no temp left
  });

  it("hashes large and empty files like git", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const big = path.join(root, "big.bin");
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(big, bytes);
    const empty = path.join(root, "empty");
    writeFileSync(empty, "");
    expect((await store.put(big)).blob).toBe(gitHashObject(big));
    expect(await store.put(empty)).toEqual({ blob: gitHashObject(empty), size: 0 });
  });

  it("stores identical content once, also when many puts race", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const files = Array.from({ length: 12 }, (_, i) => {
      const file = path.join(root, `copy-${i}.csv`);
      writeFileSync(file, "a,b\n1,2\n".repeat(5000));
      return file;
    });
    const results = await Promise.all(files.map((f) => store.put(f)));
    expect(new Set(results.map((r) => r.blob)).size).toBe(1);
    expect(listAll(path.join(root, "store"))).toHaveLength(1);
  });

  it("never copies or rewrites content it already holds, small or large", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const sizes = { small: 40_000, large: 2 * 1024 * 1024 + 3 };
    for (const [name, size] of Object.entries(sizes)) {
      const bytes = Buffer.alloc(size, name);
      writeFileSync(path.join(root, `${name}-a.bin`), bytes);
      writeFileSync(path.join(root, `${name}-b.bin`), bytes);
      const first = await store.put(path.join(root, `${name}-a.bin`));
      const object = statSync(store.objectPath(first.blob), { bigint: true });
      const again = await store.put(path.join(root, `${name}-b.bin`));
      expect(again).toEqual(first);
      expect(again).toEqual({ blob: gitHashObject(path.join(root, `${name}-b.bin`)), size });
      // The same file, untouched: neither replaced (inode) nor written (change time).
      const after = statSync(store.objectPath(first.blob), { bigint: true });
      expect([after.ino, after.ctimeNs]).toEqual([object.ino, object.ctimeNs]);
    }
    expect(listAll(path.join(root, "store"))).toHaveLength(2); // no temporary file left
  });

  it("reports absent blobs as false and leaves the destination alone", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const dest = path.join(root, "out.txt");
    writeFileSync(dest, "keep me");
    expect(await store.get("0".repeat(40), dest)).toBe(false);
    expect(await store.get("not-a-blob", dest)).toBe(false);
    expect(readFileSync(dest, "utf8")).toBe("keep me");
  });

  it("detects a corrupt object on get, names it, and never half-writes the destination", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const file = path.join(root, "model.json");
    writeFileSync(file, "good bytes\n");
    const { blob } = await store.put(file);
    const object = store.objectPath(blob);
    writeFileSync(object, "rotten bytes\n");

    const dest = path.join(root, "ws/model.json");
    const workspace = path.join(root, "ws");
    const previous = "the previous output\n";
    mkdirSync(workspace, { recursive: true });
    writeFileSync(dest, previous);
    const error = await store.get(blob, dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptionError);
    expect((error as Error).message).toBe(
      `the store object ${object} is corrupt: it should hash to ${blob} but hashes to ${gitHashObject(object)}; delete it and rebuild the asset with --force`,
    );
    expect(readFileSync(dest, "utf8")).toBe(previous); // the old output is intact
    expect(listAll(workspace)).toEqual(["model.json"]); // and no temp file is left beside it
    expect((await store.verify(blob))?.actual).toBe(gitHashObject(object));
  });

  it("a reader watching the destination during get sees the old file or the whole new one, never a mix", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const source = path.join(root, "big.bin");
    writeFileSync(source, Buffer.alloc(16 * 1024 * 1024, 7));
    const { blob, size } = await store.put(source);
    const dest = path.join(root, "model.bin");
    writeFileSync(dest, "old");
    let done = false;
    const seen = new Set<number>();
    const watching = (async () => {
      while (!done) {
        const bytes = readFileSync(dest);
        seen.add(bytes.length);
        if (bytes.length === size) expect(bytes.every((b) => b === 7)).toBe(true);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await store.get(blob, dest);
    done = true;
    await watching;
    expect([...seen].every((n) => n === 3 || n === size)).toBe(true);
    expect(readFileSync(dest).length).toBe(size);
  });

  it("replaces an existing destination in one step", async () => {
    const root = tempDir();
    const store = new LocalStore(path.join(root, "store"));
    const file = path.join(root, "v2.json");
    writeFileSync(file, "version two\n");
    const { blob } = await store.put(file);
    const dest = path.join(root, "model.json");
    writeFileSync(dest, "version one\n");
    const inodeBefore = statSync(dest).ino;
    expect(await store.get(blob, dest)).toBe(true);
    expect(readFileSync(dest, "utf8")).toBe("version two\n");
    // A new inode: the file was renamed into place, not rewritten where a reader could see half.
    expect(statSync(dest).ino).not.toBe(inodeBefore);
  });
});
