import { describe, expect, it } from "vitest";
import type { PromoteSpec } from "../../src/manifest/project.js";
import type { CheckResult, MaterializationRecord } from "../../src/domain/records.js";
import { decidePromotion } from "../../src/run/promotion.js";

const spec = (overrides: Partial<PromoteSpec> = {}): PromoteSpec => ({
  alias: "champion",
  metric: "mae",
  direction: "minimize",
  branches: ["main"],
  ...overrides,
});
const holder = (version: number, mae: number) =>
  ({ version, metrics: { mae } }) as unknown as MaterializationRecord;
const passed: CheckResult[] = [
  { name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "" },
];

describe("decidePromotion", () => {
  it.each([
    [
      "first qualifying version",
      {},
      { mae: 60 },
      undefined,
      true,
      "first version to qualify: becomes champion",
    ],
    ["better without margin", {}, { mae: 60 }, holder(1, 64), true, "mae 60 beats champion v1 (64) by 4"],
    ["equal is not better", {}, { mae: 64 }, holder(1, 64), false, "mae 64 does not beat champion v1 (64)"],
    ["worse", {}, { mae: 70 }, holder(2, 64), false, "mae 70 does not beat champion v2 (64)"],
    [
      "beats min-delta",
      { minDelta: 0.5 },
      { mae: 63.4 },
      holder(1, 64),
      true,
      "mae 63.4 beats champion v1 (64) by 0.6 ≥ min-delta 0.5",
    ],
    [
      "short of min-delta",
      { minDelta: 0.5 },
      { mae: 63.8 },
      holder(1, 64),
      false,
      "mae 63.8 beats champion v1 (64) by only 0.2, needs ≥ min-delta 0.5",
    ],
    [
      "short of min-relative",
      { minRelative: 0.05 },
      { mae: 62 },
      holder(1, 64),
      false,
      "mae 62 beats champion v1 (64) by only 2, needs ≥ min-relative 5%",
    ],
    ["fails threshold", { threshold: 50 }, { mae: 60 }, undefined, false, "mae 60 fails the threshold ≤ 50"],
    [
      "metric missing",
      {},
      {},
      holder(1, 64),
      false,
      "metric mae was not reported (the step wrote no metrics to KILN_METRICS)",
    ],
    [
      "metric misnamed",
      {},
      { val_mae: 3, val_r2: 0.8 },
      holder(1, 64),
      false,
      "metric mae was not reported; did you mean val_mae? (reported: val_mae, val_r2)",
    ],
  ])("%s", (_name, overrides, metrics, current, promote, reason) => {
    const verdict = decidePromotion({ spec: spec(overrides), metrics, checks: passed, holder: current });
    expect(verdict).toMatchObject({ alias: "champion", promote, reason });
  });

  it("maximizes when the direction says so", () => {
    const verdict = decidePromotion({
      spec: spec({ metric: "auc", direction: "maximize" }),
      metrics: { auc: 0.91 },
      checks: passed,
      holder: { version: 3, metrics: { auc: 0.9 } } as unknown as MaterializationRecord,
    });
    expect(verdict.promote).toBe(true);
    expect(verdict.reason).toBe("auc 0.91 beats champion v3 (0.9) by 0.01");
  });

  it("never promotes a NaN metric", () => {
    const verdict = decidePromotion({
      spec: spec(),
      metrics: {},
      notFinite: { mae: "NaN" },
      checks: passed,
      holder: holder(1, 64),
    });
    expect(verdict).toMatchObject({ promote: false, reason: "metric mae is NaN, not a number" });
  });

  it("never promotes past a failed blocking check or a blocker", () => {
    const failed: CheckResult[] = [
      { name: "mae < 70", kind: "metric", blocking: true, passed: false, message: "" },
    ];
    expect(decidePromotion({ spec: spec(), metrics: { mae: 1 }, checks: failed }).reason).toBe(
      "blocking check failed: mae < 70",
    );
    expect(
      decidePromotion({
        spec: spec(),
        metrics: { mae: 1 },
        checks: passed,
        notAllowed: "pull requests never promote",
      }),
    ).toMatchObject({ promote: false, reason: "pull requests never promote" });
  });
});
