import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  formatNumber
} from "./chunk-XU6IXT4T.js";
import {
  aliasHolders,
  rollbackStack
} from "./chunk-PNMKFYGG.js";
import {
  unreportedMetric
} from "./chunk-DYEOWQQP.js";

// src/run/promotion.ts
function decidePromotion(input) {
  const { spec, metrics, checks, holder } = input;
  const verdict = (promote, reason) => ({
    alias: spec.alias,
    promote,
    reason,
    against: holder?.version
  });
  if (input.notAllowed) return { ...verdict(false, input.notAllowed), blocked: true };
  const failed = checks.filter((c) => c.blocking && !c.passed);
  if (failed.length > 0)
    return verdict(false, `blocking check failed: ${failed.map((c) => c.name).join(", ")}`);
  const value = metrics[spec.metric];
  if (value === void 0) {
    const notFinite = input.notFinite?.[spec.metric];
    if (notFinite) return verdict(false, `metric ${spec.metric} is ${notFinite}, not a number`);
    return verdict(false, unreportedMetric(spec.metric, Object.keys(metrics)));
  }
  const minimize = spec.direction === "minimize";
  if (spec.threshold !== void 0) {
    const clears = minimize ? value <= spec.threshold : value >= spec.threshold;
    if (!clears) {
      return verdict(
        false,
        `${spec.metric} ${formatNumber(value, spec.threshold)} fails the threshold ${minimize ? "\u2264" : "\u2265"} ${formatNumber(spec.threshold)}`
      );
    }
  }
  if (!holder) return verdict(true, `first version to qualify: becomes ${spec.alias}`);
  const current = holder.metrics[spec.metric];
  if (current === void 0) {
    return verdict(true, `${spec.alias} v${holder.version} has no ${spec.metric}: replaced`);
  }
  const gain = minimize ? current - value : value - current;
  const wanted = [];
  let required = 0;
  if (spec.minDelta !== void 0) {
    required = Math.max(required, spec.minDelta);
    wanted.push(`min-delta ${formatNumber(spec.minDelta)}`);
  }
  if (spec.minRelative !== void 0) {
    required = Math.max(required, spec.minRelative * Math.abs(current));
    wanted.push(`min-relative ${formatNumber(spec.minRelative * 100)}%`);
  }
  const against = `${spec.alias} v${holder.version} (${formatNumber(current, value)})`;
  const margin = wanted.length ? ` \u2265 ${wanted.join(" and ")}` : "";
  if (gain > 0 && gain >= required) {
    return verdict(
      true,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by ${formatNumber(gain)}${margin}`
    );
  }
  if (gain > 0) {
    return verdict(
      false,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by only ${formatNumber(gain)}, needs${margin}`
    );
  }
  return verdict(false, `${spec.metric} ${formatNumber(value, current)} does not beat ${against}`);
}

