import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliWorkspace,
  parseVersionNumber,
  requireAsset
} from "./chunk-QIP3KMKT.js";
import {
  rollbackAlias,
  setAlias
} from "./chunk-Y33LDR5M.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
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

// src/cli/promote.ts
init_define_KILN_SITE_CLIENT();
import os from "node:os";
function person(env) {
  return env.GITHUB_ACTOR ?? env.USER ?? os.userInfo().username;
}
async function promoteCommand(io, globals, asset, versionText, options) {
  const version = parseVersionNumber(versionText);
  if (version === void 0) throw new UserError(`cannot read version "${versionText}"`, "write v3 or 3");
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const records = await workspace.ledger.materializations(asset);
  if (!records.some((r) => r.version === version)) {
    throw new UserError(`${asset} has no v${version}`, `see \`kiln history ${asset}\``);
  }
  const moved = await setAlias({
    ledger: workspace.ledger,
    asset,
    alias: options.alias,
    version,
    by: person(io.env),
    reason: options.reason ?? `promoted by hand with kiln promote`,
    kind: "manual"
  });
  io.stdout(
    moved.from === version ? `${asset}@${options.alias} is already v${version}
` : `${asset}@${options.alias}: ${moved.from === null ? "(none)" : `v${moved.from}`} \u2192 v${version}
`
  );
  return 0;
}
async function rollbackCommand(io, globals, asset, options) {
  const to = options.to === void 0 ? void 0 : parseVersionNumber(options.to);
  if (options.to !== void 0 && to === void 0)
    throw new UserError(`cannot read version "${options.to}"`, "write --to v3 or --to 3");
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const outcome = await rollbackAlias({
    ledger: workspace.ledger,
    asset,
    alias: options.alias,
    to,
    by: person(io.env),
    reason: options.reason
  });
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  io.stdout(`${asset}@${options.alias}: v${outcome.from} \u2192 v${outcome.to}
`);
  return 0;
}
export {
  promoteCommand,
  rollbackCommand
};
