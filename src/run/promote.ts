// Moves aliases in the ledger. Every move is a compare-and-swap on the alias history: when another
// writer moved the alias first, the decision is taken again against the new holder, so two
// concurrent runs can never leave `champion` on the worse model.
import type { PromoteSpec } from "../manifest/project.js";
import { aliasHolders, rollbackStack } from "../ledger/aliases.js";
import type { AliasEvent, MaterializationRecord, PromotionVerdict } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { readNamedRecord } from "../ledger/record-problem.js";
import { decidePromotion } from "./promotion.js";

export interface PromotionOutcome {
  verdict: PromotionVerdict;
  moved: boolean;
  from: number | null;
  to: number | null;
}

/** The record holding an alias, as promotion compares against it, or why the ledger cannot say. */
export type HolderState =
  | { ok: true; holder: MaterializationRecord | undefined }
  | { ok: false; error: string };

/**
 * The current holder of `alias`, read strictly: a damaged alias history (an unreadable line, an
 * alias naming a version whose record is missing or invalid) is an error naming the file and
 * `kiln doctor`, never a silent fall back to an older holder that a worse model would then beat.
 */
export async function currentHolder(ledger: Ledger, asset: string, alias: string): Promise<HolderState> {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) {
    const first = damage[0]!;
    return {
      ok: false,
      error: `${alias} of ${asset} was not moved: the alias history is damaged (${first.path}: ${first.message}). Run \`kiln doctor\` for the fix`,
    };
  }
  const version = aliasHolders(history).get(alias);
  if (version === undefined) return { ok: true, holder: undefined };
  const holder = await ledger.materialization(asset, version);
  // Replay reports a holder without a record as damage; reaching here means it appeared in between.
  if (!holder)
    return {
      ok: false,
      error: `${alias} of ${asset} names v${version}, whose record cannot be read. Run \`kiln doctor\``,
    };
  return { ok: true, holder };
}

export interface PromoteRequest {
  ledger: Ledger;
  spec: PromoteSpec;
  record: MaterializationRecord;
  /**
   * The verdict written into the record (decided once, by `decidePromotion`, against the holder
   * named in `against`). It is acted on as it is; only a lost race decides again.
   */
  verdict: PromotionVerdict;
  blocker?: string | undefined;
  by: string;
  /** The run promoting (its URL or id), kept in the alias history. */
  run?: string | undefined;
  /** When the move happens: the tick's clock, so a replayed calendar stamps its own times. */
  at?: Date | undefined;
}

const MAX_RACES = 20;

/**
 * The ledger is damaged where promotion needs it: the run stops promoting that asset and says
 * which file and `kiln doctor`, instead of deciding against a wrong champion.
 */
export class LedgerDamaged extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerDamaged";
  }
}

export async function promoteIfBetter(request: PromoteRequest): Promise<PromotionOutcome> {
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
      at: request.at?.toISOString(),
    });
    if (moved) return { verdict, moved: true, from, to: record.version };
    // Another run moved the alias after our decision: the comparison must be made against the
    // version that holds it now, or two concurrent runs could leave the worse model as champion.
    const state = await currentHolder(ledger, record.asset, spec.alias);
    if (!state.ok) throw new LedgerDamaged(state.error);
    // Someone else (the next run's reconciliation) already completed this very move.
    if (state.holder?.version === record.version) return { verdict, moved: true, from, to: record.version };
    verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder: state.holder,
      notAllowed: request.blocker,
    });
    from = state.holder?.version ?? null;
  }
  throw new Error(`bug: alias ${spec.alias} of ${record.asset} kept moving under ${MAX_RACES} attempts`);
}

/**
 * A version whose run decided to promote it but never moved the alias (the process was killed
 * between writing the record and the move), and that still wins against the current holder.
 */
export interface InterruptedPromotion {
  record: MaterializationRecord;
  /** The decision taken again against the current holder: what completing it would record. */
  verdict: PromotionVerdict;
}

