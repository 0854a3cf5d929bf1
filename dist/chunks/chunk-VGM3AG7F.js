import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cycleDiagnostics,
  dependencyDiagnostics,
  rawGraph,
  validateProject
} from "./chunk-SWEOUD43.js";
import {
  require_dist
} from "./chunk-523OZPGU.js";
import {
  DEFAULT_RETENTION_DAYS,
  DEFAULT_RUNS_ON,
  DEFAULT_TIMEOUT_MS,
  checkSpec,
  durationMs,
  normalizeCondition,
  refAsset
} from "./chunk-MKBDC2EO.js";
import {
  CONDITION_NAMES,
  CONDITION_OPERATORS,
  Manifest
} from "./chunk-ND42QLZU.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  defaultProjectName,
  manifestDisplay,
  readManifest,
  writeCachedManifest
} from "./chunk-7ZESNWQR.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

// src/manifest/load.ts
var import_yaml = __toESM(require_dist(), 1);
import path from "node:path";

// src/manifest/condition-issues.ts
var ALL_NAMES = [...CONDITION_NAMES, ...CONDITION_OPERATORS];
var SHAPE_HINT = "a condition is one of eager, on_missing, manual, missing, stale, code_changed, deps_updated, or a map: {on_cron: EXPR, tz: ZONE}, {cron: EXPR}, {all: [...]}, {any: [...]}, {not: ...}";
function isMap(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function conditionDiagnostics(value, at, locator) {
  const out = [];
  const error = (reason, message, p, hint, key = false) => out.push({
    severity: "error",
    reason,
    message,
    location: key ? locator.locateKey(p) : locator.locate(p),
    hint
  });
  const unknown = (name, p, key) => {
    const suggestion = closest(name, ALL_NAMES);
    error(
      "unknown-condition",
      `unknown automation condition "${name}"`,
      p,
      suggestion ? `did you mean "${suggestion}"?` : SHAPE_HINT,
      key
    );
  };
  const visit2 = (node, p) => {
    if (typeof node === "string") {
      if (CONDITION_NAMES.includes(node)) return;
      if (CONDITION_OPERATORS.includes(node)) {
        error("invalid-condition", `"${node}" needs a value: write {${node}: ...}`, p, SHAPE_HINT);
        return;
      }
      unknown(node, p, false);
      return;
    }
    if (!isMap(node)) {
      error(
        "invalid-condition",
        `an automation condition must be a name or a map, not ${Array.isArray(node) ? "a list" : String(node)}`,
        p,
        SHAPE_HINT
      );
      return;
    }
    const keys = Object.keys(node);
    const operators = keys.filter((k) => CONDITION_OPERATORS.includes(k));
    if (operators.length === 0) {
      if (keys.length === 0)
        error("invalid-condition", "an automation condition cannot be an empty map", p, SHAPE_HINT);
      for (const key of keys) unknown(key, [...p, key], true);
      return;
    }
    if (operators.length > 1) {
      error(
        "invalid-condition",
        `a condition map has one operator, not ${operators.map((o) => `"${o}"`).join(" and ")}`,
        p,
        "combine conditions with {all: [...]} or {any: [...]}"
      );
      return;
    }
    const op = operators[0];
    const allowed = op === "on_cron" || op === "cron" ? [op, "tz"] : [op];
    for (const key of keys.filter((k) => !allowed.includes(k))) {
      const suggestion = closest(key, allowed);
      error(
        "unknown-key",
        `unknown key "${key}" in {${op}: ...}`,
        [...p, key],
        suggestion ? `did you mean "${suggestion}"?` : `{${op}: ...} takes only ${allowed.join(", ")}`,
        true
      );
    }
    const inner = node[op];
    if (op === "on_cron" || op === "cron") {
      if (typeof inner !== "string" || inner.trim() === "") {
        error("invalid-condition", `\`${op}\` takes a cron expression such as "0 3 * * 1"`, [...p, op]);
      }
      if ("tz" in node && (typeof node.tz !== "string" || node.tz === "")) {
        error("invalid-condition", "`tz` takes an IANA time zone such as Europe/Berlin", [...p, "tz"]);
      }
    } else if (op === "all" || op === "any") {
      if (!Array.isArray(inner) || inner.length === 0) {
        error("invalid-condition", `\`${op}\` takes a non-empty list of conditions`, [...p, op]);
      } else {
        inner.forEach((item, i) => {
          visit2(item, [...p, op, i]);
        });
      }
    } else {
      visit2(inner, [...p, op]);
    }
  };
  visit2(value, at);
  return out;
}

// src/manifest/schema-issues.ts
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}
function valueAt(data, p) {
  let node = data;
  for (const key of p) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[key];
  }
  return node;
}
function where(p) {
  if (p.length === 0) return "the manifest";
  return `\`${p.map((k, i) => typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`).join("")}\``;
}
var defOf = (schema) => schema._zod.def;
function objectsAt(schema, p) {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "prefault":
    case "catch":
      return objectsAt(def.innerType, p);
    case "pipe":
      return objectsAt(def.in, p);
    case "lazy":
      return objectsAt(def.getter(), p);
    case "union":
      return def.options.flatMap((option) => objectsAt(option, p));
    case "object": {
      if (p.length === 0) return [def];
      const field = def.shape[String(p[0])];
      return field ? objectsAt(field, p.slice(1)) : [];
    }
    case "record":
      return p.length === 0 ? [] : objectsAt(def.valueType, p.slice(1));
    case "array":
      return p.length === 0 ? [] : objectsAt(def.element, p.slice(1));
    default:
      return [];
  }
}
function knownKeysAt(p) {
  return [...new Set(objectsAt(Manifest, p).flatMap((def) => Object.keys(def.shape)))];
}
function conditionRoot(p) {
  if (p.length >= 3 && p[0] === "assets" && p[2] === "automation") return p.slice(0, 3);
  if (p.length >= 2 && p[0] === "defaults" && p[1] === "automation") return p.slice(0, 2);
  return void 0;
}
var TYPE_NAMES = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  int: "an integer",
  record: "a map"
};
var UNION_EXPECTATIONS = [
  [
    (p) => p.at(-1) === "timeout" || p.at(-1) === "retry-failed",
    "a duration such as 90s, 30m, 2h or 1d, or a number of minutes"
  ],
  [(p) => p.at(-1) === "runs-on", "a runner label or a list of labels"],
  [(p) => p.at(-1) === "github-issue", "true, false or {labels: [...]}"],
  [(p) => p.at(-2) === "env", "a string, number, boolean or {secret: NAME}"]
];
function issueDiagnostics(issue, data, locator) {
  const p = issue.path;
  const actual = valueAt(data, p);
  const error = (reason, message, location = locator.locate(p), hint) => [{ severity: "error", reason, message, location, hint }];
  const root = conditionRoot(p);
  if (root && !(issue.code === "invalid_type" && actual === void 0)) {
    const found = conditionDiagnostics(valueAt(data, root), root, locator);
    if (found.length > 0) return found;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = closest(key, knownKeysAt(p));
        return {
          severity: "error",
          reason: "unknown-key",
          message: `unknown key "${key}" in ${where(p)}`,
          location: locator.locateKey([...p, key]),
          hint: suggestion ? `did you mean "${suggestion}"?` : `known keys: ${knownKeysAt(p).join(", ")}`
        };
      });
    case "invalid_type": {
      if (actual === void 0) {
        const key = p[p.length - 1];
        return error(
          "missing-key",
          `missing required key "${String(key)}" in ${where(p.slice(0, -1))}`,
          locator.locateKey(p.slice(0, -1)),
          key === "version" ? "start the manifest with `version: 1`" : void 0
        );
      }
      if (p.length === 0)
        return error(
          "manifest-not-a-map",
          `the manifest must be a map of keys (version, assets, ...), not ${describe(actual)}`
        );
      return error(
        "wrong-type",
        `${where(p)} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describe(actual)}`
      );
    }
    case "invalid_union": {
      const expected = UNION_EXPECTATIONS.find(([matches]) => matches(p))?.[1];
      return error(
        "invalid-value",
        expected ? `${where(p)} must be ${expected}, not ${describe(actual)}` : `${where(p)} has an invalid value ${describe(actual)}`
      );
    }
    case "invalid_value": {
      if (actual === void 0) {
        return error(
          "missing-key",
          `missing required key "${String(p.at(-1))}" in ${where(p.slice(0, -1))}`,
          locator.locateKey(p.slice(0, -1)),
          p[0] === "version" ? "start the manifest with `version: 1`" : void 0
        );
      }
      if (p.length === 1 && p[0] === "version") {
        return error(
          "unsupported-version",
          `unsupported manifest version ${describe(actual)}: this Kiln reads version 1`,
          void 0,
          "write `version: 1`"
        );
      }
      const s = typeof actual === "string" ? closest(actual, issue.values.map(String)) : void 0;
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${describe(actual)}`,
        void 0,
        s ? `did you mean "${s}"?` : void 0
      );
    }
    case "invalid_key":
      if (p.at(-2) === "env") {
        return error(
          "invalid-env-name",
          `invalid environment variable name ${describe(p.at(-1))} in ${where(p.slice(0, -1))}: names must match [A-Za-z_][A-Za-z0-9_]*`,
          locator.locateKey(p)
        );
      }
      return error(
        "invalid-name",
        `invalid name ${describe(p.at(-1))} in ${where(p.slice(0, -1))}: names must match [a-z][a-z0-9_-]*`,
        locator.locateKey(p)
      );
    case "invalid_format":
      return error("invalid-value", `${where(p)} ${issue.message}, not ${describe(actual)}`);
    case "too_small":
      if (Array.isArray(actual) && actual.length === 0)
        return error("invalid-value", `${where(p)} must not be empty`);
      if (typeof actual === "string" && actual.length === 0)
        return error("invalid-value", `${where(p)} must not be empty`);
      return error(
        "invalid-value",
        `${where(p)} must be at least ${String(issue.minimum)}, not ${describe(actual)}`
      );
    case "too_big":
      return error(
        "invalid-value",
        `${where(p)} must be at most ${String(issue.maximum)}, not ${describe(actual)}`
      );
    case "custom":
      return error("invalid-value", `${where(p)}: ${issue.message}`);
    default:
      return error("invalid-value", `${where(p)}: ${issue.message}`);
  }
}
function schemaIssueDiagnostics(issues, data, locator) {
  const diagnostics = issues.flatMap((issue) => issueDiagnostics(issue, data, locator));
  const seen = /* @__PURE__ */ new Set();
  return diagnostics.filter((d) => {
    const key = `${d.message}@${d.location.range?.line}:${d.location.range?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/manifest/load.ts
function makeLocator(file, doc, lines) {
  const toRange = (node) => {
    const r = node?.range;
    if (!r) return void 0;
    const start = lines.linePos(r[0]);
    const end = lines.linePos(r[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const indexes = /* @__PURE__ */ new WeakMap();
  const pairOf = (map, key) => {
    let index = indexes.get(map);
    if (!index) {
      index = /* @__PURE__ */ new Map();
      for (const item of map.items) {
        const k = (0, import_yaml.isScalar)(item.key) ? item.key.value : item.key;
        if (!index.has(k)) index.set(k, item);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  const nodeAt = (p) => {
    let node = doc.contents;
    for (const key of p) {
      const next = (0, import_yaml.isMap)(node) ? pairOf(node, key)?.value : (0, import_yaml.isSeq)(node) ? node.get(key, true) : void 0;
      if (!(0, import_yaml.isNode)(next)) break;
      node = next;
    }
    return (0, import_yaml.isNode)(node) ? node : void 0;
  };
  const keyAt = (p) => {
    if (p.length === 0) return void 0;
    const parent = nodeAt(p.slice(0, -1));
    if (!(0, import_yaml.isMap)(parent)) return void 0;
    const pair = pairOf(parent, p[p.length - 1]);
    return (0, import_yaml.isNode)(pair?.key) ? pair.key : void 0;
  };
  return {
    locate: (p) => ({ file, range: toRange(nodeAt(p)) }),
    locateKey: (p) => ({
      file,
      range: toRange(keyAt(p) ?? nodeAt(p))
    })
  };
}
function loadManifest(manifestPath, options = {}) {
  const absolute = path.resolve(manifestPath);
  const display = manifestDisplay(absolute, options.displayName);
  const read = readManifest(absolute, display);
  if (!read.ok) return read;
  return parseManifest(read.value, { manifestPath: absolute, displayName: display });
}
function parseAndKeep(absolute, text, display, hash) {
  const parsed = parseManifest(text, { manifestPath: absolute, displayName: display });
  if (parsed.ok) writeCachedManifest(absolute, hash, parsed.value);
  return parsed;
}
function parseManifest(source, options) {
  const file = options.displayName;
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locator = makeLocator(file, doc, lines);
  const diagnostics = [];
  const rangeOf = (from, to) => {
    const start = lines.linePos(from);
    const end = lines.linePos(to);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  for (const error of doc.errors) {
    diagnostics.push({
      severity: "error",
      reason: "yaml-syntax",
      message: error.code === "MULTIPLE_DOCS" ? "the manifest holds several YAML documents (separated by ---); kiln.yml is one document" : error.message.split("\n")[0],
      location: { file, range: rangeOf(error.pos[0], error.pos[1]) }
    });
  }
  if (diagnostics.length === 0) diagnostics.push(...duplicateKeys(doc, file, rangeOf));
  if (diagnostics.length > 0) return { ok: false, error: diagnostics };
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 1e3 });
  } catch {
    let first;
    (0, import_yaml.visit)(doc, {
      Alias: (_, node) => {
        first ??= node;
        return import_yaml.visit.BREAK;
      }
    });
    return {
      ok: false,
      error: [
        {
          severity: "error",
          reason: "yaml-alias-bomb",
          message: "the manifest expands YAML aliases too many times (over 1000 nodes); refusing to expand it",
          location: { file, range: first?.range ? rangeOf(first.range[0], first.range[1]) : void 0 },
          hint: "write the values out, or use far fewer nested aliases"
        }
      ]
    };
  }
  if (data === null || data === void 0) {
    return {
      ok: false,
      error: [
        {
          severity: "error",
          reason: "empty-manifest",
          message: "the manifest is empty",
          location: { file, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
          hint: "start with `version: 1` and an `assets:` map"
        }
      ]
    };
  }
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    const graph = rawGraph(data);
    return {
      ok: false,
      error: byPosition([
        ...schemaIssueDiagnostics(parsed.error.issues, data, locator),
        ...dependencyDiagnostics(graph, locator),
        ...cycleDiagnostics(graph, locator)
      ])
    };
  }
  const project = normalize(parsed.data, options.manifestPath, locator);
  const found = byPosition(validateProject(project, parsed.data, locator));
  if (found.some((d) => d.severity === "error")) return { ok: false, error: found };
  return { ok: true, value: { project, warnings: found, source } };
}
function byPosition(diagnostics) {
  const key = (d) => [d.location.range?.line ?? 0, d.location.range?.column ?? 0];
  return [...diagnostics].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}
function duplicateKeys(doc, file, rangeOf) {
  const found = [];
  (0, import_yaml.visit)(doc, {
    Map: (_, map) => {
      const first = /* @__PURE__ */ new Map();
      for (const pair of map.items) {
        if (!(0, import_yaml.isScalar)(pair.key) || (0, import_yaml.isAlias)(pair.key)) continue;
        const key = pair.key.value;
        const seen = first.get(key);
        if (seen === void 0) {
          first.set(key, pair.key);
          continue;
        }
        const at = (node) => ({
          file,
          range: node.range ? rangeOf(node.range[0], node.range[1]) : void 0
        });
        found.push({
          severity: "error",
          reason: "duplicate-key",
          message: `duplicate key "${String(key)}"`,
          location: at(pair.key),
          related: [{ ...at(seen), message: "first defined here" }],
          hint: "each key may appear once in a map; merge the two entries"
        });
      }
    }
  });
  return found;
}
function normalize(manifest, manifestPath, locator) {
  const environments = /* @__PURE__ */ new Map();
  for (const [name, env] of Object.entries(manifest.environments)) {
    environments.set(name, {
      name,
      description: env.description,
      branches: env.branches ?? [],
      config: env.config ?? {},
      env: env.env ?? {}
    });
  }
  const defaults = manifest.defaults;
  const defaultAutomation = defaults.automation ? normalizeCondition(defaults.automation) : { kind: "eager" };
  const sources = /* @__PURE__ */ new Map();
  for (const [name, s] of Object.entries(manifest.sources)) {
    sources.set(name, {
      kind: "source",
      name,
      description: s.description,
      group: s.group,
      observe: s.observe,
      inputs: s.inputs ?? [],
      location: locator.locateKey(["sources", name])
    });
  }
  const assets = /* @__PURE__ */ new Map();
  for (const [name, a] of Object.entries(manifest.assets)) {
    const metrics = a.metrics ? { primary: a.metrics.primary, direction: a.metrics.direction, directions: a.metrics.directions ?? {} } : void 0;
    const retryFailed = a["retry-failed"] ?? defaults["retry-failed"];
    const promoteMetric = a.promote?.metric ?? metrics?.primary;
    const promoteDirection = promoteMetric === metrics?.primary ? metrics?.direction : metrics?.directions[promoteMetric ?? ""] ?? metrics?.direction;
    assets.set(name, {
      kind: "asset",
      name,
      description: a.description,
      group: a.group,
      deps: a.deps.map(refAsset),
      depAliases: Object.fromEntries(
        a.deps.filter((ref) => ref.includes("@")).map((ref) => [refAsset(ref), ref.slice(ref.indexOf("@") + 1)])
      ),
      code: a.code,
      codeVersion: a["code-version"],
      inputs: a.inputs,
      run: a.run,
      outputs: a.outputs,
      config: a.config,
      env: { ...defaults.env, ...a.env },
      ownEnv: a.env,
      metrics,
      checks: a.checks.map(checkSpec),
      promote: a.promote ? {
        alias: a.promote.alias,
        metric: promoteMetric ?? "",
        direction: promoteDirection ?? "minimize",
        minDelta: a.promote["min-delta"],
        minRelative: a.promote["min-relative"],
        threshold: a.promote.threshold,
        branches: a.promote.branches
      } : void 0,
      automation: a.automation ? normalizeCondition(a.automation) : defaultAutomation,
      automationDeclared: a.automation !== void 0 || defaults.automation !== void 0,
      runsOn: a["runs-on"] ?? defaults["runs-on"] ?? DEFAULT_RUNS_ON,
      timeoutMs: a.timeout !== void 0 ? durationMs(a.timeout) : defaults.timeout !== void 0 ? durationMs(defaults.timeout) : DEFAULT_TIMEOUT_MS,
      retries: a.retries ?? defaults.retries ?? 0,
      retryFailedMs: retryFailed === void 0 ? void 0 : durationMs(retryFailed),
      pullRequests: a["pull-requests"] ?? defaults["pull-requests"] ?? true,
      store: a.store ?? (a.promote ? "artifact" : "cache"),
      retentionDays: a["retention-days"] ?? defaults["retention-days"] ?? DEFAULT_RETENTION_DAYS,
      location: locator.locateKey(["assets", name])
    });
  }
  const githubIssue = manifest.alerts?.["github-issue"];
  return {
    manifestPath,
    root: path.dirname(manifestPath),
    name: manifest.name ?? defaultProjectName(manifestPath),
    nameDeclared: manifest.name !== void 0,
    setup: manifest.setup,
    sources,
    assets,
    environments,
    alerts: {
      slack: manifest.alerts?.slack ? { webhookSecret: manifest.alerts.slack["webhook-secret"] } : void 0,
      githubIssue: githubIssue === true ? { labels: [] } : githubIssue ? { labels: githubIssue.labels } : void 0
    },
    site: { pages: manifest.site?.pages ?? false, title: manifest.site?.title },
    nameLocation: manifest.name !== void 0 ? locator.locate(["name"]) : void 0
  };
}

export {
  makeLocator,
  loadManifest,
  parseAndKeep,
  parseManifest
};
