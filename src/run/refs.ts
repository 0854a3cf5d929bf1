// Version references as people type them: `model`, `model@v3`, `model@3`, `model@champion`.
import type { MaterializationRecord } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { aliasHolders } from "../ledger/aliases.js";

export interface VersionRef {
  asset: string;
  /** A version number, an alias, or undefined for the latest version. */
  version?: number | undefined;
  alias?: string | undefined;
}

export function parseVersionRef(text: string): VersionRef | undefined {
  const match = /^([a-z][a-z0-9_-]*)(?:@(?:v?(\d+)|([a-z][a-z0-9_-]*)))?$/.exec(text.trim());
  if (!match) return undefined;
  return { asset: match[1]!, version: match[2] ? Number(match[2]) : undefined, alias: match[3] };
}

export function parseVersionNumber(text: string): number | undefined {
  const match = /^v?(\d+)$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

export type Resolved = { ok: true; record: MaterializationRecord } | { ok: false; error: string };

export async function resolveVersionRef(ledger: Ledger, ref: VersionRef): Promise<Resolved> {
  const records = await ledger.materializations(ref.asset);
  if (records.length === 0)
    return { ok: false, error: `${ref.asset} has no materializations in ${ledger.description}` };
  if (ref.alias !== undefined) {
    const holder = aliasHolders(await ledger.aliasHistory(ref.asset)).get(ref.alias);
    if (holder === undefined)
      return { ok: false, error: `${ref.asset} has no version with the alias ${ref.alias}` };
    const record = records.find((r) => r.version === holder);
    return record
      ? { ok: true, record }
      : { ok: false, error: `${ref.asset}@${ref.alias} points at v${holder}, whose record is missing` };
  }
  if (ref.version !== undefined) {
    const record = records.find((r) => r.version === ref.version);
    const latest = records.at(-1)!.version;
    return record
      ? { ok: true, record }
      : { ok: false, error: `${ref.asset} has no v${ref.version} (the latest is v${latest})` };
  }
  return { ok: true, record: records.at(-1)! };
}
