// The two things that keep reading the ledger independent of its history, shared by both backends:
// per-asset heads (planning reads one small log, not every record) and series kept apart from
// their records (a record stays small however long its training curve).
import { createHash } from "node:crypto";
import {
  type AliasEvent,
  headOf,
  type MaterializationRecord,
  type SeriesPoint,
  type SeriesSource,
  type VersionHead,
} from "../domain/records.js";
import { replayAliases } from "./aliases.js";
import { seriesPath } from "./layout.js";
import { seriesLine } from "./series-file.js";

/**
 * The heads of the versions a listing of record files shows, ascending. A logged head whose record
 * is not listed is dropped (the listing is the truth); a listed version without a head (a kill
 * between writing the record and its head, or a ledger from before heads) is returned in
 * `missing`, for the caller to read from its record.
 */
export function reconcileHeads(
  logged: ReadonlyMap<number, VersionHead>,
  listed: Iterable<number>,
): { heads: VersionHead[]; missing: number[] } {
  const heads: VersionHead[] = [];
  const missing: number[] = [];
  for (const version of listed) {
    const head = logged.get(version);
    if (head) heads.push(head);
    else missing.push(version);
  }
  heads.sort((a, b) => a.version - b.version);
  return { heads, missing: missing.sort((a, b) => a - b) };
}

/** Merges heads derived from records into reconciled ones, ascending by version. */
export function withDerived(heads: VersionHead[], records: MaterializationRecord[]): VersionHead[] {
  if (records.length === 0) return heads;
  return [...heads, ...records.map(headOf)].sort((a, b) => a.version - b.version);
}

/** One line of a heads log. */
export function headLine(record: MaterializationRecord): string {
  return JSON.stringify(headOf(record));
}

/** A series as its file holds it: one JSON point a line. */
export function seriesText(points: readonly SeriesPoint[]): string {
  // Joined from lines rather than one JSON.stringify of the array, so the longest string built is
  // the file itself (a 100,000-point series is a few MB).
  const lines: string[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) lines[i] = seriesLine(points[i]!);
  return lines.join("");
}

/**
 * The record as stored: its series moved into a file named by content. Returns what to write
 * there (undefined when the record has no series): the text, or the file a streaming writer
 * already wrote (`seriesSource`), which is copied as it is.
 */
export function separateSeries(record: MaterializationRecord & { seriesSource?: undefined }): {
  record: MaterializationRecord;
  series?: { path: string; text: string } | undefined;
};
export function separateSeries(record: MaterializationRecord & { seriesSource?: SeriesSource | undefined }): {
  record: MaterializationRecord;
  series?:
    | { path: string; text: string; file?: undefined }
    | { path: string; file: string; text?: undefined }
    | undefined;
};
export function separateSeries(record: MaterializationRecord & { seriesSource?: SeriesSource | undefined }): {
  record: MaterializationRecord;
  series?: { path: string; text?: string | undefined; file?: string | undefined } | undefined;
} {
  const { seriesSource: source, ...rest } = record;
  if (source) {
    if (source.points === 0) return { record: { ...rest, series: [] } };
    const file = seriesPath(record.asset, source.sha256);
    return {
      record: { ...rest, series: [], seriesFile: { path: file, points: source.points } },
      series: { path: file, file: source.file },
    };
  }
  if (record.series.length === 0) return { record: rest };
  const text = seriesText(record.series);
  const file = seriesPath(record.asset, createHash("sha256").update(text).digest("hex"));
  return {
    record: { ...rest, series: [], seriesFile: { path: file, points: record.series.length } },
    series: { path: file, text },
  };
}

/**
 * The versions the aliases of `events` end on whose records are listed and can be read: all an
 * alias replay needs to tell damage (an alias naming a lost record), one record per alias rather
 * than the whole history.
 */
export async function holdersWithRecords(
  events: readonly AliasEvent[],
  listed: ReadonlySet<number>,
  load: (version: number) => Promise<MaterializationRecord | undefined>,
): Promise<Set<number>> {
  const holders = new Set(replayAliases(events, new Set()).missing.values());
  const readable = new Set<number>();
  for (const version of holders) if (listed.has(version) && (await load(version))) readable.add(version);
  return readable;
}
