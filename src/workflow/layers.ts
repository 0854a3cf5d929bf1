// Large pipelines: one job per asset stops reading well past a few hundred assets, and long
// `setup` steps repeated in every job can push the file past GitHub's 500 KiB limit, so past a
// threshold (or when the rendered file does not fit, see generate.ts) the workflow gets one job per
// layer of the graph, whose dynamic matrix the plan feeds. The plan writes the layer lists
// whatever the shape. A matrix yields at most 256 jobs, so wide layers are split into chunks.
import { sha256 } from "../domain/hash.js";
import { buildGraph, layers } from "../graph/graph.js";
import type { AssetSpec, Project } from "../manifest/project.js";

export const MAX_MATRIX = 256;
/** Above this many assets, the generator switches to layer jobs. */
export const LAYER_THRESHOLD = 150;

export interface LayerChunk {
  /** The job id: `kiln-layer-2` or, for a split layer, `kiln-layer-2-1`. */
  job: string;
  /** The plan job's output that lists this chunk's assets to run. */
  output: string;
  layer: number;
  assets: string[];
}

export function layerChunks(project: Project): LayerChunk[] {
  const graph = buildGraph(project);
  const chunks: LayerChunk[] = [];
  layers(graph).forEach((names, layer) => {
    const assets = names.filter((name) => project.assets.has(name));
    if (assets.length === 0) return;
    const parts = Math.ceil(assets.length / MAX_MATRIX);
    for (let part = 0; part < parts; part++) {
      const suffix = parts > 1 ? `${layer}-${part + 1}` : `${layer}`;
      chunks.push({
        job: `kiln-layer-${suffix}`,
        output: `layer-${suffix}`,
        layer,
        assets: assets.slice(part * MAX_MATRIX, (part + 1) * MAX_MATRIX),
      });
    }
  });
  return chunks;
}

/** Job timeout: every attempt of the step, plus room for checkout, setup and publishing. */
export function timeoutMinutes(asset: AssetSpec): number {
  return Math.ceil((asset.timeoutMs * (asset.retries + 1)) / 60_000) + 10;
}

/** One matrix entry of a layer job, as the plan emits it. */
export interface MatrixEntry {
  asset: string;
  "runs-on": string | string[];
  "timeout-minutes": number;
  /** The plan runs this asset although it was fresh (see the plan job's `force` output). */
  force: boolean;
}

export function matrixEntry(asset: AssetSpec, force: boolean): MatrixEntry {
  return { asset: asset.name, "runs-on": asset.runsOn, "timeout-minutes": timeoutMinutes(asset), force };
}

/** The workflow job that runs an asset: its id (for `needs`) and the name GitHub shows and lists. */
export interface AssetJob {
  id: string;
  name: string;
}

/** GitHub's job ids must be shorter than 100 characters. */
export const MAX_JOB_ID = 99;

/**
 * The job id of an asset's job in a per-asset workflow: its name, or for a name too long for
 * GitHub a shortened name with a hash of the whole (names are [a-z][a-z0-9_-]*, so both are valid
 * ids, and distinct).
 */
export function assetJobId(asset: string): string {
  if (asset.length <= MAX_JOB_ID) return asset;
  const hash = sha256(asset).slice(0, 12);
  return `${asset.slice(0, MAX_JOB_ID - hash.length - 1)}-${hash}`;
}

/**
 * Every asset's job, as the generator writes them: `<asset>` named `<asset>`, or in a layered
 * workflow the layer job, whose matrix leg GitHub names `layer <n>: <asset>`. The report job uses
 * it to find the job (and its log) of an asset that left no record. Only the generator knows the
 * shape (it measures the rendered file), so the caller passes the workflow's job ids (the keys of
 * the report's `job-results`): a layer job among them means the layered shape.
 */
export function assetJobs(project: Project, workflowJobs: readonly string[]): Map<string, AssetJob> {
  const jobs = new Map<string, AssetJob>();
  const chunks = layerChunks(project);
  const ids = new Set(workflowJobs);
  if (!chunks.some((chunk) => ids.has(chunk.job))) {
    for (const name of project.assets.keys()) jobs.set(name, { id: assetJobId(name), name });
    return jobs;
  }
  for (const chunk of chunks)
    for (const asset of chunk.assets) jobs.set(asset, { id: chunk.job, name: layerJobName(chunk, asset) });
  return jobs;
}

/** The `name:` of a layer job; with `${{ matrix.asset }}` it names each matrix leg. */
export function layerJobName(chunk: LayerChunk, asset: string): string {
  return `layer ${chunk.job.slice("kiln-layer-".length)}: ${asset}`;
}