/**
 * Whether a later judgement may still promote a version: it was never named by the alias, and no
 * person moved the alias after it was written (`kiln promote`, `kiln rollback`: a choice made
 * knowing it, which stands). A run's own promotion of another version after it does not close it:
 * that run compared its version with the holder, never with this one, which is judged against the
 * new holder in turn. A move of unknown kind (older ledgers) counts as a person's.
 *
 * `candidateSince: false` is for a version trained where it could not be promoted (a pull request,
 * another branch): it was no candidate on the promoting line until it became current there, so a
 * person's earlier move (a rollback of an unrelated champion while the pull request was open) was
 * no choice against it; only a move that named it closes it.
 */
function stillOpen(
  history: readonly AliasEvent[],
  alias: string,
  candidateSince: "written" | false = "written",
): (version: number, finishedAt: string) => boolean {
  const moves = history.filter((e) => e.alias === alias);
  const named = new Set(moves.map((e) => e.to));
  const lastChoice = candidateSince ? (moves.findLast((e) => e.kind !== "promotion")?.at ?? "") : "";
  return (version, finishedAt) => !named.has(version) && finishedAt >= lastChoice;
}

/**
 * The versions an interrupted run left eligible and unpromoted: recorded with a verdict to
 * promote, never named by the alias, not closed by a person's move since (see stillOpen), newer
 * than the holder, and still better than it by the manifest's rules. In
 * version order, each compared with the holder the previous one would leave. Empty when the alias
 * history is damaged: that is reported as damage, and nothing is decided on it.
 */
export async function interruptedPromotions(
  ledger: Ledger,
  asset: string,
  spec: PromoteSpec,
): Promise<InterruptedPromotion[]> {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) return [];
  const open = stillOpen(history, spec.alias);
  // Heads first: only versions whose verdict said to promote, written after the last move, are
  // read whole (none, unless a run was killed before its move), whatever the history's length.
  const heads = await ledger.heads(asset);
  const holderVersion = aliasHolders(history).get(spec.alias);
  let holder = holderVersion === undefined ? undefined : await ledger.materialization(asset, holderVersion);
  const found: InterruptedPromotion[] = [];
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
      holder,
    });
    if (!verdict.promote) continue;
    found.push({ record, verdict });
    holder = record;
  }
  return found;
}

/**
 * Completes the promotions an interrupted run left undone (see interruptedPromotions), by
 * compare-and-swap like any promotion, with a reason that says so. Returns the moves made.
 */
export async function completeInterruptedPromotions(request: {
  ledger: Ledger;
  asset: string;
  spec: PromoteSpec;
  by: string;
  run?: string | undefined;
  at?: Date | undefined;
}): Promise<PromotionOutcome[]> {
  const { ledger, asset, spec } = request;
  const done: PromotionOutcome[] = [];
  for (const { record, verdict } of await interruptedPromotions(ledger, asset, spec)) {
    const outcome = await promoteIfBetter({
      ledger,
      spec,
      record,
      verdict: {
        ...verdict,
        reason: `completes the promotion of v${record.version} that an interrupted run decided: ${verdict.reason}`,
      },
      by: request.by,
      run: request.run,
      at: request.at,
    });
    if (outcome.moved) done.push(outcome);
  }
  return done;
}

export interface SetAliasRequest {
  ledger: Ledger;
  asset: string;
  alias: string;
  /** The new holder; null removes the alias. */
  version: number | null;
  by: string;
  reason: string;
  /** `manual` for `kiln promote`, `rollback` for `kiln rollback`. */
  kind: "manual" | "rollback";
}

/** Why a person's move was refused, and what to do. */
export type Refusal = { ok: false; error: string; hint?: string | undefined };

export type AliasTarget = { ok: true; record: MaterializationRecord } | Refusal;

/**
 * The version a person points an alias at, read before the move. The ledger refuses a move to a
 * version whose record it cannot read (replay trusts every move it reads) and answers it as a lost
 * race, so without this an unreadable target looked like an alias that kept moving. Here it is the
 * user's to repair: the file, what is wrong with it, and `kiln doctor`.
 */
export async function aliasTarget(ledger: Ledger, asset: string, version: number): Promise<AliasTarget> {
  // The heads say which versions were made (a missing record file reads as a problem too).
  const heads = await ledger.heads(asset);
  if (!heads.some((head) => head.version === version)) {
    const latest = heads.at(-1)?.version;
    return {
      ok: false,
      error: `${asset} has no v${version}${latest === undefined ? "" : ` (the latest is v${latest})`}`,
      hint: `see \`kiln history ${asset}\``,
    };
  }
  const read = await readNamedRecord(ledger, asset, version);
  if (read.ok) return read;
  return {
    ok: false,
    error: `${asset} v${version} cannot be read, so no alias can point at it${read.detail}`,
    hint: read.problem?.fix ?? "run `kiln doctor`: it says how to repair or set aside the record",
  };
}

