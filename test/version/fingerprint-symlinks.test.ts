// A symbolic link is versioned by its target's content, before and after it is committed.
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitIn } from "../support/kiln-in-process.js";
import { project, run, status, write } from "./edges-project.js";

describe("a symbolic link is versioned by its target's content, committed or not", () => {
  it("committing the link changes nothing; changing the target makes the asset stale", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "kiln-fp-target-"));
    write(outside, "val.csv", "x\n1\n");
    const dir = project({ inputs: ["data/val.csv"] });
    mkdirSync(path.join(dir, "data"));
    symlinkSync(path.join(outside, "val.csv"), path.join(dir, "data/val.csv"));
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh" });
    gitIn(dir, "add", "data/val.csv");
    gitIn(dir, "commit", "-q", "-m", "link the validation set");
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    write(outside, "val.csv", "x\n2\n");
    expect(await status(dir)).toMatchObject({
      status: "stale",
      reasons: ["input changed (data/val.csv)"],
    });
  });
});
