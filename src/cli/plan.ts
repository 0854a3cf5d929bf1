// `kiln plan`: what a run would materialize at this tick, and why.
import { explain } from "../automation/explain.js";
import { assetPromotionBlocker } from "../app/environment.js";
import { planWorkspace } from "../app/pipeline.js";
import type { CheckoutReads } from "../git/repo.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import { contractJson } from "./json-contract.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliTick } from "./tick.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources,
  reportUnmatchedPatterns,
  requireAsset,
} from "./workspace.js";

export interface PlanOptions {
  json?: boolean;
  explain?: string;
  force?: boolean;
  event?: string;
  now?: string;
}

export async function planCommand(
  io: CliIO,
  globals: GlobalOptions,
  selection: string[],
  options: PlanOptions,
  reads?: CheckoutReads,
): Promise<number> {
  // The plan's JSON contract (schema/plan.v1.json) has no place for a condition tree: a reader that
  // asked for JSON must not get text with exit 0.
  if (options.json && options.explain !== undefined)
    throw new UserError(
      "--explain prints the condition tree as text; it has no --json form",
      "drop --json to read the tree, or --explain for the plan as JSON",
    );
  const tick = cliTick(options, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event, reads });
  const planned = await planWorkspace(workspace, {
    selection,
    force: options.force ?? false,
    tick,
    env: io.env,
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
      `${options.explain}: ${entry.run ? "runs" : "does not run"} at this ${tick.event} tick (${tick.now.toISOString()})\n`,
    );
    io.stdout(`  ${entry.reasons.join("; ") || entry.status}\n\n`);
    if (entry.evaluation) io.stdout(`${explain(entry.evaluation)}\n`);
    return 0;
  }
  if (options.json) {
    // By the rule promotion applies: an asset with promote:, in a run whose environment, event and
    // branch let it move the alias (app/environment.ts).
    const mayPromote = (name: string) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec !== undefined && assetPromotionBlocker(workspace.decision, spec) === undefined;
    };
    const unmatchedOf = (name: string) => {
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
          ...unmatchedOf(name),
        },
      ]),
    );
    io.stdout(
      contractJson("plan", {
        version: 1,
        tick: { event: tick.event, now: tick.now.toISOString() },
        environment: workspace.environment,
        assets,
      }),
    );
    return 0;
  }
  const rows = [...plan.assets].map(([name, e]) => [
    name,
    e.run ? "run" : "skip",
    e.status,
    e.reasons.join("; ") || "-",
  ]);
  io.stdout(`${terminalTable(["asset", "plan", "status", "why"], rows)}\n`);
  const count = [...plan.assets.values()].filter((e) => e.run).length;
  io.stdout(
    `\n${count} of ${plan.assets.size} asset(s) would run (${tick.event} tick at ${tick.now.toISOString()}, environment ${workspace.environment})\n`,
  );
  return 0;
}
