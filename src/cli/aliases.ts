// `kiln aliases ASSET`: who moved which alias when, from which version to which, and why — the
// alias history every promotion, `kiln promote` and `kiln rollback` appends to.
import type { AliasEvent } from "../domain/records.js";
import { aliasHolders } from "../ledger/aliases.js";
import { formatSecond } from "../report/format.js";
import type { CliIO } from "./io.js";
import { contractJson } from "./json-contract.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliWorkspace, reportLedgerProblems, requireAsset } from "./workspace.js";

const version = (v: number | null) => (v === null ? "(none)" : `v${v}`);

/** One alias move as the JSON contract writes it (`kiln aliases --json`, `kiln show --json`). */
export function aliasMoveJson(e: AliasEvent) {
  return {
    at: e.at,
    alias: e.alias,
    from: e.from,
    to: e.to,
    by: e.by,
    run: e.run ?? null,
    kind: e.kind ?? null,
    reason: e.reason,
  };
}

export async function aliasesCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  options: { json?: boolean; alias?: string },
): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const all = await workspace.ledger.aliasHistory(asset);
  reportLedgerProblems(workspace, io);
  const moves = options.alias === undefined ? all : all.filter((e) => e.alias === options.alias);
  const holders = aliasHolders(moves);
  if (options.json) {
    const history = moves.map(aliasMoveJson);
    io.stdout(contractJson("aliases", { asset, aliases: Object.fromEntries(holders), history }));
    return 0;
  }
  if (moves.length === 0) {
    io.stdout(
      `${asset} has no ${options.alias ?? "alias"} moves yet: a version takes one when it is promoted (\`promote:\` in kiln.yml, or \`kiln promote ${asset} vN\`).\n`,
    );
    return 0;
  }
  const now = [...holders].map(([alias, v]) => `${alias} → v${v}`).join(", ") || "no alias holds a version";
  const rows = [...moves]
    .reverse()
    .map((e) => [
      formatSecond(e.at),
      e.alias,
      version(e.from),
      version(e.to),
      e.kind ?? "",
      e.run ? `${e.by} (${e.run})` : e.by,
      e.reason,
    ]);
  io.stdout(
    `${asset}: ${now}\n\n${terminalTable(["when (UTC)", "alias", "from", "to", "move", "by", "why"], rows)}\n`,
  );
  return 0;
}
