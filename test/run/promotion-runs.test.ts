// Promotion through real runs, in-process: each run's verdict as its record keeps it, and the alias
// history (`aliases/<asset>.jsonl`, what `kiln aliases` and `kiln rollback` read) as the truth of
// who holds `champion`. Ties, directions, margins, a metric that is missing or not a number, a
// holder without the metric, environments that never promote, a decision overtaken by another
// writer, and the moves people make (`kiln promote`, `kiln rollback`).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { openLedger } from "../../src/ledger/open.js";
import { promoteIfBetter } from "../../src/run/promote.js";
import { decidePromotion } from "../../src/run/promotion.js";
import { engineRepo, ledgerOf, localEnv, runEngine } from "../support/engine-run.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

/** A model whose step reports `$SCORE` as the metric `score` (unset: no metric at all). */
function modelRepo(promote: string, direction = "minimize"): string {
  return engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo "$SCORE" > build/model.txt && if [ -n "$SCORE" ]; then echo "{\\"score\\": $SCORE}" > "$KILN_METRICS"; fi'
    outputs: [build/model.txt]
    metrics: { primary: score, direction: ${direction} }
    promote: ${promote}
`);
}

/** One forced run of the model reporting `score` (a request: it runs although its version exists). */
function train(dir: string, score: string | undefined, extra: NodeJS.ProcessEnv = {}) {
  return runEngine(dir, {
    selection: ["model"],
    force: true,
    env: localEnv({ SCORE: score ?? "", ...extra }),
  });
}

async function aliasLog(dir: string) {
  const run = await runEngine(dir, { selection: [] });
  return run.workspace.ledger.aliasHistory("model");
}

describe("promotion in runs", () => {
  it("moves champion only past the margin, keeps it on a tie, and logs each move with who, why and the run", async () => {
    const dir = modelRepo("{ alias: champion, min-delta: 0.5 }");
    const first = await train(dir, "10");
    expect(first.outcome("model")).toMatchObject({ detail: "v1; champion → v1" });

    const tie = await train(dir, "10");
    expect(tie.outcome("model")!.detail).toBe("v2");
    expect(tie.outcome("model")!.record!.promotion).toMatchObject({
      promote: false,
      against: 1,
      reason: "score 10 does not beat champion v1 (10)",
    });
    const short = await train(dir, "9.8");
    expect(short.outcome("model")!.record!.promotion!.reason).toBe(
      "score 9.8 beats champion v1 (10) by only 0.2, needs ≥ min-delta 0.5",
    );
    const better = await train(dir, "9");
    expect(better.outcome("model")).toMatchObject({ detail: "v4; champion → v4" });
    expect(better.outcome("model")!.promotion).toMatchObject({ moved: true, from: 1, to: 4 });

    const log = await aliasLog(dir);
    expect(log.map((e) => [e.alias, e.from, e.to, e.kind, e.by, e.reason])).toEqual([
      ["champion", null, 1, "promotion", "tester", "first version to qualify: becomes champion"],
      ["champion", 1, 4, "promotion", "tester", "score 9 beats champion v1 (10) by 1 ≥ min-delta 0.5"],
    ]);
    // Each move names the run that made it, and when.
    expect(log[1]!.run).toBe(better.result.context.runId);
    expect(Date.parse(log[1]!.at)).toBeGreaterThanOrEqual(
      Date.parse(better.outcome("model")!.record!.finishedAt),
    );

    const shown = await kilnIn(dir, ["aliases", "model"]);
    expect(shown.code).toBe(0);
    expect(shown.output).toContain("score 9 beats champion v1 (10) by 1");
  });

  it("maximizes with a relative margin and a threshold", async () => {
    const dir = modelRepo("{ alias: champion, min-relative: 0.1, threshold: 0.5 }", "maximize");
    const low = await train(dir, "0.4");
    expect(low.outcome("model")!.record!.promotion!.reason).toBe("score 0.4 fails the threshold ≥ 0.5");
    await train(dir, "0.6");
    const slight = await train(dir, "0.65");
    expect(slight.outcome("model")!.record!.promotion!.reason).toBe(
      "score 0.65 beats champion v2 (0.6) by only 0.05, needs ≥ min-relative 10%",
    );
    const clear = await train(dir, "0.7");
    expect(clear.outcome("model")!.detail).toBe("v4; champion → v4");
    expect(aliasHolders(await aliasLog(dir)).get("champion")).toBe(4);
  });

  it("never promotes a version whose metric is missing or not a number, and says why in its record", async () => {
    const dir = modelRepo("{ alias: champion }");
    await train(dir, "5");
    const nan = await train(dir, "NaN");
    const record = nan.outcome("model")!.record!;
    expect(nan.outcome("model")!.detail).toBe("v2");
    expect(record.notFinite).toEqual({ score: "NaN" });
    expect(record.promotion).toMatchObject({ promote: false, reason: "metric score is NaN, not a number" });
    const none = await train(dir, undefined);
    expect(none.outcome("model")!.record!.promotion!.reason).toBe(
      "metric score was not reported (the step wrote no metrics to KILN_METRICS)",
    );
    expect((await aliasLog(dir)).map((e) => e.to)).toEqual([1]);
  });

  it("replaces a holder that lacks the metric (the primary metric was renamed)", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo 1 > build/model.txt && echo "{\\"loss\\": 3}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: loss, direction: minimize }
    promote: { alias: champion }
`);
    await runEngine(dir);
    const manifest = path.join(dir, "kiln.yml");
    writeFileSync(
      manifest,
      readFileSync(manifest, "utf8")
        .replace('\\"loss\\": 3', '\\"rmse\\": 2')
        .replace("primary: loss,", "primary: rmse,"),
    );
    gitIn(dir, "commit", "-qam", "report rmse");
    const run = await runEngine(dir);
    expect(run.outcome("model")!.detail).toBe("v2; champion → v2");
    expect(run.outcome("model")!.record!.promotion!.reason).toBe("champion v1 has no rmse: replaced");
  });

  it("never promotes outside prod: a dev branch records why, and nothing is moved", async () => {
    const dir = modelRepo("{ alias: champion }");
    gitIn(dir, "checkout", "-q", "-b", "experiment");
    const run = await train(dir, "1");
    expect(run.workspace.environment).toBe("dev");
    const verdict = run.outcome("model")!.record!.promotion!;
    expect(verdict).toMatchObject({ promote: false, blocked: true });
    expect(verdict.reason).toMatch(/dev/);
    expect(await aliasLog(dir)).toEqual([]);
    // `--env prod` on that branch trains with prod's config but still promotes nothing.
    const forced = await train(dir, "0.5", { KILN_ENV: "prod" });
    expect(forced.outcome("model")!.record!.promotion).toMatchObject({ promote: false, blocked: true });
    expect(await aliasLog(dir)).toEqual([]);
  });

  it("decides again when another writer moved the alias after the decision", async () => {
    const dir = modelRepo("{ alias: champion }");
    await train(dir, "5");
    // v2 (score 4) is decided against v1 (here: built where it could not move the alias, then
    // decided as its run would have), while a better v3 (score 3) takes champion first.
    gitIn(dir, "checkout", "-q", "-b", "elsewhere");
    const v2 = await train(dir, "4");
    gitIn(dir, "checkout", "-q", "main");
    const { records } = await ledgerOf(v2.workspace, "model");
    const spec = v2.workspace.project.assets.get("model")!.promote!;
    const v3 = await train(dir, "3");
    expect(v3.outcome("model")!.detail).toBe("v3; champion → v3");
    const stale = decidePromotion({ spec, metrics: { score: 4 }, checks: [], holder: records[0] });
    expect(stale).toMatchObject({ promote: true, against: 1 });
    const outcome = await promoteIfBetter({
      ledger: v3.workspace.ledger,
      spec,
      record: records[1]!,
      verdict: stale,
      by: "late-run",
    });
    expect(outcome).toMatchObject({ moved: false, from: 3, to: 3 });
    expect(outcome.verdict.reason).toBe("score 4 does not beat champion v3 (3)");
    expect(aliasHolders(await aliasLog(dir)).get("champion")).toBe(3);
  });

  it("judges a new version against the champion as it is when the step ends, not as it was when the run started", async () => {
    // The step waits for `go`: while it trains, someone rolls champion back from v2 to v1.
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'touch started; while [ ! -f go ]; do sleep 0.05; done; mkdir -p build && echo "$SCORE" > build/model.txt && echo "{\\"score\\": $SCORE}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: score, direction: minimize }
    promote: { alias: champion }
`);
    writeFileSync(path.join(dir, "go"), "");
    await train(dir, "3.5"); // v1: champion
    const v2 = await train(dir, "2.8"); // v2: beats it
    expect(v2.outcome("model")!.detail).toBe("v2; champion → v2");
    rmSync(path.join(dir, "go"));
    rmSync(path.join(dir, "started"));
    const running = train(dir, "3.0");
    while (!existsSync(path.join(dir, "started"))) await new Promise((resolve) => setTimeout(resolve, 20));
    const other = await openLedger({ kind: "local", root: dir, project: v2.workspace.project.name });
    expect(
      await other.moveAlias({
        alias: "champion",
        asset: "model",
        from: 2,
        to: 1,
        by: "someone",
        reason: "rolled back from v2 with kiln rollback",
        kind: "rollback",
      }),
    ).toBe(true);
    writeFileSync(path.join(dir, "go"), "");
    const v3 = await running;
    // 3.0 does not beat v2 (2.8), but v2 no longer holds champion: it beats v1 (3.5).
    expect(v3.outcome("model")!.detail).toBe("v3; champion → v3");
    expect(aliasHolders(await aliasLog(dir)).get("champion")).toBe(3);
  });

  it("`kiln promote` and `kiln rollback` move the alias by hand and log it; a rollback with nothing before says so", async () => {
    const dir = modelRepo("{ alias: champion }");
    await train(dir, "5");
    await train(dir, "6"); // worse: stays v1
    await train(dir, "4"); // better: v3

    const nothing = await kilnIn(dir, ["rollback", "model", "--to", "2"]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.output).toContain("v2 is not an earlier champion of model (rollback can go to v1)");

    const back = await kilnIn(dir, ["rollback", "model"]);
    expect(back.code).toBe(0);
    const manual = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(manual.code).toBe(0);
    const again = await kilnIn(dir, ["promote", "model", "v2"]);
    expect(again.code).toBe(0);

    const log = await aliasLog(dir);
    expect(log.map((e) => [e.from, e.to, e.kind])).toEqual([
      [null, 1, "promotion"],
      [1, 3, "promotion"],
      [3, 1, "rollback"],
      [1, 2, "manual"],
    ]);
    expect(log[2]!.reason).toBe("rolled back from v3 with kiln rollback");
    // Rolling back walks the holders back: v2 → v1 (the holder before it), then v1 is the first.
    expect((await kilnIn(dir, ["rollback", "model"])).code).toBe(0);
    expect(aliasHolders(await aliasLog(dir)).get("champion")).toBe(1);
    const first = await kilnIn(dir, ["rollback", "model"]);
    expect(first.code).not.toBe(0);
    expect(first.output).toContain("model@champion v1 is the first holder; there is nothing to roll back to");
  });
});
