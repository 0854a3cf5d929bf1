// Stale causes and the current version come from the checkout's own lineage: the same
// environment, the same line of history. `kiln status` on main in prod once compared with a dev
// build made on another branch and printed `config changed (epochs 5 → 60)`.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { epochsManifest, epochsProject, TRAIN_SCRIPT } from "../support/epochs-project.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { failureFilter, type Lineage } from "../../src/version/lineage.js";

const MANIFEST = (epochs: number) => epochsManifest({ epochs, name: "demo" });

const git = gitIn;

function repo(): string {
  const dir = epochsProject("kiln-lineage-", { epochs: 60, name: "demo" });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

async function kiln(dir: string, ...args: string[]): Promise<string> {
  const result = await kilnIn(dir, args);
  expect(result.code, result.output).toBe(0);
  return result.stdout;
}

interface StatusJson {
  environment: string;
  assets: Record<string, { status: string; version: string | null; reasons: string[] }>;
}

async function status(dir: string): Promise<StatusJson> {
  return JSON.parse(await kiln(dir, "status", "--json")) as StatusJson;
}

describe("stale causes from the checkout's lineage", () => {
  it("on main in prod, compares with main's prod build, not a dev build on a branch nor a prod build on another line", async () => {
    const dir = repo();
    await kiln(dir, "run"); // v1: prod, main, epochs 60
    git(dir, "checkout", "-q", "-b", "feature");
    await kiln(dir, "run"); // v2: dev, feature, epochs 5
    git(dir, "checkout", "-q", "-b", "hotfix", "main");
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST(70));
    git(dir, "commit", "-qam", "hotfix: 70 epochs");
    await kiln(dir, "--env", "prod", "run"); // v3: prod config on hotfix, a line main does not contain
    git(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "train.mjs"), `${TRAIN_SCRIPT}// tuned\n`);
    git(dir, "commit", "-qam", "tune the training script");

    const seen = await status(dir);
    expect(seen.environment).toBe("prod");
    expect(seen.assets.model).toMatchObject({
      status: "stale",
      version: "v1",
      reasons: ["code changed (train.mjs)"],
    });

    // The same in a shallow clone (Actions checks out one commit): v1's commit is not there, so
    // its branch says it is main's, and hotfix's v3 is still left out.
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-lineage-clone-"));
    git(clone, "clone", "-q", "--depth", "1", `file://${dir}`, ".");
    // Both checkouts are project "demo" (the manifest names it), so they share the ledger namespace.
    cpSync(path.join(dir, ".kiln", "ledger"), path.join(clone, ".kiln", "ledger"), { recursive: true });
    expect((await status(clone)).assets.model).toMatchObject({
      version: "v1",
      reasons: ["code changed (train.mjs)"],
    });
  }, 120_000);

  it("a dev build on a branch does not make main look built", async () => {
    const dir = repo();
    git(dir, "checkout", "-q", "-b", "feature");
    await kiln(dir, "run"); // dev, feature
    git(dir, "checkout", "-q", "main");
    expect((await status(dir)).assets.model).toMatchObject({
      status: "missing",
      version: null,
      reasons: ["never materialized in prod on this line of history"],
    });
  }, 120_000);
});

describe("which failures hold an asset back", () => {
  const failure = (ref: string | undefined, gitSha = "b1", event = "push") => ({
    context: { event, environment: "prod", gitSha, ...(ref ? { ref } : {}) },
  });
  const onMain = (shallow: boolean): Lineage => ({
    environment: "prod",
    branches: ["main"],
    // b1 (the branch's commit) and m1 (main's) are both ancestors of HEAD, a merge commit; a
    // shallow clone has neither.
    ancestry: async () =>
      shallow
        ? { ancestors: new Set(), present: new Set(), shallow: true }
        : { ancestors: new Set(["b1", "m1"]), present: new Set(["b1", "m1"]), shallow: false },
  });

  it.each([false, true])(
    "counts on main only the failures made on main (shallow clone: %s)",
    async (shallow) => {
      const failures = [failure("feature/x"), failure("main", "m1"), failure(undefined)];
      const counts = await failureFilter(onMain(shallow), failures);
      expect(failures.filter(counts).map((f) => f.context.ref)).toEqual(["main"]);
    },
  );

  it("counts, in a pull request's run, its own branch's failures and its base's", async () => {
    const failures = [
      failure("feature/x", "b1", "pull_request"),
      failure("main", "m1"),
      failure("other", "b1"),
    ];
    const counts = await failureFilter(
      { ...onMain(false), branches: ["feature/x", "main"], pullRequest: true },
      failures,
    );
    expect(failures.filter(counts).map((f) => f.context.ref)).toEqual(["feature/x", "main"]);
  });
});
