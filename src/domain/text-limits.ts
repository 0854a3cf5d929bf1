// Size limits on text that comes from a step: what one line of its log may hold, and what travels
// in records, alerts and reports. A step that prints 50 MB without a newline (a progress bar
// redrawn with `\r`, a dumped array) would otherwise be held in memory several times over and
// copied whole into its failure record.

/** The longest line kept in the log and streamed; the rest of the line is dropped with a note. */
export const MAX_LINE_BYTES = 64 * 1024;
/** The longest line kept in a log tail, which travels in failure records, alerts and reports. */
export const MAX_TAIL_LINE_BYTES = 2_000;

/** `text` cut to at most `limit` UTF-8 bytes, never inside a character, with a note that says so. */
export function truncateLine(text: string, limit: number): string {
  if (text.length <= limit / 3 || Buffer.byteLength(text) <= limit) return text;
  const cut = Buffer.from(text.slice(0, limit))
    .subarray(0, limit)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${cut} … [line truncated at ${limit} bytes]`;
}

/** Cheap test first: a string of n UTF-16 units is at most 3n UTF-8 bytes. */
export function exceedsBytes(text: string, limit: number): boolean {
  return text.length > limit / 3 && Buffer.byteLength(text) > limit;
}
