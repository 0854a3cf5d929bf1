// Numbers and durations as people read them, everywhere Kiln prints one (src/report/format.ts).
import { describe, expect, it } from "vitest";
import type { MaterializationRecord } from "../../src/domain/records.js";
import { formatDuration, formatNumber } from "../../src/report/format.js";
import { runChecks } from "../../src/run/checks.js";
import { decidePromotion } from "../../src/run/promotion.js";

describe("formatNumber", () => {
  it("shows integers whole and other numbers to four significant digits", () => {
    expect(formatNumber(1234567)).toBe("1234567");
    expect(formatNumber(0.912345)).toBe("0.9123");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(1234.5678)).toBe("1235");
  });

  it("adds digits until a value reads differently from the value it is compared with", () => {
    expect(formatNumber(70.000004, 70)).toBe("70.000004");
    expect(formatNumber(0.91236, 0.91238)).toBe("0.91236");
    expect(formatNumber(0.91238, 0.91236)).toBe("0.91238");
    expect(formatNumber(0.5, 0.5)).toBe("0.5");
  });
});

describe("formatDuration", () => {
  it("reads in seconds, then minutes, then hours", () => {
    expect(formatDuration(420)).toBe("0.4 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(7_620_000)).toBe("2h 07m");
  });
});

describe("messages that compare two numbers", () => {
  it("a failed check never reads as if the value met the threshold", async () => {
    const [result] = await runChecks(
      [{ kind: "metric", name: "mae < 70", expression: "mae < 70", blocking: true }],
      { root: "/", metrics: { mae: 70.000004 }, runCommand: async () => ({ code: 0, tail: "" }) },
    );
    expect(result).toMatchObject({ passed: false, message: "mae = 70.000004 not < 70" });
  });

  it("a promotion by a hair shows the two values apart", () => {
    const verdict = decidePromotion({
      spec: { alias: "champion", metric: "mae", direction: "minimize", branches: ["main"] },
      metrics: { mae: 63.99996 },
      checks: [],
      holder: { version: 1, metrics: { mae: 64 } } as unknown as MaterializationRecord,
    });
    expect(verdict).toMatchObject({ promote: true });
    expect(verdict.reason).toBe("mae 63.99996 beats champion v1 (64) by 0.00004");
  });
});