// src/run/promote.ts
async function currentHolder(ledger, asset, alias) {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) {
    const first = damage[0];
    return {
      ok: false,
      error: `${alias} of ${asset} was not moved: the alias history is damaged (${first.path}: ${first.message}). Run \`kiln doctor\` for the fix`
    };
  }
  const version = aliasHolders(history).get(alias);
  if (version === void 0) return { ok: true, holder: void 0 };
  const holder = await ledger.materialization(asset, version);
  if (!holder)
    return {
      ok: false,
      error: `${alias} of ${asset} names v${version}, whose record cannot be read. Run \`kiln doctor\``
    };
  return { ok: true, holder };
}
var MAX_RACES = 20;
var LedgerDamaged = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LedgerDamaged";
  }
};
async function promoteIfBetter(request) {
  const { ledger, spec, record } = request;
  let verdict = request.verdict;
  let from = verdict.against ?? null;
  for (let race = 0; race < MAX_RACES; race++) {
    if (!verdict.promote) return { verdict, moved: false, from, to: from };
    const moved = await ledger.moveAlias({
      alias: spec.alias,
      asset: record.asset,
      from,
      to: record.version,
      by: request.by,
      reason: verdict.reason,
      kind: "promotion",
      run: request.run,
      at: request.at?.toISOString()
    });
    if (moved) return { verdict, moved: true, from, to: record.version };
    const state = await currentHolder(ledger, record.asset, spec.alias);
    if (!state.ok) throw new LedgerDamaged(state.error);
    if (state.holder?.version === record.version) return { verdict, moved: true, from, to: record.version };
    verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder: state.holder,
      notAllowed: request.blocker
    });
    from = state.holder?.version ?? null;
  }
  throw new Error(`bug: alias ${spec.alias} of ${record.asset} kept moving under ${MAX_RACES} attempts`);
}
function stillOpen(history, alias) {
  const moves = history.filter((e) => e.alias === alias);
  const named = new Set(moves.map((e) => e.to));
  const lastMove = moves.at(-1)?.at ?? "";
  return (version, finishedAt) => !named.has(version) && finishedAt >= lastMove;
}
async function interruptedPromotions(ledger, asset, spec) {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) return [];
  const open = stillOpen(history, spec.alias);
  const heads = await ledger.heads(asset);
  const holderVersion = aliasHolders(history).get(spec.alias);
  let holder = holderVersion === void 0 ? void 0 : await ledger.materialization(asset, holderVersion);
  const found = [];
  for (const head of heads) {
    if (head.promotes !== spec.alias || !open(head.version, head.finishedAt)) continue;
    if (holder && head.version < holder.version) continue;
    const record = await ledger.materialization(asset, head.version);
    if (!record) continue;
    const decided = record.promotion;
    if (!decided?.promote || decided.alias !== spec.alias || !open(record.version, record.finishedAt))
      continue;
    if (holder && record.version < holder.version) continue;
    const verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder
    });
    if (!verdict.promote) continue;
    found.push({ record, verdict });
    holder = record;
  }
  return found;
}
async function completeInterruptedPromotions(request) {
  const { ledger, asset, spec } = request;
  const done = [];
  for (const { record, verdict } of await interruptedPromotions(ledger, asset, spec)) {
    const outcome = await promoteIfBetter({
      ledger,
      spec,
      record,
      verdict: {
        ...verdict,
        reason: `completes the promotion of v${record.version} that an interrupted run decided: ${verdict.reason}`
      },
      by: request.by,
      run: request.run,
      at: request.at
    });
    if (outcome.moved) done.push(outcome);
  }
  return done;
}
async function setAlias(request) {
  for (let race = 0; race < MAX_RACES; race++) {
    const from = aliasHolders(await request.ledger.aliasHistory(request.asset)).get(request.alias) ?? null;
    if (from === request.version) return { from, to: from };
    const moved = await request.ledger.moveAlias({
      alias: request.alias,
      asset: request.asset,
      from,
      to: request.version,
      by: request.by,
      reason: request.reason,
      kind: request.kind
    });
    if (moved) return { from, to: request.version };
  }
  throw new Error(`bug: alias ${request.alias} of ${request.asset} kept moving under ${MAX_RACES} attempts`);
}
async function rollbackAlias(request) {
  const { ledger, asset, alias } = request;
  for (let race = 0; race < MAX_RACES; race++) {
    const history = await ledger.aliasHistory(asset);
    const stack = rollbackStack(history, alias);
    const current = aliasHolders(history).get(alias);
    if (current === void 0) return { ok: false, error: `${asset} has no ${alias} to roll back` };
    const earlier = stack.slice(0, -1);
    let target;
    if (request.to !== void 0) {
      if (request.to === current) return { ok: false, error: `${asset}@${alias} is already v${current}` };
      if (!earlier.includes(request.to)) {
        return {
          ok: false,
          error: `v${request.to} is not an earlier ${alias} of ${asset} (${earlier.length ? `rollback can go to ${earlier.map((v) => `v${v}`).join(", ")}` : "there is none"})`,
          hint: `\`kiln promote ${asset} v${request.to}\` points ${alias} at any version`
        };
      }
      target = request.to;
    } else {
      target = earlier.at(-1);
      if (target === void 0) {
        return {
          ok: false,
          error: `${asset}@${alias} v${current} is the first holder; there is nothing to roll back to`,
          hint: `use \`kiln promote ${asset} vN\` to choose a version`
        };
      }
    }
    const moved = await ledger.moveAlias({
      alias,
      asset,
      from: current,
      to: target,
      by: request.by,
      reason: request.reason ?? `rolled back from v${current} with kiln rollback`,
      kind: "rollback"
    });
    if (moved) return { ok: true, from: current, to: target };
  }
  throw new Error(`bug: alias ${alias} of ${asset} kept moving under ${MAX_RACES} attempts`);
}
async function promoteCurrentVersion(request) {
  const { ledger, spec, record } = request;
  const judged = record.promotion;
  if (!judged?.blocked || judged.alias !== spec.alias) return void 0;
  if (record.context.environment !== request.environment || record.context.experiment) return void 0;
  const { history, damage } = await ledger.aliasState(record.asset);
  if (damage.length > 0) return void 0;
  if (!stillOpen(history, spec.alias)(record.version, record.finishedAt)) return void 0;
  const state = await currentHolder(ledger, record.asset, spec.alias);
  if (!state.ok) return void 0;
  const verdict = decidePromotion({
    spec,
    metrics: record.metrics,
    notFinite: record.notFinite,
    checks: record.checks,
    holder: state.holder
  });
  if (!verdict.promote) return void 0;
  const where = record.context.pullRequest ? `pull request #${record.context.pullRequest}` : record.context.ref ? `branch ${record.context.ref}` : "a run that could not promote";
  const outcome = await promoteIfBetter({
    ledger,
    spec,
    record,
    verdict: {
      ...verdict,
      reason: `v${record.version}, trained on ${where} (${judged.reason}), is this branch's current version: ${verdict.reason}`
    },
    by: request.by,
    run: request.run,
    at: request.at
  });
  return outcome.moved ? outcome : void 0;
}

export {
  decidePromotion,
  currentHolder,
  LedgerDamaged,
  promoteIfBetter,
  interruptedPromotions,
  completeInterruptedPromotions,
  setAlias,
  rollbackAlias,
  promoteCurrentVersion
};
