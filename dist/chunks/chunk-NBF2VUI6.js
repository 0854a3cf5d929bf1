import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/report/format.ts
var DIGITS = 4;
function formatNumber(value, against) {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "\u221E" : "\u2212\u221E";
  const shown = (x, digits) => Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));
  for (let digits = DIGITS; digits < 17; digits++) {
    const text = shown(value, digits);
    if (against === void 0 || value === against || text !== shown(against, digits)) return text;
  }
  return String(value);
}
function formatNotFinite(kind) {
  return `${formatNumber(kind === "NaN" ? Number.NaN : kind === "Infinity" ? Infinity : -Infinity)} \u26A0\uFE0F`;
}
function formatDuration(ms) {
  if (ms < 6e4) return `${(ms / 1e3).toFixed(ms < 1e4 ? 1 : 0)} s`;
  const s = Math.round(ms / 1e3);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
}
function formatSecond(iso) {
  return iso.replace("T", " ").slice(0, 19);
}

export {
  formatNumber,
  formatNotFinite,
  formatDuration,
  formatSecond
};
