// `.kiln/cache/checked-records-<project>.txt` (src/ledger/checked-records.ts): status checks the
// one record it answers with for every asset, and remembers the digests of the records it found
// intact so the next status only reads and hashes them. Any change to a record's bytes must be
// seen; a damaged or foreign cache file is ignored; nothing is written where `.kiln` does not
// ignore itself.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CheckedRecords } from "../../src/ledger/checked-records.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { projectDir } from "../../src/ledger/layout.js";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { syntheticName, writeSyntheticProject } from "../support/synthetic-ledger.js";

const MANIFEST = `version: 1
name: checked
assets:
  model:
    code: [train.mjs]
    run: node train.mjs
    outputs: [build/model.txt]
`;
const TRAIN = `import { mkdirSync, writeFileSync } from "node:fs";
mkdirSync("build", { recursive: true });
writeFileSync("build/model.txt", "weights\\n");
`;

const cacheOf = (dir: string) => path.join(dir, ".kiln/cache/checked-records-checked.txt");
const recordOf = (dir: string, version: number) =>
  path.join(dir, `.kiln/ledger/projects/checked/materializations/model/v${version}.json`);
/** The cache is written once the burst of reads is over: after the command, on the next turn. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

async function statusOf(dir: string) {
  const status = await kilnIn(dir, ["status", "--json"]);
  expect(status.code, status.output).toBe(0);
  await settled();
  return { output: status.output, model: JSON.parse(status.stdout).assets.model };
}

async function twoVersions(): Promise<string> {
  const dir = engineRepo(MANIFEST, { "train.mjs": TRAIN });
  for (const args of [["run"], ["run", "model", "--force"]]) {
    const run = await kilnIn(dir, args);
    expect(run.code, run.output).toBe(0);
  }
  return dir;
}

describe("records found intact, remembered", () => {
  it("sees a record cut short or edited after status found it intact, and passes over it", async () => {
    const dir = await twoVersions();
    expect((await statusOf(dir)).model).toMatchObject({ status: "fresh", version: "v2" });
    // The stamp, v1's digest (the run that built v2 planned from it, as status does) and v2's.
    expect(readFileSync(cacheOf(dir), "utf8").split("\n")).toHaveLength(3);
    expect((await statusOf(dir)).model).toMatchObject({ status: "fresh", version: "v2" });

    const whole = readFileSync(recordOf(dir, 2), "utf8");
    writeFileSync(recordOf(dir, 2), whole.slice(0, 40)); // cut short
    const cut = await statusOf(dir);
    expect(cut.model).toMatchObject({ status: "fresh", version: "v1" });
    expect(cut.output).toContain("kiln: warning: skipped");
    expect(cut.output).toContain("v2.json");

    // Valid JSON, same length, another asset's record: checked again, and refused.
    writeFileSync(recordOf(dir, 2), whole.replace('"asset": "model"', '"asset": "other"'));
    const edited = await statusOf(dir);
    expect(edited.model).toMatchObject({ status: "fresh", version: "v1" });
    expect(edited.output).toContain("holds other v2, not model v2");

    writeFileSync(recordOf(dir, 2), whole); // put back: intact again
    expect((await statusOf(dir)).model).toMatchObject({ status: "fresh", version: "v2" });
  });

  it("ignores a cache file that is damaged or written by another build, and writes it again", async () => {
    const dir = await twoVersions();
    rmSync(cacheOf(dir)); // what status alone writes (the runs noted v1 too)
    await statusOf(dir);
    const good = readFileSync(cacheOf(dir), "utf8");
    expect(good.split("\n")).toHaveLength(2); // the stamp, v2's digest
    for (const bad of ["\u0000\u0001garbage", `another build\n${good.split("\n")[1]}`, ""]) {
      writeFileSync(cacheOf(dir), bad);
      expect((await statusOf(dir)).model).toMatchObject({ status: "fresh", version: "v2" });
      expect(readFileSync(cacheOf(dir), "utf8")).toBe(good);
    }
  });

  it("takes bytes it found intact before as intact without parsing them again", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-checked-"));
    const kiln = path.join(dir, ".kiln");
    const records = path.join(kiln, "ledger/materializations/a");
    mkdirSync(records, { recursive: true });
    writeFileSync(path.join(kiln, ".gitignore"), "*\n");
    const open = () => new LocalLedger(path.join(kiln, "ledger"), { checked: new CheckedRecords(kiln, "p") });
    const file = path.join(kiln, "cache/checked-records-p.txt");
    // Not a record at all: parsed, it is refused, and nothing is remembered.
    const text = '{"not": "a record"}\n';
    writeFileSync(path.join(records, "v1.json"), text);
    const first = open();
    expect(await first.recordIntact("a", 1)).toBe(false);
    expect(first.problems()).toHaveLength(1);
    await settled();
    expect(existsSync(file)).toBe(false);

    // A real record, found intact: remembered.
    await first.recordMaterialization({
      asset: "a",
      status: "success",
      logicalVersion: "lv",
      dataVersion: "dv",
      provenance: {
        codeVersion: "declared:1",
        code: {},
        runHash: "r",
        config: {},
        env: {},
        inputs: {},
        deps: {},
      },
      outputs: {},
      locations: [],
      metrics: {},
      series: [],
      checks: [],
      reasons: [],
      context: { event: "local", environment: "dev" },
      startedAt: "2026-11-24T06:00:00.000Z",
      finishedAt: "2026-11-24T06:01:00.000Z",
      durationMs: 1,
      attempts: 1,
    });
    expect(await first.recordIntact("a", 2)).toBe(true);
    await settled();
    const [stamp, digest] = readFileSync(file, "utf8").split("\n");
    expect(digest).toBe(
      new CheckedRecords(kiln, "p").digest("a", 2, readFileSync(path.join(records, "v2.json"), "utf8")),
    );

    // Bytes listed as found intact are taken as they are, even these (which only an edit of the
    // cache itself can list): the record is not parsed again.
    writeFileSync(file, `${stamp}\n${new CheckedRecords(kiln, "p").digest("a", 1, text)}`);
    const second = open();
    expect(await second.recordIntact("a", 1)).toBe(true);
    expect(second.problems()).toEqual([]);
    // The same bytes as another version are another digest: parsed, refused.
    writeFileSync(path.join(records, "v3.json"), text);
    expect(await second.recordIntact("a", 3)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers for a packed version as materialization() reads it: from the pack, whatever a leftover loose copy holds", async () => {
    const { root } = writeSyntheticProject({ assets: 1, versions: 120 });
    const kiln = path.join(root, ".kiln");
    const ledgerDir = path.join(kiln, "ledger", projectDir("synthetic"));
    const asset = syntheticName(0);
    // A loose copy of packed v5 left by a crash, cut short: the pack is what counts.
    writeFileSync(path.join(ledgerDir, "materializations", asset, "v5.json"), '{"schema": 1, "as');
    const ledger = new LocalLedger(ledgerDir, { checked: new CheckedRecords(kiln, "synthetic") });
    expect(await ledger.materialization(asset, 5)).toMatchObject({ version: 5 });
    expect(await ledger.recordIntact(asset, 5)).toBe(true);
    expect(await ledger.recordIntact(asset, 110)).toBe(true); // loose, in the block still open
    expect(ledger.problems()).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it("writes nothing where .kiln does not ignore itself (a read-only command in a fresh clone)", async () => {
    const dir = await twoVersions();
    rmSync(path.join(dir, ".kiln/.gitignore"));
    rmSync(path.join(dir, ".kiln/cache"), { recursive: true, force: true });
    expect((await statusOf(dir)).model).toMatchObject({ status: "fresh", version: "v2" });
    expect(existsSync(cacheOf(dir))).toBe(false);
  });
});
