// Checks over the asset graph as a whole: dependency cycles and outputs that collide.
import picomatch from "picomatch";
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import type { Project } from "./project.js";

/** One diagnostic per cycle, printing its path and pointing at every edge. */
export function cycleDiagnostics(project: Project, locator: Locator): Diagnostic[] {
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

const normalize = (p: string) => p.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}/`);

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
  if (within(path, glob) || within(glob, path)) return true;
  const scan = picomatch.scan(glob);
  if (!scan.isGlob) return false;
  // Compiling thousands of globs is the costly part; only outputs under the glob's base can match.
  if (scan.base && !within(path, scan.base)) return false;
  return picomatch(glob, { dot: true })(path);
}
