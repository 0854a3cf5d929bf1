import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  dependencyRecord
} from "./chunk-7M2RRYIE.js";
import {
  ObserveError,
  observeSource
} from "./chunk-V3RJ3XOT.js";
import {
  blobIdOfFile
} from "./chunk-JWCO5MI5.js";
import {
  codeVersion,
  logicalVersion,
  sha256,
  sourceDataVersion
} from "./chunk-TYLAMZFN.js";
import {
  headLogOf,
  isExperiment
} from "./chunk-BTNTUVAR.js";
import {
  require_picomatch
} from "./chunk-VXUOW7BF.js";
import {
  normalizeOutputPath
} from "./chunk-YT4HA7MX.js";
import {
  dependencyRef,
  mergeConfig,
  refAsset,
  resolveConfig,
  resolveEnv
} from "./chunk-MKBDC2EO.js";
import {
  buildGraph
} from "./chunk-AJBSU7EQ.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  UserError,
  changedPaths,
  indexEntries,
  repoRoot
} from "./chunk-VWISJ7BJ.js";
import {
  KILN_DIR_NAME
} from "./chunk-FICLRJIW.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

// src/manifest/overrides.ts
var ASSIGNMENT = /^([a-z][a-z0-9_-]*)((?:\.[^.=\s]+)+)=([\s\S]*)$/;
var EXAMPLE = "ASSET.KEY=VALUE, e.g. model.max_depth=4";
function parseAssignments(texts) {
  const assignments = [];
  const errors = [];
  for (const text of texts) {
    const match = ASSIGNMENT.exec(text.trim());
    if (!match) {
      errors.push(`"${text}" is not ${EXAMPLE}`);
      continue;
    }
    assignments.push({ asset: match[1], path: match[2].slice(1).split("."), raw: match[3] });
  }
  return { assignments, errors };
}
function splitConfigInput(text) {
  const trimmed = text.trim();
  if (!trimmed) return { texts: [], errors: [] };
  if (trimmed.startsWith("{")) {
    let parsed;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { texts: [], errors: [`the config input is not valid JSON: ${error.message}`] };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      return { texts: [], errors: ['the config input must be a JSON object such as {"model.max_depth": 4}'] };
    return {
      texts: Object.entries(parsed).map(([key, value]) => `${key}=${JSON.stringify(value)}`),
      errors: []
    };
  }
  const starts = [...trimmed.matchAll(/(?:^|\s)([a-z][a-z0-9_-]*(?:\.[^.=\s]+)+=)/g)].map(
    (m) => m.index + m[0].length - m[1].length
  );
  if (starts[0] !== 0) return { texts: [], errors: [`the config input "${trimmed}" is not ${EXAMPLE}`] };
  return {
    texts: starts.map((start, i) => trimmed.slice(start, starts[i + 1]).trim()),
    errors: []
  };
}
function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function parseValue(raw, current) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = void 0;
  }
  if (typeof current === "string") return { value: typeof parsed === "string" ? parsed : raw };
  if (parsed === void 0)
    return {
      error: `${JSON.stringify(raw)} is not a JSON value (the manifest's value is ${jsonType(current)}: ${JSON.stringify(current)})`
    };
  if (current !== null && jsonType(parsed) !== jsonType(current))
    return {
      error: `${raw} is ${jsonType(parsed)}, but the manifest's value is ${jsonType(current)} (${JSON.stringify(current)})`
    };
  return { value: parsed };
}
function resolveOverrides(project, environment, assignments) {
  const errors = [];
  const byAsset = /* @__PURE__ */ new Map();
  const texts = [];
  const seen = /* @__PURE__ */ new Set();
  const assetNames = [...project.assets.keys()];
  for (const { asset: name, path: path3, raw } of assignments) {
    const key = `${name}.${path3.join(".")}`;
    const asset = project.assets.get(name);
    if (!asset) {
      const suggestion = closest(name, assetNames);
      errors.push(
        `--set ${key}: unknown asset "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`
      );
      continue;
    }
    const config = resolveConfig(project, asset, environment);
    if (Object.keys(config).length === 0) {
      errors.push(`--set ${key}: asset "${name}" has no config in the manifest, so there is nothing to set`);
      continue;
    }
    let node = config;
    let problem;
    for (const [i, segment] of path3.entries()) {
      if (!isObject(node)) {
        problem = `${path3.slice(0, i).join(".")} is ${jsonType(node)}, not an object with keys`;
        break;
      }
      if (!(segment in node)) {
        const keys = Object.keys(node);
        const suggestion = closest(segment, keys);
        const where = i === 0 ? `${name} has no config key` : `${path3.slice(0, i).join(".")} has no key`;
        problem = `${where} "${segment}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (keys: ${keys.join(", ")})`;
        break;
      }
      node = node[segment];
    }
    if (problem) {
      errors.push(`--set ${key}: ${problem}`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`--set ${key}: set twice`);
      continue;
    }
    seen.add(key);
    const parsed = parseValue(raw, node);
    if ("error" in parsed) {
      errors.push(`--set ${key}: ${parsed.error}`);
      continue;
    }
    byAsset.set(name, [...byAsset.get(name) ?? [], { asset: name, path: path3, value: parsed.value }]);
    texts.push(`${key}=${JSON.stringify(parsed.value)}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides: { byAsset, texts } };
}
function applyOverrides(config, overrides) {
  let merged = config;
  for (const { path: path3, value } of overrides ?? []) {
    const patch = {};
    let node = patch;
    for (const segment of path3.slice(0, -1)) node = node[segment] = {};
    node[path3.at(-1)] = value;
    merged = mergeConfig(merged, patch);
  }
  return merged;
}
function overridesRecord(overrides) {
  return Object.fromEntries(overrides.map((o) => [o.path.join("."), o.value]));
}
function overridesFrom(project, environment, texts) {
  const { assignments, errors } = parseAssignments(texts);
  const resolved = resolveOverrides(project, environment, assignments);
  const all = [...errors, ...resolved.ok ? [] : resolved.errors];
  if (all.length > 0) return { ok: false, errors: all };
  return resolved;
}
var OVERRIDES_HINT = "set a key the asset's config already has, as ASSET.KEY=VALUE with a JSON value, e.g. --set model.max_depth=4 (see `kiln show ASSET` for its config)";

// src/version/status.ts
import path2 from "node:path";

// src/version/fingerprint.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { lstat, readdir, readlink } from "node:fs/promises";
import path from "node:path";
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set([".git", "node_modules", KILN_DIR_NAME]);
var isKilnState = (file) => file.startsWith(`${KILN_DIR_NAME}/`) || file.includes(`/${KILN_DIR_NAME}/`);
async function walk(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (relative.split("/").some((part) => SKIPPED_DIRECTORIES.has(part))) continue;
    files.push(relative);
  }
  return files.sort();
}
async function danglingLink(root, file, error) {
  if (error.code === "ENOENT") {
    const link = await lstat(path.join(root, file)).catch(() => void 0);
    if (link?.isSymbolicLink()) {
      const target = await readlink(path.join(root, file)).catch(() => "?");
      throw new UserError(
        `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
        "fix or remove the link, or narrow the pattern so that it does not match"
      );
    }
  }
  throw error;
}
async function indexProjectFiles(projectRoot, known) {
  const hashed = /* @__PURE__ */ new Map();
  const hash = (file) => {
    let pending = hashed.get(file);
    if (!pending) {
      pending = blobIdOfFile(path.join(projectRoot, file)).catch(
        (error) => danglingLink(projectRoot, file, error)
      );
      hashed.set(file, pending);
    }
    return pending;
  };
  const gitRoot = known?.gitRoot === void 0 ? await repoRoot(projectRoot) : known.gitRoot ?? void 0;
  if (!gitRoot) {
    const files2 = await walk(projectRoot);
    return {
      files: files2,
      blobOf: hash,
      committedBlobAt: () => void 0,
      fromGit: false,
      anyUncommitted: false,
      uncommitted: () => false
    };
  }
  const early = await known?.files;
  const [entries, status] = early ? [early.entries, early.changes] : await Promise.all([indexEntries(gitRoot), changedPaths(gitRoot)]);
  const prefix = path.relative(gitRoot, projectRoot).split(path.sep).join("/");
  const strip = prefix ? `${prefix}/` : "";
  let files = [];
  let committed = [];
  const { paths, blobs } = entries;
  const anyChanged = status.deleted.size > 0 || status.changed.size > 0;
  for (let i = 0; i < paths.length; i++) {
    const file = paths[i];
    if (strip && !file.startsWith(strip)) continue;
    if (anyChanged && status.deleted.has(file)) continue;
    const relative = strip ? file.slice(strip.length) : file;
    if (isKilnState(relative)) continue;
    files.push(relative);
    const blob = !anyChanged || !status.changed.has(file) ? blobs[i] : void 0;
    committed.push(blob);
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
    anyUncommitted: cleanCount < files.length,
    // `git status` lists staged changes too, so a file that is clean here matches HEAD.
    uncommitted: (file) => !clean().has(file)
  };
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
    matcher = (path3) => path3 !== "" && (path3 === glob || regex.test(path3));
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
async function fingerprint(index, patterns, options = {}) {
  let positions;
  const unmatched = [];
  if (patterns.length === 1) {
    positions = matchPositions(index.files, patterns[0], options.exclude);
    if (positions.length === 0) unmatched.push(patterns[0]);
  } else {
    const matched = /* @__PURE__ */ new Set();
    for (const pattern of patterns) {
      const found = matchPositions(index.files, pattern, options.exclude);
      if (found.length === 0) unmatched.push(pattern);
      for (const position of found) matched.add(position);
    }
    positions = [...matched].sort((a, b) => a - b);
  }
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
  if (hashing.length > 0) await Promise.all(hashing);
  return { files, unmatched };
}

// src/version/flatten.ts
function flatten(value, prefix = "", into = {}) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = JSON.stringify(value);
  }
  return into;
}

