import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-P6H3FQ5I.js";
import {
  terminalTable
} from "./chunk-HTDGPDOX.js";
import {
  cliWorkspace,
  reportLedgerProblems,
  requireAsset
} from "./chunk-QIP3KMKT.js";
import "./chunk-N5HPWT7C.js";
import {
  aliasHolders
} from "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import {
  formatSecond
} from "./chunk-CV3KGLCG.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
  aliasesCommand
};
