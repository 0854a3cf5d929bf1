#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  planWorkspace
} from "./chunk-F2V65X6J.js";
import "./chunk-XOCBYPYB.js";
import "./chunk-KXZWORLU.js";
import "./chunk-HVBQMAXS.js";
import {
  contractJson
} from "./chunk-4ELXHMCZ.js";
import {
  terminalTable
} from "./chunk-36PGMSKF.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources
} from "./chunk-DX56Z66D.js";
import "./chunk-67TSPKVQ.js";
import "./chunk-LOPR52TU.js";
import "./chunk-PDYJWWEO.js";
import "./chunk-VHEJAUQZ.js";
import "./chunk-R7ZA2L4F.js";
import "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import "./chunk-7FVTXTAK.js";
import "./chunk-XBDFPIQI.js";
import {
  UserError
} from "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-TI3FK6ZA.js";

// src/cli/status.ts
init_define_KILN_SITE_CLIENT();
async function statusCommand(io, globals, selection, options) {
  const tick = cliTick({}, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event });
  const planned = await planWorkspace(workspace, {
    selection,
    force: false,
    tick,
    env: io.env,
    // Status shows and compares versions by their heads: no whole record of a fresh asset is read.
    latestRecords: false
  });
  if (!planned.ok) throw new UserError(planned.error, planned.hint);
  const { assessment, plan } = planned;
  reportLedgerProblems(workspace, io);
  reportUnavailableSources(assessment, io);
  const names = [...plan.assets.keys()];
  if (options.json) {
    const assets = Object.fromEntries(
      names.map((name) => {
        const a = assessment.assets.get(name);
        return [
          name,
          {
            status: a.status,
            run: plan.assets.get(name).run,
            version: a.current ? `v${a.current.version}` : null,
            dataVersion: a.current?.dataVersion ?? null,
            logicalVersion: a.logicalVersion ?? null,
            reasons: a.reasons
          }
        ];
      })
    );
    io.stdout(contractJson("status", { environment: workspace.environment, assets }));
    return 0;
  }
  const rows = names.map((name) => {
    const a = assessment.assets.get(name);
    return [name, a.status, a.current ? `v${a.current.version}` : "-", a.reasons.join("; ") || "-"];
  });
  io.stdout(`${terminalTable(["asset", "status", "version", "reasons"], rows)}
`);
  const counts = ["fresh", "stale", "missing"].map(
    (s) => `${names.filter((n) => assessment.assets.get(n).status === s).length} ${s}`
  );
  io.stdout(`
${counts.join(", ")} (environment ${workspace.environment})
`);
  return 0;
}
export {
  statusCommand
};
