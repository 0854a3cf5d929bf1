// `kiln status`: fresh, stale or missing, with every cause. `--json` is a stable contract:
// {"environment": "dev", "assets": {"<name>": {"status", "run", "version", "reasons": [...]}}}
import { planWorkspace } from "../app/pipeline.js";
import type { CheckoutReads } from "../git/repo.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import { type ContractValue, contractJson } from "./json-contract.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliTick } from "./tick.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  reportUnavailableSources,
  reportUnmatchedPatterns,
} from "./workspace.js";

/** One asset of the `--json` output. */
type StatusEntry = ContractValue<"status">["assets"][string];

export async function statusCommand(
  io: CliIO,
  globals: GlobalOptions,
  selection: string[],
  options: { json?: boolean },
  reads?: CheckoutReads,
): Promise<number> {
  const tick = cliTick({}, io.env);
  const workspace = await cliWorkspace(io, globals, { quiet: options.json, event: tick.event, reads });
  const planned = await planWorkspace(workspace, {
    selection,
    force: false,
    tick,
    env: io.env,
  });
  if (!planned.ok) throw new UserError(planned.error, planned.hint);
  const { assessment, plan } = planned;
  reportLedgerProblems(workspace, io);
  reportUnavailableSources(assessment, io);
  const names = [...plan.assets.keys()];
  reportUnmatchedPatterns(assessment, names, io);
  if (options.json) {
    const assets: Record<string, StatusEntry> = {};
    for (const name of names) {
      const a = assessment.assets.get(name)!;
      const entry: StatusEntry = {
        status: a.status,
        run: plan.assets.get(name)!.run,
        version: a.current ? `v${a.current.version}` : null,
        dataVersion: a.current?.dataVersion ?? null,
        logicalVersion: a.logicalVersion ?? null,
        reasons: a.reasons,
      };
      // Only when there are some: the output of a project without them stays as it was. Set
      // after, not spread in: a spread inside a literal costs V8 a runtime call per asset.
      if (a.unmatched.length > 0) entry.unmatched = a.unmatched;
      assets[name] = entry;
    }
    io.stdout(contractJson("status", { environment: workspace.environment, assets }));
    return 0;
  }
  const rows = names.map((name) => {
    const a = assessment.assets.get(name)!;
    return [name, a.status, a.current ? `v${a.current.version}` : "-", a.reasons.join("; ") || "-"];
  });
  io.stdout(`${terminalTable(["asset", "status", "version", "reasons"], rows)}\n`);
  const counts = ["fresh", "stale", "missing"].map(
    (s) => `${names.filter((n) => assessment.assets.get(n)!.status === s).length} ${s}`,
  );
  io.stdout(`\n${counts.join(", ")} (environment ${workspace.environment})\n`);
  return 0;
}
