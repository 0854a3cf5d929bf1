// Semantic checks that the schema alone cannot express: names, references, cycles, conflicts.
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import type { Project } from "./project.js";
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
  return diagnostics;
}
