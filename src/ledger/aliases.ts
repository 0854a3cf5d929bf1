// Alias history as compare-and-swap: every move names the version it saw holding the alias
// (`from`). Replaying the append-only log in order, a move whose `from` is not the holder at that
// point lost a race to a concurrent writer and is void, so every backend agrees on one history
// however appends interleave.
//
// A move is written only after its version's record is in place, and records are never removed,
// so a move naming a version without a readable record means damage (a deleted or corrupt record).
// Such a move still takes effect: skipping it would silently hand the alias back to the previous
// holder and let the next run promote a model worse than the real champion.
import type { AliasEvent } from "../domain/records.js";
import type { LedgerProblem } from "./ledger.js";

export interface AliasReplay {
  /** The moves that took effect, in append order: each `from` equals the previous `to`. */
  effective: AliasEvent[];
  /** Aliases that currently name a version with no readable record: alias → version. */
  missing: Map<string, number>;
}

export function replayAliases(events: readonly AliasEvent[], versions: ReadonlySet<number>): AliasReplay {
  const holders = new Map<string, number | null>();
  const effective: AliasEvent[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    // The same event twice (a retried append) counts once.
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if ((holders.get(event.alias) ?? null) !== event.from) continue;
    holders.set(event.alias, event.to);
    effective.push(event);
  }
  const missing = new Map<string, number>();
  for (const [alias, version] of holders)
    if (version !== null && !versions.has(version)) missing.set(alias, version);
  return { effective, missing };
}

/** The damage of a replayed history: every alias naming a version whose record is gone or unreadable. */
export function missingHolderDamage(
  asset: string,
  file: string,
  missing: ReadonlyMap<string, number>,
): LedgerProblem[] {
  return [...missing].map(([alias, version]) => ({
    path: file,
    message: `${alias} names ${asset} v${version}, which has no readable record; promotion of ${asset} stops until it is repaired`,
    fix: `restore v${version}'s record from a backup or the ledger branch's history, or point ${alias} at a good version with \`kiln promote ${asset} vN${alias === "champion" ? "" : ` --alias ${alias}`}\``,
  }));
}

/** The damage of an alias log line that cannot be read: every later move may be void because of it. */
export function unreadableLineDamage(asset: string, where: string, message: string): LedgerProblem {
  return {
    path: where,
    message: `${message}; moves after it may be void, so promotion of ${asset} stops until it is repaired`,
    fix: `restore the line from a backup or the ledger branch's history; if it was a move cut short by a crash, delete it. Then check \`kiln aliases ${asset}\``,
  };
}

/** The version holding `alias` after an effective history, or null when nobody holds it. */
export function aliasHolder(history: readonly AliasEvent[], alias: string): number | null {
  return aliasHolders(history).get(alias) ?? null;
}

/**
 * The move that promoted `version` to `alias`, read from the alias log, or undefined when none did.
 * A record's verdict says what its run decided; only the log says whether the alias moved (a lost
 * race decides again, a killed run never moves), so "promoted" is always read from here.
 */
export function promotionMove(
  history: readonly AliasEvent[],
  alias: string,
  version: number,
): AliasEvent | undefined {
  return history.find(
    (e) => e.alias === alias && e.to === version && (e.kind ?? "promotion") === "promotion",
  );
}

/** Every alias that currently names a version, alias → version. */
export function aliasHolders(history: readonly AliasEvent[]): Map<string, number> {
  const holders = new Map<string, number | null>();
  for (const event of history) holders.set(event.alias, event.to);
  const held = new Map<string, number>();
  for (const [alias, version] of holders) if (version !== null) held.set(alias, version);
  return held;
}

/**
 * The holders `kiln rollback` walks back through, oldest first, the current holder last. A move
 * pushes its version; a rollback pops back to the version it restored, so rolling back twice from
 * v4 gives v3 then v2 (not v4 again, as flipping between the last two holders would).
 */
export function rollbackStack(history: readonly AliasEvent[], alias: string): number[] {
  const stack: number[] = [];
  for (const event of history) {
    if (event.alias !== alias) continue;
    if (event.to === null) {
      stack.length = 0;
      continue;
    }
    if (event.kind === "rollback") {
      const at = stack.lastIndexOf(event.to);
      if (at >= 0) {
        stack.length = at + 1;
        continue;
      }
    }
    if (stack.at(-1) !== event.to) stack.push(event.to);
  }
  return stack;
}
