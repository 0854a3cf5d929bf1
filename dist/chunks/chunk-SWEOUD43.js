import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-VXUOW7BF.js";
import {
  j
} from "./chunk-4HTCWRU5.js";
import {
  describePathProblem,
  lexicalPathProblem,
  normalizeOutputPath
} from "./chunk-YT4HA7MX.js";
import {
  DEFAULT_PROMOTING_BRANCHES
} from "./chunk-MKBDC2EO.js";
import {
  NAME_PATTERN
} from "./chunk-ND42QLZU.js";
import {
  closest
} from "./chunk-DYEOWQQP.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

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
  const visit = (name) => {
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
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of project.assets.keys()) if (!state.has(name)) visit(name);
  return diagnostics;
}
var within = (inner, outer) => inner === outer || inner.startsWith(`${outer}/`);
function outputDiagnostics(project, locator) {
  const diagnostics = [];
  const exact = /* @__PURE__ */ new Map();
  const underDirectory = /* @__PURE__ */ new Map();
  for (const asset of project.assets.values()) {
    asset.outputs.forEach((output, index) => {
      const path = normalizeOutputPath(output);
      const at = () => locator.locate(["assets", asset.name, "outputs", index]);
      const clash = findClash(path, asset.name, exact, underDirectory);
      if (clash) {
        diagnostics.push({
          severity: "error",
          reason: "conflicting-outputs",
          message: clash.path === path ? `assets "${clash.asset}" and "${asset.name}" both write ${path}` : `asset "${asset.name}" writes ${path}, which overlaps ${clash.path} written by "${clash.asset}"`,
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
      const owner = { asset: asset.name, index, path };
      if (!exact.has(path)) exact.set(path, owner);
      for (const dir of ancestors(path)) if (!underDirectory.has(dir)) underDirectory.set(dir, owner);
      const input = asset.inputs.findIndex((glob) => readsOutput(normalizeOutputPath(glob), path));
      if (input >= 0) {
        diagnostics.push({
          severity: "error",
          reason: "output-is-input",
          message: `asset "${asset.name}" lists its output ${path} among its inputs`,
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
function ancestors(path) {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}
function findClash(path, asset, exact, underDirectory) {
  for (const candidate of [
    exact.get(path),
    ...ancestors(path).map((dir) => exact.get(dir)),
    underDirectory.get(path)
  ]) {
    if (candidate && candidate.asset !== asset) return candidate;
  }
  return void 0;
}
function readsOutput(glob, path) {
  if (within(path, glob) || within(glob, path)) return true;
  const scan = import_picomatch.default.scan(glob);
  if (!scan.isGlob) return false;
  if (scan.base && !within(path, scan.base)) return false;
  return (0, import_picomatch.default)(glob, { dot: true })(path);
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
    for (const [text, path] of strings(value, at)) {
      if (!hasExpression(text, false)) continue;
      diagnostics.push({
        severity: "error",
        reason: "expression-in-runs-on",
        message: `runner label ${JSON.stringify(text)} holds a \`\${{ }}\` expression, which GitHub would evaluate in the generated job`,
        location: locator.locate(path),
        hint: "write the runner's labels as plain text (ubuntu-latest, [self-hosted, gpu])"
      });
    }
  }
  for (const [text, path] of strings(manifest.setup, ["setup"])) {
    if (!hasExpression(text, true)) continue;
    diagnostics.push({
      severity: "error",
      reason: "untrusted-expression",
      message: `setup step value ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}\u2026` : text)} holds a \`\${{ }}\` expression other than a plain reference to secrets, vars, env or runner; Kiln copies setup steps into every generated job, where event data (pull request titles, branch names) could inject commands`,
      location: locator.locate(path),
      hint: "use only ${{ secrets.NAME }}, ${{ vars.NAME }}, ${{ env.NAME }} or ${{ runner.NAME }} in setup steps"
    });
  }
  return diagnostics;
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
function pathDiagnostics(project, locator) {
  const diagnostics = [];
  const check = (section, name, field, paths) => {
    paths.forEach((file, index) => {
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
var METRIC_EXPRESSION = /^\s*([A-Za-z_][\w.-]*)\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;
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
  const visit = (condition, at) => {
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
        visit(c, [...at, "all", i]);
      });
    else if ("any" in condition)
      condition.any.forEach((c, i) => {
        visit(c, [...at, "any", i]);
      });
    else visit(condition.not, [...at, "not"]);
  };
  for (const [condition, at] of conditions) if (condition !== void 0) visit(condition, at);
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
    if (a.promote && !a.metrics) {
      error(
        "promote-without-metrics",
        `asset "${name}" has \`promote\` but no \`metrics\`: promotion compares a metric and needs its direction`,
        locator.locateKey(["assets", name, "promote"]),
        "add `metrics: { primary: NAME, direction: minimize }` (or maximize)"
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
    const where = at.length > 4 ? `config.${at.slice(4).join(".")}` : "config";
    found.push({
      severity: "error",
      reason: "unknown-config-override",
      message: `environment "${context.environment}" overrides ${where}.${key} of asset "${context.asset}", which its config does not have`,
      location: context.locator.locateKey([...at, key]),
      hint: suggestion ? `did you mean "${suggestion}"?` : `declare ${key} in the asset's \`config\` first (the default); environments only override it`
    });
  }
  return found;
}

export {
  rawGraph,
  dependencyDiagnostics,
  cycleDiagnostics,
  METRIC_EXPRESSION,
  validateProject
};
