// Plans one tick: walks the assets in topological order and decides, for each, whether it runs and
// why. An asset planned upstream counts as "planned in this run" for its dependants. The cursors
// to record once the plan is carried out come out alongside, so planning the same tick twice (a
// schedule event GitHub delivers late or twice) plans nothing the second time.
import type { Condition } from "../manifest/project.js";
import {
  type AssetFacts,
  type CursorRequest,
  cronConditions,
  cronKey,
  type Evaluation,
  evaluate,
  requestedByTick,
} from "./conditions.js";
import { failureHolds, notRetriedMessage } from "./handled.js";
import type { Tick } from "./tick.js";

/** The verdict of a stale asset that does not run on pull requests; heldBack reads it back. */
const PULL_REQUESTS_OFF = "pull-requests: false";

export type { CursorRequest } from "./conditions.js";

export interface PlanAssetInput {
  name: string;
  condition: Condition;
  pullRequests: boolean;
  /** The stale causes, in words. */
  reasons: string[];
  /**
   * On a pull request's tick, whether the pull request changes a file the asset reads or its
   * definition; undefined when that cannot be told (every stale asset then counts as changed).
   */
  changedByPullRequest?: boolean | undefined;
}

export interface TickPlanInput {
  /** Assets in topological order. */
  assets: readonly PlanAssetInput[];
  facts: ReadonlyMap<string, AssetFacts>;
  /** asset → condition key → ISO time last handled. */
  cursors: Readonly<Record<string, Record<string, string>>>;
  /** asset → condition key → the workflow run whose plan job wrote that entry (a request). */
  requests?: Readonly<Record<string, Record<string, CursorRequest>>> | undefined;
  /** The workflow run planning now, on GitHub: its own requests do not handle its ticks. */
  run?: CursorRequest | undefined;
  tick: Tick;
  selection: ReadonlySet<string>;
  /** The user named the assets: each is a request, run whatever its condition and state. */
  explicit: boolean;
  force: boolean;
  /** A pull request's base branch, named in the verdict of what the pull request does not change. */
  pullRequestBase?: string | undefined;
}

export interface PlannedAsset {
  status: AssetFacts["status"];
  run: boolean;
  /**
   * Runs for a reason other than staleness (a cron tick, a selection, `force`): it materializes
   * even when a record with its logical version exists at run time. Otherwise early cutoff may
   * find it fresh once its upstream ran, and skip it.
   */
  request: boolean;
  reasons: string[];
  evaluation?: Evaluation | undefined;
  /**
   * The dependencies it waits for and that do not run at this tick (never built, or no version
   * under the alias it reads): building them first (`kiln run +ASSET`) lets it run.
   */
  waitingOn?: string[] | undefined;
}

export interface TickPlan {
  assets: Map<string, PlannedAsset>;
  /** The cursors after this tick: the stored ones with the planned assets' entries moved. */
  cursors: Record<string, Record<string, string>>;
  /**
   * Only the entries this tick moved (per planned asset, each cron key → the tick's time): what a
   * commit writes, onto the cursor as it is then (another run may have moved other entries).
   */
  moved: Record<string, Record<string, string>>;
}

