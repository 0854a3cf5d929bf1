import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  replayAliases
} from "./chunk-PNMKFYGG.js";
import {
  _enum,
  array,
  boolean,
  literal,
  looseObject,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-GR2CBACB.js";
import {
  sha256
} from "./chunk-LR43NXA7.js";

// src/domain/records.ts
var RECORD_SCHEMA = 1;
function isExperiment(record2) {
  return record2.context?.experiment !== void 0;
}
function headOf(record2) {
  return {
    version: record2.version,
    logicalVersion: record2.logicalVersion,
    dataVersion: record2.dataVersion,
    codeVersion: record2.provenance.codeVersion,
    context: record2.context,
    metrics: record2.metrics,
    startedAt: record2.startedAt,
    finishedAt: record2.finishedAt,
    ...record2.promotion?.promote ? { promotes: record2.promotion.alias } : {},
    ...record2.provenance.outputs === void 0 && Object.keys(record2.outputs ?? {}).length > 0 ? { undeclaredOutputs: true } : {},
    deps: record2.provenance.deps,
    outputs: record2.outputs ?? {},
    locations: record2.locations ?? []
  };
}

// src/domain/lazy.ts
function lazy(build) {
  let built;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

// src/ledger/records.ts
var numbers = lazy(() => record(string(), number()));
var provenance = lazy(
  () => object({
    codeVersion: string(),
    code: record(string(), string()),
    runHash: string(),
    config: record(string(), unknown()),
    env: record(string(), string()),
    inputs: record(string(), string()),
    deps: record(string(), string()),
    // Part of the logical version of an experiment's record (src/version/versions.ts): dropping it on
    // read would make `kiln show` and the site hide the run config the version was built with.
    overrides: record(string(), unknown()).optional(),
    outputs: array(string()).optional()
  })
);
var check = lazy(
  () => object({
    name: string(),
    kind: _enum(["metric", "output", "command"]),
    blocking: boolean(),
    passed: boolean(),
    message: string()
  })
);
var context = lazy(() => looseObject({ event: string(), environment: string() }));
var common = () => ({
  asset: string(),
  logicalVersion: string(),
  provenance: provenance(),
  metrics: numbers(),
  checks: array(check()),
  reasons: array(string()),
  context: context(),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  attempts: number()
});
var storeLocation = lazy(
  () => looseObject({
    kind: _enum(["local", "cache", "artifact", "release"]),
    ref: string()
  })
);
var materialization = lazy(
  () => looseObject({
    ...common(),
    schema: literal(RECORD_SCHEMA),
    version: number().int().positive(),
    status: literal("success"),
    dataVersion: string(),
    outputs: record(string(), object({ blob: string(), size: number() })),
    locations: array(storeLocation()),
    series: array(looseObject({ step: number() })),
    seriesFile: object({ path: string(), points: number().int().nonnegative() }).optional(),
    seriesPreview: array(looseObject({ step: number() })).optional(),
    // Read back by the next run to complete a promotion a crash interrupted: checked like the rest.
    promotion: looseObject({
      alias: string(),
      promote: boolean(),
      reason: string(),
      against: number().int().positive().optional(),
      blocked: boolean().optional()
    }).optional()
  })
);
function isHead(data) {
  if (typeof data !== "object" || data === null) return false;
  const h = data;
  const context2 = h.context;
  const metrics = h.metrics;
  return typeof h.version === "number" && Number.isInteger(h.version) && h.version > 0 && typeof h.logicalVersion === "string" && typeof h.dataVersion === "string" && typeof h.codeVersion === "string" && typeof h.startedAt === "string" && typeof h.finishedAt === "string" && typeof context2 === "object" && context2 !== null && typeof context2.event === "string" && typeof context2.environment === "string" && typeof metrics === "object" && metrics !== null && Object.values(metrics).every((v) => typeof v === "number") && (h.promotes === void 0 || typeof h.promotes === "string") && (h.undeclaredOutputs === void 0 || h.undeclaredOutputs === true);
}
var isRecordOf = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function isComplete(head) {
  const { deps, outputs, locations } = head;
  return isRecordOf(deps) && Object.values(deps).every((v) => typeof v === "string") && isRecordOf(outputs) && Object.values(outputs).every(
    (o) => isRecordOf(o) && typeof o.blob === "string" && typeof o.size === "number"
  ) && Array.isArray(locations) && locations.every((l) => isRecordOf(l) && typeof l.kind === "string" && typeof l.ref === "string");
}
var failure = lazy(
  () => looseObject({
    ...common(),
    schema: literal(RECORD_SCHEMA),
    status: _enum(["failed", "cancelled"]),
    error: string(),
    logTail: array(string())
  })
);
var aliasEvent = lazy(
  () => object({
    alias: string(),
    asset: string(),
    from: number().int().nullable(),
    to: number().int().nullable(),
    at: string(),
    by: string(),
    reason: string(),
    kind: _enum(["promotion", "manual", "rollback"]).optional(),
    run: string().optional(),
    id: string()
  })
);
var cursor = lazy(
  () => object({
    schema: literal(RECORD_SCHEMA),
    scope: string(),
    assets: record(string(), record(string(), string())),
    sources: record(string(), object({ since: string(), error: string(), runId: string().optional() })).optional(),
    updatedAt: string()
  })
);
function explain(error) {
  const issue = error.issues[0];
  if (issue.path[0] === "schema")
    return "written by an unknown version of Kiln (schema number) or not a Kiln record";
  return `does not look like a Kiln record: ${issue.path.join(".") || "(root)"} ${issue.message}`;
}
function isPlain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function allValues(value, check2) {
  if (!isPlain(value)) return false;
  for (const key in value) if (!check2(value[key])) return false;
  return true;
}
var isString = (v) => typeof v === "string";
var isNumber = (v) => typeof v === "number" && Number.isFinite(v);
var isInt = (v) => isNumber(v) && Number.isSafeInteger(v);
var isStrings = (v) => Array.isArray(v) && v.every(isString);
var CHECK_KINDS = /* @__PURE__ */ new Set(["metric", "output", "command"]);
var LOCATION_KINDS = /* @__PURE__ */ new Set(["local", "cache", "artifact", "release"]);
function onlyKeys(value, allowed) {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}
var PROVENANCE_KEYS = /* @__PURE__ */ new Set([
  "codeVersion",
  "code",
  "runHash",
  "config",
  "env",
  "inputs",
  "deps",
  "overrides",
  "outputs"
]);
var CHECK_KEYS = /* @__PURE__ */ new Set(["name", "kind", "blocking", "passed", "message"]);
var OUTPUT_KEYS = /* @__PURE__ */ new Set(["blob", "size"]);
var SERIES_FILE_KEYS = /* @__PURE__ */ new Set(["path", "points"]);
function isProvenance(p) {
  return isPlain(p) && onlyKeys(p, PROVENANCE_KEYS) && isString(p.codeVersion) && allValues(p.code, isString) && isString(p.runHash) && allValues(p.config, () => true) && allValues(p.env, isString) && allValues(p.inputs, isString) && allValues(p.deps, isString) && (p.overrides === void 0 || allValues(p.overrides, () => true)) && (p.outputs === void 0 || isStrings(p.outputs));
}
function isCheck(c) {
  return isPlain(c) && onlyKeys(c, CHECK_KEYS) && isString(c.name) && CHECK_KINDS.has(c.kind) && typeof c.blocking === "boolean" && typeof c.passed === "boolean" && isString(c.message);
}
var isPoint = (p) => isPlain(p) && isNumber(p.step);
function isPromotion(p) {
  return isPlain(p) && isString(p.alias) && typeof p.promote === "boolean" && isString(p.reason) && (p.against === void 0 || isInt(p.against) && p.against > 0) && (p.blocked === void 0 || typeof p.blocked === "boolean");
}
function isMaterialization(data) {
  if (!isPlain(data)) return false;
  const d = data;
  const context2 = d.context;
  const seriesFile = d.seriesFile;
  return d.schema === RECORD_SCHEMA && isString(d.asset) && isInt(d.version) && d.version > 0 && d.status === "success" && isString(d.logicalVersion) && isString(d.dataVersion) && isProvenance(d.provenance) && allValues(d.metrics, isNumber) && Array.isArray(d.checks) && d.checks.every(isCheck) && isStrings(d.reasons) && isPlain(context2) && isString(context2.event) && isString(context2.environment) && isString(d.startedAt) && isString(d.finishedAt) && isNumber(d.durationMs) && isNumber(d.attempts) && allValues(
    d.outputs,
    (o) => isPlain(o) && onlyKeys(o, OUTPUT_KEYS) && isString(o.blob) && isNumber(o.size)
  ) && Array.isArray(d.locations) && d.locations.every((l) => isPlain(l) && LOCATION_KINDS.has(l.kind) && isString(l.ref)) && Array.isArray(d.series) && d.series.every(isPoint) && (seriesFile === void 0 || isPlain(seriesFile) && onlyKeys(seriesFile, SERIES_FILE_KEYS) && isString(seriesFile.path) && isInt(seriesFile.points) && seriesFile.points >= 0) && (d.seriesPreview === void 0 || Array.isArray(d.seriesPreview) && d.seriesPreview.every(isPoint)) && (d.promotion === void 0 || isPromotion(d.promotion));
}
function expectedRecord(record2, expected) {
  if (record2.asset !== expected.asset || record2.version !== expected.version) {
    return {
      ok: false,
      error: `holds ${record2.asset} v${record2.version}, not ${expected.asset} v${expected.version}`
    };
  }
  return { ok: true, value: record2 };
}
function parseMaterialization(data, expected) {
  if (isMaterialization(data)) return expectedRecord(data, expected);
  const parsed = materialization().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  return expectedRecord(parsed.data, expected);
}
function parseFailure(data, asset) {
  const parsed = failure().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  if (parsed.data.asset !== asset)
    return { ok: false, error: `holds a failure of ${parsed.data.asset}, not ${asset}` };
  return { ok: true, value: parsed.data };
}
function parseAliasLine(line, asset) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, error: "an unreadable alias line (cut short by a crash?); skipped" };
  }
  const parsed = aliasEvent().safeParse(data);
  if (!parsed.success || parsed.data.asset !== asset)
    return { ok: false, error: "not a Kiln alias event; skipped" };
  return { ok: true, value: parsed.data };
}
function parseCursor(text) {
  try {
    const parsed = cursor().safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: explain(parsed.error) };
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
}
function cursorOf(scope, text, problem) {
  const parsed = parseCursor(text);
  if (!parsed.ok) {
    problem(`${parsed.error}; the automation cursors start over`);
    return void 0;
  }
  return parsed.value.scope === scope ? parsed.value : void 0;
}
function parseAliasLog(text, asset) {
  const events = [];
  const problems = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseAliasLine(line, asset);
    if (parsed.ok) events.push(parsed.value);
    else problems.push({ line: i + 1, message: parsed.error });
  });
  return { events, problems };
}
function readJsonLines(text, kind, expected, check2) {
  const values = [];
  const problems = [];
  eachLine(text, (line, number2) => {
    if (!line.trim()) return;
    const read = readJsonLine(line, kind, expected, check2);
    if ("value" in read) values.push(read.value);
    else problems.push({ line: number2, message: read.problem });
  });
  return { values, problems };
}
function readJsonLine(line, kind, expected, check2) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return { problem: `an unreadable ${kind} line (cut short by a crash?); skipped` };
  }
  return check2(data) ? { value: data } : { problem: `not ${expected}; skipped` };
}
function parseLocationLog(text) {
  const read = readJsonLines(
    text,
    "location",
    "a store location",
    (data) => storeLocation().safeParse(data).success
  );
  return { locations: read.values, problems: read.problems };
}
var HEAD_LINE_FIX = "delete the line: a head is an index entry rebuilt from its version's record, which stays the truth";
function parseHeadLog(text) {
  const heads = /* @__PURE__ */ new Map();
  const problems = [];
  eachLine(text, (line, number2) => {
    if (!line.trim()) return;
    const read = parseHeadLine(line);
    if ("problem" in read) problems.push({ line: number2, message: read.problem });
    else if ("head" in read && !heads.has(read.head.version)) heads.set(read.head.version, read.head);
  });
  return { heads, problems };
}
function parseHeadLine(line) {
  const read = readJsonLine(line, "head", "a version head", isHead);
  if ("problem" in read) return read;
  return isComplete(read.value) ? { head: read.value } : { incomplete: true };
}
function parseSeriesText(text) {
  const points = [];
  const problems = [];
  eachLine(text, (line, number2) => {
    if (!line.trim()) return;
    try {
      const point = JSON.parse(line);
      if (typeof point === "object" && point !== null && typeof point.step === "number") points.push(point);
      else problems.push({ line: number2, message: "not a series point; skipped" });
    } catch {
      problems.push({ line: number2, message: "an unreadable series line; skipped" });
    }
  });
  return { points, problems };
}
function eachLine(text, visit) {
  let start = 0;
  let number2 = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    number2++;
    if (visit(text.slice(start, end), number2) === false) return;
    start = end + 1;
  }
}

