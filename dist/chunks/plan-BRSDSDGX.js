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
  reportUnmatchedPatterns,
  requireAsset
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  planWorkspace
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  assetPromotionBlocker
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/automation/explain.ts
function explain(evaluation, indent = "") {
  const lines = [`${indent}${evaluation.value ? "\u2713" : "\u2717"} ${evaluation.label}`];
  for (const fact of evaluation.facts) lines.push(`${indent}    \xB7 ${fact}`);
  for (const child of evaluation.children) lines.push(explain(child, `${indent}  `));
  return lines.join("\n");
}

// src/cli/plan.ts
async function planCommand(io, globals, selection, options, reads) {
  if (options.json && options.explain !== void 0)
    throw new UserError(
      "--explain prints the condition tree as text; it has no --json form",
      "drop --json to read the tree, or --explain for the plan as JSON"
    );
  const tick = cliTick(options, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event, reads });
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
  reportUnmatchedPatterns(planned.assessment, plan.assets.keys(), io);
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
    const mayPromote = (name) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec !== void 0 && assetPromotionBlocker(workspace.decision, spec) === void 0;
    };
    const unmatchedOf = (name) => {
      const unmatched = planned.assessment.assets.get(name)?.unmatched ?? [];
      return unmatched.length > 0 ? { unmatched } : {};
    };
    const assets = Object.fromEntries(
      [...plan.assets].map(([name, e]) => [
        name,
        {
          status: e.status,
          run: e.run,
          promote: mayPromote(name),
          reasons: e.reasons,
          ...unmatchedOf(name)
        }
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
