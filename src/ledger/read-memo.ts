// What the local ledger read last time, kept in `.kiln/cache/ledger-reads-<project>.json` by the
// identity of the files it was read from, so that `kiln status` asks the disk one stat per file
// instead of reading it: an asset's record listing (its folder), the heads status judged it by (its
// heads log) and the records it found intact (each record file or pack). Without it, every status
// listed each asset's folder (a listing as long as the history), read the end of each heads log and
// read and hashed each asset's newest record: four file operations and a few KB per asset.
//
// Never wrongly fresh: an answer is taken only when the file it was read from has the same
// identity now (device, inode, size, modification and change times to the nanosecond, as git's
// index keeps them), and the file is stat'd before it is read, so a change made while it was read
// shows as a new identity. A write in the same clock tick as the one before it can leave both
// times unchanged; as git does with its "racy" entries, an identity whose change time is not well
// before the moment it was taken (RACY_MS) is not kept, and the file is read again next time. The
// change time cannot be set by a user (touch sets the modification time only). Writers need not
// know of this file: anything that changes what was read changes the identity of what it was read
// from (a new version or a pack changes the folder; an edit or a cut changes the record file; a
// deleted record changes the folder and leaves no file to stat).
import { type BigIntStats, rmSync, statSync } from "node:fs";
import { RACY_MS, type Stamp, stampOf, writtenBehind } from "../paths/file-identity.js";
import {
  cacheFile,
  cacheStamp,
  onceAfterBurst,
  readCacheText,
  writeCacheText,
} from "../paths/state-cache.js";
import type { VersionHead } from "../domain/records.js";
import { type LooseFiles, listedVersions, type RecordListing } from "./packs.js";

/** Bump when what an entry means changes. */
const FORMAT = 1;

/** A record listing as kept: loose versions as ranges (`[first, last, …]`) and the packed blocks. */
interface KeptListing {
  stamp: string;
  loose: number[];
  packs: number[];
}

interface Entry {
  listing?: KeptListing | undefined;
  heads?: { stamp: string; heads: VersionHead[] } | undefined;
  /** Version → identity of the file its record was found intact in (its loose file or its pack). */
  intact?: Record<string, string> | undefined;
}

export class LedgerReadMemo {
  private kept: Map<string, Entry> | undefined;
  /** What this process read, by asset: replaces the kept entry's parts on save. */
  private readonly read = new Map<string, Entry>();
  private learned = false;
  private readonly saveSoon = onceAfterBurst(() => this.save());

  constructor(
    /** The `.kiln` folder whose cache holds the file. */
    private readonly kilnDir: string,
    private readonly project: string,
    /** RACY_MS; tests make it negative, to keep identities however young (as if stat'd later). */
    private readonly racyMs = RACY_MS,
  ) {}

  private get file(): string {
    return cacheFile(this.kilnDir, `ledger-reads-${encodeURIComponent(this.project)}.json`);
  }

  /** Read on first use; anything but a file this build wrote counts as empty. */
  private load(): Map<string, Entry> {
    if (!this.kept) {
      this.kept = new Map();
      const text = readCacheText(this.file);
      if (text !== undefined) {
        try {
          const data = JSON.parse(text) as { stamp?: unknown; assets?: Record<string, Entry> };
          if (data.stamp === cacheStamp(FORMAT) && data.assets && typeof data.assets === "object")
            this.kept = new Map(Object.entries(data.assets));
        } catch {
          // Damaged: as if absent.
        }
      }
    }
    return this.kept;
  }

