// Large pipelines: one job per asset stops reading well and nears GitHub's 500 KB workflow limit,
// so past a threshold the workflow gets one job per layer of the graph, whose dynamic matrix the
// plan feeds. A matrix yields at most 256 jobs, so wide layers are split into several chunks.
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

/** Above this estimated size the per-asset shape gives way to layer jobs (GitHub's limit: 500 KB). */
export const MAX_PER_ASSET_CHARS = 400_000;

/**
 * Whether the workflow uses layer jobs. The generator and the plan step both call this, so the
 * plan emits `layer-*` outputs exactly when the workflow reads them. Besides the asset count,
 * long `setup` steps repeated in every asset job can push the file past GitHub's 500 KB, so an
 * estimate of the per-asset file's size (setup text + a generous per-job overhead) counts too.
 */
export function useLayers(project: Project, threshold = LAYER_THRESHOLD): boolean {
  if (project.assets.size > threshold) return true;
  const perJob = JSON.stringify(project.setup).length + 1000;
  return project.assets.size * perJob > MAX_PER_ASSET_CHARS;
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
}

export function matrixEntry(asset: AssetSpec): MatrixEntry {
  return { asset: asset.name, "runs-on": asset.runsOn, "timeout-minutes": timeoutMinutes(asset) };
}

/** The workflow job that runs an asset: its id (for `needs`) and the name GitHub shows and lists. */
export interface AssetJob {
  id: string;
  name: string;
}

/**
 * Every asset's job, as the generator writes them: `<asset>` named `<asset>`, or in a layered
 * workflow the layer job, whose matrix leg GitHub names `layer <n>: <asset>`. The report job uses
 * it to find the job (and its log) of an asset that left no record.
 */
export function assetJobs(project: Project, threshold = LAYER_THRESHOLD): Map<string, AssetJob> {
  const jobs = new Map<string, AssetJob>();
  if (!useLayers(project, threshold)) {
    for (const name of project.assets.keys()) jobs.set(name, { id: name, name });
    return jobs;
  }
  for (const chunk of layerChunks(project))
    for (const asset of chunk.assets) jobs.set(asset, { id: chunk.job, name: layerJobName(chunk, asset) });
  return jobs;
}

/** The `name:` of a layer job; with `${{ matrix.asset }}` it names each matrix leg. */
export function layerJobName(chunk: LayerChunk, asset: string): string {
  return `layer ${chunk.job.slice("kiln-layer-".length)}: ${asset}`;
}
