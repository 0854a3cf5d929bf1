#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  rollbackAlias,
  setAlias
} from "./chunk-HVBQMAXS.js";
import {
  cliWorkspace,
  parseVersionNumber,
  requireAsset
} from "./chunk-DX56Z66D.js";
import "./chunk-67TSPKVQ.js";
import "./chunk-PDYJWWEO.js";
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
