import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  CONDITION_NAMES,
  CONDITION_OPERATORS,
  Manifest,
  NAME_PATTERN
} from "./chunk-JRDQNYU3.js";
import {
  require_dist
} from "./chunk-Q7KBE4RR.js";
import {
  j
} from "./chunk-BI5EDGJF.js";
import {
  require_picomatch
} from "./chunk-YJUY5MZT.js";
import {
  DEFAULT_PROMOTING_BRANCHES,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_RUNS_ON,
  DEFAULT_TIMEOUT_MS,
  METRIC_EXPRESSION,
  aliasReadsAsVersion,
  checkSpec,
  durationMs,
  metricDirection,
  metricNameProblem,
  normalizeCondition,
  refAsset
} from "./chunk-OAUXH6FU.js";
import {
  closest
} from "./chunk-CZZZSMQQ.js";
import {
  defaultProjectName,
  describePathProblem,
  lexicalPathProblem,
  manifestDisplay,
  normalizeOutputPath,
  pathWithin,
  readManifest,
  writeCachedManifest
} from "./chunk-DQNGLDMZ.js";
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
  const error = (reason, message, p, hint2, key = false) => out.push({
    severity: "error",
    reason,
    message,
    location: key ? locator.locateKey(p) : locator.locate(p),
    hint: hint2
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
var isDuration = (p) => p.at(-1) === "timeout" || p.at(-1) === "retry-failed";
var UNION_EXPECTATIONS = [
  [isDuration, "a duration such as 90s, 30m, 2h or 1d, or a number of minutes"],
  [(p) => p.at(-1) === "runs-on", "a runner label or a list of labels"],
  [(p) => p.at(-1) === "github-issue", "true, false or {labels: [...]}"],
  [(p) => p.at(-2) === "env", "a string, number, boolean or {secret: NAME}"]
];
function issueDiagnostics(issue, data, locator) {
  const p = issue.path;
  const actual = valueAt(data, p);
  const error = (reason, message, location = locator.locate(p), hint2) => [{ severity: "error", reason, message, location, hint: hint2 }];
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
        if (typeof actual === "string" && issue.values.map(String).includes(actual.trim()))
          return error(
            "unsupported-version",
            `the manifest version must be the number ${actual.trim()}, not the string ${describe(actual)}`,
            void 0,
            `write \`version: ${actual.trim()}\` without quotes`
          );
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
      if (isDuration(p))
        return error(
          "invalid-value",
          `${where(p)} must be a duration longer than zero, not ${describe(actual)}`
        );
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}, not ${describe(actual)}`
      );
    case "too_big":
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}, not ${describe(actual)}`
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

// src/manifest/cron-check.ts
function checkCronExpression(expression) {
  const trimmed = expression.trim();
  if (trimmed.startsWith("@")) {
    return {
      ok: false,
      error: {
        message: `cron nickname "${trimmed}" is not supported by GitHub schedules`,
        hint: 'write five fields (minute hour day month weekday), e.g. "0 3 * * *" for @daily'
      }
    };
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    return {
      ok: false,
      error: {
        message: `cron expression "${trimmed}" has ${fields.length} field${fields.length === 1 ? "" : "s"}; GitHub schedules take five (minute hour day month weekday)`,
        hint: fields.length > 5 ? "GitHub has no seconds or year field" : void 0
      }
    };
  }
  const extension = /[^0-9A-Za-z*,/-]/.exec(trimmed.replace(/\s+/g, ""))?.[0] ?? /\b(L|W|LW)\b|\d+[LW]\b/.exec(trimmed)?.[0];
  if (extension !== void 0) {
    return {
      ok: false,
      error: {
        message: `cron expression "${trimmed}" uses "${extension}", which GitHub schedules do not support`,
        hint: "use only numbers, names and the operators * , - /"
      }
    };
  }
  try {
    new j(trimmed, { paused: true, timezone: "UTC" });
  } catch (error) {
    const reason = error.message.replace(/^CronPattern: /, "");
    return { ok: false, error: { message: `invalid cron expression "${trimmed}": ${reason}` } };
  }
  return { ok: true, value: void 0 };
}
function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat(void 0, { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// src/manifest/expression-check.ts
var TRUSTED_REFERENCE = /\$\{\{\s*(?:secrets|vars|env|runner)\.[A-Za-z_][A-Za-z0-9_-]*\s*\}\}/g;
function hasExpression(text, trusted) {
  return (trusted ? text.replace(TRUSTED_REFERENCE, "") : text).includes("${{");
}
function* strings(value, at) {
  if (typeof value === "string") yield [value, at];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, i]);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) yield* strings(item, [...at, key]);
}
function expressionDiagnostics(manifest, locator) {
  const diagnostics = [];
  const runsOn = [[manifest.defaults["runs-on"], ["defaults", "runs-on"]]];
  for (const [name, asset] of Object.entries(manifest.assets))
    runsOn.push([asset["runs-on"], ["assets", name, "runs-on"]]);
  for (const [value, at] of runsOn) {
    for (const [text, path2] of strings(value, at)) {
      if (!hasExpression(text, false)) continue;
      diagnostics.push({
        severity: "error",
        reason: "expression-in-runs-on",
        message: `runner label ${JSON.stringify(text)} holds a \`\${{ }}\` expression, which GitHub would evaluate in the generated job`,
        location: locator.locate(path2),
        hint: "write the runner's labels as plain text (ubuntu-latest, [self-hosted, gpu])"
      });
    }
  }
  for (const [text, path2] of strings(manifest.setup, ["setup"])) {
    if (!hasExpression(text, true)) continue;
    diagnostics.push({
      severity: "error",
      reason: "untrusted-expression",
      message: `setup step value ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}\u2026` : text)} holds a \`\${{ }}\` expression other than a plain reference to secrets, vars, env or runner; Kiln copies setup steps into every generated job, where event data (pull request titles, branch names) could inject commands`,
      location: locator.locate(path2),
      hint: "use only ${{ secrets.NAME }}, ${{ vars.NAME }}, ${{ env.NAME }} or ${{ runner.NAME }} in setup steps"
    });
  }
  return diagnostics;
}

