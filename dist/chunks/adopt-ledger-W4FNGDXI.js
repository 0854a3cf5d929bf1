import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-QIP3KMKT.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/adopt-ledger.ts
init_define_KILN_SITE_CLIENT();
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
