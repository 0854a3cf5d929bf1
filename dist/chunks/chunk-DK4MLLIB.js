import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasHolder
} from "./chunk-PNMKFYGG.js";
import {
  sha256
} from "./chunk-LR43NXA7.js";

// src/version/dependency-record.ts
async function dependencyRecord(request) {
  const { ledger, asset, dep, current } = request;
  const alias = asset.depAliases[dep];
  if (alias === void 0) {
    return current ? { ok: true, record: current } : { ok: false, reason: `dependency ${dep} has never been materialized` };
  }
  const holder = aliasHolder(await ledger.aliasHistory(dep), alias);
  if (holder === null) return { ok: false, reason: `dependency ${dep} has no ${alias} yet` };
  const record = await ledger.materialization(dep, holder);
  if (!record)
    return { ok: false, reason: `dependency ${dep}@${alias} names v${holder}, which has no record` };
  return { ok: true, record, alias };
}

// src/version/versions.ts
function canonicalJson(value) {
  if (isCanonical(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) keys.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  let text = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === void 0) continue;
    if (text.length > 1) text += ",";
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}
function isCanonical(value) {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "boolean" || type === "number" && Number.isFinite(value)) return true;
  if (type !== "object") return false;
  if (Array.isArray(value)) {
    for (const member of value) if (member === void 0 || !isCanonical(member)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) return false;
  for (const key of keys) {
    const member = object[key];
    if (member === void 0 || !isCanonical(member)) return false;
  }
  return true;
}
function inOrder(keys) {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
function codeVersion(input) {
  if (input.declared !== void 0) return `declared:${input.declared}`;
  return sha256(canonicalJson({ kind: "kiln-code-version", run: input.runHash, code: input.code }));
}
function logicalVersion(provenance) {
  return sha256(
    canonicalJson({
      kind: "kiln-logical-version",
      codeVersion: provenance.codeVersion,
      config: provenance.config,
      env: provenance.env,
      inputs: provenance.inputs,
      deps: provenance.deps,
      // Absent (and so not hashed) without overrides: versions recorded before keep their hash.
      overrides: provenance.overrides,
      // Absent for an asset without outputs, so its versions recorded before keep their hash.
      outputs: provenance.outputs
    })
  );
}
function dataVersion(outputs) {
  return sha256(
    canonicalJson({
      kind: "kiln-data-version",
      outputs: Object.fromEntries(Object.entries(outputs).map(([p, o]) => [p, o.blob]))
    })
  );
}
function sourceDataVersion(observed, inputs) {
  return sha256(canonicalJson({ kind: "kiln-source-version", observed, inputs }));
}

export {
  dependencyRecord,
  canonicalJson,
  codeVersion,
  logicalVersion,
  dataVersion,
  sourceDataVersion
};
