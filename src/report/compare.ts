// Metric comparisons: value against champion, previous and merge-base, with a mark that reads the
// metric's declared direction. A metric without a declared direction gets no better/worse mark.
// A metric the step reported as NaN or ±Infinity is a row too, with no delta: a diverged primary
// metric must not vanish from the table.
import type { MaterializationRecord, NotFinite } from "../domain/records.js";
import { type Direction, metricDirection } from "../manifest/project.js";
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
  /** NaN or ±Infinity when the step reported that (`notFinite` says which; JSON writes null). */
  value: number;
  notFinite?: NotFinite | undefined;
  primary: boolean;
  direction?: Direction | undefined;
  /** One entry per baseline column; undefined when that baseline lacks the metric. */
  deltas: Record<Baseline, Delta | undefined>;
}

function directionOf(spec: ReportMetricsSpec | undefined, name: string): Direction | undefined {
  return spec ? metricDirection(spec, name) : undefined;
}

export function markOf(delta: number, direction: Direction | undefined): Mark {
  if (delta === 0) return "equal";
  if (!direction) return "unmarked";
  return (direction === "minimize") === delta < 0 ? "better" : "worse";
}

/**
 * Rows for every metric of `metrics` and `notFinite`, the primary first, the rest in name order.
 * A not-finite row has no deltas.
 */
export function compareMetrics(
  metrics: Record<string, number>,
  spec: ReportMetricsSpec | undefined,
  baselines: Partial<Record<Baseline, MaterializationRecord | undefined>>,
  notFinite: Record<string, NotFinite> = {},
  /** Baselines whose changes are shown but not judged better or worse (another environment's). */
  unjudged: ReadonlySet<Baseline> = new Set(),
): MetricRow[] {
  const names = [...new Set([...Object.keys(metrics), ...Object.keys(notFinite)])].sort((a, b) => {
    if (a === spec?.primary) return -1;
    if (b === spec?.primary) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.flatMap((name) => {
    const direction = directionOf(spec, name);
    const value = metrics[name];
    if (value === undefined || !Number.isFinite(value)) {
      const kind = notFinite[name];
      if (!kind) return [];
      const none = { champion: undefined, previous: undefined, "merge-base": undefined };
      const value = kind === "NaN" ? Number.NaN : kind === "Infinity" ? Infinity : -Infinity;
      return [{ name, value, notFinite: kind, primary: name === spec?.primary, direction, deltas: none }];
    }
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
        mark: markOf(d, unjudged.has(against) ? undefined : direction),
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
