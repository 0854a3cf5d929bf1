// What a person reads and does with versions: `kiln history` and `kiln show` with the environment
// and branch of every version (and filters by them), `kiln aliases` with the alias history, and
// `kiln rollback` walking that history back (v4 → v3 → v2) or jumping with --to.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { gitIn as git, kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = (epochs: number) => epochsManifest({ epochs, name: "versions", promote: true });

function repo(): string {
  const dir = epochsProject("kiln-versions-", { epochs: 10, name: "versions", promote: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

async function ok(dir: string, ...args: string[]): Promise<string> {
  const result = await kilnIn(dir, args);
  expect(result.code, result.output).toBe(0);
  return result.stdout;
}

async function fails(dir: string, ...args: string[]): Promise<string> {
  const result = await kilnIn(dir, args);
  expect(result.code, result.output).toBe(1);
  return result.output;
}

/** Commits a new epoch count on main and trains it there: the next version, promoted. */
async function trainOnMain(dir: string, epochs: number): Promise<void> {
  writeFileSync(path.join(dir, "kiln.yml"), MANIFEST(epochs));
  git(dir, "commit", "-qam", `${epochs} epochs`);
  await ok(dir, "run");
}

interface AliasesJson {
  aliases: Record<string, number>;
  history: {
    alias: string;
    from: number | null;
    to: number | null;
    kind: string;
    by: string;
    reason: string;
  }[];
}

describe("versions and aliases, as a person sees them", () => {
  it("history and show give every version's environment and branch, and filter by them", async () => {
    const dir = repo();
    await ok(dir, "run"); // v1: prod on main
    git(dir, "checkout", "-q", "-b", "feature/wide");
    await ok(dir, "run"); // v2: dev on feature/wide

    const table = await ok(dir, "history", "model");
    expect(table).toMatch(
      /^version\s+finished \(UTC\)\s+status\s+aliases\s+loss\s+epochs\s+env\s+branch\s+commit$/m,
    );
    expect(table).toMatch(/^v2\s.*\s0\.2\s+5\s+dev\s+feature\/wide\s+[0-9a-f]{7}$/m);
    expect(table).toMatch(/^v1\s.*champion\s+0\.1\s+10\s+prod\s+main\s+[0-9a-f]{7}$/m);

    const dev = JSON.parse(await ok(dir, "history", "model", "--env", "dev", "--json"));
    expect(dev.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(dev.versions[0]).toMatchObject({ environment: "dev", branch: "feature/wide" });
    const onMain = await ok(dir, "history", "model", "--branch", "main");
    expect(onMain).toMatch(/^v1\s/m);
    expect(onMain).not.toMatch(/^v2\s/m);
    expect(await ok(dir, "history", "model", "--branch", "nowhere")).toBe(
      "model has no versions made in branch nowhere.\n",
    );

    const shown = await ok(dir, "show", "model", "--env", "prod");
    expect(shown).toMatch(/^model v1 /);
    expect(shown).toMatch(/^ {2}environment {6}prod$/m);
    expect(shown).toMatch(/^ {2}branch {11}main$/m);
    expect(await ok(dir, "show", "model")).toMatch(/^ {2}branch {11}feature\/wide$/m);
    expect(await fails(dir, "show", "model@v1", "--branch", "feature/wide")).toContain(
      "kiln: error: model v1 was made in prod on main, not in branch feature/wide",
    );
  }, 120_000);

  it("prints the alias history and rolls back through it, one holder at a time or with --to", async () => {
    const dir = repo();
    await ok(dir, "run"); // v1 (10 epochs)
    await trainOnMain(dir, 20); // v2
    await trainOnMain(dir, 30); // v3
    await trainOnMain(dir, 40); // v4
    const promoted = JSON.parse(await ok(dir, "aliases", "model", "--json")) as AliasesJson;
    expect(promoted.aliases).toEqual({ champion: 4 });
    expect(promoted.history.map((e) => [e.from, e.to, e.kind])).toEqual([
      [null, 1, "promotion"],
      [1, 2, "promotion"],
      [2, 3, "promotion"],
      [3, 4, "promotion"],
    ]);
    expect(promoted.history[3]!.reason).toBe("loss 0.025 beats champion v3 (0.03333) by 0.008333");

    // Back through the history, not back and forth between the last two holders.
    expect(await ok(dir, "rollback", "model")).toBe("model@champion: v4 → v3\n");
    expect(await ok(dir, "rollback", "model", "--reason", "v3 drifts on March data")).toBe(
      "model@champion: v3 → v2\n",
    );
    expect(await fails(dir, "rollback", "model", "--to", "v4")).toContain(
      "kiln: error: v4 is not an earlier champion of model (rollback can go to v1)",
    );
    expect(await ok(dir, "rollback", "model", "--to", "v1")).toBe("model@champion: v2 → v1\n");
    expect(await fails(dir, "rollback", "model")).toContain(
      "kiln: error: model@champion v1 is the first holder; there is nothing to roll back to",
    );
    // A new promotion after rollbacks: rolling back returns to the holder before it.
    await ok(dir, "promote", "model", "v3", "--reason", "re-validated");
    expect(await ok(dir, "rollback", "model")).toBe("model@champion: v3 → v1\n");

    const after = JSON.parse(await ok(dir, "aliases", "model", "--json")) as AliasesJson;
    expect(after.aliases).toEqual({ champion: 1 });
    expect(after.history.slice(4).map((e) => [e.from, e.to, e.kind, e.by, e.reason])).toEqual([
      [4, 3, "rollback", "tester", "rolled back from v4 with kiln rollback"],
      [3, 2, "rollback", "tester", "v3 drifts on March data"],
      [2, 1, "rollback", "tester", "rolled back from v2 with kiln rollback"],
      [1, 3, "manual", "tester", "re-validated"],
      [3, 1, "rollback", "tester", "rolled back from v3 with kiln rollback"],
    ]);

    const text = await ok(dir, "aliases", "model");
    expect(text.split("\n")[0]).toBe("model: champion → v1");
    expect(text).toMatch(/^when \(UTC\)\s+alias\s+from\s+to\s+move\s+by\s+why$/m);
    // Newest first.
    expect(text).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+champion\s+v3\s+v1\s+rollback\s+tester\s+rolled back from v3 with kiln rollback\n/m,
    );
    expect(text).toMatch(
      /champion\s+\(none\)\s+v1\s+promotion\s+tester\s+first version to qualify: becomes champion$/m,
    );
  }, 180_000);
});
