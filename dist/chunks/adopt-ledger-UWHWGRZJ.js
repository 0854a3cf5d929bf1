import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-XQVX7YTO.js";
import "./chunk-55XP6GI6.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7AZK427S.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-5G3UPGP5.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-4GBBVUZ5.js";
import "./chunk-CUKADIWB.js";
import "./chunk-AIVCXB6U.js";
import "./chunk-5GPDRZ7E.js";
import "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
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