// src/ledger/packs.ts
var PACK_VERSIONS = 100;
var PACKED_SERIES_MAX_BYTES = 256 * 1024;
function blockOf(version) {
  return Math.floor((version - 1) / PACK_VERSIONS);
}
function blockRange(block) {
  return { first: block * PACK_VERSIONS + 1, last: (block + 1) * PACK_VERSIONS };
}
function completedBlocks(highest) {
  return Math.floor(highest / PACK_VERSIONS);
}
function packName(block) {
  const { first, last } = blockRange(block);
  return `pack-v${first}-v${last}.jsonl`;
}
function packBlock(name) {
  const match = /^pack-v([1-9]\d{0,8})-v([1-9]\d{0,8})\.jsonl$/.exec(name);
  if (!match) return void 0;
  const block = blockOf(Number(match[1]));
  const { first, last } = blockRange(block);
  return first === Number(match[1]) && last === Number(match[2]) ? block : void 0;
}
function recordPackPath(asset, block) {
  return `materializations/${asset}/${packName(block)}`;
}
function seriesPackPath(asset, block) {
  return `series/${asset}/${packName(block)}`;
}
function highestOfEntry(name, versionOf) {
  const block = packBlock(name);
  return block === void 0 ? versionOf(name) ?? 0 : blockRange(block).last;
}
function buildPacks(asset, block, loose, seriesText2) {
  const { first, last } = blockRange(block);
  const byVersion = new Map(loose.map((r) => [r.version, r.text]));
  const lines = [];
  const series = [];
  const paths = [];
  for (let version = first; version <= last; version++) {
    const text = byVersion.get(version);
    if (text === void 0) return { ok: false, error: `v${version} is missing` };
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: `v${version} is not valid JSON` };
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (!parsed.ok) return { ok: false, error: `v${version} ${parsed.error}` };
    lines.push(JSON.stringify(data));
    const file = parsed.value.seriesFile?.path;
    const body = file === void 0 ? void 0 : seriesText2(file);
    if (file === void 0 || body === void 0 || Buffer.byteLength(body) > PACKED_SERIES_MAX_BYTES)
      continue;
    const points = parseSeriesText(body);
    if (points.problems.length > 0) continue;
    series.push(JSON.stringify({ version, path: file, points: points.points }));
    paths.push(file);
  }
  return {
    ok: true,
    value: {
      records: `${lines.join("\n")}
`,
      series: series.length > 0 ? { text: `${series.join("\n")}
`, paths } : void 0
    }
  };
}
function parseRecordPack(text, asset, block, report) {
  const { first, last } = blockRange(block);
  const size = last - first + 1;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== size) {
    const held = Math.min(lines.length, size);
    report(
      held,
      held < size ? `cut short: holds ${held} of the ${size} versions v${first}\u2013v${last}; v${first + held}\u2013v${last} cannot be read from it` : `holds more lines than the ${size} versions v${first}\u2013v${last}; the rest is not read`
    );
  }
  const unreadable = /* @__PURE__ */ new Set();
  const record2 = (version) => {
    if (unreadable.has(version)) return void 0;
    const i = version - first;
    let found;
    if (i >= 0 && i < Math.min(lines.length, size)) {
      try {
        const parsed = parseMaterialization(JSON.parse(lines[i]), { asset, version });
        if (parsed.ok) found = parsed.value;
        else report(i + 1, `v${version}: ${parsed.error}`);
      } catch (error) {
        report(i + 1, `v${version}: not valid JSON (${error.message})`);
      }
    }
    if (!found) unreadable.add(version);
    return found;
  };
  return {
    record: record2,
    whole: () => {
      let all = lines.length === size;
      for (let v = first; v <= last; v++) all = record2(v) !== void 0 && all;
      return all;
    }
  };
}
var SERIES_LINE_HEAD = /^\{"version":([1-9]\d{0,8}),"path":("(?:[^"\\]|\\.)*"),"points":\[/;
function seriesEntry(line) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return "an unreadable series line; skipped";
  }
  if (typeof data === "object" && data !== null && typeof data.version === "number" && typeof data.path === "string" && Array.isArray(data.points) && data.points.every((p) => typeof p === "object" && p !== null && typeof p.step === "number"))
    return { version: data.version, path: data.path, points: data.points };
  return "not a version's series; skipped";
}
function parseSeriesPack(text, report) {
  const lines = text.split("\n");
  const byVersion = /* @__PURE__ */ new Map();
  const failed = /* @__PURE__ */ new Set();
  const bad = (index, message) => {
    if (failed.has(index)) return;
    failed.add(index);
    report(index + 1, message);
  };
  lines.forEach((line, index) => {
    if (line === "") return;
    const head = SERIES_LINE_HEAD.exec(line);
    if (head) {
      try {
        byVersion.set(Number(head[1]), { index, path: JSON.parse(head[2]) });
        return;
      } catch {
      }
    }
    const entry = seriesEntry(line);
    if (typeof entry === "string") bad(index, entry);
    else byVersion.set(entry.version, { index, path: entry.path });
  });
  const read = (version, at) => {
    if (failed.has(at.index)) return void 0;
    const entry = seriesEntry(lines[at.index]);
    if (typeof entry !== "string" && entry.version === version && entry.path === at.path)
      return { path: entry.path, points: entry.points };
    bad(at.index, typeof entry === "string" ? entry : `not the series of v${version}; skipped`);
    return void 0;
  };
  return {
    get: (version) => {
      const at = byVersion.get(version);
      return at ? read(version, at) : void 0;
    },
    find: (path) => {
      for (const [version, at] of byVersion) if (at.path === path) return read(version, at)?.points;
      return void 0;
    },
    paths: () => [...byVersion.values()].map((at) => at.path),
    whole: () => {
      let all = failed.size === 0;
      for (const [version, at] of byVersion) all = read(version, at) !== void 0 && all;
      return all;
    }
  };
}
var PACK_FIX = "the pack is written once and never changed: restore it from a backup or the ledger branch's history (the loose v<N>.json files it replaced, if any are left, are read in its place)";
function classifyEntries(names, versionOf) {
  const loose = /* @__PURE__ */ new Map();
  const listing = { loose, packs: /* @__PURE__ */ new Set(), foreign: [] };
  for (const name of names) {
    if (name.startsWith(".tmp-")) continue;
    const block = packBlock(name);
    if (block !== void 0) {
      listing.packs.add(block);
      continue;
    }
    const version = versionOf(name);
    if (version === void 0) listing.foreign.push(name);
    else loose.set(version, name);
  }
  return listing;
}
function listedVersions(listing) {
  if (listing.packs.size === 0) {
    const loose = Array.from(listing.loose.keys());
    for (let i = 1; i < loose.length; i++) if (loose[i - 1] > loose[i]) return loose.sort((a, b) => a - b);
    return loose;
  }
  const versions = new Set(listing.loose.keys());
  for (const block of listing.packs) {
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) versions.add(v);
  }
  return [...versions].sort((a, b) => a - b);
}
function hasGappedBlock(listing) {
  let highest = 0;
  for (const v of listing.loose.keys()) highest = Math.max(highest, v);
  for (const b of listing.packs) highest = Math.max(highest, blockRange(b).last);
  for (let block = 0; block < completedBlocks(highest); block++) {
    if (listing.packs.has(block)) continue;
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) if (!listing.loose.has(v)) return true;
  }
  return false;
}
function remember(cache, key, value, size) {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value);
}

