// Rebuilding a site keeps what cannot have changed. A version's record and series are written once
// and never rewritten (the ledger claims v<N> with link(2); series files are named by content), so
// a chunk of versions whose heads are the ones it was built from holds the same details — as long
// as the site's data layout, the repository URL, and the upstream versions its provenance links to
// are the same. `data/<asset>/build.json` says what each chunk was built from; a rebuild into the
// same directory links the chunks that still match instead of reading 25 records and their series
// each, so a site of 300 assets × 1,000 versions is rebuilt in seconds after a run added a few.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, link, stat } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import type { VersionHead } from "../domain/records.js";
import type { RowFacts } from "./collect.js";
import { readDataFile } from "./data-file.js";
import { SITE_DATA_FORMAT, type UpstreamLink } from "./data.js";

/** What an upstream asset looked like when a chunk's links to it were resolved. */
const upstreamSchema = z.object({
  kind: z.enum(["asset", "source", "unknown"]),
  /** Its versions up to `last`: links resolve to the first version with a data version. */
  count: z.number(),
  last: z.number(),
});

const chunkSchema = z.object({
  key: z.string(),
  /** Dependencies the chunk's versions link to. */
  deps: z.array(z.string()),
  /** [dependency, data version] links that named no version then (they may resolve now). */
  unresolved: z.array(z.tuple([z.string(), z.string()])),
});

const buildSchema = z.object({
  format: z.literal(SITE_DATA_FORMAT),
  repositoryUrl: z.string().nullable(),
  upstream: z.record(z.string(), upstreamSchema),
  chunks: z.record(z.string(), chunkSchema),
});

export type UpstreamState = z.infer<typeof upstreamSchema>;
export type ChunkBuild = z.infer<typeof chunkSchema>;
export type AssetBuild = z.infer<typeof buildSchema>;

const rowsSchema = z.object({
  rows: z.array(
    z.object({
      v: z.number(),
      checks: z.object({ passed: z.number(), total: z.number(), failed: z.string().optional() }),
      durationMs: z.number(),
      notFinite: z.record(z.string(), z.enum(["NaN", "Infinity", "-Infinity"])).optional(),
    }),
  ),
});

/** What an earlier build of the same site wrote for one asset. */
export interface PreviousAsset {
  dir: string;
  build: AssetBuild;
  facts: Map<number, RowFacts>;
}

function readJson(file: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The earlier build of an asset's data in `siteDir` (`data/<key>/`), when it was written in this
 * data layout for the same repository URL; anything unreadable or different is rebuilt.
 */
export function previousAsset(
  siteDir: string,
  key: string,
  repositoryUrl: string | undefined,
): PreviousAsset | undefined {
  const dir = path.join(siteDir, "data", key);
  const build = previousBuild(siteDir, key, repositoryUrl);
  if (!build) return undefined;
  const table = rowsSchema.safeParse(
    readJson(path.join(dir, "versions.js"), (text) => readDataFile(text, `${key}/versions`)),
  );
  if (!table.success) return undefined;
  const facts = new Map<number, RowFacts>();
  for (const row of table.data.rows)
    facts.set(row.v, {
      checks: row.checks,
      durationMs: row.durationMs,
      ...(row.notFinite ? { notFinite: row.notFinite } : {}),
    });
  return { dir, build, facts };
}

/** What an earlier build in `siteDir` wrote each chunk of an asset from (`build.json` alone). */
export function previousBuild(
  siteDir: string,
  key: string,
  repositoryUrl: string | undefined,
): AssetBuild | undefined {
  const build = buildSchema.safeParse(readJson(path.join(siteDir, "data", key, "build.json"), JSON.parse));
  return build.success && build.data.repositoryUrl === (repositoryUrl ?? null) ? build.data : undefined;
}

/** What identifies a chunk's records: the heads of its versions (records are never rewritten). */
export function chunkKey(
  heads: readonly Pick<VersionHead, "version" | "finishedAt" | "logicalVersion" | "dataVersion">[],
): string {
  const hash = createHash("sha256");
  for (const h of heads)
    hash.update(`${h.version}\0${h.finishedAt}\0${h.logicalVersion}\0${h.dataVersion}\n`);
  return hash.digest("hex");
}

/** The upstream state a link resolution depends on; `versions` ascending (none for a source). */
export function upstreamState(kind: UpstreamLink["kind"], versions: readonly number[]): UpstreamState {
  return { kind, count: versions.length, last: versions.at(-1) ?? 0 };
}

/**
 * Whether links resolved against `then` resolve the same against an upstream with `versions` now:
 * the same kind, and the same versions up to the last one then (versions are only ever added after
 * it, so a data version's first version can only change if one before it went missing).
 */
export function upstreamUnchanged(
  then: UpstreamState,
  kind: UpstreamLink["kind"],
  versions: readonly number[],
): boolean {
  if (then.kind !== kind) return false;
  let count = 0;
  for (const v of versions) if (v <= then.last) count++;
  return count === then.count;
}

/** The deps and unresolved links of a freshly built chunk, for the next build to check. */
export function chunkBuild(key: string, links: Iterable<UpstreamLink>): ChunkBuild {
  const deps = new Set<string>();
  const unresolved = new Map<string, [string, string]>();
  for (const link of links) {
    deps.add(link.name);
    if (link.version === undefined)
      unresolved.set(`${link.name}\0${link.dataVersion}`, [link.name, link.dataVersion]);
  }
  return { key, deps: [...deps].sort(), unresolved: [...unresolved.values()] };
}

/**
 * Puts an earlier build's file into the new site: a hard link, or a copy where links fail. Returns
 * its size, or undefined when it is not there to keep.
 */
export async function keepFile(from: string, to: string): Promise<number | undefined> {
  try {
    await link(from, to);
  } catch {
    if (
      !(await copyFile(from, to).then(
        () => true,
        () => false,
      ))
    )
      return undefined;
  }
  return (await stat(to)).size;
}
