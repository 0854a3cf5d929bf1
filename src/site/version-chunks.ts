// One asset's version chunks: a data file per CHUNK_VERSIONS versions holding their details and
// series, kept from the earlier build when its versions and upstream links are unchanged (see
// reuse.ts), else read from the ledger and written. This is most of a fresh site's work (every
// record and series read, checked, charted and written), so it runs on worker threads
// (chunk-workers.ts): its inputs and result are plain data, and it reads the ledger through its
// own reader. What it returns is what the asset's pages need of the whole records.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { MaterializationRecord, VersionHead } from "../domain/records.js";
import type { Ledger, LedgerProblem } from "../ledger/ledger.js";
import {
  type DependencyNames,
  type DetailContext,
  depKind,
  type RowFacts,
  rowFacts,
  siteSeriesJson,
  versionDetail,
} from "./collect.js";
import { dataFileOf } from "./data-file.js";
import { chunkOf, SITE_DATA_FORMAT, type UpstreamLink } from "./data.js";
import type { UpstreamIndex } from "./upstream-index.js";
import {
  type AssetBuild,
  chunkBuild,
  chunkKey,
  keepFile,
  type PreviousAsset,
  previousAsset,
  previousBuild,
  upstreamState,
  upstreamUnchanged,
} from "./reuse.js";

/** What identifies a version for its chunk (see chunkKey): a head without its metrics and context. */
export type ChunkHead = Pick<VersionHead, "version" | "finishedAt" | "logicalVersion" | "dataVersion">;

/** What every asset's chunks of one project are built against. */
export interface ChunkProject {
  names: DependencyNames;
  /**
   * Every asset's data versions and versions, filled as their heads are read: what a chunk's
   * upstream links resolve against, and the upstream state they resolved in.
   */
  index: UpstreamIndex;
}

export interface ChunkSite {
  /** The directory being written, and the earlier site it replaces (when there is one). */
  temp: string;
  previousSite?: string | undefined;
  repositoryUrl?: string | undefined;
}

export interface ChunkJob {
  name: string;
  /** `<project>/<asset>`. */
  key: string;
  heads: readonly ChunkHead[];
}

export interface ChunkResult {
  /** What the version table shows of each version read or kept (not of unreadable ones). */
  facts: Array<[number, RowFacts]>;
  /** Versions whose record could not be read (reported as a ledger problem): left out of the site. */
  unreadable: number[];
  /** `data/<key>/build.json`: what the next build checks before keeping a chunk. */
  build: AssetBuild;
  /** Chunks kept from the earlier build, and chunks read from the ledger. */
  kept: number;
  read: number;
  /** Files written or kept, and their bytes. */
  files: number;
  bytes: number;
  /** Problems the ledger reported while reading (a reader thread's; empty in-process). */
  problems: LedgerProblem[];
}

function byChunk(heads: readonly ChunkHead[]): Map<number, ChunkHead[]> {
  const chunks = new Map<number, ChunkHead[]>();
  for (const head of heads) {
    const k = chunkOf(head.version);
    const list = chunks.get(k);
    if (list) list.push(head);
    else chunks.set(k, [head]);
  }
  return chunks;
}

/**
 * How many of `heads` an earlier build in `siteDir` did not write from the same heads: the versions
 * a build will read, which decides whether worker threads are worth starting. (A chunk whose
 * upstream links changed is read too; that is rare enough not to count.)
 */
export function versionsToBuild(
  siteDir: string | undefined,
  key: string,
  repositoryUrl: string | undefined,
  heads: readonly ChunkHead[],
): number {
  const previous = siteDir ? previousBuild(siteDir, key, repositoryUrl) : undefined;
  if (!previous) return heads.length;
  let count = 0;
  for (const [k, chunk] of byChunk(heads))
    if (previous.chunks[String(k)]?.key !== chunkKey(chunk)) count += chunk.length;
  return count;
}

