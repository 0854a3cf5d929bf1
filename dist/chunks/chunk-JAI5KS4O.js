import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  GitError,
  git,
  remoteUrl,
  runGit,
  spawnGit
} from "./chunk-O4X6H4ZD.js";
import {
  external_exports
} from "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// src/git/object-reader.ts
init_define_KILN_SITE_CLIENT();
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

// src/git/ledger-branch.ts
var LEDGER_AUTHOR = { name: "kiln", email: "kiln@users.noreply.github.com" };
var remoteUrls = /* @__PURE__ */ new WeakMap();
async function authEnv(target) {
  if (!target.token) return {};
  let asked = remoteUrls.get(target);
  if (!asked) {
    asked = remoteUrl(target.cwd, target.remote);
    remoteUrls.set(target, asked);
  }
  const url = await asked;
  if (url === void 0 || !/^https?:\/\//i.test(url)) return {};
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
function watermarkRef(branch) {
  return `refs/kiln-watermark/${branch}`;
}
function fetchedWatermark(target) {
  return `refs/kiln-watermarks/${target.remote}/${target.branch}`;
}
function watermarksRefspec(target) {
  return `+refs/kiln-watermark/*:refs/kiln-watermarks/${target.remote}/*`;
}
function fetchFailure(result) {
  return { ok: false, message: result.stderr.trim() || `git fetch exited with ${result.code}` };
}
async function fetchLedgerBranch(target) {
  const { cwd, remote, branch, localRef } = target;
  const env = await authEnv(target);
  const fetch = (refspecs) => runGit(
    [
      "-c",
      "maintenance.auto=false",
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--prune",
      remote,
      ...refspecs
    ],
    { cwd, env }
  );
  const result = await fetch([`+refs/heads/${branch}:${localRef}`, watermarksRefspec(target)]);
  if (result.code === 0) {
    const { tip, ...known } = await historyRefs(target, true);
    if (tip === void 0) throw new GitError(`git fetch left no ${localRef}`, ["fetch"], "");
    return { ok: true, tip, ...known };
  }
  if (/couldn't find remote ref/i.test(result.stderr)) {
    await runGit(["update-ref", "-d", localRef], { cwd });
    const watermarks = await fetch([watermarksRefspec(target)]);
    if (watermarks.code !== 0) return fetchFailure(watermarks);
    const { seen, watermark } = await historyRefs(target, false);
    return { ok: true, tip: void 0, seen, watermark };
  }
  return fetchFailure(result);
}
async function historyRefs(target, withTip) {
  const names = [seenRef(target), fetchedWatermark(target), ...withTip ? [target.localRef] : []];
  const refs = await readRefs(target.cwd, names);
  return {
    ...withTip ? { tip: refs.get(target.localRef) } : {},
    seen: refs.get(seenRef(target)),
    watermark: refs.get(fetchedWatermark(target))
  };
}
async function readRefs(cwd, refs) {
  const out = await git(["for-each-ref", "--format=%(objectname) %(refname)", ...refs], { cwd });
  const found = /* @__PURE__ */ new Map();
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    const name = line.slice(space + 1);
    if (space > 0 && refs.includes(name)) found.set(name, line.slice(0, space));
  }
  return found;
}
async function setLocalRef(cwd, localRef, commit) {
  await git(["update-ref", localRef, commit], { cwd });
}
function seenRef(target) {
  return `refs/kiln/seen/${target.remote}/${target.branch}`;
}
async function checkLedgerHistory(target, tip, seenBefore) {
  const refs = seenBefore ?? await historyRefs(target, false);
  const known = [];
  for (const [seen, by] of [
    [refs.watermark, "watermark"],
    [refs.seen, "clone"]
  ]) {
    if (seen !== void 0 && seen !== tip && !known.some((k) => k.seen === seen)) known.push({ seen, by });
  }
  let missing;
  for (const candidate of known) {
    if (tip !== void 0) {
      const result = await runGit(["merge-base", "--is-ancestor", candidate.seen, tip], { cwd: target.cwd });
      if (result.code === 0) continue;
      if (result.code !== 1)
        throw new Error(
          `git merge-base --is-ancestor failed: ${result.stderr.trim() || `exit code ${result.code}`}`
        );
    }
    missing = candidate;
    break;
  }
  if (!missing) return { ok: true };
  const remote = await runGit(["ls-remote", "--heads", target.remote, `refs/heads/${target.branch}`], {
    cwd: target.cwd,
    env: await authEnv(target)
  });
  const remoteTip = remote.code === 0 ? remote.stdout.split(/\s/)[0] || void 0 : void 0;
  return remote.code === 0 && remoteTip !== tip ? { ok: "stale" } : { ok: false, ...missing };
}
async function rememberLedgerTip(target, tip) {
  await runGit(["update-ref", seenRef(target), tip], { cwd: target.cwd });
}
async function listTree(cwd, commit, dir) {
  if (typeof dir !== "string") {
    const listed = await Promise.all(dir.map((d) => listTree(cwd, commit, d)));
    const seen = /* @__PURE__ */ new Set();
    return listed.flat().filter((e) => !seen.has(e.path) && seen.add(e.path));
  }
  const root = dir.replace(/\/+$/, "");
  const found = await readObject(cwd, `${commit}:${root}`);
  if (!found) {
    if (!await readObject(cwd, commit))
      throw new GitError(`git ls-tree ${commit} failed: no such commit`, ["ls-tree", commit], "");
    return [];
  }
  if (found.type === "blob") return [{ path: root, blob: found.oid }];
  const entries = [];
  const walk = async (tree, at) => {
    for (const item of parseTree(tree, found.oid.length)) {
      const where = at === "" ? item.name : `${at}/${item.name}`;
      if (item.type === "blob") entries.push({ path: where, blob: item.oid });
      else if (item.type === "tree") {
        const sub = await readObject(cwd, item.oid);
        if (!sub)
          throw new GitError(`git ls-tree ${commit} failed: tree ${item.oid} is missing`, ["ls-tree"], "");
        await walk(sub.content, where);
      }
    }
  };
  if (found.type === "tree") await walk(found.content, root);
  return entries;
}
async function readBlobs(cwd, blobs) {
  const contents = /* @__PURE__ */ new Map();
  const unique = [...new Set(blobs)];
  const objects = await Promise.all(unique.map((oid) => readObject(cwd, oid)));
  for (const object of objects) if (object?.type === "blob") contents.set(object.oid, object.content);
  return contents;
}
async function readPath(cwd, commit, file) {
  const found = await readObject(cwd, `${commit}:${file}`);
  return found?.type === "blob" ? found.content : void 0;
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
    if (files.length > 0) {
      const sources = files.map((_, i) => path.join(scratch, `blob-${i}`));
      await Promise.all(files.map((file, i) => writeFile(sources[i], file.content)));
      const blobs = (await git(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
        cwd,
        input: `${sources.join("\n")}
`
      })).trim().split("\n");
      if (blobs.length !== files.length)
        throw new Error(`git hash-object gave ${blobs.length} ids for ${files.length} files`);
      const info = files.map((file, i) => `100644 ${blobs[i]}	${file.path}\0`).join("");
      await git(["update-index", "-z", "--add", "--index-info"], { cwd, env, input: info });
    }
    if (options.remove && options.remove.length > 0)
      await git(["update-index", "--force-remove", "--", ...options.remove], { cwd, env });
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
var watermarkRefused = /* @__PURE__ */ new WeakSet();
async function pushLedgerCommit(target, commit) {
  const branchRef = `refs/heads/${target.branch}`;
  const env = await authEnv(target);
  const push = (refspecs) => runGit(["push", "--quiet", "--porcelain", ...refspecs], { cwd: target.cwd, env });
  if (!watermarkRefused.has(target)) {
    const both = await push([
      "--atomic",
      target.remote,
      `${commit}:${branchRef}`,
      `${commit}:${watermarkRef(target.branch)}`
    ]);
    if (both.code === 0) return { ok: true, watermark: true };
    const refused = refusedOnlyTheWatermark(both.stdout, target.branch) || /does not support --atomic/i.test(both.stderr);
    if (!refused) return pushFailure(both);
    watermarkRefused.add(target);
  }
  const alone = await push([target.remote, `${commit}:${branchRef}`]);
  return alone.code === 0 ? { ok: true, watermark: false } : pushFailure(alone);
}
function refusedOnlyTheWatermark(porcelain, branch) {
  const line = porcelain.split("\n").find((l) => l.split("	")[1]?.endsWith(`:${watermarkRef(branch)}`));
  const status = line?.split("	")[2] ?? "";
  return /^\[remote rejected\]/.test(status) && /declined|denied|violat|not allowed|forbidden|refus/i.test(status) && !/lock|atomic|update ref/i.test(status);
}
function pushFailure(result) {
  return {
    ok: false,
    message: (result.stderr.trim() || result.stdout.trim() || `git push exited with ${result.code}`).split("\n").filter((line) => line.trim() !== "").slice(-3).join("; ")
  };
}
async function treeEntries(cwd, treeish) {
  const found = await readObject(cwd, `${treeish}^{tree}`);
  if (found?.type !== "tree")
    throw new GitError(`git ls-tree ${treeish} failed: not a tree`, ["ls-tree", treeish], "");
  return parseTree(found.content, found.oid.length).map((e) => ({
    mode: e.mode,
    type: e.type,
    object: e.oid,
    name: e.name
  }));
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

// src/ledger/packs.ts
init_define_KILN_SITE_CLIENT();
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
  const read = /* @__PURE__ */ new Map();
  const record = (version) => {
    if (read.has(version)) return read.get(version);
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
    read.set(version, found);
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
function parseSeriesPack(text) {
  const series = /* @__PURE__ */ new Map();
  const problems = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line === "") return;
    try {
      const data = JSON.parse(line);
      if (typeof data.version === "number" && typeof data.path === "string" && Array.isArray(data.points) && data.points.every((p) => typeof p === "object" && p !== null && typeof p.step === "number"))
        series.set(data.version, { path: data.path, points: data.points });
      else problems.push({ line: i + 1, message: "not a version's series; skipped" });
    } catch {
      problems.push({ line: i + 1, message: "an unreadable series line; skipped" });
    }
  });
  return { series, problems };
}
var PACK_FIX = "the pack is written once and never changed: restore it from a backup or the ledger branch's history (the loose v<N>.json files it replaced, if any are left, are read in its place)";
function classifyEntries(names, versionOf) {
  const listing = { loose: /* @__PURE__ */ new Map(), packs: /* @__PURE__ */ new Set(), foreign: [] };
  for (const name of names) {
    if (name.startsWith(".tmp-")) continue;
    const block = packBlock(name);
    if (block !== void 0) {
      listing.packs.add(block);
      continue;
    }
    const version = versionOf(name);
    if (version === void 0) listing.foreign.push(name);
    else listing.loose.set(version, name);
  }
  return listing;
}
function listedVersions(listing) {
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
  watermarkRef,
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
  MaterializationRecordSchema,
  parseMaterialization,
  parseFailure,
  parseCursor,
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
  aliasPath,
  cursorPath,
  nextVersion,
  reconcileHeads,
  withDerived,
  headLine,
  separateSeries,
  holdersWithRecords
};
