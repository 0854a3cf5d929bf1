// Which record of a dependency a dependant reads. A plain dependency (`deps: [model]`) reads the
// dependency's current record: the fresh one, or the one built earlier in the same run. An alias
// dependency (`deps: [model@champion]`) reads the version the alias names, whatever was built
// since: a model that lost to the champion is never read downstream, and only a promotion moves
// the dependant (the seed: the better model "is returned for use in downstream steps").
// Staleness, the executor, restore before a step and the action's restore all ask here.
import type { MaterializationRecord } from "../domain/records.js";
import { aliasHolder } from "../ledger/aliases.js";
import type { Ledger } from "../ledger/ledger.js";
import type { AssetSpec } from "../manifest/project.js";

export interface DependencyRecordRequest {
  ledger: Ledger;
  /** The dependant. */
  asset: AssetSpec;
  /** The dependency's name (an asset). */
  dep: string;
  /** The dependency's current record, for a plain dependency. */
  current: MaterializationRecord | undefined;
}

export type DependencyRecord =
  | { ok: true; record: MaterializationRecord; alias?: string | undefined }
  | { ok: false; reason: string };

/** The record `asset` reads of `dep`, or why there is none to read. */
export async function dependencyRecord(request: DependencyRecordRequest): Promise<DependencyRecord> {
  const { ledger, asset, dep, current } = request;
  const alias = asset.depAliases[dep];
  if (alias === undefined) {
    return current
      ? { ok: true, record: current }
      : { ok: false, reason: `dependency ${dep} has never been materialized` };
  }
  const holder = aliasHolder(await ledger.aliasHistory(dep), alias);
  if (holder === null) return { ok: false, reason: `dependency ${dep} has no ${alias} yet` };
  const record = await ledger.materialization(dep, holder);
  if (!record)
    return { ok: false, reason: `dependency ${dep}@${alias} names v${holder}, which has no record` };
  return { ok: true, record, alias };
}
