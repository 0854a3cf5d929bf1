// Automation conditions (Dagster's declarative automation): each asset's condition tree is
// evaluated at a tick into an evaluation tree that says, at every node, true or false and why.
import type { RunAttempt } from "../domain/run-attempt.js";
import type { Condition } from "../manifest/project.js";
import { previousTick } from "./cron.js";
import { failureHolds, type HandledFailure, handledFailureFact } from "./handled.js";
import { minuteTime, type Tick } from "./tick.js";

/** What the conditions need to know of an asset; computed from its version state. */
export interface AssetFacts {
  status: "fresh" | "stale" | "missing";
  /** The code version differs from the one the asset last handled. */
  codeChanged: boolean;
  /** Dependencies whose data version differs from the one the asset last handled. */
  depsUpdated: string[];
  /** Dependencies that are assets (sources have no materializations). */
  assetDeps: string[];
  /**
   * Dependencies read through an alias (`model` → `champion` for `model@champion`): the dependant
   * reads the version the alias names, so it is ready while the alias names one, whatever the
   * dependency's own status (a model waiting for its weekly retrain, never built in dev).
   */
  aliasDeps?: Readonly<Record<string, string>> | undefined;
  /** Alias dependencies whose alias names no version yet. */
  unavailableDeps?: string[] | undefined;
  /** Stale because its version's bytes are in no store: its dependants cannot read it until rebuilt. */
  outputsLost?: boolean | undefined;
  sourceDeps: string[];
  /** When the latest successful materialization finished. */
  lastMaterializedAt?: Date | undefined;
  /** The since-point: when the asset last materialized or failed, in words for `--explain`. */
  lastHandled?: { at: Date; what: string } | undefined;
  /** The newest attempt at the current logical version failed; ticks do not retry it while it holds. */
  failure?: HandledFailure | undefined;
  /** Sources it reads whose `observe` failed, with why (and the command's stderr): it waits. */
  unavailableSources?: { source: string; why: string }[] | undefined;
}

export interface Evaluation {
  label: string;
  value: boolean;
  facts: string[];
  children: Evaluation[];
  /** A cron node: when true, a tick requests the asset (see requestedByTick). */
  cronTick?: true | undefined;
}

export interface EvaluationContext {
  asset: string;
  tick: Tick;
  facts: ReadonlyMap<string, AssetFacts>;
  /** Assets already planned in this tick (earlier in topological order). */
  planned: ReadonlySet<string>;
  /** Condition key → ISO time this asset last handled it (its cursor). */
  cursor: Readonly<Record<string, string>>;
  /** Condition key → the workflow run whose plan job wrote that cursor entry (see CursorRequest). */
  requests?: Readonly<Record<string, CursorRequest>> | undefined;
  /** The workflow run planning now, on GitHub. */
  run?: CursorRequest | undefined;
  /** Named explicitly by the user (a selection, the dispatch input). */
  selected: boolean;
}

/**
 * A cursor entry written by a workflow run's plan job, before any asset job ran: a request, not
 * yet an outcome. It handles its tick only once the asset has an outcome (a materialization or a
 * failure) at or after it, and never in the run that wrote it (a re-run is that run asking again).
 */
export type CursorRequest = RunAttempt;

export function cronKey(kind: "on_cron" | "cron", cron: string, tz: string): string {
  return `${kind}:${cron}@${tz}`;
}

const iso = minuteTime;

function node(label: string, value: boolean, facts: string[] = [], children: Evaluation[] = []): Evaluation {
  return { label, value, facts, children };
}

/** The since-point in words, shown under the triggers that count from it. */
function sinceFact(facts: AssetFacts): string {
  return facts.lastHandled
    ? `since last handled: ${facts.lastHandled.what} ${iso(facts.lastHandled.at)}`
    : "never handled";
}

/**
 * A state trigger (missing, stale, eager, on_missing) holds only while its state is unhandled: a
 * failure at this logical version handled it, until `retry-failed` says otherwise.
 */
function unhandled(ctx: EvaluationContext, facts: AssetFacts): { ok: boolean; facts: string[] } {
  if (!facts.failure) return { ok: true, facts: [] };
  return {
    ok: !failureHolds(facts.failure, ctx.tick.now),
    facts: [handledFailureFact(facts.failure, ctx.tick.now)],
  };
}

/**
 * Whether every dependency can be read in this tick: planned in it, or an alias that names a
 * version (the alias's version is read, whatever the dependency's own status), or fresh. With
 * `stalePresent` (`on_missing`'s "dependencies present", Dagster's `~any_deps_missing`), a stale
 * dependency counts too: the run reads its current version; only one never materialized blocks.
 */
