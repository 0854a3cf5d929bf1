// What the terminal summary adds under its table for each asset: the outcomes a user must see.
import { describe, expect, it } from "vitest";
import type { CheckResult, MaterializationRecord } from "../../src/domain/records.js";
import type { AssetSpec } from "../../src/manifest/project.js";
import { runChecks } from "../../src/run/checks.js";
import type { AssetOutcome } from "../../src/run/executor.js";
import { outcomeNotes } from "../../src/app/outcome-notes.js";

const asset = {
  name: "model",
  metrics: { primary: "mae", direction: "minimize", directions: {} },
} as unknown as AssetSpec;

function success(
  record: Partial<MaterializationRecord>,
  promotion?: AssetOutcome["promotion"],
): AssetOutcome {
  return {
    asset: "model",
    outcome: "success",
    reasons: [],
    detail: "v7",
    durationMs: 1,
    promotion,
    record: { version: 7, metrics: {}, checks: [], ...record } as MaterializationRecord,
  };
}

const failedCheck: CheckResult = {
  name: "val_r2 > 0.9",
  kind: "metric",
  blocking: false,
  passed: false,
  message: "val_r2 = 0.8 not > 0.9",
};

describe("outcome notes", () => {
  it("name a primary metric the step never wrote, with a did-you-mean against what it wrote", () => {
    expect(outcomeNotes(success({ metrics: { val_mae: 2.5, val_r2: 0.8 } }), asset)).toEqual([
      "⚠ primary metric mae was not reported; did you mean val_mae? (reported: val_mae, val_r2)",
    ]);
  });

  it("show a failed non-blocking check, warnings, and the promotion decision either way", () => {
    const verdict = { alias: "champion", promote: false, reason: "mae 3 does not beat champion v2 (2.9)" };
    expect(
      outcomeNotes(
        success(
          { metrics: { mae: 3 }, checks: [failedCheck], warnings: ["metric loss is NaN: …"] },
          {
            verdict,
            moved: false,
            from: 2,
            to: 2,
          },
        ),
        asset,
      ),
    ).toEqual([
      "⚠ metric loss is NaN: …",
      "✗ check val_r2 > 0.9 failed (not blocking): val_r2 = 0.8 not > 0.9",
      "champion stays on v2: mae 3 does not beat champion v2 (2.9)",
    ]);
    const moved = { alias: "champion", promote: true, reason: "first version to qualify: becomes champion" };
    expect(
      outcomeNotes(
        success({ metrics: { mae: 3 } }, { verdict: moved, moved: true, from: null, to: 7 }),
        asset,
      ),
    ).toEqual(["★ champion → v7: first version to qualify: becomes champion"]);
    expect(
      outcomeNotes(success({ metrics: { mae: 3 }, checks: [{ ...failedCheck, passed: true }] }), asset),
    ).toEqual([]);
  });
});

describe("a metric check on a metric that was not written", () => {
  it("suggests the metric the step did write", async () => {
    const [result] = await runChecks(
      [{ kind: "metric", name: "mae < 5", expression: "mae < 5", blocking: true }],
      { root: "/", metrics: { val_mae: 2.5, rows: 300 }, runCommand: async () => ({ code: 0, tail: "" }) },
    );
    expect(result).toMatchObject({
      passed: false,
      message: "metric mae was not reported; did you mean val_mae? (reported: val_mae, rows)",
    });
  });
});