// src/manifest/validate-graph.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
function rawGraph(data) {
  const root = isRecord(data) ? data : {};
  const assets = /* @__PURE__ */ new Map();
  for (const [name, spec] of Object.entries(isRecord(root.assets) ? root.assets : {})) {
    const deps = isRecord(spec) && Array.isArray(spec.deps) ? spec.deps : [];
    assets.set(name, { deps: deps.map((dep) => typeof dep === "string" ? dep.replace(/@.*$/, "") : "") });
  }
  const sources = new Map(Object.keys(isRecord(root.sources) ? root.sources : {}).map((n) => [n, n]));
  return { assets, sources };
}
function dependencyDiagnostics(graph, locator) {
  const diagnostics = [];
  const known = [...graph.assets.keys(), ...graph.sources.keys()];
  for (const [name, asset] of graph.assets) {
    const seen = /* @__PURE__ */ new Map();
    asset.deps.forEach((dep, index) => {
      if (dep === "") return;
      const at = locator.locate(["assets", name, "deps", index]);
      if (dep === name) {
        diagnostics.push({
          severity: "error",
          reason: "self-dependency",
          message: `asset "${name}" depends on itself`,
          location: at,
          hint: "remove it from its own `deps`"
        });
      } else if (seen.has(dep)) {
        diagnostics.push({
          severity: "error",
          reason: "duplicate-dependency",
          message: `asset "${name}" lists dependency "${dep}" twice`,
          location: at,
          related: [
            { ...locator.locate(["assets", name, "deps", seen.get(dep)]), message: "first listed here" }
          ]
        });
      } else if (!graph.assets.has(dep) && !graph.sources.has(dep)) {
        const suggestion = closest(
          dep,
          known.filter((n) => n !== name)
        );
        diagnostics.push({
          severity: "error",
          reason: "unknown-dependency",
          message: `asset "${name}" depends on unknown asset "${dep}"`,
          location: at,
          hint: suggestion ? `did you mean "${suggestion}"?` : "declare it under `assets:` or `sources:`"
        });
      }
      if (!seen.has(dep)) seen.set(dep, index);
    });
  }
  return diagnostics;
}
function cycleDiagnostics(project, locator) {
  const diagnostics = [];
  const state = /* @__PURE__ */ new Map();
  const stack = [];
  const reported = /* @__PURE__ */ new Set();
  const edge = (from, to) => locator.locate(["assets", from, "deps", project.assets.get(from).deps.indexOf(to)]);
  const visit2 = (name) => {
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of new Set(project.assets.get(name)?.deps ?? [])) {
      if (!project.assets.has(dep) || dep === name) continue;
      if (state.get(dep) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = cycle.slice(0, -1).sort().join(",");
        if (reported.has(key)) continue;
        reported.add(key);
        diagnostics.push({
          severity: "error",
          reason: "dependency-cycle",
          message: `dependency cycle: ${cycle.join(" \u2192 ")}`,
          location: edge(cycle[0], cycle[1]),
          related: cycle.slice(1, -1).map((from, i) => ({
            ...edge(from, cycle[i + 2]),
            message: `${from} depends on ${cycle[i + 2]}`
          })),
          hint: "an asset cannot depend, directly or through others, on itself"
        });
      } else if (!state.has(dep)) visit2(dep);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of project.assets.keys()) if (!state.has(name)) visit2(name);
  return diagnostics;
}
function outputDiagnostics(project, locator) {
  const diagnostics = [];
  const exact = /* @__PURE__ */ new Map();
  const underDirectory = /* @__PURE__ */ new Map();
  for (const asset of project.assets.values()) {
    asset.outputs.forEach((output, index) => {
      const path2 = normalizeOutputPath(output);
      const at = () => locator.locate(["assets", asset.name, "outputs", index]);
      const clash = findClash(path2, asset.name, exact, underDirectory);
      if (clash) {
        diagnostics.push({
          severity: "error",
          reason: "conflicting-outputs",
          message: clash.path === path2 ? `assets "${clash.asset}" and "${asset.name}" both write ${path2}` : `asset "${asset.name}" writes ${path2}, which overlaps ${clash.path} written by "${clash.asset}"`,
          location: at(),
          related: [
            {
              ...locator.locate(["assets", clash.asset, "outputs", clash.index]),
              message: `${clash.asset} declares it here`
            }
          ],
          hint: "each output belongs to one asset; let the other depend on it instead"
        });
      }
      const owner = { asset: asset.name, index, path: path2 };
      if (!exact.has(path2)) exact.set(path2, owner);
      for (const dir of ancestors(path2)) if (!underDirectory.has(dir)) underDirectory.set(dir, owner);
      const input = asset.inputs.findIndex((glob) => readsOutput(normalizeOutputPath(glob), path2));
      if (input >= 0) {
        diagnostics.push({
          severity: "error",
          reason: "output-is-input",
          message: `asset "${asset.name}" lists its output ${path2} among its inputs`,
          location: at(),
          related: [
            {
              ...locator.locate(["assets", asset.name, "inputs", input]),
              message: "the input is declared here"
            }
          ],
          hint: "every run would change its own version; remove the output from `inputs`"
        });
      }
    });
  }
  return diagnostics;
}
function ancestors(path2) {
  const parts = path2.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}
