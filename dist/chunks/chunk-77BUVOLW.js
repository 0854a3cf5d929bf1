import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  ObserveError,
  observeSource
} from "./chunk-V3RJ3XOT.js";
import {
  canonicalJson,
  codeVersion,
  dependencyRecord,
  logicalVersion,
  sourceDataVersion
} from "./chunk-DK4MLLIB.js";
import {
  fingerprint,
  fingerprintKnown,
  outputFilter,
  projectFiles
} from "./chunk-RHEN5QSW.js";
import {
  headLogOf,
  isExperiment
} from "./chunk-WIFSPINL.js";
import {
  normalizeOutputPath
} from "./chunk-BUD566VL.js";
import {
  PROD,
  dependencyRef,
  mergeConfig,
  refAsset,
  resolveConfig,
  resolveEnv
} from "./chunk-LXDUWDU6.js";
import {
  buildGraph
} from "./chunk-AJBSU7EQ.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  cacheFile,
  cacheStamp,
  readCacheText,
  writeCacheText
} from "./chunk-H2WSXFTE.js";
import {
  sha256
} from "./chunk-LR43NXA7.js";
import {
  KILN_DIR_NAME
} from "./chunk-FICLRJIW.js";

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
async function failureFilter(lineage, failures) {
  const onLineage = await lineageFilter(lineage, failures);
  return (failure) => onLineage(failure) && (lineage.pullRequest === true || failure.context.event !== "pull_request");
}

// src/version/status.ts
import path2 from "node:path";

// src/version/flatten.ts
function flatten(value, prefix = "", into = {}) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = JSON.stringify(value);
  }
  return into;
}

