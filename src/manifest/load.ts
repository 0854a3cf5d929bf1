// Reads kiln.yml: YAML with source positions → zod schema → normalized Project → semantic checks.
// Every problem is collected and returned at once; nothing here throws for bad input.
import path from "node:path";
import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import type * as z from "zod";
import type { Result } from "../domain/result.js";
import { writeCachedManifest } from "./cache.js";
import type { Diagnostic } from "./diagnostics.js";
import {
  type AssetSpec,
  type Condition,
  checkSpec,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_RUNS_ON,
  DEFAULT_TIMEOUT_MS,
  durationMs,
  type EnvironmentSpec,
  metricDirection,
  normalizeCondition,
  type Project,
  refAsset,
  type SourceLocation,
  type SourceSpec,
} from "./project.js";
import { defaultProjectName } from "./project-name.js";
import { type LoadedManifest, manifestDisplay, readManifest } from "./manifest-file.js";
import { Manifest } from "./schema.js";
import { schemaIssueDiagnostics } from "./schema-issues.js";
import { validateProject } from "./validate.js";
import { cycleDiagnostics, dependencyDiagnostics, rawGraph } from "./validate-graph.js";

/** A locator that maps YAML paths to 1-based line/column ranges in one file. */
export function makeLocator(file: string, doc: Document, lines: LineCounter) {
  const toRange = (node: Node | undefined) => {
    const r = node?.range;
    if (!r) return undefined;
    const start = lines.linePos(r[0]);
    const end = lines.linePos(r[1]);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  /** The node at `p`, or the nearest ancestor that exists (a missing key points at its parent). */
  // Maps are searched linearly by the yaml library; a manifest with thousands of assets asks for
  // thousands of positions, so each map's keys are indexed once.
  const indexes = new WeakMap<object, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        const k = isScalar(item.key) ? item.key.value : item.key;
        if (!index.has(k)) index.set(k, item);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  const nodeAt = (p: readonly (string | number)[]): Node | undefined => {
    let node: unknown = doc.contents;
    for (const key of p) {
      const next = isMap(node) ? pairOf(node, key)?.value : isSeq(node) ? node.get(key, true) : undefined;
      if (!isNode(next)) break;
      node = next;
    }
    return isNode(node) ? node : undefined;
  };
  /** The key node of a map entry, for errors about a key itself (unknown key, bad name). */
  const keyAt = (p: readonly (string | number)[]): Node | undefined => {
    if (p.length === 0) return undefined;
    const parent = nodeAt(p.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const pair = pairOf(parent, p[p.length - 1]!);
    return isNode(pair?.key) ? pair.key : undefined;
  };
  return {
    locate: (p: readonly (string | number)[]): SourceLocation => ({ file, range: toRange(nodeAt(p)) }),
    locateKey: (p: readonly (string | number)[]): SourceLocation => ({
      file,
      range: toRange(keyAt(p) ?? nodeAt(p)),
    }),
  };
}

export type Locator = ReturnType<typeof makeLocator>;

export interface LoadOptions {
  /** The file name shown in diagnostics; default: the path relative to the working directory. */
  displayName?: string;
}

// Kept here for the modules that load the manifest whole (they load this module anyway).
export { findManifest, type LoadedManifest, MANIFEST_NAMES, MAX_MANIFEST_BYTES } from "./manifest-file.js";

/**
 * Reads and parses the manifest, without the cache (`kiln init`, tests of the parser); the commands
 * and the action use openManifest, which keeps the parsed project in `.kiln/cache/`.
 */
export function loadManifest(
  manifestPath: string,
  options: LoadOptions = {},
): Result<LoadedManifest, Diagnostic[]> {
  const absolute = path.resolve(manifestPath);
  const display = manifestDisplay(absolute, options.displayName);
  const read = readManifest(absolute, display);
  if (!read.ok) return read;
  return parseManifest(read.value, { manifestPath: absolute, displayName: display });
}

/**
 * Parses a manifest the cache did not have, and keeps it there when it has no errors. `hash`: the
 * text's manifestHash, which openManifest looked it up by.
 */
export function parseAndKeep(
  absolute: string,
  text: string,
  display: string,
  hash: string,
): Result<LoadedManifest, Diagnostic[]> {
  const parsed = parseManifest(text, { manifestPath: absolute, displayName: display });
  if (parsed.ok) writeCachedManifest(absolute, hash, parsed.value);
  return parsed;
}

export interface ParseOptions {
  manifestPath: string;
  displayName: string;
}

export function parseManifest(source: string, options: ParseOptions): Result<LoadedManifest, Diagnostic[]> {
  const file = options.displayName;
  const lines = new LineCounter();
  // Duplicate keys are found below (uniqueKeys: false) so that each can point at its first definition.
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locator = makeLocator(file, doc, lines);
  const diagnostics: Diagnostic[] = [];
  const rangeOf = (from: number, to: number) => {
    const start = lines.linePos(from);
    const end = lines.linePos(to);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };

  for (const error of doc.errors) {
    diagnostics.push({
      severity: "error",
      reason: "yaml-syntax",
      message:
        error.code === "MULTIPLE_DOCS"
          ? "the manifest holds several YAML documents (separated by ---); kiln.yml is one document"
          : error.message.split("\n")[0]!,
      location: { file, range: rangeOf(error.pos[0], error.pos[1]) },
    });
  }
  if (diagnostics.length === 0) diagnostics.push(...duplicateKeys(doc, file, rangeOf));
  if (diagnostics.length > 0) return { ok: false, error: diagnostics };

  let data: unknown;
  try {
    // Bounds alias expansion: a "billion laughs" document fails here in microseconds instead of
    // expanding to gigabytes. A real kiln.yml needs a handful of aliases at most.
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    let first: Node | undefined;
    visit(doc, {
      Alias: (_, node) => {
        first ??= node;
        return visit.BREAK;
      },
    });
    return {
      ok: false,
      error: [
        {
          severity: "error",
          reason: "yaml-alias-bomb",
          message:
            "the manifest expands YAML aliases too many times (over 1000 nodes); refusing to expand it",
          location: { file, range: first?.range ? rangeOf(first.range[0], first.range[1]) : undefined },
          hint: "write the values out, or use far fewer nested aliases",
        },
      ],
    };
  }
  if (data === null || data === undefined) {
    return {
      ok: false,
      error: [
        {
          severity: "error",
          reason: "empty-manifest",
          message: "the manifest is empty",
          location: { file, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
          hint: "start with `version: 1` and an `assets:` map",
        },
      ],
    };
  }

  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    // The graph is read from the raw data as far as it goes, so one run shows an unknown key, an
    // unknown dependency and a cycle together instead of one per fix.
    const graph = rawGraph(data);
    return {
      ok: false,
      error: byPosition([
        ...schemaIssueDiagnostics(parsed.error.issues as z.core.$ZodIssue[], data, locator),
        ...dependencyDiagnostics(graph, locator),
        ...cycleDiagnostics(graph, locator),
      ]),
    };
  }
  const project = normalize(parsed.data, options.manifestPath, locator);
  const found = byPosition(validateProject(project, parsed.data, locator));
  if (found.some((d) => d.severity === "error")) return { ok: false, error: found };
  return { ok: true, value: { project, warnings: found, source } };
}

/** In file order, as a compiler prints them (the sort is stable for diagnostics at one spot). */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.location.range?.line ?? 0, d.location.range?.column ?? 0] as const;
  return [...diagnostics].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}

