// Several manifests in one repository are several projects. Their names must differ: a name is a
// namespace in the ledger and a workflow file, and two projects sharing one would read each
// other's records and overwrite each other's workflow.
import type { Diagnostic } from "./diagnostics.js";
import { openManifest } from "./manifest-file.js";
import type { Project, SourceLocation } from "./project.js";

function whereNamed(project: Project, display: string): SourceLocation {
  if (!project.nameDeclared) return { file: display };
  return { ...project.nameLocation, file: display };
}

/** One error per project whose name an earlier project (in the given order) already has. */
export function duplicateProjectNames(
  projects: ReadonlyArray<{ project: Project; display: string }>,
): Diagnostic[] {
  const first = new Map<string, { project: Project; display: string }>();
  const diagnostics: Diagnostic[] = [];
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
          message: `the first project named "${project.name}"`,
        },
      ],
      hint: project.nameDeclared
        ? "choose another name:"
        : `give it a name: of its own (name: ${project.name}-2)`,
    });
  }
  return diagnostics;
}

/**
 * The error of `own` when another manifest of its repository (`others`, paths and how to show
 * them) names its project alike: what a command on one project checks before it writes a
 * workflow or opens the ledger. Each other manifest is read only for its name (from its cache in
 * `.kiln/cache` while its text is unchanged); one that does not load has no name to collide with,
 * and its own commands say why.
 */
export async function nameTakenByOthers(
  own: { project: Project; display: string },
  others: ReadonlyArray<{ path: string; display: string }>,
): Promise<Diagnostic[]> {
  const named: Array<{ project: Project; display: string }> = [];
  for (const other of others) {
    const loaded = await openManifest(other.path, { displayName: other.display });
    if (loaded.ok) named.push({ project: loaded.value.project, display: other.display });
  }
  // Own last: the error is placed on it, pointing at the other manifest.
  return duplicateProjectNames([...named, own]).filter((d) => d.location.file === own.display);
}
