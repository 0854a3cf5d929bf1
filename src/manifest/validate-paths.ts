// Paths in the manifest: `outputs`, `inputs` and `code` are relative to the project folder (the
// folder of kiln.yml) and stay inside it. An output outside would be written, cleared, pulled and
// restored outside the repository; an input or code file outside is never fingerprinted, so the
// asset would silently not go stale when it changes. The rules are the containment check's own
// (src/paths/containment.ts), which every writer applies again on the disk's real paths.
// Outputs are also never patterns: Kiln clears, stores and restores them at the path as written.
import { describePathProblem, lexicalPathProblem, type PathProblem } from "../paths/containment.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import type { Project } from "./project.js";

type Field = "outputs" | "inputs" | "code";

const WHAT: Record<Field, string> = { outputs: "output", inputs: "input", code: "code" };

function hint(field: Field, problem: PathProblem): string {
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

/**
 * `*`, `?`, a `[...]` class or a `{a,b}` list: what a glob has and a file name almost never does.
 * Narrower than picomatch's `isGlob`, which also takes `model (1).json` for an extglob.
 */
const GLOB_SYNTAX = /[*?]|\[[^\]]*\]|\{[^}]*,[^}]*\}/;

export function pathDiagnostics(project: Project, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (section: "assets" | "sources", name: string, field: Field, paths: readonly string[]) => {
    paths.forEach((file, index) => {
      // Outputs are cleared, stored and restored at the path as written; a pattern would be taken
      // for a file of that name, and the run then fails for "not writing" it.
      if (field === "outputs" && GLOB_SYNTAX.test(file)) {
        diagnostics.push({
          severity: "error",
          reason: "glob-output",
          message: `output "${file}" of asset "${name}" is a pattern, but outputs are files or folders, named as written`,
          location: locator.locate([section, name, field, index]),
          hint: "name each file the step writes (build/model.json), or the folder that holds them (build/): a folder output keeps everything written inside it",
        });
        return;
      }
      const problem = lexicalPathProblem(file, { output: field === "outputs" });
      if (!problem) return;
      const kind = section === "assets" ? "asset" : "source";
      diagnostics.push({
        severity: "error",
        reason:
          problem.kind === "absolute" || problem.kind === "outside"
            ? "path-outside-project"
            : "reserved-output-path",
        message: `${WHAT[field]} "${file}" of ${kind} "${name}" ${describePathProblem(problem)}`,
        location: locator.locate([section, name, field, index]),
        hint: hint(field, problem),
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