/** Each key repeated in one map, pointing at the repeat and, as a note, at the first definition. */
function duplicateKeys(
  doc: Document,
  file: string,
  rangeOf: (from: number, to: number) => SourceLocation["range"],
): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Map: (_, map) => {
      const first = new Map<unknown, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || isAlias(pair.key)) continue;
        const key = pair.key.value;
        const seen = first.get(key);
        if (seen === undefined) {
          first.set(key, pair.key);
          continue;
        }
        const at = (node: Node) => ({
          file,
          range: node.range ? rangeOf(node.range[0], node.range[1]) : undefined,
        });
        found.push({
          severity: "error",
          reason: "duplicate-key",
          message: `duplicate key "${String(key)}"`,
          location: at(pair.key),
          related: [{ ...at(seen), message: "first defined here" }],
          hint: "each key may appear once in a map; merge the two entries",
        });
      }
    },
  });
  return found;
}

function normalize(manifest: Manifest, manifestPath: string, locator: Locator): Project {
  const environments = new Map<string, EnvironmentSpec>();
  for (const [name, env] of Object.entries(manifest.environments)) {
    environments.set(name, {
      name,
      description: env.description,
      branches: env.branches ?? [],
      config: env.config ?? {},
      env: env.env ?? {},
    });
  }
  const defaults = manifest.defaults;
  const defaultAutomation: Condition = defaults.automation
    ? normalizeCondition(defaults.automation)
    : { kind: "eager" };

  const sources = new Map<string, SourceSpec>();
  for (const [name, s] of Object.entries(manifest.sources)) {
    sources.set(name, {
      kind: "source",
      name,
      description: s.description,
      group: s.group,
      observe: s.observe,
      inputs: s.inputs ?? [],
      location: locator.locateKey(["sources", name]),
    });
  }
  const assets = new Map<string, AssetSpec>();
  for (const [name, a] of Object.entries(manifest.assets)) {
    const metrics = a.metrics
      ? { primary: a.metrics.primary, direction: a.metrics.direction, directions: a.metrics.directions ?? {} }
      : undefined;
    const retryFailed = a["retry-failed"] ?? defaults["retry-failed"];
    const promoteMetric = a.promote?.metric ?? metrics?.primary;
    // A promote metric with no direction of its own is refused by validation.
    const promoteDirection =
      metrics && promoteMetric !== undefined
        ? (metricDirection(metrics, promoteMetric) ?? metrics.direction)
        : metrics?.direction;
    assets.set(name, {
      kind: "asset",
      name,
      description: a.description,
      group: a.group,
      deps: a.deps.map(refAsset),
      depAliases: Object.fromEntries(
        a.deps
          .filter((ref) => ref.includes("@"))
          .map((ref) => [refAsset(ref), ref.slice(ref.indexOf("@") + 1)]),
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
      promote: a.promote
        ? {
            alias: a.promote.alias,
            metric: promoteMetric ?? "",
            direction: promoteDirection ?? "minimize",
            minDelta: a.promote["min-delta"],
            minRelative: a.promote["min-relative"],
            threshold: a.promote.threshold,
            branches: a.promote.branches,
          }
        : undefined,
      automation: a.automation ? normalizeCondition(a.automation) : defaultAutomation,
      automationDeclared: a.automation !== undefined || defaults.automation !== undefined,
      runsOn: a["runs-on"] ?? defaults["runs-on"] ?? DEFAULT_RUNS_ON,
      timeoutMs:
        a.timeout !== undefined
          ? durationMs(a.timeout)
          : defaults.timeout !== undefined
            ? durationMs(defaults.timeout)
            : DEFAULT_TIMEOUT_MS,
      retries: a.retries ?? defaults.retries ?? 0,
      retryFailedMs: retryFailed === undefined ? undefined : durationMs(retryFailed),
      pullRequests: a["pull-requests"] ?? defaults["pull-requests"] ?? true,
      store: a.store ?? (a.promote ? "artifact" : "cache"),
      retentionDays: a["retention-days"] ?? defaults["retention-days"] ?? DEFAULT_RETENTION_DAYS,
      location: locator.locateKey(["assets", name]),
    });
  }
  const githubIssue = manifest.alerts?.["github-issue"];
  return {
    manifestPath,
    root: path.dirname(manifestPath),
    name: manifest.name ?? defaultProjectName(manifestPath),
    nameDeclared: manifest.name !== undefined,
    setup: manifest.setup,
    sources,
    assets,
    environments,
    alerts: {
      slack: manifest.alerts?.slack ? { webhookSecret: manifest.alerts.slack["webhook-secret"] } : undefined,
      githubIssue:
        githubIssue === true ? { labels: [] } : githubIssue ? { labels: githubIssue.labels } : undefined,
    },
    site: { pages: manifest.site?.pages ?? false, title: manifest.site?.title },
    nameLocation: manifest.name !== undefined ? locator.locate(["name"]) : undefined,
  };
}