// src/version/versions-memo.ts
import path from "node:path";
var FORMAT = 2;
var VersionsMemo = class _VersionsMemo {
  constructor(file, kilnDir, key, files, found, hashed) {
    this.file = file;
    this.kilnDir = kilnDir;
    this.key = key;
    this.files = files;
    this.found = found;
    this.changed = found === void 0;
    if (found) {
      for (const [name, entry] of found) this.entries.set(name, entry);
      for (const [file2, blob] of Object.entries(hashed)) this.hashedFiles.set(file2, blob);
    }
  }
  file;
  kilnDir;
  key;
  files;
  found;
  entries = /* @__PURE__ */ new Map();
  hashedFiles = /* @__PURE__ */ new Map();
  changed;
  /**
   * The memo of a project's versions in `environment`; undefined where none can be kept or
   * trusted (outside git, where the key would have to hash every file; the manifest's text
   * unknown).
   */
  static async open(options) {
    const { files, sourceHash } = options;
    if (!files.git || sourceHash === void 0) return void 0;
    const kilnDir = path.join(options.root, KILN_DIR_NAME);
    const file = cacheFile(kilnDir, `versions-${encodeURIComponent(options.projectName)}.json`);
    const key = sha256(
      JSON.stringify([
        options.root,
        options.manifestPath,
        files.git.top,
        sourceHash,
        options.environment,
        files.git.files.indexDigest,
        files.git.files.statusDigest
      ])
    );
    const stored = readStored(file, key);
    const entries = stored ? entriesOf(stored.assets) : void 0;
    const found = entries && await sameContent(files, stored.hashed) && await sameIgnored(files, stored.ignored) ? entries : void 0;
    return new _VersionsMemo(file, kilnDir, key, files, found, found ? stored.hashed : {});
  }
  /** The blob id of an uncommitted file a pattern matched, as verified when the memo was read. */
  hashed(file) {
    return this.hashedFiles.get(file);
  }
  /** Notes an uncommitted file's blob id that a fingerprint took (a memo not found). */
  noteHashed(file, blob) {
    if (this.hashedFiles.get(file) === blob) return;
    this.hashedFiles.set(file, blob);
    this.changed = true;
  }
  set(asset, entry) {
    this.entries.set(asset, entry);
    this.changed = true;
  }
  /** Writes the memo for the next command when this one learned something. */
  save() {
    if (!this.changed) return;
    this.changed = false;
    const assets = {};
    for (const [name, e] of this.entries)
      assets[name] = [e.codeVersion, e.dirty ? 1 : 0, e.unmatched, e.deps ?? null, e.logicalVersion ?? null];
    const stored = {
      stamp: cacheStamp(FORMAT),
      key: this.key,
      hashed: Object.fromEntries(this.hashedFiles),
      ignored: Object.fromEntries(this.files.ignored?.answered() ?? []),
      assets
    };
    writeCacheText(this.kilnDir, this.file, JSON.stringify(stored));
  }
};
function readStored(file, key) {
  const text = readCacheText(file);
  if (text === void 0) return void 0;
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (typeof stored !== "object" || stored === null || stored.stamp !== cacheStamp(FORMAT) || stored.key !== key || typeof stored.hashed !== "object" || stored.hashed === null || typeof stored.ignored !== "object" || stored.ignored === null || typeof stored.assets !== "object" || stored.assets === null)
    return void 0;
  return stored;
}
async function sameContent(files, hashed) {
  const checks = Object.entries(hashed).map(
    ([file, blob]) => files.working.blobOf(file).then(
      (now) => now === blob,
      () => false
    )
  );
  return (await Promise.all(checks)).every(Boolean);
}
async function sameIgnored(files, ignored) {
  const folders = Object.keys(ignored);
  if (folders.length === 0) return true;
  if (!files.ignored) return false;
  const now = await Promise.all(folders.map((folder) => files.ignored.under(folder)));
  return folders.every((folder, i) => JSON.stringify(now[i]) === JSON.stringify(ignored[folder]));
}
function entriesOf(assets) {
  const entries = /* @__PURE__ */ new Map();
  for (const [name, stored] of Object.entries(assets)) {
    if (!Array.isArray(stored) || stored.length !== 5) return void 0;
    const [codeVersion2, dirty, unmatched, deps, lv] = stored;
    if (typeof codeVersion2 !== "string" || !Array.isArray(unmatched)) return void 0;
    entries.set(name, {
      codeVersion: codeVersion2,
      dirty: dirty === 1,
      unmatched,
      deps: deps ?? void 0,
      logicalVersion: lv ?? void 0
    });
  }
  return entries;
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
async function prepare(project, asset, environment, facts, ledger, overrides, load) {
  const { memo, outputs } = facts;
  const remembered = memo?.found?.get(asset.name);
  const [fingerprints, log, failures] = await Promise.all([
    remembered ? void 0 : fingerprintAsset(asset, facts.files.index(), outputs),
    headLogOf(ledger, asset.name),
    ledger.failures(asset.name)
  ]);
  const own = overrides?.byAsset.get(asset.name);
  let base;
  let entry;
  if (fingerprints) {
    const { code, inputs } = fingerprints;
    base = baseOf(project, asset, environment, own, code.files, inputs.files);
    const index = facts.files.index();
    const files = [...Object.keys(code.files), ...Object.keys(inputs.files)];
    entry = {
      codeVersion: base.codeVersion,
      unmatched: [...code.unmatched, ...inputs.unmatched],
      // The manifest holds the config and the run command: an uncommitted edit there counts too.
      dirty: index.anyUncommitted && [path2.basename(project.manifestPath), ...files].some((file) => index.uncommitted(file))
    };
    if (memo) {
      if (index.anyHashed) {
        for (const file of files)
          if (index.hashed(file)) memo.noteHashed(file, code.files[file] ?? inputs.files[file]);
      }
      memo.set(asset.name, entry);
    }
  } else entry = remembered;
  const baseNow = () => {
    if (!base) {
      const index = facts.files.index();
      const known = (file) => memo.hashed(file);
      const code = asset.codeVersion === void 0 ? fingerprintKnown(index, asset.code, known, { exclude: outputs }) : none();
      base = baseOf(
        project,
        asset,
        environment,
        own,
        code.files,
        fingerprintKnown(index, asset.inputs, known).files
      );
    }
    return base;
  };
  return {
    base: baseNow,
    codeVersion: entry.codeVersion,
    logicalVersion: (deps) => {
      const depsKey = canonicalJson(deps);
      if (entry.deps === depsKey && entry.logicalVersion !== void 0) return entry.logicalVersion;
      const lv = logicalVersion({ ...baseNow(), deps });
      entry = { ...entry, deps: depsKey, logicalVersion: lv };
      memo?.set(asset.name, entry);
      return lv;
    },
    // Outside an experiment, an experiment's records do not exist for freshness.
    records: new AssetHeads(asset.name, log, load, overrides !== void 0 && overrides.texts.length > 0),
    // Chosen once every asset's records are read (`chooseLineage`), in one batch.
    latest: void 0,
    lastFailure: failures.at(-1),
    failures,
    unmatched: entry.unmatched,
    dirty: entry.dirty
  };
}
var none = () => ({ files: {}, unmatched: [] });
async function fingerprintAsset(asset, index, outputs) {
  const [code, inputs] = await Promise.all([
    asset.codeVersion === void 0 ? fingerprint(index, asset.code, { exclude: outputs }) : none(),
    fingerprint(index, asset.inputs)
  ]);
  return { code, inputs };
}
function baseOf(project, asset, environment, own, code, inputs) {
  const runHash = sha256(asset.run);
  return {
    codeVersion: codeVersion({ declared: asset.codeVersion, runHash, code }),
    code,
    runHash,
    config: applyOverrides(resolveConfig(project, asset, environment), own),
    env: versionedEnv(project, asset, environment),
    inputs,
    ...own ? { overrides: overridesRecord(own) } : {},
    outputs: declaredOutputs(asset)
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
      known = (ledger.recordIntact ? ledger.recordIntact(asset, version) : load(asset, version).then((r) => r !== void 0)).then((answer) => {
        answered.set(key, answer);
        return answer;
      });
      checked.set(key, known);
    }
    return known;
  };
  const answered = /* @__PURE__ */ new Map();
  const intactNow = (asset, version) => {
    const key = `${asset}\0${version}`;
    return loaded.has(key) ? void 0 : answered.get(key);
  };
  return Object.assign(load, { intact, intactNow });
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
  /**
   * Up to `count` heads `accept` takes, newest first, from the version at index `from` of the log
   * down (the log's newest: `versions.length - 1`); with `lv`, only the heads that may have that
   * logical version are read. `next` is where the following call goes on (-1: none left). A head
   * known without reading (see HeadLog.headNow) is taken without a promise: a status of thousands
   * of assets asks for one or two each.
   */
  async take(from, count, options = {}) {
    const taken = { heads: [], next: from };
    while (this.takeKnown(taken, count, options)) {
      const version = this.log.versions[taken.next];
      const head = await this.head(version);
      if (head && (!options.accept || options.accept(head))) taken.heads.push(head);
      taken.next--;
    }
    return taken;
  }
  /** `take`, when every head it reaches is known now (see headNow); undefined otherwise. */
  takeNow(from, count, options = {}) {
    const taken = { heads: [], next: from };
    return this.takeKnown(taken, count, options) ? void 0 : taken;
  }
  /**
   * Goes on with `taken` through the heads known now; true when it stopped at one that must be read
   * (`taken.next` is its index), false when done.
   */
  takeKnown(taken, count, { lv, accept }) {
    const { versions } = this.log;
    let i = Math.min(taken.next, versions.length - 1);
    for (; i >= 0 && taken.heads.length < count; i--) {
      const version = versions[i];
      if (lv !== void 0 && !this.log.mayHave(version, lv)) continue;
      const now = this.headNow(version);
      if (!now) {
        taken.next = i;
        return true;
      }
      if (now.head && (!accept || accept(now.head))) taken.heads.push(now.head);
    }
    taken.next = i;
    return false;
  }
  /** The newest version's index in the log (where `take` starts). */
  get newest() {
    return this.log.versions.length - 1;
  }
  async any() {
    return (await this.take(this.newest, 1)).heads.length > 0;
  }
  /**
   * The head of `version` as judged, when it needs neither a read nor its record (see
   * HeadLog.headNow); undefined when only `head` can tell.
   */
  headNow(version) {
    const now = this.log.headNow(version);
    if (!now) return void 0;
    const h = now.head;
    if (!h || !this.experiments && isExperiment(h)) return { head: void 0 };
    return h.undeclaredOutputs ? void 0 : now;
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
  for (const head of heads) {
    if (!keep(head)) continue;
    if (await load.intact(asset, head.version)) return head;
  }
  return void 0;
}
async function newestReadableAt(asset, records, lv, load, environment) {
  const keep = (head) => head.logicalVersion === lv && (environment === void 0 || head.context.environment === environment);
  for (let from = records.newest; from >= 0; ) {
    const options = { lv, accept: keep };
    const { heads, next } = records.takeNow(from, 1, options) ?? await records.take(from, 1, options);
    const head = heads[0];
    if (head && (load.intactNow(asset, head.version) ?? await load.intact(asset, head.version)))
      return head;
    from = next;
  }
  return void 0;
}
function ownBuildsOnly(spec, environment) {
  return spec.promote !== void 0 && environment === PROD;
}
async function judge(spec, environment, prepared, deps, upstream, load, latestRecords) {
  const name = spec.name;
  const { lastFailure, unmatched } = prepared;
  const known = Object.values(deps).every((v) => v !== void 0);
  const lv = known ? prepared.logicalVersion(deps) : void 0;
  const own = ownBuildsOnly(spec, environment);
  const match = lv === void 0 ? void 0 : await newestReadableAt(name, prepared.records, lv, load, own ? environment : void 0);
  const elsewhere = own && lv !== void 0 && !match ? await newestReadableAt(name, prepared.records, lv, load) : void 0;
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
  } else if (elsewhere) {
    causes.push({
      kind: "built-elsewhere",
      text: `built only in ${elsewhere.context.environment} (v${elsewhere.version}); ${environment} trains and judges its own`
    });
    status = "stale";
  } else {
    causes.push(...staleCauses(baselineRecord.provenance, { ...prepared.base(), deps }));
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
  const assessment = {
    name,
    status,
    reasons: causes.map((c) => c.text),
    causes,
    logicalVersion: lv,
    current: latest ? { asset: name, ...latest } : void 0,
    latest: latest && latestRecords ? await load(name, latest.version) : void 0,
    lastFailure,
    ...sinceLastHandled(prepared, deps),
    failedAtVersion: status === "fresh" ? void 0 : failedAtVersion(prepared, lv),
    unmatched,
    ...prepared.dirty ? { dirty: true } : {},
    unavailable: Object.keys(deps).filter((d) => d.includes("@") && deps[d] === void 0).map(refAsset)
  };
  return withProvenance(assessment, prepared.base, known ? deps : void 0);
}
function withProvenance(assessment, base, deps) {
  let provenance;
  const field = (name, get) => ({
    get,
    set(value) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true
  });
  return Object.defineProperties(assessment, {
    base: field("base", base),
    provenance: field("provenance", () => {
      if (deps !== void 0) provenance ??= { ...base(), deps };
      return provenance;
    })
  });
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
function sinceLastHandled(prepared, deps) {
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
    codeChanged: handled.provenance.codeVersion !== prepared.codeVersion,
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
    error: newest.error.split("\n")[0] ?? "",
    ...newest.context.runId ? { runId: newest.context.runId } : {}
  };
}
async function chooseLineage(prepared, lineage, load) {
  const open = new Map([...prepared].map(([name, p]) => [name, { p, from: p.records.newest }]));
  const accept = (head) => !isExperiment(head);
  for (let take = 1; open.size > 0; take *= 2) {
    const round = /* @__PURE__ */ new Map();
    await Promise.all(
      [...open].map(async ([name, state]) => {
        const { heads, next } = await state.p.records.take(state.from, take, { accept });
        state.from = next;
        round.set(name, heads);
      })
    );
    const inLineage = await lineageFilter(lineage, [...round.values()].flat());
    await Promise.all(
      [...round].map(async ([name, heads]) => {
        const state = open.get(name);
        state.p.latest = await newestReadable(name, heads, inLineage, load);
        if (state.p.latest || state.from < 0) open.delete(name);
      })
    );
  }
}
async function keepOwnFailures(prepared, lineage) {
  const all = [...prepared.values()].flatMap((p) => p.failures);
  if (all.length === 0) return;
  const counts = await failureFilter(lineage, all);
  for (const p of prepared.values()) {
    if (p.failures.length === 0) continue;
    p.failures = p.failures.filter(counts);
    p.lastFailure = p.failures.at(-1);
  }
}
async function assessProject(options) {
  const { project, ledger, environment } = options;
  const graph = buildGraph(project);
  const files = await projectFiles(project.root, { gitRoot: options.gitRoot, files: options.files });
  const experiment = options.overrides !== void 0 && (options.overrides.texts.length > 0 || options.overrides.byAsset.size > 0);
  const memo = experiment ? void 0 : await VersionsMemo.open({
    root: project.root,
    manifestPath: project.manifestPath,
    projectName: project.name,
    sourceHash: project.sourceHash,
    environment,
    files
  });
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
      const inputs = await fingerprint(files.index(), source.inputs);
      const dv = sourceDataVersion(observed, inputs.files);
      sources.set(source.name, { name: source.name, dataVersion: dv, observed });
      dataVersions.set(source.name, dv);
    })
  );
  const load = recordLoader(ledger, project);
  const prepared = /* @__PURE__ */ new Map();
  const facts = {
    files,
    memo,
    outputs: outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs))
  };
  await Promise.all(
    [...project.assets.values()].map(
      async (asset) => prepared.set(
        asset.name,
        await prepare(project, asset, environment, facts, ledger, options.overrides, load)
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
  const lineage = options.lineage ?? { environment, branches: [] };
  await chooseLineage(prepared, lineage, load);
  await keepOwnFailures(prepared, lineage);
  const assets = /* @__PURE__ */ new Map();
  const statuses = /* @__PURE__ */ new Map();
  for (const name of graph.order) {
    const asset = project.assets.get(name);
    if (!asset) continue;
    const deps = depVersions(asset);
    const assessment = await checkOutputs(
      withUnavailableSources(
        await judge(asset, environment, prepared.get(name), deps, statuses, load, latestRecords),
        asset,
        sources
      ),
      options
    );
    assets.set(name, assessment);
    statuses.set(name, assessment.status);
    if (assessment.status === "fresh") dataVersions.set(name, assessment.current.dataVersion);
  }
  memo?.save();
  return {
    graph,
    assets,
    sources,
    dataVersions,
    currentRecord: async (name) => {
      const current = assets.get(name)?.current;
      return current ? load(name, current.version) : void 0;
    },
    versionAt: (name, dependencyDataVersions) => {
      const asset = prepared.get(name);
      const deps = depVersions(project.assets.get(name), dependencyDataVersions);
      const missing = Object.keys(deps).filter((dep) => deps[dep] === void 0);
      if (missing.length > 0) throw new Error(`bug: ${name} has no data version for ${missing.join(", ")}`);
      const known = deps;
      const base = asset.base();
      return {
        logicalVersion: asset.logicalVersion(known),
        provenance: { ...base, deps: known },
        base,
        ...asset.dirty ? { dirty: true } : {}
      };
    },
    reassess: async (name, dependencyDataVersions) => {
      const asset = project.assets.get(name);
      const deps = depVersions(asset, dependencyDataVersions);
      const assessment = await checkOutputs(
        withUnavailableSources(
          await judge(asset, environment, prepared.get(name), deps, statuses, load, false),
          asset,
          sources
        ),
        options
      );
      return assessment.status === "fresh" && assessment.current ? { ...assessment, latest: await load(name, assessment.current.version) } : assessment;
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
