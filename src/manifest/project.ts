// The normalized project: what every other module reads instead of the raw manifest.
// Defaults are applied, durations are milliseconds, conditions are a tree with `kind`s.
import type { CheckInput, ConfigMap, EnvValue, JsonValue, StepInput } from "./schema.js";

export type { JsonValue, EnvValue };
export type Config = { [key: string]: JsonValue };

/** A position in a file, 1-based lines and columns as editors and compilers print them. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SourceLocation {
  file: string;
  range?: SourceRange | undefined;
}

export type Condition =
  | { kind: "eager" }
  | { kind: "on_missing" }
  | { kind: "manual" }
  | { kind: "missing" }
  | { kind: "stale" }
  | { kind: "code_changed" }
  | { kind: "deps_updated" }
  | { kind: "on_cron"; cron: string; tz: string }
  | { kind: "cron"; cron: string; tz: string }
  | { kind: "all"; of: Condition[] }
  | { kind: "any"; of: Condition[] }
  | { kind: "not"; of: Condition };

export type Direction = "minimize" | "maximize";

export interface MetricsSpec {
  primary: string;
  direction: Direction;
  directions: Record<string, Direction>;
}

/**
 * A metric's direction: the primary's is `direction`, the others' are under `directions`. The one
 * reading for promotion, reports and the site: a primary listed under `directions` with the other
 * direction is a manifest error, so a report never marks worse what promotion found better.
 */
export function metricDirection(
  metrics: Pick<MetricsSpec, "primary" | "direction" | "directions">,
  name: string,
): Direction | undefined {
  return name === metrics.primary ? metrics.direction : metrics.directions[name];
}

/**
 * What a metric name is, wherever the manifest names one (`metrics.primary`, `directions`,
 * `promote.metric`, checks): any text a step may write as a KILN_METRICS key — `val/loss`,
 * `ndcg@10`, `top 5 accuracy` — except the characters of the comparison operators (< > = !),
 * control characters, and spaces at either end, so that in a check everything before the
 * operator is the name, with no quoting.
 */
const METRIC_NAME_SOURCE = String.raw`[^<>=!\s\p{Cc}](?:[^<>=!\p{Cc}]*[^<>=!\s\p{Cc}])?`;
const METRIC_NAME = new RegExp(`^${METRIC_NAME_SOURCE}$`, "u");

/** Why `name` cannot be a metric's name in the manifest (no check could name it), or undefined. */
export function metricNameProblem(name: string): string | undefined {
  if (METRIC_NAME.test(name)) return undefined;
  if (/[<>=!]/.test(name)) return "holds <, >, = or !, which a metric check reads as its comparison";
  if (/\p{Cc}/u.test(name)) return "holds a control character";
  if (name.trim() === "") return "is blank";
  return "starts or ends with a space";
}

/**
 * `mae < 70`: the grammar of metric checks, shared by the manifest's validation and the runner
 * (run/checks.ts): a metric name (above), an operator, a number. Here, beside CheckSpec, so that a
 * run reads it without loading the manifest's schema and validation (zod builds its schemas when
 * their module loads).
 */
export const METRIC_EXPRESSION = new RegExp(
  String.raw`^\s*(${METRIC_NAME_SOURCE})\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$`,
  "u",
);

export type CheckSpec =
  | { kind: "metric"; name: string; expression: string; blocking: boolean; description?: string | undefined }
  | {
      kind: "output";
      name: string;
      path: string;
      jsonSchema?: string | undefined;
      blocking: boolean;
      description?: string | undefined;
    }
  | { kind: "command"; name: string; command: string; blocking: boolean; description?: string | undefined };

export interface PromoteSpec {
  alias: string;
  metric: string;
  direction: Direction;
  minDelta?: number | undefined;
  minRelative?: number | undefined;
  threshold?: number | undefined;
  /** Declared `promote.branches`: narrows prod's branches (src/app/environment.ts); undefined: all of them. */
  branches?: string[] | undefined;
}

/**
 * The version an alias name reads as, or undefined: `model@v2` names version 2 wherever a reference
 * is read (app/version-refs.ts), so an alias called v2 could never be reached. The manifest's
 * `promote.alias` and `kiln promote --alias` both refuse such a name by this one answer.
 */
