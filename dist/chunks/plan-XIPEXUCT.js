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
  reportUnavailableSources,
  requireAsset
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

// src/cli/plan.ts
init_define_KILN_SITE_CLIENT();

// src/automation/explain.ts
init_define_KILN_SITE_CLIENT();
function explain(evaluation, indent = "") {
  const lines = [`${indent}${evaluation.value ? "\u2713" : "\u2717"} ${evaluation.label}`];
  for (const fact of evaluation.facts) lines.push(`${indent}    \xB7 ${fact}`);
  for (const child of evaluation.children) lines.push(explain(child, `${indent}  `));
  return lines.join("\n");
}

// src/cli/plan.ts
async function planCommand(io, globals, selection, options) {
  const tick = cliTick(options, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event });
  const planned = await planWorkspace(workspace, {
    selection,
    force: options.force ?? false,
    tick,
    env: io.env
  });
  if (!planned.ok) throw new UserError(planned.error, planned.hint);
  const { plan } = planned;
  reportLedgerProblems(workspace, io);
  reportUnavailableSources(planned.assessment, io);
  if (options.explain) {
    requireAsset(workspace, options.explain);
    const entry = plan.assets.get(options.explain);
    if (!entry) throw new UserError(`"${options.explain}" is not in the selection`);
    io.stdout(
      `${options.explain}: ${entry.run ? "runs" : "does not run"} at this ${tick.event} tick (${tick.now.toISOString()})
`
    );
    io.stdout(`  ${entry.reasons.join("; ") || entry.status}

`);
    if (entry.evaluation) io.stdout(`${explain(entry.evaluation)}
`);
    return 0;
  }
  if (options.json) {
    const assets = Object.fromEntries(
      [...plan.assets].map(([name, e]) => [
        name,
        { status: e.status, run: e.run, promote: e.promote, reasons: e.reasons }
      ])
    );
    io.stdout(
      contractJson("plan", {
        version: 1,
        tick: { event: tick.event, now: tick.now.toISOString() },
        environment: workspace.environment,
        assets
      })
    );
    return 0;
  }
  const rows = [...plan.assets].map(([name, e]) => [
    name,
    e.run ? "run" : "skip",
    e.status,
    e.reasons.join("; ") || "-"
  ]);
  io.stdout(`${terminalTable(["asset", "plan", "status", "why"], rows)}
`);
  const count = [...plan.assets.values()].filter((e) => e.run).length;
  io.stdout(
    `
${count} of ${plan.assets.size} asset(s) would run (${tick.event} tick at ${tick.now.toISOString()}, environment ${workspace.environment})
`
  );
  return 0;
}
export {
  planCommand
};
