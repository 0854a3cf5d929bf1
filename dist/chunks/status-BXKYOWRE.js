import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-NT5MSSAQ.js";
import {
  terminalTable
} from "./chunk-4BTWH4UN.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources
} from "./chunk-XQVX7YTO.js";
import {
  planWorkspace
} from "./chunk-HSV6PM2M.js";
import "./chunk-V6MFDO7J.js";
import "./chunk-ZYLOGHAY.js";
import "./chunk-3GKCM6LP.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-JRC6O52L.js";
import "./chunk-55XP6GI6.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7AZK427S.js";
import "./chunk-NIANUAGP.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-5G3UPGP5.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-GR2CBACB.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-4GBBVUZ5.js";
import "./chunk-CUKADIWB.js";
import "./chunk-AIVCXB6U.js";
import {
  UserError
} from "./chunk-5GPDRZ7E.js";
import "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/cli/status.ts
async function statusCommand(io, globals, selection, options, reads) {
  const tick = cliTick({}, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event, reads });
  const planned = await planWorkspace(workspace, {
    selection,
    force: false,
    tick,
    env: io.env
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
