import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliasHolder, aliasHolders, replayAliases } from "../../src/ledger/aliases.js";
import type { AliasEvent } from "../../src/domain/records.js";

let counter = 0;
function move(from: number | null, to: number | null, alias = "champion", id = `e${counter++}`): AliasEvent {
  return { alias, asset: "model", from, to, at: "2026-11-23T06:00:00.000Z", by: "t", reason: "", id };
}

describe("replayAliases", () => {
  it("voids a move whose from is not the holder, and a move to a missing version", () => {
    const events = [move(null, 1), move(null, 2), move(1, 3), move(3, 7), move(3, null), move(null, 2)];
    const { effective, orphans } = replayAliases(events, new Set([1, 2, 3]));
    expect(effective.map((e) => [e.from, e.to])).toEqual([
      [null, 1],
      [1, 3],
      [3, null],
      [null, 2],
    ]);
    expect(orphans.map((e) => e.to)).toEqual([7]);
    expect(aliasHolder(effective, "champion")).toBe(2);
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
          const { effective } = replayAliases(events, new Set([1, 2, 3, 4, 5]));
          for (const alias of ["champion", "staging"]) {
            let holder: number | null = null;
            for (const event of effective.filter((e) => e.alias === alias)) {
              expect(event.from).toBe(holder);
              expect(event.to === null || event.to <= 5).toBe(true);
              holder = event.to;
            }
          }
        },
      ),
    );
  });
});
