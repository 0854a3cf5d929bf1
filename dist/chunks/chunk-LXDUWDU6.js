import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/manifest/project.ts
var METRIC_EXPRESSION = /^\s*([A-Za-z_][\w.-]*)\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;
function dependencyRef(asset, dep) {
  const alias = asset.depAliases[dep];
  return alias === void 0 ? dep : `${dep}@${alias}`;
}
function refAsset(ref) {
  const at = ref.indexOf("@");
  return at < 0 ? ref : ref.slice(0, at);
}
var DEFAULT_RUNS_ON = "ubuntu-latest";
var DEFAULT_TIMEOUT_MS = 30 * 6e4;
var DEFAULT_RETENTION_DAYS = 90;
var DEFAULT_PROMOTING_BRANCHES = ["main", "master"];
var PROD = "prod";
function prodBranches(project, defaultBranch) {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length > 0) return declared;
  const claimed = new Set([...project.environments.values()].flatMap((e) => e.branches));
  const defaults = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return defaults.filter((b) => !claimed.has(b));
}
function durationMs(value) {
  if (typeof value === "number") return Math.round(value * 6e4);
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`bug: unvalidated duration ${value}`);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2]];
  return Math.round(Number(match[1]) * unit);
}
function normalizeCondition(input) {
  if (typeof input === "string") return { kind: input };
  if ("on_cron" in input) return { kind: "on_cron", cron: input.on_cron, tz: input.tz ?? "UTC" };
  if ("cron" in input) return { kind: "cron", cron: input.cron, tz: input.tz ?? "UTC" };
  if ("all" in input) return { kind: "all", of: input.all.map(normalizeCondition) };
  if ("any" in input) return { kind: "any", of: input.any.map(normalizeCondition) };
  return { kind: "not", of: normalizeCondition(input.not) };
}
function checkSpec(input, index) {
  const common = { blocking: input.blocking, description: input.description };
  if (input.metric !== void 0) {
    return { kind: "metric", name: input.name ?? input.metric, expression: input.metric, ...common };
  }
  if (input.output !== void 0) {
    const name = input.name ?? (input["json-schema"] ? `${input.output} matches ${input["json-schema"]}` : `${input.output} exists`);
    return { kind: "output", name, path: input.output, jsonSchema: input["json-schema"], ...common };
  }
  return {
    kind: "command",
    // The command itself, as the reference documents: `check 2` would say nothing in a report.
    name: input.name ?? input.command ?? `check ${index + 1}`,
    command: input.command ?? "",
    ...common
  };
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function mergeConfig(base, override) {
  if (!override) return base;
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}
function resolveConfig(project, asset, environment) {
  return mergeConfig(asset.config, project.environments.get(environment)?.config[asset.name]);
}
function resolveEnv(project, asset, environment) {
  return { ...asset.env, ...project.environments.get(environment)?.env, ...asset.ownEnv };
}
function secretNames(env) {
  return Object.values(env).flatMap((value) => typeof value === "object" ? [value.secret] : []);
}
function declaredSecrets(project) {
  const envs = [...project.assets.values(), ...project.environments.values()].map((spec) => spec.env);
  return new Set(envs.flatMap(secretNames));
}

export {
  METRIC_EXPRESSION,
  dependencyRef,
  refAsset,
  DEFAULT_RUNS_ON,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_PROMOTING_BRANCHES,
  PROD,
  prodBranches,
  durationMs,
  normalizeCondition,
  checkSpec,
  mergeConfig,
  resolveConfig,
  resolveEnv,
  secretNames,
  declaredSecrets
};
