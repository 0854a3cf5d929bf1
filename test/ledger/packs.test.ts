// Packs: a completed block of 100 versions kept as one records file and one series file (see
// src/ledger/packs.ts). Real files for the directory backend, real git and a bare remote for the
// branch, real child processes for writers racing across a block boundary.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type MaterializationRecord, RECORD_SCHEMA } from "../../src/domain/records.js";
import { BranchLedger } from "../../src/ledger/branch.js";
import { separateSeries } from "../../src/ledger/heads.js";
import { materializationPath } from "../../src/ledger/layout.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { PACK_FIX } from "../../src/ledger/packs.js";
import {
  gitSync,
  newMaterialization,
  promotionViolations,
  racingMaes,
  remoteWithClones,
  runWorker,
  tempDir,
  type WorkerResult,
} from "./fixtures.js";

const ASSET = "model";

/** Version v's record as a run would write it: its own metrics and series. */
function draft(v: number) {
  return newMaterialization(ASSET, {
    metrics: { mae: 1000 + v },
    series: [
      { step: 1, loss: 1 / v },
      { step: 2, loss: 0.5 / v },
    ],
    reasons: [`run ${v}`],
  });
}

/**
 * Versions `from`–`to` written straight to disk as Kiln writes them loose (as a ledger from before
 * packs holds them): a pretty-printed record and its series file named by content.
 */
function writeLoose(dir: string, from: number, to: number): void {
  mkdirSync(path.join(dir, "materializations", ASSET), { recursive: true });
  for (let v = from; v <= to; v++) {
    const stored = separateSeries({
      schema: RECORD_SCHEMA,
      ...draft(v),
      version: v,
    } as MaterializationRecord);
    if (stored.series) {
      mkdirSync(path.join(dir, path.dirname(stored.series.path)), { recursive: true });
      writeFileSync(path.join(dir, stored.series.path), stored.series.text);
    }
    writeFileSync(
      path.join(dir, materializationPath(ASSET, v)),
      `${JSON.stringify(stored.record, null, 2)}\n`,
    );
  }
}

/** Everything a reader sees of the asset: records, series, heads, one record read alone. */
async function readAll(ledger: Ledger) {
  const records = await ledger.materializations(ASSET);
  const series = await Promise.all(records.map((r) => ledger.series(r)));
  const heads = await ledger.heads(ASSET);
  return { records, series, heads, one: await ledger.materialization(ASSET, 42) };
}

