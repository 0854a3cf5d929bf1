import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LocalLedger,
  openInStateDir,
  openLedger,
  syncDescriptor
} from "./chunk-YE6CBXGQ.js";
import {
  moveInto
} from "./chunk-P34CEENB.js";
import {
  require_picomatch
} from "./chunk-VXUOW7BF.js";
import {
  insideOrThrow,
  lexicallyInside,
  normalizeOutputPath,
  resolveInside
} from "./chunk-BUD566VL.js";
import {
  Folder
} from "./chunk-7CZ7Y2OC.js";
import {
  PROD,
  prodBranches
} from "./chunk-LXDUWDU6.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  UserError,
  ancestryOf,
  checkout,
  checkoutFiles,
  hashObjects,
  headCommit,
  headHistory,
  ignoredFiles,
  remoteUrl,
  repoRoot
} from "./chunk-IL3SHYLP.js";
import {
  KILN_DIR_NAME,
  kilnDir,
  makeStateDir
} from "./chunk-FICLRJIW.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

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
  return { ok: true, decision: { name, why, branch: ruleBranch, promotionBlocker } };
}
function assetPromotionBlocker(decision, spec) {
  if (decision.promotionBlocker) return decision.promotionBlocker;
  if (spec.branches && decision.branch !== void 0 && !spec.branches.includes(decision.branch))
    return `branch ${decision.branch} is not among the asset's promote.branches (${spec.branches.join(", ")})`;
  return void 0;
}

