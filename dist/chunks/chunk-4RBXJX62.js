import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  previousTick
} from "./chunk-ME3GNNNO.js";
import {
  minuteTime
} from "./chunk-YCJ7GVD5.js";
import {
  backoffDelay
} from "./chunk-NIANUAGP.js";
import {
  RECORD_SCHEMA
} from "./chunk-WIFSPINL.js";

// src/automation/handled.ts
var MAX_BACKOFF_MS = 7 * 864e5;
function retryAt(at, failures, retryFailedMs) {
  if (retryFailedMs === void 0) return void 0;
  const wait = backoffDelay(failures, retryFailedMs, Math.max(retryFailedMs, MAX_BACKOFF_MS));
  return new Date(at.getTime() + wait);
}
function failureHolds(failure, now) {
  if (!failure) return false;
  return failure.retryAt === void 0 || now < failure.retryAt;
}
function notRetriedMessage(asset, failure) {
  const retry = failure.retryAt ? `; retry-failed retries it after ${minuteTime(failure.retryAt)}` : "";
  return `${asset} failed at this version on ${minuteTime(failure.at)} (${failure.error}); not retried automatically${retry} \u2014 \`kiln run ${asset}\` retries`;
}
function handledFailureFact(failure, now) {
  if (failureHolds(failure, now))
    return `failed at this version on ${minuteTime(failure.at)}: handled, not retried`;
  return `failed at this version on ${minuteTime(failure.at)}: retry-failed is due (${minuteTime(failure.retryAt)})`;
}
function repeatsEarlierFailure(failure, failures, materializations) {
  if (failure.logicalVersion === "") return false;
  const lastSuccess = materializations.map((m) => m.finishedAt).filter((at) => at < failure.startedAt).sort().at(-1);
  return failures.some(
    (f) => f.startedAt !== failure.startedAt && f.status === "failed" && f.logicalVersion === failure.logicalVersion && f.finishedAt <= failure.startedAt && (lastSuccess === void 0 || f.finishedAt > lastSuccess)
  );
}

