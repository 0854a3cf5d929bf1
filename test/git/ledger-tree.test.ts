// Reading the ledger branch's trees and blobs through the long-lived object reader must give what
// git's own ls-tree and cat-file give, whatever the objects hold and however the reads interleave.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCommit, listTree, readBlobs, readPath, rootNames } from "../../src/git/ledger-branch.js";

function sh(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 }).trim();
}

function repo(files: Record<string, string | Buffer>): { dir: string; commit: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-ledger-tree-"));
  sh(dir, "init", "-q", "-b", "main");
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  sh(dir, "add", "-A");
  sh(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "ledger");
  return { dir, commit: sh(dir, "rev-parse", "HEAD") };
}

/** What `git ls-tree -r` lists under `dir`, as listTree reports it. */
function lsTree(cwd: string, commit: string, dir: string): Array<{ path: string; blob: string }> {
  const out = sh(cwd, "ls-tree", "-r", "-z", "--full-tree", commit, "--", dir);
  return out
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const tab = record.indexOf("\t");
      return { path: record.slice(tab + 1), blob: record.slice(0, tab).split(" ")[2]! };
    });
}

describe("ledger trees read through the object reader", () => {
  // Larger than a pipe's buffer, so the reply arrives in many chunks.
  const big = Buffer.alloc(3 << 20, "0123456789abcdef\n");
  const binary = Buffer.from([0, 10, 255, 10, 10, 0, 13, 10]);
  const { dir, commit } = repo({
    "projects/p/materializations/model/v1.json": '{"v":1}\n',
    "projects/p/materializations/model/v2.json": '{"v":2}\n\n\n',
    "projects/p/materializations/model/nested/v3.json": "{}",
    "projects/p/materializations/model-2/v1.json": "{}",
    "projects/p/series/model/big.jsonl": big,
    "projects/p/series/model/binary.bin": binary,
    "projects/p/heads/model.jsonl": "",
    "aliases/old.jsonl": "{}\n",
  });

  it("lists what git ls-tree -r lists, in its order, for folders, files and missing paths", async () => {
    for (const where of [
      "projects/p/materializations/model",
      "projects/p/materializations/model/",
      "projects/p/materializations",
      "projects/p/materializations/model/v2.json",
      "projects/p/failures/model",
      "projects",
    ])
      expect(await listTree(dir, commit, where), where).toEqual(lsTree(dir, commit, where));
    const several = await listTree(dir, commit, ["projects/p/heads", "projects/p/heads/model.jsonl"]);
    expect(several.map((e) => e.path)).toEqual(["projects/p/heads/model.jsonl"]);
    expect(await rootNames(dir, commit)).toEqual(["aliases", "projects"]);
  });

  it("reads blobs byte for byte, big, binary and empty ones, in any interleaving", async () => {
    const reads = await Promise.all([
      readPath(dir, commit, "projects/p/series/model/big.jsonl"),
      readPath(dir, commit, "projects/p/series/model/binary.bin"),
      readPath(dir, commit, "projects/p/heads/model.jsonl"),
      readPath(dir, commit, "projects/p/materializations/model/v9.json"),
      readPath(dir, commit, "projects/p/materializations/model"),
      readPath(dir, commit, "projects/p/materializations/model/v2.json"),
    ]);
    expect(reads[0]!.equals(big)).toBe(true);
    expect(reads[1]!.equals(binary)).toBe(true);
    expect(reads[2]!.length).toBe(0);
    expect(reads[3]).toBeUndefined(); // no such file
    expect(reads[4]).toBeUndefined(); // a folder, not a file
    expect(reads[5]!.toString()).toBe('{"v":2}\n\n\n');
    const entries = await listTree(dir, commit, "projects/p/materializations/model");
    const blobs = await readBlobs(dir, [...entries.map((e) => e.blob), "0".repeat(40)]);
    expect(blobs.size).toBe(entries.length);
    for (const entry of entries)
      expect(
        blobs.get(entry.blob)!.equals(execFileSync("git", ["cat-file", "blob", entry.blob], { cwd: dir })),
      ).toBe(true);
  });

  it("sees commits written after the reader started, and refuses a commit the clone lacks", async () => {
    await readPath(dir, commit, "aliases/old.jsonl"); // the reader is running
    const next = await buildCommit({
      cwd: dir,
      parent: commit,
      files: [
        { path: "projects/p/aliases/model.jsonl", content: '{"to":1}\n' },
        { path: "projects/p/materializations/model/v4.json", content: '{"v":4}\n' },
      ],
      message: "next",
      ref: "refs/kiln/build/test",
    });
    expect((await readPath(dir, next, "projects/p/aliases/model.jsonl"))?.toString()).toBe('{"to":1}\n');
    expect((await listTree(dir, next, "projects/p/materializations/model")).map((e) => e.path)).toEqual(
      lsTree(dir, next, "projects/p/materializations/model").map((e) => e.path),
    );
    expect(sh(dir, "rev-parse", `${next}^`)).toBe(commit);
    await expect(listTree(dir, "1".repeat(40), "projects")).rejects.toThrow(/no such commit/);
  });

  it("builds the tree git's index would, whatever the paths hold, removals after additions", async () => {
    const odd = ['a b/"quoted" \\ name.json', "tab\there/x.json", "line\nbreak.json", "naïve/ünïcode.json"];
    const files = [
      ...odd.map((file, i) => ({ path: `projects/p/${file}`, content: `{"i":${i}}\n` })),
      { path: "projects/p/materializations/model/v5.json", content: "" },
      { path: "aliases/old.jsonl", content: "replaced\n" },
      { path: "gone/soon.json", content: "{}" },
    ];
    const remove = ["materializations/model/v1.json", "gone/soon.json"];
    const built = await buildCommit({
      cwd: dir,
      parent: commit,
      files,
      remove,
      message: "odd",
      ref: "refs/kiln/build/odd",
    });
    // The same change through a private index, as git would make it.
    const env = { ...process.env, GIT_INDEX_FILE: path.join(dir, ".git", "odd-index") };
    execFileSync("git", ["read-tree", commit], { cwd: dir, env });
    const info = files
      .map(
        (f) =>
          `100644 ${execFileSync("git", ["hash-object", "-w", "--stdin"], { cwd: dir, input: f.content }).toString().trim()}\t${f.path}\0`,
      )
      .join("");
    execFileSync("git", ["update-index", "-z", "--add", "--index-info"], { cwd: dir, env, input: info });
    execFileSync("git", ["update-index", "--force-remove", "--", ...remove], { cwd: dir, env });
    const tree = execFileSync("git", ["write-tree"], { cwd: dir, env }).toString().trim();
    expect(sh(dir, "rev-parse", `${built}^{tree}`)).toBe(tree);
    expect(sh(dir, "rev-parse", `${built}^`)).toBe(commit);
    expect(sh(dir, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%B", built)).toBe(
      "kiln <kiln@users.noreply.github.com>|kiln <kiln@users.noreply.github.com>|odd",
    );
    expect(sh(dir, "rev-parse", "refs/kiln/build/odd")).toBe(built);
    // An orphan commit on the same ref: what an earlier attempt left is not its parent.
    const orphan = await buildCommit({
      cwd: dir,
      parent: undefined,
      files: files.slice(0, 1),
      message: "first",
      ref: "refs/kiln/build/odd",
    });
    expect(sh(dir, "rev-list", "--count", orphan)).toBe("1");
    expect(sh(dir, "ls-tree", "-r", "--name-only", orphan)).toBe(
      `"projects/p/a b/\\"quoted\\" \\\\ name.json"`,
    );
  });
});
