import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-P6H3FQ5I.js";
import {
  terminalTable
} from "./chunk-HTDGPDOX.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources
} from "./chunk-QIP3KMKT.js";
import {
  planWorkspace
} from "./chunk-6BZ3OXED.js";
import "./chunk-7N3FU4S7.js";
import "./chunk-TVBXDYJF.js";
import "./chunk-GCS3BNMZ.js";
import "./chunk-OB4SRQCA.js";
import "./chunk-Y33LDR5M.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-OU24UHTD.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-HMPS2V6G.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
