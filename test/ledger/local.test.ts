import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aliasHolder, aliasHolders } from "../../src/ledger/aliases.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { openLedger } from "../../src/ledger/open.js";
import { type CursorState, RECORD_SCHEMA } from "../../src/domain/records.js";
import {
  newFailure,
  newMaterialization,
  promotionViolations,
  racingMaes,
  runWorker,
  tempDir,
  type WorkerResult,
} from "./fixtures.js";

function ledgerIn(root: string): LocalLedger {
  return new LocalLedger(path.join(root, ".kiln", "ledger"));
}

describe("LocalLedger", () => {
  it("numbers versions v1, v2, … and writes each record as a file of the documented layout", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    const first = await ledger.recordMaterialization(newMaterialization("model"));
    const second = await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    expect([first.version, second.version]).toEqual([1, 2]);
    const dir = path.join(root, ".kiln/ledger/materializations/model");
    expect(readdirSync(dir).sort()).toEqual(["v1.json", "v2.json"]);
    const onDisk = JSON.parse(readFileSync(path.join(dir, "v2.json"), "utf8"));
    expect(onDisk).toMatchObject({ schema: RECORD_SCHEMA, asset: "model", version: 2, metrics: { mae: 50 } });
    // A fresh instance (another process) reads the same records.
    const records = await ledgerIn(root).materializations("model");
    expect(records.map((r) => [r.version, r.metrics.mae])).toEqual([
      [1, 61.5],
      [2, 50],
    ]);
    expect(ledger.problems()).toEqual([]);
  });

  it("a ledger that listed an asset earlier takes the number after what others wrote since, and never one an alias named", async () => {
    const root = tempDir();
    const ours = ledgerIn(root);
    const other = ledgerIn(root);
    await other.recordMaterialization(newMaterialization("model"));
    // This ledger lists the folder (v1), as a run's planning does, before it writes.
    expect((await ours.heads("model")).map((h) => h.version)).toEqual([1]);
    await other.recordMaterialization(newMaterialization("model"));
    const third = await other.recordMaterialization(newMaterialization("model"));
    expect(
      await other.moveAlias({
        alias: "champion",
        asset: "model",
        from: null,
        to: third.version,
        by: "t",
        reason: "test",
      }),
    ).toBe(true);
    // v3's record is lost (deleted by hand); its number stays taken, since the alias history names it.
    const dir = path.join(root, ".kiln/ledger/materializations/model");
    rmSync(path.join(dir, "v3.json"));
    const mine = await ours.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    expect(mine.version).toBe(4);
    const next = await ours.recordMaterialization(newMaterialization("model"));
    expect(next.version).toBe(5);
    expect(readdirSync(dir).sort()).toEqual(["v1.json", "v2.json", "v4.json", "v5.json"]);
    expect(JSON.parse(readFileSync(path.join(dir, "v4.json"), "utf8"))).toMatchObject({
      version: 4,
      metrics: { mae: 40 },
    });
  });

  it("keeps failures apart from versions, ordered by start time", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    await ledger.recordFailure(newFailure("model", "2026-11-23T06:05:00.000Z"));
    await ledger.recordFailure(newFailure("model", "2026-11-23T06:01:00.000Z"));
    const names = readdirSync(path.join(root, ".kiln/ledger/failures/model"));
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^20261123T060[15]00Z-[0-9a-f]{8}\.json$/);
    const failures = await ledger.failures("model");
    expect(failures.map((f) => f.startedAt)).toEqual([
      "2026-11-23T06:01:00.000Z",
      "2026-11-23T06:05:00.000Z",
    ]);
    expect(await ledger.materializations("model")).toEqual([]);
  });

  it("reports corrupt, foreign and future records by path and skips them, without losing their numbers", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    await ledger.recordMaterialization(newMaterialization("model"));
    const dir = path.join(root, ".kiln/ledger/materializations/model");
    writeFileSync(path.join(dir, "v2.json"), '{"schema": 1, "asset": "mod'); // cut short
    writeFileSync(
      path.join(dir, "v3.json"),
      JSON.stringify({ ...newMaterialization("model"), schema: 99, version: 3 }),
    );
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    writeFileSync(path.join(dir, "v4.json"), JSON.stringify({ schema: 1, asset: "model", version: 4 }));

    const reader = ledgerIn(root);
    expect((await reader.materializations("model")).map((r) => r.version)).toEqual([1]);
    const problems = reader.problems().map((p) => `${path.relative(root, p.path)}: ${p.message}`);
    expect(problems.sort()).toEqual([
      ".kiln/ledger/materializations/model/notes.txt: not a ledger record (expected v<N>.json)",
      expect.stringMatching(/^\.kiln\/ledger\/materializations\/model\/v2\.json: not valid JSON/),
      ".kiln/ledger/materializations/model/v3.json: written by an unknown version of Kiln (schema number) or not a Kiln record",
      expect.stringMatching(
        /^\.kiln\/ledger\/materializations\/model\/v4\.json: does not look like a Kiln record: /,
      ),
    ]);
    // The unreadable v2–v4 still hold their numbers: the next version is v5, nothing is overwritten.
    expect((await reader.recordMaterialization(newMaterialization("model"))).version).toBe(5);
  });

  it("a record whose content names another version is reported, not trusted", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    const v1 = await ledger.recordMaterialization(newMaterialization("model"));
    const dir = path.join(root, ".kiln/ledger/materializations/model");
    writeFileSync(path.join(dir, "v7.json"), JSON.stringify(v1));
    const reader = ledgerIn(root);
    expect((await reader.materializations("model")).map((r) => r.version)).toEqual([1]);
    expect(reader.problems()).toEqual([
      { path: path.join(dir, "v7.json"), message: "holds model v1, not model v7" },
    ]);
  });

  it("moves aliases as compare-and-swap and keeps only effective moves in the history", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    for (let i = 0; i < 3; i++) await ledger.recordMaterialization(newMaterialization("model"));
    const move = (from: number | null, to: number | null, alias = "champion") =>
      ledger.moveAlias({ alias, asset: "model", from, to, by: "test", reason: `${from} → ${to}` });
    expect(await move(null, 1)).toBe(true);
    expect(await move(null, 2)).toBe(false); // stale view: v1 already holds it
    expect(await move(1, 2)).toBe(true);
    expect(await move(1, 3)).toBe(false);
    expect(await move(null, 3, "staging")).toBe(true);
    expect(await move(2, 9)).toBe(false); // v9 has no record: refused, nothing appended

    const history = await ledger.aliasHistory("model");
    expect(history.map((e) => [e.alias, e.from, e.to])).toEqual([
      ["champion", null, 1],
      ["champion", 1, 2],
      ["staging", null, 3],
    ]);
    expect(aliasHolder(history, "champion")).toBe(2);
    expect(aliasHolder(history, "nobody")).toBeNull();
    expect(Object.fromEntries(aliasHolders(history))).toEqual({ champion: 2, staging: 3 });
    expect(ledger.problems()).toEqual([]);
    // Every attempt was appended (void ones too): the log is the audit trail. A move to a version
    // without a record is not an attempt: it is refused before it is written.
    const lines = readFileSync(path.join(root, ".kiln/ledger/aliases/model.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim());
    expect(lines).toHaveLength(5);
  });

  it("skips and reports a line cut short by a crash, and later appends still count", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    for (let i = 0; i < 2; i++) await ledger.recordMaterialization(newMaterialization("model"));
    await ledger.moveAlias({
      alias: "champion",
      asset: "model",
      from: null,
      to: 1,
      by: "t",
      reason: "first",
    });
    const log = path.join(root, ".kiln/ledger/aliases/model.jsonl");
    appendFileSync(log, '\n{"alias":"champion","asset":"model","from":1,"to":2,"at":"2026-'); // crash mid-line
    const moved = await ledger.moveAlias({
      alias: "champion",
      asset: "model",
      from: 1,
      to: 2,
      by: "t",
      reason: "x",
    });
    expect(moved).toBe(true);
    const reader = ledgerIn(root);
    expect((await reader.aliasHistory("model")).map((e) => e.to)).toEqual([1, 2]);
    // Reported as damage (promotion stops until the line is repaired), with the fix.
    expect(reader.problems()).toEqual([
      {
        path: `${log}:4`,
        message:
          "an unreadable alias line (cut short by a crash?); skipped; moves after it may be void, so promotion of model stops until it is repaired",
        fix: "restore the line from a backup or the ledger branch's history; if it was a move cut short by a crash, delete it. Then check `kiln aliases model`",
      },
    ]);
  });

  it("round-trips cursors, with scope names that are not file names", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    expect(await ledger.readCursor({ name: "feature/new-model" })).toBeUndefined();
    const state: CursorState = {
      schema: RECORD_SCHEMA,
      scope: "feature/new-model",
      assets: { model: { "on_cron:0 3 * * 1": "2026-11-30T03:00:00.000Z" } },
      updatedAt: "2026-11-30T06:00:00.000Z",
    };
    const handled = (scope: string, at: string) => ({
      scope: { name: scope },
      entries: { model: { "on_cron:0 3 * * 1": { at } } },
      sources: {},
      updatedAt: at.replace("03:00", "06:00"),
    });
    await ledger.updateCursor(handled("feature/new-model", "2026-11-23T03:00:00.000Z"));
    await ledger.updateCursor(handled("feature/new-model", "2026-11-30T03:00:00.000Z"));
    expect(readdirSync(path.join(root, ".kiln/ledger/cursors"))).toEqual([
      expect.stringMatching(/^feature_new-model-[0-9a-f]{8}\.json$/),
    ]);
    expect(await ledgerIn(root).readCursor({ name: "feature/new-model" })).toEqual(state);
    // A run of an older tick that commits after it does not move the cursor back.
    await ledger.updateCursor(handled("feature/new-model", "2026-11-23T03:00:00.000Z"));
    expect(await ledgerIn(root).readCursor({ name: "feature/new-model" })).toEqual(state);
    expect(await ledger.readCursor({ name: "main" })).toBeUndefined();
    // A branch whose name only differs where file names cannot (feature_new-model) has its own.
    expect(await ledger.readCursor({ name: "feature_new-model" })).toBeUndefined();
    await ledger.updateCursor(handled("feature_new-model", "2026-11-16T03:00:00.000Z"));
    expect((await ledgerIn(root).readCursor({ name: "feature/new-model" }))?.assets).toEqual(state.assets);
    expect((await ledgerIn(root).readCursor({ name: "feature_new-model" }))?.assets).toEqual({
      model: { "on_cron:0 3 * * 1": "2026-11-16T03:00:00.000Z" },
    });
    // A cursor kept before file names had digests is still read, by the scope it names only.
    const old = path.join(root, ".kiln/ledger/cursors/release_2027.json");
    writeFileSync(old, JSON.stringify({ ...state, scope: "release/2027" }));
    expect((await ledgerIn(root).readCursor({ name: "release/2027" }))?.scope).toBe("release/2027");
    expect(await ledgerIn(root).readCursor({ name: "release_2027" })).toBeUndefined();
    // A damaged cursor is reported and the cursors start over instead of failing the tick.
    writeFileSync(path.join(root, ".kiln/ledger/cursors/main.json"), "{");
    const reader = ledgerIn(root);
    expect(await reader.readCursor({ name: "main" })).toBeUndefined();
    expect(reader.problems()[0]?.message).toBe("not valid JSON; the automation cursors start over");
  });

  it("a version whose head cannot be appended is still recorded, once, and read back through its record", async () => {
    const root = tempDir();
    const ledger = ledgerIn(root);
    await ledger.recordMaterialization(newMaterialization("model"));
    // The heads log cannot be appended to (here a folder in its place; a full disk alike).
    const heads = path.join(root, ".kiln/ledger/heads/model.jsonl");
    rmSync(heads);
    mkdirSync(heads);
    const second = await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    expect(second.version).toBe(2);
    expect(readdirSync(path.join(root, ".kiln/ledger/materializations/model")).sort()).toEqual([
      "v1.json",
      "v2.json",
    ]);
    expect(ledger.problems().map((p) => p.path)).toEqual([heads]);
    // The head is derived from the record by the next reader.
    rmSync(heads, { recursive: true });
    expect((await ledgerIn(root).heads("model")).map((h) => h.version)).toEqual([1, 2]);
  });

  it("openLedger picks the directory outside Actions and when asked", async () => {
    const root = tempDir();
    const local = await openLedger({ kind: "auto", root, inActions: false, project: "p" });
    expect(local).toBeInstanceOf(LocalLedger);
    // In Actions but outside a repository with a remote, auto still falls back to the directory.
    expect(await openLedger({ kind: "auto", root, inActions: true, project: "p" })).toBeInstanceOf(
      LocalLedger,
    );
    await expect(openLedger({ kind: "branch", root, project: "p" })).rejects.toThrow(
      /needs a git repository/,
    );
  });
});