export function aliasReadsAsVersion(alias: string): number | undefined {
  const match = /^v(\d+)$/.exec(alias);
  return match ? Number(match[1]) : undefined;
}

/**
 * How a dependency is named where versions are compared (provenance, stale causes): `model`, or
 * `model@champion` for an alias dependency, so switching between the two is a visible change.
 */
export function dependencyRef(asset: AssetSpec, dep: string): string {
  const alias = asset.depAliases[dep];
  return alias === undefined ? dep : `${dep}@${alias}`;
}

/** The asset a dependency reference names: `model@champion` → `model`. */
export function refAsset(ref: string): string {
  const at = ref.indexOf("@");
  return at < 0 ? ref : ref.slice(0, at);
}

export type StoreKind = "cache" | "artifact" | "release";

export interface AssetSpec {
  kind: "asset";
  name: string;
  description?: string | undefined;
  group?: string | undefined;
  /** The names of the assets and sources it reads (an alias dependency by its asset's name). */
  deps: string[];
  /** Dependency → alias, for `deps: [model@champion]`: the version that alias names is read. */
  depAliases: Record<string, string>;
  code: string[];
  codeVersion?: string | undefined;
  inputs: string[];
  run: string;
  outputs: string[];
  /** The base config; resolve it for an environment with `resolveConfig`. */
  config: Config;
  /** `defaults.env` with the asset's own `env` over it; resolve it for an environment with `resolveEnv`. */
  env: Record<string, EnvValue>;
  /** The asset's own `env` only: it wins over its environment's, which wins over `defaults.env`. */
  ownEnv: Record<string, EnvValue>;
  metrics?: MetricsSpec | undefined;
  checks: CheckSpec[];
  promote?: PromoteSpec | undefined;
  automation: Condition;
  /** False when the manifest gave no `automation` and the default applies. */
  automationDeclared: boolean;
  runsOn: string | string[];
  timeoutMs: number;
  retries: number;
  /** A failure at the same logical version is retried automatically after this long (then
   * doubling); undefined: only a change or an explicit selection retries it. */
  retryFailedMs?: number | undefined;
  pullRequests: boolean;
  store: StoreKind;
  retentionDays: number;
  /** Where the asset is declared, for diagnostics. */
  location: SourceLocation;
}

export interface SourceSpec {
  kind: "source";
  name: string;
  description?: string | undefined;
  group?: string | undefined;
  observe?: string | undefined;
  inputs: string[];
  location: SourceLocation;
}

export type NodeSpec = AssetSpec | SourceSpec;

export interface EnvironmentSpec {
  name: string;
  description?: string | undefined;
  branches: string[];
  config: Record<string, Config>;
  env: Record<string, EnvValue>;
}

export interface AlertsSpec {
  slack?: { webhookSecret: string } | undefined;
  githubIssue?: { labels: string[] } | undefined;
}

export interface SiteSpec {
  /** Publish `kiln site` to GitHub Pages from the generated workflow. */
  pages: boolean;
  title?: string | undefined;
}

export interface Project {
  /** Absolute path of kiln.yml. */
  manifestPath: string;
  /** Absolute path of the directory holding kiln.yml: the working directory of every step. */
  root: string;
  /** The project's name: its namespace in the ledger and its workflow file (see project-name.ts). */
  name: string;
  /** False when the manifest gave no `name:` and the folder named the project. */
  nameDeclared: boolean;
  setup: StepInput[];
  sources: Map<string, SourceSpec>;
  assets: Map<string, AssetSpec>;
  environments: Map<string, EnvironmentSpec>;
  alerts: AlertsSpec;
  site: SiteSpec;
  /** Where `name:` is, when the manifest declares one (for the duplicate-name error). */
  nameLocation?: SourceLocation | undefined;
  /**
   * The SHA-256 of the manifest text the project was read from, when it came through openManifest:
   * what answers worked out from the project alone are kept under (version/versions-memo.ts).
   */
  sourceHash?: string | undefined;
}