function depsReady(
  ctx: EvaluationContext,
  facts: AssetFacts,
  stalePresent = false,
): { ok: boolean; facts: string[] } {
  const notes: string[] = [];
  let ok = true;
  for (const dep of facts.assetDeps) {
    const state = ctx.facts.get(dep)?.status ?? "missing";
    const alias = facts.aliasDeps?.[dep];
    if (ctx.planned.has(dep)) notes.push(`${dep} is planned in this run`);
    else if (alias !== undefined) {
      const readable = !facts.unavailableDeps?.includes(dep);
      ok &&= readable;
      notes.push(readable ? `${dep}@${alias} names a version` : `${dep}@${alias} names no version yet`);
    } else if (state === "fresh") notes.push(`${dep} is fresh`);
    else if (state === "stale" && stalePresent && !ctx.facts.get(dep)?.outputsLost)
      notes.push(`${dep} is stale: its current version is read`);
    else {
      ok = false;
      notes.push(`${dep} is ${state} and not planned`);
    }
  }
  return { ok, facts: notes };
}

/**
 * The time a cron cursor entry handled its tick, or undefined when it does not count: an entry
 * a plan job wrote for a request handles the tick only by the request's outcome.
 */
function cursorSince(
  ctx: EvaluationContext,
  facts: AssetFacts,
  key: string,
): { at?: Date | undefined; fact?: string | undefined } {
  const written = ctx.cursor[key];
  if (!written) return {};
  const at = new Date(written);
  const by = ctx.requests?.[key];
  if (!by) return { at };
  if (ctx.run && by.run === ctx.run.run)
    return {
      fact: `requested by ${by.attempt ? `attempt ${by.attempt} of ` : "an earlier attempt of "}this workflow run at ${iso(at)}: handled only by an outcome`,
    };
  if (!facts.lastHandled || facts.lastHandled.at < at)
    return {
      fact: `requested by workflow run ${by.run} at ${iso(at)}, which left no outcome for it: not handled`,
    };
  return { at };
}

function cronPassed(
  ctx: EvaluationContext,
  facts: AssetFacts,
  kind: "on_cron" | "cron",
  cron: string,
  tz: string,
) {
  const tick = previousTick(cron, tz, ctx.tick.now);
  const zone = tz === "UTC" ? "" : ` ${tz}`;
  if (!tick) return { passed: false, tick, facts: [`"${cron}"${zone} has not fired yet`] };
  // A failure whose retry is due opens the tick again: `retry-failed` is the asset asking for it.
  if (facts.failure && !failureHolds(facts.failure, ctx.tick.now))
    return {
      passed: true,
      tick,
      facts: [`last tick of "${cron}"${zone}: ${iso(tick)}`, handledFailureFact(facts.failure, ctx.tick.now)],
    };
  // Handled by the tick that requested the asset (the cursor, once the request has an outcome) or
  // by any later materialization or failure: a cron asset never built or tried runs at its first tick.
  const cursor = cursorSince(ctx, facts, cronKey(kind, cron, tz));
  const times = [cursor.at, facts.lastHandled?.at].filter((t): t is Date => t !== undefined);
  const since = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : undefined;
  return {
    passed: !since || tick > since,
    tick,
    facts: [
      `last tick of "${cron}"${zone}: ${iso(tick)}`,
      ...(cursor.fact ? [cursor.fact] : []),
      since ? `last handled ${iso(since)}` : "never handled",
    ],
  };
}

