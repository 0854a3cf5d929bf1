// Moves aliases in the ledger. Every move is a compare-and-swap on the alias history: when another
// writer moved the alias first, the decision is taken again against the new holder, so two
// concurrent runs can never leave `champion` on the worse model.
import type { AssetSpec, PromoteSpec } from "../manifest/project.js";
import { aliasHolders, rollbackStack } from "../ledger/aliases.js";
import type { MaterializationRecord, PromotionVerdict } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { decidePromotion } from "./promotion.js";

export interface PromotionOutcome {
  verdict: PromotionVerdict;
  moved: boolean;
  from: number | null;
  to: number | null;
}

export async function currentHolder(
  ledger: Ledger,
  asset: string,
  alias: string,
): Promise<MaterializationRecord | undefined> {
  const version = aliasHolders(await ledger.aliasHistory(asset)).get(alias);
  if (version === undefined) return undefined;
  return ledger.materialization(asset, version);
}

export interface PromoteRequest {
  ledger: Ledger;
  asset: AssetSpec;
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
    const holder = await currentHolder(ledger, record.asset, spec.alias);
    verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder,
      notAllowed: request.blocker,
    });
    from = holder?.version ?? null;
  }
  throw new Error(`bug: alias ${spec.alias} of ${record.asset} kept moving under ${MAX_RACES} attempts`);
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

/** A person's move (`kiln promote`, `kiln rollback`): no metric comparison, still compare-and-swap. */
export async function setAlias(
  request: SetAliasRequest,
): Promise<{ from: number | null; to: number | null }> {
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
      kind: request.kind,
    });
    if (moved) return { from, to: request.version };
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
