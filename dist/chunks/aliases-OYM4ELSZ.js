import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-RYNAPNKP.js";
import {
  terminalTable
} from "./chunk-XVY2DUXG.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  requireAsset
} from "./chunk-5XYJN2M7.js";
import "./chunk-LW25RPEI.js";
import {
  aliasHolders
} from "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-25V2UBXB.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/cli/aliases.ts
init_define_KILN_SITE_CLIENT();
var version = (v) => v === null ? "(none)" : `v${v}`;
async function aliasesCommand(io, globals, asset, options) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const all = await workspace.ledger.aliasHistory(asset);
  reportLedgerProblems(workspace, io);
  const moves = options.alias === void 0 ? all : all.filter((e) => e.alias === options.alias);
  const holders = aliasHolders(moves);
  if (options.json) {
    const history = moves.map((e) => ({
      at: e.at,
      alias: e.alias,
      from: e.from,
      to: e.to,
      by: e.by,
      run: e.run ?? null,
      kind: e.kind ?? null,
      reason: e.reason
    }));
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
    e.at.replace("T", " ").slice(0, 19),
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
  aliasesCommand
};
