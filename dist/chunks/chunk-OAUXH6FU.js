import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  closest
} from "./chunk-CZZZSMQQ.js";
import {
  Folder,
  GitError,
  KILN_DIR_NAME,
  MANIFEST_NAMES,
  UserError,
  ancestryOf,
  cacheFile,
  cacheStamp,
  checkout,
  filesNamed,
  fromSystemError,
  headHistory,
  insideOrThrow,
  isSystemError,
  kilnDir,
  kilnTempDir,
  lexicallyInside,
  makeStateDir,
  makeStateDirSync,
  moveInto,
  onceAfterBurst,
  readCacheText,
  remoteUrl,
  removeFileSync,
  repoRoot,
  resolveInside,
  sha256,
  spawnGit,
  writeCacheText
} from "./chunk-DQNGLDMZ.js";

// src/domain/run-attempt.ts
function runAttemptOf(env) {
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : void 0;
}
function attemptOf(context) {
  const attempt = context?.runAttempt;
  return typeof attempt === "number" && Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}
function outcomeInRun(heads, failures, run) {
  let best;
  let bestAt = "";
  const consider = (candidate, context, finishedAt) => {
    if (context?.runId !== run) return;
    if (best && (candidate.attempt < best.attempt || candidate.attempt === best.attempt && finishedAt < bestAt))
      return;
    best = candidate;
    bestAt = finishedAt;
  };
  for (const head of heads)
    consider({ kind: "success", attempt: attemptOf(head.context), head }, head.context, head.finishedAt);
  for (const failure of failures)
    consider(
      { kind: "failure", attempt: attemptOf(failure.context), failure },
      failure.context,
      failure.finishedAt
    );
  return best;
}

// src/manifest/project.ts
function metricDirection(metrics, name) {
  return name === metrics.primary ? metrics.direction : metrics.directions[name];
}
var METRIC_NAME_SOURCE = String.raw`[^<>=!\s\p{Cc}](?:[^<>=!\p{Cc}]*[^<>=!\s\p{Cc}])?`;
var METRIC_NAME = new RegExp(`^${METRIC_NAME_SOURCE}$`, "u");
function metricNameProblem(name) {
  if (METRIC_NAME.test(name)) return void 0;
  if (/[<>=!]/.test(name)) return "holds <, >, = or !, which a metric check reads as its comparison";
  if (new RegExp("\\p{Cc}", "u").test(name)) return "holds a control character";
  if (name.trim() === "") return "is blank";
  return "starts or ends with a space";
}
var METRIC_EXPRESSION = new RegExp(
  String.raw`^\s*(${METRIC_NAME_SOURCE})\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$`,
  "u"
);
function aliasReadsAsVersion(alias) {
  const match = /^v(\d+)$/.exec(alias);
  return match ? Number(match[1]) : void 0;
}
function dependencyRef(asset, dep) {
  const alias = asset.depAliases[dep];
  return alias === void 0 ? dep : `${dep}@${alias}`;
}
function refAsset(ref) {
  const at = ref.indexOf("@");
  return at < 0 ? ref : ref.slice(0, at);
}
var DEFAULT_RUNS_ON = "ubuntu-latest";
var DEFAULT_TIMEOUT_MS = 30 * 6e4;
var DEFAULT_RETENTION_DAYS = 90;
var DEFAULT_PROMOTING_BRANCHES = ["main", "master"];
var PROD = "prod";
function prodBranches(project, defaultBranch) {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length > 0) return declared;
  const claimed = new Set([...project.environments.values()].flatMap((e) => e.branches));
  const defaults = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return defaults.filter((b) => !claimed.has(b));
}
function prodFollowsDefaultBranch(project) {
  return (project.environments.get(PROD)?.branches ?? []).length === 0;
}
function durationMs(value) {
  if (typeof value === "number") return Math.round(value * 6e4);
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`bug: unvalidated duration ${value}`);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2]];
  return Math.round(Number(match[1]) * unit);
}
function normalizeCondition(input) {
  if (typeof input === "string") return { kind: input };
  if ("on_cron" in input) return { kind: "on_cron", cron: input.on_cron, tz: input.tz ?? "UTC" };
  if ("cron" in input) return { kind: "cron", cron: input.cron, tz: input.tz ?? "UTC" };
  if ("all" in input) return { kind: "all", of: input.all.map(normalizeCondition) };
  if ("any" in input) return { kind: "any", of: input.any.map(normalizeCondition) };
  return { kind: "not", of: normalizeCondition(input.not) };
}
function checkSpec(input, index) {
  const common = { blocking: input.blocking, description: input.description };
  if (input.metric !== void 0) {
    return { kind: "metric", name: input.name ?? input.metric, expression: input.metric, ...common };
  }
  if (input.output !== void 0) {
    const name = input.name ?? (input["json-schema"] ? `${input.output} matches ${input["json-schema"]}` : `${input.output} exists`);
    return { kind: "output", name, path: input.output, jsonSchema: input["json-schema"], ...common };
  }
  return {
    kind: "command",
    // The command itself, as the reference documents: `check 2` would say nothing in a report.
    name: input.name ?? input.command ?? `check ${index + 1}`,
    command: input.command ?? "",
    ...common
  };
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function mergeConfig(base, override) {
  if (!override) return base;
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}
function resolveConfig(project, asset, environment) {
  return mergeConfig(asset.config, project.environments.get(environment)?.config[asset.name]);
}
function resolveEnv(project, asset, environment) {
  return { ...asset.env, ...project.environments.get(environment)?.env, ...asset.ownEnv };
}
function secretNames(env) {
  return Object.values(env).flatMap((value) => typeof value === "object" ? [value.secret] : []);
}
function declaredSecrets(project) {
  const envs = [...project.assets.values(), ...project.environments.values()].map((spec) => spec.env);
  return new Set(envs.flatMap(secretNames));
}

// src/ledger/aliases.ts
function replayAliases(events, versions) {
  const holders = /* @__PURE__ */ new Map();
  const effective = [];
  const seen = /* @__PURE__ */ new Set();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if ((holders.get(event.alias) ?? null) !== event.from) continue;
    holders.set(event.alias, event.to);
    effective.push(event);
  }
  const missing = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders)
    if (version !== null && !versions.has(version)) missing.set(alias, version);
  return { effective, missing };
}
function missingHolderDamage(asset, file, missing) {
  return [...missing].map(([alias, version]) => ({
    path: file,
    message: `${alias} names ${asset} v${version}, which has no readable record; promotion of ${asset} stops until it is repaired`,
    fix: `restore v${version}'s record from a backup or the ledger branch's history, or point ${alias} at a good version with \`kiln promote ${asset} vN${alias === "champion" ? "" : ` --alias ${alias}`}\``
  }));
}
function unreadableLineDamage(asset, where, message) {
  return {
    path: where,
    message: `${message}; moves after it may be void, so promotion of ${asset} stops until it is repaired`,
    fix: `restore the line from a backup or the ledger branch's history; if it was a move cut short by a crash, delete it. Then check \`kiln aliases ${asset}\``
  };
}
function aliasHolder(history, alias) {
  return aliasHolders(history).get(alias) ?? null;
}
function promotionMove(history, alias, version) {
  return history.find(
    (e) => e.alias === alias && e.to === version && (e.kind ?? "promotion") === "promotion"
  );
}
function aliasHolders(history) {
  const holders = /* @__PURE__ */ new Map();
  for (const event of history) holders.set(event.alias, event.to);
  const held = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders) if (version !== null) held.set(alias, version);
  return held;
}
function rollbackStack(history, alias) {
  const stack = [];
  for (const event of history) {
    if (event.alias !== alias) continue;
    if (event.to === null) {
      stack.length = 0;
      continue;
    }
    if (event.kind === "rollback") {
      const at = stack.lastIndexOf(event.to);
      if (at >= 0) {
        stack.length = at + 1;
        continue;
      }
    }
    if (stack.at(-1) !== event.to) stack.push(event.to);
  }
  return stack;
}

// src/domain/records.ts
var RECORD_SCHEMA = 1;
function isExperiment(record) {
  return record.context?.experiment !== void 0;
}
function headOf(record) {
  return {
    version: record.version,
    logicalVersion: record.logicalVersion,
    dataVersion: record.dataVersion,
    codeVersion: record.provenance.codeVersion,
    context: record.context,
    metrics: record.metrics,
    ...record.notFinite && Object.keys(record.notFinite).length > 0 ? { notFinite: record.notFinite } : {},
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...record.promotion?.promote ? { promotes: record.promotion.alias } : {},
    ...record.provenance.outputs === void 0 && Object.keys(record.outputs ?? {}).length > 0 ? { undeclaredOutputs: true } : {},
    deps: record.provenance.deps,
    outputs: record.outputs ?? {},
    locations: record.locations ?? []
  };
}

