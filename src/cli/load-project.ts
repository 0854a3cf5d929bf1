// Finds and loads the manifest for a command, turning problems into a DiagnosticsError.
import path from "node:path";
import { projectNameClash } from "../app/project-manifests.js";
import { type CheckoutReads, filesNamed, repoRoot, startCheckoutReads } from "../git/repo.js";
import type { Diagnostic } from "../manifest/diagnostics.js";
import { findManifest, MANIFEST_NAMES, openManifest } from "../manifest/manifest-file.js";
import { duplicateProjectNames } from "../manifest/projects.js";
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
  /** The manifest's text, to point into it again (`kiln validate`'s checks of the checkout). */
  source: string;
}

/** The manifest a command takes: `--manifest`, else kiln.yml here or in the nearest parent. */
function manifestPathOf(io: CliIO, globals: GlobalOptions): string | undefined {
  return globals.manifest ? path.resolve(io.cwd, globals.manifest) : findManifest(io.cwd);
}

/**
 * The git reads of a command that assesses the project (status, plan, run), started as soon as
 * the command is known and before its code is loaded: `git status` then runs on another core
 * while Kiln compiles its modules and reads the manifest (see CheckoutReads). For the project
 * loadProject will load, if there is one.
 */
export function earlyReads(io: CliIO, globals: GlobalOptions): CheckoutReads | undefined {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) return undefined;
  return startCheckoutReads(path.dirname(manifestPath));
}

/**
 * The project a command works on. Its name must be its own in the repository: another manifest of
 * the same name (two default names alike: ml/fraud and ml-fraud) would share its workflow file and
 * its namespace in the ledger, so the command stops before it writes either. `reads`: the
 * command's early git reads, which list the other manifests at no extra cost.
 */
export async function loadProject(
  io: CliIO,
  globals: GlobalOptions,
  reads?: CheckoutReads | undefined,
): Promise<LoadedProject> {
  const manifestPath = manifestPathOf(io, globals);
  if (!manifestPath) {
    throw new UserError(
      `no kiln.yml in ${io.cwd} or any parent directory`,
      "run `kiln init` to start one (see the README), or pass --manifest PATH",
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
      ...Object.fromEntries(clash.others.map((o) => [o.display, o.path])),
    });
  return { project, warnings, display, files, source };
}

/**
 * Every manifest (kiln.yml, kiln.yaml) of the repository around the working directory, loaded,
 * with every problem of every manifest (and two projects with one name) reported at once.
 */
export async function loadAllProjects(io: CliIO): Promise<{ top: string; projects: LoadedProject[] }> {
  const top = await repoRoot(io.cwd);
  if (!top) {
    throw new UserError(
      `${io.cwd} is not in a git repository, so there is no set of manifests to take`,
      "run it inside the repository, or name one manifest with --manifest PATH",
    );
  }
  const manifests = await filesNamed(top, MANIFEST_NAMES);
  if (manifests.length === 0) {
    throw new UserError(
      `no kiln.yml in the repository at ${top}`,
      "run `kiln init` to start one (see the README)",
    );
  }
  const projects: LoadedProject[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: Record<string, string> = {};
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
        source: loaded.value.source,
      });
  }
  diagnostics.push(...duplicateProjectNames(projects));
  if (diagnostics.some((d) => d.severity === "error")) throw new DiagnosticsError(diagnostics, files);
  return { top, projects };
}
