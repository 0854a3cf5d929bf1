// zod's record schemas are loaded only when a file needs them (src/ledger/records.ts): records
// Kiln wrote pass the hand checks. A record the hand check refuses (damage, or keys zod strips) is
// read synchronously deep inside the ledger; the read stops there, the schemas are loaded, and it is
// read again, as zod reads it. Each test imports the ledger afresh (vi.resetModules), so that the
// schemas are not loaded yet when it reads: without the second read, these reads would throw.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, expect, it, vi } from "vitest";
import { materializationPath } from "../../src/ledger/layout.js";
import { PACK_VERSIONS, recordPackPath } from "../../src/ledger/packs.js";
import { gitSync, newMaterialization, remoteWithClones, tempDir } from "./fixtures.js";

beforeEach(() => {
  vi.resetModules();
});

/** The ledger's modules as a new process has them: zod's schemas not loaded. */
async function freshLedger(dir: string, options: { checked?: boolean } = {}) {
  const { LocalLedger } = await import("../../src/ledger/local.js");
  const { CheckedRecords } = await import("../../src/ledger/checked-records.js");
  return new LocalLedger(dir, options.checked ? { checked: new CheckedRecords(tempDir(), "p") } : {});
}

/** A ledger with `versions` records of `model`, written by a ledger of its own. */
async function written(versions: number): Promise<string> {
  const dir = tempDir();
  const ledger = await freshLedger(dir);
  for (let v = 1; v <= versions; v++) await ledger.recordMaterialization(newMaterialization("model"));
  return dir;
}

/** The parts of a record's JSON the tests change. */
interface Editable {
  provenance: Record<string, unknown>;
  context: Record<string, unknown>;
  checks: Array<Record<string, unknown>>;
  metrics: Record<string, unknown>;
  outputs: Record<string, Record<string, unknown>>;
}

/** Changes the JSON of a record file (or of one line of a pack). */
function edit(file: string, change: (record: Editable) => void, line?: number): void {
  const text = readFileSync(file, "utf8");
  if (line === undefined) {
    const record = JSON.parse(text);
    change(record);
    writeFileSync(file, JSON.stringify(record));
    return;
  }
  const lines = text.split("\n");
  const record = JSON.parse(lines[line]!);
  change(record);
  lines[line] = JSON.stringify(record);
  writeFileSync(file, lines.join("\n"));
}

it("reads a record with a key zod strips as zod gives it back", async () => {
  const dir = await written(1);
  edit(path.join(dir, materializationPath("model", 1)), (r) => {
    r.provenance.addedByHand = true;
  });
  const ledger = await freshLedger(dir);
  const record = await ledger.materialization("model", 1);
  expect(record?.version).toBe(1);
  expect(record?.provenance).not.toHaveProperty("addedByHand");
  expect(ledger.problems()).toEqual([]);
});

it("reports a damaged record with zod's message, once", async () => {
  const dir = await written(1);
  const file = path.join(dir, materializationPath("model", 1));
  edit(file, (r) => {
    r.provenance.codeVersion = 7;
  });
  const ledger = await freshLedger(dir);
  expect(await ledger.materialization("model", 1)).toBeUndefined();
  expect(ledger.problems()).toEqual([
    {
      path: file,
      message: expect.stringContaining("does not look like a Kiln record: provenance.codeVersion"),
    },
  ]);
});

// The report and the layer gate pick a run's outcome by attempt (src/domain/run-attempt.ts).
it("reads a record's run attempt, and refuses one that is not a positive integer", async () => {
  const dir = await written(2);
  edit(path.join(dir, materializationPath("model", 1)), (r) => {
    r.context.runAttempt = 2;
  });
  const file = path.join(dir, materializationPath("model", 2));
  edit(file, (r) => {
    r.context.runAttempt = "2";
  });
  const ledger = await freshLedger(dir);
  expect((await ledger.materialization("model", 1))?.context.runAttempt).toBe(2);
  expect(await ledger.materialization("model", 2)).toBeUndefined();
  expect(ledger.problems()).toEqual([
    { path: file, message: expect.stringContaining("does not look like a Kiln record: context.runAttempt") },
  ]);
});

it("checks the records status answers with (recordIntact) the same way", async () => {
  const dir = await written(2);
  edit(path.join(dir, materializationPath("model", 1)), (r) => {
    r.checks[0]!.addedByHand = true;
  });
  edit(path.join(dir, materializationPath("model", 2)), (r) => {
    r.metrics.mae = "low";
  });
  const ledger = await freshLedger(dir, { checked: true });
  expect(await ledger.recordIntact("model", 1)).toBe(true);
  const fresh = await freshLedger(dir, { checked: true });
  expect(await fresh.recordIntact("model", 2)).toBe(false);
  expect(fresh.problems().map((p) => p.message)).toEqual([expect.stringContaining("metrics.mae")]);
});

it("reads a packed record that needs zod from its pack", { timeout: 120_000 }, async () => {
  const dir = await written(PACK_VERSIONS);
  const pack = path.join(dir, recordPackPath("model", 0));
  // The third version is the pack's third line.
  edit(
    pack,
    (r) => {
      r.outputs["build/model.json"]!.addedByHand = 1;
    },
    2,
  );
  const ledger = await freshLedger(dir);
  const record = await ledger.materialization("model", 3);
  expect(record?.outputs).toEqual({ "build/model.json": { blob: "c".repeat(40), size: 12 } });
  expect(ledger.problems()).toEqual([]);
});

it("reads such a record from the ledger branch too", { timeout: 120_000 }, async () => {
  const { clones } = remoteWithClones(2);
  const [writer, reader] = clones as [string, string];
  const { BranchLedger } = await import("../../src/ledger/branch.js");
  await new BranchLedger({ cwd: writer }).recordMaterialization(newMaterialization("model"));
  // Someone edits the record on the branch by hand (a key zod strips) and pushes.
  const worktree = path.join(path.dirname(writer), "edit");
  gitSync(writer, "fetch", "-q", "origin", "kiln-ledger");
  gitSync(writer, "worktree", "add", "-q", "--detach", worktree, "FETCH_HEAD");
  const file = gitSync(worktree, "ls-files", "*/v1.json").trim();
  edit(path.join(worktree, file), (r) => {
    r.provenance.addedByHand = true;
  });
  gitSync(worktree, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qam", "by hand");
  gitSync(worktree, "push", "-q", "origin", "HEAD:kiln-ledger");
  vi.resetModules();
  const { BranchLedger: Fresh } = await import("../../src/ledger/branch.js");
  const ledger = new Fresh({ cwd: reader });
  const record = await ledger.materialization("model", 1);
  expect(record?.version).toBe(1);
  expect(record?.provenance).not.toHaveProperty("addedByHand");
  expect(ledger.problems()).toEqual([]);
});
