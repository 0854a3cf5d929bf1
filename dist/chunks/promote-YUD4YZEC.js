import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  rollbackAlias,
  setAlias
} from "./chunk-YEUBEF2N.js";
import {
  cliWorkspace,
  parseVersionNumber,
  requireAsset
} from "./chunk-D63PQ4RB.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-LZV4TYKF.js";
import "./chunk-BOWR73ZZ.js";
import {
  UserError
} from "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/cli/promote.ts
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
