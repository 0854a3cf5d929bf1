// `kiln promote ASSET vN` and `kiln rollback ASSET`: aliases moved by people, recorded with why.
import os from "node:os";
import { parseVersionNumber } from "../run/refs.js";
import { setAlias } from "../run/promote.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace, requireAsset } from "./workspace.js";

function person(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_ACTOR ?? env.USER ?? os.userInfo().username;
}

export async function promoteCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  versionText: string,
  options: { alias: string; reason?: string },
): Promise<number> {
  const version = parseVersionNumber(versionText);
  if (version === undefined) throw new UserError(`cannot read version "${versionText}"`, "write v3 or 3");
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
  });
  io.stdout(
    moved.from === version
      ? `${asset}@${options.alias} is already v${version}\n`
      : `${asset}@${options.alias}: ${moved.from === null ? "(none)" : `v${moved.from}`} → v${version}\n`,
  );
  return 0;
}

export async function rollbackCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  options: { alias: string; reason?: string },
): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const history = (await workspace.ledger.aliasHistory(asset)).filter((e) => e.alias === options.alias);
  const last = history.at(-1);
  if (!last || last.to === null) throw new UserError(`${asset} has no ${options.alias} to roll back`);
  const previous = last.from;
  if (previous === null) {
    throw new UserError(
      `${asset}@${options.alias} v${last.to} is the first holder; there is nothing to roll back to`,
      `use \`kiln promote ${asset} vN\` to choose a version`,
    );
  }
  await setAlias({
    ledger: workspace.ledger,
    asset,
    alias: options.alias,
    version: previous,
    by: person(io.env),
    reason: options.reason ?? `rolled back from v${last.to} with kiln rollback`,
  });
  io.stdout(`${asset}@${options.alias}: v${last.to} → v${previous}\n`);
  return 0;
}
