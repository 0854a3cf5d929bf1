import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliasHolder, aliasHolders, replayAliases } from "../../src/ledger/aliases.js";
import type { AliasEvent } from "../../src/domain/records.js";

let counter = 0;
function move(from: number | null, to: number | null, alias = "champion", id = `e${counter++}`): AliasEvent {
  return { alias, asset: "model", from, to, at: "2026-11-23T06:00:00.000Z", by: "t", reason: "", id };
}

describe("replayAliases", () => {
  it("voids a move whose from is not the holder", () => {
    const events = [move(null, 1), move(null, 2), move(1, 3), move(3, null), move(null, 2)];
    const { effective, missing } = replayAliases(events, new Set([1, 2, 3]));
    expect(effective.map((e) => [e.from, e.to])).toEqual([
      [null, 1],
      [1, 3],
      [3, null],
      [null, 2],
    ]);
    expect(missing.size).toBe(0);
    expect(aliasHolder(effective, "champion")).toBe(2);
  });

  it("keeps a move to a version whose record is gone, and names it missing instead of falling back", () => {
    const events = [
      move(null, 1),
      move(1, 7),
      move(1, 2),
      move(null, 3, "staging"),
      move(3, 9, "staging"),
      move(9, 3, "staging"),
    ];
    const { effective, missing } = replayAliases(events, new Set([1, 2, 3]));
    // champion: v7's record is gone, yet v7 holds it; the move from v1 lost to it and stays void.
    expect(aliasHolder(effective, "champion")).toBe(7);
    expect(Object.fromEntries(missing)).toEqual({ champion: 7 });
    // staging went through a missing v9 and back to v3, which has a record: nothing missing now.
    expect(aliasHolder(effective, "staging")).toBe(3);
  });

  it("counts an event appended twice (a retried write) once", () => {
    const first = move(null, 1);
    const { effective } = replayAliases([first, first, move(1, 2)], new Set([1, 2]));
    expect(effective.map((e) => e.to)).toEqual([1, 2]);
  });

  it("keeps aliases independent and drops removed ones from the holders", () => {
    const history = replayAliases(
      [move(null, 1), move(null, 2, "staging"), move(2, null, "staging")],
      new Set([1, 2]),
    ).effective;
    expect(Object.fromEntries(aliasHolders(history))).toEqual({ champion: 1 });
    expect(aliasHolder(history, "staging")).toBeNull();
  });

  it("any interleaving of moves replays to a chain in which each from is the previous to", () => {
    const version = fc.option(fc.integer({ min: 1, max: 6 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(version, version, fc.constantFrom("champion", "staging")), { maxLength: 40 }),
        (moves) => {
          const events = moves.map(([from, to, alias]) => move(from, to, alias));
          const { effective, missing } = replayAliases(events, new Set([1, 2, 3, 4, 5]));
          for (const alias of ["champion", "staging"]) {
            let holder: number | null = null;
            for (const event of effective.filter((e) => e.alias === alias)) {
              expect(event.from).toBe(holder);
              holder = event.to;
            }
            // A holder without a record (v6) is named missing, never replaced by an older one.
            expect(missing.get(alias)).toBe(holder === 6 ? 6 : undefined);
          }
        },
      ),
    );
  });
});
