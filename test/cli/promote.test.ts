// `kiln promote` and `kiln rollback`: aliases moved by people. A target whose record cannot be read
// is the user's problem to repair (exit 1, the file, `kiln doctor`), never "internal error".
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitScript } from "../support/git-script.js";
import { gitIn, kilnIn, kilnOnBranch } from "../support/kiln-in-process.js";
import { ledgerFile, modelRepo, train, withRemote } from "../support/model-repo.js";

async function aliases(dir: string): Promise<Record<string, number>> {
  const result = await kilnIn(dir, ["aliases", "model", "--json"]);
  return (JSON.parse(result.stdout) as { aliases: Record<string, number> }).aliases;
}

/** The model repository with `promote: { alias: production }` and a config an experiment can set. */
function productionRepo(): string {
  const dir = modelRepo();
  const manifest = readFileSync(path.join(dir, "kiln.yml"), "utf8");
  writeFileSync(
    path.join(dir, "kiln.yml"),
    manifest.replace("    promote: {}\n", "    config: { depth: 1 }\n    promote: { alias: production }\n"),
  );
  gitIn(dir, "commit", "-qam", "promote to production");
  return dir;
}

const aliasTargets = (dir: string) =>
  readFileSync(ledgerFile(dir, "aliases/model.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { to: number }).to);

describe("moving an alias to a version whose record is unreadable", () => {
  it("kiln rollback --to an earlier holder names the file and kiln doctor", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1 champion
    expect((await train(dir, 60)).code).toBe(0); // v2, worse: not promoted
    expect((await train(dir, 40)).code).toBe(0); // v3 champion
    expect(aliasTargets(dir)).toEqual([1, 3]);
    writeFileSync(ledgerFile(dir, "materializations/model/v1.json"), "garbage\n");

    const result = await kilnIn(dir, ["rollback", "model", "--to", "v1"]);
    expect(result.output).not.toContain("internal error");
    expect(result.code).toBe(1);
    expect(result.output).toContain("materializations/model/v1.json");
    expect(result.output).toContain("kiln doctor");
    expect(aliasTargets(dir)).toEqual([1, 3]);

    // The plain rollback goes to the same holder: the same answer.
    const plain = await kilnIn(dir, ["rollback", "model"]);
    expect(plain.code).toBe(1);
    expect(plain.output).toContain("materializations/model/v1.json");
  }, 120_000);

  it("on the ledger branch too: rollback names the file instead of racing 20 times", async () => {
    const dir = modelRepo();
    const remote = withRemote(dir);
    for (const mae of [50, 60, 40]) {
      writeFileSync(path.join(dir, "mae.txt"), String(mae));
      const run = await kilnOnBranch(dir, "run", "model");
      expect(run.code, run.output).toBe(0);
    }
    // v1's record on the branch, damaged by another clone's push.
    gitScript(
      dir,
      `git clone -q -b kiln-ledger "$1" "$2"
cd "$2"
file=$(git ls-files | grep 'materializations/model/v1.json$')
echo garbage > "$file"
git -c user.name=t -c user.email=t@example.com commit -qam damage
git push -q origin kiln-ledger`,
      remote,
      `${dir}-damage`,
    );
    const result = await kilnOnBranch(dir, "rollback", "model", "--to", "v1");
    expect(result.output).not.toContain("internal error");
    expect(result.code).toBe(1);
    expect(result.output).toContain("materializations/model/v1.json");
    expect(result.output).toContain("kiln doctor");
  }, 180_000);

  it("kiln promote vN names the unreadable file instead of saying there is no vN", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    expect((await train(dir, 60)).code).toBe(0);
    writeFileSync(ledgerFile(dir, "materializations/model/v2.json"), "{");
    const result = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(result.code).toBe(1);
    expect(result.output).not.toContain("has no v2");
    expect(result.output).toContain("materializations/model/v2.json");
    expect(result.output).toContain("kiln doctor");
    expect(aliasTargets(dir)).toEqual([1]);

    // A version that was never made is still "no vN".
    const missing = await kilnIn(dir, ["promote", "model", "v9"]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("model has no v9");
  }, 120_000);
});

describe("kiln promote and kiln rollback move the alias the asset promotes", () => {
  it("default to the manifest's promote.alias, not champion", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1 production
    expect((await train(dir, 60)).code).toBe(0); // v2, worse
    expect(await aliases(dir)).toEqual({ production: 1 });

    const promoted = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(promoted.code, promoted.output).toBe(0);
    expect(promoted.output).toBe("model@production: v1 → v2\n");
    expect(await aliases(dir)).toEqual({ production: 2 });

    const back = await kilnIn(dir, ["rollback", "model"]);
    expect(back.output).toBe("model@production: v2 → v1\n");
    expect(await aliases(dir)).toEqual({ production: 1 });
  }, 120_000);

  it("refuses alias names outside the manifest's rule and names that read as a version", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0);
    for (const [alias, message] of [
      ["Champion", 'alias "Champion" is not a valid alias name'],
      ["v2", 'alias "v2" reads as a version'],
    ] as const) {
      for (const command of [
        ["promote", "model", "v1", "--alias", alias],
        ["rollback", "model", "--alias", alias],
      ]) {
        const result = await kilnIn(dir, command);
        expect(result.code, result.output).toBe(1);
        expect(result.output).toContain(message);
      }
    }
    expect(await aliases(dir)).toEqual({ production: 1 });
  }, 120_000);

  it("warns when the alias is not the one the manifest promotes", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0);
    const result = await kilnIn(dir, ["promote", "model", "v1", "--alias", "staging"]);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toBe("model@staging: (none) → v1\n");
    expect(result.output).toContain(
      "kiln: warning: model's promote moves production, not staging: no run compares with model@staging",
    );
    expect(await aliases(dir)).toEqual({ production: 1, staging: 1 });
  }, 120_000);
});

