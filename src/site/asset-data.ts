// One asset's data files: a chunk of version details per CHUNK_VERSIONS versions (kept from the
// earlier build when its versions and upstream are unchanged, see reuse.ts), the version table
// (`versions.js`) and what the next build checks (`build.json`). Only versions in chunks that must
// be (re)built have their whole record and series read.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { VersionHead } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import type { AssetSpec } from "../manifest/project.js";
import {
  type AssetHistory,
  type DetailContext,
  dataVersions,
  depKind,
  type RowFacts,
  rowFacts,
  versionDetail,
  versionTable,
} from "./collect.js";
import { dataFile } from "./data-file.js";
import {
  chunkOf,
  SITE_DATA_FORMAT,
  type UpstreamLink,
  type VersionChunk,
  type VersionDetail,
  type VersionTable,
} from "./data.js";
import {
  type AssetBuild,
  chunkBuild,
  chunkKey,
  keepFile,
  type PreviousAsset,
  previousAsset,
  upstreamState,
  upstreamUnchanged,
} from "./reuse.js";

export interface AssetDataOptions {
  ledger: Ledger;
  asset: AssetSpec;
  /** `<project>/<asset>`. */
  key: string;
  history: AssetHistory;
  ctx: DetailContext;
  /** The directory being written, and the earlier site it replaces (when there is one). */
  temp: string;
  previousSite?: string | undefined;
  /** Versions of every asset written so far, ascending; this asset's are added. */
  versionsOf: Map<string, number[]>;
  write: (relative: string, content: string) => Promise<void>;
  /** Counts a file kept from the earlier site (the site's totals include it). */
  kept: (bytes: number) => void;
}

export interface AssetData {
  /** The history without versions whose record could not be read (reported by the ledger). */
  history: AssetHistory;
  table: VersionTable;
  /** Chunks kept from the earlier build, and chunks read from the ledger. */
  kept: number;
  read: number;
}

function byChunk(heads: readonly VersionHead[]): Map<number, VersionHead[]> {
  const chunks = new Map<number, VersionHead[]>();
  for (const head of heads) {
    const k = chunkOf(head.version);
    const list = chunks.get(k);
    if (list) list.push(head);
    else chunks.set(k, [head]);
  }
  return chunks;
}

/** Whether every upstream link of an earlier chunk resolves as it did (see reuse.ts). */
function linksHold(options: AssetDataOptions, previous: PreviousAsset, k: string): boolean {
  const chunk = previous.build.chunks[k];
  if (!chunk) return false;
  const { project, index } = options.ctx;
  for (const dep of chunk.deps) {
    const then = previous.build.upstream[dep];
    const versions = options.versionsOf.get(dep) ?? [];
    if (!then || !upstreamUnchanged(then, depKind(project, dep), versions)) return false;
  }
  return chunk.unresolved.every(([dep, dataVersion]) => index.get(dep)?.get(dataVersion) === undefined);
}

export async function writeAssetData(options: AssetDataOptions): Promise<AssetData> {
  const { ledger, key, history, ctx } = options;
  const name = options.asset.name;
  ctx.index.set(name, dataVersions(history.heads));
  const previous = options.previousSite
    ? previousAsset(options.previousSite, key, ctx.repositoryUrl)
    : undefined;
  await mkdir(path.join(options.temp, "data", key), { recursive: true });
  const build: AssetBuild = {
    format: SITE_DATA_FORMAT,
    repositoryUrl: ctx.repositoryUrl ?? null,
    upstream: {},
    chunks: {},
  };
  const facts = new Map<number, RowFacts>();
  const unreadable = new Set<number>();
  const writes: Promise<void>[] = [];
  let kept = 0;
  let read = 0;
  for (const [k, heads] of byChunk(history.heads)) {
    const file = `data/${key}/c${k}.js`;
    const ckey = chunkKey(heads);
    const id = String(k);
    const size =
      previous &&
      previous.build.chunks[id]?.key === ckey &&
      heads.every((h) => previous.facts.has(h.version)) &&
      linksHold(options, previous, id)
        ? await keepFile(path.join(previous.dir, `c${k}.js`), path.join(options.temp, file))
        : undefined;
    if (previous && size !== undefined) {
      options.kept(size);
      for (const h of heads) facts.set(h.version, previous.facts.get(h.version)!);
      build.chunks[id] = previous.build.chunks[id]!;
      kept++;
      continue;
    }
    const details: VersionDetail[] = [];
    for (const head of heads) {
      const record = await ledger.materialization(name, head.version);
      if (!record) {
        unreadable.add(head.version);
        continue;
      }
      facts.set(head.version, rowFacts(record));
      details.push(versionDetail(record, ctx, await ledger.series(record)));
    }
    read++;
    if (details.length === 0) continue;
    const links: UpstreamLink[] = details.flatMap((d) => d.upstream);
    build.chunks[id] = chunkBuild(ckey, links);
    const chunk: VersionChunk = { asset: key, chunk: k, versions: details };
    writes.push(options.write(file, dataFile(`${key}/c${k}`, chunk)));
  }
  const shown: AssetHistory =
    unreadable.size === 0
      ? history
      : { ...history, heads: history.heads.filter((h) => !unreadable.has(h.version)) };
  options.versionsOf.set(
    name,
    shown.heads.map((h) => h.version),
  );
  // The state of every upstream the chunks link to, as the next build will compare it.
  for (const chunk of Object.values(build.chunks))
    for (const dep of chunk.deps)
      build.upstream[dep] ??= upstreamState(depKind(ctx.project, dep), options.versionsOf.get(dep) ?? []);
  const table = versionTable(options.asset, shown, key, facts, ctx.repositoryUrl);
  writes.push(
    options.write(`data/${key}/versions.js`, dataFile(`${key}/versions`, table)),
    options.write(`data/${key}/build.json`, `${JSON.stringify(build)}\n`),
  );
  await Promise.all(writes);
  return { history: shown, table, kept, read };
}
