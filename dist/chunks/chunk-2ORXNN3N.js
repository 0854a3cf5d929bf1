import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  GitError,
  git,
  remoteUrl,
  runGit,
  spawnGit
} from "./chunk-5GPDRZ7E.js";

// src/git/ledger-branch.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

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
function gitWords(message) {
  return message.replace(/'[^'\n]*'/g, "<remote>").replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<remote>");
}
function isPermanentFailure(message) {
  return /permission|denied|\b403\b|authentication failed|could not read username|does not appear to be a git repository|repository (<remote> )?not found|no such remote/i.test(
    gitWords(message)
  );
}
function isPermissionDenied(message) {
  return /permission|denied|\b40[13]\b|authentication failed|could not read username/i.test(
    gitWords(message)
  );
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
    const refused = refusedByRule(both.stdout, watermarkRef(target.branch)) || /does not support --atomic/i.test(both.stderr);
    if (!refused) return pushFailure(both, branchRef);
  }
  const alone = await push([target.remote, `${commit}:${branchRef}`]);
  if (alone.code !== 0) return pushFailure(alone, branchRef);
  watermarkRefused.add(target);
  return { ok: true, watermark: false };
}
function refStatus(porcelain, ref) {
  const line = porcelain.split("\n").find((l) => l.split("	")[1]?.endsWith(`:${ref}`));
  return line?.split("	")[2] ?? "";
}
function refusedByRule(porcelain, ref) {
  const status = refStatus(porcelain, ref);
  return /^\[remote rejected\]/.test(status) && /declined|denied|violat|not allowed|forbidden|refus|protected/i.test(status) && !/lock|atomic|update ref/i.test(status);
}
function pushFailure(result, branchRef) {
  const said = (result.stderr.trim() || result.stdout.trim() || `git push exited with ${result.code}`).split("\n").filter((line) => line.trim() !== "").slice(-3).join("; ");
  if (!refusedByRule(result.stdout, branchRef)) return { ok: false, message: said };
  const status = refStatus(result.stdout, branchRef).replace(/^\[remote rejected\]\s*/, "");
  return {
    ok: false,
    message: `the remote refused the branch ${branchRef.replace(/^refs\/heads\//, "")}: ${status}; ${said}`,
    permanent: true
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

export {
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
  moveRootInto
};
