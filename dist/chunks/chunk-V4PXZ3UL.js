import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-NT5MSSAQ.js";
import {
  terminalTable
} from "./chunk-4BTWH4UN.js";
import {
  formatSecond
} from "./chunk-NBF2VUI6.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  requireAsset
} from "./chunk-E7VF6EEA.js";
import {
  aliasHolders
} from "./chunk-OAUXH6FU.js";

// src/cli/aliases.ts
var version = (v) => v === null ? "(none)" : `v${v}`;
function aliasMoveJson(e) {
  return {
    at: e.at,
    alias: e.alias,
    from: e.from,
    to: e.to,
    by: e.by,
    run: e.run ?? null,
    kind: e.kind ?? null,
    reason: e.reason
  };
}
async function aliasesCommand(io, globals, asset, options) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const all = await workspace.ledger.aliasHistory(asset);
  reportLedgerProblems(workspace, io);
  const moves = options.alias === void 0 ? all : all.filter((e) => e.alias === options.alias);
  const holders = aliasHolders(moves);
  if (options.json) {
    const history = moves.map(aliasMoveJson);
    io.stdout(contractJson("aliases", { asset, aliases: Object.fromEntries(holders), history }));
    return 0;
  }
  if (moves.length === 0) {
    io.stdout(
      `${asset} has no ${options.alias ?? "alias"} moves yet: a version takes one when it is promoted (\`promote:\` in kiln.yml, or \`kiln promote ${asset} vN\`).
`
    );
    return 0;
  }
  const now = [...holders].map(([alias, v]) => `${alias} \u2192 v${v}`).join(", ") || "no alias holds a version";
  const rows = [...moves].reverse().map((e) => [
    formatSecond(e.at),
    e.alias,
    version(e.from),
    version(e.to),
    e.kind ?? "",
    e.run ? `${e.by} (${e.run})` : e.by,
    e.reason
  ]);
  io.stdout(
    `${asset}: ${now}

${terminalTable(["when (UTC)", "alias", "from", "to", "move", "by", "why"], rows)}
`
  );
  return 0;
}

export {
  aliasMoveJson,
  aliasesCommand
};