// src/automation/conditions.ts
function cronKey(kind, cron, tz) {
  return `${kind}:${cron}@${tz}`;
}
var iso = minuteTime;
function node(label, value, facts = [], children = []) {
  return { label, value, facts, children };
}
function sinceFact(facts) {
  return facts.lastHandled ? `since last handled: ${facts.lastHandled.what} ${iso(facts.lastHandled.at)}` : "never handled";
}
function unhandled(ctx, facts) {
  if (!facts.failure) return { ok: true, facts: [] };
  return {
    ok: !failureHolds(facts.failure, ctx.tick.now),
    facts: [handledFailureFact(facts.failure, ctx.tick.now)]
  };
}
function depsReady(ctx, facts) {
  const notes = [];
  let ok = true;
  for (const dep of facts.assetDeps) {
    const state = ctx.facts.get(dep)?.status ?? "missing";
    if (ctx.planned.has(dep)) notes.push(`${dep} is planned in this run`);
    else if (state === "fresh") notes.push(`${dep} is fresh`);
    else {
      ok = false;
      notes.push(`${dep} is ${state} and not planned`);
    }
  }
  return { ok, facts: notes };
}
function cronPassed(ctx, facts, kind, cron, tz) {
  const tick = previousTick(cron, tz, ctx.tick.now);
  const zone = tz === "UTC" ? "" : ` ${tz}`;
  if (!tick) return { passed: false, tick, facts: [`"${cron}"${zone} has not fired yet`] };
  const cursor = ctx.cursor[cronKey(kind, cron, tz)];
  const times = [cursor ? new Date(cursor) : void 0, facts.lastHandled?.at].filter(
    (t) => t !== void 0
  );
  const since = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : void 0;
  return {
    passed: !since || tick > since,
    tick,
    facts: [
      `last tick of "${cron}"${zone}: ${iso(tick)}`,
      since ? `last handled ${iso(since)}` : "never handled"
    ]
  };
}
function evaluate(condition, ctx) {
  const facts = ctx.facts.get(ctx.asset);
  if (!facts) throw new Error(`bug: no facts for ${ctx.asset}`);
  switch (condition.kind) {
    case "missing":
    case "stale": {
      const open = unhandled(ctx, facts);
      return node(condition.kind, facts.status === condition.kind && open.ok, [
        `status: ${facts.status}`,
        ...open.facts
      ]);
    }
    case "code_changed":
      return node("code_changed", facts.codeChanged, [
        facts.codeChanged ? "code version differs from the one last handled" : "code unchanged",
        sinceFact(facts)
      ]);
    case "deps_updated": {
      const planned = facts.assetDeps.filter((d) => ctx.planned.has(d));
      const updated = [.../* @__PURE__ */ new Set([...facts.depsUpdated, ...planned])];
      return node("deps_updated", updated.length > 0, [
        ...updated.length ? updated.map((d) => `${d} ${planned.includes(d) ? "is planned" : "has a new data version"}`) : ["no dependency updated"],
        sinceFact(facts)
      ]);
    }
    case "manual":
      return node("manual", ctx.selected, [ctx.selected ? "selected explicitly" : "runs only when selected"]);
    case "eager": {
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      const upstreamRuns = facts.assetDeps.some((d) => ctx.planned.has(d));
      return node("eager", (facts.status !== "fresh" && open.ok || upstreamRuns) && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts
      ]);
    }
    case "on_missing": {
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      return node("on_missing", facts.status === "missing" && open.ok && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts
      ]);
    }
    case "cron": {
      const result = cronPassed(ctx, facts, "cron", condition.cron, condition.tz);
      return {
        ...node(
          `cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`,
          result.passed,
          result.facts
        ),
        cronTick: true
      };
    }
    case "on_cron": {
      const label = `on_cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`;
      const result = cronPassed(ctx, facts, "on_cron", condition.cron, condition.tz);
      const tickNode = node("cron tick passed since last handled", result.passed, result.facts);
      const depFacts = [];
      let allUpdated = true;
      for (const dep of facts.assetDeps) {
        const at = ctx.facts.get(dep)?.lastMaterializedAt;
        if (ctx.planned.has(dep)) depFacts.push(`${dep} is planned in this run`);
        else if (at && result.tick && at >= result.tick) depFacts.push(`${dep} updated ${iso(at)}`);
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
        depFacts.length ? depFacts : ["no dependencies"]
      );
      return { ...node(label, result.passed && allUpdated, [], [tickNode, depsNode]), cronTick: true };
    }
    case "all": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "all",
        children.every((c) => c.value),
        [],
        children
      );
    }
    case "any": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "any",
        children.some((c) => c.value),
        [],
        children
      );
    }
    case "not": {
      const inner = evaluate(condition.of, ctx);
      return node("not", !inner.value, [], [inner]);
    }
  }
}
function requestedByTick(evaluation) {
  if (!evaluation.value || evaluation.label === "not") return false;
  return evaluation.cronTick === true || evaluation.children.some(requestedByTick);
}
function cronConditions(condition) {
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

// src/automation/plan.ts
function planTick(input) {
  const { tick } = input;
  const assets = /* @__PURE__ */ new Map();
  const planned = /* @__PURE__ */ new Set();
  const cursors = structuredClone({ ...input.cursors });
  for (const asset of input.assets) {
    if (!input.selection.has(asset.name)) continue;
    const facts = input.facts.get(asset.name);
    const decide = (run, reasons, evaluation2, request = false) => {
      assets.set(asset.name, {
        status: facts.status,
        run,
        request: run && request,
        reasons,
        evaluation: evaluation2
      });
      if (!run) return;
      planned.add(asset.name);
      for (const c of cronConditions(asset.condition)) {
        cursors[asset.name] = {
          ...cursors[asset.name],
          [cronKey(c.kind, c.cron, c.tz)]: tick.now.toISOString()
        };
      }
    };
    if (facts.unavailableSources?.length) {
      decide(
        false,
        facts.unavailableSources.map((u) => `waiting: ${u.why}`)
      );
      continue;
    }
    const unbuilt = facts.assetDeps.filter(
      (d) => input.facts.get(d)?.status === "missing" && !planned.has(d)
    );
    const unpromoted = (facts.unavailableDeps ?? []).filter((d) => !unbuilt.includes(d) && !planned.has(d));
    const waiting = [...unbuilt, ...unpromoted];
    const waitingFor = [
      ...unbuilt.length ? [`dependency ${unbuilt.join(", ")} has never been materialized`] : [],
      ...unpromoted.map((d) => `dependency ${d} has no version under the alias ${asset.name} reads yet`)
    ].join("; ");
    if (input.force) {
      if (waiting.length) decide(false, [`waiting: ${waitingFor}; run \`kiln run +${asset.name}\``]);
      else decide(true, ["forced", ...asset.reasons], void 0, true);
      continue;
    }
    const evaluation = evaluate(asset.condition, {
      asset: asset.name,
      tick,
      facts: input.facts,
      planned,
      cursor: input.cursors[asset.name] ?? {},
      selected: input.explicit
    });
    if (waiting.length) {
      decide(false, [`waiting: ${waitingFor}`, ...asset.reasons], evaluation);
      continue;
    }
    if (tick.event === "pull_request") {
      if (!asset.pullRequests) decide(false, ["pull-requests: false", ...asset.reasons], evaluation);
      else if (facts.status === "fresh") decide(false, ["fresh"], evaluation);
      else if (failureHolds(facts.failure, tick.now))
        decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
      else decide(true, asset.reasons, evaluation);
      continue;
    }
    if (input.explicit) {
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
      decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
    } else decide(false, [`automation: ${summary(evaluation)} is false`, ...asset.reasons], evaluation);
  }
  return { assets, cursors };
}
function summary(evaluation) {
  if (["all", "any", "not"].includes(evaluation.label))
    return `${evaluation.label}(${evaluation.children.map(summary).join(", ")})`;
  return evaluation.label;
}

// src/app/run-plan.ts
function handledFailure(spec, failed, runId) {
  if (!failed) return void 0;
  if (runId !== void 0 && runId !== "" && failed.runId === runId) return void 0;
  const at = new Date(failed.at);
  return {
    at,
    failures: failed.failures,
    error: failed.error,
    retryAt: retryAt(at, failed.failures, spec.retryFailedMs)
  };
}
function assetFacts(project, assessment, runId) {
  const facts = /* @__PURE__ */ new Map();
  for (const [name, a] of assessment.assets) {
    const spec = project.assets.get(name);
    const deps = spec.deps;
    facts.set(name, {
      status: a.status,
      codeChanged: a.codeChanged,
      depsUpdated: a.depsUpdated,
      assetDeps: deps.filter((d) => project.assets.has(d)),
      unavailableDeps: a.unavailable,
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.current ? new Date(a.current.finishedAt) : void 0,
      lastHandled: a.lastHandled && {
        at: new Date(a.lastHandled.at),
        what: a.lastHandled.kind === "failed" ? "failed" : `materialized v${a.lastHandled.version}`
      },
      failure: handledFailure(spec, a.failedAtVersion, runId),
      unavailableSources: deps.flatMap((d) => {
        const why = assessment.sources.get(d)?.unavailable;
        return why ? [{ source: d, why: why.replace(/:\n\s+/, ": ").replace(/\n\s*/g, " / ") }] : [];
      })
    });
  }
  return facts;
}
function sourceFailureMarks(assessment, stored, tick, runId) {
  const marks = {};
  for (const [name, source] of assessment.sources) {
    if (source.unavailable === void 0) continue;
    marks[name] = stored[name] ?? {
      since: tick.now.toISOString(),
      error: source.unavailable,
      ...runId ? { runId } : {}
    };
  }
  return marks;
}
async function planRun(request) {
  const { project, assessment, tick } = request;
  const stored = await request.ledger.readCursor(request.scope);
  const planned = planTick({
    assets: assessment.graph.order.filter((name) => project.assets.has(name)).map((name) => {
      const asset = project.assets.get(name);
      return {
        name,
        condition: asset.automation,
        pullRequests: asset.pullRequests,
        reasons: assessment.assets.get(name).reasons
      };
    }),
    facts: assetFacts(project, assessment, request.runId),
    cursors: stored?.assets ?? {},
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force
  });
  const sources = sourceFailureMarks(assessment, stored?.sources ?? {}, tick, request.runId);
  const changed = tick.event !== "pull_request" && !request.experiment && (JSON.stringify(planned.cursors) !== JSON.stringify(stored?.assets ?? {}) || JSON.stringify(sources) !== JSON.stringify(stored?.sources ?? {}));
  return {
    tick,
    assets: planned.assets,
    commit: async () => {
      if (!changed) return;
      await request.ledger.writeCursor({
        schema: RECORD_SCHEMA,
        scope: request.scope,
        assets: planned.cursors,
        ...Object.keys(sources).length ? { sources } : {},
        updatedAt: tick.now.toISOString()
      });
    }
  };
}

export {
  failureHolds,
  notRetriedMessage,
  repeatsEarlierFailure,
  handledFailure,
  planRun
};
