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
  reportUnavailableSources,
  reportUnmatchedPatterns
} from "./chunk-OUH2H67V.js";
import {
  planWorkspace
} from "./chunk-4ZJDM7V3.js";
import "./chunk-V6MFDO7J.js";
import "./chunk-76MPOCN6.js";
import "./chunk-OGGCQ7AA.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-EEE47QAN.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IWKAIHU6.js";
import "./chunk-NIANUAGP.js";
import "./chunk-BWNFBKPT.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-GR2CBACB.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-VEISCYBZ.js";
import "./chunk-KGK3EUFU.js";
import "./chunk-AIVCXB6U.js";
import {
  UserError
} from "./chunk-4ZWKADQZ.js";
import "./chunk-QQ24XY56.js";
import "./chunk-LR43NXA7.js";
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
  reportUnmatchedPatterns(assessment, names, io);
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
            reasons: a.reasons,
            // Only when there are some: the output of a project without them stays as it was.
            ...a.unmatched.length > 0 ? { unmatched: a.unmatched } : {}
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