/** Whether every upstream link of an earlier chunk resolves as it did (see reuse.ts). */
async function linksHold(project: ChunkProject, previous: PreviousAsset, k: string): Promise<boolean> {
  const chunk = previous.build.chunks[k];
  if (!chunk) return false;
  await project.index.known([...chunk.deps, ...chunk.unresolved.map(([dep]) => dep)]);
  for (const dep of chunk.deps) {
    const then = previous.build.upstream[dep];
    const versions = project.index.versionsOf(dep);
    if (!then || !upstreamUnchanged(then, depKind(project.names, dep), versions)) return false;
  }
  return chunk.unresolved.every(
    ([dep, dataVersion]) => project.index.get(dep)?.get(dataVersion) === undefined,
  );
}

/** Writes (or keeps) the version chunks of one asset. */
export async function buildVersionChunks(
  job: ChunkJob,
  ledger: Ledger,
  project: ChunkProject,
  site: ChunkSite,
): Promise<ChunkResult> {
  const { name, key } = job;
  const ctx: DetailContext = {
    project: project.names,
    index: project.index,
    repositoryUrl: site.repositoryUrl,
  };
  const previous = site.previousSite ? previousAsset(site.previousSite, key, site.repositoryUrl) : undefined;
  const build: AssetBuild = {
    format: SITE_DATA_FORMAT,
    repositoryUrl: site.repositoryUrl ?? null,
    upstream: {},
    chunks: {},
  };
  const result: ChunkResult = {
    facts: [],
    unreadable: [],
    build,
    kept: 0,
    read: 0,
    files: 0,
    bytes: 0,
    problems: [],
  };
  for (const [k, heads] of byChunk(job.heads)) {
    const file = path.join(site.temp, "data", key, `c${k}.js`);
    const ckey = chunkKey(heads);
    const id = String(k);
    const size =
      previous &&
      previous.build.chunks[id]?.key === ckey &&
      heads.every((h) => previous.facts.has(h.version)) &&
      (await linksHold(project, previous, id))
        ? await keepFile(path.join(previous.dir, `c${k}.js`), file)
        : undefined;
    if (previous && size !== undefined) {
      result.files++;
      result.bytes += size;
      for (const h of heads) result.facts.push([h.version, previous.facts.get(h.version)!]);
      build.chunks[id] = previous.build.chunks[id]!;
      result.kept++;
      continue;
    }
    const records: MaterializationRecord[] = [];
    for (const head of heads) {
      const record = await ledger.materialization(name, head.version);
      if (record) records.push(record);
      else result.unreadable.push(head.version);
    }
    // The assets these versions were made from may still be being read (see upstream-index.ts).
    await project.index.known(new Set(records.flatMap((r) => Object.keys(r.provenance.deps))));
    // A chunk's JSON is written as text: each version's details, with its series (as text) last.
    const versions: string[] = [];
    const links: UpstreamLink[] = [];
    for (const record of records) {
      result.facts.push([record.version, rowFacts(record)]);
      const detail = versionDetail(record, ctx);
      links.push(...detail.upstream);
      const json = JSON.stringify(detail);
      const series = siteSeriesJson(await ledger.series(record));
      versions.push(series === undefined ? json : `${json.slice(0, -1)},"series":${series}}`);
    }
    result.read++;
    if (versions.length === 0) continue;
    build.chunks[id] = chunkBuild(ckey, links);
    const text = dataFileOf(
      `${key}/c${k}`,
      `{"asset":${JSON.stringify(key)},"chunk":${k},"versions":[${versions.join(",")}]}`,
    );
    result.files++;
    result.bytes += Buffer.byteLength(text);
    // Synchronously: an open through the thread pool cost a worker more than the write (a tenth
    // of its time at 300 × 1,000), and a worker has nothing else to do meanwhile.
    writeFileSync(file, text);
  }
  // The state of every upstream the chunks link to, as the next build will compare it.
  for (const chunk of Object.values(build.chunks))
    for (const dep of chunk.deps)
      build.upstream[dep] ??= upstreamState(depKind(project.names, dep), project.index.versionsOf(dep));
  return result;
}
