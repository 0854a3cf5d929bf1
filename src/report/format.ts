// How numbers, durations and times read for people: the terminal, reports, the history site, check and
// promotion messages. Written once, so a metric shows the same digits wherever it appears.
import type { NotFinite } from "../domain/records.js";

/** Significant digits of a metric shown alone: enough to tell runs apart, short enough for tables. */
const DIGITS = 4;

/**
 * A number as people read it: integers as they are, others to four significant digits without
 * trailing zeros. With `against` (the threshold or champion it is compared with), digits are
 * added until the two read differently (call it both ways for both sides), so a message never says "mae = 70 not < 70".
 */
export function formatNumber(value: number, against?: number): string {
  if (Number.isInteger(value)) return String(value);
  // A diverged metric (the record's `notFinite`), as people write it.
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
  const shown = (x: number, digits: number) =>
    Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));
  for (let digits = DIGITS; digits < 17; digits++) {
    const text = shown(value, digits);
    if (against === undefined || value === against || text !== shown(against, digits)) return text;
  }
  return String(value);
}

/**
 * A metric the step reported as NaN or ±Infinity (a record's `notFinite`), marked so that nobody
 * reads it as a value: `NaN ⚠️`. Reports' metric tables and the history site show it alike.
 */
export function formatNotFinite(kind: NotFinite): string {
  return `${formatNumber(kind === "NaN" ? Number.NaN : kind === "Infinity" ? Infinity : -Infinity)} ⚠️`;
}

/** A duration: `0.4 s`, `12 s`, `3m 05s`, `2h 07m`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** A record's ISO time as the terminal's tables show it, to the second: `2026-11-02 10:00:12` (UTC). */
export function formatSecond(iso: string): string {
  return iso.replace("T", " ").slice(0, 19);
}
