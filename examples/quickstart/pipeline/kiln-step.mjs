// The Kiln step protocol in a few lines: Kiln needs none of this, it only reads the files.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

/** The resolved run config of this asset (environment overrides applied). */
export const config = JSON.parse(readFileSync(process.env.KILN_CONFIG ?? "/dev/null", "utf8") || "{}");

/** Records final metrics: one JSON object of numbers. */
export function logMetrics(metrics) {
  if (process.env.KILN_METRICS) writeFileSync(process.env.KILN_METRICS, JSON.stringify(metrics));
}

/** Appends one point of a per-epoch series: {step, name: value, ...}. */
export function logSeries(step, values) {
  if (process.env.KILN_SERIES) appendFileSync(process.env.KILN_SERIES, `${JSON.stringify({ step, ...values })}\n`);
}
