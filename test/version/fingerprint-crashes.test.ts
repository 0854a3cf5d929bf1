// Status never stops on a file git lists but the checkout lacks or cannot read: a file added and
// then deleted (AD), an untracked symbolic link to a folder.
import { rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { project, run, status, write } from "./edges-project.js";

describe("status never stops on a file git lists but the checkout lacks or cannot read", () => {
  it("a file added to the index and then deleted (AD) counts as deleted", async () => {
    const dir = project({ inputs: ["data/**"], files: { "data/a.csv": "1\n" } });
    await run(dir);
    write(dir, "data/b.csv", "2\n");
    gitIn(dir, "add", "data/b.csv");
    rmSync(path.join(dir, "data/b.csv"));
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
  });

  it("an untracked symbolic link to a folder is refused with its name and what to do", async () => {
    const dir = project({ inputs: ["data/**"], files: { "data/a.csv": "1\n", "elsewhere/b.csv": "2\n" } });
    symlinkSync(path.join(dir, "elsewhere"), path.join(dir, "data/linked"));
    const result = await kilnIn(dir, ["status"]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("data/linked is a symbolic link to a folder");
    expect(result.output).not.toContain("illegal operation");
  });
});
