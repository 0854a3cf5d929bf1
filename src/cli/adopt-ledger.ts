// `kiln adopt-ledger`: the records of a ledger written before projects existed sit at its root.
// A command adopts them by itself when its project is the only manifest of the repository; with
// several manifests only the user can say whose they are, by running this with that manifest.
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace, reportLedgerProblems } from "./workspace.js";

export async function adoptLedgerCommand(io: CliIO, globals: GlobalOptions): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { legacyLedger: "adopt" });
  reportLedgerProblems(workspace, io);
  const { project, ledger } = workspace;
  let records = 0;
  for (const asset of project.assets.keys()) records += (await ledger.materializations(asset)).length;
  io.stdout(
    `project ${project.name} reads ${records} version(s) of its ${project.assets.size} asset(s) in ${ledger.description}\n`,
  );
  return ledger.problems().length > 0 ? 1 : 0;
}
