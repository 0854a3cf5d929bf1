// `kiln promote ASSET vN` and `kiln rollback ASSET`: aliases moved by people, recorded with why.
import os from "node:os";
import { parseVersionNumber } from "../app/version-refs.js";
import { rollbackAlias, setAlias } from "../run/promote.js";
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
    kind: "manual",
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
  options: { alias: string; reason?: string; to?: string },
): Promise<number> {
  const to = options.to === undefined ? undefined : parseVersionNumber(options.to);
  if (options.to !== undefined && to === undefined)
    throw new UserError(`cannot read version "${options.to}"`, "write --to v3 or --to 3");
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const outcome = await rollbackAlias({
    ledger: workspace.ledger,
    asset,
    alias: options.alias,
    to,
    by: person(io.env),
    reason: options.reason,
  });
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  io.stdout(`${asset}@${options.alias}: v${outcome.from} → v${outcome.to}\n`);
  return 0;
}
