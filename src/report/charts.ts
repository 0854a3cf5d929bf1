// Chart data (plain numbers, shared by the Markdown and JSON renderings) and their Mermaid text.
// GitHub renders Mermaid only; `xychart-beta` has no legend (mermaid-js/mermaid#5292), so colours
// are pinned here and the Markdown names the lines in the same order under each chart.
import type { SeriesPoint } from "../domain/records.js";
import { xychartString } from "./escape.js";
import { lttbIndices } from "./lttb.js";

export const MAX_CHART_POINTS = 100;
/** More lines than colours would be unreadable without a legend; the rest are listed as omitted. */
export const CHART_COLOURS = [
  { hex: "#2563eb", swatch: "🟦", name: "blue" },
  { hex: "#f97316", swatch: "🟧", name: "orange" },
  { hex: "#16a34a", swatch: "🟩", name: "green" },
  { hex: "#dc2626", swatch: "🟥", name: "red" },
  { hex: "#9333ea", swatch: "🟪", name: "purple" },
  { hex: "#92400e", swatch: "🟫", name: "brown" },
  { hex: "#eab308", swatch: "🟨", name: "yellow" },
  { hex: "#111827", swatch: "⬛", name: "black" },
] as const;

export interface SeriesChart {
  /** Line names in colour order. */
  names: string[];
  /** Names beyond the palette, not drawn. */
  omitted: string[];
  /** The x values (steps) shared by every line. */
  steps: number[];
  /** One array per name, aligned with `steps`. */
  values: number[][];
  /** Distinct steps before downsampling. */
  sourcePoints: number;
}

/**
 * Aligns the series on their steps and downsamples with LTTB: each line keeps its own most telling
 * points, the union of those steps becomes the shared x axis (xychart draws every line on the same
 * categories), and a line without a value at a chosen step is interpolated between its neighbours.
 */
export function seriesChart(
  series: readonly SeriesPoint[],
  maxPoints = MAX_CHART_POINTS,
): SeriesChart | undefined {
  if (series.length <= maxPoints) {
    const aligned = alignedChart(series);
    if (aligned) return aligned;
  }
  const byName = new Map<string, Map<number, number>>();
  for (const point of series) {
    if (!Number.isFinite(point.step)) continue;
    for (const [name, value] of Object.entries(point)) {
      if (name === "step" || typeof value !== "number" || !Number.isFinite(value)) continue;
      let line = byName.get(name);
      if (!line) {
        line = new Map();
        byName.set(name, line);
      }
      line.set(point.step, value);
    }
  }
  const allNames = [...byName.keys()];
  const names = allNames.slice(0, CHART_COLOURS.length);
  if (names.length === 0) return undefined;
  const lines = names.map((name) => {
    const line = byName.get(name) ?? new Map<number, number>();
    return [...line].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
  });
  const stepSet = new Set<number>();
  for (const line of lines) for (const p of line) stepSet.add(p.x);
  const sourcePoints = stepSet.size;
  let steps: number[];
  if (sourcePoints <= maxPoints) {
    steps = [...stepSet].sort((a, b) => a - b);
  } else {
    const perLine = Math.max(3, Math.floor(maxPoints / lines.length));
    const chosen = new Set<number>();
    for (const line of lines)
      for (const i of lttbIndices(line, perLine)) chosen.add(line[i]?.x ?? Number.NaN);
    chosen.delete(Number.NaN);
    steps = [...chosen].sort((a, b) => a - b);
    // Several lines may each ask for their own steps; thin evenly if the union still exceeds the cap.
    if (steps.length > maxPoints) steps = evenly(steps, maxPoints);
  }
  const values = lines.map((line) => steps.map((x) => valueAt(line, x)));
  return { names, omitted: allNames.slice(names.length), steps, values, sourcePoints };
}

/**
 * The chart of a series whose points all carry the same lines at strictly rising steps (what a
 * training loop logs, epoch after epoch), short enough to keep whole: the same chart as the general
 * path, without its maps, sorts and interpolation. The history site charts 300,000 of them.
 * Undefined when the series is any other shape.
 */
