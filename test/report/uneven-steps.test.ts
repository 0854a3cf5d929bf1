// xychart-beta draws a line's values evenly across the x axis, whatever the steps they belong to.
// A series logged at uneven steps (every step early, then a final evaluation at step 100) must
// still put each value over its own step on the axis's scale, or the curve lies about when the
// model learned what.
import { describe, expect, it } from "vitest";
import { seriesChart, seriesChartMermaid } from "../../src/report/charts.js";

/** The numeric x axis (first, last) and each line's values, as Mermaid will read them. */
function drawn(mermaid: string) {
  const axis = /^ {2}x-axis "step" (\S+) --> (\S+)$/m.exec(mermaid);
  const lines = [...mermaid.matchAll(/^ {2}line \[(.*)\]$/gm)].map((m) => m[1]!.split(", ").map(Number));
  return { axis: axis ? [Number(axis[1]), Number(axis[2])] : undefined, lines };
}

/** The step at which xychart draws value i of n: evenly spaced over the axis. */
const drawnAt = (axis: number[], i: number, n: number) => axis[0]! + (i * (axis[1]! - axis[0]!)) / (n - 1);

describe("a series at uneven steps in a chart", () => {
  it("draws every value over its own step: a metric equal to its step is a straight line", () => {
    const chart = seriesChart([1, 2, 3, 4, 5, 100].map((step) => ({ step, l: step })))!;
    // The chart's data keeps the steps as logged (the JSON report shows them).
    expect(chart.steps).toEqual([1, 2, 3, 4, 5, 100]);
    const { axis, lines } = drawn(seriesChartMermaid("t", chart));
    expect(axis).toEqual([1, 100]);
    const [line] = lines;
    expect(line!.length).toBeGreaterThan(6);
    expect(line!.length).toBeLessThanOrEqual(100);
    for (const [i, value] of line!.entries())
      expect(value, `point ${i} of ${line!.length}`).toBeCloseTo(drawnAt(axis!, i, line!.length), 4);
  });

  it("keeps each line's shape: values between logged steps are interpolated, both lines alike", () => {
    const series = [0, 10, 20, 30, 1000].map((step) => ({ step, loss: 1 / (step + 1), acc: step / 1000 }));
    const { axis, lines } = drawn(seriesChartMermaid("t", seriesChart(series)!));
    expect(axis).toEqual([0, 1000]);
    const [loss, acc] = lines;
    expect(loss!.length).toBe(acc!.length);
    expect(loss![0]).toBe(1);
    expect(loss!.at(-1)).toBeCloseTo(1 / 1001, 5);
    for (const [i, value] of acc!.entries())
      expect(value).toBeCloseTo(drawnAt(axis!, i, acc!.length) / 1000, 5);
  });

  it("labels a short whole-step axis with every step between, so no category stands for a gap", () => {
    const text = seriesChartMermaid("t", seriesChart([1, 2, 9].map((step) => ({ step, l: step * 10 })))!);
    expect(text).toContain('x-axis "step" ["1", "2", "3", "4", "5", "6", "7", "8", "9"]');
    expect(drawn(text).lines).toEqual([[10, 20, 30, 40, 50, 60, 70, 80, 90]]);
  });

  it("leaves evenly logged steps as they are", () => {
    const series = [10, 20, 30, 40, 50].map((step) => ({ step, l: step * step }));
    const { axis, lines } = drawn(seriesChartMermaid("t", seriesChart(series)!));
    expect(axis).toEqual([10, 50]);
    expect(lines).toEqual([[100, 400, 900, 1600, 2500]]);
  });
});
