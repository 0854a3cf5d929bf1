import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-RDVON2TM.js";
import "./chunk-JWCO5MI5.js";
import "./chunk-Q5PNH2RI.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-ND4BC56W.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-RIWKUOEQ.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-M5KBEXBO.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/cli/adopt-ledger.ts
async function adoptLedgerCommand(io, globals) {
  const workspace = await cliWorkspace(io, globals, { legacyLedger: "adopt" });
  reportLedgerProblems(workspace, io);
  const { project, ledger } = workspace;
  let records = 0;
  for (const asset of project.assets.keys()) records += (await ledger.materializations(asset)).length;
  io.stdout(
    `project ${project.name} reads ${records} version(s) of its ${project.assets.size} asset(s) in ${ledger.description}
`
  );
  return ledger.problems().length > 0 ? 1 : 0;
}
export {
  adoptLedgerCommand
};