function findClash(path2, asset, exact, underDirectory) {
  for (const candidate of [
    exact.get(path2),
    ...ancestors(path2).map((dir) => exact.get(dir)),
    underDirectory.get(path2)
  ]) {
    if (candidate && candidate.asset !== asset) return candidate;
  }
  return void 0;
}
function readsOutput(glob, path2) {
  if (pathWithin(path2, glob) || pathWithin(glob, path2)) return true;
  const scan = import_picomatch.default.scan(glob);
  if (!scan.isGlob) return false;
  if (scan.base && !pathWithin(path2, scan.base)) return false;
  return (0, import_picomatch.default)(glob, { dot: true })(path2);
}

// src/manifest/validate-paths.ts
var WHAT = { outputs: "output", inputs: "input", code: "code" };
function hint(field, problem) {
  if (field !== "outputs")
    return "Kiln fingerprints files inside the project folder only: move the file into it, or move kiln.yml up to a folder that holds both";
  switch (problem.kind) {
    case "project-folder":
      return "Kiln clears an asset's outputs before its step runs: name the files, or a folder such as build/";
    case "reserved":
      return "Kiln and git own that folder: write the output elsewhere, such as build/";
    default:
      return "outputs are written, restored and pulled at the same place on every machine: use a path inside the project folder, such as build/";
  }
}
var GLOB_SYNTAX = /[*?]|\[[^\]]*\]|\{[^}]*,[^}]*\}/;
function pathDiagnostics(project, locator) {
  const diagnostics = [];
  const check = (section, name, field, paths) => {
    paths.forEach((file, index) => {
      if (field === "outputs" && GLOB_SYNTAX.test(file)) {
        diagnostics.push({
          severity: "error",
          reason: "glob-output",
          message: `output "${file}" of asset "${name}" is a pattern, but outputs are files or folders, named as written`,
          location: locator.locate([section, name, field, index]),
          hint: "name each file the step writes (build/model.json), or the folder that holds them (build/): a folder output keeps everything written inside it"
        });
        return;
      }
      const problem = lexicalPathProblem(file, { output: field === "outputs" });
      if (!problem) return;
      const kind = section === "assets" ? "asset" : "source";
      diagnostics.push({
        severity: "error",
        reason: problem.kind === "absolute" || problem.kind === "outside" ? "path-outside-project" : "reserved-output-path",
        message: `${WHAT[field]} "${file}" of ${kind} "${name}" ${describePathProblem(problem)}`,
        location: locator.locate([section, name, field, index]),
        hint: hint(field, problem)
      });
    });
  };
  for (const asset of project.assets.values()) {
    check("assets", asset.name, "code", asset.code);
    check("assets", asset.name, "inputs", asset.inputs);
    check("assets", asset.name, "outputs", asset.outputs);
  }
  for (const source of project.sources.values()) check("sources", source.name, "inputs", source.inputs);
  return diagnostics;
}

