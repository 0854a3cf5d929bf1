// Fingerprints are git's own blob ids: read from the index for clean tracked files, hashed the same
// way for modified and untracked ones, and outside git for everything.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { blobId, blobIdOfFile } from "../../src/version/blob.js";
import { fingerprint, indexProjectFiles, matchPattern } from "../../src/version/fingerprint.js";

function repo(files: Record<string, string | Buffer>, git = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-fp-"));
  if (git) execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const hashObject = (dir: string, file: string) =>
  execFileSync("git", ["hash-object", file], { cwd: dir, encoding: "utf8" }).trim();

const FILES: Record<string, string | Buffer> = {
  "data/a.csv": "x\n1\n",
  "data/empty.csv": "",
  "data/crlf.csv": "x\r\n1\r\n",
  "data/binary.bin": Buffer.from([0, 255, 10, 13, 0, 1, 2]),
  "data/ünïcödé name.csv": "ok\n",
  "data/nested/deep/b.csv": "deep\n",
  "code/train.py": "print('hi')\n",
};

describe("blob ids", () => {
  it("equal git hash-object for text, empty, CRLF, binary and unicode names", async () => {
    const dir = repo(FILES);
    for (const file of Object.keys(FILES)) {
      expect(await blobIdOfFile(path.join(dir, file)), file).toBe(hashObject(dir, file));
    }
    expect(blobId("")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});

describe("fingerprints", () => {
  it("come from the index for clean tracked files and match git for changed and untracked ones", async () => {
    const dir = repo(FILES);
    execFileSync("git", ["add", "-A"], { cwd: dir });
    execFileSync("git", ["commit", "-q", "-m", "data"], { cwd: dir });
    writeFileSync(path.join(dir, "data/a.csv"), "x\n1\n2\n"); // modified, unstaged
    writeFileSync(path.join(dir, "data/new.csv"), "new\n"); // untracked
    writeFileSync(path.join(dir, ".gitignore"), "ignored.csv\n");
    writeFileSync(path.join(dir, "data/ignored.csv"), "no\n");
    const index = await indexProjectFiles(dir);
    expect(index.fromGit).toBe(true);
    const fp = await fingerprint(index, ["data/**/*.csv", "missing/*.txt"]);
    const expected = Object.keys(FILES)
      .filter((f) => f.endsWith(".csv"))
      .concat("data/new.csv")
      .sort();
    expect(Object.keys(fp.files)).toEqual(expected);
    for (const file of expected) expect(fp.files[file], file).toBe(hashObject(dir, file));
    expect(fp.unmatched).toEqual(["missing/*.txt"]);
  });

  it("works for a project in a subdirectory of the repository, and outside git", async () => {
    const dir = repo({ "ml/kiln.yml": "version: 1\n", "ml/data/a.csv": "1\n", "other/b.csv": "2\n" });
    execFileSync("git", ["add", "-A"], { cwd: dir });
    execFileSync("git", ["commit", "-q", "-m", "x"], { cwd: dir });
    const sub = await fingerprint(await indexProjectFiles(path.join(dir, "ml")), ["data/*.csv"]);
    expect(sub.files).toEqual({ "data/a.csv": hashObject(dir, "ml/data/a.csv") });

    const plain = repo(
      { "data/a.csv": "1\n", "node_modules/x/data.csv": "no\n", ".kiln/store/y": "no\n" },
      false,
    );
    const index = await indexProjectFiles(plain);
    expect(index.fromGit).toBe(false);
    expect(index.files).toEqual(["data/a.csv"]);
    expect((await fingerprint(index, ["data"])).files).toEqual({ "data/a.csv": blobId("1\n") });
  });

  it("look a pattern that matches nothing git lists up among ignored files, never in node_modules or .kiln", async () => {
    const dir = repo({
      ".gitignore": "ignored/\nnode_modules/\n.kiln/\n*.log\n",
      "tracked.txt": "t\n",
      "ignored/b.csv": "b\n",
      "node_modules/pkg/a.csv": "a\n",
      ".kiln/cache/c.csv": "c\n",
      "run.log": "l\n",
    });
    execFileSync("git", ["add", "-A"], { cwd: dir });
    execFileSync("git", ["commit", "-q", "-m", "x"], { cwd: dir });
    const index = await indexProjectFiles(dir);
    const fp = await fingerprint(index, ["**/*.csv", "*.txt", "nothing/*"]);
    expect(fp.files).toEqual({
      "ignored/b.csv": blobId("b\n"),
      "tracked.txt": hashObject(dir, "tracked.txt"),
    });
    expect(fp.unmatched).toEqual(["nothing/*"]);
    // A pattern that matches a tracked file does not take ignored ones beside it.
    expect(Object.keys((await fingerprint(index, ["*.txt", "*.log"])).files)).toEqual([
      "tracked.txt",
      "run.log",
    ]);
    expect(Object.keys((await fingerprint(index, ["*"])).files)).toEqual([".gitignore", "tracked.txt"]);
  });

  it("matches files, directories and globs", () => {
    const files = ["a/b.csv", "a/c/d.csv", "a/c/e.txt", "ab.csv", "z.csv"];
    expect(matchPattern(files, "a")).toEqual(["a/b.csv", "a/c/d.csv", "a/c/e.txt"]);
    expect(matchPattern(files, "a/")).toEqual(["a/b.csv", "a/c/d.csv", "a/c/e.txt"]);
    expect(matchPattern(files, "./z.csv")).toEqual(["z.csv"]);
    expect(matchPattern(files, "a/**/*.csv")).toEqual(["a/b.csv", "a/c/d.csv"]);
    expect(matchPattern(files, "*.csv")).toEqual(["ab.csv", "z.csv"]);
  });

  it("match every kind of glob exactly as picomatch matches the whole pattern, however many folders share it", () => {
    const files = [
      ".hidden/x.csv",
      "a.csv",
      "data/.env",
      "data/d0/f0.csv",
      "data/d0/f1.csv",
      "data/d0/f1.csvx",
      "data/d0/sub/f2.csv",
      "data/d1/f0.csv",
      "data/d10/f0.csv",
      "data/d1x/f0.csv",
      "data/x[1].csv",
      "docs/a.md",
      "docs/b.MD",
      "src/a.py",
      "src/pkg/b.py",
      "src/pkg/test_b.py",
    ];
    const patterns = [
      "data/d0/*.csv",
      "data/d1/*.csv",
      "data/d1*/*.csv",
      "data/d0/**/*.csv",
      "data/**",
      "data/*",
      "**/*.csv",
      "*.csv",
      "./data/d0/*.csv",
      "data/d0/f[01].csv",
      "data/d{0,1}/*.csv",
      "docs/*.{md,MD}",
      "src/**/test_*.py",
      "src/**/*.py",
      "src/pkg/?.py",
      "**",
    ];
    for (const pattern of patterns) {
      const whole = picomatch(pattern.replace(/^\.\//, ""), { dot: true });
      expect(matchPattern(files, pattern), pattern).toEqual(files.filter((file) => whole(file)));
    }
    // Plain paths: a file, or a folder and everything below it.
    expect(matchPattern(files, "data/d0")).toEqual([
      "data/d0/f0.csv",
      "data/d0/f1.csv",
      "data/d0/f1.csvx",
      "data/d0/sub/f2.csv",
    ]);
    expect(matchPattern(files, "data/d1/")).toEqual(["data/d1/f0.csv"]);
    expect(matchPattern(files, "a.csv")).toEqual(["a.csv"]);
  });
});