// src/domain/compact-time.ts
function compactTime(time) {
  const iso = typeof time === "string" ? time : time.toISOString();
  return iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

// src/ledger/layout.ts
import { randomUUID } from "node:crypto";
var PROJECTS_DIR = "projects";
function projectDir(project) {
  return `${PROJECTS_DIR}/${project}`;
}
function isLegacyEntry(name) {
  return name !== PROJECTS_DIR && !name.startsWith(".");
}
var MAX_VERSION = 999999999;
function versionFileName(name) {
  const match = /^v([1-9]\d*)\.json$/.exec(name);
  if (!match) {
    return {
      kind: "foreign",
      message: "not a ledger record (expected v<N>.json)",
      fix: "Kiln skips it; move it out of the ledger"
    };
  }
  const version = Number(match[1]);
  if (match[1].length > String(MAX_VERSION).length || version > MAX_VERSION) {
    return {
      kind: "out-of-range",
      message: `version number out of range (Kiln numbers versions 1 to ${MAX_VERSION}); not read and not counted when numbering`,
      fix: "Kiln did not write it: move it out of the ledger (if it is a record, rename it to the version it holds)"
    };
  }
  return { kind: "version", version };
}
function versionOfFile(name) {
  const parsed = versionFileName(name);
  return parsed.kind === "version" ? parsed.version : void 0;
}
function materializationPath(asset, version) {
  return `materializations/${asset}/v${version}.json`;
}
function materializationsDir(asset) {
  return `materializations/${asset}`;
}
function failuresDir(asset) {
  return `failures/${asset}`;
}
function failurePath(asset, startedAt) {
  return `failures/${asset}/${compactTime(startedAt)}-${randomUUID().slice(0, 8)}.json`;
}
function locationsPath(asset, version) {
  return `locations/${asset}/v${version}.jsonl`;
}
function headsPath(asset) {
  return `heads/${asset}.jsonl`;
}
function seriesPath(asset, digest) {
  return `series/${asset}/${digest}.jsonl`;
}
var ALIASES_FOLDER = "aliases";
function aliasPath(asset) {
  return `${ALIASES_FOLDER}/${asset}.jsonl`;
}
function scopeFileName(scope) {
  return `${scope.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}
function cursorPath(scope) {
  const name = scopeFileName(scope);
  return name === `${scope}.json` ? `cursors/${name}` : `cursors/${name.slice(0, -5)}-${sha256(scope).slice(0, 8)}.json`;
}
function cursorPaths(scope) {
  const current = cursorPath(scope);
  const former = `cursors/${scopeFileName(scope)}`;
  return current === former ? [current] : [current, former];
}
function nextVersion(names, named = []) {
  let highest = 0;
  for (const name of names) highest = Math.max(highest, highestOfEntry(name, versionOfFile));
  for (const version of named)
    if (version !== null && Number.isSafeInteger(version) && version <= MAX_VERSION)
      highest = Math.max(highest, version);
  if (highest >= MAX_VERSION) {
    throw new Error(
      `no version number left: v${MAX_VERSION} is taken, the highest Kiln writes; run \`kiln doctor\` to see which records are out of place`
    );
  }
  return highest + 1;
}

