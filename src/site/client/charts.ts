/// <reference lib="dom" />
// Interactive line charts with uPlot (bundled into static/kiln.js): hover shows every line's value in
// the legend, dragging across the plot zooms, double-click resets. Each chart sits in a <figure>
// with a caption and an accessible name; the numbers are also in the page's tables.
import uPlot from "uplot";
import { CHART_COLOURS } from "../../report/charts.js";
// One grouping of series for the report's charts and the site's (src/report/charts.ts).
export { seriesGroups } from "../../report/charts.js";
import type { SeriesChart } from "../../report/charts.js";
import { h, num } from "./dom.js";

export interface Line {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: number[] | undefined;
  /** Markers only, no line (champion moves). */
  pointsOnly?: boolean | undefined;
  width?: number | undefined;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  x: number[];
  lines: Line[];
  /** A one-sentence description for screen readers. */
  summary: string;
  /** Called with the x value of a clicked point (no drag). */
  onPick?: ((x: number) => void) | undefined;
  xFormat?: ((x: number) => string) | undefined;
  /** Ticks only at whole numbers (versions, steps). */
  integerX?: boolean | undefined;
}

const INTEGER_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 100000, 1000000];

export function colour(i: number): string {
  return CHART_COLOURS[i % CHART_COLOURS.length]!.hex;
}

export function chart(spec: ChartSpec): HTMLElement {
  const plot = h("div", { class: "plot", role: "img", "aria-label": `${spec.title}: ${spec.summary}` });
  const figure = h("figure", { class: "chart" }, h("figcaption", {}, spec.title), plot);
  const xFormat = spec.xFormat ?? ((x: number) => num(x));
  const options: uPlot.Options = {
    width: 600,
    height: 260,
    cursor: { drag: { x: true, y: false, setScale: true }, focus: { prox: 24 } },
    legend: { live: true },
    scales: {
      x: {
        time: false,
        // A lone version or step still gets a visible axis around it.
        range: (_u, min, max) => (min === max ? [min - 1, max + 1] : [min, max]),
      },
    },
    axes: [
      {
        label: spec.xLabel,
        stroke: "#374151",
        grid: { stroke: "#e5e7eb" },
        values: (_u, ticks) => ticks.map(xFormat),
        ...(spec.integerX ? { incrs: INTEGER_STEPS } : {}),
      },
      {
        stroke: "#374151",
        grid: { stroke: "#e5e7eb" },
        size: 64,
        values: (_u, ticks) => ticks.map((t) => num(t)),
      },
    ],
    series: [
      { label: spec.xLabel, value: (_u, v) => (v === null || v === undefined ? "–" : xFormat(v)) },
      ...spec.lines.map(
        (line): uPlot.Series => ({
          label: line.label,
          stroke: line.colour,
          width: line.width ?? 2,
          dash: line.dash,
          spanGaps: true,
          value: (_u, v) => num(v),
          points: line.pointsOnly
            ? { show: true, size: 11, width: 2, stroke: line.colour, fill: "#fde047" }
            : { show: spec.x.length <= 60, size: 7, fill: "#fff" },
          ...(line.pointsOnly ? { paths: () => null } : {}),
        }),
      ),
    ],
  };
  const data = [spec.x, ...spec.lines.map((l) => l.values)] as uPlot.AlignedData;
  // uPlot measures its container: draw once the figure is in the document.
  requestAnimationFrame(() => {
    const width = Math.max(280, plot.clientWidth);
    const u = new uPlot({ ...options, width }, data, plot);
    const canvas = plot.querySelector("canvas");
    canvas?.setAttribute("aria-hidden", "true");
    new ResizeObserver(() => {
      const w = Math.max(280, plot.clientWidth);
      if (Math.abs(w - u.width) > 2) u.setSize({ width: w, height: 260 });
    }).observe(plot);
    if (spec.onPick) {
      let down: { x: number; y: number } | undefined;
      u.over.addEventListener("mousedown", (e) => (down = { x: e.clientX, y: e.clientY }));
      u.over.addEventListener("click", (e) => {
        const still = down && Math.abs(e.clientX - down.x) < 4 && Math.abs(e.clientY - down.y) < 4;
        const idx = u.cursor.idx;
        if (still && idx !== null && idx !== undefined) {
          const x = spec.x[idx];
          if (x !== undefined) spec.onPick?.(x);
        }
      });
      u.over.style.cursor = "pointer";
    }
  });
  return figure;
}

/** Aligns several series charts (versions A and B) on the union of their steps. */
export function alignSeries(
  charts: Array<{ chart: Pick<SeriesChart, "names" | "steps" | "values">; name: string }>,
  names: string[],
) {
  const steps = [...new Set(charts.flatMap((c) => c.chart.steps))].sort((a, b) => a - b);
  const lines = charts.flatMap(({ chart: c, name: label }) =>
    names
      .filter((n) => c.names.includes(n))
      .map((n) => {
        const values = c.values[c.names.indexOf(n)]!;
        const at = new Map(c.steps.map((s, i) => [s, values[i]!]));
        return { series: n, version: label, values: steps.map((s) => at.get(s) ?? null) };
      }),
  );
  return { steps, lines };
}