function alignedChart(series: readonly SeriesPoint[]): SeriesChart | undefined {
  const first = series[0];
  if (!first) return undefined;
  const names: string[] = [];
  for (const [name, value] of Object.entries(first)) {
    if (name === "step") continue;
    if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
    names.push(name);
  }
  if (names.length === 0) return undefined;
  const keys = names.length + 1;
  const drawn = names.slice(0, CHART_COLOURS.length);
  const steps: number[] = new Array(series.length);
  const values: number[][] = drawn.map(() => new Array(series.length));
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.length; i++) {
    const point = series[i]!;
    const step = point.step;
    if (!Number.isFinite(step) || step <= previous || Object.keys(point).length !== keys) return undefined;
    previous = step;
    steps[i] = step;
    for (let n = 0; n < names.length; n++) {
      const value = point[names[n]!];
      if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
      if (n < drawn.length) values[n]![i] = value;
    }
  }
  return { names: drawn, omitted: names.slice(drawn.length), steps, values, sourcePoints: series.length };
}

function evenly<T>(items: T[], count: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[Math.round((i * (items.length - 1)) / (count - 1))];
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** The line's value at x, linearly interpolated (and held flat beyond its ends). */
function valueAt(line: { x: number; y: number }[], x: number): number {
  let lo = 0;
  let hi = line.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((line[mid]?.x ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  const right = line[lo];
  if (!right) return 0;
  if (right.x === x || lo === 0) return right.y;
  const left = line[lo - 1];
  if (!left) return right.y;
  if (right.x < x) return right.y;
  return left.y + ((right.y - left.y) * (x - left.x)) / (right.x - left.x);
}

/**
 * A number as xychart's grammar reads it (`[+-]?(digits(.digits)?|.digits)`: an exponent breaks the
 * whole block), with at most 6 significant digits. JavaScript writes 1e21 and above, and below 1e-6,
 * with an exponent (as does `toFixed` from 1e21), so those are spelled out from the exponential
 * form; below 1e-20 a value draws as 0.
 */
export function chartNumber(value: number): string {
  const text = String(Number(value.toPrecision(6)));
  if (!/e/i.test(text)) return text;
  const [mantissa = "", power = "0"] = value.toExponential(5).split("e");
  const exponent = Number(power);
  if (exponent < -20) return "0";
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/[-.]/g, "").replace(/0+$/, "") || "0";
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  return digits.length <= whole
    ? `${sign}${digits}${"0".repeat(whole - digits.length)}`
    : `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}

function palette(count: number): string {
  const hexes = CHART_COLOURS.slice(0, Math.max(1, count)).map((c) => c.hex);
  return `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${hexes.join(", ")}"}}}}%%`;
}

/**
 * Below this span a numeric axis gets fractional ticks: xychart asks d3 for about ten ticks, and
 * d3 steps by 0.5 once the range is shorter than ~7 (epochs 1, 1.5, 2…).
 */
const FRACTIONAL_TICKS_BELOW = 10;

/** Whole steps over a short range: drawn on categories, one label per step. */
function categorySteps(steps: readonly number[]): boolean {
  const span = (steps.at(-1) ?? 0) - (steps[0] ?? 0);
  return steps.every(Number.isInteger) && span < FRACTIONAL_TICKS_BELOW;
}

function stepAxis(steps: readonly number[]): string {
  // Whole steps over a short range: one label per step, so every tick is a step that exists.
  if (categorySteps(steps))
    return `  x-axis "step" [${steps.map((step) => xychartString(String(step))).join(", ")}]`;
  // A numeric axis, not one label per point (100 labels overlap into a smear).
  return `  x-axis "step" ${chartNumber(steps[0] ?? 0)} --> ${chartNumber(steps.at(-1) ?? 0)}`;
}

/**
 * The steps the chart is drawn at and each line's values there. xychart spaces a line's values
 * evenly along the x axis (categories and a numeric axis alike), whatever steps they came from, so
 * steps logged unevenly (every step early, then a final evaluation at step 100) would be drawn at
 * the wrong places: such lines are resampled on an evenly spaced grid by linear interpolation, fine
 * enough for the smallest gap between steps (at most MAX_CHART_POINTS points). Steps close to even
 * are drawn as they are: LTTB keeps one point per equal-sized bucket of an evenly logged series, so
 * each lies within one grid interval of its place, and resampling would blunt the extremes it kept.
 * The chart's own `steps` (the JSON report) stay the logged ones.
 */
function drawnAt(chart: SeriesChart): { steps: readonly number[]; values: readonly (readonly number[])[] } {
  const { steps } = chart;
  const first = steps[0] ?? 0;
  const span = (steps.at(-1) ?? 0) - first;
  if (steps.length < 3 || !(span > 0)) return chart;
  const categories = categorySteps(steps);
  const interval = span / (steps.length - 1);
  // Categories are labelled with their steps, so they must be exactly even; a numeric axis
  // tolerates one interval (see above).
  const tolerance = categories ? 0 : interval;
  if (steps.every((step, i) => Math.abs(step - (first + i * interval)) <= tolerance)) return chart;
  let smallestGap = span;
  for (let i = 1; i < steps.length; i++) smallestGap = Math.min(smallestGap, steps[i]! - steps[i - 1]!);
  const count = categories
    ? span + 1
    : Math.min(MAX_CHART_POINTS, Math.max(steps.length, Math.ceil(span / smallestGap) + 1));
  const grid = Array.from({ length: count }, (_, j) =>
    j === count - 1 ? first + span : first + (j * span) / (count - 1),
  );
  const values = chart.values.map((line) => {
    const points = steps.map((x, i) => ({ x, y: line[i] ?? 0 }));
    return grid.map((x) => valueAt(points, x));
  });
  return { steps: grid, values };
}

/**
 * Series names grouped into one chart each by what they measure: `train_loss` and `val_loss` share
 * a "loss" chart, `val_accuracy` gets its own, so lines on one axis have comparable scales (an
 * accuracy in [0, 1] drawn beside a loss of 4,000 is a flat line at 0). The report and the history
 * site group alike.
 */
export function seriesGroups(names: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const key = name.replace(/^(train|training|val|valid|validation|test|eval|dev)[_-]/i, "") || name;
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return groups;
}

/** The lines of `chart` named `names`, on the same steps. */
export function seriesSubset(chart: SeriesChart, names: readonly string[]): SeriesChart {
  return {
    ...chart,
    names: [...names],
    values: names.map((name) => chart.values[chart.names.indexOf(name)] ?? []),
  };
}

export function seriesChartMermaid(title: string, chart: SeriesChart): string {
  const drawn = drawnAt(chart);
  return [
    palette(chart.names.length),
    "xychart-beta",
    `  title ${xychartString(title)}`,
    stepAxis(drawn.steps),
    `  y-axis ${xychartString(chart.names.join(", "))}`,
    ...drawn.values.map((line) => `  line [${line.map(chartNumber).join(", ")}]`),
  ].join("\n");
}

export interface VersionPoint {
  version: number;
  value: number;
  /** Holds the promote alias now. */
  champion: boolean;
  /** Written by this run. */
  current: boolean;
}

export function versionsChartMermaid(title: string, metric: string, points: readonly VersionPoint[]): string {
  const labels = points.map((p) => xychartString(`v${p.version}${p.champion ? "★" : ""}`));
  return [
    palette(1),
    "xychart-beta",
    `  title ${xychartString(title)}`,
    `  x-axis [${labels.join(", ")}]`,
    `  y-axis ${xychartString(metric)}`,
    // A line, not bars: xychart does not start the y axis at 0, so bar heights would mislead.
    `  line [${points.map((p) => chartNumber(p.value)).join(", ")}]`,
  ].join("\n");
}
