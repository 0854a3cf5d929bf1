// `kiln show` and `kiln history` say what the ledger holds: which aliases a version holds now and
// the moves that gave them (a record's verdict is only what its run decided), and a metric that was
// not a number as such, not as nothing.
import { rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { openLedger } from "../../src/ledger/open.js";
import { newMaterialization } from "../ledger/fixtures.js";
import { ledgerFile, modelRepo, train } from "../support/model-repo.js";

/** The line of `kiln show`'s output whose label is `label`. */
function line(output: string, label: string): string | undefined {
  return output.split("\n").find((l) => l.startsWith(`  ${label} `));
}

describe("kiln show: aliases and promotion", () => {
  it("reads the alias log: the aliases held now, the moves that gave them, the run's verdict as the run's", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1: promoted by its run
    expect((await train(dir, 60)).code).toBe(0); // v2: worse, not promoted by its run
    const promoted = await kilnIn(dir, ["promote", "model", "v2", "--reason", "better on March data"]);
    expect(promoted.code, promoted.output).toBe(0);

    const champion = await kilnIn(dir, ["show", "model@champion"]);
    expect(champion.code, champion.output).toBe(0);
    expect(champion.stdout).toMatch(/^model v2 /);
    expect(line(champion.stdout, "aliases")).toBe("  aliases          champion");
    expect(line(champion.stdout, "moved here")).toMatch(
      /^ {2}moved here {7}champion v1 → v2 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}by tester with kiln promote: better on March data$/,
    );
    expect(line(champion.stdout, "promotion")).toMatch(/^ {2}promotion {8}at its run: not eligible: /);

    const first = await kilnIn(dir, ["show", "model@v1"]);
    expect(line(first.stdout, "aliases")).toBe("  aliases          (none now)");
    expect(line(first.stdout, "moved here")).toMatch(
      /champion \(none\) → v1 {2}.* {2}by a run: first version to qualify/,
    );
    expect(line(first.stdout, "promotion")).toMatch(/^ {2}promotion {8}at its run: eligible: /);

    const json = JSON.parse((await kilnIn(dir, ["show", "model@champion", "--json"])).stdout) as {
      aliases: string[];
      aliasMoves: {
        alias: string;
        from: number | null;
        to: number;
        kind: string;
        by: string;
        reason: string;
      }[];
    };
    expect(json.aliases).toEqual(["champion"]);
    expect(json.aliasMoves.map((m) => [m.alias, m.from, m.to, m.kind, m.by, m.reason])).toEqual([
      ["champion", 1, 2, "manual", "tester", "better on March data"],
    ]);
  }, 120_000);
});

describe("kiln show: a champion promoted on merge", () => {
  it("names the merge's move, and the pull request run's verdict as that run's", async () => {
    const dir = epochsProject("kiln-show-merge-", { epochs: 60, promote: true });
    gitIn(dir, "init", "-q", "-b", "main");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "init");
    expect((await kilnIn(dir, ["run"])).code).toBe(0); // v1 champion
    gitIn(dir, "checkout", "-q", "-b", "feature/x");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 80, promote: true }));
    gitIn(dir, "commit", "-qam", "80 epochs");
    const pr = await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"]);
    expect(pr.code, pr.output).toBe(0); // v2, never promoted by its run
    gitIn(dir, "checkout", "-q", "main");
    gitIn(dir, "merge", "-q", "--squash", "feature/x");
    gitIn(dir, "commit", "-q", "-m", "Squashed: more epochs");
    const merged = await kilnIn(dir, ["run"]);
    expect(merged.output).toContain("champion → v2");

    const show = await kilnIn(dir, ["show", "model@champion"]);
    expect(show.stdout).toMatch(/^model v2 /);
    expect(line(show.stdout, "aliases")).toBe("  aliases          champion");
    expect(line(show.stdout, "moved here")).toMatch(
      /^ {2}moved here {7}champion v1 → v2 {2}.* {2}by a run: v2, trained on branch feature\/x \(pull requests never promote\)/,
    );
    expect(line(show.stdout, "promotion")).toBe(
      "  promotion        at its run: not eligible: pull requests never promote",
    );
  }, 180_000);
});

describe("kiln show: a version whose run decided to promote it but never moved the alias", () => {
  it("says so instead of reading eligible", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    // As a run killed between writing the record and moving the alias leaves it.
    rmSync(ledgerFile(dir, "aliases/model.jsonl"));
    const show = await kilnIn(dir, ["show", "model@v1"]);
    expect(show.code, show.output).toBe(0);
    expect(line(show.stdout, "aliases")).toBe("  aliases          (none now)");
    expect(line(show.stdout, "moved here")).toBeUndefined();
    expect(line(show.stdout, "promotion")).toBe(
      "  promotion        at its run: eligible: first version to qualify: becomes champion (the champion alias never moved to it)",
    );
  }, 120_000);
});

