// `kiln pull ASSET@champion`: restore a version's outputs into the workspace.
import { parseVersionRef, resolveVersionRef } from "../run/refs.js";
import { restoreOutputs } from "../run/restore.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace, requireAsset } from "./workspace.js";

export async function pullCommand(io: CliIO, globals: GlobalOptions, text: string): Promise<number> {
  const ref = parseVersionRef(text);
  if (!ref) throw new UserError(`cannot read "${text}"`, "write ASSET, ASSET@v3 or ASSET@champion");
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, ref.asset);
  const resolved = await resolveVersionRef(workspace.ledger, ref);
  if (!resolved.ok) throw new UserError(resolved.error, `see \`kiln history ${ref.asset}\``);
  const restored = await restoreOutputs(workspace.project.root, [resolved.record], workspace.store);
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(resolved.record.outputs);
  io.stdout(
    `${ref.asset} v${resolved.record.version}: ${restored.restored.length} of ${files.length} output(s) restored` +
      `${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}\n` +
      files.map((f) => `  ${f}\n`).join(""),
  );
  return 0;
}
