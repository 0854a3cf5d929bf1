// `kiln init` in a folder that is not a git repository yet: Kiln versions against commits and only
// the promoting branches move the champion, so a run there records a dev version and promotes
// nothing. The next steps say to start the repository first, and a run after them promotes.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

async function kiln(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const { code, output } = await kilnIn(dir, args);
  return { code, out: output };
}

const python = spawnSync("python3", ["--version"]).status === 0;

describe("kiln init outside a git repository", () => {
  it("names `git init -b main` as the first next step", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-init-"));
    const init = await kiln(dir, "init", "--no-workflow");
    expect(init.code, init.out).toBe(0);
    const next = init.out.slice(init.out.indexOf("Next:\n")).split("\n").slice(1, 5);
    expect(next[0]).toMatch(/^ {2}git init -b main +# /);
    expect(next[1]).toMatch(/^ {2}npx kiln run +# /);
  });

  it.skipIf(!python)("promotes after the steps it names, as inside a repository", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-init-"));
    expect((await kiln(dir, "init", "--no-workflow")).code).toBe(0);
    gitIn(dir, "init", "-q", "-b", "main");
    const run = await kiln(dir, "run");
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/model\s+success\s+.*v1; champion → v1/);
  });

  it("keeps the three steps inside a repository", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-init-"));
    gitIn(dir, "init", "-q", "-b", "main");
    const init = await kiln(dir, "init", "--no-workflow");
    expect(init.out).toMatch(
      /Next:\n {2}npx kiln run .*\n {2}git add -A && git commit .*\n {2}git push .*\n$/,
    );
  });
});
