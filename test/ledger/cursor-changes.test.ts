// The one rule both ledgers apply a run's cursor changes by (src/ledger/cursor-changes.ts).
import { describe, expect, it } from "vitest";
import { RECORD_SCHEMA, type CursorState } from "../../src/domain/records.js";
import { applyCursorChanges, type CursorChanges } from "../../src/ledger/cursor-changes.js";

const WEEKLY = "on_cron:0 3 * * 1@UTC";
const DAILY = "on_cron:0 6 * * *@UTC";

const stored: CursorState = {
  schema: RECORD_SCHEMA,
  scope: "main",
  assets: {
    model: { [WEEKLY]: "2026-11-23T03:05:00.000Z", [DAILY]: "2026-11-23T06:05:00.000Z" },
    prep: { [DAILY]: "2026-11-23T06:05:00.000Z" },
  },
  requests: { model: { [WEEKLY]: { run: "700", attempt: 1 }, [DAILY]: { run: "700", attempt: 1 } } },
  sources: { feed: { since: "2026-11-23T06:05:00.000Z", error: "HTTP 503", runId: "700" } },
  updatedAt: "2026-11-23T06:05:00.000Z",
};

function changes(partial: Partial<CursorChanges>): CursorChanges {
  return {
    scope: { name: "main" },
    entries: {},
    sources: {},
    updatedAt: "2026-11-23T07:00:00.000Z",
    ...partial,
  };
}

describe("applyCursorChanges", () => {
  it("an outcome clears the request tag of the entry it handled and leaves every other entry and tag as it is", () => {
    const next = applyCursorChanges(
      stored,
      changes({ entries: { model: { [WEEKLY]: { at: "2026-11-23T03:05:00.000Z" } } } }),
    );
    expect(next).toEqual({
      ...stored,
      requests: { model: { [DAILY]: { run: "700", attempt: 1 } } },
      updatedAt: "2026-11-23T07:00:00.000Z",
    });
  });

  it("keeps an entry of a later tick, with its request, against a slower run of an older tick", () => {
    const late = changes({ entries: { model: { [WEEKLY]: { at: "2026-11-16T03:05:00.000Z" } } } });
    expect(applyCursorChanges(stored, late)).toBeUndefined();
  });

  it("keeps a source's first mark, adds a new one, and drops the mark of a source seen again", () => {
    const next = applyCursorChanges(
      stored,
      changes({
        sources: {
          feed: { since: "2026-11-23T07:00:00.000Z", error: "HTTP 503", runId: "701" },
          weather: { since: "2026-11-23T07:00:00.000Z", error: "timeout", runId: "701" },
        },
      }),
    );
    expect(next?.sources).toEqual({
      feed: stored.sources!.feed,
      weather: { since: "2026-11-23T07:00:00.000Z", error: "timeout", runId: "701" },
    });
    const recovered = applyCursorChanges(stored, changes({ sources: { feed: null } }));
    expect(recovered).toEqual({ ...stored, sources: undefined, updatedAt: "2026-11-23T07:00:00.000Z" });
    expect(recovered && "sources" in recovered).toBe(false);
  });

  it("changes nothing (no write) when the run's decisions are already there", () => {
    const same = changes({
      entries: {
        model: { [DAILY]: { at: "2026-11-23T06:05:00.000Z", request: { run: "700", attempt: 1 } } },
      },
      sources: { feed: { since: "2026-11-23T07:00:00.000Z", error: "HTTP 503" }, other: null },
    });
    expect(applyCursorChanges(stored, same)).toBeUndefined();
  });

  it("starts a cursor for a scope that has none", () => {
    expect(
      applyCursorChanges(
        undefined,
        changes({ entries: { prep: { [DAILY]: { at: "2026-11-23T06:05:00.000Z" } } } }),
      ),
    ).toEqual({
      schema: RECORD_SCHEMA,
      scope: "main",
      assets: { prep: { [DAILY]: "2026-11-23T06:05:00.000Z" } },
      updatedAt: "2026-11-23T07:00:00.000Z",
    });
  });

  it("appends a version the line took up once, keeps the other assets' and only the newest twenty", () => {
    const taken = (version: number) => ({ version, gitSha: `c${version}`, at: "2026-11-23T07:00:00.000Z" });
    const first = applyCursorChanges(stored, changes({ adopted: { model: taken(2) } }));
    expect(first?.adopted).toEqual({ model: [taken(2)] });
    expect(applyCursorChanges(first, changes({ adopted: { model: taken(2) } }))).toBeUndefined();
    let cursor = applyCursorChanges(first, changes({ adopted: { prep: taken(5) } }));
    for (let version = 3; version <= 30; version++)
      cursor = applyCursorChanges(cursor, changes({ adopted: { model: taken(version) } }));
    expect(cursor?.adopted?.prep).toEqual([taken(5)]);
    expect(cursor?.adopted?.model?.map((a) => a.version)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 11),
    );
  });
});
