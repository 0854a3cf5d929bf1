// Several manifests in one repository are several projects. Their names must differ: a name is a
// namespace in the ledger and a workflow file, and two projects sharing one would read each
// other's records and overwrite each other's workflow.
import type { Diagnostic } from "./diagnostics.js";
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