  /**
   * The identity of `file` now, taken before it is read; undefined when it cannot be stat'd for
   * another reason than absence (the reader then reads it, and reports what it finds).
   */
  stamp(file: string): Stamp | undefined {
    const at = Date.now();
    let stats: BigIntStats | undefined;
    try {
      stats = statSync(file, { bigint: true, throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    // Absence is not kept: nothing must ever be taken as read from a file that is not there.
    if (!stats) return { key: "absent", keep: false };
    return stampOf(stats, at, this.racyMs);
  }

  private noted(asset: string): Entry {
    let entry = this.read.get(asset);
    if (!entry) {
      entry = {};
      this.read.set(asset, entry);
    }
    return entry;
  }

  private learn(): void {
    this.learned = true;
    this.saveSoon();
  }

  /** The listing read from the asset's folder when it had identity `stamp`. */
  listing(asset: string, stamp: Stamp): RecordListing | undefined {
    const kept = this.load().get(asset)?.listing;
    if (kept?.stamp !== stamp.key) return undefined;
    this.noted(asset).listing = kept;
    return { loose: new LooseRanges(kept.loose), packs: new Set(kept.packs), foreign: [] };
  }

  /** Notes a listing read after the folder was stat'd (one with foreign names is not kept: they are reported each time). */
  noteListing(asset: string, stamp: Stamp, listing: RecordListing): void {
    if (!stamp.keep || listing.foreign.length > 0) return;
    const loose: number[] = [];
    for (const version of listedVersions({ ...listing, packs: new Set() })) {
      if (loose.length > 0 && loose.at(-1) === version - 1) loose[loose.length - 1] = version;
      else loose.push(version, version);
    }
    this.noted(asset).listing = { stamp: stamp.key, loose, packs: [...listing.packs].sort((a, b) => a - b) };
    this.learn();
  }

  /** The heads read from the asset's heads log when it had identity `stamp`. */
  heads(asset: string, stamp: Stamp): VersionHead[] | undefined {
    const kept = this.load().get(asset)?.heads;
    return kept?.stamp === stamp.key ? kept.heads : undefined;
  }

  /** Notes a head a lookup answered with, read from the log stat'd as `stamp` (or known from it). */
  useHead(asset: string, stamp: Stamp, head: VersionHead): void {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    if (entry.heads?.stamp !== stamp.key) entry.heads = { stamp: stamp.key, heads: [] };
    if (entry.heads.heads.some((h) => h.version === head.version)) return;
    entry.heads.heads.push(head);
    if (
      !this.load()
        .get(asset)
        ?.heads?.heads.some((h) => h.version === head.version)
    )
      this.learn();
  }

  /** Whether the record of `version` was found intact in the file that has identity `stamp`. */
  intact(asset: string, version: number, stamp: Stamp): boolean {
    if (this.load().get(asset)?.intact?.[version] !== stamp.key) return false;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    return true;
  }

  /** Notes a record found intact in a file stat'd as `stamp` before it was read. */
  noteIntact(asset: string, version: number, stamp: Stamp): void {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    this.learn();
  }

  /**
   * Writes what this process read in place of what was kept for the same assets (each part of an
   * entry on its own: a command that read only some of an asset keeps the rest); the others' entries
   * stay, still checked against their files when next used.
   */
  save(): void {
    if (!this.learned) return;
    this.learned = false;
    const assets: Record<string, Entry> = {};
    for (const [asset, entry] of this.load()) assets[asset] = entry;
    for (const [asset, entry] of this.read) assets[asset] = { ...assets[asset], ...entry };
    const start = Date.now();
    const before = statSync(this.file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, this.file, JSON.stringify({ stamp: cacheStamp(FORMAT), assets }));
    // The new file's own time is the file system's clock (a write puts a new file in place): one
    // running well behind this one (a network file system) would make recent changes look old
    // enough to keep. Then nothing is kept.
    if (writtenBehind(this.file, before, start)) rmSync(this.file, { force: true });
  }
}

/**
 * Loose record files as the memo keeps them, ranges of versions (`[first, last, …]`, ascending):
 * a listing read from the memo costs its ranges, not one entry per version.
 */
class LooseRanges implements LooseFiles {
  constructor(private readonly ranges: readonly number[]) {}

  has(version: number): boolean {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      if (version >= this.ranges[i]! && version <= this.ranges[i + 1]!) return true;
    return false;
  }

  get(version: number): string | undefined {
    return this.has(version) ? `v${version}.json` : undefined;
  }

  *keys(): Iterable<number> {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      for (let v = this.ranges[i]!; v <= this.ranges[i + 1]!; v++) yield v;
  }
}
