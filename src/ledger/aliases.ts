// Alias history as compare-and-swap: every move names the version it saw holding the alias
// (`from`). Replaying the append-only log in order, a move whose `from` is not the holder at that
// point lost a race to a concurrent writer and is void, so every backend agrees on one history
// however appends interleave.
import type { AliasEvent } from "../domain/records.js";

export interface AliasReplay {
  /** The moves that took effect, in append order: each `from` equals the previous `to`. */
  effective: AliasEvent[];
  /** Moves to a version that has no record: ignored, so an alias never names a missing version. */
  orphans: AliasEvent[];
}

export function replayAliases(events: readonly AliasEvent[], versions: ReadonlySet<number>): AliasReplay {
  const holders = new Map<string, number | null>();
  const effective: AliasEvent[] = [];
  const orphans: AliasEvent[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    // The same event twice (a retried append) counts once.
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if ((holders.get(event.alias) ?? null) !== event.from) continue;
    if (event.to !== null && !versions.has(event.to)) {
      orphans.push(event);
      continue;
    }
    holders.set(event.alias, event.to);
    effective.push(event);
  }
  return { effective, orphans };
}

/** The version holding `alias` after an effective history, or null when nobody holds it. */
export function aliasHolder(history: readonly AliasEvent[], alias: string): number | null {
  let holder: number | null = null;
  for (const event of history) if (event.alias === alias) holder = event.to;
  return holder;
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
