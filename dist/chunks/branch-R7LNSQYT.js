import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LedgerStateError,
  LedgerWriteDenied
} from "./chunk-646SWM6C.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  backoffDelay,
  jittered
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  HEAD_LINE_FIX,
  HeadLog,
  PACK_FIX,
  PROJECTS_DIR,
  RECORD_SCHEMA,
  aliasPath,
  applyCursorChanges,
  blockOf,
  blockRange,
  buildPacks,
  classifyEntries,
  completedBlocks,
  crashPoint,
  cursorLocations,
  cursorOf,
  cursorPath,
  failurePath,
  failuresDir,
  headLine,
  headOf,
  headsPath,
  holdersWithRecords,
  isLegacyEntry,
  listedVersions,
  locationsPath,
  materializationPath,
  materializationsDir,
  missingHolderDamage,
  nextVersion,
  packBlock,
  packName,
  parseAliasLog,
  parseFailure,
  parseHeadLog,
  parseLocationLog,
  parseMaterialization,
  parseRecordPack,
  parseSeriesPack,
  parseSeriesText,
  parseTree,
  projectDir,
  readObject,
  reconcileHeads,
  recordPackPath,
  remember,
  replayAliases,
  separateSeries,
  seriesPackPath,
  unreadableLineDamage,
  versionFileName,
  versionOfFile,
  withDerived,
  withRecordSchemas
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  GitError,
  UserError,
  git,
  remoteUrl,
  repoRoot,
  runGit
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/ledger/branch.ts
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import path from "node:path";

