// The local parallel executor: runs the planned assets in dependency order with N workers.
// After each upstream finishes, its dependants are assessed again with the new data version, so an
// upstream that produced identical bytes lets them stay fresh (early cutoff, as in DVC and Bazel).
// A failure skips only its dependants; cancellation stops the running steps and starts nothing new.
import path from "node:path";
import { kilnDir } from "../paths/kiln-dir.js";
import { dependencyRef, type Project } from "../manifest/project.js";
import {
  type FailureRecord,
  isExperiment,
  type MaterializationRecord,
  type Provenance,
  type RunContext,
} from "../domain/records.js";
import type { RunOverrides } from "../manifest/overrides.js";
import type { Ledger } from "../ledger/ledger.js";
import type { StoreChain } from "../store/chain.js";
import type { FailedAtVersion, VersionAt } from "../version/status.js";
import { AfterRecordError, materialize } from "./materialize.js";
import { withAssetLock } from "../paths/workspace-lock.js";
import type { PromotionOutcome } from "./promote.js";
import type { ProgressReporter } from "./progress.js";
import { dependencyRecord } from "../version/dependency-record.js";
import { restoreOutputs } from "./restore.js";
import { DependencyViews } from "./dependency-views.js";
import { stepSpawner } from "./step-spawner.js";
import { knownSecretsMasker, stepBaseEnvironment } from "./step-environment.js";
import { declaredSecrets } from "../manifest/project.js";

/** What the executor needs to know of an asset's version state. */
export interface Assessment {
  status: "fresh" | "stale" | "missing";
  reasons: string[];
  /** Undefined while an upstream is stale or missing (its data version is not known yet). */
  logicalVersion?: string | undefined;
  provenance?: Provenance | undefined;
  /** The provenance but its dependencies: what a failure before the version is known records. */
  base: Omit<Provenance, "deps">;
  /**
   * The record this checkout continues from: the fresh version's when fresh, else the newest on
   * its line of history (a stale asset's baseline); none when never materialized.
   */
  latest?: MaterializationRecord | undefined;
  /** The newest attempt at this logical version failed. */
  failedAtVersion?: FailedAtVersion | undefined;
  /** Built from uncommitted changes: the record gets `context.dirty`. */
  dirty?: boolean | undefined;
}

export type Outcome = "success" | "failed" | "cancelled" | "skipped" | "fresh";

export interface AssetOutcome {
  asset: string;
  outcome: Outcome;
  /** Why it ran, or why it did not. */
  reasons: string[];
  detail: string;
  record?: MaterializationRecord | undefined;
  failure?: FailureRecord | undefined;
  promotion?: PromotionOutcome | undefined;
  logFile?: string | undefined;
  durationMs: number;
}

export interface ExecuteOptions {
  project: Project;
  environment: string;
  /** Topological order of the assets to consider. */
  order: readonly string[];
  /** Assets the plan runs, with the reasons. */
  planned: ReadonlyMap<string, string[]>;
  assessments: ReadonlyMap<string, Assessment>;
  /** Assesses an asset again, given the current data version of each of its dependencies. */
  reassess(asset: string, dependencyDataVersions: Record<string, string>): Promise<Assessment>;
  /**
   * The version an asset runs at, given its dependencies' data versions: what an asset that runs
   * anyway (a request) needs, without reassessing whether it is fresh.
   */
  versionAt(asset: string, dependencyDataVersions: Record<string, string>): VersionAt;
  /** Data versions of sources and of assets not run in this run, by name. */
  dataVersions: ReadonlyMap<string, string>;
  ledger: Ledger;
  stores: StoreChain;
  context: RunContext;
  /** Why promotion is off for an asset in this run, or undefined when allowed. */
  promotionBlocker(asset: string): string | undefined;
  /**
   * Planned assets that run even when fresh at run time: requests (a cron tick, a selection,
   * `force`). The others were planned because they were stale; early cutoff may skip them.
   */
  requested: ReadonlySet<string>;
  /**
   * Assets other jobs of this run were to build (a leg of a layer workflow: the plan job's "run"
   * list). One that is not fresh when a dependant starts failed or was skipped there: the dependant
   * is skipped too, as GitHub skips a job whose needs failed. One that stopped at early cutoff is
   * fresh, and its dependants go on.
   */
  runElsewhere?: ReadonlySet<string> | undefined;
  /**
   * Of those, the ones that failed there or were held back by such a failure (see
   * action/upstream-gate.ts): their dependants are skipped even when an older version of theirs is
   * fresh, as a local run skips the dependants of a failed asset.
   */
  heldBackElsewhere?: ReadonlySet<string> | undefined;
  /**
   * Dependencies an asset reads at their current version although they are not fresh and do not
   * run in this run: `on_missing` builds on dependencies that are present, stale or not.
   */
  readCurrent?: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /**
   * Why an asset that is not requested must not run at its logical version (a handled failure:
   * `kiln run model` retries), or undefined. Asked after early cutoff, when the version is known.
   */
  notRetried?(asset: string, assessment: Assessment): string | undefined;
  /**
   * Run config set at run time: the overridden assets, and every asset that reads an experiment's
   * output in this run, are recorded as experiments and never promoted.
   */
  overrides?: RunOverrides | undefined;
  jobs: number;
  reporter: ProgressReporter;
  runsDir: string;
  signal?: AbortSignal | undefined;
  baseEnv?: NodeJS.ProcessEnv | undefined;
  now?: () => Date;
}

