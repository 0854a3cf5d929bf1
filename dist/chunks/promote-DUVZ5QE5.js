import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  rollbackAlias,
  setAlias
} from "./chunk-4SS5L666.js";
import {
  cliWorkspace,
  parseVersionNumber,
  requireAsset
} from "./chunk-OUH2H67V.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-EEE47QAN.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IWKAIHU6.js";
import "./chunk-BWNFBKPT.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-GR2CBACB.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-VEISCYBZ.js";
import "./chunk-KGK3EUFU.js";
import "./chunk-AIVCXB6U.js";
import {
  UserError
} from "./chunk-4ZWKADQZ.js";
import "./chunk-QQ24XY56.js";
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
