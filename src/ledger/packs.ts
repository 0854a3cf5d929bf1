// Packs: completed blocks of an asset's versions kept as one file instead of one file per version.
// A ledger of 300 assets × 1,000 versions is 600,000 small files (a record and a series file per
// version), and reading them one by one was the floor of every fresh history site. Once every
// version of a block (v1–v100, v101–v200, …) exists, the writer that completes it writes
//   materializations/<asset>/pack-v101-v200.jsonl   the block's records, one a line, by version
//   series/<asset>/pack-v101-v200.jsonl             their series (small ones), one version a line
// whole (temporary file, then a link that never overwrites), and only then removes the loose files.
// A pack is never changed afterwards, so the ledger branch stores each pack blob once. Both
// backends (local.ts, branch.ts) read and write packs through this module; callers of the Ledger
// interface never see them. A block with a damaged record stays loose, so a pack never hides damage.
import type { Result } from "../domain/result.js";
import type { MaterializationRecord, SeriesPoint } from "../domain/records.js";
import { parseMaterialization, parseSeriesText } from "./records.js";

/**
 * Versions per pack. Measured at 100 assets × 1,000 versions (CPU, user + system, two runs each):
 * a fresh history site 13.1 s with packs of 25, 12.2–13.8 s with 100, 13.5–14.5 s with 400 (against
 * 18.7 s with every version loose), and `kiln status` 2.3 s, 2.1 s and 2.3 s: once there are a few
 * dozen versions a file, the file count no longer matters. 100 keeps the open block (the loose
 * files a writer lists) and a pack (~150 KB, what reading one packed version costs) small.
 */
export const PACK_VERSIONS = 100;

/**
 * Series files up to this size go into the block's series pack; larger ones stay loose, so reading
 * one version's series never reads a hundred long ones (a long series costs its bytes, not a file).
 */
export const PACKED_SERIES_MAX_BYTES = 256 * 1024;

/** The 0-based block of a version: v1–v100 is block 0. */
export function blockOf(version: number): number {
  return Math.floor((version - 1) / PACK_VERSIONS);
}

export function blockRange(block: number): { first: number; last: number } {
  return { first: block * PACK_VERSIONS + 1, last: (block + 1) * PACK_VERSIONS };
}

/** Blocks every version of which is at most `highest`: the blocks a ledger at `highest` may pack. */
export function completedBlocks(highest: number): number {
  return Math.floor(highest / PACK_VERSIONS);
}

/** `pack-v101-v200.jsonl`: the same name for the records' pack and the series' pack. */
export function packName(block: number): string {
  const { first, last } = blockRange(block);
  return `pack-v${first}-v${last}.jsonl`;
}

/** The block a file name of a pack stands for; undefined for any other name (a pack of another size too). */
export function packBlock(name: string): number | undefined {
  const match = /^pack-v([1-9]\d{0,8})-v([1-9]\d{0,8})\.jsonl$/.exec(name);
  if (!match) return undefined;
  const block = blockOf(Number(match[1]));
  const { first, last } = blockRange(block);
  return first === Number(match[1]) && last === Number(match[2]) ? block : undefined;
}

export function recordPackPath(asset: string, block: number): string {
  return `materializations/${asset}/${packName(block)}`;
}

export function seriesPackPath(asset: string, block: number): string {
  return `series/${asset}/${packName(block)}`;
}

/** The highest version a folder entry counts for numbering: a record's, or a pack's last. */
export function highestOfEntry(name: string, versionOf: (name: string) => number | undefined): number {
  const block = packBlock(name);
  return block === undefined ? (versionOf(name) ?? 0) : blockRange(block).last;
}

// ---- writing -----------------------------------------------------------------------------------

/** A loose record of a block as its file holds it. */
export interface LooseRecord {
  version: number;
  text: string;
}

/** The packs of a block, built from its loose files; `series` lists the series files it holds. */
export interface BuiltPacks {
  records: string;
  /** Undefined when no record of the block has a series small enough to pack. */
  series?: { text: string; paths: string[] } | undefined;
}

/**
 * The packs of `block`: every version of the block, in order, each record checked as a reader
 * checks it. Two writers packing the same block build the same bytes (the loose files are
 * immutable and the text depends on nothing else). Fails, and the block stays loose, when a
 * version is missing or its record does not read: a pack never hides damage that a loose file
 * would show. `seriesText` gives a series file's text (undefined when missing or too large to
 * pack); a series with unreadable lines is left loose, where its reader reports them.
 */
