import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seriesChart } from "../../src/report/charts.js";
import { lttb, lttbIndices } from "../../src/report/lttb.js";

describe("lttb", () => {
  it("keeps the point that makes the largest triangle in each bucket", () => {
    const points = [0, 10, 0, 0, 0].map((y, x) => ({ x, y }));
    expect(lttbIndices(points, 3)).toEqual([0, 1, 4]);
  });

  it("returns every point when there are no more than the threshold", () => {
    const points = [1, 2, 3].map((y, x) => ({ x, y }));
    expect(lttb(points, 100)).toEqual(points);
  });

  it("keeps first, last and exactly `threshold` ascending points", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 400 }),
        fc.integer({ min: 3, max: 120 }),
        (ys, threshold) => {
          const points = ys.map((y, x) => ({ x, y }));
          const kept = lttbIndices(points, threshold);
          expect(kept.length).toBe(Math.min(points.length, threshold));
          expect(kept[0]).toBe(0);
          expect(kept.at(-1)).toBe(points.length - 1);
          for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1] as number);
        },
      ),
    );
  });

  it("keeps a one-step spike that every-n-th sampling would miss", () => {
    const points = Array.from({ length: 100_000 }, (_, x) => ({
      x,
      y: x === 54_321 ? 50 : Math.sin(x / 1000),
    }));
    expect(lttb(points, 100).some((p) => p.y === 50)).toBe(true);
  });
});

describe("seriesChart", () => {
  it("aligns several series on shared steps and caps them at 100 points", () => {
    const series = Array.from({ length: 100_000 }, (_, i) => ({
      step: i,
      loss: 1 / (i + 1),
      acc: i === 777 ? 5 : i / 100_000,
    }));
    const chart = seriesChart(series);
    expect(chart?.names).toEqual(["loss", "acc"]);
    expect(chart?.sourcePoints).toBe(100_000);
    expect(chart?.steps.length).toBeLessThanOrEqual(100);
    expect(chart?.steps[0]).toBe(0);
    expect(chart?.steps.at(-1)).toBe(99_999);
    for (const line of chart?.values ?? []) expect(line.length).toBe(chart?.steps.length);
    expect(chart?.values[1]).toContain(5);
  });

  it("interpolates a series that was logged at other steps than its neighbour", () => {
    const chart = seriesChart([
      { step: 0, train: 1 },
      { step: 1, train: 0.5, val: 2 },
      { step: 2, train: 0.25 },
      { step: 3, train: 0.2, val: 1 },
    ]);
    expect(chart?.steps).toEqual([0, 1, 2, 3]);
    expect(chart?.values[1]).toEqual([2, 2, 1.5, 1]);
  });

  it("charts an epoch-by-epoch series exactly as the general alignment does", () => {
    // A point without a finite step is skipped by the general path and disqualifies the shortcut
    // for series whose points all carry the same lines at rising steps: both must agree.
    const general = (series: Array<Record<string, number>>) =>
      seriesChart([{ ...series[0], step: Number.NaN }, ...series] as never);
    const shapes: Array<Array<Record<string, number>>> = [
      Array.from({ length: 20 }, (_, e) => ({
        step: e + 1,
        train_loss: 1 / (e + 1),
        val_loss: 1.1 / (e + 1),
      })),
      Array.from({ length: 5 }, (_, e) => ({ step: e * 10, loss: e, accuracy: 0.5 + e / 10 })),
      // More lines than colours: the rest are omitted, not drawn.
      Array.from({ length: 3 }, (_, e) =>
        Object.fromEntries([["step", e], ...Array.from({ length: 10 }, (_, n) => [`m${n}`, n * e + 0.5])]),
      ),
    ];
    for (const series of shapes) {
      const chart = seriesChart(series as never);
      expect(chart).toBeDefined();
      expect(chart).toEqual(general(series));
    }
    expect(seriesChart(shapes[2] as never)?.omitted).toEqual(["m8", "m9"]);
    // Steps out of order, a repeated step, a missing value: the general path, with its alignment.
    const uneven = [
      { step: 2, loss: 0.2 },
      { step: 1, loss: 0.4 },
      { step: 2, loss: 0.1 },
    ];
    expect(seriesChart(uneven)).toEqual({
      names: ["loss"],
      omitted: [],
      steps: [1, 2],
      values: [[0.4, 0.1]],
      sourcePoints: 2,
    });
  });
});