// src/git/ledger-branch.ts
var LEDGER_AUTHOR = { name: "kiln", email: "kiln@users.noreply.github.com" };
var remoteUrls = /* @__PURE__ */ new WeakMap();
async function authEnv(target) {
  if (!target.token) return {};
  let asked = remoteUrls.get(target);
  if (!asked) {
    asked = target.url !== void 0 ? Promise.resolve(target.url) : remoteUrl(target.cwd, target.remote);
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
    if (tip === void 0)
      return { ok: false, message: `${localRef} was removed by another process during the fetch` };
    return { ok: true, tip, ...known };
  }
  if (/couldn't find remote ref/i.test(result.stderr)) {
    const watermarks = await fetch([watermarksRefspec(target)]);
    if (watermarks.code !== 0) return fetchFailure(watermarks);
    const { tip: mirror, seen, watermark } = await historyRefs(target, true);
    if (mirror !== void 0) await runGit(["update-ref", "-d", localRef, mirror], { cwd });
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
async function rememberPushedTip(target, commit, scratch) {
  const drop = scratch ? `delete ${scratch}
` : "";
  const all = await runGit(["update-ref", "--stdin"], {
    cwd: target.cwd,
    input: `update ${seenRef(target)} ${commit}
update ${target.localRef} ${commit}
${drop}`
  });
  if (all.code === 0) return;
  await rememberLedgerTip(target, commit);
  await runGit(["update-ref", target.localRef, commit], { cwd: target.cwd });
  if (scratch) await deleteRef(target.cwd, scratch);
}
async function deleteRef(cwd, ref) {
  await runGit(["update-ref", "-d", ref], { cwd });
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
function scratchRef(target, id) {
  return `refs/kiln/build/${target.branch}/${id}`;
}
function quotedPath(file) {
  const escaped = file.replace(
    /[\\"\x00-\x1f\x7f]/g,
    (c) => c === "\\" || c === '"' ? `\\${c}` : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`
  );
  return `"${escaped}"`;
}
async function buildCommit(options) {
  const { cwd, parent, files, message, ref } = options;
  const ident = `${LEDGER_AUTHOR.name} <${LEDGER_AUTHOR.email}> ${Math.floor(Date.now() / 1e3)} +0000`;
  const pieces = [];
  const line = (text) => pieces.push(Buffer.from(`${text}
`, "utf8"));
  const data = (text) => {
    const bytes = Buffer.from(text, "utf8");
    pieces.push(Buffer.from(`data ${bytes.length}
`), bytes, Buffer.from("\n"));
  };
  line(`reset ${ref}`);
  line(`commit ${ref}`);
  line("mark :1");
  line(`author ${ident}`);
  line(`committer ${ident}`);
  data(`${message}
`);
  if (parent) line(`from ${parent}`);
  for (const file of files) {
    line(`M 100644 inline ${quotedPath(file.path)}`);
    data(file.content);
  }
  for (const file of options.remove ?? []) line(`D ${quotedPath(file)}`);
  line("");
  line("get-mark :1");
  line("done");
  const out = await git(["fast-import", "--quiet", "--force", "--done"], {
    cwd,
    input: Buffer.concat(pieces)
  });
  const commit = out.trim();
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit))
    throw new Error(`bug: git fast-import answered ${JSON.stringify(out)} for the commit`);
  return commit;
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
async function pushLedgerCommit(target, commit, parent) {
  const branchRef = `refs/heads/${target.branch}`;
  const env = await authEnv(target);
  const lease = `--force-with-lease=${branchRef}:${parent ?? ""}`;
  const push = (refspecs) => runGit(["push", "--quiet", "--porcelain", lease, ...refspecs], { cwd: target.cwd, env });
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

// src/ledger/branch.ts
var DEFAULT_LEDGER_BRANCH = "kiln-ledger";
var MAX_BACKOFF_MS = 2e3;
var TRUST_TIP_MS = 1e4;
function json(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
var BranchLedger = class {
  description;
  target;
  maxAttempts;
  backoffMs;
  found = [];
  reported = /* @__PURE__ */ new Set();
  /** The tip reads use: fetched once, then advanced by this ledger's own pushes (see refresh()). */
  tip;
  fetched = false;
  /** A reader of one commit (options.at): it never fetches. */
  pinned = false;
  /** When `tip` was last fetched or pushed (performance.now()); see TRUST_TIP_MS. */
  tipAt = Number.NEGATIVE_INFINITY;
  trustTipMs;
  /** The last write lost a race: the next one fetches first instead of guessing the tip. */
  raced = false;
  /** Writes of one process go one at a time: they would only race each other on the push. */
  queue = Promise.resolve();
  /**
   * What to do with a branch in the layout from before projects, until the first read or write
   * settles it (see settleLayout): opening the ledger fetches nothing, so a command that reads
   * after refreshing (the report job) fetches once, not twice.
   */
  legacyPolicy;
  layout = Promise.resolve();
  /** The fetch the first reads wait for (see fetchedTip). */
  fetching;
  project;
  /** `projects/<name>/`, or empty for the root layout: prefixed to every path this ledger touches. */
  prefix;
  constructor(options) {
    const remote = options.remote ?? "origin";
    const branch = options.branch ?? DEFAULT_LEDGER_BRANCH;
    this.target = {
      cwd: options.cwd,
      remote,
      branch,
      localRef: `refs/kiln/${branch}`,
      token: options.token,
      url: options.remoteUrl
    };
    this.maxAttempts = options.maxAttempts ?? 60;
    this.backoffMs = options.backoffMs ?? 50;
    this.trustTipMs = options.trustTipMs ?? TRUST_TIP_MS;
    this.project = options.project;
    this.prefix = options.project ? `${projectDir(options.project)}/` : "";
    this.description = `branch ${branch} of ${remote}${options.project ? ` (project ${options.project})` : ""}`;
    if (options.at) {
      this.tip = options.at.tip;
      this.fetched = true;
      this.pinned = true;
    }
  }
  /** See Ledger.refreshAliases: the next read fetches, unless this reader is pinned to a commit. */
  refreshAliases(_asset) {
    if (!this.pinned) this.fetched = false;
  }
  /** Adds a problem a reader thread of this ledger found (its path already names the branch). */
  note(problem) {
    const prefix = `${this.target.branch}:`;
    const file = problem.path.startsWith(prefix) ? problem.path.slice(prefix.length) : problem.path;
    this.problem(file, problem.message, problem.fix);
  }
  async readerSpec() {
    const { cwd, remote, branch } = this.target;
    return { kind: "branch", cwd, remote, branch, project: this.project, tip: await this.readTip() };
  }
  /** A layout path inside this ledger's namespace, as a path of the branch's tree. */
  at(file) {
    return `${this.prefix}${file}`;
  }
  list(tip, dir) {
    return listTree(
      this.target.cwd,
      tip,
      typeof dir === "string" ? this.at(dir) : dir.map((d) => this.at(d))
    );
  }
  problems() {
    return [...this.found];
  }
  problem(file, message, fix) {
    const where = `${this.target.branch}:${file}`;
    const key = `${where}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === void 0 ? { path: where, message } : { path: where, message, fix });
  }
  /** Fetches the branch again, so reads see what other runs wrote since. */
  async refresh() {
    for (let attempt = 1; ; attempt++) {
      let fetched = await fetchLedgerBranch(this.target);
      for (let retry = 1; !fetched.ok && retry < 4; retry++) {
        await sleep(jittered(backoffDelay(retry, this.backoffMs, MAX_BACKOFF_MS)));
        fetched = await fetchLedgerBranch(this.target);
      }
      if (!fetched.ok) {
        throw new UserError(
          `could not fetch the ledger (${this.description}): ${fetched.message}`,
          "check that the remote is reachable and the token may read the repository, or use the local ledger (--ledger local)"
        );
      }
      if (await this.follow(fetched, attempt < 5)) return;
    }
  }
  /**
   * Moves reads to a fetched tip, unless the branch no longer contains what this clone saw
   * before: following a rewound branch would number new versions again from the older tip and
   * give numbers already used (and perhaps pulled, deployed, referenced) to different models.
   */
  async follow(fetched, mayRefetch) {
    const { tip } = fetched;
    let history = await checkLedgerHistory(this.target, tip, fetched);
    if (history.ok === "stale") {
      if (mayRefetch) return false;
      history = { ok: true };
    }
    if (!history.ok) {
      const { remote, branch } = this.target;
      const seen = history.seen.slice(0, 12);
      const whoSaw = history.by === "watermark" ? `the newest commit Kiln pushed to it (${watermarkRef(branch)})` : "which this clone read before";
      const message = tip === void 0 ? `the ledger branch ${branch} of ${remote} is gone, but it held commit ${seen}, ${whoSaw}; Kiln will not start a new ledger over it` : `the ledger branch ${branch} of ${remote} was rewritten: it no longer contains commit ${seen}, ${whoSaw} (a force-push or reset). Kiln will not follow it: version numbers would be given again to different models`;
      const accept = history.by === "watermark" ? `\`git push ${remote} :${watermarkRef(branch)}\` (and \`git update-ref -d ${seenRef(this.target)}\` in clones that read the old history)` : `\`git update-ref -d ${seenRef(this.target)}\``;
      const fix = `if the rewrite was a mistake, put the history back: \`git push ${remote} ${history.seen}:refs/heads/${branch}\` (add --force once you have checked the new history holds nothing to keep); if it was intended, accept it: ${accept}`;
      this.problem(`(history)`, message, fix);
      throw new LedgerStateError(message, `${branch} of ${remote}`, fix);
    }
    this.tip = tip;
    this.tipAt = performance.now();
    this.fetched = true;
    if (tip && tip !== fetched.seen) await rememberLedgerTip(this.target, tip);
    return true;
  }
  async readTip() {
    await this.fetchedTip();
    await this.settleLayout();
    return this.tip;
  }
  /**
   * The tip as fetched, without settling the layout (for the layout's own settling). Reads that
   * start together before anything was fetched (a plan reads every asset at once) share one fetch.
   */
  async fetchedTip() {
    if (!this.fetched) {
      this.fetching ??= this.refresh().finally(() => {
        this.fetching = void 0;
      });
      await this.fetching;
    }
    return this.tip;
  }
  /** Adopts or reports an old-layout branch once, before the first read or write (see legacyPolicy). */
  settleLayout() {
    const choose = this.legacyPolicy;
    if (choose !== void 0) {
      this.legacyPolicy = void 0;
      this.layout = this.adoptLegacyLayout(choose);
    }
    return this.layout;
  }
  /**
   * Adopts (or reports) records at the root of the branch, from before projects existed, at the
   * first read or write: see adoptLegacyLayout.
   */
  settleLegacyLayoutOnFirstUse(choose) {
    this.legacyPolicy = choose;
  }
  // ---- reading -------------------------------------------------------------------------------
  /**
   * An asset's record files and packs at `tip`, with their blobs by name. Anything else in the
   * folder is reported when `report` is set (listings made to write are not reports).
   */
  async recordEntries(tip, asset, report, only) {
    const dir = this.at(materializationsDir(asset));
    const blobs = /* @__PURE__ */ new Map();
    for (const entry of await this.list(tip, only ?? materializationsDir(asset))) {
      if (path.posix.dirname(entry.path) === dir) blobs.set(path.posix.basename(entry.path), entry.blob);
      else if (report) this.problem(entry.path, "not a ledger record (expected v<N>.json)");
    }
    const listing = classifyEntries(blobs.keys(), versionOfFile);
    if (report)
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(`${dir}/${name}`, named.message, named.fix);
      }
    return { listing, blobs };
  }
  /** Packs read by this ledger, by blob: a blob never changes, so a pack is parsed once. */
  recordPacks = /* @__PURE__ */ new Map();
  seriesPacks = /* @__PURE__ */ new Map();
  /** The record packs of `blocks` (one `git cat-file` for those not read before). */
  async recordPacksOf(asset, blocks, blobs) {
    const wanted = [...blocks].map((block) => ({ block, blob: blobs.get(packName(block)) }));
    const contents = await readBlobs(
      this.target.cwd,
      wanted.filter((w) => !this.recordPacks.has(w.blob)).map((w) => w.blob)
    );
    const packs = /* @__PURE__ */ new Map();
    for (const { block, blob } of wanted) {
      let pack = this.recordPacks.get(blob);
      if (!pack) {
        const file = this.at(recordPackPath(asset, block));
        const bytes = contents.get(blob);
        if (bytes === void 0)
          this.problem(file, "listed in the branch but its object is missing", PACK_FIX);
        pack = parseRecordPack(
          bytes?.toString("utf8") ?? "",
          asset,
          block,
          (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX)
        );
        remember(this.recordPacks, blob, pack, 8);
      }
      packs.set(block, pack);
    }
    return packs;
  }
  /**
   * The records of `versions` at the listing's tip: from their block's pack when it is packed
   * (a loose copy a writer left beside it is read only for a version the pack cannot give), from
   * their files otherwise. Unreadable ones are reported and left out.
   */
  readRecordsAt(asset, versions, at) {
    return withRecordSchemas(() => this.readRecordsOnce(asset, versions, at));
  }
  async readRecordsOnce(asset, versions, { listing, blobs }) {
    const packs = await this.recordPacksOf(
      asset,
      new Set(versions.map(blockOf).filter((b) => listing.packs.has(b))),
      blobs
    );
    const records = /* @__PURE__ */ new Map();
    const loose = [];
    for (const version of versions) {
      const packed = packs.get(blockOf(version))?.record(version);
      if (packed) records.set(version, packed);
      else if (listing.loose.has(version)) loose.push(version);
      else if (!packs.has(blockOf(version)))
        this.problem(this.at(materializationPath(asset, version)), "no such record");
    }
    const contents = await readBlobs(
      this.target.cwd,
      loose.map((v) => blobs.get(listing.loose.get(v)))
    );
    for (const version of loose) {
      const where = this.at(materializationPath(asset, version));
      const data = this.parseJson(where, contents.get(blobs.get(listing.loose.get(version))));
      if (data === void 0) continue;
      const parsed = parseMaterialization(data, { asset, version });
      if (parsed.ok) records.set(version, parsed.value);
      else this.problem(where, parsed.error);
    }
    return records;
  }
  async materializationsAt(tip, asset) {
    if (!tip) return [];
    const entries = await this.recordEntries(tip, asset, true);
    const records = await this.readRecordsAt(asset, listedVersions(entries.listing), entries);
    return [...records.values()].sort((a, b) => a.version - b.version);
  }
  /**
   * The heads of an asset at `tip`, and the log's text. Versions whose head the log lacks (a
   * branch written before heads) are derived from their records.
   */
  async headsAt(tip, asset) {
    if (!tip) return { heads: [], text: "", derived: false };
    const file = this.at(headsPath(asset));
    const [entries, bytes] = await Promise.all([
      this.recordEntries(tip, asset, false),
      readPath(this.target.cwd, tip, file)
    ]);
    const text = bytes?.toString("utf8") ?? "";
    const parsed = parseHeadLog(text);
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listedVersions(entries.listing));
    if (missing.length === 0) return { heads, text, derived: false };
    const records = await this.readRecordsAt(asset, missing, entries);
    return { heads: withDerived(heads, [...records.values()]), text, derived: true };
  }
  async heads(asset) {
    return (await this.headsAt(await this.readTip(), asset)).heads;
  }
  async headLog(asset) {
    const tip = await this.readTip();
    if (!tip) return HeadLog.of([]);
    const file = this.at(headsPath(asset));
    const [entries, bytes] = await Promise.all([
      this.recordEntries(tip, asset, false),
      readPath(this.target.cwd, tip, file)
    ]);
    return HeadLog.index({ whole: bytes?.toString("utf8") ?? "" }, listedVersions(entries.listing), {
      problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
      // Not written back here: the next write of the asset writes its log whole (see headsAt).
      derive: async (version) => {
        const record = (await this.readRecordsAt(asset, [version], entries)).get(version);
        return record && headOf(record);
      }
    });
  }
  async materialization(asset, version) {
    return this.materializationAt(await this.readTip(), asset, version);
  }
  async materializationAt(tip, asset, version) {
    if (!tip) return void 0;
    const entries = await this.recordEntries(tip, asset, false, [
      materializationPath(asset, version),
      recordPackPath(asset, blockOf(version))
    ]);
    return (await this.readRecordsAt(asset, [version], entries)).get(version);
  }
  async series(record) {
    if (!record.seriesFile) return record.series;
    const tip = await this.readTip();
    const wanted = record.seriesFile.path;
    const file = this.at(wanted);
    const ownPack = seriesPackPath(record.asset, blockOf(record.version));
    const entries = tip ? await this.list(tip, [ownPack, wanted]) : [];
    const blobOf = new Map(entries.map((e) => [e.path, e.blob]));
    const packBlob = blobOf.get(this.at(ownPack));
    if (packBlob) {
      const own = (await this.seriesPackOf(this.at(ownPack), packBlob)).get(record.version);
      if (own?.path === wanted) return own.points;
    }
    const looseBlob = blobOf.get(file);
    const bytes = looseBlob ? (await readBlobs(this.target.cwd, [looseBlob])).get(looseBlob) : void 0;
    if (bytes) {
      const { points, problems } = parseSeriesText(bytes.toString("utf8"));
      for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
      return points;
    }
    for (const entry of tip ? await this.list(tip, `series/${record.asset}`) : []) {
      if (packBlock(path.posix.basename(entry.path)) === void 0) continue;
      const points = (await this.seriesPackOf(entry.path, entry.blob)).find(wanted);
      if (points) return points;
    }
    this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
    return [];
  }
  async seriesPackOf(file, blob) {
    let pack = this.seriesPacks.get(blob);
    if (pack) return pack;
    const bytes = (await readBlobs(this.target.cwd, [blob])).get(blob);
    pack = parseSeriesPack(
      bytes?.toString("utf8") ?? "",
      (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX)
    );
    remember(this.seriesPacks, blob, pack, 4);
    return pack;
  }
  parseJson(file, bytes) {
    if (bytes === void 0) {
      this.problem(file, "listed in the branch but its object is missing");
      return void 0;
    }
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      this.problem(file, `not valid JSON (${error.message})`);
      return void 0;
    }
  }
  async materializations(asset) {
    return this.materializationsAt(await this.readTip(), asset);
  }
  async failures(asset) {
    const tip = await this.readTip();
    if (!tip) return [];
    const { cwd } = this.target;
    const entries = await this.list(tip, failuresDir(asset));
    const contents = await readBlobs(
      cwd,
      entries.map((e) => e.blob)
    );
    const records = [];
    for (const entry of entries) {
      const data = this.parseJson(entry.path, contents.get(entry.blob));
      if (data === void 0) continue;
      const parsed = await parseFailure(data, asset);
      if (parsed.ok) records.push(parsed.value);
      else this.problem(entry.path, parsed.error);
    }
    return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  }
  async aliasLogAt(tip, asset) {
    if (!tip) return { text: "", events: [], damage: [] };
    const file = this.at(aliasPath(asset));
    const text = (await readPath(this.target.cwd, tip, file))?.toString("utf8") ?? "";
    const { events, problems } = await parseAliasLog(text, asset);
    const damage = problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message));
    return { text, events, damage };
  }
  async replayAt(tip, asset, extra = []) {
    const log = await this.aliasLogAt(tip, asset);
    const events = [...log.events, ...extra];
    if (events.length === 0) return { log, versions: /* @__PURE__ */ new Set(), ...replayAliases([], /* @__PURE__ */ new Set()) };
    const { heads } = await this.headsAt(tip, asset);
    const listed = new Set(heads.map((r) => r.version));
    const versions = await holdersWithRecords(events, listed, (v) => this.materializationAt(tip, asset, v));
    return { log, versions, ...replayAliases(events, versions) };
  }
  async aliasState(asset) {
    const { log, effective, missing } = await this.replayAt(await this.readTip(), asset);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.at(aliasPath(asset)), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    return {
      history: effective,
      damage: damage.map((d) => ({ ...d, path: `${this.target.branch}:${d.path}` }))
    };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async locationLogAt(tip, asset, version) {
    if (!tip) return { text: "", locations: [] };
    const file = this.at(locationsPath(asset, version));
    const text = (await readPath(this.target.cwd, tip, file))?.toString("utf8") ?? "";
    const { locations, problems } = await parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return { text, locations };
  }
  async locations(asset, version) {
    return (await this.locationLogAt(await this.readTip(), asset, version)).locations;
  }
  async readCursor(scope) {
    return this.cursorAt(await this.readTip(), scope);
  }
  async cursorAt(tip, scope) {
    if (!tip) return void 0;
    for (const at of cursorLocations(scope)) {
      const file = this.at(at.path);
      const bytes = await readPath(this.target.cwd, tip, file);
      if (!bytes) continue;
      const cursor = await cursorOf(
        at.scope,
        bytes.toString("utf8"),
        (message) => this.problem(file, message)
      );
      if (cursor) return cursor;
    }
    return void 0;
  }
  // ---- writing -------------------------------------------------------------------------------
  /**
   * Fetch, plan the change against the tip, commit, push; on rejection start over from a fresh
   * fetch. `plan` runs once per attempt, so whatever depends on the tip (the next v<N>, the alias
   * holder) is decided again against the tip the commit is built on. A write soon after this
   * ledger fetched or pushed skips the first fetch and builds on the tip it knows (TRUST_TIP_MS):
   * the push's lease refuses it if the remote moved meanwhile, and the next attempt fetches.
   */
  write(what, plan) {
    return this.settleLayout().then(() => this.enqueue(what, plan));
  }
  enqueue(what, plan) {
    const run = this.queue.then(() => this.writeNow(what, plan));
    this.queue = run.catch(() => {
    });
    return run;
  }
  /** True when the next write may build on the tip it knows (see TRUST_TIP_MS). */
  knowsTip() {
    return this.fetched && !this.pinned && !this.raced && performance.now() - this.tipAt <= this.trustTipMs;
  }
  async writeNow(what, plan) {
    const scratch = { ref: scratchRef(this.target, randomUUID()), left: false };
    try {
      return await this.attempts(what, plan, scratch);
    } finally {
      if (scratch.left) await deleteRef(this.target.cwd, scratch.ref);
    }
  }
  async attempts(what, plan, scratch) {
    let lastError = "";
    const first = this.knowsTip() ? 0 : 1;
    for (let attempt = first; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(jittered(backoffDelay(attempt - 1, this.backoffMs, MAX_BACKOFF_MS)));
      let tip = this.tip;
      if (attempt > 0) {
        const fetched = await fetchLedgerBranch(this.target);
        if (!fetched.ok) {
          lastError = `fetch failed: ${fetched.message}`;
          if (isPermanentFailure(fetched.message)) break;
          continue;
        }
        if (!await this.follow(fetched, attempt < this.maxAttempts)) continue;
        tip = fetched.tip;
      }
      const planned = await plan(tip);
      if ("skip" in planned) {
        this.raced = attempt > first;
        return planned.skip;
      }
      if (!("commit" in planned)) scratch.left = true;
      const commit = "commit" in planned ? planned.commit : await buildCommit({
        cwd: this.target.cwd,
        parent: tip,
        files: planned.files.map((f) => ({ ...f, path: this.at(f.path) })),
        remove: planned.remove?.map((f) => this.at(f)),
        message: planned.message,
        ref: scratch.ref
      });
      const pushed = await pushLedgerCommit(this.target, commit, tip);
      if (pushed.ok) {
        crashPoint("during-push");
        if (!pushed.watermark)
          this.problem(
            "(history)",
            `the remote refused the ref ${watermarkRef(this.target.branch)} that Kiln moves with the ledger branch, so a force-push of ${this.target.branch} is only noticed by clones that read the later history (not by fresh checkouts in Actions)`,
            "allow pushes to refs/kiln-watermark/* on the remote (a hook or ruleset refused it)"
          );
        this.tip = commit;
        this.tipAt = performance.now();
        this.raced = attempt > first;
        await rememberPushedTip(this.target, commit, scratch.left ? scratch.ref : void 0);
        scratch.left = false;
        return planned.result;
      }
      lastError = `push rejected: ${pushed.message}`;
      if (pushed.permanent) {
        throw new UserError(
          `could not write ${what} to the ledger (${this.description}): ${lastError}.`,
          `let the job's token push to ${this.target.branch} (a branch protection rule, ruleset or hook refuses it); the ledger branch takes only Kiln's fast-forward commits`
        );
      }
      if (isPermanentFailure(pushed.message)) break;
    }
    this.raced = true;
    if (isPermanentFailure(lastError)) {
      const message = `could not write ${what} to the ledger (${this.description}): ${lastError}. Check that the remote exists and the token may push (the job needs \`permissions: contents: write\`; pull requests from forks cannot write).`;
      throw isPermissionDenied(lastError) ? new LedgerWriteDenied(message) : new UserError(message);
    }
    throw new UserError(
      `could not write ${what} to the ledger (${this.description}) after ${this.maxAttempts} attempts; last error: ${lastError}. Many runs may be writing at once: try again.`
    );
  }
  recordMaterialization(record) {
    return this.write(`${record.asset}'s new version`, async (tip) => {
      const entries = tip ? await this.recordEntries(tip, record.asset, false) : { listing: classifyEntries([], versionOfFile), blobs: /* @__PURE__ */ new Map() };
      const named = (await this.aliasLogAt(tip, record.asset)).events.map((e) => e.to);
      const version = nextVersion(entries.blobs.keys(), named);
      const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
      const full = separated.record;
      const { heads, text, derived } = await this.headsAt(tip, record.asset);
      const log = derived ? heads.map((h) => `${JSON.stringify(h)}
`).join("") : endedLines(text);
      const series = separated.series ? {
        path: separated.series.path,
        content: separated.series.text ?? readFileSync(separated.series.file, "utf8")
      } : void 0;
      const recordFile = { path: materializationPath(record.asset, version), content: json(full) };
      const packed = tip ? await this.packsFor(tip, record.asset, entries, { version, text: recordFile.content, series }) : { files: [], remove: [] };
      return {
        files: [
          ...series ? [series] : [],
          recordFile,
          { path: headsPath(record.asset), content: `${log}${headLine(full)}
` },
          ...packed.files
        ],
        remove: packed.remove,
        message: `kiln: ${record.asset} v${version} (success)`,
        result: full
      };
    });
  }
  /**
   * The packs of every completed block still loose at `tip` once `added` is written, and the loose
   * files they replace. A block with a missing or unreadable record stays loose (its reader
   * reports it), as in the directory backend.
   */
  async packsFor(tip, asset, { listing, blobs }, added) {
    const files = [];
    const remove = [];
    const blocks = [];
    for (let block = 0; block < completedBlocks(added.version); block++) {
      if (listing.packs.has(block)) continue;
      const { first, last } = blockRange(block);
      let complete = true;
      for (let v = first; v <= last && complete; v++) complete = v === added.version || listing.loose.has(v);
      if (complete) blocks.push(block);
    }
    if (blocks.length === 0) return { files, remove };
    const looseBlob = (v) => blobs.get(listing.loose.get(v));
    const versions = blocks.flatMap((b) => {
      const { first, last } = blockRange(b);
      return Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((v) => v !== added.version);
    });
    const [records, seriesEntries] = await Promise.all([
      readBlobs(this.target.cwd, versions.map(looseBlob)),
      this.list(tip, `series/${asset}`)
    ]);
    const seriesBlobs = new Map(seriesEntries.map((e) => [e.path, e.blob]));
    const named = /* @__PURE__ */ new Set();
    for (const bytes of records.values()) {
      try {
        const file = JSON.parse(bytes.toString("utf8")).seriesFile?.path;
        const blob = typeof file === "string" ? seriesBlobs.get(this.at(file)) : void 0;
        if (blob) named.add(blob);
      } catch {
      }
    }
    const seriesContents = await readBlobs(this.target.cwd, [...named]);
    const seriesText = (file) => {
      if (file === added.series?.path) return added.series.content;
      const blob = seriesBlobs.get(this.at(file));
      return blob === void 0 ? void 0 : seriesContents.get(blob)?.toString("utf8");
    };
    for (const block of blocks) {
      const { first, last } = blockRange(block);
      const loose = [];
      for (let v = first; v <= last; v++) {
        const text = v === added.version ? added.text : records.get(looseBlob(v))?.toString("utf8");
        if (text !== void 0) loose.push({ version: v, text });
      }
      const built = await withRecordSchemas(() => buildPacks(asset, block, loose, seriesText));
      if (!built.ok) continue;
      files.push({ path: recordPackPath(asset, block), content: built.value.records });
      for (let v = first; v <= last; v++) remove.push(materializationPath(asset, v));
      if (built.value.series) {
        files.push({ path: seriesPackPath(asset, block), content: built.value.series.text });
        remove.push(...built.value.series.paths);
      }
    }
    return { files, remove };
  }
  recordFailure(record) {
    const full = { schema: RECORD_SCHEMA, ...record };
    const file = failurePath(record.asset, record.startedAt);
    return this.write(`a failure of ${record.asset}`, async () => ({
      files: [{ path: file, content: json(full) }],
      message: `kiln: ${record.asset} ${record.status} (${record.startedAt})`,
      result: full
    }));
  }
  moveAlias(request) {
    const event = { ...request, at: request.at ?? (/* @__PURE__ */ new Date()).toISOString(), id: randomUUID() };
    const show = (v) => v === null ? "none" : `v${v}`;
    return this.write(`the ${event.alias} alias of ${event.asset}`, async (tip) => {
      const { log, versions, effective } = await this.replayAt(tip, event.asset, [event]);
      if (event.to !== null && !versions.has(event.to)) return { skip: false };
      if (!effective.some((e) => e.id === event.id)) return { skip: false };
      crashPoint("during-alias");
      const base = endedLines(log.text);
      return {
        files: [{ path: aliasPath(event.asset), content: `${base}${JSON.stringify(event)}
` }],
        message: `kiln: ${event.asset} ${event.alias} ${show(event.from)} \u2192 ${show(event.to)}`,
        result: true
      };
    });
  }
  addLocations(asset, version, locations) {
    if (locations.length === 0) return Promise.resolve();
    return this.write(`locations of ${asset} v${version}`, async (tip) => {
      const { text } = await this.locationLogAt(tip, asset, version);
      const base = endedLines(text);
      return {
        files: [
          {
            path: locationsPath(asset, version),
            content: `${base}${locations.map((l) => JSON.stringify(l)).join("\n")}
`
          }
        ],
        message: `kiln: ${asset} v${version} at ${locations.map((l) => l.kind).join(", ")}`,
        result: void 0
      };
    });
  }
  /**
   * A branch written before projects existed keeps its records at the root. `adopt` moves every
   * root entry into this project's namespace in one commit (atomic: a reader sees either layout
   * whole; a concurrent adopter that lost the push finds nothing left to move). When the move
   * cannot be pushed (a read-only token), this ledger reads the root layout as it is instead.
   */
  async adoptLegacyLayout(choose) {
    const project = this.project;
    if (!project) return;
    const tip = await this.fetchedTip();
    if (!tip) return;
    const legacy = (await rootNames(this.target.cwd, tip)).filter(isLegacyEntry);
    if (legacy.length === 0) return;
    const where = legacy.map((name) => `${name}/`).join(", ");
    const policy = typeof choose === "function" ? await choose() : choose;
    if (policy === "ignore") {
      this.problem(
        where,
        `records from before projects existed sit at the root of the ledger and this repository has several manifests, so Kiln cannot tell whose they are; they are not read. Run \`kiln adopt-ledger --manifest PATH\` with the manifest of the project they belong to`
      );
      return;
    }
    try {
      const outcome = await this.enqueue(
        `the records of project ${project}`,
        async (current) => {
          if (!current) return { skip: "nothing" };
          const moved = await moveRootInto({
            cwd: this.target.cwd,
            parent: current,
            outer: PROJECTS_DIR,
            inner: project,
            select: isLegacyEntry,
            message: `kiln: move the records from before projects into ${projectDir(project)}/`
          });
          if (moved.kind !== "moved") return { skip: moved.kind };
          return { commit: moved.commit, result: "moved" };
        }
      );
      if (outcome === "occupied") {
        this.problem(
          where,
          `records from before projects existed sit at the root of the ledger, but ${projectDir(project)}/ already exists; they are not read (move them into it by hand if they are this project's)`
        );
      }
    } catch (error) {
      this.prefix = "";
      this.problem(
        where,
        `the ledger is in the layout from before projects and could not be moved into ${projectDir(project)}/ (${error.message}); reading it as it is`
      );
    }
  }
  updateCursor(changes) {
    return this.write(`the cursor of ${changes.scope.name}`, async (tip) => {
      const next = applyCursorChanges(await this.cursorAt(tip, changes.scope), changes);
      if (!next) return { skip: void 0 };
      return {
        files: [{ path: cursorPath(changes.scope.name), content: json(next) }],
        message: `kiln: cursor ${changes.scope.name}`,
        result: void 0
      };
    });
  }
};
async function openBranchLedger(options) {
  const remote = options.remote ?? "origin";
  const top = options.gitRoot === void 0 ? await repoRoot(options.root) : options.gitRoot;
  if (!top) {
    throw new UserError(
      `the ledger branch needs a git repository, and ${options.root} is not in one`,
      "use the local ledger (--ledger local), or run in a clone"
    );
  }
  const url = options.remoteUrl ?? await remoteUrl(top, remote);
  if (url === void 0) {
    throw new UserError(
      `the ledger branch is kept on a remote, and this repository has no remote "${remote}"`,
      `add one (git remote add ${remote} URL) or use the local ledger (--ledger local)`
    );
  }
  const ledger = new BranchLedger({
    cwd: top,
    remote,
    branch: options.branch,
    project: options.project,
    token: options.token,
    remoteUrl: url
  });
  ledger.settleLegacyLayoutOnFirstUse(options.legacy ?? "ignore");
  return ledger;
}
function endedLines(text) {
  return text === "" || text.endsWith("\n") ? text : `${text}
`;
}
export {
  BranchLedger,
  DEFAULT_LEDGER_BRANCH,
  openBranchLedger
};
