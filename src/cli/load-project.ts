// Finds and loads the manifest for a command, turning problems into a DiagnosticsError.
import path from "node:path";
import type { Diagnostic } from "../manifest/diagnostics.js";
import { findManifest, loadManifest } from "../manifest/load.js";
import type { Project } from "../manifest/project.js";
import { DiagnosticsError, UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";

export interface LoadedProject {
  project: Project;
  warnings: Diagnostic[];
  /** The manifest's name as shown in messages, relative to the working directory. */
  display: string;
  files: Record<string, string>;
}

export function loadProject(io: CliIO, globals: GlobalOptions): LoadedProject {
  const manifestPath = globals.manifest ? path.resolve(io.cwd, globals.manifest) : findManifest(io.cwd);
  if (!manifestPath) {
    throw new UserError(
      `no kiln.yml in ${io.cwd} or any parent directory`,
      "create one (see the quickstart in the README) or pass --manifest PATH",
    );
  }
  const display = path.relative(io.cwd, manifestPath) || path.basename(manifestPath);
  const files = { [display]: manifestPath };
  const loaded = loadManifest(manifestPath, { displayName: display });
  if (!loaded.ok) throw new DiagnosticsError(loaded.error, files);
  return { project: loaded.value.project, warnings: loaded.value.warnings, display, files };
}
