// Folder.join answers as path.join does, whatever the folder and the parts: a concatenation only
// where join would give the same string.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Folder, isPlainRelative } from "../../src/paths/join.js";
import { normalizeOutputPath } from "../../src/paths/containment.js";

const folders = [
  "/repo/.kiln/ledger/projects/p",
  "/repo/.kiln/store/",
  "/",
  "/a//b/./c/..",
  "rel/dir",
  ".",
  "",
  "./x",
];
const parts: string[][] = [
  ["materializations", "a1"],
  ["heads/a1.jsonl"],
  ["materializations", "a1", "v12.json"],
  ["ab", "cdef0123"],
  ["..", "x"],
  ["a/../b"],
  ["./a"],
  ["a/"],
  ["a//b"],
  [""],
  ["/abs"],
  ["a\\b"],
  ["...", ".hidden", "v.json"],
  [],
];

describe("Folder.join", () => {
  for (const folder of folders)
    it(`gives path.join's answer under ${JSON.stringify(folder)}`, () => {
      const files = new Folder(folder);
      for (const p of parts) expect(files.join(...p), JSON.stringify(p)).toBe(path.join(folder, ...p));
    });
});

describe("isPlainRelative", () => {
  it("takes only paths that normalizing leaves as they are", () => {
    for (const plain of ["a", "a/b.json", "build/model.json", "...", ".hidden/x", "a..b"])
      expect(isPlainRelative(plain), plain).toBe(true);
    for (const other of ["", ".", "..", "./a", "a/./b", "a/../b", "a/", "a//b", "/a", "a\\b", "../a"])
      expect(isPlainRelative(other), other).toBe(false);
  });

  it("leaves normalizeOutputPath's answers as they were", () => {
    const before = (o: string) => path.posix.normalize(o.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
    for (const o of ["build/model.json", "./build/", "build//x", "a\\b", ".", "..", "x/../y", "out/", "..."])
      expect(normalizeOutputPath(o), o).toBe(before(o));
  });
});
