// One compact UTC timestamp for names that must sort by time (run ids, failure files, step
// working folders): `20261124T113455Z`, ISO 8601's basic format to the second.

/** `2026-11-24T11:34:55.123Z` (or that Date) → `20261124T113455Z`. */
export function compactTime(time: Date | string): string {
  const iso = typeof time === "string" ? time : time.toISOString();
  return iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