// src/ledger/records.ts
var schemas;
async function recordSchemas() {
  schemas ??= await import("./record-schemas-ADUSCH4I.js");
  return schemas;
}
var RecordSchemasNeeded = class extends Error {
  constructor() {
    super("bug: a record needs zod's schemas before they were loaded (read it inside withRecordSchemas)");
  }
};
function schemasNow() {
  if (!schemas) throw new RecordSchemasNeeded();
  return schemas;
}
async function withRecordSchemas(read) {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RecordSchemasNeeded)) throw error;
    await recordSchemas();
    return read();
  }
}
function isHead(data) {
  if (typeof data !== "object" || data === null) return false;
  const h = data;
  const context = h.context;
  const metrics = h.metrics;
  return typeof h.version === "number" && Number.isInteger(h.version) && h.version > 0 && typeof h.logicalVersion === "string" && typeof h.dataVersion === "string" && typeof h.codeVersion === "string" && typeof h.startedAt === "string" && typeof h.finishedAt === "string" && typeof context === "object" && context !== null && typeof context.event === "string" && typeof context.environment === "string" && (context.runAttempt === void 0 || typeof context.runAttempt === "number" && Number.isSafeInteger(context.runAttempt) && context.runAttempt > 0) && typeof metrics === "object" && metrics !== null && Object.values(metrics).every((v) => typeof v === "number") && (h.notFinite === void 0 || isRecordOf(h.notFinite) && Object.values(h.notFinite).every((v) => v === "NaN" || v === "Infinity" || v === "-Infinity")) && (h.promotes === void 0 || typeof h.promotes === "string") && (h.undeclaredOutputs === void 0 || h.undeclaredOutputs === true);
}
var isRecordOf = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function isComplete(head) {
  const { deps, outputs, locations } = head;
  return isRecordOf(deps) && Object.values(deps).every((v) => typeof v === "string") && isRecordOf(outputs) && Object.values(outputs).every(
    (o) => isRecordOf(o) && typeof o.blob === "string" && typeof o.size === "number"
  ) && Array.isArray(locations) && locations.every((l) => isRecordOf(l) && typeof l.kind === "string" && typeof l.ref === "string");
}
function isPlain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function allValues(value, check) {
  if (!isPlain(value)) return false;
  for (const key in value) if (!check(value[key])) return false;
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
  const context = d.context;
  const seriesFile = d.seriesFile;
  return d.schema === RECORD_SCHEMA && isString(d.asset) && isInt(d.version) && d.version > 0 && d.status === "success" && isString(d.logicalVersion) && isString(d.dataVersion) && isProvenance(d.provenance) && allValues(d.metrics, isNumber) && Array.isArray(d.checks) && d.checks.every(isCheck) && isStrings(d.reasons) && isPlain(context) && isString(context.event) && isString(context.environment) && (context.runAttempt === void 0 || isInt(context.runAttempt) && context.runAttempt > 0) && isString(d.startedAt) && isString(d.finishedAt) && isNumber(d.durationMs) && isNumber(d.attempts) && allValues(
    d.outputs,
    (o) => isPlain(o) && onlyKeys(o, OUTPUT_KEYS) && isString(o.blob) && isNumber(o.size)
  ) && Array.isArray(d.locations) && d.locations.every((l) => isPlain(l) && LOCATION_KINDS.has(l.kind) && isString(l.ref)) && Array.isArray(d.series) && d.series.every(isPoint) && (seriesFile === void 0 || isPlain(seriesFile) && onlyKeys(seriesFile, SERIES_FILE_KEYS) && isString(seriesFile.path) && isInt(seriesFile.points) && seriesFile.points >= 0) && (d.seriesPreview === void 0 || Array.isArray(d.seriesPreview) && d.seriesPreview.every(isPoint)) && (d.promotion === void 0 || isPromotion(d.promotion));
}
function expectedRecord(record, expected) {
  if (record.asset !== expected.asset || record.version !== expected.version) {
    return {
      ok: false,
      error: `holds ${record.asset} v${record.version}, not ${expected.asset} v${expected.version}`
    };
  }
  return { ok: true, value: record };
}
function parseMaterialization(data, expected) {
  if (isMaterialization(data)) return expectedRecord(data, expected);
  const { materialization, explain } = schemasNow();
  const parsed = materialization().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  return expectedRecord(parsed.data, expected);
}
async function parseFailure(data, asset) {
  const { failure, explain } = await recordSchemas();
  const parsed = failure().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  if (parsed.data.asset !== asset)
    return { ok: false, error: `holds a failure of ${parsed.data.asset}, not ${asset}` };
  return { ok: true, value: parsed.data };
}
function parseAliasLine({ aliasEvent }, line, asset) {
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
async function parseCursor(text) {
  const { cursor, explain } = await recordSchemas();
  try {
    const parsed = cursor().safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: explain(parsed.error) };
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
}
async function cursorOf(scope, text, problem) {
  const parsed = await parseCursor(text);
  if (!parsed.ok) {
    problem(`${parsed.error}; the automation cursors start over`);
    return void 0;
  }
  return parsed.value.scope === scope ? parsed.value : void 0;
}
async function parseAliasLog(text, asset) {
  const loaded = await recordSchemas();
  const events = [];
  const problems = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseAliasLine(loaded, line, asset);
    if (parsed.ok) events.push(parsed.value);
    else problems.push({ line: i + 1, message: parsed.error });
  });
  return { events, problems };
}
function readJsonLines(text, kind, expected, check) {
  const values = [];
  const problems = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = readJsonLine(line, kind, expected, check);
    if ("value" in read) values.push(read.value);
    else problems.push({ line: number, message: read.problem });
  });
  return { values, problems };
}
function readJsonLine(line, kind, expected, check) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return { problem: `an unreadable ${kind} line (cut short by a crash?); skipped` };
  }
  return check(data) ? { value: data } : { problem: `not ${expected}; skipped` };
}
async function parseLocationLog(text) {
  const { storeLocation } = await recordSchemas();
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
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = parseHeadLine(line);
    if ("problem" in read) problems.push({ line: number, message: read.problem });
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
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    try {
      const point = JSON.parse(line);
      if (typeof point === "object" && point !== null && typeof point.step === "number") points.push(point);
      else problems.push({ line: number, message: "not a series point; skipped" });
    } catch {
      problems.push({ line: number, message: "an unreadable series line; skipped" });
    }
  });
  return { points, problems };
}
function eachLine(text, visit) {
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    number++;
    if (visit(text.slice(start, end), number) === false) return;
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
  const unreadable2 = /* @__PURE__ */ new Set();
  const record = (version) => {
    if (unreadable2.has(version)) return void 0;
    const i = version - first;
    let found;
    if (i >= 0 && i < Math.min(lines.length, size)) {
      let data;
      let json = true;
      try {
        data = JSON.parse(lines[i]);
      } catch (error) {
        json = false;
        report(i + 1, `v${version}: not valid JSON (${error.message})`);
      }
      if (json) {
        const parsed = parseMaterialization(data, { asset, version });
        if (parsed.ok) found = parsed.value;
        else report(i + 1, `v${version}: ${parsed.error}`);
      }
    }
    if (!found) unreadable2.add(version);
    return found;
  };
  return {
    record,
    whole: () => {
      let all = lines.length === size;
      for (let v = first; v <= last; v++) all = record(v) !== void 0 && all;
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
    find: (path11) => {
      for (const [version, at] of byVersion) if (at.path === path11) return read(version, at)?.points;
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
function cursorLocations(scope) {
  const names = scope.formerly !== void 0 ? [scope.name, scope.formerly] : [scope.name];
  return names.flatMap((name) => cursorPaths(name).map((at) => ({ path: at, scope: name })));
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
    eachLine(text, (line, number) => {
      const version = leadingVersion(line);
      if (version !== void 0) {
        this.entry(version)?.lines.push({ number: whole ? number : 0, text: line });
        return;
      }
      if (!line.trim()) return;
      if (!whole) {
        written = false;
        return false;
      }
      const read = parseHeadLine(line);
      if ("problem" in read) this.problem(number, read.problem);
      else if ("head" in read) this.entry(read.head.version)?.lines.push({ number, text: line });
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
function headLine(record) {
  return JSON.stringify(headOf(record));
}
function seriesText(points) {
  const lines = new Array(points.length);
  for (let i = 0; i < points.length; i++) lines[i] = seriesLine(points[i]);
  return lines.join("");
}
function separateSeries(record) {
  const { seriesSource: source, ...rest } = record;
  if (source) {
    if (source.points === 0) return { record: { ...rest, series: [] } };
    const file2 = seriesPath(record.asset, source.sha256);
    return {
      record: { ...rest, series: [], seriesFile: { path: file2, points: source.points } },
      series: { path: file2, file: source.file }
    };
  }
  if (record.series.length === 0) return { record: rest };
  const text = seriesText(record.series);
  const file = seriesPath(record.asset, sha256(text));
  return {
    record: { ...rest, series: [], seriesFile: { path: file, points: record.series.length } },
    series: { path: file, text }
  };
}
async function holdersWithRecords(events, listed, load) {
  const holders = new Set(replayAliases(events, /* @__PURE__ */ new Set()).missing.values());
  const readable = /* @__PURE__ */ new Set();
  for (const version of holders) if (listed.has(version) && await load(version)) readable.add(version);
  return readable;
}

// src/ledger/cursor-changes.ts
var ADOPTIONS_KEPT = 20;
function applyCursorChanges(current, changes) {
  const assets = structuredClone(current?.assets ?? {});
  const requests = structuredClone(current?.requests ?? {});
  const sources = structuredClone(current?.sources ?? {});
  const adopted = structuredClone(current?.adopted ?? {});
  let changed = false;
  for (const [asset, keys] of Object.entries(changes.entries)) {
    for (const [key, entry] of Object.entries(keys)) {
      const held = assets[asset]?.[key];
      if (held !== void 0 && Date.parse(held) > Date.parse(entry.at)) continue;
      const tag = requests[asset]?.[key];
      if (held !== entry.at) {
        assets[asset] = { ...assets[asset], [key]: entry.at };
        changed = true;
      }
      if (entry.request) {
        if (tag?.run !== entry.request.run || tag.attempt !== entry.request.attempt) {
          requests[asset] = { ...requests[asset], [key]: entry.request };
          changed = true;
        }
      } else if (tag) {
        const { [key]: _dropped, ...rest } = requests[asset];
        if (Object.keys(rest).length > 0) requests[asset] = rest;
        else delete requests[asset];
        changed = true;
      }
    }
  }
  for (const [name, mark] of Object.entries(changes.sources)) {
    if (mark === null) {
      if (sources[name] === void 0) continue;
      delete sources[name];
      changed = true;
    } else if (sources[name] === void 0) {
      sources[name] = mark;
      changed = true;
    }
  }
  for (const [asset, adoption] of Object.entries(changes.adopted ?? {})) {
    const held = adopted[asset] ?? [];
    if (held.some((a) => a.version === adoption.version && a.gitSha === adoption.gitSha)) continue;
    adopted[asset] = [...held, adoption].slice(-ADOPTIONS_KEPT);
    changed = true;
  }
  if (!changed) return void 0;
  return {
    schema: RECORD_SCHEMA,
    scope: changes.scope.name,
    assets,
    ...Object.keys(requests).length > 0 ? { requests } : {},
    ...Object.keys(sources).length > 0 ? { sources } : {},
    ...Object.keys(adopted).length > 0 ? { adopted } : {},
    updatedAt: changes.updatedAt
  };
}

// src/app/environment.ts
var DEV = "dev";
function isPullRequest(event) {
  return event === "pull_request";
}
function environmentOfBranch(project, branch, defaultBranch) {
  if (branch === void 0) return DEV;
  for (const environment of project.environments.values())
    if (environment.branches.includes(branch)) return environment.name;
  return prodBranches(project, defaultBranch).includes(branch) ? PROD : DEV;
}
function decideEnvironment(project, facts) {
  const override = facts.override || void 0;
  const names = [.../* @__PURE__ */ new Set([...project.environments.keys(), DEV, PROD])];
  if (override && !names.includes(override)) {
    const suggestion = closest(override, names);
    return {
      ok: false,
      error: `unknown environment "${override}"; the manifest defines ${names.join(", ")}`,
      hint: suggestion ? `did you mean "${suggestion}"?` : void 0
    };
  }
  const pullRequest = isPullRequest(facts.event);
  const ruleBranch = pullRequest ? facts.base ?? facts.defaultBranch ?? prodBranches(project)[0] ?? facts.branch : facts.branch;
  const byRule = facts.inGit ? environmentOfBranch(project, ruleBranch, facts.defaultBranch) : DEV;
  const ruleWhy = !facts.inGit ? "not a git repository" : ruleBranch === void 0 ? "detached HEAD" : pullRequest ? `base branch ${ruleBranch} of the pull request` : `branch ${ruleBranch}`;
  const name = override ?? byRule;
  const why = override ? override === byRule ? `--env ${override}, as ${ruleWhy} selects` : `--env ${override}` : ruleWhy;
  let promotionBlocker;
  if (name !== PROD) promotionBlocker = `only prod promotes; this run is in ${name}`;
  else if (!facts.inGit)
    promotionBlocker = "only a git checkout promotes; this folder is not a git repository";
  else if (pullRequest) promotionBlocker = "pull requests never promote";
  else if (byRule !== PROD)
    promotionBlocker = `--env prod does not promote on ${ruleBranch === void 0 ? "a detached HEAD" : `branch ${ruleBranch}`}, which selects ${byRule}`;
  return {
    ok: true,
    decision: { name, why, branch: ruleBranch, branchEnvironment: byRule, promotionBlocker }
  };
}
function assetPromotionBlocker(decision, spec) {
  if (decision.promotionBlocker) return decision.promotionBlocker;
  if (spec.branches && decision.branch !== void 0 && !spec.branches.includes(decision.branch))
    return `branch ${decision.branch} is not among the asset's promote.branches (${spec.branches.join(", ")})`;
  return void 0;
}

// src/git/object-reader.ts
var IDLE_MS = 2e3;
var ObjectReader = class {
  constructor(cwd, onClose) {
    this.cwd = cwd;
    this.onClose = onClose;
    this.child = spawnGit(["cat-file", "--batch"], cwd);
    const stderr = [];
    this.child.stdout.on("data", (chunk) => this.receive(chunk));
    this.child.stderr.on("data", (chunk) => stderr.push(chunk));
    this.child.stdin.on("error", () => {
    });
    this.child.on(
      "error",
      (error) => this.fail(
        new GitError(`could not run git: ${error.message}; is git installed and on PATH?`, ["cat-file"], "")
      )
    );
    this.child.on("close", (code) => {
      const message = Buffer.concat(stderr).toString("utf8").trim();
      this.fail(
        new GitError(
          `git cat-file --batch in ${this.cwd} ended early: ${message || `exit code ${code}`}`,
          ["cat-file", "--batch"],
          message
        )
      );
    });
    this.sleep();
  }
  cwd;
  onClose;
  child;
  pending = [];
  /** Output not yet consumed, as it arrived. */
  chunks = [];
  received = 0;
  /** What the reply at the front needs in all, once its header is known: a large object is joined once, not per chunk. */
  needed = 0;
  idle;
  closed = false;
  /** The object `spec` names (an oid or `<commit>:<path>`), or undefined when there is none. */
  read(spec) {
    if (this.closed) return Promise.reject(new Error("the object reader is closed"));
    if (/[\n\r]/.test(spec)) return Promise.resolve(void 0);
    return new Promise((resolve, reject) => {
      this.pending.push({ spec, resolve, reject });
      this.wake();
      this.child.stdin.write(`${spec}
`);
    });
  }
  /** Keeps the process (and the event loop) alive while reads are outstanding. */
  wake() {
    if (this.idle) clearTimeout(this.idle);
    this.idle = void 0;
    this.child.ref();
    handle(this.child.stdout).ref();
  }
  /** Lets the process exit with Kiln when idle, and closes it after a while without reads. */
  sleep() {
    if (this.idle) clearTimeout(this.idle);
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) handle(stream).unref();
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }
  receive(chunk) {
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.received < this.needed) return;
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
    let offset = 0;
    this.needed = 0;
    for (; ; ) {
      const request = this.pending[0];
      if (!request) break;
      const newline = buffer.indexOf(10, offset);
      if (newline < 0) break;
      const header = buffer.subarray(offset, newline).toString("utf8");
      const match = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(header);
      if (!match) {
        offset = newline + 1;
        this.pending.shift();
        request.resolve(void 0);
        continue;
      }
      const end = newline + 1 + Number(match[3]);
      if (buffer.length < end + 1) {
        this.needed = end + 1 - offset;
        break;
      }
      const content = Buffer.from(buffer.subarray(newline + 1, end));
      offset = end + 1;
      this.pending.shift();
      request.resolve({ oid: match[1], type: match[2], content });
    }
    const rest = buffer.subarray(offset);
    this.chunks = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.received = rest.length;
    if (this.pending.length === 0) this.sleep();
  }
  fail(error) {
    this.closed = true;
    this.onClose();
    if (this.idle) clearTimeout(this.idle);
    for (const request of this.pending.splice(0)) request.reject(error);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    if (this.idle) clearTimeout(this.idle);
    this.child.stdin.end();
  }
};
function handle(stream) {
  return stream;
}
var readers = /* @__PURE__ */ new Map();
function readObject(cwd, spec) {
  let reader = readers.get(cwd);
  if (!reader) {
    const created = new ObjectReader(cwd, () => {
      if (readers.get(cwd) === created) readers.delete(cwd);
    });
    reader = created;
    readers.set(cwd, reader);
  }
  return reader.read(spec);
}
function parseTree(content, oidLength) {
  const bytes = oidLength === 64 ? 32 : 20;
  const items = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(32, offset);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0) break;
    const mode = content.subarray(offset, space).toString("latin1");
    const name = content.subarray(space + 1, nul).toString("utf8");
    const oid = content.subarray(nul + 1, nul + 1 + bytes).toString("hex");
    const type = mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";
    items.push({ mode: type === "tree" ? "040000" : mode.padStart(6, "0"), type, oid, name });
    offset = nul + 1 + bytes;
  }
  return items;
}

// src/domain/crash-point.ts
function crashPoint(point) {
  if (process.env.KILN_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}

// src/paths/workspace-lock.ts
import { createHash as createHash2, randomUUID as randomUUID2 } from "node:crypto";
import { linkSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var HOLDER_DOES = {
  run: (asset) => `that is materializing ${asset}`,
  pull: (asset) => `that is writing ${asset}'s outputs`
};
var host;
function hostname() {
  host ??= os.hostname();
  return host;
}
var POLL_MS = 100;
function readHolder(file) {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8"));
    return typeof holder.pid === "number" && typeof holder.host === "string" && typeof holder.token === "string" ? {
      ...holder,
      command: holder.command && Object.hasOwn(HOLDER_DOES, holder.command) ? holder.command : void 0
    } : void 0;
  } catch {
    return void 0;
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
var holderFiles = /* @__PURE__ */ new Map();
var ownTokens = /* @__PURE__ */ new Set();
var tempToken = randomUUID2().replaceAll("-", "");
ownTokens.add(tempToken);
function gone(holder) {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  return !alive(holder.pid);
}
var HOLDER_PREFIX = ".holder-";
function holderFile(locksDir, command, fresh = false) {
  const key = `${locksDir}\0${command}`;
  const known = holderFiles.get(key);
  if (known && !fresh) return known;
  makeStateDirSync(locksDir);
  removeAbandonedHolderFiles(locksDir);
  const holder = { pid: process.pid, host: hostname(), token: randomUUID2(), command };
  ownTokens.add(holder.token);
  const file = path.join(locksDir, `${HOLDER_PREFIX}${holder.pid}-${holder.token}`);
  writeFileSync(file, JSON.stringify(holder), { flag: "wx" });
  const { dev, ino } = statSync(file);
  const made = { file, holder, dev, ino };
  if (holderFiles.size === 0) process.once("exit", removeHolderFiles);
  holderFiles.set(key, made);
  return made;
}
function removeHolderFiles() {
  for (const { file } of holderFiles.values()) rmSync(file, { force: true });
  holderFiles.clear();
}
function removeAbandonedHolderFiles(locksDir) {
  for (const name of readdirSync(locksDir)) {
    if (!name.startsWith(HOLDER_PREFIX)) continue;
    const file = path.join(locksDir, name);
    const holder = readHolder(file);
    if (holder && gone(holder)) rmSync(file, { force: true });
  }
}
function tryTake(file, mine, command, again = true) {
  try {
    linkSync(mine.file, file);
    return true;
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") return false;
    if (code !== "ENOENT" || !again) throw error;
    return tryTake(file, holderFile(path.dirname(file), command, true), command, false);
  }
}
function isMine(file, mine) {
  try {
    const { dev, ino } = statSync(file);
    return dev === mine.dev && ino === mine.ino;
  } catch {
    return false;
  }
}
function removeIfAbandoned(file, seen, unreadableBefore) {
  const holder = readHolder(file);
  const abandoned = holder === void 0 ? unreadableBefore && seen === void 0 : gone(holder) && holder.token === seen?.token;
  if (!abandoned) return false;
  removeFileSync(file);
  return true;
}
function withAssetLock(locksDir, asset, work, wait = {}) {
  return takeLock(locksDir, asset, (holder) => waitingMessage(holder, asset), work, wait);
}
function withLock(locksDir, name, doing, work, wait = {}) {
  const message = (holder) => `kiln: waiting for another kiln ${holder.command ?? "process"} (${whereIs(holder)}) that is ${doing} in this workspace`;
  return takeLock(locksDir, name, message, work, wait);
}
async function takeLock(locksDir, name, message, work, wait) {
  const file = path.join(locksDir, `${name}.lock`);
  const command = wait.holder ?? "run";
  let mine = holderFile(locksDir, command);
  let told = false;
  let unreadable2 = false;
  while (!tryTake(file, mine, command)) {
    mine = holderFile(locksDir, command);
    if (wait.signal?.aborted) return void 0;
    const holder = readHolder(file);
    if (removeIfAbandoned(file, holder, unreadable2)) continue;
    unreadable2 = holder === void 0;
    if (!told && holder) {
      told = true;
      wait.onWait?.(message(holder));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const held = holderFiles.get(`${locksDir}\0${command}`) ?? mine;
  try {
    return await work();
  } finally {
    if (isMine(file, held)) unlinkSync(file);
  }
}
function waitingMessage(holder, asset) {
  const where = whereIs(holder);
  if (holder.command === void 0)
    return `kiln: waiting for ${asset}'s lock in this workspace, in use by another kiln process (${where})`;
  return `kiln: waiting for another kiln ${holder.command} (${where}) ${HOLDER_DOES[holder.command](asset)} in this workspace`;
}
function whereIs(holder) {
  return holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
}
var hostTag;
function thisHostTag() {
  hostTag ??= createHash2("sha256").update(hostname()).digest("hex").slice(0, 8);
  return hostTag;
}
function ownedTempName(prefix) {
  return `${prefix}${process.pid}-${thisHostTag()}-${tempToken}-${randomUUID2()}`;
}
async function removeAbandonedTemp(dir, prefix) {
  const names = await readdir(dir).catch(() => []);
  const owned = new RegExp(`^${prefix}(\\d+)-([0-9a-f]{8})-([0-9a-f]{32})-`);
  const removed = [];
  for (const name of names) {
    const match = owned.exec(name);
    if (!match || match[2] !== thisHostTag()) continue;
    if (!gone({ pid: Number(match[1]), host: hostname(), token: match[3] })) continue;
    try {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
    }
  }
  return removed;
}

// src/ledger/open.ts
import path5 from "node:path";

// src/ledger/adopt-local.ts
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path4 from "node:path";

// src/ledger/local.ts
import { randomUUID as randomUUID3 } from "node:crypto";
import {
  closeSync as closeSync2,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync as linkSync2,
  openSync as openSync3,
  readdirSync as readdirSync2,
  readFileSync as readFileSync2,
  readSync,
  renameSync,
  statSync as statSync2,
  unlinkSync as unlinkSync2,
  writeFileSync as writeFileSync2,
  writeSync as writeSync2
} from "node:fs";
import path3 from "node:path";

// src/paths/state-file.ts
import { fsync, openSync as openSync2 } from "node:fs";
import path2 from "node:path";
function syncDescriptor(fd) {
  return new Promise((resolve, reject) => fsync(fd, (error) => error ? reject(error) : resolve()));
}
function openInStateDir(file, flags) {
  try {
    return openSync2(file, flags);
  } catch (error) {
    const code = error.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    makeStateDirSync(path2.dirname(file));
    return openSync2(file, flags);
  }
}

// src/ledger/local.ts
async function writeSynced(file, text) {
  const fd = openInStateDir(file, "wx");
  try {
    writeFileSync2(fd, text);
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
async function copySynced(source, file) {
  copyFileSync(source, file, constants.COPYFILE_EXCL);
  const fd = openSync3(file, "r+");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
async function writeOnce(file, content) {
  if (existsSync(file)) return;
  makeStateDirSync(path3.dirname(file));
  const temp = path3.join(path3.dirname(file), `.tmp-${randomUUID3()}`);
  if (typeof content === "string") await writeSynced(temp, content);
  else await copySynced(content.file, temp);
  try {
    linkSync2(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  } finally {
    unlinkSync2(temp);
  }
}
async function placeOnce(file, text) {
  makeStateDirSync(path3.dirname(file));
  const temp = path3.join(path3.dirname(file), `.tmp-${randomUUID3()}`);
  await writeSynced(temp, text);
  try {
    linkSync2(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return readIfExists(file) === text;
  } finally {
    unlinkSync2(temp);
  }
  const fd = openSync3(path3.dirname(file), "r");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
  return true;
}
function readIfExists(file) {
  try {
    return readText(file);
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
async function replaceAtomically(file, text) {
  const temp = path3.join(path3.dirname(file), `.tmp-${randomUUID3()}`);
  await writeSynced(temp, text);
  renameSync(temp, file);
}
async function appendLines(file, lines, options) {
  const bytes = Buffer.from(`
${lines.join("\n")}
`);
  const fd = openInStateDir(file, "a");
  try {
    const bytesWritten = writeSync2(fd, bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short append to ${file}: the disk may be full`);
    if (options.durable) await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
function unreadable(file, error) {
  if (!isSystemError(error)) return error;
  const { message } = fromSystemError(error);
  return new UserError(
    `cannot read the ledger file ${file}: ${message.replace(/^cannot \w+ [^:]*: |^\w+ failed: /, "")}`,
    "run `kiln doctor`: it checks the ledger and says how to repair it"
  );
}
function readText(file) {
  return readFileSync2(file, "utf8");
}
var HEAD_LOG_END = 4096;
function readLogEnd(file, bytes) {
  let fd;
  try {
    fd = openSync3(file, "r");
  } catch (error) {
    if (error.code === "ENOENT") return { whole: "" };
    throw unreadable(file, error);
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(size, bytes));
    const read = readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    if (size <= bytes) return { whole: buffer.toString("utf8", 0, read) };
    const start = buffer.indexOf(10);
    return {
      end: start < 0 ? "" : buffer.toString("utf8", start + 1, read),
      readWhole: () => {
        try {
          return readIfExists(file) ?? "";
        } catch (error) {
          throw unreadable(file, error);
        }
      }
    };
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    closeSync2(fd);
  }
}
async function readIfPresent(file) {
  try {
    return readIfExists(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}
function unreadableFile(error) {
  const code = error.code;
  if (code === "EISDIR") return "is a directory, not a file";
  if (deniedRead(error)) return "cannot be read (permission denied)";
  return void 0;
}
function deniedRead(error) {
  const code = error.code;
  return code === "EACCES" || code === "EPERM";
}
function readPermissionFix(holds) {
  return `give this user read permission on it again (its owner can run \`chmod a+r\` on it, or \`sudo chown\` it back after a \`sudo kiln run\`); do not move, edit or delete it: it holds ${holds}`;
}
async function listDir(dir) {
  return listDirNow(dir);
}
function listDirNow(dir) {
  try {
    return readdirSync2(dir);
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw unreadable(dir, error);
  }
}
var LocalLedger = class {
  /**
   * `dir` is the ledger folder itself: a project's namespace, normally
   * `<root>/.kiln/ledger/projects/<name>` (see open.ts).
   */
  constructor(dir, options = {}) {
    this.dir = dir;
    this.options = options;
    this.description = options.description ?? dir;
    this.files = new Folder(dir);
  }
  dir;
  options;
  description;
  /** `dir`, for the paths reads make per asset (see paths/join.ts). */
  files;
  found = [];
  reported = /* @__PURE__ */ new Set();
  /** Adds a problem found while opening the ledger (see adopt-local.ts) or by a reader thread. */
  note(problem) {
    this.problem(problem.path, problem.message, problem.fix);
  }
  async readerSpec() {
    return { kind: "local", dir: this.dir, description: this.description };
  }
  problem(file, message, fix) {
    const key = `${file}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === void 0 ? { path: file, message } : { path: file, message, fix });
  }
  problems() {
    return [...this.found];
  }
  async readJson(file) {
    try {
      return JSON.parse(readText(file));
    } catch (error) {
      this.problem(
        file,
        error instanceof SyntaxError ? `not valid JSON (${error.message})` : unreadableFile(error) ?? String(error.message)
      );
      return void 0;
    }
  }
  /**
   * Asset folders under materializations/ and failures/ as listed once by this process. A status
   * of thousands of assets, most never built, would otherwise list thousands of missing folders.
   * Only absence is remembered, and this process's own writes add to it; another process's first
   * record of an asset shows from the next command on.
   */
  listed = /* @__PURE__ */ new Map();
  mayHave(section, asset) {
    let names = this.listed.get(section);
    if (!names) {
      names = new Set(listDirNow(this.files.join(section)));
      this.listed.set(section, names);
    }
    return names.has(asset);
  }
  async wrote(section, asset) {
    this.listed.get(section)?.add(asset);
  }
  /**
   * The highest version number this ledger saw taken in an asset's folder, listed or written by
   * itself: a write claims the number after it without listing the folder again. Numbers only
   * grow, so one another process took since is met by link(2)'s EEXIST and the next is tried, as
   * when a listing is a moment old.
   */
  highestTaken = /* @__PURE__ */ new Map();
  sawTaken(asset, version) {
    if (version > (this.highestTaken.get(asset) ?? 0)) this.highestTaken.set(asset, version);
  }
  /** The record files and packs of an asset's folder; names that are neither are reported. */
  async listRecords(asset) {
    return this.listRecordsNow(asset);
  }
  /**
   * listRecords, answered synchronously: every read here is synchronous (a thread-pool round trip
   * cost more than the read), and a status of thousands of assets paid a promise per step.
   */
  listRecordsNow(asset) {
    if (!this.mayHave("materializations", asset)) return classifyEntries([], versionOfFile);
    const dir = this.files.join("materializations", asset);
    const memo = this.options.memo;
    const stamp = memo?.stamp(dir);
    let listing = stamp && memo.listing(asset, stamp);
    if (!listing) {
      listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (let again = 0; again < 2 && hasGappedBlock(listing); again++)
        listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(path3.join(dir, name), named.message, named.fix);
      }
      if (stamp && !hasGappedBlock(listing)) memo.noteListing(asset, stamp, listing);
    }
    for (const version of listing.loose.keys()) this.sawTaken(asset, version);
    for (const block of listing.packs) this.sawTaken(asset, blockRange(block).last);
    this.lastListing.set(asset, listing);
    return listing;
  }
  /** Each asset's newest listing by this process (see recordIntact). */
  lastListing = /* @__PURE__ */ new Map();
  async materializations(asset) {
    const listing = await this.listRecords(asset);
    const records = [];
    for (const version of listedVersions(listing)) {
      const record = await this.readRecord(asset, version, listing.packs.has(blockOf(version)));
      if (record) records.push(record);
    }
    return records;
  }
  /** The versions whose records are listed, loose or packed (readable or not). */
  async listedVersions(asset) {
    return listedVersions(this.listRecordsNow(asset));
  }
  async heads(asset) {
    const listed = await this.listedVersions(asset);
    if (listed.length === 0) return [];
    const file = path3.join(this.dir, headsPath(asset));
    const parsed = parseHeadLog(await readIfPresent(file) ?? "");
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listed);
    if (missing.length === 0) return heads;
    const derived = (await Promise.all(missing.map((v) => this.materialization(asset, v)))).filter(
      (r) => r !== void 0
    );
    if (derived.length > 0)
      await appendLines(file, derived.map(headLine), { durable: false }).catch(() => {
      });
    return withDerived(heads, derived);
  }
  async headLog(asset) {
    const listed = listedVersions(this.listRecordsNow(asset));
    if (listed.length === 0) return HeadLog.of([]);
    const file = this.files.join(headsPath(asset));
    const memo = this.options.memo;
    const stamp = memo?.stamp(file);
    const known = stamp && memo.heads(asset, stamp);
    return HeadLog.index(
      known ? () => readLogEnd(file, HEAD_LOG_END) : readLogEnd(file, HEAD_LOG_END),
      listed,
      {
        known,
        used: stamp && ((head) => memo.useHead(asset, stamp, head)),
        problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
        derive: async (version) => {
          const record = await this.materialization(asset, version);
          if (!record) return void 0;
          await appendLines(file, [headLine(record)], { durable: false }).catch(() => {
          });
          return headOf(record);
        }
      }
    );
  }
  /**
   * Packs read by this ledger: immutable once written, so kept (a few, most recent last) for the
   * next version of the same block; the site reads a block's versions one after the other.
   */
  recordPacks = /* @__PURE__ */ new Map();
  seriesPacks = /* @__PURE__ */ new Map();
  /** The records pack of a block, or undefined when the block is not packed. */
  recordPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.recordPacks.get(key);
    if (cached) return cached;
    const file = path3.join(this.dir, recordPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseRecordPack(
      text,
      asset,
      block,
      (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX)
    );
    remember(this.recordPacks, key, pack, 8);
    return pack;
  }
  seriesPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.seriesPacks.get(key);
    if (cached) return cached;
    const file = path3.join(this.dir, seriesPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseSeriesPack(text, (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX));
    remember(this.seriesPacks, key, pack, 4);
    return pack;
  }
  /** A pack's text; undefined when there is none (an unreadable one is reported). */
  readPackText(file) {
    if (!existsSync(file)) return void 0;
    try {
      return readText(file);
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      this.problem(
        file,
        unreadableFile(error) ?? String(error.message),
        deniedRead(error) ? readPermissionFix("a block of records") : PACK_FIX
      );
      return void 0;
    }
  }
  async materialization(asset, version) {
    return this.readRecord(asset, version, void 0);
  }
  /**
   * One record, from its block's pack or its loose file. `packed` says what a listing showed
   * (undefined: not listed): a packed block is read from its pack, whose copy is identical to the
   * loose file a crash may have left beside it. The loose file is read otherwise; when it is gone,
   * another process packed the block since (it writes the pack before removing loose files).
   */
  readRecord(asset, version, packed) {
    return withRecordSchemas(() => this.readRecordNow(asset, version, packed));
  }
  /** readRecord's synchronous read, which may need zod's schemas loaded (see withRecordSchemas). */
  readRecordNow(asset, version, packed) {
    const block = blockOf(version);
    if (packed !== false) {
      const fromPack = this.recordPack(asset, block)?.record(version);
      if (fromPack) return fromPack;
    }
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code === "ENOENT") {
        const pack = this.recordPack(asset, block);
        const fromPack = pack?.record(version);
        if (fromPack) return fromPack;
        if (pack) return void 0;
      }
      this.problem(
        file,
        unreadableFile(error) ?? String(error.message),
        deniedRead(error) ? readPermissionFix(`the record of ${asset} v${version}`) : void 0
      );
      return void 0;
    }
    return this.recordFromText(file, text, asset, version);
  }
  /** A loose record file's text, parsed and checked; undefined (reported) when it is not that record. */
  recordFromText(file, text, asset, version) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problem(file, `not valid JSON (${error.message})`);
      return void 0;
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (parsed.ok) return parsed.value;
    this.problem(file, parsed.error);
    return void 0;
  }
  async recordIntact(asset, version) {
    const memo = this.options.memo;
    const listing = this.lastListing.get(asset);
    const block = blockOf(version);
    const from = listing?.packs.has(block) ? this.files.join(recordPackPath(asset, block)) : listing?.loose.has(version) ? this.files.join("materializations", asset, `v${version}.json`) : void 0;
    const stamp = from === void 0 ? void 0 : memo?.stamp(from);
    if (stamp && memo.intact(asset, version, stamp)) return true;
    if (stamp && listing?.packs.has(block)) this.recordPacks.delete(`${asset}\0${block}`);
    const { intact, source } = await withRecordSchemas(() => this.checkIntact(asset, version, listing));
    if (intact && stamp && source === from) memo.noteIntact(asset, version, stamp);
    return intact;
  }
  /** Whether the record reads, and the file that gave it when it was one file read whole. */
  async checkIntact(asset, version, listing) {
    const checked = this.options.checked;
    const readWhole = async () => ({ intact: await this.materialization(asset, version) !== void 0 });
    if (!checked) return readWhole();
    const block = blockOf(version);
    const listedLoose = listing?.loose.has(version) && !listing.packs.has(block);
    if (!listedLoose && this.recordPack(asset, block)?.record(version))
      return { intact: true, source: this.files.join(recordPackPath(asset, block)) };
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch {
      return readWhole();
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return { intact: true, source: file };
    if (!this.recordFromText(file, text, asset, version)) return { intact: false };
    checked.add(digest);
    return { intact: true, source: file };
  }
  async series(record) {
    if (!record.seriesFile) return record.series;
    const wanted = record.seriesFile.path;
    const packed = this.seriesPack(record.asset, blockOf(record.version))?.get(record.version);
    if (packed?.path === wanted) return packed.points;
    const file = path3.join(this.dir, wanted);
    let text;
    try {
      text = await readIfPresent(file);
    } catch (error) {
      this.problem(file, String(error.message));
      return [];
    }
    if (text === void 0) {
      const elsewhere = await this.seriesInPacks(record.asset, wanted);
      if (elsewhere) return elsewhere;
      this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
      return [];
    }
    const { points, problems } = parseSeriesText(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return points;
  }
  /** A series file's points wherever a pack of the asset holds them. */
  async seriesInPacks(asset, wanted) {
    for (const name of await listDir(path3.join(this.dir, "series", asset))) {
      const block = packBlock(name);
      if (block === void 0) continue;
      const points = this.seriesPack(asset, block)?.find(wanted);
      if (points) return points;
    }
    return void 0;
  }
  async failures(asset) {
    const records = [];
    if (!this.mayHave("failures", asset)) return records;
    const dir = this.files.join("failures", asset);
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path3.join(dir, name);
      const data = await this.readJson(file);
      if (data === void 0) continue;
      const parsed = await parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  }
  /**
   * The head and the packing of a claimed record. The version is recorded once its file is
   * linked: a failure here (a full disk, a heads log that cannot be appended) loses nothing the
   * next reader cannot derive from the record, so it is reported as a problem, never as a failed
   * version (and never taken for a lost claim, which would record the version again).
   */
  async afterClaim(full) {
    const heads = path3.join(this.dir, headsPath(full.asset));
    try {
      await appendLines(heads, [headLine(full)], { durable: false });
      await this.packCompleted(full.asset, full.version);
    } catch (error) {
      this.problem(
        heads,
        `v${full.version} was recorded, but its head or pack could not be written (${error.message}); readers derive it from the record`
      );
    }
  }
  async recordMaterialization(record) {
    const dir = path3.join(this.dir, "materializations", record.asset);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    const taken = this.highestTaken.get(record.asset);
    let version = nextVersion(taken === void 0 ? await listDir(dir) : [], [...named, taken ?? 0]);
    const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
    if (separated.series)
      await writeOnce(
        path3.join(this.dir, separated.series.path),
        separated.series.text ?? { file: separated.series.file }
      );
    for (; ; ) {
      const full = { ...separated.record, version };
      const temp = path3.join(dir, `.tmp-${randomUUID3()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}
`);
      try {
        const target = path3.join(dir, `v${version}.json`);
        linkSync2(temp, target);
        if (existsSync(path3.join(this.dir, recordPackPath(record.asset, blockOf(version))))) {
          removeFileSync(target);
          version = nextVersion(await listDir(dir), named);
          continue;
        }
        this.sawTaken(record.asset, version);
        await this.afterClaim(full);
        return full;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
        version = nextVersion([...await listDir(dir), `v${version}.json`], named);
      } finally {
        unlinkSync2(temp);
      }
    }
  }
  /**
   * Packs every completed block of the asset still kept loose (the block this write completed, and
   * those of a ledger written before packs), and removes loose files a kill left beside a pack.
   * Packing only saves reading: when it cannot be done now, the files stay as they are, readable,
   * and the next write tries again.
   */
  async packCompleted(asset, highest) {
    const blocks = completedBlocks(highest);
    if (blocks === 0) return;
    try {
      const listing = classifyEntries(
        await listDir(path3.join(this.dir, "materializations", asset)),
        versionOfFile
      );
      for (let block = 0; block < blocks; block++) {
        const { first, last } = blockRange(block);
        const loose = [];
        for (let v = first; v <= last; v++) if (listing.loose.has(v)) loose.push(v);
        if (loose.length === 0) continue;
        if (listing.packs.has(block))
          await withRecordSchemas(() => this.removeLeftovers(asset, block, loose));
        else if (loose.length === last - first + 1) await this.packBlock(asset, block);
      }
    } catch (error) {
      if (!isSystemError(error)) throw error;
    }
  }
  /**
   * Writes the packs of a completed block, then removes the loose files they hold. Another process
   * may pack the same block at the same time: both build the same bytes, the second link finds the
   * first's pack and compares it, and a loose file the other already removed ends this one's try.
   */
  async packBlock(asset, block) {
    const dir = path3.join(this.dir, "materializations", asset);
    const { first, last } = blockRange(block);
    const loose = [];
    for (let version = first; version <= last; version++) {
      const text = readIfExists(path3.join(dir, `v${version}.json`));
      if (text === void 0) return;
      loose.push({ version, text });
    }
    const built = await withRecordSchemas(
      () => buildPacks(asset, block, loose, (file) => {
        const full = path3.join(this.dir, file);
        try {
          return statSync2(full).size > PACKED_SERIES_MAX_BYTES ? void 0 : readText(full);
        } catch {
          return void 0;
        }
      })
    );
    if (!built.ok) return;
    const { records, series } = built.value;
    if (series && !await placeOnce(path3.join(this.dir, seriesPackPath(asset, block)), series.text)) return;
    if (!await placeOnce(path3.join(this.dir, recordPackPath(asset, block)), records)) return;
    for (let version = first; version <= last; version++) removeFileSync(path3.join(dir, `v${version}.json`));
    for (const file of series?.paths ?? []) removeFileSync(path3.join(this.dir, file));
  }
  /** Loose files a kill left beside a whole pack (identical copies): removed once the pack reads whole. */
  removeLeftovers(asset, block, loose) {
    const pack = this.recordPack(asset, block);
    if (!pack?.whole()) return;
    const series = this.seriesPack(asset, block);
    if (series && !series.whole()) return;
    const dir = path3.join(this.dir, "materializations", asset);
    for (const version of loose) removeFileSync(path3.join(dir, `v${version}.json`));
    for (const file of series?.paths() ?? []) removeFileSync(path3.join(this.dir, file));
  }
  async recordFailure(record) {
    const full = { schema: RECORD_SCHEMA, ...record };
    const file = path3.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}
`);
    await this.wrote("failures", record.asset);
    return full;
  }
  aliasFile(asset) {
    return path3.join(this.dir, aliasPath(asset));
  }
  /** The readable events of an asset's alias log and the damage of the rest. */
  async readAliasLog(asset) {
    const file = this.aliasFile(asset);
    if (!existsSync(file)) return { events: [], damage: [] };
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code !== "ENOENT") {
        const why = unreadableFile(error);
        if (!why) throw unreadable(file, error);
        return {
          events: [],
          damage: [
            {
              path: file,
              message: `${why}: the alias history of ${asset} cannot be read, so promotion of ${asset} stops`,
              fix: deniedRead(error) ? readPermissionFix(`${asset}'s alias history`) : `move it aside and put back the alias log from a backup (or the ledger branch's history); \`kiln aliases ${asset}\` then shows what Kiln reads`
            }
          ]
        };
      }
    }
    if (text === void 0) return { events: [], damage: [] };
    const { events, problems } = await parseAliasLog(text, asset);
    return {
      events,
      damage: problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message))
    };
  }
  async aliasState(asset) {
    const log = await this.readAliasLog(asset);
    if (log.events.length === 0 && log.damage.length === 0) return { history: [], damage: [] };
    const listed = new Set(await this.listedVersions(asset));
    const versions = await holdersWithRecords(log.events, listed, (v) => this.materialization(asset, v));
    const { effective, missing } = replayAliases(log.events, versions);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.aliasFile(asset), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    return { history: effective, damage };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async aliasedAssets() {
    const logs = await listDir(path3.join(this.dir, ALIASES_FOLDER));
    return new Set(
      logs.filter((name) => name.endsWith(".jsonl")).map((name) => name.slice(0, -".jsonl".length))
    );
  }
  async moveAlias(request) {
    const event = { ...request, at: request.at ?? (/* @__PURE__ */ new Date()).toISOString(), id: randomUUID3() };
    if (event.to !== null) {
      const listing = await this.listRecords(event.asset);
      const packed = listing.packs.has(blockOf(event.to));
      if (!packed && !listing.loose.has(event.to)) return false;
      if (!await this.readRecord(event.asset, event.to, packed)) return false;
    }
    await appendLines(this.aliasFile(request.asset), [JSON.stringify(event)], { durable: true });
    crashPoint("during-alias");
    const history = await this.aliasHistory(request.asset);
    return history.some((e) => e.id === event.id);
  }
  async addLocations(asset, version, locations) {
    if (locations.length === 0) return;
    await appendLines(
      path3.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
      { durable: true }
    );
  }
  async locations(asset, version) {
    const file = path3.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === void 0) return [];
    const { locations, problems } = await parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }
  async readCursor(scope) {
    for (const at of cursorLocations(scope)) {
      const file = path3.join(this.dir, at.path);
      const text = await readIfPresent(file);
      if (text === void 0) continue;
      const cursor = await cursorOf(at.scope, text, (message) => this.problem(file, message));
      if (cursor) return cursor;
    }
    return void 0;
  }
  async updateCursor(changes) {
    const file = path3.join(this.dir, cursorPath(changes.scope.name));
    const locks = this.options.locks ?? path3.join(this.dir, ".locks");
    await withLock(locks, `.cursor-${path3.basename(file)}`, "writing the automation cursor", async () => {
      const next = applyCursorChanges(await this.readCursor(changes.scope), changes);
      if (next) await replaceAtomically(file, `${JSON.stringify(next, null, 2)}
`);
    });
  }
};

// src/ledger/adopt-local.ts
var OWNER_FILE = ".legacy-owner";
async function claim(file, project) {
  try {
    const handle2 = await open(file, "wx");
    try {
      await handle2.writeFile(`${project}
`);
      await handle2.sync();
    } finally {
      await handle2.close();
    }
    return project;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return (await readFile(file, "utf8")).trim();
  }
}
async function adoptLocalLegacy(base, project) {
  const legacy = (await listDir(base)).filter(isLegacyEntry);
  if (legacy.length === 0) return [];
  await mkdir(path4.join(base, PROJECTS_DIR), { recursive: true });
  const owner = await claim(path4.join(base, PROJECTS_DIR, OWNER_FILE), project);
  if (owner !== project) {
    return legacy.map((name) => ({
      path: path4.join(base, name),
      message: `left from before projects existed and adopted by project ${owner}; project ${project} does not read it`
    }));
  }
  const target = path4.join(base, projectDir(project));
  await mkdir(target, { recursive: true });
  const problems = [];
  for (const name of legacy) {
    try {
      await rename(path4.join(base, name), path4.join(target, name));
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT") continue;
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") {
        problems.push({
          path: path4.join(base, name),
          message: `from before projects existed, but ${path4.join(target, name)} exists already; not read (merge it by hand if it is this project's)`
        });
        continue;
      }
      throw error;
    }
  }
  return problems;
}

// src/ledger/checked-records.ts
var FORMAT = 1;
var CheckedRecords = class {
  constructor(kilnDir2, project) {
    this.kilnDir = kilnDir2;
    this.project = project;
  }
  kilnDir;
  project;
  known;
  /** Digests asked about by this process, found intact: what the next file lists. */
  used = /* @__PURE__ */ new Set();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `checked-records-${encodeURIComponent(this.project)}.txt`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.known) {
      const lines = (readCacheText(this.file) ?? "").split("\n");
      this.known = lines[0] === cacheStamp(FORMAT) ? new Set(lines.slice(1)) : /* @__PURE__ */ new Set();
    }
    return this.known;
  }
  digest(asset, version, text) {
    return sha256(`${asset}\0${version}\0${text}`);
  }
  /** Whether these exact bytes were found intact before. */
  has(digest) {
    if (!this.load().has(digest)) return false;
    this.used.add(digest);
    return true;
  }
  /** Notes bytes just parsed and checked; the file is rewritten once the current burst of reads is done. */
  add(digest) {
    this.load().add(digest);
    this.used.add(digest);
    this.learned = true;
    this.saveSoon();
  }
  save() {
    if (!this.learned) return;
    this.learned = false;
    const known = this.load();
    const kept = known.size > 2 * this.used.size + 100 ? this.used : known;
    writeCacheText(this.kilnDir, this.file, `${cacheStamp(FORMAT)}
${[...kept].join("\n")}`);
  }
};

// src/ledger/read-memo.ts
import { rmSync as rmSync2, statSync as statSync4 } from "node:fs";

// src/paths/file-identity.ts
import { statSync as statSync3 } from "node:fs";
var RACY_MS = 3e3;
var SKEW_MS = 1e3;
function stampOf(stats, at, racyMs = RACY_MS) {
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  return { key, keep: Number(stats.ctimeNs / 1000000n) < at - racyMs };
}
function statNow(file) {
  const at = Date.now();
  try {
    const stats = statSync3(file, { bigint: true, throwIfNoEntry: false });
    return stats ? { stats, at } : void 0;
  } catch {
    return void 0;
  }
}
function writtenBehind(file, before, start) {
  const written = statSync3(file, { throwIfNoEntry: false });
  return written !== void 0 && written.ino !== before && written.mtimeMs < start - SKEW_MS;
}

// src/ledger/read-memo.ts
var FORMAT2 = 1;
var LedgerReadMemo = class {
  constructor(kilnDir2, project, racyMs = RACY_MS) {
    this.kilnDir = kilnDir2;
    this.project = project;
    this.racyMs = racyMs;
  }
  kilnDir;
  project;
  racyMs;
  kept;
  /** What this process read, by asset: replaces the kept entry's parts on save. */
  read = /* @__PURE__ */ new Map();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `ledger-reads-${encodeURIComponent(this.project)}.json`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.kept) {
      this.kept = /* @__PURE__ */ new Map();
      const text = readCacheText(this.file);
      if (text !== void 0) {
        try {
          const data = JSON.parse(text);
          if (data.stamp === cacheStamp(FORMAT2) && data.assets && typeof data.assets === "object")
            this.kept = new Map(Object.entries(data.assets));
        } catch {
        }
      }
    }
    return this.kept;
  }
  /**
   * The identity of `file` now, taken before it is read; undefined when it cannot be stat'd for
   * another reason than absence (the reader then reads it, and reports what it finds).
   */
  stamp(file) {
    const at = Date.now();
    let stats;
    try {
      stats = statSync4(file, { bigint: true, throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!stats) return { key: "absent", keep: false };
    return stampOf(stats, at, this.racyMs);
  }
  noted(asset) {
    let entry = this.read.get(asset);
    if (!entry) {
      entry = {};
      this.read.set(asset, entry);
    }
    return entry;
  }
  learn() {
    this.learned = true;
    this.saveSoon();
  }
  /** The listing read from the asset's folder when it had identity `stamp`. */
  listing(asset, stamp) {
    const kept = this.load().get(asset)?.listing;
    if (kept?.stamp !== stamp.key) return void 0;
    this.noted(asset).listing = kept;
    return { loose: new LooseRanges(kept.loose), packs: new Set(kept.packs), foreign: [] };
  }
  /** Notes a listing read after the folder was stat'd (one with foreign names is not kept: they are reported each time). */
  noteListing(asset, stamp, listing) {
    if (!stamp.keep || listing.foreign.length > 0) return;
    const loose = [];
    for (const version of listedVersions({ ...listing, packs: /* @__PURE__ */ new Set() })) {
      if (loose.length > 0 && loose.at(-1) === version - 1) loose[loose.length - 1] = version;
      else loose.push(version, version);
    }
    this.noted(asset).listing = { stamp: stamp.key, loose, packs: [...listing.packs].sort((a, b) => a - b) };
    this.learn();
  }
  /** The heads read from the asset's heads log when it had identity `stamp`. */
  heads(asset, stamp) {
    const kept = this.load().get(asset)?.heads;
    return kept?.stamp === stamp.key ? kept.heads : void 0;
  }
  /** Notes a head a lookup answered with, read from the log stat'd as `stamp` (or known from it). */
  useHead(asset, stamp, head) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    if (entry.heads?.stamp !== stamp.key) entry.heads = { stamp: stamp.key, heads: [] };
    if (entry.heads.heads.some((h) => h.version === head.version)) return;
    entry.heads.heads.push(head);
    if (!this.load().get(asset)?.heads?.heads.some((h) => h.version === head.version))
      this.learn();
  }
  /** Whether the record of `version` was found intact in the file that has identity `stamp`. */
  intact(asset, version, stamp) {
    if (this.load().get(asset)?.intact?.[version] !== stamp.key) return false;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    return true;
  }
  /** Notes a record found intact in a file stat'd as `stamp` before it was read. */
  noteIntact(asset, version, stamp) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    this.learn();
  }
  /**
   * Writes what this process read in place of what was kept for the same assets (each part of an
   * entry on its own: a command that read only some of an asset keeps the rest); the others' entries
   * stay, still checked against their files when next used.
   */
  save() {
    if (!this.learned) return;
    this.learned = false;
    const assets = {};
    for (const [asset, entry] of this.load()) assets[asset] = entry;
    for (const [asset, entry] of this.read) assets[asset] = { ...assets[asset], ...entry };
    const start = Date.now();
    const before = statSync4(this.file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, this.file, JSON.stringify({ stamp: cacheStamp(FORMAT2), assets }));
    if (writtenBehind(this.file, before, start)) rmSync2(this.file, { force: true });
  }
};
var LooseRanges = class {
  constructor(ranges) {
    this.ranges = ranges;
  }
  ranges;
  has(version) {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      if (version >= this.ranges[i] && version <= this.ranges[i + 1]) return true;
    return false;
  }
  get(version) {
    return this.has(version) ? `v${version}.json` : void 0;
  }
  *keys() {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      for (let v = this.ranges[i]; v <= this.ranges[i + 1]; v++) yield v;
  }
};

// src/ledger/open.ts
async function topLevel(options) {
  return options.gitRoot === void 0 ? repoRoot(options.root) : options.gitRoot ?? void 0;
}
async function onlyManifest(options) {
  const top = await topLevel(options);
  if (!top) return true;
  return (await filesNamed(top, MANIFEST_NAMES)).length <= 1;
}
async function remoteUrlOf(options, remote) {
  const top = await topLevel(options);
  if (top === void 0) return void 0;
  return remote === "origin" && options.originUrl ? options.originUrl() : remoteUrl(top, remote);
}
async function openLedger(options) {
  const remote = options.remote ?? "origin";
  const url = options.kind === "branch" || options.kind === "auto" && options.inActions === true ? await remoteUrlOf(options, remote) : void 0;
  if (options.kind === "branch" || options.kind === "auto" && url !== void 0) {
    const { openBranchLedger } = await import("./branch-R7LNSQYT.js");
    return openBranchLedger({
      root: options.root,
      gitRoot: options.gitRoot,
      remote,
      remoteUrl: url,
      branch: options.branch,
      project: options.project,
      token: options.token,
      // Asked only when the branch still has the old layout: listing manifests costs a git call.
      legacy: async () => options.legacy === "adopt" || await onlyManifest(options) ? "adopt" : "ignore"
    });
  }
  const base = path5.join(options.root, ".kiln", "ledger");
  const problems = await adoptLocalLegacy(base, options.project);
  const ledger = new LocalLedger(path5.join(base, projectDir(options.project)), {
    description: `${base} (project ${options.project})`,
    checked: new CheckedRecords(path5.join(options.root, KILN_DIR_NAME), options.project),
    memo: new LedgerReadMemo(path5.join(options.root, KILN_DIR_NAME), options.project),
    locks: path5.join(options.root, KILN_DIR_NAME, "locks", options.project)
  });
  for (const problem of problems) ledger.note(problem);
  return ledger;
}
async function openReader(spec) {
  if (spec.kind === "local") return new LocalLedger(spec.dir, { description: spec.description });
  const { BranchLedger } = await import("./branch-R7LNSQYT.js");
  return new BranchLedger({
    cwd: spec.cwd,
    remote: spec.remote,
    branch: spec.branch,
    project: spec.project,
    at: { tip: spec.tip }
  });
}

// src/github/context.ts
import { readFileSync as readFileSync3 } from "node:fs";
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function readGitHubContext(env, readEvent = (p) => readFileSync3(p, "utf8")) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    return {
      ok: false,
      message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}; expected owner/repo, as GitHub Actions sets it.`
    };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) {
    return {
      ok: false,
      message: `GITHUB_RUN_ID is ${runId ? `"${runId}"` : "not set"}; expected the numeric run id GitHub Actions sets.`
    };
  }
  let event = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
      if (parsed && typeof parsed === "object") event = parsed;
    } catch (error) {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${error.message}`
      };
    }
  }
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || "https://github.com");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  return {
    ok: true,
    context: {
      repository,
      owner,
      repo,
      serverUrl,
      apiUrl: trimSlash(env.GITHUB_API_URL || "https://api.github.com"),
      runId,
      runAttempt: runAttemptOf(env) ?? 1,
      runUrl: runUrlOf(serverUrl, repository, runId),
      sha: env.GITHUB_SHA ?? "",
      ref,
      refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ""),
      headRef: env.GITHUB_HEAD_REF || void 0,
      baseRef: env.GITHUB_BASE_REF || void 0,
      eventName,
      actor: env.GITHUB_ACTOR || void 0,
      workflow: env.GITHUB_WORKFLOW || void 0,
      pullRequest: pullRequestOf(event, repository),
      schedule: eventName === "schedule" && typeof event.schedule === "string" ? event.schedule : void 0,
      event
    }
  };
}
function pullRequestOf(event, repository) {
  const pr = event.pull_request;
  if (!pr || typeof pr !== "object" || typeof pr.number !== "number") return void 0;
  const head = pr.head ?? {};
  const base = pr.base ?? {};
  const baseRepo = base.repo?.full_name ?? repository;
  const fromFork = head.repo === null || head.repo?.full_name !== void 0 && head.repo.full_name !== baseRepo;
  return {
    number: pr.number,
    headSha: head.sha ?? "",
    baseSha: base.sha ?? "",
    headRef: head.ref ?? "",
    baseRef: base.ref ?? "",
    headOwner: head.repo?.owner?.login ?? head.repo?.full_name?.split("/")[0],
    fromFork
  };
}
function eventPayload(env, readEvent = (p) => readFileSync3(p, "utf8")) {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    const parsed = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}
function eventDefaultBranch(env, readEvent = (p) => readFileSync3(p, "utf8")) {
  if (!inGitHubActions(env)) return void 0;
  const scheduled = env.GITHUB_EVENT_NAME === "schedule" && env.GITHUB_REF?.startsWith("refs/heads/") ? env.GITHUB_REF.slice("refs/heads/".length) : void 0;
  const repository = eventPayload(env, readEvent).repository;
  const branch = repository?.default_branch;
  return typeof branch === "string" && branch ? branch : scheduled || void 0;
}
function workflowFileFromEnv(env) {
  const ref = env.GITHUB_WORKFLOW_REF;
  const repository = env.GITHUB_REPOSITORY;
  if (!inGitHubActions(env) || !ref || !repository || !ref.startsWith(`${repository}/`)) return void 0;
  const at = ref.lastIndexOf("@");
  const file = ref.slice(repository.length + 1, at < 0 ? void 0 : at);
  return file.startsWith(".github/workflows/") && !file.includes("..") ? file : void 0;
}
function trimSlash(url) {
  return url.replace(/\/+$/, "");
}
function runUrlOf(serverUrl, repository, runId) {
  return `${trimSlash(serverUrl)}/${repository}/actions/runs/${runId}`;
}
function runUrlFromEnv(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return runUrlOf(env.GITHUB_SERVER_URL || "https://github.com", env.GITHUB_REPOSITORY, env.GITHUB_RUN_ID);
}

// src/app/workspace.ts
import path10 from "node:path";

// src/store/output-identities.ts
import { readFileSync as readFileSync4, rmSync as rmSync3, statSync as statSync5 } from "node:fs";
import path6 from "node:path";

// src/version/blob.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
function blobId(bytes) {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return createHash3("sha1").update(`blob ${buffer.length}\0`).update(buffer).digest("hex");
}
var SMALL_FILE_BYTES = 1024 * 1024;
async function blobIdOfFile(file) {
  const { size } = await stat(file);
  const hash = createHash3("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

// src/store/output-identities.ts
var FORMAT3 = 1;
var MAX_FILES = 1e5;
var OutputIdentities = class {
  constructor(kilnDir2, options = {}) {
    this.kilnDir = kilnDir2;
    this.racyMs = options.racyMs ?? RACY_MS;
    this.maxFiles = options.maxFiles ?? MAX_FILES;
  }
  kilnDir;
  kept;
  /** What this process learned, by root and path; null: the kept entry no longer holds. */
  learned = /* @__PURE__ */ new Map();
  saveSoon = onceAfterBurst(() => this.save());
  unsaved = false;
  racyMs;
  maxFiles;
  get file() {
    return this.kilnDir === void 0 ? void 0 : cacheFile(this.kilnDir, "output-identities.json");
  }
  /**
   * Read on first use; anything but a file this build wrote counts as empty. Kept as parsed (no
   * maps built): a run of 2,000 fresh assets looks each of its outputs up once.
   */
  load() {
    if (this.kept) return this.kept;
    this.kept = {};
    const text = this.file === void 0 ? void 0 : readCacheText(this.file);
    if (text === void 0) return this.kept;
    try {
      const data = JSON.parse(text);
      if (data.stamp === cacheStamp(FORMAT3) && data.roots && typeof data.roots === "object")
        this.kept = data.roots;
    } catch {
    }
    return this.kept;
  }
  noted(root, file) {
    const learned = this.learned.get(root)?.get(file);
    if (learned !== void 0) return learned ?? void 0;
    const kept = this.load();
    const files = Object.hasOwn(kept, root) ? kept[root] : void 0;
    const noted = files && Object.hasOwn(files, file) ? files[file] : void 0;
    return isNoted(noted) ? noted : void 0;
  }
  /**
   * Whether `file` (relative to `root`; `absolute` is where it is) holds `expected`: false when it
   * is absent, not a regular file or of another size; else by its identity when noted, else by
   * hashing it (noted then).
   */
  async holds(root, file, expected, absolute = path6.resolve(root, file)) {
    const now = this.holdsNow(root, file, expected, absolute);
    if (typeof now === "boolean") return now;
    let actual;
    try {
      actual = await blobIdOfFile(absolute);
    } catch {
      return false;
    }
    this.note(root, file, now, actual);
    return actual === expected.blob;
  }
  /**
   * holds() as far as it goes without waiting: the answer, or, for a large file that must be
   * hashed (streamed), its identity taken before it is read. Synchronous: a run of 2,000 fresh
   * assets asks this of every output, one after the other, and a stat through the thread pool
   * costs a round trip each (the answer is a few microseconds).
   */
  holdsNow(root, file, expected, absolute) {
    const now = statNow(absolute);
    if (!now?.stats.isFile() || now.stats.size !== BigInt(expected.size)) return false;
    const stamp = stampOf(now.stats, now.at, this.racyMs);
    const noted = this.noted(root, file);
    if (noted?.[0] === stamp.key) return noted[1] === expected.blob;
    if (expected.size > SMALL_FILE_BYTES) return stamp;
    let actual;
    try {
      actual = blobId(readFileSync4(absolute));
    } catch {
      return false;
    }
    this.note(root, file, stamp, actual);
    return actual === expected.blob;
  }
  /** The identity of `file` now, before it is read to be stored (see note); undefined when absent. */
  stamp(root, file, absolute = path6.resolve(root, file)) {
    const now = statNow(absolute);
    return now ? stampOf(now.stats, now.at, this.racyMs) : void 0;
  }
  /**
   * Notes that `file`, stat'd as `stamp` before it was read, held `blob`. An identity too young to
   * keep only drops what was noted for the path before.
   */
  note(root, file, stamp, blob) {
    const entry = stamp?.keep ? [stamp.key, blob, Date.now()] : null;
    const before = this.noted(root, file);
    if (entry === null ? before === void 0 : before?.[0] === entry[0] && before[1] === blob) return;
    let files = this.learned.get(root);
    if (!files) {
      files = /* @__PURE__ */ new Map();
      this.learned.set(root, files);
    }
    files.set(file, entry);
    if (this.file === void 0) return;
    this.unsaved = true;
    this.saveSoon();
  }
  /**
   * Writes what this process learned over what was kept (concurrent commands in one checkout: the
   * last to save wins, and the other's files are hashed once more), the most recently noted first.
   */
  save() {
    const file = this.file;
    if (!this.unsaved || file === void 0 || this.kilnDir === void 0) return;
    this.unsaved = false;
    const all = [];
    for (const [root, files] of Object.entries(this.load())) {
      const learned = this.learned.get(root);
      for (const [name, noted] of Object.entries(files))
        if (!learned?.has(name) && isNoted(noted)) all.push([root, name, noted]);
    }
    for (const [root, files] of this.learned)
      for (const [name, noted] of files) if (noted) all.push([root, name, noted]);
    if (all.length > this.maxFiles) all.sort((a, b) => b[2][2] - a[2][2]).length = this.maxFiles;
    const roots = /* @__PURE__ */ Object.create(null);
    for (const [root, name, noted] of all) {
      let files = roots[root];
      if (!files) {
        files = /* @__PURE__ */ Object.create(null);
        roots[root] = files;
      }
      files[name] = noted;
    }
    const start = Date.now();
    const before = statSync5(file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, file, JSON.stringify({ stamp: cacheStamp(FORMAT3), roots }));
    if (writtenBehind(file, before, start)) rmSync3(file, { force: true });
  }
};
function isNoted(value) {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === "string" && typeof value[1] === "string" && typeof value[2] === "number";
}

// src/store/local.ts
import { createHash as createHash4, randomUUID as randomUUID4 } from "node:crypto";
import {
  closeSync as closeSync3,
  createWriteStream,
  existsSync as existsSync2,
  fstatSync as fstatSync2,
  mkdirSync,
  openSync as openSync4,
  readSync as readSync2,
  renameSync as renameSync2,
  rmSync as rmSync4,
  writeSync as writeSync3
} from "node:fs";
import { lstat, mkdir as mkdir2, open as open2, rename as rename2, rm as rm2, stat as stat2 } from "node:fs/promises";
import path7 from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var StoreCorruptionError = class extends UserError {
  constructor(objectPath, expected, actual) {
    super(
      `the store object ${objectPath} is corrupt: it should hash to ${expected} but hashes to ${actual}; delete it and rebuild the asset with --force`
    );
    this.objectPath = objectPath;
    this.expected = expected;
    this.actual = actual;
    this.name = "StoreCorruptionError";
  }
  objectPath;
  expected;
  actual;
};
async function copyHashing(source, dest) {
  const input = await open2(source, "r");
  try {
    const { size } = await input.stat();
    const hash = createHash4("sha1").update(`blob ${size}\0`);
    let copied = 0;
    const tee = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        copied += chunk.length;
        done(null, chunk);
      }
    });
    const output = createWriteStream(dest, { flags: "wx" });
    await pipeline(input.createReadStream({ autoClose: false }), tee, output);
    if (copied !== size) {
      throw new Error(
        `${source} changed while it was being stored (${size} bytes, then ${copied}); run again`
      );
    }
    return { blob: hash.digest("hex"), size };
  } finally {
    await input.close();
  }
}
async function fileBlob(file) {
  const { size } = await stat2(file);
  return { blob: await blobIdOfFile(file), size };
}
function readSmall(file) {
  const fd = openSync4(file, "r");
  try {
    const before = fstatSync2(fd, { bigint: true });
    if (before.size > BigInt(SMALL_FILE_BYTES)) return void 0;
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync2(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const after = fstatSync2(fd, { bigint: true });
    if (read !== bytes.length || after.size !== before.size || after.ctimeNs !== before.ctimeNs)
      throw new Error(`${file} changed while it was being stored; run again`);
    return bytes;
  } finally {
    closeSync3(fd);
  }
}
async function syncFile(file) {
  const handle2 = await open2(file, "r+");
  try {
    await handle2.sync();
  } finally {
    await handle2.close();
  }
}
var LocalStore = class {
  /** `dir` is the store folder itself, normally `<root>/.kiln/store`. */
  constructor(dir) {
    this.dir = dir;
    this.description = dir;
    this.objects = new Folder(dir);
  }
  dir;
  kind = "local";
  description;
  /** `dir`, for object paths (a status asks one per asset; see paths/join.ts). */
  objects;
  /** Where the object with this blob id lives: git's own fan-out, `ab/cdef…`. */
  objectPath(blob) {
    if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a git blob id: ${JSON.stringify(blob)}`);
    return this.objects.join(blob.slice(0, 2), blob.slice(2));
  }
  async hasBlob(blob) {
    return this.hasBlobSync(blob);
  }
  /**
   * Whether the object exists (false for a malformed id): one synchronous stat. `kiln status` asks
   * this for every fresh asset's outputs; a thread-pool round trip per object was a sixth of its
   * CPU time at 2,000 assets, for a call that takes microseconds.
   */
  hasBlobSync(blob) {
    try {
      return existsSync2(this.objectPath(blob));
    } catch {
      return false;
    }
  }
  async put(filePath) {
    const small = readSmall(filePath);
    if (small) return this.putBytes(small);
    const seen = await fileBlob(filePath);
    if (this.hasBlobSync(seen.blob)) return seen;
    await makeStateDir(this.dir);
    const temp = path7.join(this.dir, `.tmp-${randomUUID4()}`);
    try {
      const stored = await copyHashing(filePath, temp);
      if (stored.blob !== seen.blob) {
        throw new Error(`${filePath} changed while it was being stored; run again`);
      }
      const target = this.objectPath(stored.blob);
      if (this.hasBlobSync(stored.blob)) return stored;
      await syncFile(temp);
      await mkdir2(path7.dirname(target), { recursive: true });
      await rename2(temp, target);
      return stored;
    } finally {
      await rm2(temp, { force: true });
    }
  }
  /**
   * Stores bytes already in memory: hashed, and when new, written to a temporary file in the store,
   * synced (the one round trip to the thread pool) and renamed into place, whole or not at all.
   */
  async putBytes(bytes) {
    const stored = { blob: blobId(bytes), size: bytes.length };
    if (this.hasBlobSync(stored.blob)) return stored;
    const temp = path7.join(this.dir, `.tmp-${randomUUID4()}`);
    const fd = openInStateDir(temp, "wx");
    try {
      try {
        for (let written = 0; written < bytes.length; )
          written += writeSync3(fd, bytes, written, bytes.length - written);
        await syncDescriptor(fd);
      } finally {
        closeSync3(fd);
      }
      const target = this.objectPath(stored.blob);
      try {
        renameSync2(temp, target);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
        mkdirSync(path7.dirname(target), { recursive: true });
        renameSync2(temp, target);
      }
      return stored;
    } finally {
      rmSync4(temp, { force: true });
    }
  }
  async get(blob, destPath) {
    const temp = await this.copyOut(blob);
    if (temp === void 0) return false;
    try {
      await moveInto(temp, destPath);
      return true;
    } finally {
      await rm2(temp, { force: true });
    }
  }
  /**
   * A complete, synced copy of the object in a temporary file of the store's folder (on the
   * workspace's file system, never next to a destination: a process killed half-way must not leave
   * a file inside an output folder that a later run would record); undefined when it is absent.
   */
  async copyOut(blob) {
    if (!await this.hasBlob(blob)) return void 0;
    const source = this.objectPath(blob);
    const temp = path7.join(this.dir, `.tmp-${randomUUID4()}`);
    try {
      const copied = await copyHashing(source, temp);
      if (copied.blob !== blob) throw new StoreCorruptionError(source, blob, copied.blob);
      await syncFile(temp);
      return temp;
    } catch (error) {
      await rm2(temp, { force: true });
      throw error;
    }
  }
  /**
   * Keeps a file a remote backend downloaded into a private staging folder as the object
   * `expected` names, moved rather than copied (it is no one else's). "missing" when there is no
   * such plain file, "other" when it holds other bytes: then nothing is kept.
   */
  async adopt(staged, expected) {
    const stats = await lstat(staged).catch(() => void 0);
    if (!stats?.isFile()) return "missing";
    if (stats.size !== expected.size || await blobIdOfFile(staged) !== expected.blob) return "other";
    if (this.hasBlobSync(expected.blob)) return "kept";
    await syncFile(staged);
    await makeStateDir(this.dir);
    await moveInto(staged, this.objectPath(expected.blob));
    return "kept";
  }
  /** Re-hashes one object; undefined when it is intact or absent, else the corruption. */
  async verify(blob) {
    if (!await this.hasBlob(blob)) return void 0;
    const actual = await blobIdOfFile(this.objectPath(blob));
    return actual === blob ? void 0 : new StoreCorruptionError(this.objectPath(blob), blob, actual);
  }
  // ---- the Store interface: a version is here when every one of its blobs is ----
  async has(version) {
    return this.hasNow(version);
  }
  /** `has`, answered synchronously (a status asks it of every fresh asset; see StoreChain.available). */
  hasNow(version) {
    for (const output of Object.values(version.outputs)) if (!this.hasBlobSync(output.blob)) return false;
    return true;
  }
  /**
   * Puts the version's files at their paths under `root`, whole or not at all: every object is
   * copied out and checked against its id first, and only when all of them are complete are they
   * renamed into place, so a version the store cannot give whole (an object missing or corrupt)
   * leaves the workspace as it was. (The renames are one per file: a kill between two leaves a mix,
   * which the next restore replaces, since restores compare content.) This is the one way a version's files enter the workspace: the
   * chain keeps what a remote backend downloads here first (adopt), then places it from here.
   */
  async restore(version, root) {
    if (!this.hasNow(version)) return false;
    const entries = Object.entries(version.outputs);
    const targets = [];
    for (const [file] of entries) targets.push(await insideOrThrow(root, file, "write"));
    const temps = [];
    try {
      for (const [, output] of entries) {
        const temp = await this.copyOut(output.blob);
        if (temp === void 0) return false;
        temps.push(temp);
      }
      for (const [i, temp] of temps.entries()) await moveInto(temp, targets[i]);
      return true;
    } finally {
      await Promise.all(temps.map((temp) => rm2(temp, { force: true })));
    }
  }
  /** The version's files under a private staging folder (the Store interface: see types.ts). */
  fetch(version, staging) {
    return this.restore(version, staging);
  }
  async save(version, root) {
    for (const [file, output] of Object.entries(version.outputs)) {
      const stored = await this.put(await insideOrThrow(root, file, "read"));
      if (stored.blob !== output.blob) {
        throw new Error(
          `${file} changed while ${version.asset} v${version.version} was being stored; run again`
        );
      }
    }
    return [{ kind: "local", ref: this.description }];
  }
  describeLookup() {
    return this.description;
  }
};

// src/store/chain.ts
import { rm as rm4 } from "node:fs/promises";
import path9 from "node:path";

// src/store/unlisted-files.ts
import { lstat as lstat2, readdir as readdir2, rm as rm3, rmdir } from "node:fs/promises";
import path8 from "node:path";
async function removeUnlistedFiles(root, declared, listed, mode = "all") {
  const removed = [];
  for (const output of declared) {
    if (Object.hasOwn(listed, output)) continue;
    const inside = await resolveInside(root, output);
    if (!inside.ok) continue;
    const info = await lstat2(inside.path).catch(() => void 0);
    if (!info?.isDirectory()) continue;
    const files = /* @__PURE__ */ new Set();
    const folders = /* @__PURE__ */ new Set();
    for (const file of Object.keys(listed)) {
      const relative = path8.relative(inside.path, path8.resolve(root, file));
      if (relative === "" || relative.startsWith("..") || path8.isAbsolute(relative)) continue;
      files.add(relative);
      for (let at = path8.dirname(relative); at !== "."; at = path8.dirname(at)) folders.add(at);
    }
    const entries = await readdir2(inside.path, { recursive: true, withFileTypes: true });
    const gone2 = [];
    const emptied = /* @__PURE__ */ new Set();
    const here = [];
    const isGone = (relative) => gone2.some((folder) => relative.startsWith(folder + path8.sep));
    for (const entry of entries) {
      const relative = path8.relative(inside.path, path8.join(entry.parentPath, entry.name));
      if (isGone(relative)) continue;
      const directory = entry.isDirectory();
      const blocking = directory ? files.has(relative) : folders.has(relative);
      const unlisted = mode === "all" && entry.isFile() && !files.has(relative);
      if (!blocking && !unlisted) continue;
      if (directory) gone2.push(relative);
      await rm3(path8.join(inside.path, relative), { recursive: true, force: true });
      here.push(relative);
      if (!directory) emptied.add(path8.dirname(relative));
    }
    const candidates = /* @__PURE__ */ new Set();
    for (let folder of emptied)
      for (; folder !== "." && !folders.has(folder); folder = path8.dirname(folder)) candidates.add(folder);
    for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
      if (isGone(folder)) continue;
      const ok = await rmdir(path8.join(inside.path, folder)).then(
        () => true,
        () => false
      );
      if (!ok) continue;
      gone2.push(folder);
    }
    const reported = new Set([...here, ...gone2].filter((relative) => !isGone(relative)));
    for (const relative of reported)
      removed.push(path8.relative(root, path8.join(inside.path, relative)).split(path8.sep).join("/"));
  }
  return removed;
}

// src/store/chain.ts
var STAGING_PREFIX = "fetch-";
var TIERS = {
  cache: ["cache"],
  artifact: ["cache", "artifact"],
  release: ["cache", "artifact", "release"]
};
var StoreChain = class {
  /**
   * `remotes` may be given as a function that opens them: it is called once, when a version is
   * first looked for beyond the local store or saved. The remote backends bring the Actions
   * toolkit, Azure's SDK and Octokit, several megabytes that every workflow job would otherwise
   * compile at start, including the jobs that never leave the local store (src/store/open.ts).
   */
  constructor(local, remotes = [], options = {}) {
    this.local = local;
    this.options = options;
    this.openRemotes = typeof remotes === "function" ? remotes : async () => remotes;
    this.identities = options.identities ?? new OutputIdentities(void 0);
  }
  local;
  options;
  openRemotes;
  opened;
  /** Workspaces whose abandoned staging folders this chain has removed (once each). */
  swept = /* @__PURE__ */ new Map();
  /** Whether a workspace file holds a blob: every comparison of a file with a record goes here. */
  identities;
  /** The remote backends, in the order they are asked (opened on first use). */
  remotes() {
    this.opened ??= this.openRemotes();
    return this.opened;
  }
  /** Every backend in the order they are asked: the local store, then the remotes. */
  async *stores() {
    yield this.local;
    yield* await this.remotes();
  }
  /** Whether some backend can give the version's bytes (no download). */
  async available(version) {
    const has = async (store) => {
      try {
        return await store.has(version);
      } catch {
        return false;
      }
    };
    if (this.local.hasNow(version)) return true;
    for (const store of await this.remotes()) if (await has(store)) return true;
    return false;
  }
  /**
   * Whether the version's outputs are all in place under `root` already, answered without waiting
   * (restore() would write and remove nothing): a run of 2,000 fresh assets asks this of each, and
   * a promise chain per asset cost more than its one stat per output. False when it cannot tell
   * that way — a large file to hash, a declared folder whose unlisted files restore() removes, a
   * path restore() refuses — and restore() then decides, and says why.
   */
  inPlaceNow(root, version) {
    for (const output of this.options.declaredOutputs?.(version.asset) ?? [])
      if (!Object.hasOwn(version.outputs, output)) return false;
    for (const [file, output] of Object.entries(version.outputs)) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok || this.identities.holdsNow(root, file, output, inside.path) !== true) return false;
    }
    return true;
  }
  /**
   * Puts the version's outputs at their paths under `root`, from the first backend that has them.
   * Fails with the version, the missing files and every place looked at.
   */
  async restore(root, version) {
    const files = Object.entries(version.outputs);
    const refusal = (inside) => inside.ok ? { ok: true, restored: [] } : {
      ok: false,
      error: `refusing to restore ${version.asset} v${version.version}: ${inside.error}; nothing was written (${inside.hint})`
    };
    const at = [];
    for (const [file] of files) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok) return refusal(inside);
      at.push(inside.path);
    }
    const declared = this.options.declaredOutputs?.(version.asset) ?? [];
    const missing = [];
    for (const [i, [file, output]] of files.entries())
      if (!await this.identities.holds(root, file, output, at[i])) missing.push(file);
    if (missing.length === 0) {
      await removeUnlistedFiles(root, declared, version.outputs);
      return { ok: true, restored: [] };
    }
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok) return refusal(inside);
    }
    await this.removeAbandonedStaging(root);
    const looked = [];
    for await (const store of this.stores()) {
      looked.push(store.describeLookup(version));
      const note = (text) => {
        looked[looked.length - 1] += ` (${text})`;
      };
      try {
        if (store !== this.local) {
          const fetched = await this.fetchIntoLocal(store, version, root);
          if (fetched !== void 0) {
            if (fetched !== "") note(fetched);
            continue;
          }
        } else if (!this.local.hasNow(version)) continue;
        await removeUnlistedFiles(root, declared, version.outputs, "blocking");
        if (!await this.local.restore(version, root)) continue;
      } catch (error) {
        note(`failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const wrong = [];
      for (const [i, [file, output]] of files.entries())
        if (!await this.identities.holds(root, file, output, at[i])) wrong.push(file);
      if (wrong.length > 0) {
        note(`gave other bytes for ${wrong.join(", ")}`);
        await Promise.all(wrong.map((file) => rm4(path9.resolve(root, file), { force: true }).catch(() => {
        })));
        continue;
      }
      await removeUnlistedFiles(root, declared, version.outputs);
      if (store.kind === "artifact" || store.kind === "release") await this.recache(version, root);
      return { ok: true, restored: missing, from: store };
    }
    return {
      ok: false,
      error: `the outputs of ${version.asset} v${version.version} (${missing.join(", ")}) are in no store; looked in ${looked.join("; ")}. Rebuild it with \`kiln run ${version.asset} --force\``
    };
  }
  /**
   * A `kiln pull` or a run killed while a backend downloaded into its staging folder leaves the
   * folder, possibly gigabytes, that nothing else removes. Before the first restore that writes,
   * the staging folders of processes that are gone are removed; a live process's (a concurrent
   * `kiln pull` in the same workspace) is told apart by its name (ownedTempName) and stays.
   */
  removeAbandonedStaging(root) {
    let sweep = this.swept.get(root);
    if (!sweep) {
      sweep = removeAbandonedTemp(kilnTempDir(root), STAGING_PREFIX);
      this.swept.set(root, sweep);
    }
    return sweep;
  }
  /**
   * Has `store` download the version into a staging folder under `.kiln/tmp` and keeps every
   * file that matches the record in the local store. Undefined when all of them are now there;
   * else what to say about this backend ("" for a plain miss).
   */
  async fetchIntoLocal(store, version, root) {
    const staging = path9.join(kilnTempDir(root), ownedTempName(STAGING_PREFIX));
    await makeStateDir(staging);
    try {
      if (!await store.fetch(version, staging)) return "";
      const lacking = [];
      const other = [];
      for (const [file, output] of Object.entries(version.outputs)) {
        const staged = await resolveInside(staging, file);
        const kept = staged.ok ? await this.local.adopt(staged.path, output) : "missing";
        if (kept === "missing") lacking.push(file);
        else if (kept === "other") other.push(file);
      }
      const said = [
        ...lacking.length > 0 ? [`lacks ${lacking.join(", ")}`] : [],
        ...other.length > 0 ? [`gave other bytes for ${other.join(", ")}`] : []
      ];
      return said.length > 0 ? said.join("; ") : void 0;
    } finally {
      await rm4(staging, { recursive: true, force: true });
    }
  }
  /**
   * Bytes that had to come from an artifact or a release (evicted, or cached on another ref) go
   * into this ref's cache, so the run's other jobs find them there; the entry is added to the
   * ledger. Best effort: a failure here costs only a slower restore next time.
   */
  async recache(version, root) {
    const cache = (await this.remotes()).find((s) => s.kind === "cache");
    if (!cache) return;
    try {
      const locations = await cache.save(version, root);
      await this.options.recordLocations?.(version, locations);
    } catch {
    }
  }
  /**
   * Keeps a step's output file (`file`, relative to `root`) in the local store and notes what it
   * holds, so a later restore of this version does not hash it again.
   */
  async putOutput(root, file) {
    const absolute = path9.resolve(root, file);
    const stamp = this.identities.stamp(root, file, absolute);
    const stored = await this.local.put(absolute);
    this.identities.note(root, file, stamp, stored.blob);
    return stored;
  }
  /**
   * Makes a version's bytes durable in the backends its asset's `store` names, before its record
   * is written. Throws when one of them fails, so no record ever points at bytes kept nowhere —
   * except the Actions cache when a durable backend (an artifact, a release) kept them: a cache
   * entry is a bonus, never a guarantee (evicted after 7 days unused, refused by policy, a 5xx),
   * so its failure is `warn`ed and the version recorded without it. With `store: cache` the cache
   * is the only remote copy, and its failure stays one.
   */
  async save(version, root, tier, options = {}) {
    const locations = [];
    if (Object.keys(version.outputs).length === 0) return locations;
    for (const file of Object.keys(version.outputs)) await insideOrThrow(root, file, "read");
    const wanted = new Set(TIERS[tier]);
    if (this.options.publishPublic === false) wanted.delete("release");
    let cacheFailure;
    const durable = [];
    for (const store of await this.remotes()) {
      if (!wanted.has(store.kind)) continue;
      if (store.kind !== "cache") {
        locations.push(...await store.save(version, root));
        durable.push(store.description);
        continue;
      }
      try {
        locations.push(...await store.save(version, root));
      } catch (error) {
        cacheFailure = error;
      }
    }
    if (cacheFailure !== void 0) {
      const why = cacheFailure instanceof Error ? cacheFailure.message : String(cacheFailure);
      if (durable.length === 0) throw cacheFailure;
      options.warn?.(
        `${why}; the version is kept in the ${durable.join(" and the ")}, which later jobs download it from`
      );
    }
    return locations;
  }
};

// src/store/open.ts
async function openStores(options) {
  const { env, token, repository } = options;
  const inJob = env.GITHUB_ACTIONS === "true" && Boolean(env.ACTIONS_RUNTIME_TOKEN);
  const runId = inJob ? env.GITHUB_RUN_ID : void 0;
  const withToken = token && repository ? { ...repository, token } : void 0;
  const run = runId ? { id: runId, url: runUrlFromEnv(env) } : void 0;
  const remotes = async () => {
    const opened = [];
    if (inJob) {
      const { ActionsCacheStore } = await import("./actions-cache-AF53IXBT.js");
      if (ActionsCacheStore.available()) opened.push(new ActionsCacheStore(options.project.root));
    }
    if (run || withToken) {
      const { ArtifactStore } = await import("./artifact-TVSVNP4U.js");
      opened.push(
        new ArtifactStore({
          run,
          repository: withToken,
          retentionDays: (asset) => options.project.assets.get(asset)?.retentionDays
        })
      );
    }
    if (withToken) {
      const { ReleaseStore } = await import("./release-P57ADMKI.js");
      opened.push(
        new ReleaseStore({
          // Octokit is imported when a release is first read or written, not with the chain's
          // remotes: whether a version is there is read from its recorded tag.
          client: async () => {
            const { GitHubClient } = await import("./client-QUJRU2PD.js");
            return new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
          },
          repository: withToken,
          project: options.project.name,
          commit: options.commit
        })
      );
    }
    return opened;
  };
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations,
    declaredOutputs: (asset) => options.project.assets.get(asset)?.outputs,
    identities: options.identities
  });
}