const files = (dir: string, sub: string) =>
  readdirSync(path.join(dir, sub, ASSET))
    .filter((n) => !n.startsWith(".tmp-"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

describe("packs in the directory ledger", () => {
  it("packs a block when the write of its last version completes it, and every read is unchanged", async () => {
    const dir = tempDir();
    const writer = new LocalLedger(dir);
    for (let v = 1; v <= 99; v++) await writer.recordMaterialization(draft(v));
    expect(files(dir, "materializations")).toHaveLength(99);
    const before = await readAll(new LocalLedger(dir));
    expect(before.records.map((r) => r.version)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));

    const hundredth = await writer.recordMaterialization(draft(100));
    expect(hundredth.version).toBe(100);
    // One file per block instead of a record and a series file per version.
    expect(files(dir, "materializations")).toEqual(["pack-v1-v100.jsonl"]);
    expect(files(dir, "series")).toEqual(["pack-v1-v100.jsonl"]);
    const reader = new LocalLedger(dir);
    const after = await readAll(reader);
    expect(after.records.slice(0, 99)).toEqual(before.records);
    expect(after.records[99]).toEqual(hundredth);
    expect(after.series.slice(0, 99)).toEqual(before.series);
    expect(after.series[99]).toEqual(draft(100).series);
    expect(after.heads.slice(0, 99)).toEqual(before.heads);
    expect(after.one).toEqual(before.one);

    // The next block starts loose; reads span the pack and the loose files.
    const next = await writer.recordMaterialization(draft(101));
    expect(next.version).toBe(101);
    expect(files(dir, "materializations")).toEqual(["pack-v1-v100.jsonl", "v101.json"]);
    const across = await readAll(new LocalLedger(dir));
    expect(across.records.map((r) => r.version)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(across.series[100]).toEqual(draft(101).series);
    expect(await new LocalLedger(dir).materialization(ASSET, 101)).toEqual(next);
    expect(reader.problems()).toEqual([]);
    expect(writer.problems()).toEqual([]);
  });

  it("reads a ledger written before packs unchanged, and its next write packs every completed block", async () => {
    const dir = tempDir();
    writeLoose(dir, 1, 250);
    const old = await readAll(new LocalLedger(dir));
    expect(old.records).toHaveLength(250);
    const writer = new LocalLedger(dir);
    expect((await writer.recordMaterialization(draft(251))).version).toBe(251);
    const names = files(dir, "materializations");
    expect(names.slice(0, 3)).toEqual(["pack-v1-v100.jsonl", "pack-v101-v200.jsonl", "v201.json"]);
    expect(names).toHaveLength(2 + 51);
    const now = await readAll(new LocalLedger(dir));
    expect(now.records.slice(0, 250)).toEqual(old.records);
    expect(now.series.slice(0, 250)).toEqual(old.series);
    expect(now.heads.slice(0, 250)).toEqual(old.heads);
  });

  it("two writers packing the same block write the same bytes", async () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const dir of [a, b]) {
      writeLoose(dir, 1, 99);
      await new LocalLedger(dir).recordMaterialization(draft(100));
    }
    for (const sub of ["materializations", "series"])
      expect(readFileSync(path.join(a, sub, ASSET, "pack-v1-v100.jsonl"))).toEqual(
        readFileSync(path.join(b, sub, ASSET, "pack-v1-v100.jsonl")),
      );
  });

  it("a kill between writing the pack and removing the loose files: readers agree, the next write removes them", async () => {
    const dir = tempDir();
    writeLoose(dir, 1, 99);
    const loose = tempDir();
    cpSync(dir, loose, { recursive: true });
    await new LocalLedger(dir).recordMaterialization(draft(100));
    const packed = await readAll(new LocalLedger(dir));
    // What the kill leaves: the pack in place and (some of) the files it replaced.
    for (const v of [3, 50, 99])
      copyFileSync(
        path.join(loose, materializationPath(ASSET, v)),
        path.join(dir, materializationPath(ASSET, v)),
      );
    for (const name of files(loose, "series").slice(0, 10))
      copyFileSync(path.join(loose, "series", ASSET, name), path.join(dir, "series", ASSET, name));
    const reader = new LocalLedger(dir);
    expect(await readAll(reader)).toEqual(packed);
    expect(reader.problems()).toEqual([]);
    await new LocalLedger(dir).recordMaterialization(draft(101));
    expect(files(dir, "materializations")).toEqual(["pack-v1-v100.jsonl", "v101.json"]);
    expect(files(dir, "series").filter((n) => !n.startsWith("pack-"))).toHaveLength(1);
  });

  it("a damaged pack is reported by line and version, the rest still reads, and a loose copy is used", async () => {
    const dir = tempDir();
    writeLoose(dir, 1, 99);
    await new LocalLedger(dir).recordMaterialization(draft(100));
    const pack = path.join(dir, "materializations", ASSET, "pack-v1-v100.jsonl");
    const lines = readFileSync(pack, "utf8").split("\n");
    lines[49] = lines[49]!.slice(0, 40); // v50 cut short
    writeFileSync(pack, lines.join("\n"));
    const reader = new LocalLedger(dir);
    const records = await reader.materializations(ASSET);
    expect(records.map((r) => r.version)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1).filter((v) => v !== 50),
    );
    expect(await reader.materialization(ASSET, 50)).toBeUndefined();
    expect(reader.problems()).toEqual([
      { path: `${pack}:50`, message: expect.stringMatching(/^v50: not valid JSON/), fix: PACK_FIX },
    ]);
    // Heads of the lost version are dropped with it, not shown as a version that cannot be read.
    expect((await reader.heads(ASSET)).map((h) => h.version)).not.toContain(50);

    // Cut short: the versions past the cut are named.
    writeFileSync(pack, `${lines.slice(0, 90).join("\n")}\n`);
    const short = new LocalLedger(dir);
    expect(await short.materializations(ASSET)).toHaveLength(89);
    expect(short.problems().map((p) => p.message)).toContainEqual(
      "cut short: holds 90 of the 100 versions v1–v100; v91–v100 cannot be read from it",
    );

    // A loose copy beside the pack (a kill before the loose files were removed) stands in.
    writeLoose(dir, 95, 95);
    const withCopy = new LocalLedger(dir);
    expect((await withCopy.materializations(ASSET)).map((r) => r.version)).toContain(95);
  });

  it("a damaged line of a series pack is reported once, by line; the other versions' series still read", async () => {
    const dir = tempDir();
    writeLoose(dir, 1, 99);
    await new LocalLedger(dir).recordMaterialization(draft(100));
    const pack = path.join(dir, "series", ASSET, "pack-v1-v100.jsonl");
    const lines = readFileSync(pack, "utf8").split("\n");
    // v10's points cut short (the line's head still names it); v20's line unreadable from its start.
    lines[9] = lines[9]!.slice(0, -12);
    lines[19] = "{ not json";
    writeFileSync(pack, lines.join("\n"));
    const reader = new LocalLedger(dir);
    const records = await reader.materializations(ASSET);
    const series = new Map<number, unknown>();
    for (const record of records) series.set(record.version, await reader.series(record));
    await reader.series(records.find((r) => r.version === 10)!); // asked again: not reported again
    for (const v of [1, 9, 11, 19, 21, 100]) expect(series.get(v)).toEqual(draft(v).series);
    expect(series.get(10)).toEqual([]);
    expect(series.get(20)).toEqual([]);
    const inPack = reader.problems().filter((p) => p.path.startsWith(`${pack}:`));
    expect(inPack.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: `${pack}:10`, message: "an unreadable series line; skipped", fix: PACK_FIX },
      { path: `${pack}:20`, message: "an unreadable series line; skipped", fix: PACK_FIX },
    ]);
    // The versions whose series are lost say so, by the file their records name.
    const missing = reader.problems().filter((p) => p.message.includes("is missing"));
    expect(new Set(missing.map((p) => /v\d+/.exec(p.message)?.[0]))).toEqual(new Set(["v10", "v20"]));
  });
});