describe("LocalLedger under concurrent processes", () => {
  it("eight processes claim versions and promote through the real promotion loop: no collision, the best model ends champion", async () => {
    const root = tempDir();
    const writers = 8;
    const perWriter = 12;
    const results: WorkerResult[] = await Promise.all(
      racingMaes(writers, perWriter).map((maes, i) =>
        runWorker({ backend: "local", dir: root, asset: "model", maes, id: String(i) }),
      ),
    );
    const claimed = results.flatMap((r) => r.versions).sort((a, b) => a - b);
    // Unique and dense: every record landed under its own number, no gaps.
    expect(claimed).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i + 1));
    const ledger = ledgerIn(root);
    const records = await ledger.materializations("model");
    expect(records.map((r) => r.version)).toEqual(claimed);
    // Each file holds the record its writer was told it got.
    expect(new Set(records.map((r) => r.reasons[0])).size).toBe(writers * perWriter);

    // Every move the workers' promotion loops reported is in the history, once, and the history
    // is a chain of improvements ending on the best model.
    const history = await ledger.aliasHistory("model");
    expect(history.length).toBe(results.reduce((n, r) => n + r.wins, 0));
    expect(await promotionViolations(ledger, "model")).toEqual([]);
    expect(ledger.problems()).toEqual([]);
    expect(
      readdirSync(path.join(root, ".kiln/ledger/materializations/model")).filter((n) => n.startsWith(".tmp")),
    ).toEqual([]);
  });
});
