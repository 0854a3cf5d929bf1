// The plan of one tick: which selected assets run and why. Staleness comes from src/version; the
// automation conditions decide (src/automation); this module joins the two and keeps the cursors.
import type { AssetFacts, Evaluation } from "../automation/conditions.js";
import { planTick } from "../automation/plan.js";
import type { Tick } from "../automation/tick.js";
import type { Ledger } from "../ledger/ledger.js";
import { RECORD_SCHEMA } from "../domain/records.js";
import type { Project } from "../manifest/project.js";
import type { ProjectAssessment } from "../version/status.js";

export type { Tick, TickEvent } from "../automation/tick.js";

export interface PlanEntry {
  status: "fresh" | "stale" | "missing";
  run: boolean;
  reasons: string[];
  /** Whether promotion may happen in this tick (never on pull requests). */
  promote: boolean;
  /** The automation condition's evaluation, for `--explain`. */
  evaluation?: Evaluation | undefined;
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
  /** Run config set at run time: the tick is not handled (an experiment consumes no cron tick). */
  experiment?: boolean | undefined;
}

export function assetFacts(project: Project, assessment: ProjectAssessment): Map<string, AssetFacts> {
  const facts = new Map<string, AssetFacts>();
  for (const [name, a] of assessment.assets) {
    const deps = project.assets.get(name)!.deps;
    facts.set(name, {
      status: a.status,
      codeChanged: a.codeChanged,
      depsUpdated: a.depsUpdated,
      assetDeps: deps.filter((d) => project.assets.has(d)),
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.latest ? new Date(a.latest.finishedAt) : undefined,
    });
  }
  return facts;
}

export async function planRun(request: PlanRequest): Promise<RunPlan> {
  const { project, assessment, tick } = request;
  const stored = await request.ledger.readCursor(request.scope);
  const planned = planTick({
    assets: assessment.graph.order
      .filter((name) => project.assets.has(name))
      .map((name) => {
        const asset = project.assets.get(name)!;
        return {
          name,
          condition: asset.automation,
          pullRequests: asset.pullRequests,
          reasons: assessment.assets.get(name)!.reasons,
        };
      }),
    facts: assetFacts(project, assessment),
    cursors: stored?.assets ?? {},
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force,
  });
  // A pull request's run handles no schedule tick (and a fork's token could not record one).
  const changed =
    tick.event !== "pull_request" &&
    !request.experiment &&
    JSON.stringify(planned.cursors) !== JSON.stringify(stored?.assets ?? {});
  return {
    tick,
    assets: planned.assets,
    commit: async () => {
      if (!changed) return;
      await request.ledger.writeCursor({
        schema: RECORD_SCHEMA,
        scope: request.scope,
        assets: planned.cursors,
        updatedAt: tick.now.toISOString(),
      });
    },
  };
}
