// What a restore removes from a folder output: another version's files and folders under the
// asset's declared folders, and nothing else.
import { existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeUnlistedFiles } from "../../src/store/unlisted-files.js";
import { tempDir } from "../ledger/fixtures.js";

function write(root: string, files: string[]): void {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), file);
  }
}

const all = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();

describe("removeUnlistedFiles", () => {
  it("removes another version's files and folders under a declared folder, and nothing outside it", async () => {
    const root = tempDir("kiln-unlisted-");
    write(root, [
      "build/model/f0",
      "build/model/f2",
      "build/model/shards/s0",
      "build/model/shards/s1",
      "build/model/old/x",
      "build/model/f1/was-a-folder",
      "build/other.txt",
      "notes.txt",
    ]);
    const listed = {
      "build/model/f0": {},
      "build/model/f1": {},
      "build/model/shards/s0": {},
      "build/report.txt": {},
    };
    const removed = await removeUnlistedFiles(root, ["build/model", "build/report.txt"], listed);
    expect(all(root)).toEqual(["build/model/f0", "build/model/shards/s0", "build/other.txt", "notes.txt"]);
    expect(removed.sort()).toEqual([
      "build/model/f1",
      "build/model/f2",
      "build/model/old",
      "build/model/shards/s1",
    ]);
  });

  it("leaves a declared folder alone when it is a symbolic link, absent, or a file", async () => {
    const root = tempDir("kiln-unlisted-");
    write(root, ["elsewhere/keep", "build/file-output"]);
    symlinkSync(path.join(root, "elsewhere"), path.join(root, "linked"));
    const removed = await removeUnlistedFiles(root, ["linked", "absent", "build/file-output"], {});
    expect(removed).toEqual([]);
    expect(all(root)).toEqual(["build/file-output", "elsewhere/keep", "linked"]);
  });

  it("keeps what no version can hold: a step's symbolic link and an empty folder of its own", async () => {
    const root = tempDir("kiln-unlisted-links-");
    mkdirSync(path.join(root, "build/model/logs"), { recursive: true });
    writeFileSync(path.join(root, "build/model/w3.bin"), "w\n");
    symlinkSync("w3.bin", path.join(root, "build/model/latest.bin"));
    const removed = await removeUnlistedFiles(root, ["build/model"], { "build/model/w3.bin": {} });
    expect(removed).toEqual([]);
    expect(lstatSync(path.join(root, "build/model/latest.bin")).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(root, "build/model/logs"))).toBe(true);
  });

  it("before the bytes are written, removes only what stands where a listed file goes", async () => {
    const root = tempDir("kiln-unlisted-blockers-");
    write(root, ["build/model/f1/was-a-folder", "build/model/shards", "build/model/f2"]);
    const listed = { "build/model/f1": {}, "build/model/shards/s0": {} };
    const removed = await removeUnlistedFiles(root, ["build/model"], listed, "blocking");
    expect(removed.sort()).toEqual(["build/model/f1", "build/model/shards"]);
    expect(all(root)).toEqual(["build/model/f2"]);
  });
});
