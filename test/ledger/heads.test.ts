// Heads and series kept apart (issue #16): planning reads one small log per asset and records stay
// small whatever their curves; ledgers written before either still read, and a kill between a
// record and its head never leaves a head without its record.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalLedger } from "../../src/ledger/local.js";
import { RECORD_SCHEMA, type SeriesPoint } from "../../src/domain/records.js";
import { newMaterialization, tempDir } from "./fixtures.js";

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