// src/github/context.ts
import { readFileSync } from "node:fs";
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function readGitHubContext(env, readEvent = (p) => readFileSync(p, "utf8")) {
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
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT || 1),
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
    fromFork
  };
}
function eventDefaultBranch(env, readEvent = (p) => readFileSync(p, "utf8")) {
  if (!inGitHubActions(env) || !env.GITHUB_EVENT_PATH) return void 0;
  try {
    const event = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    const branch = event?.repository?.default_branch;
    return typeof branch === "string" && branch ? branch : void 0;
  } catch {
    return void 0;
  }
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
import path4 from "node:path";

// src/store/local.ts
import { createHash as createHash2, randomUUID } from "node:crypto";
import {
  closeSync,
  createWriteStream,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync
} from "node:fs";
import { mkdir, open, rename, rm, stat as stat2 } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/version/blob.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
function blobId(bytes) {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return createHash("sha1").update(`blob ${buffer.length}\0`).update(buffer).digest("hex");
}
var SMALL_FILE_BYTES = 1024 * 1024;
async function blobIdOfFile(file) {
  const { size } = await stat(file);
  const hash = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

// src/store/local.ts
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
  const input = await open(source, "r");
  try {
    const { size } = await input.stat();
    const hash = createHash2("sha1").update(`blob ${size}\0`);
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
  const fd = openSync(file, "r");
  try {
    const before = fstatSync(fd, { bigint: true });
    if (before.size > BigInt(SMALL_FILE_BYTES)) return void 0;
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const after = fstatSync(fd, { bigint: true });
    if (read !== bytes.length || after.size !== before.size || after.ctimeNs !== before.ctimeNs)
      throw new Error(`${file} changed while it was being stored; run again`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}
async function syncFile(file) {
  const handle = await open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
      return existsSync(this.objectPath(blob));
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
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    try {
      const stored = await copyHashing(filePath, temp);
      if (stored.blob !== seen.blob) {
        throw new Error(`${filePath} changed while it was being stored; run again`);
      }
      const target = this.objectPath(stored.blob);
      if (this.hasBlobSync(stored.blob)) return stored;
      await syncFile(temp);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
      return stored;
    } finally {
      await rm(temp, { force: true });
    }
  }
  /**
   * Stores bytes already in memory: hashed, and when new, written to a temporary file in the store,
   * synced (the one round trip to the thread pool) and renamed into place, whole or not at all.
   */
  async putBytes(bytes) {
    const stored = { blob: blobId(bytes), size: bytes.length };
    if (this.hasBlobSync(stored.blob)) return stored;
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    const fd = openInStateDir(temp, "wx");
    try {
      try {
        for (let written = 0; written < bytes.length; )
          written += writeSync(fd, bytes, written, bytes.length - written);
        await syncDescriptor(fd);
      } finally {
        closeSync(fd);
      }
      const target = this.objectPath(stored.blob);
      try {
        renameSync(temp, target);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(temp, target);
      }
      return stored;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  async get(blob, destPath) {
    if (!await this.hasBlob(blob)) return false;
    const source = this.objectPath(blob);
    const temp = path.join(this.dir, `.tmp-${randomUUID()}`);
    try {
      const copied = await copyHashing(source, temp);
      if (copied.blob !== blob) throw new StoreCorruptionError(source, blob, copied.blob);
      await syncFile(temp);
      await moveInto(temp, destPath);
      return true;
    } finally {
      await rm(temp, { force: true });
    }
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
  async restore(version, root) {
    if (!await this.has(version)) return false;
    for (const [file, output] of Object.entries(version.outputs)) {
      if (!await this.get(output.blob, await insideOrThrow(root, file, "write"))) return false;
    }
    return true;
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
import { readFileSync as readFileSync2, statSync } from "node:fs";
import { rm as rm3 } from "node:fs/promises";
import path3 from "node:path";

// src/store/unlisted-files.ts
import { lstat, readdir, rm as rm2, rmdir } from "node:fs/promises";
import path2 from "node:path";
async function removeUnlistedFiles(root, declared, listed, mode = "all") {
  const removed = [];
  for (const output of declared) {
    if (Object.hasOwn(listed, output)) continue;
    const inside = await resolveInside(root, output);
    if (!inside.ok) continue;
    const info = await lstat(inside.path).catch(() => void 0);
    if (!info?.isDirectory()) continue;
    const files = /* @__PURE__ */ new Set();
    const folders = /* @__PURE__ */ new Set();
    for (const file of Object.keys(listed)) {
      const relative = path2.relative(inside.path, path2.resolve(root, file));
      if (relative === "" || relative.startsWith("..") || path2.isAbsolute(relative)) continue;
      files.add(relative);
      for (let at = path2.dirname(relative); at !== "."; at = path2.dirname(at)) folders.add(at);
    }
    const entries = await readdir(inside.path, { recursive: true, withFileTypes: true });
    const gone = [];
    const emptied = /* @__PURE__ */ new Set();
    const here = [];
    const isGone = (relative) => gone.some((folder) => relative.startsWith(folder + path2.sep));
    for (const entry of entries) {
      const relative = path2.relative(inside.path, path2.join(entry.parentPath, entry.name));
      if (isGone(relative)) continue;
      const directory = entry.isDirectory();
      const blocking = directory ? files.has(relative) : folders.has(relative);
      const unlisted = mode === "all" && entry.isFile() && !files.has(relative);
      if (!blocking && !unlisted) continue;
      if (directory) gone.push(relative);
      await rm2(path2.join(inside.path, relative), { recursive: true, force: true });
      here.push(relative);
      if (!directory) emptied.add(path2.dirname(relative));
    }
    const candidates = /* @__PURE__ */ new Set();
    for (let folder of emptied)
      for (; folder !== "." && !folders.has(folder); folder = path2.dirname(folder)) candidates.add(folder);
    for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
      if (isGone(folder)) continue;
      const ok = await rmdir(path2.join(inside.path, folder)).then(
        () => true,
        () => false
      );
      if (!ok) continue;
      gone.push(folder);
    }
    const reported = new Set([...here, ...gone].filter((relative) => !isGone(relative)));
    for (const relative of reported)
      removed.push(path2.relative(root, path2.join(inside.path, relative)).split(path2.sep).join("/"));
  }
  return removed;
}

// src/store/chain.ts
var TIERS = {
  cache: ["cache"],
  artifact: ["cache", "artifact"],
  release: ["cache", "artifact", "release"]
};
async function upToDate(file, expected, verify) {
  let info;
  try {
    info = statSync(file, { throwIfNoEntry: false });
  } catch {
    return false;
  }
  if (!info?.isFile() || info.size !== expected.size) return false;
  if (!verify) return true;
  if (info.size <= SMALL_FILE_BYTES) {
    try {
      return blobId(readFileSync2(file)) === expected.blob;
    } catch {
      return false;
    }
  }
  return await blobIdOfFile(file) === expected.blob;
}
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
  }
  local;
  options;
  openRemotes;
  opened;
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
   * Puts the version's outputs at their paths under `root`, from the first backend that has them.
   * Fails with the version, the missing files and every place looked at.
   */
  async restore(root, version, options = {}) {
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
      if (!await upToDate(at[i], output, options.verify ?? true)) missing.push(file);
    if (missing.length === 0) {
      await removeUnlistedFiles(root, declared, version.outputs);
      return { ok: true, restored: [] };
    }
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok) return refusal(inside);
    }
    await removeUnlistedFiles(root, declared, version.outputs, "blocking");
    const looked = [];
    for await (const store of this.stores()) {
      looked.push(store.describeLookup(version));
      let got;
      try {
        got = await store.restore(version, root);
      } catch (error) {
        looked[looked.length - 1] += ` (failed: ${error instanceof Error ? error.message : String(error)})`;
        continue;
      }
      if (!got) continue;
      const wrong = [];
      for (const [file, output] of files)
        if (!await upToDate(path3.resolve(root, file), output, true)) wrong.push(file);
      if (wrong.length > 0) {
        looked[looked.length - 1] += ` (gave other bytes for ${wrong.join(", ")})`;
        await Promise.all(wrong.map((file) => rm3(path3.resolve(root, file), { force: true }).catch(() => {
        })));
        continue;
      }
      await removeUnlistedFiles(root, declared, version.outputs);
      if (store !== this.local) await this.local.save(version, root);
      if (store.kind === "artifact" || store.kind === "release") await this.recache(version, root);
      return { ok: true, restored: missing, from: store };
    }
    return {
      ok: false,
      error: `the outputs of ${version.asset} v${version.version} (${missing.join(", ")}) are in no store; looked in ${looked.join("; ")}. Rebuild it with \`kiln run ${version.asset} --force\``
    };
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
   * Makes a version's bytes durable in the backends its asset's `store` names, before its record
   * is written. Throws when one of them fails, so no record ever points at bytes kept nowhere.
   */
  async save(version, root, tier) {
    const locations = [];
    if (Object.keys(version.outputs).length === 0) return locations;
    for (const file of Object.keys(version.outputs)) await insideOrThrow(root, file, "read");
    const wanted = new Set(TIERS[tier]);
    if (this.options.publishPublic === false) wanted.delete("release");
    for (const store of await this.remotes()) {
      if (!wanted.has(store.kind)) continue;
      locations.push(...await store.save(version, root));
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
      const { ActionsCacheStore } = await import("./actions-cache-J5OHZCHI.js");
      if (ActionsCacheStore.available()) opened.push(new ActionsCacheStore(options.project.root));
    }
    if (run || withToken) {
      const { ArtifactStore } = await import("./artifact-7JVV4JBQ.js");
      opened.push(
        new ArtifactStore({
          run,
          repository: withToken,
          retentionDays: (asset) => options.project.assets.get(asset)?.retentionDays
        })
      );
    }
    if (withToken) {
      const [{ GitHubClient }, { ReleaseStore }] = await Promise.all([
        import("./client-WICTJYJU.js"),
        import("./release-JKYMJWYD.js")
      ]);
      const client = new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
      opened.push(new ReleaseStore({ client, project: options.project.name, commit: options.commit }));
    }
    return opened;
  };
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations,
    declaredOutputs: (asset) => options.project.assets.get(asset)?.outputs
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
  return ref?.replace(/^refs\/heads\//, "").replace(/^(origin|upstream)\//, "") || void 0;
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
  const local = new LocalStore(path4.join(kilnDir2, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? void 0 : await findToken(options.env));
  const stores = await openStores({
    local,
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
      ledger,
      stores,
      git,
      reads,
      kilnDir: kilnDir2,
      runsDir: path4.join(kilnDir2, "runs"),
      reportsDir: path4.join(kilnDir2, "reports")
    }
  };
}
function workspaceLineage(workspace) {
  const { git, decision } = workspace;
  const root = git.root;
  return {
    environment: workspace.environment,
    branches: [...new Set([git.branch, decision.branch].filter((b) => b !== void 0))],
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : void 0,
    pullRequest: isPullRequest(workspace.event)
  };
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

// src/version/fingerprint.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { readdir as readdir2 } from "node:fs/promises";
import path6 from "node:path";

// src/domain/turn-batch.ts
function turnBatch(answer) {
  let batch;
  return (item) => {
    if (!batch) {
      const items = [];
      const done = new Promise(
        (resolve, reject) => setImmediate(() => {
          batch = void 0;
          answer(items).then(resolve, reject);
        })
      );
      batch = { items, done };
    }
    return { at: batch.items.push(item) - 1, done: batch.done };
  };
}

// src/version/ignored-files.ts
function ignoredFilesOf(top, prefix, skipped) {
  const answers = /* @__PURE__ */ new Map();
  const asked = /* @__PURE__ */ new Map();
  const found = /* @__PURE__ */ new Set();
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch(
    (folders) => ignoredFiles(
      top,
      folders.map((f) => f === "" ? prefix : `${strip}${f}`)
    )
  );
  return {
    under(folder) {
      let pending = asked.get(folder);
      if (!pending) {
        pending = ask(folder).done.then((all) => {
          const inside = folder === "" ? "" : `${folder}/`;
          const files = all.filter((file) => file.startsWith(strip)).map((file) => file.slice(strip.length)).filter((file) => (file === folder || file.startsWith(inside)) && !skipped(file)).sort();
          answers.set(folder, files);
          for (const file of files) found.add(file);
          return files;
        });
        asked.set(folder, pending);
      }
      return pending;
    },
    known: (folder) => answers.get(folder),
    includes: (file) => found.has(file),
    get found() {
      return found.size;
    },
    answered: () => answers
  };
}

// src/version/working-file.ts
import { existsSync as existsSync2 } from "node:fs";
import { lstat as lstat2, readlink, stat as stat3 } from "node:fs/promises";
import path5 from "node:path";
function workingFiles(root, git) {
  const hashed = /* @__PURE__ */ new Map();
  const committedBlob = git ? gitBlobs(git.top, git.prefix) : void 0;
  return {
    blobOf(file) {
      let pending = hashed.get(file);
      if (!pending) {
        pending = workingBlobId(root, file, committedBlob);
        hashed.set(file, pending);
      }
      return pending;
    }
  };
}
function gitBlobs(top, prefix) {
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch(
    (files) => hashObjects(
      top,
      files.map((f) => `${strip}${f}`)
    )
  );
  return (file) => {
    const { at, done } = ask(file);
    return done.then((ids) => ids[at]);
  };
}
async function workingBlobId(root, file, committedBlob) {
  const full = path5.join(root, file);
  try {
    const entry = await lstat2(full);
    if (entry.isSymbolicLink()) {
      const target = await stat3(full).catch((error) => danglingLink(full, file, error));
      if (target.isDirectory())
        throw new UserError(
          `${file} is a symbolic link to a folder (${await readlink(full)}), and a \`code\` or \`inputs\` pattern matches it`,
          "a version is a list of files: link the files themselves, or give the folder's files a pattern of their own (Kiln does not follow links to folders)"
        );
      return await blobIdOfFile(full);
    }
    if (entry.isDirectory()) return await repositoryCommit(full, file);
    return committedBlob ? await committedBlob(file) : await blobIdOfFile(full);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `cannot read ${file}, which a \`code\` or \`inputs\` pattern matches: ${error.message}`,
      "make it readable, or narrow the pattern so that it does not match it"
    );
  }
}
async function danglingLink(full, file, error) {
  if (error.code !== "ENOENT") throw error;
  const target = await readlink(full).catch(() => "?");
  throw new UserError(
    `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
    "fix or remove the link, or narrow the pattern so that it does not match"
  );
}
async function repositoryCommit(full, file) {
  const commit = existsSync2(path5.join(full, ".git")) ? await headCommit(full) : void 0;
  if (commit === void 0)
    throw new UserError(
      `${file} is a folder with no commit checked out, and a \`code\` or \`inputs\` pattern matches it`,
      "check out the submodule (`git submodule update --init`), or narrow the pattern"
    );
  return commit;
}

// src/version/fingerprint.ts
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set([".git", "node_modules", KILN_DIR_NAME]);
var inSkippedDirectory = (file) => file.split("/").some((part) => SKIPPED_DIRECTORIES.has(part));
var isKilnState = (file) => file.startsWith(`${KILN_DIR_NAME}/`) || file.includes(`/${KILN_DIR_NAME}/`);
async function walk(root) {
  const entries = await readdir2(root, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const relative = path6.relative(root, path6.join(entry.parentPath, entry.name)).split(path6.sep).join("/");
    if (inSkippedDirectory(relative)) continue;
    files.push(relative);
  }
  return files.sort();
}
async function projectFiles(projectRoot, known) {
  const gitRoot = known?.gitRoot === void 0 ? await repoRoot(projectRoot) : known.gitRoot ?? void 0;
  const working = workingFiles(
    projectRoot,
    gitRoot ? { top: gitRoot, prefix: projectPrefix(gitRoot, projectRoot) } : void 0
  );
  const hash = working.blobOf;
  if (!gitRoot) {
    const files2 = await walk(projectRoot);
    const index2 = {
      files: files2,
      blobOf: hash,
      committedBlobAt: () => void 0,
      fromGit: false,
      anyUncommitted: false,
      anyHashed: files2.length > 0,
      hashed: () => true,
      uncommitted: () => false
    };
    return { working, index: () => index2 };
  }
  const files = await known?.files ?? await checkoutFiles(gitRoot);
  const ignored = ignoredFilesOf(
    gitRoot,
    projectPrefix(gitRoot, projectRoot),
    (file) => isKilnState(file) || inSkippedDirectory(file)
  );
  let index;
  return {
    git: { files, top: gitRoot },
    working,
    ignored,
    index: () => {
      index ??= gitIndex(projectRoot, gitRoot, files, hash, ignored);
      return index;
    }
  };
}
function gitIndex(projectRoot, gitRoot, git, hash, ignored) {
  const { entries, changes: status } = git;
  const prefix = projectPrefix(gitRoot, projectRoot);
  const strip = prefix ? `${prefix}/` : "";
  let files = [];
  let committed = [];
  const { paths, blobs, symlinks } = entries;
  const anyChanged = status.deleted.size > 0 || status.changed.size > 0;
  const links = /* @__PURE__ */ new Set();
  for (let i = 0; i < paths.length; i++) {
    const file = paths[i];
    if (strip && !file.startsWith(strip)) continue;
    if (anyChanged && status.deleted.has(file)) continue;
    const relative = strip ? file.slice(strip.length) : file;
    if (isKilnState(relative)) continue;
    files.push(relative);
    const changed = anyChanged && status.changed.has(file);
    const link = symlinks.size > 0 && symlinks.has(file);
    if (link && !changed) links.add(relative);
    committed.push(changed || link ? void 0 : blobs[i]);
  }
  for (const file of status.untracked) {
    const relative = file.slice(strip.length);
    if (file.startsWith(strip) && !isKilnState(relative)) {
      files.push(relative);
      committed.push(void 0);
    }
  }
  if (!isSorted(files)) {
    const order = files.map((_, i) => i).sort((a, b) => files[a] < files[b] ? -1 : files[a] > files[b] ? 1 : 0);
    files = order.map((i) => files[i]);
    committed = order.map((i) => committed[i]);
  }
  const cleanCount = committed.reduce((n, blob) => blob === void 0 ? n : n + 1, 0);
  let byName;
  const clean = () => {
    if (!byName) {
      byName = /* @__PURE__ */ new Map();
      for (let i = 0; i < files.length; i++)
        if (committed[i] !== void 0) byName.set(files[i], committed[i]);
    }
    return byName;
  };
  return {
    files,
    blobOf: (file) => {
      const blob = clean().get(file);
      return blob ? Promise.resolve(blob) : hash(file);
    },
    committedBlobAt: (i) => committed[i],
    fromGit: true,
    anyUncommitted: cleanCount + links.size < files.length,
    // A getter: ignored files are found as patterns ask for them.
    get anyHashed() {
      return cleanCount < files.length || ignored.found > 0;
    },
    hashed: (file) => !clean().has(file),
    // `git status` lists staged changes too, so a file that is clean here matches HEAD. A link's
    // target and an ignored file are versioned by content but are no change to the commit.
    uncommitted: (file) => !clean().has(file) && !links.has(file) && !ignored.includes(file),
    ignored
  };
}
function projectPrefix(gitRoot, projectRoot) {
  return path6.relative(gitRoot, projectRoot).split(path6.sep).join("/");
}
function isSorted(files) {
  for (let i = 1; i < files.length; i++) if (files[i - 1] > files[i]) return false;
  return true;
}
function lowerBound(files, prefix) {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (files[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
var compiledPatterns = /* @__PURE__ */ new Map();
var globMatchers = /* @__PURE__ */ new Map();
function globMatcher(glob) {
  let matcher = globMatchers.get(glob);
  if (!matcher) {
    const regex = import_picomatch.default.makeRe(glob, { dot: true });
    matcher = (path7) => path7 !== "" && (path7 === glob || regex.test(path7));
    globMatchers.set(glob, matcher);
  }
  return matcher;
}
var RARE_GLOB_CHARACTERS = /[?[\]{}()!+@\\]/;
function compilePattern(pattern) {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const normalized = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  compiled = RARE_GLOB_CHARACTERS.test(normalized) ? scanPattern(normalized) : simplePattern(normalized);
  compiledPatterns.set(pattern, compiled);
  return compiled;
}
function simplePattern(normalized) {
  const star = normalized.indexOf("*");
  if (star < 0) return { normalized, base: normalized };
  const slash = normalized.lastIndexOf("/", star);
  if (slash <= 0) return { normalized, base: "", test: globMatcher(normalized) };
  return { normalized, base: normalized.slice(0, slash), test: globMatcher(normalized.slice(slash + 1)) };
}
function scanPattern(normalized) {
  let compiled;
  const scan = import_picomatch.default.scan(normalized);
  if (!scan.isGlob) compiled = { normalized, base: normalized };
  else if (scan.base && !scan.negated && normalized === `${scan.base}/${scan.glob}`)
    compiled = { normalized, base: scan.base, test: globMatcher(scan.glob) };
  else compiled = { normalized, base: "", test: globMatcher(normalized) };
  return compiled;
}
function matchPositions(files, pattern, exclude) {
  const { normalized, base, test } = compilePattern(pattern);
  const found = [];
  if (!test) {
    const exact = lowerBound(files, normalized);
    if (files[exact] === normalized) {
      if (!exclude?.(normalized)) found.push(exact);
      return found;
    }
  }
  const prefix = base ? `${base}/` : "";
  const skip = prefix.length;
  for (let i = lowerBound(files, prefix); i < files.length; i++) {
    const file = files[i];
    if (!file.startsWith(prefix)) break;
    if (test && !test(skip ? file.slice(skip) : file)) continue;
    if (exclude?.(file)) continue;
    found.push(i);
  }
  return found;
}
function matchPattern(files, pattern, exclude) {
  return matchPositions(files, pattern, exclude).map((i) => files[i]);
}
function outputFilter(outputs) {
  const declared = /* @__PURE__ */ new Set();
  for (const output of outputs) declared.add(normalizeOutputPath(output));
  if (declared.size === 0) return () => false;
  return (file) => {
    if (declared.has(file)) return true;
    for (let slash = file.indexOf("/"); slash >= 0; slash = file.indexOf("/", slash + 1))
      if (declared.has(file.slice(0, slash))) return true;
    return false;
  };
}
function matchAll(index, patterns, exclude) {
  const unmatched = [];
  if (patterns.length === 1) {
    const positions = matchPositions(index.files, patterns[0], exclude);
    if (positions.length === 0) unmatched.push(patterns[0]);
    return { positions, unmatched };
  }
  const matched = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const found = matchPositions(index.files, pattern, exclude);
    if (found.length === 0) unmatched.push(pattern);
    for (const position of found) matched.add(position);
  }
  return { positions: [...matched].sort((a, b) => a - b), unmatched };
}
async function fingerprint(index, patterns, options = {}) {
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } = unlisted.length > 0 && index.ignored ? ignoredMatches(
    unlisted,
    await Promise.all(unlisted.map((pattern) => index.ignored.under(ignoredFolder(pattern)))),
    options.exclude
  ) : { ignored: [], unmatched: unlisted };
  const files = /* @__PURE__ */ Object.create(null);
  const hashing = [];
  for (const position of positions) {
    const file = index.files[position];
    const blob = index.committedBlobAt(position);
    files[file] = blob ?? "";
    if (blob === void 0)
      hashing.push(
        index.blobOf(file).then((hashed) => {
          files[file] = hashed;
        })
      );
  }
  for (const file of ignored)
    hashing.push(
      index.blobOf(file).then((hashed) => {
        files[file] = hashed;
      })
    );
  if (hashing.length > 0) await Promise.all(hashing);
  return { files, unmatched };
}
function ignoredMatches(patterns, ignored, exclude) {
  const found = /* @__PURE__ */ new Set();
  const unmatched = [];
  patterns.forEach((pattern, i) => {
    const matches = matchPattern(ignored[i], pattern, exclude);
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(file);
  });
  return { ignored: [...found].sort(), unmatched };
}
var ignoredFolder = (pattern) => compilePattern(pattern).base;
var unmatchedWarning = (asset, pattern) => `asset ${asset}: pattern ${JSON.stringify(pattern)} matches no file`;
var UNMATCHED_HINT = "no tracked, untracked or gitignored file matches it, so no change there makes anything stale: fix the pattern, or remove it";
async function unmatchedPatterns(index, patterns, options = {}) {
  const { unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  if (unlisted.length === 0 || !index.ignored) return unlisted;
  const ignored = await Promise.all(unlisted.map((pattern) => index.ignored.under(ignoredFolder(pattern))));
  return ignoredMatches(unlisted, ignored, options.exclude).unmatched;
}
function fingerprintKnown(index, patterns, hashed, options = {}) {
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } = unlisted.length > 0 && index.ignored ? ignoredMatches(
    unlisted,
    unlisted.map((pattern) => {
      const known = index.ignored.known(ignoredFolder(pattern));
      if (!known) throw new Error(`bug: the ignored files for "${pattern}" were not asked`);
      return known;
    }),
    options.exclude
  ) : { ignored: [], unmatched: unlisted };
  const files = /* @__PURE__ */ Object.create(null);
  const take = (file, blob) => {
    if (blob === void 0) throw new Error(`bug: no blob id known for the uncommitted file ${file}`);
    files[file] = blob;
  };
  for (const position of positions) {
    const file = index.files[position];
    take(file, index.committedBlobAt(position) ?? hashed(file));
  }
  for (const file of ignored) take(file, hashed(file));
  return { files, unmatched };
}

export {
  blobIdOfFile,
  projectFiles,
  outputFilter,
  fingerprint,
  unmatchedWarning,
  UNMATCHED_HINT,
  unmatchedPatterns,
  fingerprintKnown,
  assetPromotionBlocker,
  readGitHubContext,
  runUrlFromEnv,
  openWorkspace,
  workspaceLineage
};
