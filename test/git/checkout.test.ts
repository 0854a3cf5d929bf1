// What a command learns about its checkout at start (top level, HEAD, branch, shallow clone), from
// one `git rev-parse`, against git's own answers in real repositories of every shape.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitFacts } from "../../src/app/workspace.js";
import { gitProcessesOf, subcommand } from "../support/git-processes.js";
import {
  ancestryOf,
  changedPaths,
  checkout,
  checkoutFiles,
  indexChecksum,
  indexEntries,
  startCheckoutReads,
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
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-checkout-"));
  sh(dir, "init", "-q", "-b", "main");
  return dir;
}

/** A commit object in `dir` that no branch names (HEAD stays without a commit). */
function commitIn(dir: string): string {
  return sh(dir, "commit-tree", sh(dir, "mktree"), "-m", "loose");
}

function commit(dir: string, message: string): string {
  sh(dir, "commit", "-q", "--allow-empty", "-m", message);
  return sh(dir, "rev-parse", "HEAD");
}

/** No GitHub variables: the facts come from git alone. */
const LOCAL = { PATH: process.env.PATH } as NodeJS.ProcessEnv;

describe("the checkout a command starts from", () => {
  it("reads top level, HEAD and branch from a subdirectory, with a slash in the branch name", async () => {
    const dir = repo();
    const first = commit(dir, "one");
    sh(dir, "checkout", "-q", "-b", "feature/x");
    mkdirSync(path.join(dir, "ml", "deep"), { recursive: true });
    const top = sh(dir, "rev-parse", "--show-toplevel");
    expect(await checkout(path.join(dir, "ml", "deep"))).toEqual({
      top,
      head: first,
      branch: "feature/x",
      shallow: false,
      indexFile: path.join(top, ".git", "index"),
    });
  });

  it("names the branch, not `heads/main`, when a tag has the branch's name (main stays prod)", async () => {
    const dir = repo();
    commit(dir, "one");
    sh(dir, "tag", "main");
    expect((await checkout(dir))?.branch).toBe("main");
    const facts = await gitFacts(dir, LOCAL);
    expect(facts.branch).toBe("main");
  });

  it("has no branch on a detached HEAD, and no commit before the first one", async () => {
    const dir = repo();
    const top = sh(dir, "rev-parse", "--show-toplevel");
    // A fresh `git init`: rev-parse fails on HEAD after printing the top level.
    expect(await checkout(dir)).toEqual({ top, head: undefined, branch: "main", shallow: false });
    expect(await gitFacts(dir, LOCAL)).toMatchObject({ root: top, sha: undefined, branch: "main" });
    const first = commit(dir, "one");
    commit(dir, "two");
    sh(dir, "checkout", "-q", "--detach", first);
    expect(await checkout(dir)).toEqual({
      top,
      head: first,
      branch: undefined,
      shallow: false,
      indexFile: path.join(top, ".git", "index"),
    });
  });

  it("is not misled by files named HEAD", async () => {
    const dir = repo();
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "HEAD"), "a file\n");
    writeFileSync(path.join(dir, "sub", "HEAD"), "another\n");
    sh(dir, "add", "-A");
    const head = commit(dir, "one");
    expect(await checkout(path.join(dir, "sub"))).toMatchObject({ head, branch: "main" });
  });

  it("knows a shallow clone, and ancestry told so answers as ancestry that asks", async () => {
    const origin = repo();
    const old = commit(origin, "one");
    commit(origin, "two");
    const tip = commit(origin, "three");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-checkout-shallow-"));
    sh(clone, "clone", "-q", "--depth", "1", `file://${origin}`, ".");
    const found = await checkout(clone);
    expect(found).toMatchObject({ head: tip, branch: "main", shallow: true });
    const asked = await ancestryOf(clone, [tip, old]);
    expect(await ancestryOf(clone, [tip, old], { shallow: found!.shallow })).toEqual(asked);
    expect(asked.shallow).toBe(true);
    expect([...asked.ancestors]).toEqual([tip]);
    const facts = await gitFacts(clone, LOCAL);
    expect(facts).toMatchObject({ sha: tip, branch: "main", shallow: true, defaultBranch: "main" });
    expect(await gitFacts(clone, LOCAL, startCheckoutReads(clone))).toEqual(facts);
  });

  it("reads where origin/HEAD points as `git symbolic-ref` does, in the same one git process", async () => {
    const origin = repo();
    commit(origin, "one");
    sh(origin, "branch", "develop");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-checkout-origin-"));
    sh(clone, "clone", "-q", `file://${origin}`, ".");
    const symbolic = () => sh(clone, "symbolic-ref", "--short", "refs/remotes/origin/HEAD");
    expect(symbolic()).toBe("origin/main");
    const cloned = await gitProcessesOf(() => gitFacts(clone, LOCAL));
    expect(cloned.value.defaultBranch).toBe("main");
    expect(cloned.commands.map(subcommand)).toEqual(["rev-parse"]);
    // Set to another branch (`git remote set-head`), and a name with a slash.
    sh(clone, "remote", "set-head", "origin", "develop");
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBe("develop");
    sh(origin, "branch", "release/2026");
    sh(clone, "fetch", "-q", "origin");
    sh(clone, "remote", "set-head", "origin", "release/2026");
    expect(symbolic()).toBe("origin/release/2026");
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBe("release/2026");
    // The event's word wins over the clone's.
    const event = path.join(clone, "..", `${path.basename(clone)}-event.json`);
    writeFileSync(event, JSON.stringify({ repository: { default_branch: "trunk" } }));
    expect(
      (await gitFacts(clone, { ...LOCAL, GITHUB_ACTIONS: "true", GITHUB_EVENT_PATH: event })).defaultBranch,
    ).toBe("trunk");
    // origin/HEAD deleted, or left as a plain ref (not symbolic): no default branch, as before.
    sh(clone, "remote", "set-head", "origin", "--delete");
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBeUndefined();
    sh(clone, "update-ref", "--no-deref", "refs/remotes/origin/HEAD", "HEAD");
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBeUndefined();
    // A branch called origin/HEAD is not the remote's.
    sh(clone, "update-ref", "-d", "refs/remotes/origin/HEAD");
    sh(clone, "branch", "origin/HEAD");
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBeUndefined();
  });

  it("names the branch and origin/HEAD's when a tag is called HEAD (main stays prod)", async () => {
    const origin = repo();
    const head = commit(origin, "one");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-checkout-tag-head-"));
    sh(clone, "clone", "-q", `file://${origin}`, ".");
    sh(clone, "tag", "HEAD");
    const facts = await checkout(clone);
    expect(facts).toMatchObject({ head, branch: "main", remoteDefaultBranch: "main" });
    expect((await gitFacts(clone, LOCAL)).defaultBranch).toBe("main");
  });

  it("asks git once in a repository without a remote, and before the first commit still finds origin/HEAD", async () => {
    const dir = repo();
    const head = commit(dir, "one");
    const local = await gitProcessesOf(() => gitFacts(dir, LOCAL));
    expect(local.value).toMatchObject({ sha: head, branch: "main", defaultBranch: undefined });
    expect(local.commands).toHaveLength(1);
    // A fresh clone of an empty repository: HEAD has no commit, origin/HEAD may still be set.
    const empty = repo();
    sh(empty, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    sh(empty, "update-ref", "refs/remotes/origin/main", commitIn(empty));
    expect(await gitFacts(empty, LOCAL)).toMatchObject({
      sha: undefined,
      branch: "main",
      defaultBranch: "main",
    });
  });

  it("finds nothing outside a repository", async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), "kiln-checkout-nogit-"));
    expect(await checkout(plain)).toBeUndefined();
    expect(await gitFacts(plain, LOCAL)).toEqual({});
  });
});

