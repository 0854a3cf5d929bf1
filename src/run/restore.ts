// Puts recorded outputs back into the workspace through the store chain: a dependency's outputs
// before a step runs, a fresh asset's outputs that are absent, or `kiln pull model@champion`.
// Always the exact version the caller names (the plan's choice), never "the newest".
import type { StoreChain } from "../store/chain.js";
import type { StoredVersion } from "../store/types.js";

export type RestoreResult = { ok: true; restored: string[]; from: string[] } | { ok: false; error: string };

export async function restoreOutputs(
  root: string,
  records: readonly StoredVersion[],
  stores: StoreChain,
): Promise<RestoreResult> {
  const restored: string[] = [];
  const from: string[] = [];
  for (const record of records) {
    const result = await stores.restore(root, record);
    if (!result.ok) return result;
    restored.push(...result.restored);
    if (result.from && !from.includes(result.from.description)) from.push(result.from.description);
  }
  return { ok: true, restored, from };
}

export interface FreshRestore {
  asset: string;
  version: number;
  /** Files written into the workspace; empty when they were all there already. */
  restored: string[];
  from: string[];
  error?: string | undefined;
}

/**
 * Brings the outputs of fresh assets into the workspace (`kiln pull --all`, and `kiln run` for
 * the selected assets it did not run): a fresh asset is one whose current version is recorded
 * and whose bytes some store still has, so the workspace can hold them without recomputing. Its
 * head is enough (outputs and locations), so no record is read whole.
 */
export async function restoreFreshAssets(
  root: string,
  records: readonly StoredVersion[],
  stores: StoreChain,
): Promise<FreshRestore[]> {
  const results: FreshRestore[] = [];
  for (const record of records) {
    // Files already there are compared by content (the chain's memo of identities keeps that to a
    // stat): another version's bytes of the same size, or an edit, give way to the recorded ones.
    if (stores.inPlaceNow(root, record)) {
      results.push({ asset: record.asset, version: record.version, restored: [], from: [] });
      continue;
    }
    const result = await stores.restore(root, record);
    results.push(
      result.ok
        ? {
            asset: record.asset,
            version: record.version,
            restored: result.restored,
            from: result.from ? [result.from.description] : [],
          }
        : { asset: record.asset, version: record.version, restored: [], from: [], error: result.error },
    );
  }
  return results;
}
