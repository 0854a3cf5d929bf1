import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  SCHEDULED_TICK_INPUT,
  scheduleDispatchBranches,
  scheduleEntries
} from "./chunk-EERXAFT6.js";
import {
  require_dist
} from "./chunk-Q7KBE4RR.js";
import {
  DEFAULT_PROMOTING_BRANCHES,
  PROD,
  prodBranches,
  prodFollowsDefaultBranch,
  resolveEnv,
  secretNames
} from "./chunk-OAUXH6FU.js";
import {
  buildGraph,
  layers
} from "./chunk-CZZZSMQQ.js";
import {
  sha256
} from "./chunk-DQNGLDMZ.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

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

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName) {
    ret.push("Index: " + patch.oldFileName);
  }
  if (headerOptions.includeUnderline) {
    ret.push("===================================================================");
  }
  if (headerOptions.includeFileHeaders) {
    ret.push("--- " + patch.oldFileName + (typeof patch.oldHeader === "undefined" ? "" : "	" + patch.oldHeader));
    ret.push("+++ " + patch.newFileName + (typeof patch.newHeader === "undefined" ? "" : "	" + patch.newHeader));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    if (hunk.oldLines === 0) {
      hunk.oldStart -= 1;
    }
    if (hunk.newLines === 0) {
      hunk.newStart -= 1;
    }
    ret.push("@@ -" + hunk.oldStart + "," + hunk.oldLines + " +" + hunk.newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/workflow/generate.ts
var import_yaml = __toESM(require_dist(), 1);
var DEFAULT_ACTION_REF = "kiln-ml/kiln@v1";
var CHECKOUT = "actions/checkout@v4";
var PLAN_JOB = "kiln-plan";
var PLAN_JOB_NAME = "plan";
var DISPATCH_JOB = "kiln-dispatch";
var REPORT_JOB = "kiln-report";
var PAGES_JOB = "kiln-pages";
var UPLOAD_PAGES_ARTIFACT = "actions/upload-pages-artifact@v4";
var DEPLOY_PAGES = "actions/deploy-pages@v4";
var MAX_WORKFLOW_BYTES = 512e3;
var PLAN = `fromJSON(needs['${PLAN_JOB}'].outputs.plan)`;
var UPSTREAM_OK = "!cancelled() && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled')";
var CONFIG_INPUT = "${{ inputs.config }}";
var NAMED_ALIASES = `fromJSON(needs['${PLAN_JOB}'].outputs.aliases || '[]')`;
function assetCondition(asset, deps, aliases) {
  const ran = (dep) => `needs['${assetJobId(dep)}'].result == 'success' || ${PLAN}['${dep}'] != 'run'`;
  const aliased = deps.filter((dep) => aliases[dep] !== void 0);
  const terms = aliased.length === 0 ? [UPSTREAM_OK, `${PLAN}['${asset}'] == 'run'`, ...deps.map((dep) => `(${ran(dep)})`)] : [
    "!cancelled()",
    `needs['${PLAN_JOB}'].result == 'success'`,
    `${PLAN}['${asset}'] == 'run'`,
    ...deps.map(
      (dep) => aliases[dep] === void 0 ? `(${ran(dep)})` : `(${ran(dep)} || contains(${NAMED_ALIASES}, '${dep}@${aliases[dep]}'))`
    )
  ];
  return `\${{ ${terms.join(" && ")} }}`;
}
function jobResults(jobIds) {
  return `{${jobIds.map((id) => `"${id}": "\${{ needs['${id}'].result }}"`).join(", ")}}`;
}
function filterPatternLiteral(branch) {
  return branch.replace(/[+?*[\]!\\]/g, "\\$&");
}
function promotingBranches(project, defaultBranch) {
  const branches = new Set(prodBranches(project, defaultBranch));
  for (const asset of project.assets.values()) for (const b of asset.promote?.branches ?? []) branches.add(b);
  if (branches.size === 0)
    for (const b of defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES) branches.add(b);
  return [...branches].sort();
}
var DEFAULT_BRANCH_LINE = "# prod: the repository's default branch, ";
var DEFAULT_BRANCH_TAIL = " (environments.prod.branches names none).";
var SCHEDULES_LINE = "# Schedules run on the default branch";
var UNKNOWN_DEFAULT = " (main or master; not known here)";
function schedulesLine(defaultBranch, branches) {
  return `${SCHEDULES_LINE}${defaultBranch ? `, ${defaultBranch}` : UNKNOWN_DEFAULT}: the dispatch job sends each tick onto prod's branch${branches.length > 1 ? "es" : ""} ${branches.join(", ")}.`;
}
function committedDefaultBranch(text) {
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    if (line.startsWith(DEFAULT_BRANCH_LINE) && line.endsWith(DEFAULT_BRANCH_TAIL))
      return line.slice(DEFAULT_BRANCH_LINE.length, -DEFAULT_BRANCH_TAIL.length) || void 0;
    if (line.startsWith(`${SCHEDULES_LINE}, `))
      return line.slice(SCHEDULES_LINE.length + 2, line.indexOf(":")) || void 0;
  }
  return void 0;
}
function secretEnv(assets, project, matrix) {
  const environments = [.../* @__PURE__ */ new Set([...project.environments.keys(), PROD, "dev"])];
  const uses = /* @__PURE__ */ new Map();
  for (const asset of assets) {
    for (const environment of environments) {
      for (const name of secretNames(resolveEnv(project, asset, environment))) {
        const use = uses.get(name) ?? { assets: /* @__PURE__ */ new Set(), onlyProd: true };
        use.assets.add(asset.name);
        const fromProd = environment === PROD && !secretNames(asset.env).includes(name) && secretNames(project.environments.get(PROD)?.env ?? {}).includes(name);
        if (!fromProd) use.onlyProd = false;
        uses.set(name, use);
      }
    }
  }
  if (uses.size === 0) return void 0;
  const entries = [...uses].sort(([a], [b]) => a < b ? -1 : 1);
  return Object.fromEntries(
    entries.map(([name, use]) => {
      const conditions = [];
      if (use.onlyProd) conditions.push("github.event_name != 'pull_request'");
      if (matrix && use.assets.size < assets.length) {
        const legs = [...use.assets].sort().map((asset) => `matrix.asset == '${asset}'`);
        conditions.push(legs.length === 1 ? legs[0] : `(${legs.join(" || ")})`);
      }
      const secret = `secrets.${name}`;
      return [
        name,
        conditions.length === 0 ? `\${{ ${secret} }}` : `\${{ ${conditions.join(" && ")} && ${secret} || '' }}`
      ];
    })
  );
}
function observeSetup(project) {
  const observed = [...project.sources.values()].some((source) => source.observe !== void 0);
  return observed ? project.setup : [];
}
function kilnStep(actionRef, manifest, withInputs, id, env) {
  return {
    ...id ? { id } : {},
    name: `kiln ${withInputs.command}`,
    uses: actionRef,
    with: { ...withInputs, manifest },
    ...env ? { env } : {}
  };
}
function checkout(fetchDepth) {
  return fetchDepth === void 0 ? { uses: CHECKOUT } : { uses: CHECKOUT, with: { "fetch-depth": fetchDepth } };
}
function generateWorkflowObject(project, options, shape) {
  const actionRef = options.actionRef ?? DEFAULT_ACTION_REF;
  const manifest = options.manifestPath;
  const schedules = scheduleEntries(project);
  const dispatches = scheduleDispatchBranches(project, options.defaultBranch);
  const layered = shape === "layers";
  const chunks = layered ? layerChunks(project) : [];
  const on = {
    push: { branches: promotingBranches(project, options.defaultBranch).map(filterPatternLiteral) },
    pull_request: {}
  };
  if (schedules.length > 0) on.schedule = schedules;
  on.workflow_dispatch = {
    inputs: {
      assets: {
        description: "Assets to materialize (model, +model, model+, group:NAME); empty for the plan's choice",
        type: "string",
        default: ""
      },
      force: { description: "Materialize the selection even when fresh", type: "boolean", default: false },
      config: {
        description: "Run config for this run only, an experiment never promoted: ASSET.KEY=VALUE (JSON values), several separated by spaces, e.g. model.max_depth=4 model.eta=0.1",
        type: "string",
        default: ""
      },
      ...dispatches.length > 0 ? {
        [SCHEDULED_TICK_INPUT]: {
          description: "Leave empty. Kiln's scheduled run on the default branch sets it to its tick's time when it starts this workflow on prod's branch",
          type: "string",
          default: ""
        }
      } : {}
    }
  };
  const planOutputs = {
    plan: "${{ steps.plan.outputs.plan }}",
    force: "${{ steps.plan.outputs.force }}",
    // Why the plan failed, for the report job's headline.
    error: "${{ steps.plan.outputs.error }}"
  };
  for (const chunk of chunks) planOutputs[chunk.output] = `\${{ steps.plan.outputs['${chunk.output}'] }}`;
  if (!layered && [...project.assets.values()].some((asset) => Object.keys(asset.depAliases).length > 0))
    planOutputs.aliases = "${{ steps.plan.outputs.aliases }}";
  const jobs = {
    [PLAN_JOB]: {
      name: PLAN_JOB_NAME,
      "runs-on": "ubuntu-latest",
      // contents: write — the plan commits the automation cursors to the kiln-ledger branch.
      permissions: { contents: "write" },
      outputs: planOutputs,
      steps: [
        // Two commits: a pull request is checked out as GitHub's merge of it into its base, whose
        // first parent (the base's tip) tells the plan what the pull request changes.
        checkout(2),
        ...observeSetup(project),
        kilnStep(
          actionRef,
          manifest,
          {
            command: "plan",
            selection: "${{ inputs.assets }}",
            force: "${{ inputs.force || false }}",
            config: CONFIG_INPUT
          },
          "plan"
        )
      ]
    }
  };
  if (dispatches.length > 0)
    jobs[DISPATCH_JOB] = {
      name: "dispatch schedule tick",
      if: "github.event_name == 'schedule'",
      "runs-on": "ubuntu-latest",
      permissions: { contents: "read", actions: "write" },
      steps: [checkout(), kilnStep(actionRef, manifest, { command: "dispatch" })]
    };
  const assetPermissions = { contents: "write", actions: "read" };
  const assetJobIds = [];
  if (!layered) {
    const graph = buildGraph(project);
    for (const asset of project.assets.values()) {
      const deps = graph.deps.get(asset.name).filter((dep) => project.assets.has(dep));
      const env = secretEnv([asset], project, false);
      const id = assetJobId(asset.name);
      jobs[id] = {
        name: asset.name,
        needs: [PLAN_JOB, ...deps.map(assetJobId)],
        if: assetCondition(asset.name, deps, asset.depAliases),
        "runs-on": asset.runsOn,
        "timeout-minutes": timeoutMinutes(asset),
        permissions: assetPermissions,
        steps: [
          checkout(),
          ...project.setup,
          kilnStep(
            actionRef,
            manifest,
            {
              command: "materialize",
              asset: asset.name,
              config: CONFIG_INPUT,
              force: `\${{ contains(fromJSON(needs['${PLAN_JOB}'].outputs.force), '${asset.name}') }}`
            },
            void 0,
            env
          )
        ]
      };
      assetJobIds.push(id);
    }
  } else {
    let previous = [];
    let current = [];
    let currentLayer = -1;
    for (const chunk of chunks) {
      if (chunk.layer !== currentLayer) {
        previous = current;
        current = [];
        currentLayer = chunk.layer;
      }
      const assets = chunk.assets.map((name) => project.assets.get(name));
      const env = secretEnv(assets, project, true);
      const list = `needs['${PLAN_JOB}'].outputs['${chunk.output}']`;
      jobs[chunk.job] = {
        name: layerJobName(chunk, "${{ matrix.asset }}"),
        needs: [PLAN_JOB, ...previous],
        if: `\${{ !cancelled() && needs['${PLAN_JOB}'].result == 'success' && ${list} != '' && ${list} != '[]' }}`,
        strategy: { "fail-fast": false, matrix: { include: `\${{ fromJSON(${list}) }}` } },
        "runs-on": "${{ matrix['runs-on'] }}",
        "timeout-minutes": "${{ matrix['timeout-minutes'] }}",
        permissions: assetPermissions,
        steps: [
          checkout(),
          ...project.setup,
          kilnStep(
            actionRef,
            manifest,
            {
              command: "materialize",
              asset: "${{ matrix.asset }}",
              config: CONFIG_INPUT,
              force: "${{ matrix.force }}",
              plan: `\${{ needs['${PLAN_JOB}'].outputs.plan }}`
            },
            void 0,
            env
          )
        ]
      };
      current.push(chunk.job);
      assetJobIds.push(chunk.job);
    }
  }
  const reportPermissions = {
    contents: "read",
    actions: "read",
    "pull-requests": "write"
  };
  if (project.alerts.githubIssue) reportPermissions.issues = "write";
  const slack = project.alerts.slack?.webhookSecret;
  jobs[REPORT_JOB] = {
    name: "report",
    needs: [PLAN_JOB, ...assetJobIds],
    if: "${{ always() }}",
    "runs-on": "ubuntu-latest",
    permissions: reportPermissions,
    steps: [
      checkout(0),
      ...observeSetup(project),
      // The webhook, like every secret, reaches Kiln's step only (see secretEnv).
      kilnStep(
        actionRef,
        manifest,
        {
          command: "report",
          plan: `\${{ needs['${PLAN_JOB}'].outputs.plan }}`,
          "job-results": jobResults([PLAN_JOB, ...assetJobIds]),
          "plan-error": `\${{ needs['${PLAN_JOB}'].outputs.error }}`
        },
        void 0,
        slack ? { KILN_SLACK_WEBHOOK: `\${{ secrets.${slack} }}` } : void 0
      )
    ]
  };
  const pages = pagesJob(project, actionRef, manifest);
  if (pages) jobs[PAGES_JOB] = pages;
  return {
    name: options.workflowName ?? "Kiln",
    on,
    // A run in progress for the same ref finishes before the next starts: no lost ledger writes,
    // no two promotions racing on one branch.
    concurrency: { group: "kiln-${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": false },
    permissions: {},
    jobs
  };
}
function pagesJob(project, actionRef, manifest) {
  if (!project.site.pages) return void 0;
  return {
    name: "pages",
    needs: [REPORT_JOB],
    if: "${{ !cancelled() && github.event_name != 'pull_request' && (github.event_name == 'schedule' || github.ref_name == github.event.repository.default_branch) }}",
    "runs-on": "ubuntu-latest",
    permissions: { contents: "read", pages: "write", "id-token": "write" },
    environment: { name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" },
    steps: [
      checkout(),
      kilnStep(actionRef, manifest, { command: "site" }, "site"),
      { uses: UPLOAD_PAGES_ARTIFACT, with: { path: "${{ steps.site.outputs.path }}" } },
      { id: "deployment", uses: DEPLOY_PAGES }
    ]
  };
}
function render(project, options, shape) {
  const dispatches = scheduleDispatchBranches(project, options.defaultBranch);
  const header = [
    `# Generated by \`kiln generate\` from ${options.manifestPath}. Do not edit by hand:`,
    `# change ${options.manifestPath} and run \`npx kiln generate\` (CI runs \`kiln generate --check\`).`,
    ...options.defaultBranch && prodFollowsDefaultBranch(project) ? [`${DEFAULT_BRANCH_LINE}${options.defaultBranch}${DEFAULT_BRANCH_TAIL}`] : [],
    ...dispatches.length > 0 ? [schedulesLine(options.defaultBranch, dispatches)] : []
  ].join("\n");
  const body = (0, import_yaml.stringify)(generateWorkflowObject(project, options, shape), {
    lineWidth: 0,
    aliasDuplicateObjects: false
  });
  return `${header}
${body}`;
}
function unsafeManifestPath(manifestPath) {
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(manifestPath);
  if (!control && !manifestPath.includes("${{")) return void 0;
  return {
    error: `the manifest's path ${JSON.stringify(manifestPath)} holds ${control ? "a line break or another control character" : "`${{`"}, which would ${control ? "inject text into the generated workflow" : "be evaluated by GitHub as an expression"}`,
    hint: "rename the folder or file so that its path is plain text"
  };
}
function generateWorkflowFile(project, options) {
  const unsafe = unsafeManifestPath(options.manifestPath);
  if (unsafe) return { ok: false, ...unsafe };
  const threshold = options.layerThreshold ?? LAYER_THRESHOLD;
  const tried = [];
  const shapes = project.assets.size > threshold ? ["layers"] : ["per-asset", "layers"];
  for (const shape of shapes) {
    const text = render(project, options, shape);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes <= MAX_WORKFLOW_BYTES) return { ok: true, text, shape, bytes };
    tried.push(
      `${bytes.toLocaleString("en-US")} bytes with ${shape === "layers" ? "one job per layer" : "one job per asset"}`
    );
  }
  return {
    ok: false,
    error: `the generated workflow would be ${tried.join(", ")}: over GitHub's limit of ${MAX_WORKFLOW_BYTES.toLocaleString("en-US")} bytes, above which GitHub starts no run`,
    hint: "shorten the manifest's `setup` steps (they are repeated in every job), e.g. move them into a composite action"
  };
}
function checkWorkflow(project, existing, options) {
  const generated = generateWorkflowFile(project, options);
  if (!generated.ok) return { error: generated.error, hint: generated.hint };
  const expected = generated.text;
  if (existing === expected) return { upToDate: true, diff: "" };
  return {
    upToDate: false,
    diff: createTwoFilesPatch(
      `a/${options.path}`,
      `b/${options.path}`,
      existing ?? "",
      expected,
      "committed",
      "generated"
    )
  };
}

export {
  layerChunks,
  timeoutMinutes,
  matrixEntry,
  assetJobs,
  PLAN_JOB,
  PLAN_JOB_NAME,
  filterPatternLiteral,
  committedDefaultBranch,
  generateWorkflowFile,
  checkWorkflow
};
