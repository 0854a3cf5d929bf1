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
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  planWorkspace
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
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
    const assets = {};
    for (const name of names) {
      const a = assessment.assets.get(name);
      const entry = {
        status: a.status,
        run: plan.assets.get(name).run,
        version: a.current ? `v${a.current.version}` : null,
        dataVersion: a.current?.dataVersion ?? null,
        logicalVersion: a.logicalVersion ?? null,
        reasons: a.reasons
      };
      if (a.unmatched.length > 0) entry.unmatched = a.unmatched;
      assets[name] = entry;
    }
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
