import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildGraph,
  layers
} from "./chunk-CZZZSMQQ.js";
import {
  sha256
} from "./chunk-4IANUJQ2.js";

// src/workflow/layers.ts
var MAX_MATRIX = 256;
var LAYER_THRESHOLD = 150;
function layerChunks(project) {
  const graph = buildGraph(project);
  const chunks = [];
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
        assets: assets.slice(part * MAX_MATRIX, (part + 1) * MAX_MATRIX)
      });
    }
  });
  return chunks;
}
function timeoutMinutes(asset) {
  return Math.ceil(asset.timeoutMs * (asset.retries + 1) / 6e4) + 10;
}
function matrixEntry(asset, force) {
  return { asset: asset.name, "runs-on": asset.runsOn, "timeout-minutes": timeoutMinutes(asset), force };
}
var MAX_JOB_ID = 99;
function assetJobId(asset) {
  if (asset.length <= MAX_JOB_ID) return asset;
  const hash = sha256(asset).slice(0, 12);
  return `${asset.slice(0, MAX_JOB_ID - hash.length - 1)}-${hash}`;
}
function assetJobs(project, workflowJobs) {
  const jobs = /* @__PURE__ */ new Map();
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
function layerJobName(chunk, asset) {
  return `layer ${chunk.job.slice("kiln-layer-".length)}: ${asset}`;
}

export {
  LAYER_THRESHOLD,
  layerChunks,
  timeoutMinutes,
  matrixEntry,
  assetJobId,
  assetJobs,
  layerJobName
};
