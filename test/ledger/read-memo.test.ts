// `.kiln/cache/ledger-reads-<project>.json` (src/ledger/read-memo.ts): the local ledger keeps what
// status read of each asset (its record listing, the heads it judged by, the records it found
// intact) by the identity of the files it read them from, and next time stats those files instead
// of reading them. Never wrongly fresh: every kind of change to the ledger must be seen by the
// next reader. The memo here keeps identities however young (as if each read came a minute after the
// last write; see RACY_MS), so that it is really used; each change is made in a later clock tick of
// the file system than the write before it, as any change a minute later would be.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CheckedRecords } from "../../src/ledger/checked-records.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { LedgerReadMemo } from "../../src/ledger/read-memo.js";
import { RACY_MS } from "../../src/paths/file-identity.js";
import { newMaterialization, tempDir } from "./fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A `.kiln` folder (ignoring itself, so caches are written) with a ledger of asset `a`. */
function kilnDir(): { kiln: string; ledgerDir: string } {
  const root = tempDir("kiln-read-memo-");
  dirs.push(root);
  const kiln = path.join(root, ".kiln");
  mkdirSync(kiln, { recursive: true });
  writeFileSync(path.join(kiln, ".gitignore"), "*\n");
  return { kiln, ledgerDir: path.join(kiln, "ledger") };
}

/** Identities kept however young, as if every read were made a minute after the last write. */
const AHEAD = -60_000;

/** A reader as a new `kiln status` opens it, with the memo. */
function reader(kiln: string, ledgerDir: string, racyMs = AHEAD): LocalLedger {
  return new LocalLedger(ledgerDir, {
    checked: new CheckedRecords(kiln, "p"),
    memo: new LedgerReadMemo(kiln, "p", racyMs),
  });
}

/** Another process that writes the ledger (a run elsewhere): no memo of its own. */
const writer = (ledgerDir: string) => new LocalLedger(ledgerDir);

async function write(ledgerDir: string, count: number, lv = "lv-1"): Promise<void> {
  const ledger = writer(ledgerDir);
  for (let i = 0; i < count; i++)
    await ledger.recordMaterialization(newMaterialization("a", { logicalVersion: lv }));
}

/**
 * What status reads of an asset: the newest version whose record is intact, with its head's
 * logical version, and the problems found on the way; the memo is saved once the reads are done.
 */
async function newest(ledger: LocalLedger) {
  const log = await ledger.headLog("a");
  let found: { version: number; logicalVersion: string } | undefined;
  for (let i = log.versions.length - 1; i >= 0 && !found; i--) {
    const head = await log.head(log.versions[i]!);
    if (head && (await ledger.recordIntact("a", head.version)))
      found = { version: head.version, logicalVersion: head.logicalVersion };
  }
  await new Promise((resolve) => setImmediate(resolve));
  return { ...found, problems: ledger.problems().map((p) => `${path.basename(p.path)}: ${p.message}`) };
}

/** Reads twice (the second read answered by the memo), then returns what the memo holds. */
async function remembered(kiln: string, ledgerDir: string) {
  const first = await newest(reader(kiln, ledgerDir));
  expect(await newest(reader(kiln, ledgerDir))).toEqual(first);
  const memo = JSON.parse(readFileSync(path.join(kiln, "cache/ledger-reads-p.json"), "utf8"));
  expect(Object.keys(memo.assets)).toEqual(["a"]);
  return first;
}

/**
 * Waits until the file system's clock has moved past the change time of `file`: a change in the
 * clock tick of the write before it could keep the file's times, which the memo's racy rule guards
 * against (tested below), not what these tests are about. Polls a probe file, no fixed sleep.
 */
function tickPast(file: string): void {
  const before = statSync(file, { bigint: true }).ctimeNs;
  const probe = path.join(path.dirname(file), ".probe");
  do writeFileSync(probe, "");
  while (statSync(probe, { bigint: true }).ctimeNs <= before);
  rmSync(probe);
}

const record = (ledgerDir: string, version: number) =>
  path.join(ledgerDir, "materializations/a", `v${version}.json`);

