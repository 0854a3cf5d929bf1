import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  git,
  runGit
} from "./chunk-Y6SFYQTD.js";
import {
  external_exports
} from "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/ledger/aliases.ts
init_define_KILN_SITE_CLIENT();
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
  let holder = null;
  for (const event of history) if (event.alias === alias) holder = event.to;
  return holder;
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
init_define_KILN_SITE_CLIENT();
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
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...record.promotion?.promote ? { promotes: record.promotion.alias } : {},
    ...record.provenance.outputs === void 0 && Object.keys(record.outputs ?? {}).length > 0 ? { undeclaredOutputs: true } : {},
    deps: record.provenance.deps,
    outputs: record.outputs ?? {},
    locations: record.locations ?? []
  };
}

// src/domain/crash-point.ts
init_define_KILN_SITE_CLIENT();
function crashPoint(point) {
  if (process.env.KILN_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}

// src/git/ledger-branch.ts
init_define_KILN_SITE_CLIENT();
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var LEDGER_AUTHOR = { name: "kiln", email: "kiln@users.noreply.github.com" };
async function authEnv(target) {
  if (!target.token) return {};
  const result = await runGit(["remote", "get-url", target.remote], { cwd: target.cwd });
  const url = result.stdout.trim();
  if (result.code !== 0 || !/^https?:\/\//i.test(url)) return {};
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${target.token}`).toString("base64")}`;
  const first = Number(process.env.GIT_CONFIG_COUNT ?? 0) || 0;
  return {
    GIT_CONFIG_COUNT: String(first + 2),
    [`GIT_CONFIG_KEY_${first}`]: `http.${url}.extraheader`,
    [`GIT_CONFIG_VALUE_${first}`]: "",
    [`GIT_CONFIG_KEY_${first + 1}`]: `http.${url}.extraheader`,
    [`GIT_CONFIG_VALUE_${first + 1}`]: header
  };
}
async function hasRemote(cwd, remote) {
  try {
    const result = await runGit(["remote", "get-url", remote], { cwd });
    return result.code === 0;
  } catch {
    return false;
  }
}
async function fetchLedgerBranch(target) {
  const { cwd, remote, branch, localRef } = target;
  const result = await runGit(
    ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, `+refs/heads/${branch}:${localRef}`],
    { cwd, env: await authEnv(target) }
  );
  if (result.code === 0) {
    return { ok: true, tip: (await git(["rev-parse", "--verify", `${localRef}^{commit}`], { cwd })).trim() };
  }
  if (/couldn't find remote ref/i.test(result.stderr)) {
    await runGit(["update-ref", "-d", localRef], { cwd });
    return { ok: true, tip: void 0 };
  }
  return { ok: false, message: result.stderr.trim() || `git fetch exited with ${result.code}` };
}
async function localTip(cwd, localRef) {
  const result = await runGit(["rev-parse", "--verify", "-q", `${localRef}^{commit}`], { cwd });
  return result.code === 0 ? result.stdout.trim() : void 0;
}
async function setLocalRef(cwd, localRef, commit) {
  await git(["update-ref", localRef, commit], { cwd });
}
function seenRef(target) {
  return `refs/kiln/seen/${target.remote}/${target.branch}`;
}
async function checkLedgerHistory(target, tip) {
  const seen = await localTip(target.cwd, seenRef(target));
  if (seen === void 0 || seen === tip) return { ok: true };
  if (tip !== void 0) {
    const result = await runGit(["merge-base", "--is-ancestor", seen, tip], { cwd: target.cwd });
    if (result.code === 0) return { ok: true };
    if (result.code !== 1)
      throw new Error(
        `git merge-base --is-ancestor failed: ${result.stderr.trim() || `exit code ${result.code}`}`
      );
  }
  const remote = await runGit(["ls-remote", "--heads", target.remote, `refs/heads/${target.branch}`], {
    cwd: target.cwd,
    env: await authEnv(target)
  });
  const remoteTip = remote.code === 0 ? remote.stdout.split(/\s/)[0] || void 0 : void 0;
  return remote.code === 0 && remoteTip !== tip ? { ok: "stale" } : { ok: false, seen };
}
async function rememberLedgerTip(target, tip) {
  await runGit(["update-ref", seenRef(target), tip], { cwd: target.cwd });
}
async function listTree(cwd, commit, dir) {
  const out = await git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", dir], { cwd });
  const entries = [];
  for (const record of out.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("	");
    const [, type, object] = record.slice(0, tab).split(" ");
    if (type === "blob") entries.push({ path: record.slice(tab + 1), blob: object });
  }
  return entries;
}
async function readBlobs(cwd, blobs) {
  const contents = /* @__PURE__ */ new Map();
  const unique = [...new Set(blobs)];
  if (unique.length === 0) return contents;
  const out = Buffer.from(
    await git(["cat-file", "--batch"], { cwd, input: `${unique.join("\n")}
`, encoding: "latin1" }),
    "latin1"
  );
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) break;
    const header = out.subarray(offset, newline).toString("latin1");
    const [oid, type, size] = header.split(" ");
    if (type !== "blob" || size === void 0) {
      offset = newline + 1;
      continue;
    }
    const start = newline + 1;
    const end = start + Number(size);
    contents.set(oid, out.subarray(start, end));
    offset = end + 1;
  }
  return contents;
}
async function readPath(cwd, commit, file) {
  const entries = await listTree(cwd, commit, file);
  const entry = entries.find((e) => e.path === file);
  if (!entry) return void 0;
  return (await readBlobs(cwd, [entry.blob])).get(entry.blob);
}
async function buildCommit(options) {
  const { cwd, parent, files, message } = options;
  const scratch = await mkdtemp(path.join(os.tmpdir(), "kiln-ledger-index-"));
  const env = {
    GIT_INDEX_FILE: path.join(scratch, "index"),
    GIT_AUTHOR_NAME: LEDGER_AUTHOR.name,
    GIT_AUTHOR_EMAIL: LEDGER_AUTHOR.email,
    GIT_COMMITTER_NAME: LEDGER_AUTHOR.name,
    GIT_COMMITTER_EMAIL: LEDGER_AUTHOR.email
  };
  try {
    if (parent) await git(["read-tree", parent], { cwd, env });
    else await git(["read-tree", "--empty"], { cwd, env });
    for (const file of files) {
      const blob = (await git(["hash-object", "-w", "--stdin"], { cwd, input: file.content })).trim();
      await git(["update-index", "--add", "--cacheinfo", `100644,${blob},${file.path}`], { cwd, env });
    }
    const tree = (await git(["write-tree"], { cwd, env })).trim();
    const args = ["commit-tree", tree, ...parent ? ["-p", parent] : [], "-m", message];
    return (await git(args, { cwd, env })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
function isPermanentFailure(message) {
  return /permission|denied|\b403\b|authentication failed|could not read username|does not appear to be a git repository|repository not found|no such remote/i.test(
    message
  );
}
function isPermissionDenied(message) {
  return /permission|denied|\b40[13]\b|authentication failed|could not read username/i.test(message);
}
async function pushLedgerCommit(target, commit) {
  const result = await runGit(
    ["push", "--quiet", "--porcelain", target.remote, `${commit}:refs/heads/${target.branch}`],
    { cwd: target.cwd, env: await authEnv(target) }
  );
  if (result.code === 0) return { ok: true };
  return {
    ok: false,
    message: (result.stderr.trim() || result.stdout.trim() || `git push exited with ${result.code}`).split("\n").filter((line) => line.trim() !== "").slice(-3).join("; ")
  };
}
async function treeEntries(cwd, treeish) {
  const out = await git(["ls-tree", "-z", treeish], { cwd });
  const entries = [];
  for (const record of out.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("	");
    const [mode, type, object] = record.slice(0, tab).split(" ");
    entries.push({ mode, type, object, name: record.slice(tab + 1) });
  }
  return entries;
}
async function makeTree(cwd, entries) {
  const input = entries.map((e) => `${e.mode} ${e.type} ${e.object}	${e.name}\0`).join("");
  return (await git(["mktree", "-z"], { cwd, input })).trim();
}
async function rootNames(cwd, commit) {
  return (await treeEntries(cwd, commit)).map((e) => e.name);
}
async function moveRootInto(options) {
  const { cwd, parent, outer, inner } = options;
  const root = await treeEntries(cwd, parent);
  const moving = root.filter((e) => e.name !== outer && options.select(e.name));
  if (moving.length === 0) return { kind: "nothing" };
  const outerEntry = root.find((e) => e.name === outer && e.type === "tree");
  const outerEntries = outerEntry ? await treeEntries(cwd, outerEntry.object) : [];
  if (outerEntries.some((e) => e.name === inner)) return { kind: "occupied" };
  const innerTree = await makeTree(cwd, moving);
  const newOuter = await makeTree(cwd, [
    ...outerEntries,
    { mode: "040000", type: "tree", object: innerTree, name: inner }
  ]);
  const newRoot = await makeTree(cwd, [
    ...root.filter((e) => e.name !== outer && !moving.includes(e)),
    { mode: "040000", type: "tree", object: newOuter, name: outer }
  ]);
  const env = {
    GIT_AUTHOR_NAME: LEDGER_AUTHOR.name,
    GIT_AUTHOR_EMAIL: LEDGER_AUTHOR.email,
    GIT_COMMITTER_NAME: LEDGER_AUTHOR.name,
    GIT_COMMITTER_EMAIL: LEDGER_AUTHOR.email
  };
  const commit = (await git(["commit-tree", newRoot, "-p", parent, "-m", options.message], { cwd, env })).trim();
  return { kind: "moved", commit };
}

// src/ledger/layout.ts
init_define_KILN_SITE_CLIENT();
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
  const compact = startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `failures/${asset}/${compact}-${randomUUID().slice(0, 8)}.json`;
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
function aliasPath(asset) {
  return `aliases/${asset}.jsonl`;
}
function scopeFileName(scope) {
  return `${scope.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}
function cursorPath(scope) {
  return `cursors/${scopeFileName(scope)}`;
}
function nextVersion(names, named = []) {
  let highest = 0;
  for (const name of names) highest = Math.max(highest, versionOfFile(name) ?? 0);
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

// src/ledger/heads.ts
init_define_KILN_SITE_CLIENT();
import { createHash as createHash2 } from "node:crypto";

// src/ledger/series-file.ts
init_define_KILN_SITE_CLIENT();
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
    this.fd = openSync(file, "w");
  }
  file;
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
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
  /** Closes the file: what the ledger needs to keep it under its content's name. */
  close() {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
    return { file: this.file, sha256: this.hash.digest("hex"), points: this.count };
  }
  /** Closes the file without a result (the series is not recorded). */
  abandon() {
    closeSync(this.fd);
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
  const file = seriesPath(record.asset, createHash2("sha256").update(text).digest("hex"));
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

// src/ledger/records.ts
init_define_KILN_SITE_CLIENT();
var numbers = external_exports.record(external_exports.string(), external_exports.number());
var provenance = external_exports.object({
  codeVersion: external_exports.string(),
  code: external_exports.record(external_exports.string(), external_exports.string()),
  runHash: external_exports.string(),
  config: external_exports.record(external_exports.string(), external_exports.unknown()),
  env: external_exports.record(external_exports.string(), external_exports.string()),
  inputs: external_exports.record(external_exports.string(), external_exports.string()),
  deps: external_exports.record(external_exports.string(), external_exports.string()),
  // Part of the logical version of an experiment's record (src/version/versions.ts): dropping it on
  // read would make `kiln show` and the site hide the run config the version was built with.
  overrides: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  outputs: external_exports.array(external_exports.string()).optional()
});
var check = external_exports.object({
  name: external_exports.string(),
  kind: external_exports.enum(["metric", "output", "command"]),
  blocking: external_exports.boolean(),
  passed: external_exports.boolean(),
  message: external_exports.string()
});
var context = external_exports.looseObject({ event: external_exports.string(), environment: external_exports.string() });
var common = {
  asset: external_exports.string(),
  logicalVersion: external_exports.string(),
  provenance,
  metrics: numbers,
  checks: external_exports.array(check),
  reasons: external_exports.array(external_exports.string()),
  context,
  startedAt: external_exports.string(),
  finishedAt: external_exports.string(),
  durationMs: external_exports.number(),
  attempts: external_exports.number()
};
var storeLocation = external_exports.looseObject({
  kind: external_exports.enum(["local", "cache", "artifact", "release"]),
  ref: external_exports.string()
});
var materialization = external_exports.looseObject({
  ...common,
  schema: external_exports.literal(RECORD_SCHEMA),
  version: external_exports.number().int().positive(),
  status: external_exports.literal("success"),
  dataVersion: external_exports.string(),
  outputs: external_exports.record(external_exports.string(), external_exports.object({ blob: external_exports.string(), size: external_exports.number() })),
  locations: external_exports.array(storeLocation),
  series: external_exports.array(external_exports.looseObject({ step: external_exports.number() })),
  seriesFile: external_exports.object({ path: external_exports.string(), points: external_exports.number().int().nonnegative() }).optional(),
  seriesPreview: external_exports.array(external_exports.looseObject({ step: external_exports.number() })).optional(),
  // Read back by the next run to complete a promotion a crash interrupted: checked like the rest.
  promotion: external_exports.looseObject({
    alias: external_exports.string(),
    promote: external_exports.boolean(),
    reason: external_exports.string(),
    against: external_exports.number().int().positive().optional(),
    blocked: external_exports.boolean().optional()
  }).optional()
});
var MaterializationRecordSchema = materialization;
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
var failure = external_exports.looseObject({
  ...common,
  schema: external_exports.literal(RECORD_SCHEMA),
  status: external_exports.enum(["failed", "cancelled"]),
  error: external_exports.string(),
  logTail: external_exports.array(external_exports.string())
});
var aliasEvent = external_exports.object({
  alias: external_exports.string(),
  asset: external_exports.string(),
  from: external_exports.number().int().nullable(),
  to: external_exports.number().int().nullable(),
  at: external_exports.string(),
  by: external_exports.string(),
  reason: external_exports.string(),
  kind: external_exports.enum(["promotion", "manual", "rollback"]).optional(),
  run: external_exports.string().optional(),
  id: external_exports.string()
});
var cursor = external_exports.object({
  schema: external_exports.literal(RECORD_SCHEMA),
  scope: external_exports.string(),
  assets: external_exports.record(external_exports.string(), external_exports.record(external_exports.string(), external_exports.string())),
  sources: external_exports.record(external_exports.string(), external_exports.object({ since: external_exports.string(), error: external_exports.string(), runId: external_exports.string().optional() })).optional(),
  updatedAt: external_exports.string()
});
function explain(error) {
  const issue = error.issues[0];
  if (issue.path[0] === "schema")
    return "written by an unknown version of Kiln (schema number) or not a Kiln record";
  return `does not look like a Kiln record: ${issue.path.join(".") || "(root)"} ${issue.message}`;
}
function parseMaterialization(data, expected) {
  const parsed = materialization.safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  if (parsed.data.asset !== expected.asset || parsed.data.version !== expected.version) {
    return {
      ok: false,
      error: `holds ${parsed.data.asset} v${parsed.data.version}, not ${expected.asset} v${expected.version}`
    };
  }
  return { ok: true, value: parsed.data };
}
function parseFailure(data, asset) {
  const parsed = failure.safeParse(data);
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
  const parsed = aliasEvent.safeParse(data);
  if (!parsed.success || parsed.data.asset !== asset)
    return { ok: false, error: "not a Kiln alias event; skipped" };
  return { ok: true, value: parsed.data };
}
function parseCursor(text) {
  try {
    const parsed = cursor.safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: explain(parsed.error) };
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
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
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let data;
    try {
      data = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, message: `an unreadable ${kind} line (cut short by a crash?); skipped` });
      return;
    }
    if (check2(data)) values.push(data);
    else problems.push({ line: i + 1, message: `not ${expected}; skipped` });
  });
  return { values, problems };
}
function parseLocationLog(text) {
  const read = readJsonLines(
    text,
    "location",
    "a store location",
    (data) => storeLocation.safeParse(data).success
  );
  return { locations: read.values, problems: read.problems };
}
var HEAD_LINE_FIX = "delete the line: a head is an index entry rebuilt from its version's record, which stays the truth";
function parseHeadLog(text) {
  const read = readJsonLines(text, "head", "a version head", isHead);
  const heads = /* @__PURE__ */ new Map();
  for (const head of read.values)
    if (!heads.has(head.version) && isComplete(head)) heads.set(head.version, head);
  return { heads, problems: read.problems };
}
function parseSeriesText(text) {
  const points = [];
  const problems = [];
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    number++;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line.trim()) continue;
    try {
      const point = JSON.parse(line);
      if (typeof point === "object" && point !== null && typeof point.step === "number") points.push(point);
      else problems.push({ line: number, message: "not a series point; skipped" });
    } catch {
      problems.push({ line: number, message: "an unreadable series line; skipped" });
    }
  }
  return { points, problems };
}

export {
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
  SeriesFileWriter,
  crashPoint,
  hasRemote,
  fetchLedgerBranch,
  setLocalRef,
  seenRef,
  checkLedgerHistory,
  rememberLedgerTip,
  listTree,
  readBlobs,
  readPath,
  buildCommit,
  isPermanentFailure,
  isPermissionDenied,
  pushLedgerCommit,
  rootNames,
  moveRootInto,
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
  nextVersion,
  reconcileHeads,
  withDerived,
  headLine,
  separateSeries,
  holdersWithRecords,
  MaterializationRecordSchema,
  parseMaterialization,
  parseFailure,
  parseCursor,
  parseAliasLog,
  parseLocationLog,
  HEAD_LINE_FIX,
  parseHeadLog,
  parseSeriesText
};