export const DEFAULT_RUNS_ON = "ubuntu-latest";
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_PROMOTING_BRANCHES = ["main", "master"];
/** The environment that promotes. */
export const PROD = "prod";

/**
 * The branches that select prod: those it lists, else the default branch (main or master when the
 * repository's default is not known) unless another environment lists it. The environment rules
 * (app/environment.ts) and the generated workflow's push trigger both read this one answer.
 */
export function prodBranches(project: Project, defaultBranch?: string): string[] {
  const declared = project.environments.get(PROD)?.branches ?? [];
  if (declared.length > 0) return declared;
  const claimed = new Set([...project.environments.values()].flatMap((e) => e.branches));
  const defaults = defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES;
  return defaults.filter((b) => !claimed.has(b));
}

/** Whether prod's branches depend on the repository's default branch: prod lists none of its own. */
export function prodFollowsDefaultBranch(project: Project): boolean {
  return (project.environments.get(PROD)?.branches ?? []).length === 0;
}

/** Parses `30m`, `2h`, `90s`, `1d`, or minutes as a number. */
export function durationMs(value: string | number): number {
  if (typeof value === "number") return Math.round(value * 60_000);
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`bug: unvalidated duration ${value}`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "s" | "m" | "h" | "d"];
  return Math.round(Number(match[1]) * unit);
}

export function normalizeCondition(input: import("./schema.js").ConditionInput): Condition {
  if (typeof input === "string") return { kind: input };
  if ("on_cron" in input) return { kind: "on_cron", cron: input.on_cron, tz: input.tz ?? "UTC" };
  if ("cron" in input) return { kind: "cron", cron: input.cron, tz: input.tz ?? "UTC" };
  if ("all" in input) return { kind: "all", of: input.all.map(normalizeCondition) };
  if ("any" in input) return { kind: "any", of: input.any.map(normalizeCondition) };
  return { kind: "not", of: normalizeCondition(input.not) };
}

export function checkSpec(input: CheckInput, index: number): CheckSpec {
  const common = { blocking: input.blocking, description: input.description };
  if (input.metric !== undefined) {
    return { kind: "metric", name: input.name ?? input.metric, expression: input.metric, ...common };
  }
  if (input.output !== undefined) {
    const name =
      input.name ??
      (input["json-schema"] ? `${input.output} matches ${input["json-schema"]}` : `${input.output} exists`);
    return { kind: "output", name, path: input.output, jsonSchema: input["json-schema"], ...common };
  }
  return {
    kind: "command",
    // The command itself, as the reference documents: `check 2` would say nothing in a report.
    name: input.name ?? input.command ?? `check ${index + 1}`,
    command: input.command ?? "",
    ...common,
  };
}

function isPlainObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where the override wins; arrays are replaced, not merged. */
export function mergeConfig(base: Config, override: Config | undefined): Config {
  if (!override) return base;
  const merged: Config = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return merged;
}

/** The asset's config as the step sees it in the given environment. */
export function resolveConfig(project: Project, asset: AssetSpec, environment: string): Config {
  return mergeConfig(asset.config, project.environments.get(environment)?.config[asset.name]);
}

/**
 * The asset's env values in the given environment, the most specific place winning per name:
 * `defaults.env`, then the environment's `env`, then the asset's own (docs/manifest.md).
 */
export function resolveEnv(
  project: Project,
  asset: AssetSpec,
  environment: string,
): Record<string, EnvValue> {
  return { ...asset.env, ...project.environments.get(environment)?.env, ...asset.ownEnv };
}

export type { ConfigMap };

/** The secrets an env map refers to (`{ secret: NAME }`), by name. */
export function secretNames(env: Record<string, EnvValue>): string[] {
  return Object.values(env).flatMap((value) => (typeof value === "object" ? [value.secret] : []));
}

/** Every secret the manifest refers to, in any asset's or environment's env. */
export function declaredSecrets(project: Project): ReadonlySet<string> {
  // A run works this out once (the executor's step base environment), not once per asset.
  const envs = [...project.assets.values(), ...project.environments.values()].map((spec) => spec.env);
  return new Set(envs.flatMap(secretNames));
}
