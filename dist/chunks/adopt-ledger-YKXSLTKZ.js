#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  reportLedgerProblems
} from "./chunk-DX56Z66D.js";
import "./chunk-67TSPKVQ.js";
import "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import "./chunk-7FVTXTAK.js";
import "./chunk-XBDFPIQI.js";
import "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-TI3FK6ZA.js";

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