// src/version/lineage.ts
async function lineageFilter(lineage, records) {
  const sameEnvironment = (r) => r.context.environment === lineage.environment;
  if (!lineage.ancestry) return sameEnvironment;
  const commits = [
    ...new Set(records.filter(sameEnvironment).flatMap((r) => r.context.gitSha ? [r.context.gitSha] : []))
  ];
  const answer = commits.length > 0 ? await lineage.ancestry(commits) : { ancestors: /* @__PURE__ */ new Set(), present: /* @__PURE__ */ new Set(), shallow: false };
  return (record) => {
    if (!sameEnvironment(record)) return false;
    const sha = record.context.gitSha;
    if (sha && answer.ancestors.has(sha)) return true;
    if (sha && answer.present.has(sha) && !answer.shallow) return false;
    return record.context.ref !== void 0 && lineage.branches.includes(record.context.ref);
  };
}

// src/version/status.ts
function diffMaps(before, after) {
  const changed = [];
  const added = [];
  const removed = [];
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) added.push(key);
    else if (before[key] !== value) changed.push(key);
  }
  for (const key of Object.keys(before)) if (!(key in after)) removed.push(key);
  return { changed, added, removed };
}
function staleCauses(before, after) {
  const causes = [];
  if (after.overrides) {
    const set = Object.entries(after.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    causes.push({
      kind: "config-set-at-run-time",
      text: `experiment: config set for this run (${set.join(", ")})`
    });
  }
  if (before.codeVersion !== after.codeVersion) {
    if (before.codeVersion.startsWith("declared:") || after.codeVersion.startsWith("declared:")) {
      const show = (v) => v.startsWith("declared:") ? v.slice("declared:".length) : "from files";
      causes.push({
        kind: "code-version-changed",
        text: `code version changed (${show(before.codeVersion)} \u2192 ${show(after.codeVersion)})`
      });
    } else {
      const code = diffMaps(before.code, after.code);
      for (const file of [...code.changed, ...code.added, ...code.removed])
        causes.push({ kind: "code-changed", text: `code changed (${file})` });
      if (before.runHash !== after.runHash) causes.push({ kind: "run-changed", text: "run command changed" });
    }
  }
  const beforeConfig = flatten(before.config);
  const afterConfig = flatten(after.config);
  const config = diffMaps(beforeConfig, afterConfig);
  for (const key of config.changed)
    causes.push({
      kind: "config-changed",
      text: `config changed (${key} ${beforeConfig[key]} \u2192 ${afterConfig[key]})`
    });
  for (const key of config.added)
    causes.push({ kind: "config-changed", text: `config changed (${key} added: ${afterConfig[key]})` });
  for (const key of config.removed)
    causes.push({ kind: "config-changed", text: `config changed (${key} removed)` });
  const env = diffMaps(before.env, after.env);
  for (const name of [...env.changed, ...env.added, ...env.removed])
    causes.push({ kind: "env-changed", text: `env changed (${name})` });
  const inputs = diffMaps(before.inputs, after.inputs);
  for (const file of inputs.changed) causes.push({ kind: "input-changed", text: `input changed (${file})` });
  for (const file of inputs.added) causes.push({ kind: "input-added", text: `input added (${file})` });
  for (const file of inputs.removed) causes.push({ kind: "input-removed", text: `input removed (${file})` });
  for (const [dep, version] of Object.entries(after.deps)) {
    if (!(dep in before.deps)) causes.push({ kind: "dependency-added", text: `dependency added: ${dep}` });
    else if (version !== void 0 && before.deps[dep] !== version) {
      causes.push({ kind: "dependency-updated", text: `dependency ${dep} has a new data version` });
    }
  }
  for (const dep of Object.keys(before.deps))
    if (!(dep in after.deps)) causes.push({ kind: "dependency-removed", text: `dependency removed: ${dep}` });
  const beforeOutputs = new Set(before.outputs ?? []);
  const afterOutputs = new Set(after.outputs ?? []);
  for (const output of afterOutputs)
    if (!beforeOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} added)` });
  for (const output of beforeOutputs)
    if (!afterOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} removed)` });
  return causes;
}
function declaredOutputs(asset) {
  const outputs = [...new Set(asset.outputs.map(normalizeOutputPath))].sort();
  return outputs.length > 0 ? outputs : void 0;
}
function withDeclaredOutputs(record, declared) {
  if (record.provenance.outputs !== void 0) return record;
  const files = Object.keys(record.outputs ?? {});
  if (files.length === 0 || logicalVersion(record.provenance) !== record.logicalVersion) return record;
  const isDeclared = outputFilter(declared ?? []);
  const same = declared !== void 0 && files.every(isDeclared) && declared.every((output) => files.some((file) => outputFilter([output])(file)));
  const provenance = { ...record.provenance, outputs: same ? declared : files.sort() };
  return { ...record, provenance, logicalVersion: logicalVersion(provenance) };
}
function versionedEnv(project, asset, environment) {
  const env = {};
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    env[name] = typeof value === "object" ? `secret:${value.secret}` : String(value);
  }
  return env;
}
async function prepare(project, asset, environment, index, ledger, overrides, outputs, load) {
  const [code, inputs, log, failures] = await Promise.all([
    asset.codeVersion === void 0 ? fingerprint(index, asset.code, { exclude: outputs }) : Promise.resolve({ files: {}, unmatched: [] }),
    fingerprint(index, asset.inputs),
    headLogOf(ledger, asset.name),
    ledger.failures(asset.name)
  ]);
  const runHash = sha256(asset.run);
  const declared = declaredOutputs(asset);
  const own = overrides?.byAsset.get(asset.name);
  return {
    base: {
      codeVersion: codeVersion({ declared: asset.codeVersion, runHash, code: code.files }),
      code: code.files,
      runHash,
      config: applyOverrides(resolveConfig(project, asset, environment), own),
      env: versionedEnv(project, asset, environment),
      inputs: inputs.files,
      ...own ? { overrides: overridesRecord(own) } : {},
      outputs: declared
    },
    // Outside an experiment, an experiment's records do not exist for freshness.
    records: new AssetHeads(asset.name, log, load, overrides !== void 0 && overrides.texts.length > 0),
    // Chosen once every asset's records are read (`chooseLineage`), in one batch.
    latest: void 0,
    lastFailure: failures.at(-1),
    failures,
    unmatched: [...code.unmatched, ...inputs.unmatched],
    // The manifest holds the config and the run command: an uncommitted edit there counts too.
    dirty: index.anyUncommitted && [path2.basename(project.manifestPath), ...Object.keys(code.files), ...Object.keys(inputs.files)].some(
      (file) => index.uncommitted(file)
    )
  };
}
function recordLoader(ledger, project) {
  const loaded = /* @__PURE__ */ new Map();
  const checked = /* @__PURE__ */ new Map();
  const load = (asset, version) => {
    const key = `${asset}\0${version}`;
    let record = loaded.get(key);
    if (!record) {
      const spec = project.assets.get(asset);
      const declared = spec ? declaredOutputs(spec) : void 0;
      record = ledger.materialization(asset, version).then((r) => r && spec ? withDeclaredOutputs(r, declared) : r);
      loaded.set(key, record);
    }
    return record;
  };
  const intact = (asset, version) => {
    const key = `${asset}\0${version}`;
    const record = loaded.get(key);
    if (record) return record.then((r) => r !== void 0);
    let known = checked.get(key);
    if (!known) {
      known = ledger.recordIntact ? ledger.recordIntact(asset, version) : load(asset, version).then((r) => r !== void 0);
      checked.set(key, known);
    }
    return known;
  };
  return Object.assign(load, { intact });
}
var AssetHeads = class {
  constructor(asset, log, load, experiments) {
    this.asset = asset;
    this.log = log;
    this.load = load;
    this.experiments = experiments;
  }
  asset;
  log;
  load;
  experiments;
  judged = /* @__PURE__ */ new Map();
  /** Newest first; with `lv`, only the heads that may have that logical version are read. */
  async *newestFirst(lv) {
    const { versions } = this.log;
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i];
      if (lv !== void 0 && !this.log.mayHave(version, lv)) continue;
      const head = await this.head(version);
      if (head) yield head;
    }
  }
  async any() {
    for await (const _ of this.newestFirst()) return true;
    return false;
  }
  head(version) {
    let head = this.judged.get(version);
    if (!head) {
      head = this.log.head(version).then(async (h) => {
        if (!h || !this.experiments && isExperiment(h)) return void 0;
        if (!h.undeclaredOutputs) return h;
        const record = await this.load(this.asset, h.version);
        return record ? { ...h, logicalVersion: record.logicalVersion } : h;
      });
      this.judged.set(version, head);
    }
    return head;
  }
};
async function newestReadable(asset, heads, keep, load) {
  for await (const head of heads) {
    if (!keep(head)) continue;
    if (await load.intact(asset, head.version)) return head;
  }
  return void 0;
}
async function judge(name, environment, prepared, deps, upstream, load, latestRecords) {
  const { base, lastFailure, unmatched } = prepared;
  const known = Object.values(deps).every((v) => v !== void 0);
  const provenance = known ? { ...base, deps } : void 0;
  const lv = provenance ? logicalVersion(provenance) : void 0;
  const match = lv === void 0 ? void 0 : await newestReadable(name, prepared.records.newestFirst(lv), (r) => r.logicalVersion === lv, load);
  const latest = match ?? prepared.latest;
  const baselineRecord = latest && !match ? await load(name, latest.version) : void 0;
  const causes = [];
  let status;
  if (!latest) {
    status = "missing";
    causes.push({
      kind: "never-materialized",
      // Records elsewhere (another environment or branch) are not this checkout's: say so.
      text: await prepared.records.any() ? `never materialized in ${environment} on this line of history` : "never materialized"
    });
  } else if (match) {
    status = "fresh";
  } else {
    causes.push(...staleCauses(baselineRecord.provenance, { ...base, deps }));
    status = "stale";
  }
  for (const [dep, version] of Object.entries(deps)) {
    if (version === void 0 && latest) {
      const [name2, alias] = dep.split("@");
      causes.push({
        kind: "dependency-stale",
        text: alias ? `dependency ${name2} has no ${alias} yet` : `dependency ${dep} is ${upstream.get(dep) ?? "stale"}`
      });
    }
  }
  if (status === "fresh") causes.length = 0;
  if (status !== "fresh" && lastFailure && (!latest || lastFailure.finishedAt > latest.finishedAt) && lastFailure.logicalVersion === lv) {
    causes.push({ kind: "last-run-failed", text: `last run failed (${lastFailure.error.split("\n")[0]})` });
  }
  if (status === "stale" && causes.length === 0) {
    causes.push({ kind: "code-version-changed", text: "recorded with a different version scheme" });
  }
  return {
    name,
    status,
    reasons: causes.map((c) => c.text),
    causes,
    logicalVersion: lv,
    provenance,
    base,
    current: latest ? { asset: name, ...latest } : void 0,
    latest: latest && latestRecords ? await load(name, latest.version) : void 0,
    lastFailure,
    ...sinceLastHandled(prepared, base, deps),
    failedAtVersion: status === "fresh" ? void 0 : failedAtVersion(prepared, lv),
    unmatched,
    ...prepared.dirty ? { dirty: true } : {},
    unavailable: Object.keys(deps).filter((d) => d.includes("@") && deps[d] === void 0).map(refAsset)
  };
}
async function checkOutputs(assessment, options) {
  const record = assessment.current;
  if (assessment.status !== "fresh" || !record || !options.outputsAvailable) return assessment;
  if (await options.outputsAvailable(record)) return assessment;
  const cause = {
    kind: "outputs-lost",
    text: `outputs lost (v${record.version}'s bytes are in no store)`
  };
  return { ...assessment, status: "stale", causes: [cause], reasons: [cause.text] };
}
function withUnavailableSources(assessment, asset, sources) {
  const unavailable = asset.deps.filter((dep) => sources.get(dep)?.unavailable !== void 0);
  if (unavailable.length === 0) return assessment;
  const causes = unavailable.map((dep) => ({
    kind: "source-unavailable",
    text: `source ${dep} is unavailable`
  }));
  const vague = new Set(unavailable.map((dep) => `dependency ${dep} is stale`));
  const kept = assessment.causes.filter((c) => !(c.kind === "dependency-stale" && vague.has(c.text)));
  const all = [...kept, ...causes];
  return { ...assessment, causes: all, reasons: all.map((c) => c.text) };
}
function sinceLastHandled(prepared, base, deps) {
  const failure = prepared.failures.findLast((f) => f.status === "failed");
  const latest = prepared.latest;
  const handled = failure && (!latest || failure.finishedAt > latest.finishedAt) ? { kind: "failed", at: failure.finishedAt, provenance: failure.provenance } : latest ? {
    kind: "materialized",
    at: latest.finishedAt,
    provenance: { codeVersion: latest.codeVersion, deps: latest.deps },
    version: latest.version
  } : void 0;
  if (!handled) return { codeChanged: false, depsUpdated: [] };
  return {
    lastHandled: { kind: handled.kind, at: handled.at, version: handled.version },
    codeChanged: handled.provenance.codeVersion !== base.codeVersion,
    // By asset name, as the conditions know dependencies (`model@champion` → `model`).
    depsUpdated: Object.keys(deps).filter((d) => deps[d] !== void 0 && handled.provenance.deps[d] !== deps[d]).map(refAsset)
  };
}
function failedAtVersion(prepared, lv) {
  if (lv === void 0) return void 0;
  const after = prepared.latest?.finishedAt ?? "";
  const failed = prepared.failures.filter((f) => f.status === "failed" && f.finishedAt > after);
  const newest = prepared.failures.findLast((f) => f.finishedAt > after);
  if (newest?.status !== "failed" || newest.logicalVersion !== lv) return void 0;
  return {
    at: newest.finishedAt,
    failures: failed.filter((f) => f.logicalVersion === lv).length,
    error: newest.error.split("\n")[0] ?? ""
  };
}
async function chooseLineage(prepared, lineage, load) {
  const open = new Map(
    [...prepared].map(([name, p]) => [name, { p, heads: p.records.newestFirst(), exhausted: false }])
  );
  for (let take = 1; open.size > 0; take *= 2) {
    const round = /* @__PURE__ */ new Map();
    await Promise.all(
      [...open].map(async ([name, state]) => {
        const heads = [];
        while (heads.length < take) {
          const next = await state.heads.next();
          if (next.done) {
            state.exhausted = true;
            break;
          }
          if (!isExperiment(next.value)) heads.push(next.value);
        }
        round.set(name, heads);
      })
    );
    const inLineage = await lineageFilter(lineage, [...round.values()].flat());
    await Promise.all(
      [...round].map(async ([name, heads]) => {
        const state = open.get(name);
        state.p.latest = await newestReadable(name, heads, inLineage, load);
        if (state.p.latest || state.exhausted) open.delete(name);
      })
    );
  }
}
async function assessProject(options) {
  const { project, ledger, environment } = options;
  const graph = buildGraph(project);
  const index = await indexProjectFiles(project.root, { gitRoot: options.gitRoot, files: options.files });
  const sources = /* @__PURE__ */ new Map();
  const dataVersions = /* @__PURE__ */ new Map();
  await Promise.all(
    [...project.sources.values()].map(async (source) => {
      let observed;
      try {
        observed = source.observe ? await observeSource(source, project.root, options.env ?? process.env) : void 0;
      } catch (error) {
        if (!(error instanceof ObserveError)) throw error;
        sources.set(source.name, { name: source.name, unavailable: error.message });
        return;
      }
      const inputs = await fingerprint(index, source.inputs);
      const dv = sourceDataVersion(observed, inputs.files);
      sources.set(source.name, { name: source.name, dataVersion: dv, observed });
      dataVersions.set(source.name, dv);
    })
  );
  const load = recordLoader(ledger, project);
  const prepared = /* @__PURE__ */ new Map();
  const outputs = outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs));
  await Promise.all(
    [...project.assets.values()].map(
      async (asset) => prepared.set(
        asset.name,
        await prepare(project, asset, environment, index, ledger, options.overrides, outputs, load)
      )
    )
  );
  const aliasVersions = /* @__PURE__ */ new Map();
  await Promise.all(
    [...project.assets.values()].flatMap(
      (asset) => Object.keys(asset.depAliases).map(async (dep) => {
        const found = await dependencyRecord({ ledger, asset, dep, current: void 0 });
        aliasVersions.set(dependencyRef(asset, dep), found.ok ? found.record.dataVersion : void 0);
      })
    )
  );
  const depVersions = (asset, given = {}) => Object.fromEntries(
    asset.deps.map((dep) => {
      const ref = dependencyRef(asset, dep);
      const fallback = ref === dep ? dataVersions.get(dep) : aliasVersions.get(ref);
      return [ref, given[dep] ?? fallback];
    })
  );
  const latestRecords = options.latestRecords ?? false;
  await chooseLineage(prepared, options.lineage ?? { environment, branches: [] }, load);
  const assets = /* @__PURE__ */ new Map();
  const statuses = /* @__PURE__ */ new Map();
  for (const name of graph.order) {
    const asset = project.assets.get(name);
    if (!asset) continue;
    const deps = depVersions(asset);
    const assessment = await checkOutputs(
      withUnavailableSources(
        await judge(name, environment, prepared.get(name), deps, statuses, load, latestRecords),
        asset,
        sources
      ),
      options
    );
    assets.set(name, assessment);
    statuses.set(name, assessment.status);
    if (assessment.status === "fresh") dataVersions.set(name, assessment.current.dataVersion);
  }
  return {
    graph,
    assets,
    sources,
    dataVersions,
    currentRecord: async (name) => {
      const current = assets.get(name)?.current;
      return current ? load(name, current.version) : void 0;
    },
    reassess: async (name, dependencyDataVersions) => {
      const asset = project.assets.get(name);
      const deps = depVersions(asset, dependencyDataVersions);
      return checkOutputs(
        withUnavailableSources(
          await judge(name, environment, prepared.get(name), deps, statuses, load, true),
          asset,
          sources
        ),
        options
      );
    }
  };
}

export {
  splitConfigInput,
  overridesFrom,
  OVERRIDES_HINT,
  lineageFilter,
  assessProject
};
