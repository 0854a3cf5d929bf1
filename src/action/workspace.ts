// Loads the manifest and opens the workspace for an action command. Manifest problems become
// annotations on the manifest's lines, so they show in the pull request's diff.
import path from "node:path";
import { loadManifest } from "../manifest/load.js";
import { openWorkspace, type Workspace } from "../run/workspace.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import type { Tick } from "../automation/tick.js";

export class ActionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionFailure";
  }
}

export async function actionWorkspace(io: ActionIO, inputs: ActionInputs, tick: Tick): Promise<Workspace> {
  const manifestPath = path.resolve(io.cwd, inputs.manifest);
  const display = path.relative(io.cwd, manifestPath) || inputs.manifest;
  const loaded = loadManifest(manifestPath, { displayName: display });
  const diagnostics = loaded.ok ? loaded.value.warnings : loaded.error;
  for (const d of diagnostics) {
    const annotation = {
      file: d.location.file,
      startLine: d.location.range?.line,
      startColumn: d.location.range?.column,
      title: `kiln: ${d.reason}`,
    };
    const message = d.hint ? `${d.message} (${d.hint})` : d.message;
    if (d.severity === "error") io.error(message, annotation);
    else io.warning(message, annotation);
  }
  if (!loaded.ok)
    throw new ActionFailure(`${display} has ${loaded.error.length} problem(s); see the annotations`);
  const opened = await openWorkspace({
    project: loaded.value.project,
    environment: inputs.environment,
    event: tick.event,
    ledger: io.env.KILN_LEDGER === "local" ? "local" : "auto",
    env: io.env,
    token: inputs.token || undefined,
  });
  if (!opened.ok) throw new ActionFailure(opened.hint ? `${opened.error} (${opened.hint})` : opened.error);
  return opened.workspace;
}