export function planTick(input: TickPlanInput): TickPlan {
  const { tick } = input;
  const assets = new Map<string, PlannedAsset>();
  const planned = new Set<string>();
  const cursors: Record<string, Record<string, string>> = structuredClone({ ...input.cursors });
  const moved: Record<string, Record<string, string>> = {};

  const { changed, rebuild } = changedAndRebuilt(input);
  for (const asset of input.assets) {
    if (!input.selection.has(asset.name)) continue;
    const facts = input.facts.get(asset.name)!;
    const decide = (run: boolean, reasons: string[], evaluation?: Evaluation, request = false) => {
      assets.set(asset.name, {
        status: facts.status,
        run,
        request: run && request,
        reasons,
        evaluation,
      });
      if (!run) return;
      planned.add(asset.name);
      // The cron conditions of a planned asset have handled this tick.
      for (const c of cronConditions(asset.condition)) {
        const key = cronKey(c.kind, c.cron, c.tz);
        cursors[asset.name] = { ...cursors[asset.name], [key]: tick.now.toISOString() };
        moved[asset.name] = { ...moved[asset.name], [key]: tick.now.toISOString() };
      }
    };

    // Without a source's version the asset has no logical version: it waits, whatever asked for it.
    if (facts.unavailableSources?.length) {
      decide(
        false,
        facts.unavailableSources.map((u) => `waiting: ${u.why}`),
      );
      continue;
    }
    // A dependency that was never built (or whose alias names no version) and is not planned now
    // cannot be read: wait for it.
    // A dependency read through an alias is read at the alias's version: its own status is no matter.
    const unbuilt = facts.assetDeps.filter(
      (d) =>
        facts.aliasDeps?.[d] === undefined && input.facts.get(d)?.status === "missing" && !planned.has(d),
    );
    const unpromoted = (facts.unavailableDeps ?? []).filter((d) => !unbuilt.includes(d) && !planned.has(d));
    const waiting = [...unbuilt, ...unpromoted];
    const waitingFor = [
      ...(unbuilt.length ? [`dependency ${unbuilt.join(", ")} has never been materialized`] : []),
      ...unpromoted.map((d) =>
        facts.aliasDeps?.[d] !== undefined
          ? `dependency ${d} has no ${facts.aliasDeps[d]} yet`
          : `dependency ${d} has no version under the alias ${asset.name} reads yet`,
      ),
    ].join("; ");
    const waitFor = (reasons: string[], evaluation?: Evaluation) => {
      decide(false, reasons, evaluation);
      assets.get(asset.name)!.waitingOn = waiting;
    };
    if (input.force) {
      if (waiting.length) waitFor([`waiting: ${waitingFor}; run \`kiln run +${asset.name}\``]);
      else decide(true, ["forced", ...asset.reasons], undefined, true);
      continue;
    }
    const evaluation = evaluate(asset.condition, {
      asset: asset.name,
      tick,
      facts: input.facts,
      planned,
      cursor: input.cursors[asset.name] ?? {},
      requests: input.requests?.[asset.name],
      run: input.run,
      selected: input.explicit,
    });
    if (waiting.length) {
      waitFor([`waiting: ${waitingFor}`, ...asset.reasons], evaluation);
      continue;
    }
    if (tick.event === "pull_request") {
      if (!asset.pullRequests) decide(false, [PULL_REQUESTS_OFF, ...asset.reasons], evaluation);
      else if (facts.status === "fresh") decide(false, ["fresh"], evaluation);
      else if (failureHolds(facts.failure, tick.now))
        decide(false, [notRetriedMessage(asset.name, facts.failure!)], evaluation);
      else {
        // A dependency that is stale and does not run here cannot be read: the step would fail
        // ("dependency model is stale"), turning an opt-out or a handled failure upstream into a
        // new failure of its dependant on every push to the pull request. It waits instead, as
        // for a dependency never built.
        const held = heldBack(facts, input.facts, planned, assets, input.selection);
        if (held.length > 0)
          decide(false, [...held.map((h) => `waiting: ${h}`), ...asset.reasons], evaluation);
        else if (input.explicit || changed.has(asset.name) || rebuild.has(asset.name))
          decide(true, asset.reasons, evaluation);
        // Stale for the base's own reasons (new data there, a weekly model waiting for its tick):
        // the pull request takes the base's verdict, and trains it only when the base would now.
        else if (evaluation.value)
          decide(
            true,
            [...asset.reasons, `automation: ${summary(evaluation)}`],
            evaluation,
            requestedByTick(evaluation),
          );
        else
          decide(
            false,
            [
              `this pull request changes nothing ${asset.name} reads; as on ${input.pullRequestBase ?? "its base branch"}, automation: ${summary(evaluation)} is false`,
              ...asset.reasons,
            ],
            evaluation,
          );
      }
      continue;
    }
    if (input.explicit) {
      // A selection is a request: it runs a fresh asset again and retries a handled failure.
      decide(true, ["selected", ...asset.reasons], evaluation, true);
      continue;
    }
    if (facts.status === "fresh" && !evaluation.value) {
      decide(false, ["fresh"], evaluation);
      continue;
    }
    if (evaluation.value) {
      const request = requestedByTick(evaluation);
      decide(true, [...asset.reasons, `automation: ${summary(evaluation)}`], evaluation, request);
    } else if (failureHolds(facts.failure, tick.now)) {
      decide(false, [notRetriedMessage(asset.name, facts.failure!)], evaluation);
    } else decide(false, [`automation: ${summary(evaluation)} is false`, ...asset.reasons], evaluation);
  }
  return { assets, cursors, moved };
}

