// `kiln pull ASSET@champion`: restore a version's outputs into the workspace from whichever store
// has them (the local store, else the artifact or release the ledger recorded: a fresh clone with
// `--ledger branch` and a token gets the champion model this way). `kiln pull --all` restores
// every fresh selected asset's current outputs.
import path from "node:path";
import { planWorkspace } from "../app/pipeline.js";
import { restoreFreshAssets, restoreOutputs } from "../run/restore.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliTick } from "./tick.js";
import { cliWorkspace, reportLedgerProblems, resolveRecordRef } from "./workspace.js";

export async function pullCommand(
  io: CliIO,
  globals: GlobalOptions,
  refs: string[],
  options: { all?: boolean },
): Promise<number> {
  if (options.all) return pullAll(io, globals, refs);
  if (refs.length !== 1)
    throw new UserError("name one version to pull", "kiln pull model@champion, or kiln pull --all");
  const { workspace, record } = await resolveRecordRef(io, globals, refs[0]!);
  const restored = await restoreOutputs(workspace.project.root, [record], workspace.stores);
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(record.outputs);
  io.stdout(
    `${record.asset} v${record.version}: ${restored.restored.length} of ${files.length} output(s) restored` +
      `${restored.from.length ? ` from ${restored.from.join(", ")}` : ""}` +
      `${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}\n` +
      files.map((f) => `  ${f}\n`).join(""),
  );
  return 0;
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
  const results = await restoreFreshAssets(workspace.project.root, fresh, workspace.stores);
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
