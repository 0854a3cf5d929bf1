import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildGraph,
  layers
} from "./chunk-5O2X64HE.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/automation/handled.ts
init_define_KILN_SITE_CLIENT();

// src/automation/tick.ts
init_define_KILN_SITE_CLIENT();
function tickClock(tick) {
  const start = performance.now();
  return () => new Date(tick.now.getTime() + Math.round(performance.now() - start));
}
function minuteTime(date) {
  return `${date.toISOString().slice(0, 16)}Z`;
}

// src/automation/handled.ts
var MAX_BACKOFF_MS = 7 * 864e5;
function retryAt(at, failures, retryFailedMs) {
  if (retryFailedMs === void 0) return void 0;
  const wait = Math.min(
    retryFailedMs * 2 ** Math.max(0, failures - 1),
    Math.max(retryFailedMs, MAX_BACKOFF_MS)
  );
  return new Date(at.getTime() + wait);
}
function failureHolds(failure, now) {
  if (!failure) return false;
  return failure.retryAt === void 0 || now < failure.retryAt;
}
function notRetriedMessage(asset, failure) {
  const retry = failure.retryAt ? `; retry-failed retries it after ${minuteTime(failure.retryAt)}` : "";
  return `${asset} failed at this version on ${minuteTime(failure.at)} (${failure.error}); not retried automatically${retry} \u2014 \`kiln run ${asset}\` retries`;
}
function handledFailureFact(failure, now) {
  if (failureHolds(failure, now))
    return `failed at this version on ${minuteTime(failure.at)}: handled, not retried`;
  return `failed at this version on ${minuteTime(failure.at)}: retry-failed is due (${minuteTime(failure.retryAt)})`;
}
function repeatsEarlierFailure(failure, failures, materializations) {
  const lastSuccess = materializations.map((m) => m.finishedAt).filter((at) => at < failure.startedAt).sort().at(-1);
  return failures.some(
    (f) => f !== failure && f.status === "failed" && f.logicalVersion === failure.logicalVersion && f.finishedAt <= failure.startedAt && (lastSuccess === void 0 || f.finishedAt > lastSuccess)
  );
}

// src/workflow/layers.ts
init_define_KILN_SITE_CLIENT();
import { createHash } from "node:crypto";
var MAX_MATRIX = 256;
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
  const hash = createHash("sha256").update(asset).digest("hex").slice(0, 12);
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

// node_modules/markdown-table/index.js
init_define_KILN_SITE_CLIENT();
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length;
    }
    while (++columnIndex2 < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code = typeof value === "string" ? value.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

export {
  markdownTable,
  tickClock,
  minuteTime,
  retryAt,
  failureHolds,
  notRetriedMessage,
  handledFailureFact,
  repeatsEarlierFailure,
  layerChunks,
  timeoutMinutes,
  matrixEntry,
  assetJobs
};