// src/github/credentials.ts
import { execFile } from "node:child_process";
function repositoryFrom(env, remote) {
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? "");
  if (named) return { owner: named[1], repo: named[2] };
  const url = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote ?? "");
  if (!url || !remote || !/github/i.test(remote)) return void 0;
  return { owner: url[1], repo: url[2] };
}
async function findToken(env) {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile(
      "gh",
      ["auth", "token"],
      { env, timeout: 1e4 },
      (error, stdout) => resolve(error ? void 0 : stdout.trim() || void 0)
    );
  });
}

// src/app/workspace.ts
async function gitFacts(cwd, env, reads) {
  const inActions = env.GITHUB_ACTIONS === "true";
  const fromEvent = eventDefaultBranch(env);
  const early = reads?.cwd === cwd ? reads : void 0;
  const found = await (early ? early.checkout : checkout(cwd));
  if (!found) return {};
  const branch = (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : void 0) || found.branch;
  return {
    root: found.top,
    sha: found.head,
    branch: branch || void 0,
    base: inActions && env.GITHUB_BASE_REF || void 0,
    defaultBranch: fromEvent ?? found.remoteDefaultBranch,
    shallow: found.shallow
  };
}
function branchName(ref) {
  return ref?.replace(/^refs\/heads\//, "").replace(/^refs\/remotes\/[^/]+\//, "").replace(/^(origin|upstream)\//, "") || void 0;
}
async function openWorkspace(options) {
  const { project } = options;
  const reads = options.reads?.cwd === project.root ? options.reads : void 0;
  const git = await gitFacts(project.root, options.env, reads);
  const event = options.event ?? "local";
  const choice = decideEnvironment(project, {
    event,
    inGit: git.root !== void 0,
    branch: git.branch,
    base: branchName(options.base) ?? git.base,
    defaultBranch: git.defaultBranch,
    override: options.environment || options.env.KILN_ENV || void 0
  });
  if (!choice.ok) return { ok: false, error: choice.error, hint: choice.hint };
  const kilnDir2 = kilnDir(project.root);
  let origin;
  const originUrl = () => origin ??= git.root ? remoteUrl(git.root) : Promise.resolve(void 0);
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    gitRoot: git.root ?? null,
    inActions: options.env.GITHUB_ACTIONS === "true",
    token: options.token,
    originUrl,
    project: project.name,
    legacy: options.legacyLedger
  });
  const local = new LocalStore(path10.join(kilnDir2, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? void 0 : await findToken(options.env));
  const stores = await openStores({
    local,
    identities: new OutputIdentities(kilnDir2),
    project,
    env: options.env,
    token,
    repository: token ? repositoryFrom(options.env, await originUrl()) : void 0,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest: isPullRequest(event),
    recordLocations: (version, locations) => ledger.addLocations(version.asset, version.version, locations)
  });
  return {
    ok: true,
    workspace: {
      project,
      environment: choice.decision.name,
      decision: choice.decision,
      event,
      ...options.base ? { baseRef: options.base } : {},
      ledger,
      stores,
      git,
      reads,
      kilnDir: kilnDir2,
      runsDir: path10.join(kilnDir2, "runs"),
      reportsDir: path10.join(kilnDir2, "reports")
    }
  };
}
function cursorScope(workspace) {
  const branch = workspace.git.branch ?? "local";
  const own = workspace.environment === workspace.decision.branchEnvironment;
  return { name: `${workspace.environment}:${branch}`, ...own ? { formerly: branch } : {} };
}
function workspaceLineage(workspace) {
  const { git, decision } = workspace;
  const root = git.root;
  const branches = [...new Set([git.branch, decision.branch].filter((b) => b !== void 0))];
  let adoptions;
  return {
    environment: workspace.environment,
    branches,
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : void 0,
    pullRequest: isPullRequest(workspace.event),
    adoptions: () => {
      adoptions ??= lineAdoptions(workspace.ledger, workspace.environment, branches);
      return adoptions;
    }
  };
}
async function lineAdoptions(ledger, environment, branches) {
  const cursors = await Promise.all(
    branches.map((branch) => ledger.readCursor({ name: `${environment}:${branch}` }))
  );
  const all = /* @__PURE__ */ new Map();
  for (const cursor of cursors)
    for (const [asset, list] of Object.entries(cursor?.adopted ?? {}))
      all.set(asset, [...all.get(asset) ?? [], ...list]);
  return all;
}
var knownAncestry = /* @__PURE__ */ new WeakMap();
async function rememberedAncestry(workspace, root, commits) {
  let known = knownAncestry.get(workspace.git);
  if (!known) {
    const head = workspace.git.sha ? [workspace.git.sha] : [];
    known = { asked: new Set(head), ancestors: new Set(head), present: new Set(head), shallow: false };
    knownAncestry.set(workspace.git, known);
  }
  const unknown = commits.filter((sha) => !known.asked.has(sha));
  if (unknown.length > 0) {
    known.history ??= headHistory(root);
    const answer = await ancestryOf(root, unknown, {
      shallow: workspace.git.shallow,
      history: known.history
    });
    for (const sha of unknown) known.asked.add(sha);
    for (const sha of answer.ancestors) known.ancestors.add(sha);
    for (const sha of answer.present) known.present.add(sha);
    known.shallow = answer.shallow;
  }
  return known;
}