export interface ExecuteResult {
  outcomes: Map<string, AssetOutcome>;
  cancelled: boolean;
}

export async function execute(options: ExecuteOptions): Promise<ExecuteResult> {
  const { project, planned, reporter } = options;
  const now = options.now ?? (() => new Date());
  const outcomes = new Map<string, AssetOutcome>();
  const current = new Map<string, MaterializationRecord>();
  const views = new DependencyViews();
  for (const [name, assessment] of options.assessments)
    if (assessment.latest) current.set(name, assessment.latest);
  const dataVersions = new Map(options.dataVersions);

  const queue = options.order.filter((name) => planned.has(name));
  // Once per run, not per asset (see MaterializeRequest.stepBaseEnv and knownSecrets), and not at
  // all by a run with nothing to do: reading the whole environment is slow.
  const secretSources = queue.length > 0 ? declaredSecrets(project) : undefined;
  const stepBaseEnv = secretSources && stepBaseEnvironment(options.baseEnv ?? process.env, secretSources);
  const knownSecrets = secretSources && knownSecretsMasker(options.baseEnv ?? process.env, secretSources);
  // The step spawner's start-up (a Node process) overlaps the first materialization's preparation.
  if (queue.length > 0) stepSpawner().warm();
  const stepLane = stepSpawner().lane(options.jobs);
  for (const name of queue)
    reporter.update({ asset: name, state: "queued", detail: planned.get(name)!.join("; ") });
  const running = new Map<string, Promise<void>>();

  const finish = (outcome: AssetOutcome, logFile?: string) => {
    outcomes.set(outcome.asset, outcome);
    reporter.update({ asset: outcome.asset, state: outcome.outcome, detail: outcome.detail, logFile });
  };
  /** A cancel came before the asset's step started: nothing ran, nothing is recorded. */
  const notStarted = (name: string, why = "") =>
    finish({
      asset: name,
      outcome: "cancelled",
      reasons: planned.get(name)!,
      detail: `not started: the run was cancelled${why}`,
      durationMs: 0,
    });

  /** How a dependency planned in this run ended without a version: "failed", "was skipped". */
  const notMaterialized = (dep: string): string | undefined => {
    const done = outcomes.get(dep);
    if (done && (done.outcome === "failed" || done.outcome === "cancelled" || done.outcome === "skipped"))
      return done.outcome === "skipped" ? "was skipped" : done.outcome;
    return undefined;
  };
  const blockedBy = (name: string): string | undefined => {
    const asset = project.assets.get(name)!;
    for (const dep of asset.deps) {
      // A dependency on an alias reads the version the alias names, which a failed or skipped run
      // of the dependency leaves as it was: it blocks only while the alias names none (attemptOne).
      if (asset.depAliases[dep] !== undefined) continue;
      const ended = notMaterialized(dep);
      if (ended) return `dependency ${dep} ${ended}`;
    }
    return undefined;
  };
  const ready = (name: string) =>
    project.assets
      .get(name)!
      .deps.every((dep) => !planned.has(dep) || (outcomes.has(dep) && !running.has(dep)));

  // An experiment: the asset's own config was set at run time, or it reads an experiment's output.
  const experimentOf = (name: string, deps: readonly MaterializationRecord[]) => {
    const overrides = options.overrides;
    if (!overrides || overrides.texts.length === 0) return undefined;
    if (!overrides.byAsset.has(name) && !deps.some(isExperiment)) return undefined;
    return { overrides: overrides.texts };
  };

  /**
   * Records a failure the executor decided itself (a dependency it cannot read, an error of Kiln's
   * own before the version was recorded) as a step's failure is recorded, so `kiln history`, `kiln
   * show`, the site and alerts see it, not only this run's outcome. It is at the version the asset
   * was to run at when that was known; otherwise at none (an empty logical version, the known
   * dependencies only), which no version ever matches, so once the dependency is there the
   * failure holds no retry back (automation/handled.ts) and counts it as a dependency update.
   */
  const failDecided = async (name: string, attempt: Attempt, detail: string): Promise<void> => {
    const asset = project.assets.get(name)!;
    const reasons = planned.get(name)!;
    const assessment = attempt.assessment ?? options.assessments.get(name)!;
    const known = attempt.assessment?.logicalVersion && attempt.assessment.provenance;
    const deps: Record<string, string> = {};
    for (const [dep, version] of Object.entries(attempt.depVersions))
      deps[dependencyRef(asset, dep)] = version;
    const experiment = experimentOf(name, attempt.depRecords);
    const finished = now();
    let failure: FailureRecord | undefined;
    let note = "";
    try {
      failure = await options.ledger.recordFailure({
        asset: name,
        status: "failed",
        logicalVersion: known ? attempt.assessment!.logicalVersion! : "",
        provenance: known ? attempt.assessment!.provenance! : { ...assessment.base, deps },
        error: detail,
        logTail: [],
        checks: [],
        metrics: {},
        reasons,
        context: {
          ...options.context,
          ...(assessment.dirty ? { dirty: true } : {}),
          ...(experiment ? { experiment } : {}),
        },
        startedAt: new Date(attempt.started).toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: finished.getTime() - attempt.started,
        attempts: 0,
      });
    } catch (error) {
      note = ` (the failure could not be recorded in the ledger: ${error instanceof Error ? error.message : String(error)})`;
    }
    finish({
      asset: name,
      outcome: "failed",
      reasons,
      detail: `${detail}${note}`,
      failure,
      durationMs: finished.getTime() - attempt.started,
    });
  };

  /**
   * One asset's attempt. An error outside the step (a ledger push refused, a full disk, a lock
   * folder that cannot be made) fails this asset with its message, recorded as its failure unless
   * the version was already recorded (see AfterRecordError: its record tells the rest).
   */
  const runOne = async (name: string): Promise<void> => {
    const attempt: Attempt = { started: now().getTime(), depVersions: {}, depRecords: [] };
    try {
      await attemptOne(name, attempt);
    } catch (error) {
      if (outcomes.has(name)) return;
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof AfterRecordError)) return failDecided(name, attempt, message);
      finish({ asset: name, outcome: "failed", reasons: planned.get(name)!, detail: message, durationMs: 0 });
    }
  };

  const attemptOne = async (name: string, attempt: Attempt): Promise<void> => {
    const asset = project.assets.get(name)!;
    const reasons = planned.get(name)!;
    const started = attempt.started;
    const { depVersions, depRecords } = attempt;
    for (const dep of asset.deps) {
      if (asset.depAliases[dep] !== undefined) {
        // The version the alias names now: a promotion earlier in this run moves it.
        const read = await dependencyRecord({ ledger: options.ledger, asset, dep, current: undefined });
        // Nothing to read because the dependency's own run in this run failed or was skipped (here
        // or, in a layer workflow, in another job): skipped as any dependant of a failure is, not
        // failed for want of a promotion that run never had the chance to make. Worded as the
        // skips of a plain dependency are, each followed by why the alias did not help.
        if (!read.ok) {
          const ended = notMaterialized(dep);
          const elsewhere =
            options.heldBackElsewhere?.has(dep) ||
            (dataVersions.get(dep) === undefined && options.runElsewhere?.has(dep));
          if (ended || elsewhere) {
            const why = read.reason.replace(/^dependency /, "");
            finish({
              asset: name,
              outcome: "skipped",
              reasons,
              detail: ended
                ? `skipped: dependency ${dep} ${ended}, and ${why}`
                : `${ranElsewhereDetail(dep)}, and ${why}`,
              durationMs: 0,
            });
            return;
          }
          await failDecided(
            name,
            attempt,
            `${read.reason}: promote a version of ${dep} (\`kiln promote ${dep} vN\`) or let a better one win`,
          );
          return;
        }
        depVersions[dep] = read.record.dataVersion;
        depRecords.push(read.record);
        continue;
      }
      const version = dataVersions.get(dep);
      if (options.heldBackElsewhere?.has(dep) || (version === undefined && options.runElsewhere?.has(dep))) {
        finish({
          asset: name,
          outcome: "skipped",
          reasons,
          detail: ranElsewhereDetail(dep),
          durationMs: 0,
        });
        return;
      }
      const present =
        version === undefined && options.readCurrent?.get(name)?.has(dep) ? current.get(dep) : undefined;
      if (present) {
        depVersions[dep] = present.dataVersion;
        depRecords.push(present);
        continue;
      }
      if (version === undefined) {
        // A dependency without a data version here is a source whose observe failed, or an asset
        // that is not fresh: never built, or built but stale (its bytes lost, its code changed)
        // and not run in this run (an asset job runs only what the plan job gave it).
        const stale = options.assessments.get(dep);
        await failDecided(
          name,
          attempt,
          project.sources.has(dep)
            ? `source ${dep} is unavailable: its observe command failed (see \`kiln status\`)`
            : stale?.latest
              ? `dependency ${dep} is ${stale.status} (${stale.reasons.join("; ")}): run \`kiln run +${name}\` to build it first`
              : `dependency ${dep} has never been materialized: run \`kiln run +${name}\` to build it first`,
        );
        return;
      }
      depVersions[dep] = version;
      const record = current.get(dep);
      if (record && project.assets.has(dep)) depRecords.push(record);
    }
    const requested = options.requested.has(name);
    // A request runs whatever its state: only its version is worked out, and nothing is read for it.
    const atPlan = options.assessments.get(name)!;
    const assessment: Assessment = requested
      ? { status: atPlan.status, reasons: atPlan.reasons, ...options.versionAt(name, depVersions) }
      : await options.reassess(name, depVersions);
    attempt.assessment = assessment;
    if (!requested && assessment.status === "fresh" && assessment.latest) {
      const restored = await restoreOutputs(project.root, [assessment.latest], options.stores);
      finish({
        asset: name,
        outcome: "fresh",
        reasons,
        detail: `fresh at v${assessment.latest.version}: upstream data unchanged (early cutoff)${
          !restored.ok
            ? `; its outputs were not restored here: ${restored.error}`
            : restored.restored.length
              ? `; restored ${restored.restored.length} output(s) from ${restored.from.join(", ")}`
              : ""
        }`,
        record: assessment.latest,
        durationMs: now().getTime() - started,
      });
      // Its dependants run on this version: its record is the one they restore and record.
      current.set(name, assessment.latest);
      dataVersions.set(name, assessment.latest.dataVersion);
      return;
    }
    // Upstream produced the bytes a failed attempt already read: nothing changed since it failed.
    const held = requested ? undefined : options.notRetried?.(name, assessment);
    if (held) {
      finish({ asset: name, outcome: "skipped", reasons, detail: held, durationMs: 0 });
      return;
    }
    const { logicalVersion, provenance } = assessment;
    if (!logicalVersion || !provenance) {
      throw new Error(`bug: ${name} has no logical version although every dependency has a data version`);
    }
    const experiment = experimentOf(name, depRecords);
    let shownRunning = false;
    // Its dependencies' outputs hold the versions it reads from its restore until its step ends:
    // a dependant in flight that reads another version of one of them waits (dependency-views.ts).
    const release = await views.hold(new Map(depRecords.map((r) => [r.asset, r.dataVersion])), {
      signal: options.signal,
      onWait: (dep) =>
        reporter.update({
          asset: name,
          state: "queued",
          detail: `waits while another asset reads a different version of ${dep}`,
        }),
    });
    if (!release) return notStarted(name);
    // Another `kiln run` in this checkout may be materializing the same asset: its step rewrites
    // the same output files, so this one waits for it (workspace-lock.ts).
    const locked = await withAssetLock(
      path.join(kilnDir(project.root), "locks", project.name),
      name,
      () =>
        materialize({
          project,
          asset,
          environment: options.environment,
          logicalVersion,
          provenance,
          reasons,
          dependencies: depRecords,
          ledger: options.ledger,
          stores: options.stores,
          context: {
            ...options.context,
            ...(assessment.dirty ? { dirty: true } : {}),
            ...(experiment ? { experiment } : {}),
          },
          promotionBlocker: experiment
            ? `experiments never promote (config set for this run: ${experiment.overrides.join(" ")})`
            : options.promotionBlocker(name),
          runsDir: options.runsDir,
          stepLane,
          // Shown as running once its step has started, not while it waits for its turn.
          onStepStart: () => {
            if (!shownRunning) reporter.update({ asset: name, state: "running", detail: reasons.join("; ") });
            shownRunning = true;
          },
          signal: options.signal,
          onLine: (line) => reporter.line(name, line),
          onProgress: (text) => reporter.progress(name, text),
          baseEnv: options.baseEnv,
          stepBaseEnv,
          knownSecrets,
          now,
        }),
      {
        holder: "run",
        onWait: (message) => reporter.update({ asset: name, state: "queued", detail: message }),
        signal: options.signal,
      },
    ).finally(release);
    // The holder may be a `kiln pull` as well as another run.
    if (locked === undefined)
      return notStarted(name, ` while it waited for ${name}'s lock in this workspace`);
    const result = locked;
    // Its time is its own: not the wait for a turn (`-j`) while it was prepared ahead.
    const durationMs = now().getTime() - started - (result.waitedMs ?? 0);
    if (result.status === "not-started")
      return result.reason
        ? finish({
            asset: name,
            outcome: "cancelled",
            reasons,
            detail: `not started: ${result.reason}; nothing was recorded, so the next run runs it`,
            durationMs: 0,
          })
        : notStarted(name);
    if (result.status === "success") {
      current.set(name, result.record);
      dataVersions.set(name, result.record.dataVersion);
      const promotion = result.promotion;
      const promoted = promotion?.moved ? `; ${promotion.verdict.alias} → v${result.record.version}` : "";
      finish(
        {
          asset: name,
          outcome: "success",
          reasons,
          detail: `v${result.record.version}${promoted}`,
          record: result.record,
          promotion,
          logFile: result.logFile,
          durationMs,
        },
        result.logFile,
      );
    } else {
      finish(
        {
          asset: name,
          outcome: result.status,
          reasons,
          detail: result.failure.error,
          failure: result.failure,
          logFile: result.logFile,
          durationMs,
        },
        result.logFile,
      );
    }
  };

  // `-j N` bounds the steps running at once: the spawner starts each step when one of the run's N
  // places is free (its lane), the next as soon as one ends. Kiln's own work around a step
  // (restoring inputs, storing outputs, writing the record, its sync to disk) runs beside the other
  // steps, so more materializations may be in flight, preparing or finishing (their steps handed to
  // the spawner, waiting their turn), while N steps run: at least N, and at least PREPARED_AHEAD,
  // so that the lane always has a step ready while others wait for their record's sync (with one
  // in reserve at -j 1, a step of a few milliseconds waited for the previous record's fsync).
  // A step that waits for its turn has touched nothing of its own yet (its outputs are cleared when
  // it starts) and is withdrawn on a cancel; the dependency versions it restored stay as they are
  // until its step ends (dependency-views.ts), so preparing ahead changes no outcome.
  const jobs = Math.max(1, options.jobs);
  const inFlight = jobs + Math.max(jobs, PREPARED_AHEAD);
  const pending = [...queue];
  while (pending.length > 0 || running.size > 0) {
    if (options.signal?.aborted) {
      for (const name of pending.splice(0)) notStarted(name);
    }
    for (let i = 0; i < pending.length && running.size < inFlight; ) {
      const name = pending[i]!;
      if (!ready(name)) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      const blocked = blockedBy(name);
      if (blocked) {
        finish({
          asset: name,
          outcome: "skipped",
          reasons: planned.get(name)!,
          detail: `skipped: ${blocked}`,
          durationMs: 0,
        });
        continue;
      }
      // runOne turns every error into this asset's outcome (see there): the other running steps
      // finish and are recorded as usual.
      const task = runOne(name).finally(() => running.delete(name));
      running.set(name, task);
    }
    if (running.size === 0) {
      if (pending.length > 0) throw new Error(`bug: nothing runnable among ${pending.join(", ")}`);
      break;
    }
    await Promise.race(running.values());
  }
  reporter.close();
  return { outcomes, cancelled: options.signal?.aborted ?? false };
}

/** Why a layer leg skips: a dependency another job of the run was to build has no version from it. */
function ranElsewhereDetail(dep: string): string {
  return `its dependency ${dep} was to run in this run but did not materialize (it failed or was skipped)`;
}

/** Materializations prepared or finishing beside the running steps, at least (see execute). */
const PREPARED_AHEAD = 8;

/** What is known of one asset's attempt as it goes: enough to record its failure at any point. */
interface Attempt {
  started: number;
  /** Data versions of the dependencies read so far, by dependency name. */
  depVersions: Record<string, string>;
  depRecords: MaterializationRecord[];
  /** Its assessment at run time, once every dependency's data version is known. */
  assessment?: Assessment | undefined;
}
