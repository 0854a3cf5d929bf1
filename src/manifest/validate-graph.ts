// Checks over the asset graph as a whole: dependency cycles and outputs that collide.
import picomatch from "picomatch";
import { normalizeOutputPath as normalize, pathWithin } from "../paths/containment.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import type { Project } from "./project.js";
import { closest } from "./suggest.js";

/**
 * What the graph checks need: each asset's dependencies, and the source names. A Project has this
 * shape; so has `rawGraph` of a manifest the schema rejected, so that graph errors are reported
 * together with schema errors instead of after they are fixed.
 */
export interface GraphShape {
  assets: ReadonlyMap<string, { readonly deps: readonly string[] }>;
  sources: ReadonlyMap<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The graph as far as it can be read from raw manifest data; entries that are not strings are "". */
export function rawGraph(data: unknown): GraphShape {
  const root = isRecord(data) ? data : {};
  const assets = new Map<string, { deps: string[] }>();
  for (const [name, spec] of Object.entries(isRecord(root.assets) ? root.assets : {})) {
    const deps = isRecord(spec) && Array.isArray(spec.deps) ? spec.deps : [];
    // `model@champion` depends on model.
    assets.set(name, { deps: deps.map((dep) => (typeof dep === "string" ? dep.replace(/@.*$/, "") : "")) });
  }
  const sources = new Map(Object.keys(isRecord(root.sources) ? root.sources : {}).map((n) => [n, n]));
  return { assets, sources };
}

/** Self, repeated and unknown dependencies, each pointing at the entry in `deps`. */
export function dependencyDiagnostics(graph: GraphShape, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = [...graph.assets.keys(), ...graph.sources.keys()];
  for (const [name, asset] of graph.assets) {
    const seen = new Map<string, number>();
    asset.deps.forEach((dep, index) => {
      if (dep === "") return; // not a string: the schema reports it
      const at = locator.locate(["assets", name, "deps", index]);
      if (dep === name) {
        diagnostics.push({
          severity: "error",
          reason: "self-dependency",
          message: `asset "${name}" depends on itself`,
          location: at,
          hint: "remove it from its own `deps`",
        });
      } else if (seen.has(dep)) {
        diagnostics.push({
          severity: "error",
          reason: "duplicate-dependency",
          message: `asset "${name}" lists dependency "${dep}" twice`,
          location: at,
          related: [
            { ...locator.locate(["assets", name, "deps", seen.get(dep)!]), message: "first listed here" },
          ],
        });
      } else if (!graph.assets.has(dep) && !graph.sources.has(dep)) {
        const suggestion = closest(
          dep,
          known.filter((n) => n !== name),
        );
        diagnostics.push({
          severity: "error",
          reason: "unknown-dependency",
          message: `asset "${name}" depends on unknown asset "${dep}"`,
          location: at,
          hint: suggestion ? `did you mean "${suggestion}"?` : "declare it under `assets:` or `sources:`",
        });
      }
      if (!seen.has(dep)) seen.set(dep, index);
    });
  }
  return diagnostics;
}

/** One diagnostic per cycle, printing its path and pointing at every edge. */
export function cycleDiagnostics(project: GraphShape, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const edge = (from: string, to: string) =>
    locator.locate(["assets", from, "deps", project.assets.get(from)!.deps.indexOf(to)]);
  const visit = (name: string) => {
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of new Set(project.assets.get(name)?.deps ?? [])) {
      // Self-dependencies get their own diagnostic in validate.ts.
      if (!project.assets.has(dep) || dep === name) continue;
      if (state.get(dep) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = cycle.slice(0, -1).sort().join(",");
        if (reported.has(key)) continue;
        reported.add(key);
        diagnostics.push({
          severity: "error",
          reason: "dependency-cycle",
          message: `dependency cycle: ${cycle.join(" → ")}`,
          location: edge(cycle[0]!, cycle[1]!),
          related: cycle.slice(1, -1).map((from, i) => ({
            ...edge(from, cycle[i + 2]!),
            message: `${from} depends on ${cycle[i + 2]}`,
          })),
          hint: "an asset cannot depend, directly or through others, on itself",
        });
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of project.assets.keys()) if (!state.has(name)) visit(name);
  return diagnostics;
}

/**
 * Two assets writing the same output, or one writing inside another's output directory; and an
 * asset whose output is one of its own inputs (every run would change its own version).
 */
export function outputDiagnostics(project: Project, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Lookups by path and by every ancestor directory keep this linear in the number of outputs;
  // positions are computed only for the outputs that get a diagnostic.
  const exact = new Map<string, Owner>();
  const underDirectory = new Map<string, Owner>();
  for (const asset of project.assets.values()) {
    asset.outputs.forEach((output, index) => {
      const path = normalize(output);
      const at = () => locator.locate(["assets", asset.name, "outputs", index]);
      const clash = findClash(path, asset.name, exact, underDirectory);
      if (clash) {
        diagnostics.push({
          severity: "error",
          reason: "conflicting-outputs",
          message:
            clash.path === path
              ? `assets "${clash.asset}" and "${asset.name}" both write ${path}`
              : `asset "${asset.name}" writes ${path}, which overlaps ${clash.path} written by "${clash.asset}"`,
          location: at(),
          related: [
            {
              ...locator.locate(["assets", clash.asset, "outputs", clash.index]),
              message: `${clash.asset} declares it here`,
            },
          ],
          hint: "each output belongs to one asset; let the other depend on it instead",
        });
      }
      const owner = { asset: asset.name, index, path };
      if (!exact.has(path)) exact.set(path, owner);
      for (const dir of ancestors(path)) if (!underDirectory.has(dir)) underDirectory.set(dir, owner);
      const input = asset.inputs.findIndex((glob) => readsOutput(normalize(glob), path));
      if (input >= 0) {
        diagnostics.push({
          severity: "error",
          reason: "output-is-input",
          message: `asset "${asset.name}" lists its output ${path} among its inputs`,
          location: at(),
          related: [
            {
              ...locator.locate(["assets", asset.name, "inputs", input]),
              message: "the input is declared here",
            },
          ],
          hint: "every run would change its own version; remove the output from `inputs`",
        });
      }
    });
  }
  return diagnostics;
}

interface Owner {
  asset: string;
  index: number;
  path: string;
}

function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Another asset's output that is this path, contains it, or lies inside it. */
function findClash(
  path: string,
  asset: string,
  exact: Map<string, Owner>,
  underDirectory: Map<string, Owner>,
): Owner | undefined {
  for (const candidate of [
    exact.get(path),
    ...ancestors(path).map((dir) => exact.get(dir)),
    underDirectory.get(path),
  ]) {
    if (candidate && candidate.asset !== asset) return candidate;
  }
  return undefined;
}

/** True when the input pattern reads the output: it names it, a directory around it, or a glob matching it. */
function readsOutput(glob: string, path: string): boolean {
  if (pathWithin(path, glob) || pathWithin(glob, path)) return true;
  const scan = picomatch.scan(glob);
  if (!scan.isGlob) return false;
  // Compiling thousands of globs is the costly part; only outputs under the glob's base can match.
  if (scan.base && !pathWithin(path, scan.base)) return false;
  return picomatch(glob, { dot: true })(path);
}