// src/manifest/validate.ts
var RESERVED_NAME_PREFIX = "kiln-";
var RESERVED_ENV_PREFIX = "KILN_";
function validateProject(project, manifest, locator) {
  const diagnostics = [];
  const error = (reason, message, location = locator.locate([]), hint2, related) => diagnostics.push({ severity: "error", reason, message, location, hint: hint2, related });
  for (const section of ["sources", "assets"]) {
    const kind = section === "assets" ? "asset" : "source";
    for (const name of Object.keys(manifest[section])) {
      if (!NAME_PATTERN.test(name)) {
        const lower = name.toLowerCase().replace(/[^a-z0-9_-]/g, "_").replace(/^[^a-z]+/, "");
        error(
          "invalid-name",
          `invalid ${kind} name "${name}": names must match [a-z][a-z0-9_-]*`,
          locator.locateKey([section, name]),
          lower && lower !== name ? `try "${lower}"` : void 0
        );
      } else if (name.startsWith(RESERVED_NAME_PREFIX)) {
        error(
          "reserved-name",
          `${kind} name "${name}" is reserved: names starting with "${RESERVED_NAME_PREFIX}" belong to Kiln's generated jobs`,
          locator.locateKey([section, name])
        );
      }
    }
  }
  for (const name of Object.keys(manifest.assets)) {
    if (name in manifest.sources) {
      error(
        "duplicate-name",
        `"${name}" is both a source and an asset`,
        locator.locateKey(["assets", name]),
        "give one of them another name",
        [{ ...locator.locateKey(["sources", name]), message: "the source is declared here" }]
      );
    }
  }
  const aliasDependency = (name, dep, alias, at) => {
    const source = project.sources.get(dep);
    if (source) {
      error(
        "alias-dependency-on-source",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" is a source: sources are observed, they have no versions or aliases`,
        at,
        `depend on "${dep}"`
      );
      return;
    }
    const target = project.assets.get(dep);
    if (!target) return;
    if (!target.promote) {
      error(
        "alias-dependency-without-promote",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" has no \`promote\`, so no version of it ever holds an alias`,
        at,
        `add \`promote: { alias: ${alias} }\` to "${dep}", or depend on "${dep}" (its newest version)`,
        [{ ...target.location, message: `"${dep}" is declared here` }]
      );
      return;
    }
    if (target.promote.alias !== alias) {
      error(
        "unknown-alias",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" has no alias "${alias}": its \`promote\` moves "${target.promote.alias}"`,
        at,
        `did you mean "${dep}@${target.promote.alias}"?`,
        [{ ...locator.locate(["assets", dep, "promote"]), message: "the promotion is declared here" }]
      );
    }
  };
  diagnostics.push(
    ...dependencyDiagnostics(project, locator),
    ...cycleDiagnostics(project, locator),
    ...outputDiagnostics(project, locator),
    ...pathDiagnostics(project, locator),
    ...expressionDiagnostics(manifest, locator)
  );
  for (const asset of project.assets.values()) {
    const first = /* @__PURE__ */ new Set();
    asset.deps.forEach((dep, index) => {
      const alias = asset.depAliases[dep];
      if (first.has(dep) || alias === void 0) return;
      first.add(dep);
      aliasDependency(asset.name, dep, alias, locator.locate(["assets", asset.name, "deps", index]));
    });
  }
  const conditions = [
    [manifest.defaults.automation, ["defaults", "automation"]],
    ...Object.entries(manifest.assets).map(([name, a]) => [
      a.automation,
      ["assets", name, "automation"]
    ])
  ];
  const visit2 = (condition, at) => {
    if (typeof condition === "string") return;
    if ("on_cron" in condition || "cron" in condition) {
      const key = "on_cron" in condition ? "on_cron" : "cron";
      const expression = "on_cron" in condition ? condition.on_cron : condition.cron;
      const checked = checkCronExpression(expression);
      if (!checked.ok)
        error("invalid-cron", checked.error.message, locator.locate([...at, key]), checked.error.hint);
      if (condition.tz !== void 0 && !isTimeZone(condition.tz)) {
        const zones = Intl.supportedValuesOf("timeZone");
        const suggestion = closest(condition.tz, zones);
        error(
          "unknown-time-zone",
          `unknown time zone "${condition.tz}"`,
          locator.locate([...at, "tz"]),
          suggestion ? `did you mean "${suggestion}"?` : "use an IANA name such as Europe/Berlin or America/New_York"
        );
      }
    } else if ("all" in condition)
      condition.all.forEach((c, i) => {
        visit2(c, [...at, "all", i]);
      });
    else if ("any" in condition)
      condition.any.forEach((c, i) => {
        visit2(c, [...at, "any", i]);
      });
    else visit2(condition.not, [...at, "not"]);
  };
  for (const [condition, at] of conditions) if (condition !== void 0) visit2(condition, at);
  for (const [name, a] of Object.entries(manifest.assets)) {
    a.checks.forEach((check, i) => {
      if (check.metric !== void 0 && !METRIC_EXPRESSION.test(check.metric)) {
        error(
          "invalid-metric-check",
          `metric check "${check.metric}" of asset "${name}" is not NAME OP NUMBER`,
          locator.locate(["assets", name, "checks", i, "metric"]),
          'write e.g. "mae < 70"; OP is one of < <= > >= == !='
        );
      }
    });
    const metricNames = [
      ...a.metrics ? [[a.metrics.primary, ["metrics", "primary"]]] : [],
      ...Object.keys(a.metrics?.directions ?? {}).map((metric) => [
        metric,
        ["metrics", "directions", metric]
      ]),
      ...a.promote?.metric !== void 0 ? [[a.promote.metric, ["promote", "metric"]]] : []
    ];
    for (const [metric, at] of metricNames) {
      const problem = metricNameProblem(metric);
      if (problem === void 0) continue;
      const keyed = at[1] === "directions";
      error(
        "invalid-metric-name",
        `metric name ${JSON.stringify(metric)} of asset "${name}" ${problem}`,
        keyed ? locator.locateKey(["assets", name, ...at]) : locator.locate(["assets", name, ...at]),
        "name the metric as the step writes it to KILN_METRICS, without < > = ! and with no space at either end"
      );
    }
    const alias = a.promote?.alias;
    const aliasVersion = alias === void 0 ? void 0 : aliasReadsAsVersion(alias);
    if (aliasVersion !== void 0) {
      error(
        "alias-reads-as-version",
        `alias "${alias}" of asset "${name}" reads as a version: ${name}@${alias} means v${aliasVersion}, so no reference could name this alias`,
        locator.locate(["assets", name, "promote", "alias"]),
        "choose a name that is not v followed by digits, such as champion or production"
      );
    }
    if (a.promote && !a.metrics) {
      error(
        "promote-without-metrics",
        `asset "${name}" has \`promote\` but no \`metrics\`: promotion compares a metric and needs its direction`,
        locator.locateKey(["assets", name, "promote"]),
        "add `metrics: { primary: NAME, direction: minimize }` (or maximize)"
      );
    }
    const primaryAgain = a.metrics ? a.metrics.directions?.[a.metrics.primary] : void 0;
    if (a.metrics && primaryAgain !== void 0 && primaryAgain !== a.metrics.direction) {
      error(
        "primary-direction-conflict",
        `asset "${name}" gives its primary metric ${a.metrics.primary} two directions: \`direction: ${a.metrics.direction}\` and \`directions: { ${a.metrics.primary}: ${primaryAgain} }\``,
        locator.locate(["assets", name, "metrics", "directions", a.metrics.primary]),
        `keep the one that is right in \`direction\` and remove ${a.metrics.primary} from \`directions\` (which are for the other metrics)`
      );
    }
    const promoteMetric = a.promote?.metric;
    if (a.metrics && promoteMetric !== void 0 && promoteMetric !== a.metrics.primary && a.metrics.directions?.[promoteMetric] === void 0 && metricNameProblem(promoteMetric) === void 0) {
      error(
        "promote-metric-without-direction",
        `asset "${name}" promotes on metric "${promoteMetric}", which has no direction: the primary metric ${a.metrics.primary} is ${a.metrics.direction}d, and ${promoteMetric}'s direction is not given`,
        locator.locate(["assets", name, "promote", "metric"]),
        `add \`directions: { ${promoteMetric}: maximize }\` (or minimize) under the asset's metrics`
      );
    }
  }
  for (const [envName, env] of Object.entries(manifest.environments)) {
    for (const [assetName, override] of Object.entries(env.config ?? {})) {
      const asset = project.assets.get(assetName);
      if (asset) {
        diagnostics.push(
          ...overrideDiagnostics(asset.config, override, ["environments", envName, "config", assetName], {
            environment: envName,
            asset: assetName,
            locator
          })
        );
        continue;
      }
      const suggestion = closest(assetName, [...project.assets.keys()]);
      error(
        "unknown-asset-in-environment",
        `environment "${envName}" configures unknown asset "${assetName}"`,
        locator.locateKey(["environments", envName, "config", assetName]),
        suggestion ? `did you mean "${suggestion}"?` : void 0
      );
    }
  }
  environmentBranchDiagnostics(manifest, locator, error);
  const envMaps = [
    [manifest.defaults.env, ["defaults", "env"]],
    ...Object.entries(manifest.assets).map(([n, a]) => [
      a.env,
      ["assets", n, "env"]
    ]),
    ...Object.entries(manifest.environments).map(([n, e]) => [
      e.env,
      ["environments", n, "env"]
    ])
  ];
  for (const [env, at] of envMaps) {
    for (const key of Object.keys(env ?? {})) {
      if (key.toUpperCase().startsWith(RESERVED_ENV_PREFIX)) {
        error(
          "reserved-env",
          `environment variable "${key}" is reserved: Kiln sets the ${RESERVED_ENV_PREFIX}* variables itself`,
          locator.locateKey([...at, key]),
          "rename it"
        );
      }
    }
  }
  manifest.setup.forEach((step, i) => {
    const kinds = [step.uses, step.run].filter((k) => k !== void 0).length;
    if (kinds !== 1) {
      error(
        "invalid-setup-step",
        kinds === 0 ? "a setup step needs `uses` or `run`" : "a setup step takes `uses` or `run`, not both",
        locator.locate(["setup", i])
      );
    }
  });
  for (const asset of project.assets.values()) {
    if (asset.code.length === 0 && asset.codeVersion === void 0) {
      diagnostics.push({
        severity: "warning",
        reason: "no-code-version",
        message: `asset "${asset.name}" lists no \`code\` files and no \`code-version\`: changes to its script will not make it stale`,
        location: asset.location,
        hint: "list the script its `run` executes under `code:`, or set `code-version:`"
      });
    }
  }
  return diagnostics;
}
function environmentBranchDiagnostics(manifest, locator, error) {
  const owner = /* @__PURE__ */ new Map();
  for (const [envName, env] of Object.entries(manifest.environments)) {
    (env.branches ?? []).forEach((branch, i) => {
      const at = ["environments", envName, "branches", i];
      if (!isBranchName(branch)) {
        error(
          "branch-name",
          `branch ${JSON.stringify(branch)} of environment "${envName}" holds a space or a control character, which git allows in no branch name, so no branch would select it`,
          locator.locate(at),
          "list each branch by its name, as `git branch` shows it"
        );
        return;
      }
      if (isBranchPattern(branch)) {
        error(
          "branch-pattern",
          `branch "${branch}" of environment "${envName}" is a pattern, but environments and promotion select branches by their exact names, so no branch would select it`,
          locator.locate(at),
          "list each branch by its name (git branch names never contain * ? [ ])"
        );
        return;
      }
      const first = owner.get(branch);
      if (first && first.env !== envName) {
        error(
          "branch-in-two-environments",
          `branch "${branch}" selects both environment "${first.env}" and "${envName}"`,
          locator.locate(at),
          "a branch runs in one environment: keep it under one of them",
          [{ ...locator.locate(first.at), message: `"${first.env}" lists it here` }]
        );
      } else if (!first) owner.set(branch, { env: envName, at });
    });
  }
  const promoting = Object.entries(manifest.assets).filter(([, a]) => a.promote);
  if (promoting.length === 0) return;
  const prodDeclared = manifest.environments.prod?.branches ?? [];
  const [firstAsset] = promoting[0];
  if (prodDeclared.length === 0) {
    for (const branch of DEFAULT_PROMOTING_BRANCHES) {
      const taken = owner.get(branch);
      if (!taken || taken.env === "prod") continue;
      error(
        "prod-unreachable",
        `environment "${taken.env}" takes branch "${branch}", the default branch, so no branch selects prod and asset "${firstAsset}" never promotes`,
        locator.locate(taken.at),
        `only prod promotes: rename "${taken.env}" to "prod", or list prod's branches under environments.prod.branches`,
        [{ ...locator.locateKey(["assets", firstAsset, "promote"]), message: "promotion declared here" }]
      );
    }
  }
  for (const [name, asset] of promoting) {
    (asset.promote?.branches ?? []).forEach((branch, i) => {
      if (isBranchPattern(branch)) {
        error(
          "branch-pattern",
          `branch "${branch}" of asset "${name}"'s promote.branches is a pattern, but environments and promotion select branches by their exact names, so it would never promote`,
          locator.locate(["assets", name, "promote", "branches", i]),
          "list each branch by its name (git branch names never contain * ? [ ])"
        );
        return;
      }
      const selects = owner.get(branch)?.env ?? (prodDeclared.length === 0 && DEFAULT_PROMOTING_BRANCHES.includes(branch) ? "prod" : "dev");
      if (selects === "prod") return;
      error(
        "promote-branch-not-prod",
        `asset "${name}" promotes on branch "${branch}", but that branch selects environment "${selects}" and only prod promotes`,
        locator.locate(["assets", name, "promote", "branches", i]),
        prodDeclared.length > 0 ? `add "${branch}" to environments.prod.branches, or remove it here` : `list prod's branches under environments.prod.branches (e.g. [${branch}]), or remove it here`
      );
    });
  }
}
var isBranchPattern = (branch) => /[*?[\]]/.test(branch);
var isBranchName = (branch) => !/[\s\u0000-\u001f\u007f]/.test(branch);
var isPlainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
function overrideDiagnostics(base, override, at, context) {
  if (!isPlainObject(base) || !isPlainObject(override)) return [];
  const found = [];
  const keys = Object.keys(base);
  for (const [key, value] of Object.entries(override)) {
    if (key in base) {
      found.push(...overrideDiagnostics(base[key], value, [...at, key], context));
      continue;
    }
    const suggestion = closest(key, keys);
    const where2 = at.length > 4 ? `config.${at.slice(4).join(".")}` : "config";
    found.push({
      severity: "error",
      reason: "unknown-config-override",
      message: `environment "${context.environment}" overrides ${where2}.${key} of asset "${context.asset}", which its config does not have`,
      location: context.locator.locateKey([...at, key]),
      hint: suggestion ? `did you mean "${suggestion}"?` : `declare ${key} in the asset's \`config\` first (the default); environments only override it`
    });
  }
  return found;
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
    const promoteDirection = metrics && promoteMetric !== void 0 ? metricDirection(metrics, promoteMetric) ?? metrics.direction : metrics?.direction;
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
  RESERVED_NAME_PREFIX,
  makeLocator,
  loadManifest,
  parseAndKeep,
  parseManifest
};
