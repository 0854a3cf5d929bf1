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
  reportUnavailableSources,
  requireAsset
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
