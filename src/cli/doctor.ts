// `kiln doctor`: every problem in the ledger and the store, by path, with what to do.
import { diagnose, type Finding } from "../app/doctor.js";
import { LedgerStateError } from "../ledger/ledger.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace } from "./workspace.js";

function print(io: CliIO, findings: Finding[], checked: string): number {
  for (const f of findings) io.stdout(`${f.severity}: ${f.path}\n  ${f.problem}\n  fix: ${f.fix}\n`);
  const errors = findings.filter((f) => f.severity === "error").length;
  io.stdout(
    `${findings.length ? "\n" : ""}${checked}: ${errors} error(s), ${findings.length - errors} warning(s)\n`,
  );
  return errors > 0 ? 1 : 0;
}

export async function doctorCommand(io: CliIO, globals: GlobalOptions): Promise<number> {
  try {
    const workspace = await cliWorkspace(io, globals);
    const report = await diagnose(workspace);
    return print(
      io,
      report.findings,
      `checked ${report.records} record(s) in ${workspace.ledger.description} and ${report.objects} stored object(s)`,
    );
  } catch (error) {
    // A ledger Kiln refuses to read at all (a rewritten branch) is the diagnosis, not a crash.
    if (!(error instanceof LedgerStateError)) throw error;
    const finding: Finding = { severity: "error", path: error.where, problem: error.message, fix: error.fix };
    return print(io, [finding], `the ledger (${error.where}) could not be read further`);
  }
}