/** A person's move (`kiln promote`, `kiln rollback`): no metric comparison, still compare-and-swap. */
export async function setAlias(
  request: SetAliasRequest,
): Promise<{ ok: true; from: number | null; to: number | null } | Refusal> {
  for (let race = 0; race < MAX_RACES; race++) {
    const from = aliasHolders(await request.ledger.aliasHistory(request.asset)).get(request.alias) ?? null;
    if (from === request.version) return { ok: true, from, to: from };
    if (request.version !== null) {
      const target = await aliasTarget(request.ledger, request.asset, request.version);
      if (!target.ok) return target;
    }
    const moved = await request.ledger.moveAlias({
      alias: request.alias,
      asset: request.asset,
      from,
      to: request.version,
      by: request.by,
      reason: request.reason,
      kind: request.kind,
    });
    if (moved) return { ok: true, from, to: request.version };
  }
  throw new Error(`bug: alias ${request.alias} of ${request.asset} kept moving under ${MAX_RACES} attempts`);
}

export interface RollbackRequest {
  ledger: Ledger;
  asset: string;
  alias: string;
  /** Jump back to this earlier holder; default: the holder before the current one. */
  to?: number | undefined;
  by: string;
  reason?: string | undefined;
  /**
   * Why the alias must not go back to this record (`kiln promote`'s rule: a dev build or an
   * experiment that held it only because a person forced it there), or undefined to allow it.
   */
  refuse?: ((record: MaterializationRecord) => string | undefined) | undefined;
}

export type RollbackOutcome =
  | { ok: true; from: number; to: number }
  | { ok: false; error: string; hint?: string | undefined };

/**
 * Moves the alias back through its history (`rollbackStack`): v4 → v3 → v2 on successive calls,
 * or straight to an earlier holder with `to`. The target is chosen again after a lost race, so a
 * concurrent move is never undone blindly.
 */
export async function rollbackAlias(request: RollbackRequest): Promise<RollbackOutcome> {
  const { ledger, asset, alias } = request;
  for (let race = 0; race < MAX_RACES; race++) {
    const history = await ledger.aliasHistory(asset);
    const stack = rollbackStack(history, alias);
    const current = aliasHolders(history).get(alias);
    if (current === undefined) return { ok: false, error: `${asset} has no ${alias} to roll back` };
    const earlier = stack.slice(0, -1);
    let target: number | undefined;
    if (request.to !== undefined) {
      if (request.to === current) return { ok: false, error: `${asset}@${alias} is already v${current}` };
      if (!earlier.includes(request.to)) {
        return {
          ok: false,
          error: `v${request.to} is not an earlier ${alias} of ${asset} (${earlier.length ? `rollback can go to ${earlier.map((v) => `v${v}`).join(", ")}` : "there is none"})`,
          hint: `\`kiln promote ${asset} v${request.to}\` points ${alias} at any version`,
        };
      }
      target = request.to;
    } else {
      target = earlier.at(-1);
      if (target === undefined) {
        return {
          ok: false,
          error: `${asset}@${alias} v${current} is the first holder; there is nothing to roll back to`,
          hint: `use \`kiln promote ${asset} vN\` to choose a version`,
        };
      }
    }
    const readable = await aliasTarget(ledger, asset, target);
    if (!readable.ok) return readable;
    const refused = request.refuse?.(readable.record);
    if (refused !== undefined) {
      const other = earlier.filter((v) => v !== target && v !== current).at(-1);
      return {
        ok: false,
        error: `rolling back ${asset}@${alias} would move it to v${target}: ${refused}`,
        hint: `pass --force to move it back there anyway${other === undefined ? "" : `, or go back to an earlier holder with --to v${other}`}`,
      };
    }
    const moved = await ledger.moveAlias({
      alias,
      asset,
      from: current,
      to: target,
      by: request.by,
      reason: request.reason ?? `rolled back from v${current} with kiln rollback`,
      kind: "rollback",
    });
    if (moved) return { ok: true, from: current, to: target };
  }
  throw new Error(`bug: alias ${alias} of ${asset} kept moving under ${MAX_RACES} attempts`);
}

