import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasTarget,
  rollbackAlias,
  setAlias
} from "./chunk-P6FKIRET.js";
import {
  Name
} from "./chunk-JRDQNYU3.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-XTEFASAO.js";
import {
  cliWorkspace,
  parseVersionNumber,
  requireAsset
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  PROD,
  aliasReadsAsVersion,
  isExperiment
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/promote.ts
import os from "node:os";
var DEFAULT_ALIAS = "champion";
function person(env) {
  return env.GITHUB_ACTOR ?? env.USER ?? os.userInfo().username;
}
function chooseAlias(io, workspace, asset, given) {
  const spec = workspace.project.assets.get(asset)?.promote;
  const alias = given ?? spec?.alias ?? DEFAULT_ALIAS;
  if (!Name.safeParse(alias).success) {
    throw new UserError(
      `alias "${alias}" is not a valid alias name`,
      "aliases are named as in the manifest's promote.alias: lower case letters, digits, - and _, starting with a letter"
    );
  }
  const version = aliasReadsAsVersion(alias);
  if (version !== void 0) {
    throw new UserError(
      `alias "${alias}" reads as a version: ${asset}@${alias} means v${version}`,
      "choose a name that is not v followed by digits"
    );
  }
  if (spec === void 0) {
    io.stderr(
      `kiln: warning: ${asset} has no \`promote\` in the manifest: no run compares with ${asset}@${alias} and no dependency can read it
`
    );
  } else if (alias !== spec.alias) {
    io.stderr(
      `kiln: warning: ${asset}'s promote moves ${spec.alias}, not ${alias}: no run compares with ${asset}@${alias} and no dependency can read it
`
    );
  }
  return alias;
}
function notPromotable(record) {
  const name = `${record.asset} v${record.version}`;
  if (isExperiment(record)) {
    const overrides = record.context.experiment?.overrides ?? [];
    return {
      error: `${name} is an experiment${overrides.length ? ` (run config set with --set ${overrides.join(", --set ")})` : ""}, and experiments are never promoted`,
      hint: "put the config in kiln.yml and train it in prod, or pass --force to point the alias at it anyway"
    };
  }
  const environment = record.context.environment;
  if (environment !== PROD) {
    const ref = record.context.ref;
    return {
      error: `${name} was made in ${environment}${ref ? ` (on ${ref})` : ""}, and only ${PROD} promotes: dependants of the alias would read a ${environment} model`,
      hint: `train it in ${PROD} (on a promoting branch), or pass --force to point the alias at it anyway`
    };
  }
  return void 0;
}
async function promoteCommand(io, globals, asset, versionText, options) {
  const parsed = parseVersionNumber(versionText, "write v3 or 3");
  if (!parsed.ok) throw new UserError(parsed.error, parsed.hint);
  const version = parsed.value;
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const alias = chooseAlias(io, workspace, asset, options.alias);
  const target = await aliasTarget(workspace.ledger, asset, version);
  if (!target.ok) throw new UserError(target.error, target.hint);
  const refused = options.force ? void 0 : notPromotable(target.record);
  if (refused) throw new UserError(refused.error, refused.hint);
  const moved = await setAlias({
    ledger: workspace.ledger,
    asset,
    alias,
    version,
    by: person(io.env),
    reason: options.reason ?? `promoted by hand with kiln promote`,
    kind: "manual"
  });
  if (!moved.ok) throw new UserError(moved.error, moved.hint);
  io.stdout(
    moved.from === version ? `${asset}@${alias} is already v${version}
` : `${asset}@${alias}: ${moved.from === null ? "(none)" : `v${moved.from}`} \u2192 v${version}
`
  );
  return 0;
}
async function rollbackCommand(io, globals, asset, options) {
  const parsed = options.to === void 0 ? void 0 : parseVersionNumber(options.to, "write --to v3 or --to 3");
  if (parsed && !parsed.ok) throw new UserError(parsed.error, parsed.hint);
  const to = parsed?.value;
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const alias = chooseAlias(io, workspace, asset, options.alias);
  const outcome = await rollbackAlias({
    ledger: workspace.ledger,
    asset,
    alias,
    to,
    by: person(io.env),
    reason: options.reason,
    // A rollback is a move by hand like `kiln promote`: the same versions are refused without
    // --force (a dev build or an experiment forced there once is not thereby fit to return to).
    refuse: options.force ? void 0 : (record) => notPromotable(record)?.error
  });
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  io.stdout(`${asset}@${alias}: v${outcome.from} \u2192 v${outcome.to}
`);
  return 0;
}
export {
  promoteCommand,
  rollbackCommand
};
