import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LocalLedger,
  openLedger
} from "./chunk-7AZK427S.js";
import {
  moveInto
} from "./chunk-SJSYFK5C.js";
import {
  insideOrThrow,
  lexicallyInside,
  resolveInside
} from "./chunk-YT4HA7MX.js";
import {
  DEFAULT_PROMOTING_BRANCHES
} from "./chunk-MKBDC2EO.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  eventDefaultBranch,
  runUrlFromEnv
} from "./chunk-AIVCXB6U.js";
import {
  UserError,
  ancestryOf,
  checkout,
  headHistory,
  remoteDefaultBranch,
  remoteUrl
} from "./chunk-5GPDRZ7E.js";
import {
  kilnDir,
  makeStateDir
} from "./chunk-FICLRJIW.js";

// src/app/environment.ts
var PROD = "prod";
var DEV = "dev";
function isPullRequest(event) {
  return event === "pull_request";
}
function prodBranches(project, defaultBranch) {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length > 0) return declared;
  const claimed = new Set([...project.environments.values()].flatMap((e) => e.branches));
  const defaults = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return defaults.filter((b) => !claimed.has(b));
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

// src/app/workspace.ts
import path3 from "node:path";

// src/store/local.ts
import { createHash as createHash2, randomUUID } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, open, rename, rm, stat as stat2 } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/version/blob.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
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
  }
  dir;
  kind = "local";
  description;
  /** Where the object with this blob id lives: git's own fan-out, `ab/cdef…`. */
  objectPath(blob) {
    if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a git blob id: ${JSON.stringify(blob)}`);
    return path.join(this.dir, blob.slice(0, 2), blob.slice(2));
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
import { statSync } from "node:fs";
import { rm as rm2 } from "node:fs/promises";
import path2 from "node:path";
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
  return verify ? await blobIdOfFile(file) === expected.blob : true;
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
    for await (const store of this.stores()) {
      try {
        if (await store.has(version)) return true;
      } catch {
      }
    }
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
    for (const [file] of files) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok) return refusal(inside);
    }
    const missing = [];
    for (const [file, output] of files)
      if (!await upToDate(path2.resolve(root, file), output, options.verify ?? true)) missing.push(file);
    if (missing.length === 0) return { ok: true, restored: [] };
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok) return refusal(inside);
    }
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
        if (!await upToDate(path2.resolve(root, file), output, true)) wrong.push(file);
      if (wrong.length > 0) {
        looked[looked.length - 1] += ` (gave other bytes for ${wrong.join(", ")})`;
        await Promise.all(wrong.map((file) => rm2(path2.resolve(root, file), { force: true }).catch(() => {
        })));
        continue;
      }
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
      const { ActionsCacheStore } = await import("./actions-cache-7QFSY523.js");
      if (ActionsCacheStore.available()) opened.push(new ActionsCacheStore(options.project.root));
    }
    if (run || withToken) {
      const { ArtifactStore } = await import("./artifact-KOGPMY67.js");
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
        import("./client-7GJKBF5K.js"),
        import("./release-S3ZO75HE.js")
      ]);
      const client = new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
      opened.push(new ReleaseStore({ client, project: options.project.name, commit: options.commit }));
    }
    return opened;
  };
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations
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
  const [found, remoteDefault] = await Promise.all([
    early ? early.checkout : checkout(cwd),
    // origin/HEAD is asked only when the event does not name the default branch; outside a
    // repository it fails like any git call there, and is not used.
    fromEvent !== void 0 ? void 0 : early?.remoteDefaultBranch ?? remoteDefaultBranch(cwd).catch(() => void 0)
  ]);
  if (!found) return {};
  const branch = (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : void 0) || found.branch;
  return {
    root: found.top,
    sha: found.head,
    branch: branch || void 0,
    base: inActions && env.GITHUB_BASE_REF || void 0,
    defaultBranch: fromEvent ?? remoteDefault,
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
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    gitRoot: git.root ?? null,
    inActions: options.env.GITHUB_ACTIONS === "true",
    token: options.token,
    project: project.name,
    legacy: options.legacyLedger
  });
  const local = new LocalStore(path3.join(kilnDir2, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? void 0 : await findToken(options.env));
  const stores = await openStores({
    local,
    project,
    env: options.env,
    token,
    repository: token ? repositoryFrom(options.env, git.root ? await remoteUrl(git.root) : void 0) : void 0,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest: event === "pull_request",
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
      runsDir: path3.join(kilnDir2, "runs"),
      reportsDir: path3.join(kilnDir2, "reports")
    }
  };
}
function workspaceLineage(workspace) {
  const { git, decision } = workspace;
  const root = git.root;
  return {
    environment: workspace.environment,
    branches: [...new Set([git.branch, decision.branch].filter((b) => b !== void 0))],
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : void 0
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

export {
  blobIdOfFile,
  assetPromotionBlocker,
  openWorkspace,
  workspaceLineage
};