export function buildPacks(
  asset: string,
  block: number,
  loose: readonly LooseRecord[],
  seriesText: (path: string) => string | undefined,
): Result<BuiltPacks> {
  const { first, last } = blockRange(block);
  const byVersion = new Map(loose.map((r) => [r.version, r.text]));
  const lines: string[] = [];
  const series: string[] = [];
  const paths: string[] = [];
  for (let version = first; version <= last; version++) {
    const text = byVersion.get(version);
    if (text === undefined) return { ok: false, error: `v${version} is missing` };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: `v${version} is not valid JSON` };
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (!parsed.ok) return { ok: false, error: `v${version} ${parsed.error}` };
    lines.push(JSON.stringify(data));
    const file = parsed.value.seriesFile?.path;
    const body = file === undefined ? undefined : seriesText(file);
    if (file === undefined || body === undefined || Buffer.byteLength(body) > PACKED_SERIES_MAX_BYTES)
      continue;
    const points = parseSeriesText(body);
    if (points.problems.length > 0) continue;
    series.push(JSON.stringify({ version, path: file, points: points.points }));
    paths.push(file);
  }
  return {
    ok: true,
    value: {
      records: `${lines.join("\n")}\n`,
      series: series.length > 0 ? { text: `${series.join("\n")}\n`, paths } : undefined,
    },
  };
}

// ---- reading -----------------------------------------------------------------------------------

/** A records pack as read. */
export interface RecordPack {
  /**
   * The record of `version`, parsed and checked when asked (status reads one record of a block,
   * the site all of them, once each); undefined, reported once, when the pack cannot give it.
   * Records read are not kept: a site reading 300,000 of them kept a hundred parsed records per
   * cached pack alive long enough to be copied into the old generation. Synchronous, as
   * parseMaterialization: read it inside withRecordSchemas.
   */
  record(version: number): MaterializationRecord | undefined;
  /** Whether every version of the block reads from the pack. */
  whole(): boolean;
}

/**
 * Reads a records pack of `block`. Line N holds version first+N-1; a line that is not that record
 * is reported (by line and version) and passed over, like a damaged loose record, and the rest
 * still reads. `report` hears each problem once.
 */
export function parseRecordPack(
  text: string,
  asset: string,
  block: number,
  report: (line: number, message: string) => void,
): RecordPack {
  const { first, last } = blockRange(block);
  const size = last - first + 1;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== size) {
    const held = Math.min(lines.length, size);
    report(
      held,
      held < size
        ? `cut short: holds ${held} of the ${size} versions v${first}–v${last}; v${first + held}–v${last} cannot be read from it`
        : `holds more lines than the ${size} versions v${first}–v${last}; the rest is not read`,
    );
  }
  const unreadable = new Set<number>();
  const record = (version: number): MaterializationRecord | undefined => {
    if (unreadable.has(version)) return undefined;
    const i = version - first;
    let found: MaterializationRecord | undefined;
    if (i >= 0 && i < Math.min(lines.length, size)) {
      let data: unknown;
      let json = true;
      try {
        data = JSON.parse(lines[i]!);
      } catch (error) {
        json = false;
        report(i + 1, `v${version}: not valid JSON (${(error as Error).message})`);
      }
      // Outside the try: a record that needs zod's schemas first is read again (withRecordSchemas).
      if (json) {
        const parsed = parseMaterialization(data, { asset, version });
        if (parsed.ok) found = parsed.value;
        else report(i + 1, `v${version}: ${parsed.error}`);
      }
    }
    if (!found) unreadable.add(version);
    return found;
  };
  return {
    record,
    whole: () => {
      let all = lines.length === size;
      for (let v = first; v <= last; v++) all = record(v) !== undefined && all;
      return all;
    },
  };
}

/**
 * A series pack as read. Each line is parsed when its version is asked for, and not kept: a site
 * asks for every version of a pack one after the other, and a hundred series parsed at once lived
 * long enough to be copied into the old generation (worker scavenges took half as long without).
 * A line is found by its head, `{"version":N,"path":"…","points":[`, as buildPacks writes it; a line
 * written otherwise is parsed when the pack is read.
 */
export interface SeriesPack {
  /** The series of `version` with the file name the record gives; undefined, reported once, when its line does not read. */
  get(version: number): { path: string; points: SeriesPoint[] } | undefined;
  /** The points of the series file `path`, wherever in the pack it is. */
  find(path: string): SeriesPoint[] | undefined;
  /** The series files the pack holds. */
  paths(): string[];
  /** Whether every line reads (each is parsed; problems are reported once). */
  whole(): boolean;
}

type SeriesEntry = { version: number; path: string; points: SeriesPoint[] };
const SERIES_LINE_HEAD = /^\{"version":([1-9]\d{0,8}),"path":("(?:[^"\\]|\\.)*"),"points":\[/;

function seriesEntry(line: string): SeriesEntry | string {
  let data: { version?: unknown; path?: unknown; points?: unknown };
  try {
    data = JSON.parse(line);
  } catch {
    return "an unreadable series line; skipped";
  }
  if (
    typeof data === "object" &&
    data !== null &&
    typeof data.version === "number" &&
    typeof data.path === "string" &&
    Array.isArray(data.points) &&
    data.points.every((p) => typeof p === "object" && p !== null && typeof p.step === "number")
  )
    return { version: data.version, path: data.path, points: data.points as SeriesPoint[] };
  return "not a version's series; skipped";
}

