import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  xychartString
} from "./chunk-HX4NHBDN.js";

// src/report/lttb.ts
function lttbIndices(points, threshold) {
  const n = points.length;
  if (threshold >= n || n <= 2) return points.map((_, i) => i);
  if (threshold < 3) throw new Error(`bug: LTTB threshold ${threshold} < 3`);
  const kept = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += at(points, i).x;
      avgY += at(points, i).y;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    const pa = at(points, a);
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const p = at(points, i);
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}
function lttb(points, threshold) {
  return lttbIndices(points, threshold).map((i) => at(points, i));
}
function at(points, i) {
  const p = points[i];
  if (!p) throw new Error(`bug: LTTB index ${i} out of range`);
  return p;
}

// src/report/charts.ts
var MAX_CHART_POINTS = 100;
var CHART_COLOURS = [
  { hex: "#2563eb", swatch: "\u{1F7E6}", name: "blue" },
  { hex: "#f97316", swatch: "\u{1F7E7}", name: "orange" },
  { hex: "#16a34a", swatch: "\u{1F7E9}", name: "green" },
  { hex: "#dc2626", swatch: "\u{1F7E5}", name: "red" },
  { hex: "#9333ea", swatch: "\u{1F7EA}", name: "purple" },
  { hex: "#92400e", swatch: "\u{1F7EB}", name: "brown" },
  { hex: "#eab308", swatch: "\u{1F7E8}", name: "yellow" },
  { hex: "#111827", swatch: "\u2B1B", name: "black" }
];
function seriesChart(series, maxPoints = MAX_CHART_POINTS) {
  if (series.length <= maxPoints) {
    const aligned = alignedChart(series);
    if (aligned) return aligned;
  }
  const byName = /* @__PURE__ */ new Map();
  for (const point of series) {
    if (!Number.isFinite(point.step)) continue;
    for (const [name, value] of Object.entries(point)) {
      if (name === "step" || typeof value !== "number" || !Number.isFinite(value)) continue;
      let line = byName.get(name);
      if (!line) {
        line = /* @__PURE__ */ new Map();
        byName.set(name, line);
      }
      line.set(point.step, value);
    }
  }
  const allNames = [...byName.keys()];
  const names = allNames.slice(0, CHART_COLOURS.length);
  if (names.length === 0) return void 0;
  const lines = names.map((name) => {
    const line = byName.get(name) ?? /* @__PURE__ */ new Map();
    return [...line].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
  });
  const stepSet = /* @__PURE__ */ new Set();
  for (const line of lines) for (const p of line) stepSet.add(p.x);
  const sourcePoints = stepSet.size;
  let steps;
  if (sourcePoints <= maxPoints) {
    steps = [...stepSet].sort((a, b) => a - b);
  } else {
    const perLine = Math.max(3, Math.floor(maxPoints / lines.length));
    const chosen = /* @__PURE__ */ new Set();
    for (const line of lines)
      for (const i of lttbIndices(line, perLine)) chosen.add(line[i]?.x ?? Number.NaN);
    chosen.delete(Number.NaN);
    steps = [...chosen].sort((a, b) => a - b);
    if (steps.length > maxPoints) steps = evenly(steps, maxPoints);
  }
  const values = lines.map((line) => steps.map((x) => valueAt(line, x)));
  return { names, omitted: allNames.slice(names.length), steps, values, sourcePoints };
}
function alignedChart(series) {
  const first = series[0];
  if (!first) return void 0;
  const names = [];
  for (const [name, value] of Object.entries(first)) {
    if (name === "step") continue;
    if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
    names.push(name);
  }
  if (names.length === 0) return void 0;
  const keys = names.length + 1;
  const drawn = names.slice(0, CHART_COLOURS.length);
  const steps = new Array(series.length);
  const values = drawn.map(() => new Array(series.length));
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.length; i++) {
    const point = series[i];
    const step = point.step;
    if (!Number.isFinite(step) || step <= previous || Object.keys(point).length !== keys) return void 0;
    previous = step;
    steps[i] = step;
    for (let n = 0; n < names.length; n++) {
      const value = point[names[n]];
      if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
      if (n < drawn.length) values[n][i] = value;
    }
  }
  return { names: drawn, omitted: names.slice(drawn.length), steps, values, sourcePoints: series.length };
}
function evenly(items, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const item = items[Math.round(i * (items.length - 1) / (count - 1))];
    if (item !== void 0) out.push(item);
  }
  return out;
}
function valueAt(line, x) {
  let lo = 0;
  let hi = line.length - 1;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if ((line[mid]?.x ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  const right = line[lo];
  if (!right) return 0;
  if (right.x === x || lo === 0) return right.y;
  const left = line[lo - 1];
  if (!left) return right.y;
  if (right.x < x) return right.y;
  return left.y + (right.y - left.y) * (x - left.x) / (right.x - left.x);
}
function chartNumber(value) {
  const text = String(Number(value.toPrecision(6)));
  if (!/e/i.test(text)) return text;
  const [mantissa = "", power = "0"] = value.toExponential(5).split("e");
  const exponent = Number(power);
  if (exponent < -20) return "0";
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/[-.]/g, "").replace(/0+$/, "") || "0";
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = exponent + 1;
  return digits.length <= whole ? `${sign}${digits}${"0".repeat(whole - digits.length)}` : `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
}
function palette(count) {
  const hexes = CHART_COLOURS.slice(0, Math.max(1, count)).map((c) => c.hex);
  return `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${hexes.join(", ")}"}}}}%%`;
}
var FRACTIONAL_TICKS_BELOW = 10;
function categorySteps(steps) {
  const span = (steps.at(-1) ?? 0) - (steps[0] ?? 0);
  return steps.every(Number.isInteger) && span < FRACTIONAL_TICKS_BELOW;
}
function stepAxis(steps) {
  if (categorySteps(steps))
    return `  x-axis "step" [${steps.map((step) => xychartString(String(step))).join(", ")}]`;
  return `  x-axis "step" ${chartNumber(steps[0] ?? 0)} --> ${chartNumber(steps.at(-1) ?? 0)}`;
}
function drawnAt(chart) {
  const { steps } = chart;
  const first = steps[0] ?? 0;
  const span = (steps.at(-1) ?? 0) - first;
  if (steps.length < 3 || !(span > 0)) return chart;
  const categories = categorySteps(steps);
  const interval = span / (steps.length - 1);
  const tolerance = categories ? 0 : interval;
  if (steps.every((step, i) => Math.abs(step - (first + i * interval)) <= tolerance)) return chart;
  let smallestGap = span;
  for (let i = 1; i < steps.length; i++) smallestGap = Math.min(smallestGap, steps[i] - steps[i - 1]);
  const count = categories ? span + 1 : Math.min(MAX_CHART_POINTS, Math.max(steps.length, Math.ceil(span / smallestGap) + 1));
  const grid = Array.from(
    { length: count },
    (_, j) => j === count - 1 ? first + span : first + j * span / (count - 1)
  );
  const values = chart.values.map((line) => {
    const points = steps.map((x, i) => ({ x, y: line[i] ?? 0 }));
    return grid.map((x) => valueAt(points, x));
  });
  return { steps: grid, values };
}
function seriesGroups(names) {
  const groups = /* @__PURE__ */ new Map();
  for (const name of names) {
    const key = name.replace(/^(train|training|val|valid|validation|test|eval|dev)[_-]/i, "") || name;
    groups.set(key, [...groups.get(key) ?? [], name]);
  }
  return groups;
}
function seriesSubset(chart, names) {
  return {
    ...chart,
    names: [...names],
    values: names.map((name) => chart.values[chart.names.indexOf(name)] ?? [])
  };
}
function seriesChartMermaid(title, chart) {
  const drawn = drawnAt(chart);
  return [
    palette(chart.names.length),
    "xychart-beta",
    `  title ${xychartString(title)}`,
    stepAxis(drawn.steps),
    `  y-axis ${xychartString(chart.names.join(", "))}`,
    ...drawn.values.map((line) => `  line [${line.map(chartNumber).join(", ")}]`)
  ].join("\n");
}
function versionsChartMermaid(title, metric, points) {
  const labels = points.map((p) => xychartString(`v${p.version}${p.champion ? "\u2605" : ""}`));
  return [
    palette(1),
    "xychart-beta",
    `  title ${xychartString(title)}`,
    `  x-axis [${labels.join(", ")}]`,
    `  y-axis ${xychartString(metric)}`,
    // A line, not bars: xychart does not start the y axis at 0, so bar heights would mislead.
    `  line [${points.map((p) => chartNumber(p.value)).join(", ")}]`
  ].join("\n");
}

export {
  lttbIndices,
  lttb,
  CHART_COLOURS,
  seriesChart,
  seriesGroups,
  seriesSubset,
  seriesChartMermaid,
  versionsChartMermaid
};
