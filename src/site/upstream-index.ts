// The index a version's provenance is linked upstream through: for every asset of a project, which
// version first had each data version, and which versions it has. It is filled asset by asset as
// the site reads each asset's heads, and version chunks are built meanwhile (on worker threads too,
// each holding a copy filled by messages), so a chunk that links to an asset waits until that
// asset's part is in. Every part is added once and never changes, so what a chunk links to does not
// depend on when it was built, nor on which thread built it.
import type { VersionHead } from "../domain/records.js";
import type { DependencyNames } from "./collect.js";
import { refAsset } from "../manifest/project.js";

/** One asset's part of the index: plain data, sent to worker threads as it is read. */
export interface UpstreamPart {
  name: string;
  /** [data version, the first version with it], in version order. */
  dataVersions: Array<[string, number]>;
  /** Every version, ascending. */
  versions: number[];
}

export function upstreamPart(name: string, heads: readonly VersionHead[]): UpstreamPart {
  const first = new Map<string, number>();
  for (const h of heads) if (!first.has(h.dataVersion)) first.set(h.dataVersion, h.version);
  return { name, dataVersions: [...first], versions: heads.map((h) => h.version) };
}

export class UpstreamIndex {
  private readonly byData = new Map<string, Map<string, number>>();
  private readonly versions = new Map<string, readonly number[]>();
  private readonly parts: UpstreamPart[] = [];
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    /** Only assets have parts: a source or unknown name is known at once (to have none). */
    private readonly names: DependencyNames,
    parts: readonly UpstreamPart[] = [],
  ) {
    for (const part of parts) this.add(part);
  }

  add(part: UpstreamPart): void {
    if (this.versions.has(part.name)) throw new Error(`the site's index holds ${part.name} already`);
    this.byData.set(part.name, new Map(part.dataVersions));
    this.versions.set(part.name, part.versions);
    this.parts.push(part);
    const waiters = this.waiting.get(part.name);
    this.waiting.delete(part.name);
    for (const resolve of waiters ?? []) resolve();
  }

  /** The parts added so far, in order: what a worker thread started now is given. */
  added(): readonly UpstreamPart[] {
    return this.parts;
  }

  /** Resolves once every asset among `names` has its part in. */
  async known(refs: Iterable<string>): Promise<void> {
    for (const name of new Set([...refs].map(refAsset))) {
      if (this.versions.has(name) || !this.names.assets.has(name)) continue;
      await new Promise<void>((resolve) => {
        const list = this.waiting.get(name);
        if (list) list.push(resolve);
        else this.waiting.set(name, [resolve]);
      });
    }
  }

  /** data version → its first version, for a known asset (undefined for any other name). */
  get(ref: string): ReadonlyMap<string, number> | undefined {
    return this.byData.get(refAsset(ref));
  }

  /** A known asset's versions, ascending (none for any other name). */
  versionsOf(ref: string): readonly number[] {
    return this.versions.get(refAsset(ref)) ?? [];
  }
}
