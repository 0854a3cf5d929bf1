// The records this build of Kiln has already read whole and found intact, by a digest of their
// asset, version and exact bytes, kept in `.kiln/cache/`. `kiln status` never shows a version whose
// record is cut short or edited (the record is the truth, its head only an index), so it checks
// the one record it answers with for every asset; parsing and checking 2,000 of them was a
// quarter of its time. Bytes found intact once are intact again: a record whose digest is listed
// is only read and hashed; any other (new, edited, damaged) is parsed and checked as ever.
//
// The file is rewritten only by a command that found a record it did not know; once older
// versions' digests outnumber the ones in use, it keeps only those, so it stays the size of the
// set of current versions, not of the history.
import {
  cacheFile,
  cacheStamp,
  onceAfterBurst,
  readCacheText,
  writeCacheText,
} from "../paths/state-cache.js";
import { sha256 } from "../domain/hash.js";

/** Bump when what "intact" means changes within one build (it never should without a rebuild). */
const FORMAT = 1;

export class CheckedRecords {
  private known: Set<string> | undefined;
  /** Digests asked about by this process, found intact: what the next file lists. */
  private readonly used = new Set<string>();
  private learned = false;
  private readonly saveSoon = onceAfterBurst(() => this.save());

  constructor(
    /** The `.kiln` folder whose cache holds the file. */
    private readonly kilnDir: string,
    private readonly project: string,
  ) {}

  private get file(): string {
    return cacheFile(this.kilnDir, `checked-records-${encodeURIComponent(this.project)}.txt`);
  }

  /** Read on first use; anything but a file this build wrote counts as empty. */
  private load(): Set<string> {
    if (!this.known) {
      const lines = (readCacheText(this.file) ?? "").split("\n");
      this.known = lines[0] === cacheStamp(FORMAT) ? new Set(lines.slice(1)) : new Set();
    }
    return this.known;
  }

  digest(asset: string, version: number, text: string): string {
    return sha256(`${asset}\0${version}\0${text}`);
  }

  /** Whether these exact bytes were found intact before. */
  has(digest: string): boolean {
    if (!this.load().has(digest)) return false;
    this.used.add(digest);
    return true;
  }

  /** Notes bytes just parsed and checked; the file is rewritten once the current burst of reads is done. */
  add(digest: string): void {
    this.load().add(digest);
    this.used.add(digest);
    this.learned = true;
    this.saveSoon();
  }

  private save(): void {
    if (!this.learned) return;
    this.learned = false;
    // Everything known, so a later burst of this process finds its records listed; only the
    // digests this process used once the rest (older versions' bytes) outgrow them.
    const known = this.load();
    const kept = known.size > 2 * this.used.size + 100 ? this.used : known;
    writeCacheText(this.kilnDir, this.file, `${cacheStamp(FORMAT)}\n${[...kept].join("\n")}`);
  }
}
