// Turns a finished run into the report's plain data (src/report/model.ts) and keeps it in
// `.kiln/reports/` (report-history.ts: one report per run, `latest` for the last that did something).
import { aliasHolders } from "../ledger/aliases.js";
import type { MaterializationRecord } from "../domain/records.js";
import type { AssetReport, ReportOutcome, RunReport } from "../report/model.js";
import { renderReport } from "../report/index.js";
import type { AssetOutcome, Outcome } from "../run/executor.js";
import type { PipelineResult } from "./pipeline.js";
import { keepReport, type WrittenReport } from "./report-history.js";
import { lineageFilter } from "../version/lineage.js";
import { type Workspace, workspaceLineage } from "./workspace.js";

const HISTORY = 10;

const OUTCOMES: Record<Outcome, ReportOutcome> = {
  success: "materialized",
  fresh: "fresh",
  skipped: "skipped",
  failed: "failed",
  cancelled: "cancelled",
};

export interface ReportContext {
  runUrl?: string | undefined;
  repo?: { serverUrl: string; repository: string } | undefined;
  pullRequest?: RunReport["pullRequest"];
  /** For pull requests: the record of each asset at the merge-base (or its nearest ancestor). */
  mergeBase?:
    | ((asset: string, records: MaterializationRecord[]) => Promise<MaterializationRecord | undefined>)
    | undefined;
}

/** What a report needs to know of a run, whether it ran here or across the jobs of a workflow. */
export interface RunFacts {
  tick: { event: string; now: Date };
  gitSha?: string | undefined;
  ref?: string | undefined;
  /** Every asset considered, in order, with the plan's status and reasons. */
  plan: Map<string, { status: "fresh" | "stale" | "missing"; reasons: string[] }>;
  /** What happened to the assets that were started or skipped in this run. */
  outcomes: Map<
    string,
    Pick<AssetOutcome, "outcome" | "detail" | "record" | "failure" | "promotion" | "durationMs"> & {
      /** The log of the GitHub job, for a job that failed before Kiln wrote a record. */
      logUrl?: string | undefined;
    }
  >;
  /** The latest record of each asset before the run, for fresh ones. */
  latest: Map<string, MaterializationRecord | undefined>;
  deps: Map<string, string[]>;
  /** The run config set for this run (`model.max_depth=4`), when it is an experiment. */
  experiment?: string[] | undefined;
  /** Dependant → dependency → alias (see AssetGraph.aliases). */
  aliases?: Map<string, Record<string, string>> | undefined;
}

export function pipelineFacts(result: PipelineResult): RunFacts {
  return {
    tick: result.plan.tick,
    gitSha: result.context.gitSha,
    ref: result.context.ref,
    plan: result.plan.assets,
    outcomes: result.execution.outcomes,
    latest: new Map([...result.assessment.assets].map(([name, a]) => [name, a.latest])),
    deps: result.assessment.graph.deps,
    experiment: result.experiment,
    aliases: result.assessment.graph.aliases,
  };
}

export async function buildRunReport(
  workspace: Workspace,
  facts: RunFacts,
  context: ReportContext = {},
): Promise<RunReport> {
  const { project, ledger } = workspace;
  const assets: AssetReport[] = [];
  const recordsOf = new Map<string, MaterializationRecord[]>();
  for (const name of facts.plan.keys())
    if (project.assets.has(name)) recordsOf.set(name, await ledger.materializations(name));
  // The previous version and the history chart follow this checkout's line: its environment and
  // its line of history (src/version/lineage.ts), never a dev build on another branch.
  const onLineage = await lineageFilter(workspaceLineage(workspace), [...recordsOf.values()].flat());
  for (const [name, entry] of facts.plan) {
    const spec = project.assets.get(name);
    if (!spec) continue;
    const done = facts.outcomes.get(name);
    const record = done ? done.record : facts.latest.get(name);
    const records = (recordsOf.get(name) ?? []).filter((r) => onLineage(r) || r.version === record?.version);
    const holders = aliasHolders(await ledger.aliasHistory(name));
    // A failed or skipped attempt made no version: only a fresh asset shows the version it reused.
    const previous = record ? records.filter((r) => r.version < record.version).at(-1) : records.at(-1);
    const alias = spec.promote?.alias;
    // The baseline of the promotion verdict: who held the alias before this run moved it.
    const championVersion = done?.promotion ? done.promotion.from : alias ? holders.get(alias) : undefined;
    const champion =
      championVersion === null || championVersion === undefined
        ? undefined
        : recordsOf.get(name)?.find((r) => r.version === championVersion);
    const outcome: ReportOutcome = done
      ? OUTCOMES[done.outcome]
      : entry.status === "fresh"
        ? "fresh"
        : "skipped";
    assets.push({
      name,
      outcome,
      reasons: entry.reasons,
      // Only the version this run wrote draws its training curves; kept reports stay small.
      record: done?.outcome === "success" ? record : withoutSeries(record),
      failure: done?.failure,
      error:
        done && !done.failure && (done.outcome === "failed" || done.outcome === "cancelled")
          ? done.detail
          : undefined,
      previous: withoutSeries(previous),
      champion: withoutSeries(champion),
      mergeBase: withoutSeries(
        context.mergeBase ? await context.mergeBase(name, recordsOf.get(name) ?? []) : undefined,
      ),
      history: records.slice(-HISTORY).map((r) => withoutSeries(r) as MaterializationRecord),
      aliasHolders: Object.fromEntries(holders),
      links: {
        run: context.runUrl,
        commit:
          context.repo && facts.gitSha
            ? `${context.repo.serverUrl}/${context.repo.repository}/commit/${facts.gitSha}`
            : undefined,
        log: done?.logUrl,
        artifact: record ? downloadUrl(record) : undefined,
      },
      durationMs: done?.durationMs ?? 0,
      skippedBecause:
        done?.outcome === "skipped"
          ? done.detail
          : outcome === "skipped"
            ? entry.reasons.join("; ")
            : undefined,
      metrics: spec.metrics,
      promoteAlias: alias,
    });
  }
  const edges: RunReport["edges"] = [];
  for (const [name, deps] of facts.deps)
    for (const dep of deps) edges.push({ from: dep, to: name, alias: facts.aliases?.get(name)?.[dep] });
  return {
    event: facts.tick.event,
    tick: facts.tick.now.toISOString(),
    environment: workspace.environment,
    ref: facts.ref,
    gitSha: facts.gitSha,
    pullRequest: context.pullRequest,
    repo: context.repo,
    runUrl: context.runUrl,
    experiment: facts.experiment,
    assets,
    sources: [...project.sources.keys()],
    edges,
  };
}

/** Keeps the run's report in `.kiln/reports/` (see report-history.ts). */
export async function writeRunReport(
  workspace: Workspace,
  result: PipelineResult,
  context: ReportContext = {},
): Promise<WrittenReport> {
  const report = await buildRunReport(workspace, pipelineFacts(result), context);
  return keepReport(workspace.reportsDir, report, renderReport(report, { format: "md", budget: "none" }));
}

/**
 * A record as a baseline or a point of the history chart: the report reads its metrics, never its
 * series, which can be most of its size; each run's report is kept (report-history.ts).
 */
function withoutSeries(record: MaterializationRecord | undefined): MaterializationRecord | undefined {
  return record && record.series.length > 0 ? { ...record, series: [] } : record;
}

/** Where a person downloads the version's outputs: the release asset (the model file), else the artifact. */
function downloadUrl(record: MaterializationRecord): string | undefined {
  const url = (kind: string) => record.locations.find((l) => l.kind === kind && l.url)?.url;
  return url("release") ?? url("artifact");
}