export function evaluate(condition: Condition, ctx: EvaluationContext): Evaluation {
  const facts = ctx.facts.get(ctx.asset);
  if (!facts) throw new Error(`bug: no facts for ${ctx.asset}`);
  switch (condition.kind) {
    case "missing":
    case "stale": {
      const open = unhandled(ctx, facts);
      return node(condition.kind, facts.status === condition.kind && open.ok, [
        `status: ${facts.status}`,
        ...open.facts,
      ]);
    }
    case "code_changed":
      return node("code_changed", facts.codeChanged, [
        facts.codeChanged ? "code version differs from the one last handled" : "code unchanged",
        sinceFact(facts),
      ]);
    case "deps_updated": {
      const planned = facts.assetDeps.filter((d) => ctx.planned.has(d));
      const updated = [...new Set([...facts.depsUpdated, ...planned])];
      return node("deps_updated", updated.length > 0, [
        ...(updated.length
          ? updated.map((d) => `${d} ${planned.includes(d) ? "is planned" : "has a new data version"}`)
          : ["no dependency updated"]),
        sinceFact(facts),
      ]);
    }
    case "manual":
      return node("manual", ctx.selected, [ctx.selected ? "selected explicitly" : "runs only when selected"]);
    case "eager": {
      // Stale since last handled, or a dependency runs in this tick (its data may change: early
      // cutoff skips this asset at run time if the bytes come out the same).
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      const upstreamRuns = facts.assetDeps.some((d) => ctx.planned.has(d));
      return node("eager", ((facts.status !== "fresh" && open.ok) || upstreamRuns) && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts,
      ]);
    }
    case "on_missing": {
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts, true);
      return node("on_missing", facts.status === "missing" && open.ok && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts,
      ]);
    }
    case "cron": {
      const result = cronPassed(ctx, facts, "cron", condition.cron, condition.tz);
      return {
        ...node(
          `cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`,
          result.passed,
          result.facts,
        ),
        cronTick: true,
      };
    }
    case "on_cron": {
      const label = `on_cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`;
      const result = cronPassed(ctx, facts, "on_cron", condition.cron, condition.tz);
      const tickNode = node("cron tick passed since last handled", result.passed, result.facts);
      // Every dependency has updated since that tick, or is planned in this run.
      const depFacts: string[] = [];
      let allUpdated = true;
      for (const dep of facts.assetDeps) {
        const at = ctx.facts.get(dep)?.lastMaterializedAt;
        const alias = facts.aliasDeps?.[dep];
        if (ctx.planned.has(dep)) depFacts.push(`${dep} is planned in this run`);
        else if (alias !== undefined) {
          // Read at the alias's version, as a source is read at its observed one: updated when that
          // version is new to this asset, whenever the dependency itself last materialized.
          const moved = facts.depsUpdated.includes(dep) || facts.status === "missing";
          allUpdated &&= moved;
          depFacts.push(moved ? `${dep}@${alias} has a new version` : `${dep}@${alias} unchanged`);
        } else if (at && result.tick && at >= result.tick) depFacts.push(`${dep} updated ${iso(at)}`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} not updated since the tick${at ? ` (last ${iso(at)})` : ""}`);
        }
      }
      for (const dep of facts.sourceDeps) {
        if (facts.depsUpdated.includes(dep) || facts.status === "missing")
          depFacts.push(`${dep} has a new version`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} unchanged`);
        }
      }
      const depsNode = node(
        "all dependencies updated since the tick",
        allUpdated,
        depFacts.length ? depFacts : ["no dependencies"],
      );
      // The tick requests a root asset (a daily pull: new data may be out there) and one that is
      // not fresh. A fresh asset with asset dependencies is reacting to them: if they come out of
      // this run with the bytes it last read, its version is unchanged and early cutoff keeps it
      // (a weekly model is not retrained on a snapshot pulled again with the same bytes).
      const requests = facts.assetDeps.length === 0 || facts.status !== "fresh";
      return {
        ...node(label, result.passed && allUpdated, [], [tickNode, depsNode]),
        ...(requests ? { cronTick: true as const } : {}),
      };
    }
    case "all": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "all",
        children.every((c) => c.value),
        [],
        children,
      );
    }
    case "any": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "any",
        children.some((c) => c.value),
        [],
        children,
      );
    }
    case "not": {
      const inner = evaluate(condition.of, ctx);
      return node("not", !inner.value, [], [inner]);
    }
  }
}

/**
 * Whether a true evaluation requests the asset for a reason other than staleness: a cron tick
 * that passed on a branch that made it true (`on_cron`'s only for a root asset or one not fresh
 * at the tick). Such a request runs even when the asset is fresh at run time; a reaction to
 * staleness or to its dependencies lets early cutoff skip it (the tick is then handled by that
 * "fresh" outcome).
 */
export function requestedByTick(evaluation: Evaluation): boolean {
  if (!evaluation.value || evaluation.label === "not") return false;
  return evaluation.cronTick === true || evaluation.children.some(requestedByTick);
}

/** Whether the condition can request the asset through `on_missing` (anywhere but under `not`). */
export function usesOnMissing(condition: Condition): boolean {
  switch (condition.kind) {
    case "on_missing":
      return true;
    case "all":
    case "any":
      return condition.of.some(usesOnMissing);
    default:
      return false;
  }
}

/** The cron conditions of a tree, for cursors. */
export function cronConditions(
  condition: Condition,
): { kind: "on_cron" | "cron"; cron: string; tz: string }[] {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return [{ kind: condition.kind, cron: condition.cron, tz: condition.tz }];
    case "all":
    case "any":
      return condition.of.flatMap(cronConditions);
    case "not":
      return cronConditions(condition.of);
    default:
      return [];
  }
}
