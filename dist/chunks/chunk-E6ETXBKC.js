import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  compactTime
} from "./chunk-OAUXH6FU.js";
import {
  makeStateDirSync,
  removeFileSync,
  replaceFileSync
} from "./chunk-DQNGLDMZ.js";

// src/app/report-history.ts
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
var KEEP_REPORTS = 50;
var LATEST = "latest";
var RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;
var DID_SOMETHING = /* @__PURE__ */ new Set(["materialized", "failed", "cancelled"]);
function didSomething(report) {
  return report.assets.some((asset) => DID_SOMETHING.has(asset.outcome) || asset.move);
}
function newRunId(tick, kept = [], random = Math.random) {
  const time = compactTime(tick);
  const sameSecond = kept.filter((id) => id.startsWith(`${time}-`)).map((id) => Number.parseInt(id.slice(-6, -4), 16));
  const sequence = Math.min(255, sameSecond.length === 0 ? 0 : Math.max(...sameSecond) + 1);
  const suffix = Math.floor(random() * 65536).toString(16).padStart(4, "0");
  return `${time}-${sequence.toString(16).padStart(2, "0")}${suffix}`;
}
async function keepReport(dir, report, markdown, runId) {
  makeStateDirSync(dir);
  const kept = runIds(dir);
  runId ??= newRunId(new Date(report.tick), kept);
  const data = `${JSON.stringify({ ...report, runId })}
`;
  replaceFileSync(path.join(dir, `${runId}.json`), data);
  const file = path.join(dir, `${runId}.md`);
  replaceFileSync(file, markdown);
  let latest;
  if (didSomething(report) || !existsSync(path.join(dir, `${LATEST}.json`))) {
    replaceFileSync(path.join(dir, `${LATEST}.json`), data);
    latest = path.join(dir, `${LATEST}.md`);
    replaceFileSync(latest, markdown);
  }
  prune(dir, kept.includes(runId) ? kept : [...kept, runId].sort());
  return { runId, file, latest };
}
function runIds(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -".json".length)).filter((id) => RUN_ID.test(id)).sort();
}
function prune(dir, ids) {
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP_REPORTS))) {
    removeFileSync(path.join(dir, `${id}.json`));
    removeFileSync(path.join(dir, `${id}.md`));
  }
}
async function readKept(dir, id) {
  try {
    const report = JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8"));
    return { runId: report.runId ?? id, report };
  } catch {
    return void 0;
  }
}
async function listReports(dir) {
  const kept = await Promise.all(runIds(dir).map((id) => readKept(dir, id)));
  return kept.filter((k) => k !== void 0);
}
async function findReport(dir, run) {
  if (run === void 0 || run === LATEST) {
    const latest = await readKept(dir, LATEST);
    if (latest) return { ok: true, kept: latest };
    const all = await listReports(dir);
    const chosen = all.findLast((k) => didSomething(k.report)) ?? all.at(-1);
    return chosen ? { ok: true, kept: chosen } : { ok: false, reason: "none", candidates: [] };
  }
  const ids = runIds(dir);
  const matches = ids.filter((id) => id.startsWith(run));
  if (matches.length === 1) {
    const kept = await readKept(dir, matches[0]);
    if (kept) return { ok: true, kept };
  }
  if (matches.length > 1) return { ok: false, reason: "ambiguous", candidates: matches };
  return { ok: false, reason: ids.length === 0 ? "none" : "unknown", candidates: ids.slice(-5) };
}

export {
  didSomething,
  keepReport,
  listReports,
  findReport
};
