// Heads and series kept apart (issue #16): planning reads one small log per asset and records stay
// small whatever their curves; ledgers written before either still read, and a kill between a
// record and its head never leaves a head without its record.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HeadLog } from "../../src/ledger/heads.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { RECORD_SCHEMA, type SeriesPoint } from "../../src/domain/records.js";
import { BranchLedger } from "../../src/ledger/branch.js";
import { newMaterialization, remoteWithClones, tempDir } from "./fixtures.js";

function ledgerAt(root: string): LocalLedger {
  return new LocalLedger(path.join(root, "ledger"));
}

/** A record as Kiln wrote it before heads and series files: series inline, no heads log. */
function writeOldRecord(root: string, version: number, series: SeriesPoint[], mae: number): void {
  const dir = path.join(root, "ledger/materializations/model");
  mkdirSync(dir, { recursive: true });
  const record = {
    schema: RECORD_SCHEMA,
    ...newMaterialization("model", { series, metrics: { mae } }),
    version,
  };
  writeFileSync(path.join(dir, `v${version}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

describe("version heads and series files", () => {
  it("stores the series beside the record and reads it back on demand, however long", async () => {
    const root = tempDir();
    const series = Array.from({ length: 100_000 }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) }));
    const written = await ledgerAt(root).recordMaterialization(newMaterialization("model", { series }));
    expect(written.series).toEqual([]);
    expect(written.seriesFile).toMatchObject({ points: 100_000 });
    const onDisk = JSON.parse(readFileSync(path.join(root, "ledger/materializations/model/v1.json"), "utf8"));
    expect(onDisk.series).toEqual([]);
    expect(onDisk.seriesFile.path).toMatch(/^series\/model\/[0-9a-f]{64}\.jsonl$/);
    const reader = ledgerAt(root);
    const record = (await reader.materialization("model", 1))!;
    expect(await reader.series(record)).toEqual(series);
    // The same curve again is the same file: written once.
    await reader.recordMaterialization(newMaterialization("model", { series }));
    expect(readdirSync(path.join(root, "ledger/series/model"))).toHaveLength(1);
    expect(reader.problems()).toEqual([]);
  });

  it("keeps one head per version, appended after its record", async () => {
    const root = tempDir();
    const ledger = ledgerAt(root);
    await ledger.recordMaterialization(newMaterialization("model"));
    await ledger.recordMaterialization(
      newMaterialization("model", { logicalVersion: "lv-2", metrics: { mae: 40 } }),
    );
    const lines = readFileSync(path.join(root, "ledger/heads/model.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).version)).toEqual([1, 2]);
    expect(
      (await ledgerAt(root).heads("model")).map((h) => [h.version, h.logicalVersion, h.metrics.mae]),
    ).toEqual([
      [1, "lv-1", 61.5],
      [2, "lv-2", 40],
    ]);
    expect(await ledger.heads("nothing")).toEqual([]);
  });

  it("reads a ledger written before heads and series files, and keeps the derived heads", async () => {
    const root = tempDir();
    writeOldRecord(root, 1, [{ step: 1, loss: 0.9 }], 70);
    writeOldRecord(root, 2, [{ step: 1, loss: 0.4 }], 50);
    const ledger = ledgerAt(root);
    expect((await ledger.heads("model")).map((h) => [h.version, h.metrics.mae])).toEqual([
      [1, 70],
      [2, 50],
    ]);
    const v2 = (await ledger.materialization("model", 2))!;
    expect(await ledger.series(v2)).toEqual([{ step: 1, loss: 0.4 }]);
    // The heads were derived once and kept: the log now lists both versions.
    const log = readFileSync(path.join(root, "ledger/heads/model.jsonl"), "utf8");
    expect(
      log
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).version),
    ).toEqual([1, 2]);
    // A new version after them gets its head and its series file as usual.
    const v3 = await ledger.recordMaterialization(newMaterialization("model"));
    expect((await ledgerAt(root).heads("model")).map((h) => h.version)).toEqual([1, 2, 3]);
    expect(await ledger.series(v3)).toEqual([{ step: 1, loss: 0.5 }]);
    expect(ledger.problems()).toEqual([]);
  });

  it("keeps in each head what status needs of a fresh version: its dependencies' data versions, outputs and locations", async () => {
    const root = tempDir();
    await ledgerAt(root).recordMaterialization(
      newMaterialization("model", {
        provenance: { ...newMaterialization("model").provenance, deps: { features: "dv-f" } },
      }),
    );
    const [head] = await ledgerAt(root).heads("model");
    expect(head).toMatchObject({
      version: 1,
      deps: { features: "dv-f" },
      outputs: { "build/model.json": { blob: "c".repeat(40), size: 12 } },
      locations: [{ kind: "local", ref: ".kiln/store" }],
    });
  });

  it("rebuilds a head written by an older Kiln (without deps, outputs, locations) from its record, once", async () => {
    const root = tempDir();
    const ledger = ledgerAt(root);
    await ledger.recordMaterialization(newMaterialization("model"));
    const file = path.join(root, "ledger/heads/model.jsonl");
    // The head as the previous release wrote it: no deps, outputs or locations.
    const { deps: _d, outputs: _o, locations: _l, ...old } = JSON.parse(readFileSync(file, "utf8").trim());
    writeFileSync(file, `${JSON.stringify(old)}\n`);
    const reader = ledgerAt(root);
    const [head] = await reader.heads("model");
    expect(head).toMatchObject({ version: 1, deps: {}, outputs: { "build/model.json": { size: 12 } } });
    expect(reader.problems()).toEqual([]);
    // Kept: the log now ends with the whole head, which the next reader takes over the old line.
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ version: 1, locations: [{ kind: "local" }] });
    await ledgerAt(root).heads("model");
    expect(readFileSync(file, "utf8").split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("derives the head of a record whose head a kill cut off, and never lists a head without its record", async () => {
    const root = tempDir();
    const ledger = ledgerAt(root);
    await ledger.recordMaterialization(newMaterialization("model"));
    await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    const file = path.join(root, "ledger/heads/model.jsonl");
    const [first, second] = readFileSync(file, "utf8").split("\n").filter(Boolean) as [string, string];
    // Killed mid-append after v2's record: half of its head line is on disk. And a head naming a
    // version whose record never landed (not something Kiln writes, but a reader must not trust it).
    const stray = JSON.stringify({ ...JSON.parse(first), version: 9 });
    writeFileSync(file, `\n${first}\n\n${second.slice(0, 20)}\n${stray}\n`);
    const reader = ledgerAt(root);
    expect((await reader.heads("model")).map((h) => [h.version, h.metrics.mae])).toEqual([
      [1, 61.5],
      [2, 40],
    ]);
    expect(reader.problems().map((p) => p.message)).toEqual([
      "an unreadable head line (cut short by a crash?); skipped",
    ]);
    expect(await reader.materialization("model", 9)).toBeUndefined();
  });

  it("reports a damaged or missing series file and reads the record without the lost points", async () => {
    const root = tempDir();
    const ledger = ledgerAt(root);
    const written = await ledger.recordMaterialization(newMaterialization("model"));
    const [name] = readdirSync(path.join(root, "ledger/series/model"));
    const file = path.join(root, "ledger/series/model", name!);
    writeFileSync(file, '{"step": 1, "loss": 0.5}\n{not json\n');
    expect(await ledger.series(written)).toEqual([{ step: 1, loss: 0.5 }]);
    rmSync(file);
    expect(await ledger.series(written)).toEqual([]);
    expect(ledger.problems().map((p) => p.message)).toEqual([
      "an unreadable series line; skipped",
      "the series of model v1 is missing; shown without it",
    ]);
  });
});

/** A record whose provenance declares its outputs, as Kiln writes them now. */
function declared(logicalVersion: string) {
  const base = newMaterialization("model");
  return { ...base, logicalVersion, provenance: { ...base.provenance, outputs: ["build/model.json"] } };
}

describe("heads read newest first (HeadLog)", () => {
  /** v1–v6 recorded, then the log rewritten with every kind of line a reader may meet. */
  async function mixedLog(root: string): Promise<string> {
    const ledger = ledgerAt(root);
    for (let v = 1; v <= 6; v++) await ledger.recordMaterialization(declared(`lv-${v}`));
    const file = path.join(root, "ledger/heads/model.jsonl");
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    const head = (v: number) => JSON.parse(lines[v - 1]!);
    const { deps: _d, outputs: _o, locations: _l, ...old } = head(1);
    const { version: _v, ...rest } = head(2);
    writeFileSync(
      file,
      [
        JSON.stringify(old), // v1 as an older Kiln wrote it, then whole further down
        JSON.stringify({ ...rest, version: 2 }), // v2 edited by hand: its number is not first
        lines[2]!.slice(0, 20), // v3 cut short by a kill: derived from its record
        // v4 has no line at all: derived from its record
        lines[4]!.replace('"lv-5"', '"lv\\u002d5"'), // v5 with an escape: read to compare
        "",
        lines[5]!,
        JSON.stringify({ ...head(6), version: 9 }), // no record v9: never listed
        lines[0]!,
      ].join("\n"),
    );
    return file;
  }

  it("answers what heads() answers, a line parsed only when a lookup reaches it", async () => {
    const root = tempDir();
    await mixedLog(root);
    const reader = ledgerAt(root);
    const log = await reader.headLog("model");
    // Both indexed before any head is derived from its record (and appended) below.
    const fresh = await ledgerAt(root).headLog("model");
    const whole = ledgerAt(root);
    const expected = await whole.heads("model");
    expect(expected.map((h) => [h.version, h.logicalVersion])).toEqual([
      [1, "lv-1"],
      [2, "lv-2"],
      [3, "lv-3"],
      [4, "lv-4"],
      [5, "lv-5"],
      [6, "lv-6"],
    ]);
    expect(log.versions).toEqual([1, 2, 3, 4, 5, 6]);
    // The newest head is read without reaching the damaged line of v3.
    expect(await log.head(6)).toEqual(expected[5]);
    expect(reader.problems()).toEqual([]);
    expect(await log.all()).toEqual(expected);
    expect(reader.problems().map((p) => [p.path.split("/").slice(-2).join("/"), p.message])).toEqual([
      ["heads/model.jsonl:3", "an unreadable head line (cut short by a crash?); skipped"],
    ]);
    // Whether a version may have a logical version, from its line's text where it can be trusted.
    expect(log.mayHave(6, "lv-1")).toBe(false); // v6's head is parsed by now: asked of the head
    expect(log.mayHave(6, "lv-6")).toBe(true);
    expect(fresh.mayHave(6, "lv-6")).toBe(true);
    expect(fresh.mayHave(6, "lv-1")).toBe(false);
    expect(fresh.mayHave(2, "lv-1")).toBe(false);
    expect(fresh.mayHave(5, "lv-5")).toBe(true); // escaped: only a parse can tell
    expect(fresh.mayHave(3, "lv-1")).toBe(true); // its head comes from its record
    expect(fresh.mayHave(4, "lv-1")).toBe(true);
    // v1: the whole line further down is the head, its old line skipped.
    expect(fresh.mayHave(1, "lv-2")).toBe(false);
    expect(await fresh.head(1)).toEqual(expected[0]);
    expect(await fresh.head(9)).toBeUndefined();
  });

  it("rebuilds the heads a damaged log lost from their records, and keeps them", async () => {
    const root = tempDir();
    const file = await mixedLog(root);
    const reader = ledgerAt(root);
    const log = await reader.headLog("model");
    expect((await log.head(3))?.logicalVersion).toBe("lv-3");
    expect((await log.head(4))?.logicalVersion).toBe("lv-4");
    // Appended: the next reader finds both heads in the log, no record read.
    const again = await ledgerAt(root).headLog("model");
    expect(again.mayHave(3, "lv-1")).toBe(false);
    expect(again.mayHave(4, "lv-1")).toBe(false);
    rmSync(path.join(root, "ledger/materializations/model/v4.json"));
    expect(readFileSync(file, "utf8")).toContain('"version":4,');
  });

  it("reads a long log from its end, and the rest only when a lookup goes past it", async () => {
    const root = tempDir();
    const ledger = ledgerAt(root);
    for (let v = 1; v <= 40; v++) await ledger.recordMaterialization(declared(`lv-${v}`));
    const file = path.join(root, "ledger/heads/model.jsonl");
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    expect(lines.join("\n").length).toBeGreaterThan(3 * 4096);
    // v3's line damaged (far from the end), v39's line cut short by a kill (in the end read first).
    lines[2] = lines[2]!.slice(0, 30);
    lines[38] = lines[38]!.slice(0, 30);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const expected = await ledgerAt(root).heads("model");

    const reader = ledgerAt(root);
    const log = await reader.headLog("model");
    expect((await log.head(40))?.logicalVersion).toBe("lv-40");
    expect(log.mayHave(38, "lv-1")).toBe(false);
    expect(reader.problems()).toEqual([]);
    // v39: its only line is damaged; reported by its number in the whole log, derived from its record.
    expect((await log.head(39))?.logicalVersion).toBe("lv-39");
    expect(reader.problems().map((p) => p.path.split("/").pop())).toEqual(["model.jsonl:39"]);
    // An old version: read from the rest of the log.
    expect(log.mayHave(2, "lv-2")).toBe(true);
    expect(log.mayHave(2, "lv-1")).toBe(false);
    expect((await log.head(2))?.logicalVersion).toBe("lv-2");
    expect(await log.all()).toEqual(expected);
    expect(reader.problems().map((p) => p.path.split("/").pop())).toEqual([
      "model.jsonl:39",
      "model.jsonl:3",
    ]);
  });

  it("reads the same heads from the ledger branch", async () => {
    const { clones } = remoteWithClones(2);
    const writer = new BranchLedger({ cwd: clones[0]! });
    for (let v = 1; v <= 3; v++) await writer.recordMaterialization(declared(`lv-${v}`));
    const reader = new BranchLedger({ cwd: clones[1]! });
    const log = await reader.headLog("model");
    expect(log.versions).toEqual([1, 2, 3]);
    expect(log.mayHave(3, "lv-1")).toBe(false);
    expect(log.mayHave(1, "lv-1")).toBe(true);
    expect(await log.all()).toEqual(await new BranchLedger({ cwd: clones[1]! }).heads("model"));
    expect((await reader.headLog("nothing")).versions).toEqual([]);
    expect(HeadLog.of([]).count).toBe(0);
  });
});
