// Largest-Triangle-Three-Buckets (Steinarsson, 2013): picks `threshold` points of a line that keep
// its visual shape (peaks, dips) far better than taking every n-th point, so a 100,000-step loss
// curve still shows its spikes in a 100-point chart.

export interface Point {
  x: number;
  y: number;
}

/**
 * Indices of the points LTTB keeps, ascending; always the first and the last. Points must be sorted
 * by x. Returns every index when there are no more points than `threshold`.
 */
export function lttbIndices(points: readonly Point[], threshold: number): number[] {
  const n = points.length;
  if (threshold >= n || n <= 2) return points.map((_, i) => i);
  if (threshold < 3) throw new Error(`bug: LTTB threshold ${threshold} < 3`);
  const kept = [0];
  // The interior points split into threshold-2 buckets; one point is chosen per bucket.
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // The average of the next bucket is the third corner of the triangle.
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

/** The points LTTB keeps. */
export function lttb(points: readonly Point[], threshold: number): Point[] {
  return lttbIndices(points, threshold).map((i) => at(points, i));
}

function at(points: readonly Point[], i: number): Point {
  const p = points[i];
  if (!p) throw new Error(`bug: LTTB index ${i} out of range`);
  return p;
}
