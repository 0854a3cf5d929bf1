// In a layer workflow every leg of a later layer starts whatever happened in earlier layers (a
// failed leg must not skip unrelated assets), so each leg checks its dependencies against the plan
// and the ledger, as GitHub's `needs` would in a per-asset workflow: a dependency the plan ran in
// this run that failed here, or was held back by a failure upstream of it, skips this asset. One
// that stopped at early cutoff (fresh, no record from this run, no failure) does not; one that is
// simply not fresh is caught by the executor (ExecuteOptions.runElsewhere).
import type { Workspace } from "../app/workspace.js";

/**
 * The assets upstream of `asset` that the plan ran elsewhere in run `runId` and that failed there
 * or were held back by such a failure: they wrote no record in this run and either failed in it or
 * depend on one that was held back.
 */
export async function heldBackElsewhere(
  workspace: Workspace,
  asset: string,
  plan: Readonly<Record<string, "run" | "skip">>,
  runId: string | undefined,
): Promise<Set<string>> {
  const held = new Set<string>();
  if (runId === undefined) return held;
  const { project, ledger } = workspace;
  const known = new Map<string, Promise<boolean>>();
  const heldBack = (name: string): Promise<boolean> => {
    let answer = known.get(name);
    if (!answer) {
      answer = (async () => {
        if (plan[name] !== "run" || !project.assets.has(name)) return false;
        if ((await ledger.heads(name)).some((h) => h.context.runId === runId)) return false;
        const failed = (await ledger.failures(name)).some((f) => f.context.runId === runId);
        const upstream = await Promise.all((project.assets.get(name)?.deps ?? []).map(heldBack));
        return failed || upstream.some(Boolean);
      })();
      known.set(name, answer);
    }
    return answer;
  };
  for (const dep of project.assets.get(asset)?.deps ?? []) if (await heldBack(dep)) held.add(dep);
  return held;
}