describe("the memo of ledger reads", () => {
  it("sees a record cut short", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    expect(await remembered(kiln, ledgerDir)).toMatchObject({ version: 2, problems: [] });
    const text = readFileSync(record(ledgerDir, 2), "utf8");
    tickPast(record(ledgerDir, 2));
    writeFileSync(record(ledgerDir, 2), text.slice(0, 40));
    const cut = await newest(reader(kiln, ledgerDir));
    expect(cut.version).toBe(1);
    expect(cut.problems.join("\n")).toContain("v2.json: not valid JSON");
  });

  it("sees a record edited in place to the same length", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    const text = readFileSync(record(ledgerDir, 2), "utf8");
    const edited = text.replace('"asset": "a"', '"asset": "b"');
    expect(edited.length).toBe(text.length);
    tickPast(record(ledgerDir, 2));
    writeFileSync(record(ledgerDir, 2), edited);
    const seen = await newest(reader(kiln, ledgerDir));
    expect(seen.version).toBe(1);
    expect(seen.problems.join("\n")).toContain("holds b v2, not a v2");
  });

  it("sees a record replaced by a copy of another (an editor's save: a new file renamed over it)", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    const copy = `${record(ledgerDir, 2)}.copy`;
    writeFileSync(copy, readFileSync(record(ledgerDir, 1), "utf8"));
    tickPast(path.dirname(copy));
    renameSync(copy, record(ledgerDir, 2));
    const seen = await newest(reader(kiln, ledgerDir));
    expect(seen.version).toBe(1);
    expect(seen.problems.join("\n")).toContain("v2.json");
  });

  it("sees a new version written by another process", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    tickPast(path.join(ledgerDir, "materializations/a"));
    await write(ledgerDir, 1, "lv-new");
    expect(await newest(reader(kiln, ledgerDir))).toEqual({
      version: 3,
      logicalVersion: "lv-new",
      problems: [],
    });
  });

  it("sees a new version whose head is not in the log yet (a writer killed between the two)", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    const heads = path.join(ledgerDir, "heads/a.jsonl");
    const log = readFileSync(heads, "utf8");
    await write(ledgerDir, 1, "lv-new");
    writeFileSync(heads, log); // the head of v3 never appended
    expect(await newest(reader(kiln, ledgerDir))).toMatchObject({ version: 3, logicalVersion: "lv-new" });
  });

  it("sees a deleted record", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    tickPast(path.join(ledgerDir, "materializations/a"));
    rmSync(record(ledgerDir, 2));
    expect(await newest(reader(kiln, ledgerDir))).toMatchObject({ version: 1, problems: [] });
  });

  it("sees a block packed by another writer, and a pack damaged afterwards", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 99);
    expect(await remembered(kiln, ledgerDir)).toMatchObject({ version: 99 });
    await write(ledgerDir, 1, "lv-100"); // completes v1–v100: packed, its loose files removed
    expect(statSync(record(ledgerDir, 99), { throwIfNoEntry: false })).toBeUndefined();
    expect(await remembered(kiln, ledgerDir)).toEqual({
      version: 100,
      logicalVersion: "lv-100",
      problems: [],
    });
    const pack = path.join(ledgerDir, "materializations/a/pack-v1-v100.jsonl");
    const lines = readFileSync(pack, "utf8").split("\n");
    lines[99] = lines[99]!.slice(0, 30);
    tickPast(pack);
    writeFileSync(pack, lines.join("\n"));
    const damaged = await newest(reader(kiln, ledgerDir));
    expect(damaged.version).toBe(99);
    expect(damaged.problems.join("\n")).toContain("pack-v1-v100.jsonl");
  });

  it("remembers a record as intact in the file that gave it: not in a damaged pack read past for a loose copy", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 100); // v1–v100 packed
    const pack = path.join(ledgerDir, "materializations/a/pack-v1-v100.jsonl");
    const lines = readFileSync(pack, "utf8").split("\n");
    // A loose copy of v100 beside the pack (a kill between packing and removing the loose files),
    // and v100's line in the pack damaged: v100 reads from the copy.
    writeFileSync(record(ledgerDir, 100), `${JSON.stringify(JSON.parse(lines[99]!), null, 2)}\n`);
    lines[99] = lines[99]!.slice(0, 30);
    tickPast(pack);
    writeFileSync(pack, lines.join("\n"));
    expect(await remembered(kiln, ledgerDir)).toMatchObject({ version: 100 });
    // The copy removed, the pack as it was: v100 no longer reads.
    tickPast(path.join(ledgerDir, "materializations/a"));
    rmSync(record(ledgerDir, 100));
    const gone = await newest(reader(kiln, ledgerDir));
    expect(gone.version).toBe(99);
    expect(gone.problems.join("\n")).toContain("pack-v1-v100.jsonl");
  });

  it("sees a heads log edited by hand", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    expect(await remembered(kiln, ledgerDir)).toMatchObject({ logicalVersion: "lv-1" });
    const heads = path.join(ledgerDir, "heads/a.jsonl");
    const text = readFileSync(heads, "utf8");
    tickPast(heads);
    writeFileSync(heads, text.replaceAll('"lv-1"', '"lv-9"'));
    expect(await newest(reader(kiln, ledgerDir))).toMatchObject({ version: 2, logicalVersion: "lv-9" });
  });

  it("keeps nothing read from a file changed within RACY_MS of its stat (the next reader reads it again)", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    const file = record(ledgerDir, 2);
    // With the real clock, files written a moment ago are too young to be kept.
    const now = new LedgerReadMemo(kiln, "p");
    expect(now.stamp(file)).toMatchObject({ keep: false });
    await newest(reader(kiln, ledgerDir, RACY_MS));
    expect(statSync(path.join(kiln, "cache/ledger-reads-p.json"), { throwIfNoEntry: false })).toBeUndefined();
    // RACY_MS later they are.
    const old = new LedgerReadMemo(kiln, "p", -1000);
    expect(old.stamp(file)).toMatchObject({ keep: true });
    // Absence is never kept.
    expect(old.stamp(`${file}.none`)).toMatchObject({ key: "absent", keep: false });
  });

  it("writes nothing where .kiln does not ignore itself, and leaves a memo written before alone", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    const file = path.join(kiln, "cache/ledger-reads-p.json");
    const kept = readFileSync(file, "utf8");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(file, anHourAgo, anHourAgo); // written long ago
    rmSync(path.join(kiln, ".gitignore"));
    tickPast(path.join(ledgerDir, "materializations/a"));
    await write(ledgerDir, 1, "lv-new"); // something new to learn
    expect(await newest(reader(kiln, ledgerDir))).toMatchObject({ version: 3, logicalVersion: "lv-new" });
    expect(readFileSync(file, "utf8")).toBe(kept);
  });

  it("ignores a memo file that is damaged or from another build", async () => {
    const { kiln, ledgerDir } = kilnDir();
    await write(ledgerDir, 2);
    await remembered(kiln, ledgerDir);
    const file = path.join(kiln, "cache/ledger-reads-p.json");
    const good = JSON.parse(readFileSync(file, "utf8"));
    for (const bad of ["\u0000garbage", JSON.stringify({ ...good, stamp: "another build" }), ""]) {
      writeFileSync(file, bad);
      expect(await newest(reader(kiln, ledgerDir))).toMatchObject({ version: 2, problems: [] });
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(good);
    }
  });
});