/**
 * On a pull request's tick: the assets it changes, by their own files or definition or through a
 * dependency it changes (selected or not); and those it must rebuild although it does not change
 * them: their outputs are not to be had in this checkout (another branch's cache, say) and a
 * changed asset that runs here reads them. Outside pull requests, both are empty.
 */
function changedAndRebuilt(input: TickPlanInput): { changed: Set<string>; rebuild: Set<string> } {
  const changed = new Set<string>();
  const rebuild = new Set<string>();
  if (input.tick.event !== "pull_request") return { changed, rebuild };
  for (const asset of input.assets)
    if (
      asset.changedByPullRequest !== false ||
      input.facts.get(asset.name)?.assetDeps.some((dep) => changed.has(dep))
    )
      changed.add(asset.name);
  for (const asset of [...input.assets].reverse()) {
    const facts = input.facts.get(asset.name);
    if (!facts || !input.selection.has(asset.name) || facts.status === "fresh" || !asset.pullRequests)
      continue;
    if (!input.explicit && !changed.has(asset.name) && !rebuild.has(asset.name)) continue;
    for (const dep of facts.assetDeps)
      if (facts.aliasDeps?.[dep] === undefined && input.facts.get(dep)?.outputsLost) rebuild.add(dep);
  }
  return { changed, rebuild };
}

/**
 * On a pull request, why each stale dependency of an asset that does not run in this plan holds
 * it back (read through an alias, a dependency is read at the alias's version: no matter).
 */
function heldBack(
  facts: AssetFacts,
  all: ReadonlyMap<string, AssetFacts>,
  planned: ReadonlySet<string>,
  decided: ReadonlyMap<string, PlannedAsset>,
  selection: ReadonlySet<string>,
): string[] {
  const held: string[] = [];
  for (const dep of facts.assetDeps) {
    if (planned.has(dep) || facts.aliasDeps?.[dep] !== undefined) continue;
    const state = all.get(dep);
    if (!state || state.status === "fresh") continue;
    const entry = decided.get(dep);
    const why = !selection.has(dep)
      ? "it is not in the selection"
      : entry?.reasons[0] === PULL_REQUESTS_OFF
        ? PULL_REQUESTS_OFF
        : state.failure && entry?.reasons[0] === notRetriedMessage(dep, state.failure)
          ? "it failed at this version and is not retried automatically"
          : entry?.reasons[0];
    held.push(
      why === PULL_REQUESTS_OFF
        ? `dependency ${dep} is ${state.status} and does not run on pull requests (pull-requests: false)`
        : `dependency ${dep} is ${state.status} and does not run on this pull request${why ? ` (${why})` : ""}`,
    );
  }
  return held;
}

/** A one-line name of a condition tree: `eager`, `any(on_cron "17 3 * * 1" Europe/Berlin, on_missing)`. */
export function summary(evaluation: Evaluation): string {
  if (["all", "any", "not"].includes(evaluation.label))
    return `${evaluation.label}(${evaluation.children.map(summary).join(", ")})`;
  return evaluation.label;
}
