// In a layer workflow every leg of a later layer starts whatever happened in earlier layers (a
// failed leg must not skip unrelated assets), so each leg checks its own dependencies against the
// plan: a dependency the plan ran in this run that has no record from this run failed or was
// skipped, and the asset is skipped too, as GitHub skips the job of a per-asset workflow.
import type { Workspace } from "../app/workspace.js";

/** The first dependency of `asset` that was meant to run in this run and did not materialize. */
export async function unmaterializedDependency(
  workspace: Workspace,
  asset: string,
  plan: Readonly<Record<string, "run" | "skip">>,
  runId: string | undefined,
): Promise<string | undefined> {
  if (runId === undefined) return undefined;
  for (const dep of workspace.project.assets.get(asset)?.deps ?? []) {
    if (plan[dep] !== "run") continue;
    const records = await workspace.ledger.heads(dep);
    if (!records.some((r) => r.context.runId === runId)) return dep;
  }
  return undefined;
}
