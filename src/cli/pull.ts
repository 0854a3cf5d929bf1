// `kiln pull ASSET@champion`: restore a version's outputs into the workspace from whichever store
// has them (the local store, else the artifact or release the ledger recorded: a fresh clone with
// `--ledger branch` and a token gets the champion model this way). `kiln pull --all` restores
// every fresh selected asset's current outputs.
import path from "node:path";
import { planWorkspace } from "../app/pipeline.js";
import { type FreshRestore, restoreFreshAssets, restoreOutputs } from "../run/restore.js";
import { withAssetLock } from "../paths/workspace-lock.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliTick } from "./tick.js";
import { type CliWorkspace, cliWorkspace, reportLedgerProblems, resolveRecordRef } from "./workspace.js";

export async function pullCommand(
  io: CliIO,
  globals: GlobalOptions,
  refs: string[],
  options: { all?: boolean; branch?: string },
): Promise<number> {
  if (options.all) {
    if (options.branch !== undefined)
      throw new UserError(
        "--branch picks one version to pull; --all pulls the current ones",
        "drop one of them",
      );
    return pullAll(io, globals, refs);
  }
  if (refs.length !== 1)
    throw new UserError("name one version to pull", "kiln pull model@champion, or kiln pull --all");
  // As `kiln show`: ASSET is this checkout's current version (as `kiln status` and `--all` take
  // it); `--branch` (with `--env`) picks the latest version made there, never an experiment's unless
  // named.
  const { workspace, record, why } = await resolveRecordRef(io, globals, refs[0]!, {
    environment: globals.env,
    branch: options.branch,
    skipExperiments: true,
  });
  const restored = await withOutputsLock(io, workspace, record.asset, () =>
    restoreOutputs(workspace.project.root, [record], workspace.stores),
  );
  if (restored === undefined) throw new Error("bug: the asset lock gave up without a signal");
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(record.outputs);
  io.stdout(
    `${record.asset} v${record.version}: ${restored.restored.length} of ${files.length} output(s) restored` +
      `${restored.from.length ? ` from ${restored.from.join(", ")}` : ""}` +
      `${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}\n` +
      (why ? `  ${why}\n` : "") +
      files.map((f) => `  ${f}\n`).join(""),
  );
  return 0;
}

/**
 * Writes an asset's paths holding its lock, as `kiln run` does while it materializes the asset
 * (paths/workspace-lock.ts): a pull never writes the files a step in another run is writing or
 * hashing, and waits for it saying what holds it.
 */
function withOutputsLock<T>(
  io: CliIO,
  workspace: CliWorkspace,
  asset: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const locks = path.join(workspace.kilnDir, "locks", workspace.project.name);
  return withAssetLock(locks, asset, work, {
    holder: "pull",
    onWait: (message) => io.stderr(`${message}\n`),
  });
}

async function pullAll(io: CliIO, globals: GlobalOptions, selection: string[]): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const planned = await planWorkspace(workspace, {
    selection,
    force: false,
    tick: cliTick({}, io.env),
    env: io.env,
  });
  if (!planned.ok) throw new UserError(planned.error, planned.hint);
  reportLedgerProblems(workspace, io);
  const fresh = [...planned.plan.assets]
    .filter(([, entry]) => entry.status === "fresh")
    .map(([name]) => planned.assessment.assets.get(name)?.current)
    .filter((current) => current !== undefined);
  // Every file is compared by content (store/output-identities.ts): after `kiln pull model@v2`, the
  // current version's file of the same size is put back.
  const results: FreshRestore[] = [];
  for (const record of fresh) {
    const restored = await withOutputsLock(io, workspace, record.asset, () =>
      restoreFreshAssets(workspace.project.root, [record], workspace.stores),
    );
    if (restored === undefined) throw new Error("bug: the asset lock gave up without a signal");
    results.push(...restored);
  }
  for (const r of results) {
    if (r.error) io.stderr(`kiln: ${r.error}\n`);
    else
      io.stdout(
        `${r.asset} v${r.version}: ${r.restored.length ? `${r.restored.length} output(s) restored from ${r.from.join(", ")}` : "up to date"}\n`,
      );
  }
  const notFresh = [...planned.plan.assets].filter(([, e]) => e.status !== "fresh").map(([n]) => n);
  if (notFresh.length)
    io.stdout(
      `not fresh, nothing to pull: ${notFresh.join(", ")} (\`kiln run\` builds them; see ${path.relative(io.cwd, workspace.kilnDir) || ".kiln"})\n`,
    );
  return results.some((r) => r.error) ? 1 : 0;
}
