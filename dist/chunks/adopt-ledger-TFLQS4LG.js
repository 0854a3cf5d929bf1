import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
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
