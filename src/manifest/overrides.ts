// Run config set at run time, as Dagster's launchpad sets a run's config: `kiln run model --set
// model.max_depth=4` or the generated workflow's `config` dispatch input. Each assignment names an
// asset and a key its config already has (in the chosen environment); values are JSON. A run with
// overrides is an experiment: recorded and compared, never promoted, never taken for the manifest's
// own version (see DESIGN.md "Automation conditions").
import { type Config, type JsonValue, mergeConfig, type Project, resolveConfig } from "./project.js";
import { closest } from "./suggest.js";

/** One `ASSET.KEY[.KEY…]=VALUE` as typed. */
export interface Assignment {
  asset: string;
  path: string[];
  /** The value's text after `=`. */
  raw: string;
}

/** One override, checked against the asset's config. */
export interface ConfigOverride {
  asset: string;
  /** Keys inside the asset's config: `["max_depth"]`, `["optimizer", "lr"]`. */
  path: string[];
  value: JsonValue;
}

/** A run's overrides, by asset, and the text that names them in records, reports and alerts. */
export interface RunOverrides {
  byAsset: ReadonlyMap<string, readonly ConfigOverride[]>;
  /** `model.max_depth=4`, canonical JSON values, in the order given. */
  texts: string[];
}

export type OverridesResult = { ok: true; overrides: RunOverrides } | { ok: false; errors: string[] };

export const NO_OVERRIDES: RunOverrides = { byAsset: new Map(), texts: [] };

const ASSIGNMENT = /^([a-z][a-z0-9_-]*)((?:\.[^.=\s]+)+)=([\s\S]*)$/;
const EXAMPLE = "ASSET.KEY=VALUE, e.g. model.max_depth=4";

/** Parses `--set` values, one assignment each. */
export function parseAssignments(texts: readonly string[]): { assignments: Assignment[]; errors: string[] } {
  const assignments: Assignment[] = [];
  const errors: string[] = [];
  for (const text of texts) {
    const match = ASSIGNMENT.exec(text.trim());
    if (!match) {
      errors.push(`"${text}" is not ${EXAMPLE}`);
      continue;
    }
    assignments.push({ asset: match[1]!, path: match[2]!.slice(1).split("."), raw: match[3]! });
  }
  return { assignments, errors };
}

/**
 * The dispatch form's `config` text: assignments separated by spaces or newlines (a value may hold
 * spaces, `model.layers=[64, 32]`: a new assignment starts only where `ASSET.KEY=` does), or a
 * JSON object of `"ASSET.KEY": value`.
 */
export function splitConfigInput(text: string): { texts: string[]; errors: string[] } {
  const trimmed = text.trim();
  if (!trimmed) return { texts: [], errors: [] };
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { texts: [], errors: [`the config input is not valid JSON: ${(error as Error).message}`] };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      return { texts: [], errors: ['the config input must be a JSON object such as {"model.max_depth": 4}'] };
    return {
      texts: Object.entries(parsed).map(([key, value]) => `${key}=${JSON.stringify(value)}`),
      errors: [],
    };
  }
  const starts = [...trimmed.matchAll(/(?:^|\s)([a-z][a-z0-9_-]*(?:\.[^.=\s]+)+=)/g)].map(
    (m) => m.index + m[0].length - m[1]!.length,
  );
  if (starts[0] !== 0) return { texts: [], errors: [`the config input "${trimmed}" is not ${EXAMPLE}`] };
  return {
    texts: starts.map((start, i) => trimmed.slice(start, starts[i + 1]).trim()),
    errors: [],
  };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The value of one assignment, typed like the value it replaces: a string key takes the text as
 * typed (quotes optional), any other key takes JSON of the same type, so `max_depth=four` is an
 * error rather than a string a training script would choke on.
 */
