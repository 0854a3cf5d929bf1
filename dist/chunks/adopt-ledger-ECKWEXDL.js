import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-X7KQ3M2U.js";
import "./chunk-3UDWRQ3H.js";
import "./chunk-45EAAGLA.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-ND4BC56W.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-OR54S3NR.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-KHGLBRQU.js";
import "./chunk-D3TFNCWY.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-4B7MXGXP.js";
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