export {
  runAttemptOf,
  attemptOf,
  outcomeInRun,
  metricDirection,
  metricNameProblem,
  METRIC_EXPRESSION,
  aliasReadsAsVersion,
  dependencyRef,
  refAsset,
  DEFAULT_RUNS_ON,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_PROMOTING_BRANCHES,
  PROD,
  prodBranches,
  prodFollowsDefaultBranch,
  durationMs,
  normalizeCondition,
  checkSpec,
  mergeConfig,
  resolveConfig,
  resolveEnv,
  secretNames,
  declaredSecrets,
  replayAliases,
  missingHolderDamage,
  unreadableLineDamage,
  aliasHolder,
  promotionMove,
  aliasHolders,
  rollbackStack,
  RECORD_SCHEMA,
  isExperiment,
  headOf,
  compactTime,
  withRecordSchemas,
  parseMaterialization,
  parseFailure,
  cursorOf,
  parseAliasLog,
  parseLocationLog,
  HEAD_LINE_FIX,
  parseHeadLog,
  parseSeriesText,
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
  aliasPath,
  cursorPath,
  cursorLocations,
  nextVersion,
  SeriesFileWriter,
  reconcileHeads,
  withDerived,
  HeadLog,
  headLogOf,
  headLine,
  separateSeries,
  holdersWithRecords,
  blobIdOfFile,
  applyCursorChanges,
  isPullRequest,
  environmentOfBranch,
  assetPromotionBlocker,
  readObject,
  parseTree,
  crashPoint,
  withAssetLock,
  openReader,
  readGitHubContext,
  eventPayload,
  workflowFileFromEnv,
  runUrlFromEnv,
  gitFacts,
  openWorkspace,
  cursorScope,
  workspaceLineage
};
