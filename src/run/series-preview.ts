// A series downsampled while it is read, for charts: whatever its length, at most
// 4 × 2 × PREVIEW_BUCKETS points per line are kept, and the curve keeps its shape. Each line's
// points fall into buckets of equal count; a bucket keeps its first, last, lowest and highest point
// (M4 aggregation, Jugel et al., VLDB 2014: exactly what a line chart of that many columns draws).
// The length is not known in advance, so buckets start one point wide and, whenever a line has
// twice PREVIEW_BUCKETS of them, neighbours merge pairwise and the width doubles. Memory and the
// record's size stay bounded; the first and last point and every extreme survive any merge. A
// series of up to 2 × PREVIEW_BUCKETS points is kept whole.
import type { SeriesPoint } from "../domain/records.js";

/** Buckets per line after a merge; between this and twice this many are kept. */
export const PREVIEW_BUCKETS = 32;

interface Kept {
  /** Position of the point in the series (ties and non-monotonic steps keep their order). */
  at: number;
  step: number;
  value: number;
}

interface Bucket {
  first: Kept;
  last: Kept;
  min: Kept;
  max: Kept;
}

/** One line (one series name) being downsampled. */
class Line {
  private readonly buckets: Bucket[] = [];
  /** Points per bucket; doubles at each merge. */
  private width = 1;
  /** Points in the newest bucket. */
  private filled = 0;

  add(point: Kept): void {
    const open = this.buckets.at(-1);
    if (open && this.filled < this.width) {
      open.last = point;
      if (point.value < open.min.value) open.min = point;
      if (point.value > open.max.value) open.max = point;
      this.filled++;
      return;
    }
    // The newest bucket is full: every bucket is, so at the limit pairs merge into full buckets
    // twice as wide, and the point starts a new one either way.
    if (this.buckets.length === 2 * PREVIEW_BUCKETS) this.merge();
    this.buckets.push({ first: point, last: point, min: point, max: point });
    this.filled = 1;
  }

  private merge(): void {
    const merged: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i]!;
      const b = this.buckets[i + 1]!;
      merged.push({
        first: a.first,
        last: b.last,
        min: b.min.value < a.min.value ? b.min : a.min,
        max: b.max.value > a.max.value ? b.max : a.max,
      });
    }
    this.buckets.splice(0, this.buckets.length, ...merged);
    this.width *= 2;
  }

  kept(): Kept[] {
    const points = new Map<number, Kept>();
    for (const b of this.buckets) for (const p of [b.first, b.min, b.max, b.last]) points.set(p.at, p);
    return [...points.values()];
  }
}

export class SeriesPreview {
  private readonly lines = new Map<string, Line>();
  private count = 0;

  /** Adds the next point of the series (finite values only; `step` is its x). */
  add(point: SeriesPoint): void {
    const at = this.count++;
    for (const [name, value] of Object.entries(point)) {
      if (name === "step" || typeof value !== "number" || !Number.isFinite(value)) continue;
      let line = this.lines.get(name);
      if (!line) {
        line = new Line();
        this.lines.set(name, line);
      }
      line.add({ at, step: point.step, value });
    }
  }

  /** Points added so far. */
  get points(): number {
    return this.count;
  }

  /**
   * The kept points in series order, one SeriesPoint per kept position with the values of the
   * lines that kept it (a line absent at a point is simply not there, as in a sparse series).
   */
  preview(): SeriesPoint[] {
    const byPosition = new Map<number, SeriesPoint>();
    for (const [name, line] of this.lines) {
      for (const kept of line.kept()) {
        let point = byPosition.get(kept.at);
        if (!point) {
          point = { step: kept.step };
          byPosition.set(kept.at, point);
        }
        point[name] = kept.value;
      }
    }
    return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([, point]) => point);
  }
}

/** The preview of a whole series held in memory (records written before previews existed). */
export function seriesPreview(points: readonly SeriesPoint[]): SeriesPoint[] {
  const preview = new SeriesPreview();
  for (const point of points) preview.add(point);
  return preview.preview();
}