describe("packs under concurrent writers", () => {
  it("eight processes write across a block boundary: versions unique, the block packed, nothing lost", async () => {
    const root = tempDir();
    const dir = path.join(root, ".kiln", "ledger");
    writeLoose(dir, 1, 90);
    const writers = 8;
    const perWriter = 3;
    const results: WorkerResult[] = await Promise.all(
      racingMaes(writers, perWriter).map((maes, i) =>
        runWorker({ backend: "local", dir: root, asset: ASSET, maes, id: String(i) }),
      ),
    );
    const claimed = results.flatMap((r) => r.versions).sort((a, b) => a - b);
    expect(claimed).toEqual(Array.from({ length: writers * perWriter }, (_, i) => 91 + i));
    const names = files(dir, "materializations");
    expect(names[0]).toBe("pack-v1-v100.jsonl");
    expect(names.slice(1)).toEqual(Array.from({ length: 14 }, (_, i) => `v${101 + i}.json`));
    const ledger = new LocalLedger(dir);
    const records = await ledger.materializations(ASSET);
    expect(records.map((r) => r.version)).toEqual(Array.from({ length: 114 }, (_, i) => i + 1));
    // Each record is the one its writer was told it got.
    expect(new Set(records.slice(90).map((r) => r.reasons[0])).size).toBe(writers * perWriter);
    for (const record of records)
      expect(await ledger.series(record)).toHaveLength(record.version > 90 ? 1 : 2);
    expect(await promotionViolations(ledger, ASSET)).toEqual([]);
    expect(ledger.problems()).toEqual([]);
  });
});

describe("packs on the ledger branch", () => {
  it("packs in the commit that completes a block, and reads the same records as the loose copy", async () => {
    const { remote, clones } = remoteWithClones(2);
    const [writerClone, readerClone] = clones as [string, string];
    // A branch from before packs: 99 loose versions, pushed as a plain commit.
    const tree = tempDir();
    gitSync(tree, "init", "-q", "-b", "kiln-ledger");
    writeLoose(tree, 1, 99);
    gitSync(tree, "add", "-A");
    gitSync(tree, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "loose");
    gitSync(tree, "push", "-q", remote, "kiln-ledger");
    const looseCopy = tempDir();
    cpSync(tree, looseCopy, { recursive: true });
    writeLoose(looseCopy, 100, 100);

    const writer = new BranchLedger({ cwd: writerClone });
    const before = await readAll(writer);
    expect(before.records).toHaveLength(99);
    const hundredth = await writer.recordMaterialization(draft(100));
    expect(hundredth.version).toBe(100);
    const listed = gitSync(remote, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n");
    expect(listed.filter((f) => f.startsWith("materializations/"))).toEqual([
      "materializations/model/pack-v1-v100.jsonl",
    ]);
    expect(listed.filter((f) => f.startsWith("series/"))).toEqual(["series/model/pack-v1-v100.jsonl"]);

    const reader = new BranchLedger({ cwd: readerClone });
    const packed = await readAll(reader);
    const local = await readAll(new LocalLedger(looseCopy));
    expect(packed).toEqual(local);
    expect(packed.records[99]).toEqual(hundredth);

    // The next version is loose beside the pack, and a write after it does not touch the pack.
    await writer.recordMaterialization(draft(101));
    const packBlob = () =>
      gitSync(remote, "rev-parse", "kiln-ledger:materializations/model/pack-v1-v100.jsonl");
    const blob = packBlob();
    await writer.recordMaterialization(draft(102));
    expect(packBlob()).toBe(blob);
    const later = new BranchLedger({ cwd: readerClone });
    expect((await later.materializations(ASSET)).map((r) => r.version)).toEqual(
      Array.from({ length: 102 }, (_, i) => i + 1),
    );
    expect(await later.materialization(ASSET, 102)).toMatchObject({ version: 102, reasons: ["run 102"] });
    expect(reader.problems()).toEqual([]);
    expect(later.problems()).toEqual([]);
  });
});
