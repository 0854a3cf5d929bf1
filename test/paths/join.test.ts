// Folder.join answers as path.join does, whatever the folder and the parts: a concatenation only
// where join would give the same string.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Folder, isPlainRelative, resolveIn } from "../../src/paths/join.js";
import { lexicalPathProblem, normalizeOutputPath } from "../../src/paths/containment.js";

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

describe("resolveIn", () => {
  it("gives path.resolve's answer", () => {
    for (const root of ["/repo", "/repo/", "/", "/a/./b/../c", "rel", "."])
      for (const file of ["build/model.json", "./x", "../y", "/abs/z", "a//b", "out/", "a\\b", ""]) {
        expect(resolveIn(root, file), `${root} ${file}`).toBe(path.resolve(root, file));
        // The folder it keeps from the call before must not leak into the next answer.
        expect(resolveIn("/other", file)).toBe(path.resolve("/other", file));
      }
  });
});

describe("lexicalPathProblem", () => {
  it("answers plain paths as it answered every path", () => {
    // The rules as they were written before plain paths were taken apart.
    const slow = (file: string, output: boolean) => {
      if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return { kind: "absolute" };
      const normal = path.posix.normalize(file.replaceAll("\\", "/"));
      if (normal === ".." || normal.startsWith("../")) return { kind: "outside" };
      if (!output) return undefined;
      const parts = normal.split("/").filter((part) => part !== "" && part !== ".");
      if (parts.length === 0) return { kind: "project-folder" };
      const reserved = parts.find((part) => [".kiln", ".git"].includes(part));
      return reserved ? { kind: "reserved", folder: reserved } : undefined;
    };
    for (const file of [
      "build/model.json",
      ".kiln/x",
      "a/.git/b",
      "C:/x",
      "c:/x",
      "x/.kilnish",
      ".git",
      "./a",
      "../b",
      "a/..",
      "/x",
      "a\\b",
      ".",
    ])
      for (const output of [true, false])
        expect(lexicalPathProblem(file, { output }), `${file} ${output}`).toEqual(slow(file, output));
  });
});