export function parseSeriesPack(text: string, report: (line: number, message: string) => void): SeriesPack {
  const lines = text.split("\n");
  /** version → its line (0-based) and the path its head names, in the order of the lines. */
  const byVersion = new Map<number, { index: number; path: string }>();
  const failed = new Set<number>();
  const bad = (index: number, message: string) => {
    if (failed.has(index)) return;
    failed.add(index);
    report(index + 1, message);
  };
  lines.forEach((line, index) => {
    if (line === "") return;
    const head = SERIES_LINE_HEAD.exec(line);
    if (head) {
      try {
        byVersion.set(Number(head[1]), { index, path: JSON.parse(head[2]!) as string });
        return;
      } catch {
        // parsed whole below
      }
    }
    const entry = seriesEntry(line);
    if (typeof entry === "string") bad(index, entry);
    else byVersion.set(entry.version, { index, path: entry.path });
  });
  const read = (
    version: number,
    at: { index: number; path: string },
  ): { path: string; points: SeriesPoint[] } | undefined => {
    if (failed.has(at.index)) return undefined;
    const entry = seriesEntry(lines[at.index]!);
    if (typeof entry !== "string" && entry.version === version && entry.path === at.path)
      return { path: entry.path, points: entry.points };
    bad(at.index, typeof entry === "string" ? entry : `not the series of v${version}; skipped`);
    return undefined;
  };
  return {
    get: (version) => {
      const at = byVersion.get(version);
      return at ? read(version, at) : undefined;
    },
    find: (path) => {
      for (const [version, at] of byVersion) if (at.path === path) return read(version, at)?.points;
      return undefined;
    },
    paths: () => [...byVersion.values()].map((at) => at.path),
    whole: () => {
      let all = failed.size === 0;
      for (const [version, at] of byVersion) all = read(version, at) !== undefined && all;
      return all;
    },
  };
}

/** What to do about damage in a pack (`kiln doctor` prints it). */
export const PACK_FIX =
  "the pack is written once and never changed: restore it from a backup or the ledger branch's history (the loose v<N>.json files it replaced, if any are left, are read in its place)";

// ---- listing -----------------------------------------------------------------------------------

/** What an asset's materializations folder holds, by name. */
/** Loose record files by version, as a listing asks them: a Map, or the ranges a memo kept (read-memo.ts). */
export interface LooseFiles {
  has(version: number): boolean;
  /** The file's name in the folder. */
  get(version: number): string | undefined;
  keys(): Iterable<number>;
}

export interface RecordListing {
  /** Loose record files, by version. */
  loose: LooseFiles;
  /** Packed blocks. */
  packs: Set<number>;
  /** Names that are neither (the caller reports them); temporary files are left out. */
  foreign: string[];
}

export function classifyEntries(
  names: Iterable<string>,
  versionOf: (name: string) => number | undefined,
): RecordListing {
  const loose = new Map<number, string>();
  const listing: RecordListing = { loose, packs: new Set(), foreign: [] };
  for (const name of names) {
    if (name.startsWith(".tmp-")) continue;
    const block = packBlock(name);
    if (block !== undefined) {
      listing.packs.add(block);
      continue;
    }
    const version = versionOf(name);
    if (version === undefined) listing.foreign.push(name);
    else loose.set(version, name);
  }
  return listing;
}

/** Every version a listing shows, loose or packed, ascending. */
export function listedVersions(listing: RecordListing): number[] {
  if (listing.packs.size === 0) {
    // Most listings: loose files only, often listed in order already (a memo keeps them so).
    const loose = Array.from(listing.loose.keys());
    for (let i = 1; i < loose.length; i++) if (loose[i - 1]! > loose[i]!) return loose.sort((a, b) => a - b);
    return loose;
  }
  const versions = new Set(listing.loose.keys());
  for (const block of listing.packs) {
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) versions.add(v);
  }
  return [...versions].sort((a, b) => a - b);
}

/** Whether a completed block below the highest version shows neither its pack nor all its records. */
export function hasGappedBlock(listing: RecordListing): boolean {
  let highest = 0;
  for (const v of listing.loose.keys()) highest = Math.max(highest, v);
  for (const b of listing.packs) highest = Math.max(highest, blockRange(b).last);
  for (let block = 0; block < completedBlocks(highest); block++) {
    if (listing.packs.has(block)) continue;
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) if (!listing.loose.has(v)) return true;
  }
  return false;
}

/** Keeps `value` in a small map of the most recently used, at most `size`. */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, size: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value as K);
}
