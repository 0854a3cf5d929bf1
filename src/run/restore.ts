// Puts recorded outputs back into the workspace through the store chain: a dependency's outputs
// before a step runs, a fresh asset's outputs that are absent, or `kiln pull model@champion`.
// Always the exact version the caller names (the plan's choice), never "the newest".
import type { StoreChain } from "../store/chain.js";
import type { StoredVersion } from "../store/types.js";

export type RestoreResult = { ok: true; restored: string[]; from: string[] } | { ok: false; error: string };

export interface RestoreOptions {
  /** Compare content by blob id (true) or trust a file of the recorded size (false, cheaper). */
  verify?: boolean;
}

export async function restoreOutputs(
  root: string,
  records: readonly StoredVersion[],
  stores: StoreChain,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const restored: string[] = [];
  const from: string[] = [];
  for (const record of records) {
    const result = await stores.restore(root, record, options);
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
  /** Assets whose paths may hold another version's bytes (the run restored one there): compared by content. */
  compareContent: ReadonlySet<string> = new Set(),
): Promise<FreshRestore[]> {
  const results: FreshRestore[] = [];
  for (const record of records) {
    // Sizes are enough for files already there: an edited output of the same size is the user's.
    const result = await stores.restore(root, record, { verify: compareContent.has(record.asset) });
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
