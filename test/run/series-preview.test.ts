// The series preview (src/run/series-preview.ts): a series of any length downsampled while it is
// read, keeping each line's first, last, lowest and highest points, within a fixed bound.
import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "../../src/domain/records.js";
import { PREVIEW_BUCKETS, SeriesPreview, seriesPreview } from "../../src/run/series-preview.js";

const BOUND = 4 * 2 * PREVIEW_BUCKETS;

function line(points: SeriesPoint[], name: string): { step: number; value: number }[] {
  return points.filter((p) => typeof p[name] === "number").map((p) => ({ step: p.step, value: p[name]! }));
}

/** A noisy decaying loss with one spike and one dip placed at awkward positions. */
function lossCurve(count: number): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 1; i <= count; i++) {
    let loss = 1 / i + 0.01 * Math.sin(i * 0.37);
    if (i === 73_421) loss = 50; // a divergence spike
    if (i === 9_999) loss = -3; // a glitch below everything else
    points.push({ step: i, loss });
  }
  return points;
}

describe("series preview", () => {
  it("keeps a short series whole, and thins a longer one", () => {
    const points = lossCurve(2 * PREVIEW_BUCKETS);
    expect(seriesPreview(points)).toEqual(points);
    expect(seriesPreview(lossCurve(BOUND)).length).toBeLessThan(BOUND);
  });

  it("keeps the first, last, lowest and highest points of a 100,000-point series within the bound", () => {
    const points = lossCurve(100_000);
    const kept = seriesPreview(points);
    expect(kept.length).toBeGreaterThan(PREVIEW_BUCKETS);
    expect(kept.length).toBeLessThanOrEqual(BOUND);
    expect(kept[0]).toEqual(points[0]);
    expect(kept.at(-1)).toEqual(points.at(-1));
    expect(kept).toContainEqual({ step: 73_421, loss: 50 });
    expect(kept).toContainEqual({ step: 9_999, loss: -3 });
    // Every kept point is a point of the series, in the series' order.
    const steps = kept.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    for (const p of kept) expect(p).toEqual(points[p.step - 1]);
  });

  it("keeps the extremes of every stretch of the curve, not only the global ones", () => {
    // A saw tooth: each tooth of 2,000 points rises to a peak of its own height and drops back
    // (buckets end up at most 1,024 points wide here, so no bucket holds two peaks).
    const points: SeriesPoint[] = [];
    for (let i = 0; i < 50_000; i++) points.push({ step: i, y: (i % 2000) * (1 + Math.floor(i / 2000)) });
    const kept = seriesPreview(points);
    expect(kept.length).toBeLessThanOrEqual(BOUND);
    for (let tooth = 0; tooth < 25; tooth++) {
      const peak = 1999 * (tooth + 1);
      expect(
        kept.some((p) => p.y === peak),
        `peak of tooth ${tooth}`,
      ).toBe(true);
    }
  });

  it("downsamples each line on its own: a sparse validation line keeps its own first, last and extremes", () => {
    const points: SeriesPoint[] = [];
    for (let i = 1; i <= 40_000; i++) {
      const point: SeriesPoint = { step: i, train_loss: 1 / i };
      if (i % 100 === 0) point.val_loss = i === 12_300 ? 9 : 2 / i;
      points.push(point);
    }
    const kept = seriesPreview(points);
    const val = line(kept, "val_loss");
    expect(val[0]).toEqual({ step: 100, value: 2 / 100 });
    expect(val.at(-1)).toEqual({ step: 40_000, value: 2 / 40_000 });
    expect(val).toContainEqual({ step: 12_300, value: 9 });
    expect(val.length).toBeLessThanOrEqual(BOUND);
    const train = line(kept, "train_loss");
    expect(train[0]).toEqual({ step: 1, value: 1 });
    expect(train.at(-1)).toEqual({ step: 40_000, value: 1 / 40_000 });
    expect(train.length).toBeLessThanOrEqual(BOUND);
  });

  it("counts every point added, whatever it keeps", () => {
    const preview = new SeriesPreview();
    for (const point of lossCurve(10_000)) preview.add(point);
    expect(preview.points).toBe(10_000);
  });
});
