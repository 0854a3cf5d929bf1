// A submodule (a gitlink in the index) is versioned by the commit checked out in it: moving it, with
// or without committing the move in the superproject, makes the asset stale.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitIn } from "../support/kiln-in-process.js";
import { project, run, status, write } from "./edges-project.js";

describe("a submodule matched by a code pattern", () => {
  it("a submodule is versioned by its commit: moving it makes the asset stale", async () => {
    const lib = mkdtempSync(path.join(os.tmpdir(), "kiln-fp-lib-"));
    gitIn(lib, "init", "-q", "-b", "main");
    write(lib, "lib.sh", "echo one\n");
    gitIn(lib, "add", "-A");
    gitIn(lib, "commit", "-q", "-m", "one");
    const dir = project({ code: ["train.sh", "vendor/lib"] });
    gitIn(dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "vendor/lib");
    gitIn(dir, "commit", "-q", "-m", "add lib");
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    const sub = path.join(dir, "vendor/lib");
    write(sub, "lib.sh", "echo two\n");
    gitIn(sub, "commit", "-q", "-am", "two");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["code changed (vendor/lib)"] });
    gitIn(dir, "add", "vendor/lib");
    gitIn(dir, "commit", "-q", "-m", "bump lib");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["code changed (vendor/lib)"] });
    await run(dir);
    expect(await status(dir)).toMatchObject({ status: "fresh", reasons: [] });
    // Moved again without a commit: git's status reads the same, the submodule's commit does not.
    write(sub, "lib.sh", "echo three\n");
    gitIn(sub, "commit", "-q", "-am", "three");
    expect(await status(dir)).toMatchObject({ status: "stale", reasons: ["code changed (vendor/lib)"] });
  });
});
