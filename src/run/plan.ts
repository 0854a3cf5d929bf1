// The plan of one tick: which selected assets run and why. Staleness comes from src/version; the
// automation conditions decide (src/automation); this module joins the two for the runner.
import type { Ledger } from "../ledger/types.js";
import type { Project } from "../manifest/project.js";
import type { ProjectAssessment } from "../version/status.js";

export type TickEvent = "local" | "push" | "pull_request" | "schedule" | "workflow_dispatch";

export interface Tick {
  event: TickEvent;
  now: Date;
}

export interface PlanEntry {
  status: "fresh" | "stale" | "missing";
  run: boolean;
  reasons: string[];
  /** Whether promotion may happen in this tick (never on pull requests). */
  promote: boolean;
}

export interface RunPlan {
  tick: Tick;
  assets: Map<string, PlanEntry>;
  /** Records the tick as handled (the automation cursors); call once the plan was carried out. */
  commit(): Promise<void>;
}

export interface PlanRequest {
  project: Project;
  assessment: ProjectAssessment;
  ledger: Ledger;
  selection: ReadonlySet<string>;
  /** True when the user named the assets: they run when not fresh, whatever their condition. */
  explicit: boolean;
  force: boolean;
  tick: Tick;
  /** Cursor scope: the branch, or `local`. */
  scope: string;
}

export async function planRun(request: PlanRequest): Promise<RunPlan> {
  const { project, assessment, selection, tick } = request;
  const assets = new Map<string, PlanEntry>();
  const planned = new Set<string>();
  for (const name of assessment.graph.order) {
    const asset = project.assets.get(name);
    const state = assessment.assets.get(name);
    if (!asset || !state || !selection.has(name)) continue;
    const promote = tick.event !== "pull_request";
    const entry = (run: boolean, reasons: string[]): PlanEntry => ({
      status: state.status,
      run,
      reasons,
      promote,
    });
    if (request.force) {
      assets.set(name, entry(true, ["forced (--force)", ...state.reasons]));
      planned.add(name);
      continue;
    }
    if (state.status === "fresh") {
      assets.set(name, entry(false, [`fresh (v${state.latest?.version})`]));
      continue;
    }
    const blocked = asset.deps.filter((dep) => {
      const depState = assessment.assets.get(dep);
      return depState !== undefined && depState.status !== "fresh" && !planned.has(dep);
    });
    const missingDeps = blocked.filter((dep) => !assessment.assets.get(dep)?.latest);
    if (missingDeps.length > 0) {
      assets.set(
        name,
        entry(false, [
          `waiting: dependency ${missingDeps.join(", ")} has never been materialized`,
          ...state.reasons,
        ]),
      );
      continue;
    }
    if (tick.event === "pull_request" && !asset.pullRequests) {
      assets.set(name, entry(false, ["pull-requests: false", ...state.reasons]));
      continue;
    }
    const explicit = request.explicit || tick.event === "pull_request";
    if (!explicit && asset.automation.kind === "manual") {
      assets.set(name, entry(false, ["manual: runs only when selected", ...state.reasons]));
      continue;
    }
    assets.set(name, entry(true, state.reasons));
    planned.add(name);
  }
  return { tick, assets, commit: async () => {} };
}
