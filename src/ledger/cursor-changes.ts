// What one run changes in a scope's automation cursor, and how that change is applied to the cursor
// as it is when the write happens. Several runs of one scope write the cursor at once (two `kiln
// run`s of different assets in one workspace, jobs of workflows sharing a branch): a run that wrote
// the whole file from what it read when it planned put back the entries another run had just moved
// (its tick looked unhandled again; its request tag came back with no outcome after it). A change
// names only what its run decided, so each backend applies it onto the newest cursor it can see,
// inside its write (the branch: on the tip the commit is built on, again after a lost push; the
// directory: holding the cursor's lock).
import {
  type CursorScope,
  type CursorState,
  type LineAdoption,
  RECORD_SCHEMA,
  type SourceFailureMark,
} from "../domain/records.js";

/** The workflow run whose plan job wrote an entry (automation/conditions.ts CursorRequest). */
export type CursorRequestTag = NonNullable<CursorState["requests"]>[string][string];

export interface CursorEntryChange {
  /** The tick this run handled (ISO). */
  at: string;
  /** Set: the entry is a request of that run. Absent: the entry handles its tick as written. */
  request?: CursorRequestTag | undefined;
}

export interface CursorChanges {
  /** Applied onto its cursor, or onto the one of its former name while it has none (the upgrade). */
  scope: CursorScope;
  /** asset → condition key → the entry this run decided. Other entries are left as they are. */
  entries: Record<string, Record<string, CursorEntryChange>>;
  /**
   * Sources this run observed: name → its failure mark when it failed (a mark already there is
   * kept: it is the first tick that saw the failure, the one that alerted), null when it did not
   * (or is no longer declared): its mark goes.
   */
  sources: Record<string, SourceFailureMark | null>;
  /** asset → a version this run's line took up (CursorState.adopted), appended unless already there. */
  adopted?: Record<string, LineAdoption> | undefined;
  /** The tick's time, recorded when something changed. */
  updatedAt: string;
}

/** How many adoptions a scope keeps per asset (see CursorState.adopted). */
const ADOPTIONS_KEPT = 20;

/**
 * `current` with `changes` applied, or undefined when nothing would change (no write needed). An
 * entry that `current` holds for a later tick stays, with its request tag: a slower run of an older
 * tick does not move a cursor back.
 */
export function applyCursorChanges(
  current: CursorState | undefined,
  changes: CursorChanges,
): CursorState | undefined {
  const assets = structuredClone(current?.assets ?? {});
  const requests = structuredClone(current?.requests ?? {});
  const sources = structuredClone(current?.sources ?? {});
  const adopted = structuredClone(current?.adopted ?? {});
  let changed = false;
  for (const [asset, keys] of Object.entries(changes.entries)) {
    for (const [key, entry] of Object.entries(keys)) {
      const held = assets[asset]?.[key];
      if (held !== undefined && Date.parse(held) > Date.parse(entry.at)) continue;
      const tag = requests[asset]?.[key];
      if (held !== entry.at) {
        assets[asset] = { ...assets[asset], [key]: entry.at };
        changed = true;
      }
      if (entry.request) {
        if (tag?.run !== entry.request.run || tag.attempt !== entry.request.attempt) {
          requests[asset] = { ...requests[asset], [key]: entry.request };
          changed = true;
        }
      } else if (tag) {
        const { [key]: _dropped, ...rest } = requests[asset]!;
        if (Object.keys(rest).length > 0) requests[asset] = rest;
        else delete requests[asset];
        changed = true;
      }
    }
  }
  for (const [name, mark] of Object.entries(changes.sources)) {
    if (mark === null) {
      if (sources[name] === undefined) continue;
      delete sources[name];
      changed = true;
    } else if (sources[name] === undefined) {
      sources[name] = mark;
      changed = true;
    }
  }
  for (const [asset, adoption] of Object.entries(changes.adopted ?? {})) {
    const held = adopted[asset] ?? [];
    if (held.some((a) => a.version === adoption.version && a.gitSha === adoption.gitSha)) continue;
    // The newest few: a merge-base older than these many adoptions finds the line's own builds.
    adopted[asset] = [...held, adoption].slice(-ADOPTIONS_KEPT);
    changed = true;
  }
  if (!changed) return undefined;
  return {
    schema: RECORD_SCHEMA,
    scope: changes.scope.name,
    assets,
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
    ...(Object.keys(adopted).length > 0 ? { adopted } : {}),
    updatedAt: changes.updatedAt,
  };
}
