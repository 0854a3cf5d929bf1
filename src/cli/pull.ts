// `kiln pull ASSET@champion`: restore a version's outputs into the workspace.
import { restoreOutputs } from "../run/restore.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { resolveRecordRef } from "./workspace.js";

export async function pullCommand(io: CliIO, globals: GlobalOptions, text: string): Promise<number> {
  const { workspace, record } = await resolveRecordRef(io, globals, text);
  const restored = await restoreOutputs(workspace.project.root, [record], workspace.store);
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(record.outputs);
  io.stdout(
    `${record.asset} v${record.version}: ${restored.restored.length} of ${files.length} output(s) restored` +
      `${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}\n` +
      files.map((f) => `  ${f}\n`).join(""),
  );
  return 0;
}
