// In a layer workflow every leg of a later layer starts whatever happened in earlier layers (a
// failed leg must not skip unrelated assets), so each leg checks its dependencies against the plan
// and the ledger, as GitHub's `needs` would in a per-asset workflow: a dependency the plan ran in
// this run that failed here, or was held back by a failure upstream of it, skips this asset. One
// that stopped at early cutoff (fresh, no record from this run, no failure) does not; one that is
// simply not fresh is caught by the executor (ExecuteOptions.runElsewhere).
// A re-run (attempt 2, 3, …) keeps the run id: a dependency's outcome in this run is that of the
// latest attempt that touched it (src/domain/run-attempt.ts), and a version an earlier attempt
// recorded does not stand for this attempt when something upstream of it was held back here.
import type { Workspace } from "../app/workspace.js";
import { outcomeInRun, type RunAttempt } from "../domain/run-attempt.js";

/**
 * The assets upstream of `asset` that the plan ran elsewhere in `run` and that failed there or
 * were held back by such a failure: their latest outcome in the run is a failure, or they wrote no
 * record in this attempt and depend on one that was held back.
 */
export async function heldBackElsewhere(
  workspace: Workspace,
  asset: string,
  plan: Readonly<Record<string, "run" | "skip">>,
  run: RunAttempt | undefined,
): Promise<Set<string>> {
  const held = new Set<string>();
  if (run === undefined) return held;
  const { project, ledger } = workspace;
  const known = new Map<string, Promise<boolean>>();
  const heldBack = (name: string): Promise<boolean> => {
    let answer = known.get(name);
    if (!answer) {
      answer = (async () => {
        if (plan[name] !== "run" || !project.assets.has(name)) return false;
        const [heads, failures] = await Promise.all([ledger.heads(name), ledger.failures(name)]);
        const done = outcomeInRun(heads, failures, run.run);
        if (done?.kind === "failure") return true;
        // Built in this attempt (or by the only attempt there is): not held back.
        if (done?.kind === "success" && (run.attempt === undefined || done.attempt >= run.attempt))
          return false;
        const upstream = await Promise.all((project.assets.get(name)?.deps ?? []).map(heldBack));
        return upstream.some(Boolean);
      })();
      known.set(name, answer);
    }
    return answer;
  };
  for (const dep of project.assets.get(asset)?.deps ?? []) if (await heldBack(dep)) held.add(dep);
  return held;
}
