import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  DiagnosticsError,
  MANIFEST_NAMES,
  UserError,
  filesNamed,
  findManifest,
  openManifest,
  repoRoot,
  startCheckoutReads
} from "./chunk-HYWDW5XQ.js";

// src/cli/load-project.ts
import path from "node:path";

// src/manifest/projects.ts
function whereNamed(project, display) {
  if (!project.nameDeclared) return { file: display };
  return { ...project.nameLocation, file: display };
}
function duplicateProjectNames(projects) {
  const first = /* @__PURE__ */ new Map();
  const diagnostics = [];
  for (const entry of projects) {
    const { project, display } = entry;
    const earlier = first.get(project.name);
    if (!earlier) {
      first.set(project.name, entry);
      continue;
    }
    diagnostics.push({
      severity: "error",
      reason: "duplicate-project-name",
      message: `project "${project.name}"${project.nameDeclared ? "" : " (named after its folder)"} has the name of the project in ${earlier.display}; projects of one repository share the ledger and the workflows folder, so their names must differ`,
      location: whereNamed(project, display),
      related: [
        {
          ...whereNamed(earlier.project, earlier.display),
          message: `the first project named "${project.name}"`
        }
      ],
      hint: project.nameDeclared ? "choose another name:" : `give it a name: of its own (name: ${project.name}-2)`
    });
  }
  return diagnostics;
}

// src/cli/load-project.ts
function manifestPathOf(io, globals) {
  return globals.manifest ? path.resolve(io.cwd, globals.manifest) : findManifest(io.cwd);
}
function earlyReads(io, globals) {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) return void 0;
  return startCheckoutReads(path.dirname(manifestPath));
}
async function loadProject(io, globals) {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) {
    throw new UserError(
      `no kiln.yml in ${io.cwd} or any parent directory`,
      "create one (see the quickstart in the README) or pass --manifest PATH"
    );
  }
  const display = path.relative(io.cwd, manifestPath) || path.basename(manifestPath);
  const files = { [display]: manifestPath };
  const loaded = await openManifest(manifestPath, { displayName: display });
  if (!loaded.ok) throw new DiagnosticsError(loaded.error, files);
  return { project: loaded.value.project, warnings: loaded.value.warnings, display, files };
}
async function loadAllProjects(io) {
  const top = await repoRoot(io.cwd);
  if (!top) {
    throw new UserError(
      `${io.cwd} is not in a git repository, so there is no set of manifests to take`,
      "run it inside the repository, or name one manifest with --manifest PATH"
    );
  }
  const manifests = await filesNamed(top, MANIFEST_NAMES);
  if (manifests.length === 0) {
    throw new UserError(
      `no kiln.yml in the repository at ${top}`,
      "create one (see the quickstart in the README)"
    );
  }
  const projects = [];
  const diagnostics = [];
  const files = {};
  for (const relative of manifests) {
    const manifestPath = path.join(top, relative);
    const display = path.relative(io.cwd, manifestPath) || path.basename(manifestPath);
    files[display] = manifestPath;
    const loaded = await openManifest(manifestPath, { displayName: display });
    if (!loaded.ok) diagnostics.push(...loaded.error);
    else
      projects.push({
        project: loaded.value.project,
        warnings: loaded.value.warnings,
        display,
        files: { [display]: manifestPath }
      });
  }
  diagnostics.push(...duplicateProjectNames(projects));
  if (diagnostics.some((d) => d.severity === "error")) throw new DiagnosticsError(diagnostics, files);
  return { top, projects };
}

export {
  earlyReads,
  loadProject,
  loadAllProjects
};
