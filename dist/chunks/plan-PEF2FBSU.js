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
  reportUnavailableSources,
  requireAsset
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
