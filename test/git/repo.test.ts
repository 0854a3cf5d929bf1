// The typed git queries against real repositories in temp dirs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { blobId } from "../../src/version/blob.js";
import {
  changedPaths,
  currentBranch,
  headCommit,
  indexEntries,
  isAncestor,
  mergeBase,
  repoRoot,
} from "../../src/git/repo.js";

function sh(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).trim();
}

function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-git-"));
  sh(dir, "init", "-q", "-b", "main");
  sh(dir, "config", "core.autocrlf", "false");
  return dir;
}

describe("git queries", () => {
  it("find the top level from a subdirectory, and nothing outside a repository", async () => {
    const dir = repo();
    mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    expect(await repoRoot(path.join(dir, "a", "b"))).toBe(sh(dir, "rev-parse", "--show-toplevel"));
    expect(await repoRoot(mkdtempSync(path.join(os.tmpdir(), "kiln-nogit-")))).toBeUndefined();
  });

  it("read the index, HEAD, branch and ancestry", async () => {
    const dir = repo();
    expect(await headCommit(dir)).toBeUndefined();
    writeFileSync(path.join(dir, "plain.txt"), "x\n");
    writeFileSync(path.join(dir, "naïve tab\t.csv"), "1,2\r\n");
    mkdirSync(path.join(dir, "data"));
    writeFileSync(path.join(dir, "data", "empty"), "");
    sh(dir, "add", ".");
    sh(dir, "commit", "-q", "-m", "one");
    const first = await headCommit(dir);
    expect(first).toBe(sh(dir, "rev-parse", "HEAD"));
    expect(await currentBranch(dir)).toBe("main");

    // A submodule (gitlink) is listed with the commit the index records; a symbolic link with its
    // link text's blob, and marked as a link.
    sh(dir, "update-index", "--add", "--cacheinfo", `160000,${first},vendor/lib`);
    symlinkSync("plain.txt", path.join(dir, "link.txt"));
    sh(dir, "add", "link.txt");
    const entries = await indexEntries(dir);
    const blobs = new Map(entries.paths.map((file, i) => [file, entries.blobs[i]]));
    expect([...blobs.keys()].sort()).toEqual([
      "data/empty",
      "link.txt",
      "naïve tab\t.csv",
      "plain.txt",
      "vendor/lib",
    ]);
    expect(blobs.get("vendor/lib")).toBe(first);
    expect(blobs.get("link.txt")).toBe(blobId("plain.txt"));
    expect([...entries.symlinks]).toEqual(["link.txt"]);
    expect(blobs.get("plain.txt")).toBe(sh(dir, "hash-object", "plain.txt"));
    expect(blobs.get("naïve tab\t.csv")).toBe(sh(dir, "hash-object", "naïve tab\t.csv"));
    expect(blobs.get("data/empty")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    sh(dir, "rm", "-q", "--cached", "vendor/lib", "link.txt");
    rmSync(path.join(dir, "link.txt"));

    sh(dir, "checkout", "-q", "-b", "feature");
    writeFileSync(path.join(dir, "plain.txt"), "y\n");
    sh(dir, "commit", "-q", "-am", "two");
    const second = (await headCommit(dir))!;
    expect(await mergeBase(dir, "main", "feature")).toBe(first);
    expect(await isAncestor(dir, first!, second)).toBe(true);
    expect(await isAncestor(dir, second, first!)).toBe(false);
    expect(await mergeBase(dir, "main", "no-such-branch")).toBeUndefined();

    sh(dir, "checkout", "-q", "--detach");
    expect(await currentBranch(dir)).toBeUndefined();
  });

  it("list modified, added, deleted and untracked paths, but not ignored ones", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, ".gitignore"), "*.log\n");
    writeFileSync(path.join(dir, "kept.txt"), "k\n");
    writeFileSync(path.join(dir, "edited.txt"), "e\n");
    writeFileSync(path.join(dir, "gone.txt"), "g\n");
    sh(dir, "add", ".");
    sh(dir, "commit", "-q", "-m", "one");
    writeFileSync(path.join(dir, "edited.txt"), "e2\n");
    rmSync(path.join(dir, "gone.txt"));
    writeFileSync(path.join(dir, "staged.txt"), "s\n");
    sh(dir, "add", "staged.txt");
    mkdirSync(path.join(dir, "new dir"));
    writeFileSync(path.join(dir, "new dir", "ü.csv"), "u\n");
    writeFileSync(path.join(dir, "noise.log"), "n\n");
    // Added, then deleted from disk (`AD`); deleted from the index only (`D ` and `??`).
    writeFileSync(path.join(dir, "added-gone.txt"), "a\n");
    sh(dir, "add", "added-gone.txt");
    rmSync(path.join(dir, "added-gone.txt"));
    sh(dir, "rm", "-q", "--cached", "kept.txt");

    const { changed, untracked, deleted } = await changedPaths(dir);
    expect([...changed].sort()).toEqual(["edited.txt", "staged.txt"]);
    expect([...untracked].sort()).toEqual(["kept.txt", "new dir/ü.csv"]);
    expect([...deleted].sort()).toEqual(["added-gone.txt", "gone.txt", "kept.txt"]);
  });
});