/** Whether a version was trained on another branch than `branch` (a pull request's, say). */
function trainedElsewhere(record: MaterializationRecord, branch: string | undefined): boolean {
  return (
    record.context.pullRequest !== undefined ||
    (branch !== undefined && record.context.ref !== undefined && record.context.ref !== branch)
  );
}

/** Where a version was trained, in words: `pull request #7`, `branch docs`. */
export function trainedWhere(record: MaterializationRecord): string {
  return record.context.pullRequest
    ? `pull request #${record.context.pullRequest}`
    : record.context.ref
      ? `branch ${record.context.ref}`
      : "a run that could not promote";
}

/**
 * Promotion on merge. A pull request trains in its base's environment but never promotes; once it
 * is merged, the base branch's run finds that very version current (same logical version: the
 * same code, config and upstream data) and fresh, so nothing trains again, and without this the
 * alias would never move to the model the pull request's report showed as the winner. A run that
 * may promote therefore judges such a version when it finds it current:
 * - built in this run's environment (a dev build never becomes prod's champion), not an experiment;
 * - recorded by a run that was not allowed to promote (`verdict.blocked`), so it was never judged;
 * - never named by the alias, and, when trained on this branch, written after a person's last move
 *   of it: a later rollback or `kiln promote` was made knowing it, and is not undone by a run that
 *   merely finds it (a run's own promotion of another version since never compared with it, and
 *   does not close it). A version trained on a pull request or another branch was no candidate
 *   here before it became current, so only a move that named it closes it;
 * - better than the current holder by the manifest's rules, decided now against that holder.
 * Returns the move made, or undefined.
 */
export async function promoteCurrentVersion(request: {
  ledger: Ledger;
  spec: PromoteSpec;
  /** The asset's current version, as the run's assessment found it (fresh). */
  record: MaterializationRecord;
  /** The environment of the run, which may promote. */
  environment: string;
  /** The branch the run is on (the promoting line). */
  branch?: string | undefined;
  by: string;
  run?: string | undefined;
  at?: Date | undefined;
  /**
   * For a version trained on another branch: whether this line merged it (src/app/merged-version.ts).
   * Asked only when it would move the alias; one that was not merged is not promoted, and `held`
   * hears why.
   */
  merged?: (() => Promise<{ merged: true } | { merged: false; reason: string }>) | undefined;
  held?: ((reason: string) => void) | undefined;
}): Promise<PromotionOutcome | undefined> {
  const { ledger, spec, record } = request;
  const judged = record.promotion;
  if (!judged?.blocked || judged.alias !== spec.alias) return undefined;
  if (record.context.environment !== request.environment || record.context.experiment) return undefined;
  const { history, damage } = await ledger.aliasState(record.asset);
  // A damaged history is reported by the asset's own promotion and by `kiln doctor`.
  if (damage.length > 0) return undefined;
  // Trained on this very branch (an `--env` override, say), it was a candidate once written.
  const elsewhere = trainedElsewhere(record, request.branch);
  if (!stillOpen(history, spec.alias, elsewhere ? false : "written")(record.version, record.finishedAt))
    return undefined;
  const state = await currentHolder(ledger, record.asset, spec.alias);
  if (!state.ok) return undefined;
  const verdict = decidePromotion({
    spec,
    metrics: record.metrics,
    notFinite: record.notFinite,
    checks: record.checks,
    holder: state.holder,
  });
  if (!verdict.promote) return undefined;
  const where = trainedWhere(record);
  if (elsewhere && request.merged) {
    const merged = await request.merged();
    if (!merged.merged) {
      request.held?.(merged.reason);
      return undefined;
    }
  }
  const outcome = await promoteIfBetter({
    ledger,
    spec,
    record,
    verdict: {
      ...verdict,
      reason: `v${record.version}, trained on ${where} (${judged.reason}), is this branch's current version: ${verdict.reason}`,
    },
    by: request.by,
    run: request.run,
    at: request.at,
  });
  return outcome.moved ? outcome : undefined;
}