describe("a metric that was not a number", () => {
  it("reads NaN in show and history, null in history --json, and show prints the run's warnings", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    const diverged = await train(dir, Number.NaN); // the step writes {"mae":NaN}
    expect(diverged.output).toContain("metric mae is NaN");

    const show = await kilnIn(dir, ["show", "model@v2"]);
    expect(show.stdout).toMatch(/\n {2}metrics\n {4}mae {2}NaN\n/);
    expect(show.stdout).toMatch(/\n {2}warnings\n {4}metric mae is NaN: recorded as not-a-number/);

    const history = await kilnIn(dir, ["history", "model"]);
    const v2 = history.stdout.split("\n").find((l) => l.startsWith("v2 "));
    expect(v2).toMatch(/\bNaN\b/);

    const json = JSON.parse((await kilnIn(dir, ["history", "model", "--json"])).stdout) as {
      versions: { version: number; metrics: Record<string, number | null> }[];
    };
    expect(json.versions.map((v) => v.metrics)).toEqual([{ mae: 50 }, { mae: null }]);
  }, 120_000);
});

describe("kiln history's metric columns", () => {
  it("lead with the primary metric, whatever order the step wrote its metrics in, and name those left out", async () => {
    const dir = modelRepo();
    const ledger = await openLedger({ kind: "local", root: dir, project: "corrupt" });
    // A classifier-style step that logs six diagnostics before its primary metric, and one more.
    for (const [mae, at] of [
      [50, "2026-11-23T06:01:00.000Z"],
      [40, "2026-11-23T07:01:00.000Z"],
    ] as const)
      await ledger.recordMaterialization(
        newMaterialization("model", {
          metrics: {
            accuracy: 0.9,
            f1: 0.8,
            precision: 0.7,
            recall: 0.6,
            roc_auc: 0.5,
            log_loss: 0.4,
            mae,
            brier: 0.1,
          },
          finishedAt: at,
        }),
      );
    const history = await kilnIn(dir, ["history", "model"]);
    expect(history.code, history.output).toBe(0);
    const [header] = history.stdout.split("\n");
    const newest = history.stdout.split("\n").find((l) => l.startsWith("v2 "));
    expect(header?.split(/\s{2,}/).slice(4, 10)).toEqual([
      "mae",
      "accuracy",
      "f1",
      "precision",
      "recall",
      "roc_auc",
    ]);
    expect(newest).toMatch(/^v2 .* 40 +0\.9 /);
    expect(history.stdout).toContain(
      "\n2 more metrics (log_loss, brier): `kiln history model --json` has every one.\n",
    );
  }, 120_000);
});

describe("a version whose record cannot be read", () => {
  it("is named as unreadable, with kiln doctor to see why, not as a version that does not exist", async () => {
    const dir = modelRepo();
    const ledger = await openLedger({ kind: "local", root: dir, project: "corrupt" });
    for (const mae of [50, 40])
      await ledger.recordMaterialization(
        newMaterialization("model", {
          metrics: { mae },
          context: { event: "local", environment: "prod", ref: "main" },
        }),
      );
    truncateSync(ledgerFile(dir, "materializations/model/v1.json"), 100);
    for (const args of [
      ["show", "model@v1"],
      ["pull", "model@v1"],
    ]) {
      const result = await kilnIn(dir, args);
      expect(result.code, result.output).toBe(1);
      expect(result.output).not.toContain("model has no v1");
      expect(result.output).toContain("kiln: error: model v1's record cannot be read:");
      expect(result.output).toContain("hint: `kiln doctor` says what is wrong and how to fix it");
    }
    // Every version of the checkout unreadable: not "never materialized" alone.
    truncateSync(ledgerFile(dir, "materializations/model/v2.json"), 100);
    const current = await kilnIn(dir, ["show", "model"]);
    expect(current.code).toBe(1);
    expect(current.output).toContain("and 2 of its records cannot be read");
  }, 60_000);
});

describe("a version number too large to hold", () => {
  it("is refused quoting what was typed, never rounded to another number", async () => {
    const dir = modelRepo();
    const ledger = await openLedger({ kind: "local", root: dir, project: "corrupt" });
    await ledger.recordMaterialization(newMaterialization("model"));
    const huge = "99999999999999999999";
    for (const args of [
      ["show", `model@v${huge}`],
      ["pull", `model@${huge}`],
      ["promote", "model", `v${huge}`],
      ["rollback", "model", "--to", huge],
    ]) {
      const result = await kilnIn(dir, args);
      expect(result.code, result.output).toBe(1);
      expect(result.output).not.toContain("100000000000000000000");
      expect(result.output, args.join(" ")).toContain(
        `kiln: error: version ${huge} is larger than any version Kiln can number (the largest is 9007199254740991)`,
      );
    }
  }, 60_000);
});
