// `kiln doctor`: every problem in the ledger and the store, by path, with what to do.
import { diagnose } from "../app/doctor.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace } from "./workspace.js";

export async function doctorCommand(io: CliIO, globals: GlobalOptions): Promise<number> {
  const workspace = await cliWorkspace(io, globals);
  const report = await diagnose(workspace);
  for (const f of report.findings) io.stdout(`${f.severity}: ${f.path}\n  ${f.problem}\n  fix: ${f.fix}\n`);
  const errors = report.findings.filter((f) => f.severity === "error").length;
  io.stdout(
    `${report.findings.length ? "\n" : ""}checked ${report.records} record(s) in ${workspace.ledger.description} and ${report.objects} stored object(s): ` +
      `${errors} error(s), ${report.findings.length - errors} warning(s)\n`,
  );
  return errors > 0 ? 1 : 0;
}
