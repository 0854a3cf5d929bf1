// Loads the manifest and opens the workspace for an action command. Manifest problems become
// annotations on the manifest's lines, so they show in the pull request's diff.
import path from "node:path";
import { projectNameClash } from "../app/project-manifests.js";
import { startCheckoutReads } from "../git/repo.js";
import { openManifest } from "../manifest/manifest-file.js";
import { OVERRIDES_HINT, overridesFrom, type RunOverrides } from "../manifest/overrides.js";
import { openWorkspace, type Workspace } from "../app/workspace.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { loadRunRecords, RECORDS_ARTIFACT_PREFIX, RunRecordsLedger } from "./run-records.js";
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
  // The checkout's git reads start while the manifest is parsed; they also list the repository's
  // other manifests for the name check (as the CLI's commands do: cli/load-project.ts).
  const reads = startCheckoutReads(path.dirname(manifestPath));
  const loaded = await openManifest(manifestPath, { displayName: display });
  // Another manifest of the repository with this project's name would share its ledger namespace.
  const clash = loaded.ok
    ? (
        await projectNameClash({
          manifestPath,
          project: loaded.value.project,
          display,
          cwd: io.cwd,
          reads,
        })
      ).diagnostics
    : [];
  const diagnostics = loaded.ok ? [...loaded.value.warnings, ...clash] : loaded.error;
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
  if (!loaded.ok || clash.length > 0)
    throw new ActionFailure(
      `${display} has ${diagnostics.filter((d) => d.severity === "error").length} problem(s); see the annotations`,
    );
  const opened = await openWorkspace({
    project: loaded.value.project,
    environment: inputs.environment,
    event: tick.event,
    ledger: io.env.KILN_LEDGER === "local" ? "local" : "auto",
    token: inputs.token || undefined,
    env: io.env,
    reads,
  });
  if (!opened.ok) throw new ActionFailure(opened.hint ? `${opened.error} (${opened.hint})` : opened.error);
  if (tick.event !== "pull_request" || inputs.command === "plan" || io.env.KILN_LEDGER === "local")
    return opened.workspace;
  // A pull request's token may be read-only (a fork, Dependabot): records the ledger refuses
  // travel as run artifacts, and this run's earlier jobs may have left some.
  const ledger = new RunRecordsLedger(opened.workspace.ledger, (message) => {
    io.info(message);
    io.warning(
      `The ledger refused this pull request's token (read-only for pull requests from forks and Dependabot): this job's records travel as a ${RECORDS_ARTIFACT_PREFIX}* artifact of the run, which the report reads.`,
    );
  });
  try {
    const read = await loadRunRecords(ledger, (message) => io.warning(message));
    if (read > 0) io.info(`read ${read} record(s) of this run from ${RECORDS_ARTIFACT_PREFIX}* artifacts`);
  } catch (error) {
    io.warning(
      `could not read this run's ${RECORDS_ARTIFACT_PREFIX}* artifacts (${(error as Error).message}); records of earlier jobs that the ledger refused are not seen`,
    );
  }
  return { ...opened.workspace, ledger };
}

/** The `config` input checked against the manifest: the run's overrides (an experiment). */
export function actionOverrides(io: ActionIO, inputs: ActionInputs, workspace: Workspace): RunOverrides {
  const read = overridesFrom(workspace.project, workspace.environment, inputs.config);
  if (!read.ok)
    throw new ActionFailure(
      `input "config": ${read.errors.join("; ")} (${OVERRIDES_HINT.replace("--set ", "")})`,
    );
  if (read.overrides.texts.length > 0)
    io.info(
      `experiment: config set for this run — ${read.overrides.texts.join(" ")}. Recorded and compared with the champion; never promoted.`,
    );
  return read.overrides;
}
