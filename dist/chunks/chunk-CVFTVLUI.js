import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  DiagnosticsError,
  MANIFEST_NAMES,
  UserError,
  duplicateProjectNames,
  filesNamed,
  findManifest,
  openManifest,
  projectNameClash,
  repoRoot,
  startCheckoutReads
} from "./chunk-DQNGLDMZ.js";

// src/cli/load-project.ts
import path from "node:path";
function manifestPathOf(io, globals) {
  return globals.manifest ? path.resolve(io.cwd, globals.manifest) : findManifest(io.cwd);
}
function earlyReads(io, globals) {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) return void 0;
  return startCheckoutReads(path.dirname(manifestPath));
}
async function loadProject(io, globals, reads) {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) {
    throw new UserError(
      `no kiln.yml in ${io.cwd} or any parent directory`,
      "run `kiln init` to start one (see the README), or pass --manifest PATH"
    );
  }
  const display = path.relative(io.cwd, manifestPath) || path.basename(manifestPath);
  const files = { [display]: manifestPath };
  const loaded = await openManifest(manifestPath, { displayName: display });
  if (!loaded.ok) throw new DiagnosticsError(loaded.error, files);
  const { project, warnings, source } = loaded.value;
  const clash = await projectNameClash({ manifestPath, project, display, cwd: io.cwd, reads });
  if (clash.diagnostics.length > 0)
    throw new DiagnosticsError(clash.diagnostics, {
      ...files,
      ...Object.fromEntries(clash.others.map((o) => [o.display, o.path]))
    });
  return { project, warnings, display, files, source };
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
      "run `kiln init` to start one (see the README)"
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
        files: { [display]: manifestPath },
        source: loaded.value.source
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