describe("kiln promote refuses versions no run would promote, unless --force", () => {
  it("a version made in dev", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1, prod (main)
    gitIn(dir, "checkout", "-q", "-b", "feature");
    expect((await train(dir, 30)).code).toBe(0); // v2, dev: never promoted by its run
    expect(await aliases(dir)).toEqual({ production: 1 });

    const refused = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain("model v2 was made in dev (on feature), and only prod promotes");
    expect(refused.output).toContain("--force");
    expect(await aliases(dir)).toEqual({ production: 1 });

    const forced = await kilnIn(dir, ["promote", "model", "v2", "--force"]);
    expect(forced.code, forced.output).toBe(0);
    expect(await aliases(dir)).toEqual({ production: 2 });
  }, 120_000);

  it("an experiment", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1
    const experiment = await kilnIn(dir, ["run", "model", "--set", "model.depth=2"]);
    expect(experiment.code, experiment.output).toBe(0); // v2, an experiment
    const refused = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain("model v2 is an experiment (run config set with --set model.depth=2)");
    expect(await aliases(dir)).toEqual({ production: 1 });
    expect((await kilnIn(dir, ["promote", "model", "v2", "--force"])).code).toBe(0);
    expect(await aliases(dir)).toEqual({ production: 2 });
  }, 120_000);
});

describe("kiln rollback refuses a holder no run would promote, as kiln promote does, unless --force", () => {
  it("a dev version that held the alias only through kiln promote --force", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1, prod (main): production
    gitIn(dir, "checkout", "-q", "-b", "feature");
    expect((await train(dir, 30)).code).toBe(0); // v2, dev
    expect((await kilnIn(dir, ["promote", "model", "v2", "--force"])).code).toBe(0);
    gitIn(dir, "checkout", "-q", "main");
    expect((await train(dir, 20)).code).toBe(0); // v3, prod, beats v2: production
    expect(await aliases(dir)).toEqual({ production: 3 });

    const refused = await kilnIn(dir, ["rollback", "model"]);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).not.toContain("internal error");
    expect(refused.output).toContain(
      "kiln: error: rolling back model@production would move it to v2: model v2 was made in dev (on feature), and only prod promotes",
    );
    expect(refused.output).toContain("--force");
    expect(refused.output).toContain("--to v1");
    expect(await aliases(dir)).toEqual({ production: 3 });

    // An earlier holder made in prod is no problem; --force goes to the dev one anyway.
    const forced = await kilnIn(dir, ["rollback", "model", "--force"]);
    expect(forced.code, forced.output).toBe(0);
    expect(forced.stdout).toBe("model@production: v3 → v2\n");
    const toProd = await kilnIn(dir, ["rollback", "model", "--to", "v1"]);
    expect(toProd.code, toProd.output).toBe(0);
    expect(await aliases(dir)).toEqual({ production: 1 });
  }, 180_000);

  it("an experiment, with --to", async () => {
    const dir = productionRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1: production
    expect((await kilnIn(dir, ["run", "model", "--set", "model.depth=2"])).code).toBe(0); // v2, an experiment
    expect((await kilnIn(dir, ["promote", "model", "v2", "--force"])).code).toBe(0);
    expect((await kilnIn(dir, ["promote", "model", "v1"])).code).toBe(0);
    const refused = await kilnIn(dir, ["rollback", "model", "--to", "v2"]);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain(
      "rolling back model@production would move it to v2: model v2 is an experiment (run config set with --set model.depth=2)",
    );
    expect(await aliases(dir)).toEqual({ production: 1 });
  }, 180_000);
});
