import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-RYNAPNKP.js";
import {
  terminalTable
} from "./chunk-XVY2DUXG.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources
} from "./chunk-5XYJN2M7.js";
import {
  planWorkspace
} from "./chunk-TEKJZMCW.js";
import "./chunk-GXZWNREP.js";
import "./chunk-5NGXEBNQ.js";
import "./chunk-EMTFGBJD.js";
import "./chunk-VN6Y6SGB.js";
import "./chunk-FBEGHNJI.js";
import "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-4QRKHNA4.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-CL637EV3.js";
import "./chunk-TL4QTD52.js";
import "./chunk-25V2UBXB.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import {
  UserError
} from "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

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
