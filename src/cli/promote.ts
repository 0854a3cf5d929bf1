// `kiln promote ASSET vN` and `kiln rollback ASSET`: aliases moved by people, recorded with why.
import os from "node:os";
import { parseVersionNumber } from "../app/version-refs.js";
import type { Workspace } from "../app/workspace.js";
import { isExperiment, type MaterializationRecord } from "../domain/records.js";
import { aliasReadsAsVersion, PROD } from "../manifest/project.js";
import { Name } from "../manifest/schema.js";
import { aliasTarget, rollbackAlias, setAlias } from "../run/promote.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace, requireAsset } from "./workspace.js";

/** The alias an asset without a `promote` block would move (the manifest's default). */
const DEFAULT_ALIAS = "champion";

function person(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_ACTOR ?? env.USER ?? os.userInfo().username;
}

/**
 * The alias a person moves: the one the asset's `promote` moves unless another is named. Any other
 * is one no run compares with and no dependency of the manifest reads (a dependency on it is a
 * manifest error), so it is allowed with a warning. A name the manifest could not use is refused,
 * and so is one that reads as a version: `model@v2` means version 2, whatever the alias says.
 */
function chooseAlias(io: CliIO, workspace: Workspace, asset: string, given: string | undefined): string {
  const spec = workspace.project.assets.get(asset)?.promote;
  const alias = given ?? spec?.alias ?? DEFAULT_ALIAS;
  if (!Name.safeParse(alias).success) {
    throw new UserError(
      `alias "${alias}" is not a valid alias name`,
      "aliases are named as in the manifest's promote.alias: lower case letters, digits, - and _, starting with a letter",
    );
  }
  const version = aliasReadsAsVersion(alias);
  if (version !== undefined) {
    throw new UserError(
      `alias "${alias}" reads as a version: ${asset}@${alias} means v${version}`,
      "choose a name that is not v followed by digits",
    );
  }
  if (spec === undefined) {
    io.stderr(
      `kiln: warning: ${asset} has no \`promote\` in the manifest: no run compares with ${asset}@${alias} and no dependency can read it\n`,
    );
  } else if (alias !== spec.alias) {
    io.stderr(
      `kiln: warning: ${asset}'s promote moves ${spec.alias}, not ${alias}: no run compares with ${asset}@${alias} and no dependency can read it\n`,
    );
  }
  return alias;
}

/**
 * Why no run would have promoted this version: made outside prod (the environment that promotes),
 * or an experiment. Its dependants in prod would read a dev or experiment model.
 */
function notPromotable(record: MaterializationRecord): { error: string; hint: string } | undefined {
  const name = `${record.asset} v${record.version}`;
  if (isExperiment(record)) {
    const overrides = record.context.experiment?.overrides ?? [];
    return {
      error: `${name} is an experiment${overrides.length ? ` (run config set with --set ${overrides.join(", --set ")})` : ""}, and experiments are never promoted`,
      hint: "put the config in kiln.yml and train it in prod, or pass --force to point the alias at it anyway",
    };
  }
  const environment = record.context.environment;
  if (environment !== PROD) {
    const ref = record.context.ref;
    return {
      error: `${name} was made in ${environment}${ref ? ` (on ${ref})` : ""}, and only ${PROD} promotes: dependants of the alias would read a ${environment} model`,
      hint: `train it in ${PROD} (on a promoting branch), or pass --force to point the alias at it anyway`,
    };
  }
  return undefined;
}

export async function promoteCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  versionText: string,
  options: { alias?: string; reason?: string; force?: boolean },
): Promise<number> {
  const parsed = parseVersionNumber(versionText, "write v3 or 3");
  if (!parsed.ok) throw new UserError(parsed.error, parsed.hint);
  const version = parsed.value;
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const alias = chooseAlias(io, workspace, asset, options.alias);
  const target = await aliasTarget(workspace.ledger, asset, version);
  if (!target.ok) throw new UserError(target.error, target.hint);
  const refused = options.force ? undefined : notPromotable(target.record);
  if (refused) throw new UserError(refused.error, refused.hint);
  const moved = await setAlias({
    ledger: workspace.ledger,
    asset,
    alias,
    version,
    by: person(io.env),
    reason: options.reason ?? `promoted by hand with kiln promote`,
    kind: "manual",
  });
  if (!moved.ok) throw new UserError(moved.error, moved.hint);
  io.stdout(
    moved.from === version
      ? `${asset}@${alias} is already v${version}\n`
      : `${asset}@${alias}: ${moved.from === null ? "(none)" : `v${moved.from}`} → v${version}\n`,
  );
  return 0;
}

export async function rollbackCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  options: { alias?: string; reason?: string; to?: string; force?: boolean },
): Promise<number> {
  const parsed =
    options.to === undefined ? undefined : parseVersionNumber(options.to, "write --to v3 or --to 3");
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
    refuse: options.force ? undefined : (record) => notPromotable(record)?.error,
  });
  if (!outcome.ok) throw new UserError(outcome.error, outcome.hint);
  io.stdout(`${asset}@${alias}: v${outcome.from} → v${outcome.to}\n`);
  return 0;
}
