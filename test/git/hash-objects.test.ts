// `git hash-object --stdin-paths` reads one path a line, strips a trailing carriage return and
// unquotes a line that starts with a double quote. Names like those (a CRLF-broken script writes
// `d.csv\r`) must still be hashed as the file they name: a wrong file hashed would leave the asset
// fresh while its input changed, and a name git cannot find would fail the whole batch.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashObjects } from "../../src/git/repo.js";

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

describe("hashObjects", () => {
  it("hashes every file by its own name, whatever characters the name holds", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-hash-objects-"));
    git(dir, "init", "-q");
    const names = ["d.csv", "d.csv\r", '"x y".csv', "x y", '"q', "a\\b", "line\nbreak", "tab\there", "é.csv"];
    names.forEach((name, i) => {
      writeFileSync(path.join(dir, name), `content ${i}\n`);
    });
    const expected = names.map((name) => git(dir, "hash-object", "--", name));
    expect(new Set(expected).size).toBe(names.length);
    expect(await hashObjects(dir, names)).toEqual(expected);
  });
});
