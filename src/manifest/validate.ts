// Semantic checks that the schema alone cannot express: names, references, cycles, conflicts.
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import { checkCron } from "../automation/cron.js";
import type { Condition, Project } from "./project.js";
import type { Manifest } from "./schema.js";
import { NAME_PATTERN } from "./schema.js";
import { closest } from "./suggest.js";

export function validateProject(project: Project, _manifest: Manifest, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = [...project.assets.keys(), ...project.sources.keys()];
  for (const [section, names] of [
    ["assets", project.assets.keys()],
    ["sources", project.sources.keys()],
  ] as const) {
    for (const name of names) {
      if (!NAME_PATTERN.test(name)) {
        diagnostics.push({
          severity: "error",
          reason: "invalid-name",
          message: `invalid name "${name}": names must match [a-z][a-z0-9_-]*`,
          location: locator.locateKey([section, name]),
        });
      }
    }
  }
  for (const asset of project.assets.values()) {
    asset.deps.forEach((dep, index) => {
      if (project.assets.has(dep) || project.sources.has(dep)) return;
      const suggestion = closest(dep, known);
      diagnostics.push({
        severity: "error",
        reason: "unknown-dependency",
        message: `asset "${asset.name}" depends on unknown asset "${dep}"`,
        location: locator.locate(["assets", asset.name, "deps", index]),
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      });
    });
  }
  for (const asset of project.assets.values()) {
    if (asset.code.length === 0 && asset.codeVersion === undefined) {
      diagnostics.push({
        severity: "warning",
        reason: "no-code-version",
        message: `asset "${asset.name}" lists no \`code\` files and no \`code-version\`: changes to its script will not make it stale`,
        location: asset.location,
        hint: "list the files its `run` executes under `code:`, or set `code-version:`",
      });
    }
  }
  diagnostics.push(
    ...cycleDiagnostics(project, locator),
    ...outputConflicts(project, locator),
    ...cronDiagnostics(project, locator),
  );
  return diagnostics;
}

/** Cron expressions and time zones of every automation condition, at their positions. */
function cronDiagnostics(project: Project, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (condition: Condition, at: (string | number)[]) => {
    if (condition.kind === "on_cron" || condition.kind === "cron") {
      const checked = checkCron(condition.cron, condition.tz);
      if (!checked.ok) {
        const field = checked.error.startsWith("unknown time zone") ? "tz" : condition.kind;
        diagnostics.push({
          severity: "error",
          reason: field === "tz" ? "bad-time-zone" : "bad-cron",
          message: checked.error,
          location: locator.locate([...at, field]),
        });
      }
    } else if (condition.kind === "all" || condition.kind === "any") {
      condition.of.forEach((inner, i) => visit(inner, [...at, condition.kind, i]));
    } else if (condition.kind === "not") {
      visit(condition.of, [...at, "not"]);
    }
  };
  for (const asset of project.assets.values())
    if (asset.automationDeclared) visit(asset.automation, ["assets", asset.name, "automation"]);
  return diagnostics;
}

/** One diagnostic per cycle, printing its path and pointing at every edge. */
function cycleDiagnostics(project: Project, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string) => {
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of project.assets.get(name)?.deps ?? []) {
      if (!project.assets.has(dep)) continue;
      if (state.get(dep) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const key = [...cycle.slice(0, -1)].sort().join(",");
        if (reported.has(key)) continue;
        reported.add(key);
        const edge = (from: string, to: string) =>
          locator.locate(["assets", from, "deps", project.assets.get(from)!.deps.indexOf(to)]);
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

/** Two assets writing the same output, or one writing inside another's output directory. */
function outputConflicts(project: Project, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners: { asset: string; index: number; path: string }[] = [];
  for (const asset of project.assets.values()) {
    asset.outputs.forEach((output, index) => {
      const normalized = output.replace(/^\.\//, "").replace(/\/+$/, "");
      const clash = owners.find(
        (o) =>
          o.asset !== asset.name &&
          (o.path === normalized ||
            normalized.startsWith(`${o.path}/`) ||
            o.path.startsWith(`${normalized}/`)),
      );
      if (clash) {
        diagnostics.push({
          severity: "error",
          reason: "conflicting-outputs",
          message: `assets "${clash.asset}" and "${asset.name}" both write ${clash.path === normalized ? normalized : `${clash.path} and ${normalized}`}`,
          location: locator.locate(["assets", asset.name, "outputs", index]),
          related: [
            {
              ...locator.locate(["assets", clash.asset, "outputs", clash.index]),
              message: `${clash.asset} declares it here`,
            },
          ],
          hint: "each output belongs to one asset; let the other depend on it instead",
        });
      }
      owners.push({ asset: asset.name, index, path: normalized });
    });
  }
  return diagnostics;
}
