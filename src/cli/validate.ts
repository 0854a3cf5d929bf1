// `kiln validate [--all]`: every problem of the manifest (of every manifest of the repository, and
// two projects with one name) at once, compiler style.
import { checkoutFileDiagnostics } from "../manifest/checkout-files.js";
import { DiagnosticsError, printDiagnostics, UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import { type LoadedProject, loadAllProjects, loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

function summary({ project, warnings, display }: LoadedProject): string {
  const assets = project.assets.size;
  const sources = project.sources.size;
  return (
    `${display} is valid: project ${project.name}, ${assets} asset${assets === 1 ? "" : "s"}, ${sources} source${sources === 1 ? "" : "s"}` +
    `${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}\n`
  );
}

export async function validateCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: { all?: boolean } = {},
): Promise<number> {
  if (options.all && globals.manifest) {
    throw new UserError("--all takes every manifest of the repository", "drop --manifest or --all");
  }
  const loaded = options.all ? (await loadAllProjects(io)).projects : [await loadProject(io, globals)];
  // What the manifest names in the checkout (a check's json-schema): asked by validate only, since
  // a run reads it only after its step has trained.
  const checked = await Promise.all(
    loaded.map(async (project) => {
      const found = await checkoutFileDiagnostics(project, project.display);
      return { ...project, warnings: [...project.warnings, ...found] };
    }),
  );
  const errors = checked.flatMap((project) => project.warnings.filter((d) => d.severity === "error"));
  if (errors.length > 0) {
    const files = Object.assign({}, ...checked.map((project) => project.files));
    throw new DiagnosticsError(
      checked.flatMap((project) => project.warnings),
      files,
    );
  }
  for (const project of checked) {
    if (project.warnings.length > 0) printDiagnostics(project.warnings, project.files, io.stderr);
    io.stdout(summary(project));
  }
  return 0;
}