function parseValue(raw: string, current: JsonValue): { value: JsonValue } | { error: string } {
  let parsed: JsonValue | undefined;
  try {
    parsed = JSON.parse(raw) as JsonValue;
  } catch {
    parsed = undefined;
  }
  if (typeof current === "string") return { value: typeof parsed === "string" ? parsed : raw };
  if (parsed === undefined)
    return {
      error: `${JSON.stringify(raw)} is not a JSON value (the manifest's value is ${jsonType(current)}: ${JSON.stringify(current)})`,
    };
  if (current !== null && jsonType(parsed) !== jsonType(current))
    return {
      error: `${raw} is ${jsonType(parsed)}, but the manifest's value is ${jsonType(current)} (${JSON.stringify(current)})`,
    };
  return { value: parsed };
}

/** Checks assignments against the assets' configs in `environment`; every problem at once. */
export function resolveOverrides(
  project: Project,
  environment: string,
  assignments: readonly Assignment[],
): OverridesResult {
  const errors: string[] = [];
  const byAsset = new Map<string, ConfigOverride[]>();
  const texts: string[] = [];
  const seen = new Set<string>();
  const assetNames = [...project.assets.keys()];
  for (const { asset: name, path, raw } of assignments) {
    const key = `${name}.${path.join(".")}`;
    const asset = project.assets.get(name);
    if (!asset) {
      const suggestion = closest(name, assetNames);
      errors.push(
        `--set ${key}: unknown asset "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
      );
      continue;
    }
    const config = resolveConfig(project, asset, environment);
    if (Object.keys(config).length === 0) {
      errors.push(`--set ${key}: asset "${name}" has no config in the manifest, so there is nothing to set`);
      continue;
    }
    let node: JsonValue = config;
    let problem: string | undefined;
    for (const [i, segment] of path.entries()) {
      if (!isObject(node)) {
        problem = `${path.slice(0, i).join(".")} is ${jsonType(node)}, not an object with keys`;
        break;
      }
      if (!(segment in node)) {
        const keys = Object.keys(node);
        const suggestion = closest(segment, keys);
        const where = i === 0 ? `${name} has no config key` : `${path.slice(0, i).join(".")} has no key`;
        problem = `${where} "${segment}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (keys: ${keys.join(", ")})`;
        break;
      }
      node = node[segment]!;
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
    byAsset.set(name, [...(byAsset.get(name) ?? []), { asset: name, path, value: parsed.value }]);
    texts.push(`${key}=${JSON.stringify(parsed.value)}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides: { byAsset, texts } };
}

/** The config with the overrides applied (deep, as environments are). */
export function applyOverrides(config: Config, overrides: readonly ConfigOverride[] | undefined): Config {
  let merged = config;
  for (const { path, value } of overrides ?? []) {
    const patch: Config = {};
    let node = patch;
    for (const segment of path.slice(0, -1)) node = node[segment] = {} as Config;
    node[path.at(-1)!] = value;
    merged = mergeConfig(merged, patch);
  }
  return merged;
}

/** `{"max_depth": 4, "optimizer.lr": 0.1}`: an asset's overrides as recorded in its provenance. */
export function overridesRecord(overrides: readonly ConfigOverride[]): Record<string, JsonValue> {
  return Object.fromEntries(overrides.map((o) => [o.path.join("."), o.value]));
}

/** Parses and checks `--set` texts (or the dispatch input's, split) in one step. */
export function overridesFrom(
  project: Project,
  environment: string,
  texts: readonly string[],
): OverridesResult {
  const { assignments, errors } = parseAssignments(texts);
  const resolved = resolveOverrides(project, environment, assignments);
  const all = [...errors, ...(resolved.ok ? [] : resolved.errors)];
  if (all.length > 0) return { ok: false, errors: all };
  return resolved;
}

export const OVERRIDES_HINT =
  "set a key the asset's config already has, as ASSET.KEY=VALUE with a JSON value, e.g. --set model.max_depth=4 (see `kiln show ASSET` for its config)";