describe("a command's git reads started early", () => {
  it("give the facts and file lists the workspace would ask for, the file lists once", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "a.csv"), "1\n");
    sh(dir, "add", "-A");
    const head = commit(dir, "one");
    writeFileSync(path.join(dir, "a.csv"), "2\n");
    writeFileSync(path.join(dir, "new.csv"), "3\n");
    const reads = startCheckoutReads(dir);
    expect(await gitFacts(dir, LOCAL, reads)).toEqual(await gitFacts(dir, LOCAL));
    expect((await gitFacts(dir, LOCAL, reads)).sha).toBe(head);
    const files = await reads.takeFiles();
    expect(files?.entries).toEqual(await indexEntries(dir));
    expect(files?.changes).toEqual(await changedPaths(dir));
    expect([...files!.changes.changed]).toEqual(["a.csv"]);
    expect(reads.takeFiles()).toBeUndefined();
  });

  it("hash git's two answers byte for byte, names that are not UTF-8 included", async () => {
    const dir = repo();
    // Two names that decode to the same text (an invalid UTF-8 byte becomes U+FFFD): only their
    // bytes tell them apart.
    const named = (byte: number) => Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([byte])]);
    writeFileSync(named(0xff), "1\n");
    sh(dir, "add", "-A");
    commit(dir, "one");
    const digest = (args: string[]) =>
      createHash("sha256")
        .update(execFileSync("git", args, { cwd: dir }))
        .digest("hex");
    const before = await checkoutFiles(dir);
    expect(before.indexDigest).toBe(digest(["ls-files", "-s", "-z"]));
    expect(before.statusDigest).toBe(
      digest(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"]),
    );
    renameSync(named(0xff), named(0xfe));
    sh(dir, "add", "-A");
    const after = await checkoutFiles(dir);
    expect(after.entries).toEqual(before.entries); // the same text
    expect(after.indexDigest).toBe(digest(["ls-files", "-s", "-z"]));
    expect(after.indexDigest).not.toBe(before.indexDigest);
  });

  it("know the index listing by the checksum git ends the index with, and see every change to it", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "a.csv"), "1\n");
    sh(dir, "add", "-A");
    commit(dir, "one");
    const digestNow = async () => (await startCheckoutReads(dir).takeFiles())!.indexDigest;
    const first = await digestNow();
    // Not the listing hashed: git's own checksum of the index file.
    expect(first).toMatch(/^index-file:/);
    expect(await digestNow()).toBe(first);
    writeFileSync(path.join(dir, "a.csv"), "2\n");
    sh(dir, "add", "-A");
    const staged = await digestNow();
    expect(staged).not.toBe(first);
    sh(dir, "update-index", "--chmod=+x", "a.csv");
    expect(await digestNow()).not.toBe(staged);
  });

  it("list the index only when its entries are asked for, and tell when it changed since its checksum", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "a.csv"), "1\n");
    sh(dir, "add", "-A");
    commit(dir, "one");
    const files = (await startCheckoutReads(dir).takeFiles())!;
    const keyed = files.indexDigest;
    // Staged while the command runs, after the checksum was read and before the listing.
    writeFileSync(path.join(dir, "b.csv"), "2\n");
    sh(dir, "add", "b.csv");
    expect(files.entries).toEqual(await indexEntries(dir));
    expect(files.entries.paths).toEqual(["a.csv", "b.csv"]);
    // The digest is now the listing's own: a memo keyed by the checksum does not keep what it read.
    expect(files.indexDigest).not.toBe(keyed);
    const unchanged = (await startCheckoutReads(dir).takeFiles())!;
    const checksum = unchanged.indexDigest;
    await unchanged.loadEntries();
    expect(unchanged.entries).toEqual(await indexEntries(dir));
    expect(unchanged.indexDigest).toBe(checksum);
  });

  it("read the index of a linked worktree from its own file", async () => {
    const dir = repo();
    commit(dir, "one");
    const linked = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-worktree-")), "wt");
    sh(dir, "worktree", "add", "-q", linked);
    const found = await checkout(linked);
    expect(found?.indexFile).toBe(path.resolve(linked, sh(linked, "rev-parse", "--git-path", "index")));
    expect(found?.indexFile).not.toBe(path.join(dir, ".git", "index"));
  });

  it("hash the listing when the index ends without a checksum (index.skipHash)", () => {
    const dir = repo();
    writeFileSync(path.join(dir, "a.csv"), "1\n");
    sh(dir, "add", "-A");
    const file = path.join(dir, ".git", "index");
    expect(indexChecksum(file)).toMatch(/^index-file:/);
    // As git 2.40 and later write it with index.skipHash: the trailer's bytes left zero.
    const copy = path.join(dir, "skip-hash-index");
    copyFileSync(file, copy);
    const bytes = readFileSync(copy);
    bytes.fill(0, bytes.length - 20);
    writeFileSync(copy, bytes);
    expect(indexChecksum(copy)).toBeUndefined();
    expect(indexChecksum(path.join(dir, "no-such-index"))).toBeUndefined();
  });

  it("are not used for a project in another repository", async () => {
    const here = repo();
    commit(here, "here");
    const there = repo();
    const thereHead = commit(there, "there");
    const reads = startCheckoutReads(here);
    const facts = await gitFacts(there, LOCAL, reads);
    expect(facts).toMatchObject({ root: sh(there, "rev-parse", "--show-toplevel"), sha: thereHead });
  });

  it("that fail are reported to whoever takes them, and to no one when nobody does", async () => {
    const dir = repo();
    commit(dir, "one");
    // A damaged index: rev-parse answers, ls-files and status fail.
    writeFileSync(path.join(dir, ".git", "index"), "not an index");
    const taken = startCheckoutReads(dir);
    await expect(taken.takeFiles()).rejects.toThrow(/git ls-files|git status/);
    // A command that fails before it takes them (a manifest error) still exits as it would have:
    // Node ends a process with an unhandled rejection, after the reads settle.
    const untaken = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { startCheckoutReads } = await import(${JSON.stringify(path.resolve("src/git/repo.ts"))}); startCheckoutReads(${JSON.stringify(dir)});`,
      ],
      { encoding: "utf8" },
    );
    expect(untaken.stderr).toBe("");
    expect(untaken.status).toBe(0);
  });
});
