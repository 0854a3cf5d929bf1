// Metric comparisons: value against champion, previous and merge-base, with a mark that reads the
// metric's declared direction. A metric without a declared direction gets no better/worse mark.
import type { MaterializationRecord } from "../domain/records.js";
import type { Direction } from "../manifest/project.js";
import type { ReportMetricsSpec } from "./model.js";

export type Baseline = "champion" | "previous" | "merge-base";
export type Mark = "better" | "worse" | "equal" | "unmarked";

export interface Delta {
  against: Baseline;
  version: number;
  value: number;
  /** value − baseline value. */
  delta: number;
  /** delta / |baseline|, absent when the baseline is 0. */
  relative?: number | undefined;
  mark: Mark;
}

export interface MetricRow {
  name: string;
  value: number;
  primary: boolean;
  direction?: Direction | undefined;
  /** One entry per baseline column; undefined when that baseline lacks the metric. */
  deltas: Record<Baseline, Delta | undefined>;
}

export function metricDirection(spec: ReportMetricsSpec | undefined, name: string): Direction | undefined {
  if (!spec) return undefined;
  return spec.directions[name] ?? (name === spec.primary ? spec.direction : undefined);
}

export function markOf(delta: number, direction: Direction | undefined): Mark {
  if (delta === 0) return "equal";
  if (!direction) return "unmarked";
  return (direction === "minimize") === delta < 0 ? "better" : "worse";
}

/** Rows for every metric of `metrics`, the primary first, the rest in name order. */
export function compareMetrics(
  metrics: Record<string, number>,
  spec: ReportMetricsSpec | undefined,
  baselines: Partial<Record<Baseline, MaterializationRecord | undefined>>,
): MetricRow[] {
  const names = Object.keys(metrics).sort((a, b) => {
    if (a === spec?.primary) return -1;
    if (b === spec?.primary) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.flatMap((name) => {
    const value = metrics[name];
    if (value === undefined || !Number.isFinite(value)) return [];
    const direction = metricDirection(spec, name);
    const delta = (against: Baseline): Delta | undefined => {
      const base = baselines[against];
      const baseValue = base?.metrics[name];
      if (!base || baseValue === undefined || !Number.isFinite(baseValue)) return undefined;
      const d = value - baseValue;
      return {
        against,
        version: base.version,
        value: baseValue,
        delta: d,
        relative: baseValue === 0 ? undefined : d / Math.abs(baseValue),
        mark: markOf(d, direction),
      };
    };
    return [
      {
        name,
        value,
        primary: name === spec?.primary,
        direction,
        deltas: {
          champion: delta("champion"),
          previous: delta("previous"),
          "merge-base": delta("merge-base"),
        },
      },
    ];
  });
}
