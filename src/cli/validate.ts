// `kiln validate`: every problem of the manifest at once, compiler style.
import { printDiagnostics } from "./errors.js";
import type { CliIO } from "./io.js";
import { loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

export async function validateCommand(io: CliIO, globals: GlobalOptions): Promise<number> {
  const { project, warnings, files, display } = loadProject(io, globals);
  if (warnings.length > 0) printDiagnostics(warnings, files, io.stderr);
  const assets = project.assets.size;
  const sources = project.sources.size;
  io.stdout(
    `${display} is valid: ${assets} asset${assets === 1 ? "" : "s"}, ${sources} source${sources === 1 ? "" : "s"}` +
      `${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}\n`,
  );
  return 0;
}