// src/ledger/series-file.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
function seriesLine(point) {
  return `${JSON.stringify(point)}
`;
}
var CHUNK = 1 << 20;
var SeriesFileWriter = class {
  constructor(file) {
    this.file = file;
  }
  file;
  /** Opened with the first lines: most steps write no series, and then there is no file at all. */
  fd;
  hash = createHash("sha256");
  lines = [];
  pending = 0;
  count = 0;
  add(point) {
    const line = seriesLine(point);
    this.lines.push(line);
    this.pending += line.length;
    this.count++;
    if (this.pending >= CHUNK) this.flush();
  }
  flush() {
    if (this.lines.length === 0) return;
    const bytes = Buffer.from(this.lines.join(""));
    this.lines = [];
    this.pending = 0;
    this.hash.update(bytes);
    this.fd ??= openSync(this.file, "w");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
  /** Closes the file: what the ledger needs to keep it under its content's name. */
  close() {
    try {
      this.flush();
    } finally {
      if (this.fd !== void 0) closeSync(this.fd);
    }
    return { file: this.file, sha256: this.hash.digest("hex"), points: this.count };
  }
  /** Closes the file without a result (the series is not recorded). */
  abandon() {
    if (this.fd !== void 0) closeSync(this.fd);
  }
};

// src/ledger/heads.ts
function reconcileHeads(logged, listed) {
  const heads = [];
  const missing = [];
  for (const version of listed) {
    const head = logged.get(version);
    if (head) heads.push(head);
    else missing.push(version);
  }
  heads.sort((a, b) => a.version - b.version);
  return { heads, missing: missing.sort((a, b) => a - b) };
}
function withDerived(heads, records) {
  if (records.length === 0) return heads;
  return [...heads, ...records.map(headOf)].sort((a, b) => a.version - b.version);
}
var HeadLog = class _HeadLog {
  constructor(versions, derive, problem) {
    this.derive = derive;
    this.problem = problem;
    this.versions = versions;
  }
  derive;
  problem;
  /** Only the versions a line names or a lookup reached: a long history costs nothing unread. */
  entries = /* @__PURE__ */ new Map();
  /** Versions ascending: those listed (the listing is the truth), with or without a line. */
  versions;
  /** Reads the rest of the log; undefined once the whole log is indexed. */
  readWhole;
  /** Reads the log when a lookup first needs it (heads were handed over known); then undefined. */
  readLater;
  /** Told of each head the first time a lookup answers with it. */
  used;
  /** The heads of an asset whose heads were read whole (a ledger without a log of its own). */
  static of(heads) {
    const log = new _HeadLog(
      heads.map((h) => h.version),
      async () => void 0,
      () => {
      }
    );
    for (const head of heads) log.know(head);
    return log;
  }
  /**
   * Indexes a heads log for the `listed` versions (ascending). `derive` reads a version's record
   * when the log has no complete head for it (and may append the head it derives); `problem`
   * reports a damaged line by number. `text` may be a function: the log is then read only when a
   * lookup reaches a listed version that `known` (heads read from this very log before) lacks.
   */
  static index(text, listed, options) {
    const log = new _HeadLog(listed, options.derive, options.problem);
    log.used = options.used;
    for (const head of options.known ?? []) if (log.isListed(head.version)) log.know(head);
    if (typeof text === "function") log.readLater = text;
    else log.indexText(text);
    return log;
  }
  know(head) {
    const entry = { lines: [], head: Promise.resolve(head), settled: { head } };
    this.entries.set(head.version, entry);
  }
  indexText(text) {
    if ("whole" in text) this.indexLines(text.whole, true);
    else {
      this.readWhole = text.readWhole;
      if (!this.indexLines(text.end, false)) this.indexWhole();
    }
  }
  /** Reads the log a lookup needs now (see index); known heads stay as they are. */
  indexLater() {
    const read = this.readLater;
    if (!read) return;
    this.readLater = void 0;
    this.indexText(read());
  }
  /** Whether `version` is listed (binary search: `versions` is ascending). */
  isListed(version) {
    const { versions } = this;
    let low = 0;
    let high = versions.length - 1;
    while (low <= high) {
      const middle = low + high >>> 1;
      const at = versions[middle];
      if (at === version) return true;
      if (at < version) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
  /** The entry of a listed version, made when first needed; undefined for any other. */
  entry(version) {
    let entry = this.entries.get(version);
    if (!entry && this.isListed(version)) {
      entry = { lines: [] };
      this.entries.set(version, entry);
    }
    return entry;
  }
  /** Adds the lines of `text`; false (in a log's end) at a line Kiln did not write. */
  indexLines(text, whole) {
    let written = true;
    eachLine(text, (line, number2) => {
      const version = leadingVersion(line);
      if (version !== void 0) {
        this.entry(version)?.lines.push({ number: whole ? number2 : 0, text: line });
        return;
      }
      if (!line.trim()) return;
      if (!whole) {
        written = false;
        return false;
      }
      const read = parseHeadLine(line);
      if ("problem" in read) this.problem(number2, read.problem);
      else if ("head" in read) this.entry(read.head.version)?.lines.push({ number: number2, text: line });
    });
    return written;
  }
  /** Indexes the whole log in place of its end (a version's lines start over). */
  indexWhole() {
    const read = this.readWhole;
    if (!read) return;
    this.readWhole = void 0;
    for (const entry of this.entries.values()) entry.lines = [];
    this.indexLines(read(), true);
  }
  get count() {
    return this.versions.length;
  }
  /** The head of a listed version; undefined when neither its lines nor its record can be read. */
  head(version) {
    const entry = this.entry(version);
    if (!entry) return Promise.resolve(void 0);
    if (!entry.head && this.readLater) this.indexLater();
    entry.head ??= this.read(version, entry).then((head) => {
      entry.settled = { head };
      return head;
    });
    if (!entry.told && this.used) {
      entry.told = true;
      const used = this.used;
      void entry.head.then((head) => head && used(head));
    }
    return entry.head;
  }
  /**
   * The head of a listed version when it is known without reading anything (handed over known, or
   * read by an earlier lookup), as `head` would answer it; undefined when only `head` can tell.
   * Status asks this of every asset: a promise per lookup was most of what a known head cost.
   */
  headNow(version) {
    const entry = this.entries.get(version);
    if (!entry?.settled) return void 0;
    if (!entry.told && this.used) {
      entry.told = true;
      if (entry.settled.head) this.used(entry.settled.head);
    }
    return entry.settled;
  }
  read(version, entry) {
    for (const line of entry.lines) {
      const read = parseHeadLine(line.text);
      if ("problem" in read) {
        if (this.readWhole) return this.readFromWhole(version, entry);
        this.problem(line.number, read.problem);
      } else if ("head" in read && read.head.version === version) return Promise.resolve(read.head);
    }
    if (this.readWhole) return this.readFromWhole(version, entry);
    return this.derive(version);
  }
  readFromWhole(version, entry) {
    this.indexWhole();
    return this.read(version, entry);
  }
  /**
   * False when the version's head cannot have logical version `lv` (true for a head from before
   * declared outputs were versioned, whose logical version its record gives): the head read, or a
   * line that reads as a whole head Kiln wrote (plain JSON, no escapes, every field status reads)
   * does not contain it. Lets the search for the version built from the current inputs skip
   * parsing every other version's head. A version whose lines all look damaged or old may be
   * derived from its record: true. (A line damaged inside yet whole-looking could hide a record
   * with `lv`: the asset then looks stale and is built again, never the other way round.)
   */
  mayHave(version, lv) {
    const entry = this.entry(version);
    if (!entry) return false;
    if (!entry.settled && this.readLater) this.indexLater();
    if (entry.settled) {
      const { head } = entry.settled;
      return head !== void 0 && (head.logicalVersion === lv || head.undeclaredOutputs === true);
    }
    if (entry.lines.length === 0 && this.readWhole) this.indexWhole();
    if (entry.lines.length === 0) return true;
    let whole = false;
    for (const { text } of entry.lines) {
      if (text.includes(lv) || text.includes("\\") || text.includes('"undeclaredOutputs"')) return true;
      whole ||= text.endsWith("}") && WHOLE_HEAD_KEYS.every((key) => text.includes(key));
    }
    return !whole;
  }
  /** Every head, ascending (what heads() answers). */
  async all() {
    const heads = await Promise.all(this.versions.map((v) => this.head(v)));
    return heads.filter((h) => h !== void 0);
  }
};
async function headLogOf(ledger, asset) {
  return ledger.headLog ? ledger.headLog(asset) : HeadLog.of(await ledger.heads(asset));
}
var WHOLE_HEAD_KEYS = ['"logicalVersion":"', '"context":{', '"deps":{', '"outputs":{', '"locations":['];
function leadingVersion(line) {
  const prefix = '{"version":';
  if (!line.startsWith(prefix)) return void 0;
  let version = 0;
  let i = prefix.length;
  for (; i < line.length; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    version = version * 10 + digit;
  }
  return i > prefix.length && line[i] === "," && version > 0 && Number.isSafeInteger(version) ? version : void 0;
}
function headLine(record2) {
  return JSON.stringify(headOf(record2));
}
function seriesText(points) {
  const lines = new Array(points.length);
  for (let i = 0; i < points.length; i++) lines[i] = seriesLine(points[i]);
  return lines.join("");
}
function separateSeries(record2) {
  const { seriesSource: source, ...rest } = record2;
  if (source) {
    if (source.points === 0) return { record: { ...rest, series: [] } };
    const file2 = seriesPath(record2.asset, source.sha256);
    return {
      record: { ...rest, series: [], seriesFile: { path: file2, points: source.points } },
      series: { path: file2, file: source.file }
    };
  }
  if (record2.series.length === 0) return { record: rest };
  const text = seriesText(record2.series);
  const file = seriesPath(record2.asset, sha256(text));
  return {
    record: { ...rest, series: [], seriesFile: { path: file, points: record2.series.length } },
    series: { path: file, text }
  };
}
async function holdersWithRecords(events, listed, load) {
  const holders = new Set(replayAliases(events, /* @__PURE__ */ new Set()).missing.values());
  const readable = /* @__PURE__ */ new Set();
  for (const version of holders) if (listed.has(version) && await load(version)) readable.add(version);
  return readable;
}

// src/domain/crash-point.ts
function crashPoint(point) {
  if (process.env.KILN_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}

export {
  RECORD_SCHEMA,
  isExperiment,
  headOf,
  compactTime,
  parseMaterialization,
  parseFailure,
  cursorOf,
  parseAliasLog,
  parseLocationLog,
  HEAD_LINE_FIX,
  parseHeadLog,
  parseSeriesText,
  PACKED_SERIES_MAX_BYTES,
  blockOf,
  blockRange,
  completedBlocks,
  packName,
  packBlock,
  recordPackPath,
  seriesPackPath,
  buildPacks,
  parseRecordPack,
  parseSeriesPack,
  PACK_FIX,
  classifyEntries,
  listedVersions,
  hasGappedBlock,
  remember,
  PROJECTS_DIR,
  projectDir,
  isLegacyEntry,
  versionFileName,
  versionOfFile,
  materializationPath,
  materializationsDir,
  failuresDir,
  failurePath,
  locationsPath,
  headsPath,
  ALIASES_FOLDER,
  aliasPath,
  cursorPath,
  cursorPaths,
  nextVersion,
  SeriesFileWriter,
  reconcileHeads,
  withDerived,
  HeadLog,
  headLogOf,
  headLine,
  separateSeries,
  holdersWithRecords,
  crashPoint
};
