// Corrupt or hostile ledger state, met by `kiln run` in-process: a damaged champion record or alias
// log stops promotion with the file and the fix instead of silently falling back to an older
// holder; giant version numbers are refused instead of looping or overwriting; a version whose
// promotion a crash interrupted is promoted by the next run.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";
import { ledgerFile, modelRepo, train } from "../support/model-repo.js";

async function champion(dir: string): Promise<number | undefined> {
  const result = await kilnIn(dir, ["aliases", "model", "--json"]);
  return (JSON.parse(result.stdout) as { aliases: Record<string, number> }).aliases.champion;
}

describe("a damaged ledger never lets a worse model become champion", () => {
  it("stops promotion when the champion's record is unreadable, naming the file and the fix", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1 champion
    expect((await train(dir, 40)).code).toBe(0); // v2 champion
    const v2 = ledgerFile(dir, "materializations/model/v2.json");
    writeFileSync(v2, readFileSync(v2, "utf8").slice(0, 40)); // truncated

    const run = await train(dir, 45); // v3: worse than v2, better than v1
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain("materializations/model/v2.json");
    expect(run.output).toContain("kiln doctor");
    expect(run.output).not.toMatch(/champion → v3/);
    // v3 is recorded (the training is not lost) but the alias never moved to it.
    const events = readFileSync(ledgerFile(dir, "aliases/model.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { to: number });
    expect(events.map((e) => e.to)).toEqual([1, 2]);
  });

  it("stops promotion when the alias record's file was deleted", async () => {
    const dir = modelRepo();
    await train(dir, 50);
    await train(dir, 40);
    rmSync(ledgerFile(dir, "materializations/model/v2.json"));
    const run = await train(dir, 45);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain("aliases/model.jsonl");
    expect(run.output).toContain("champion names model v2, which has no readable record");
    // The deleted record's number is not given to the new model: old moves name v2.
    expect(run.output).toContain("v3 was recorded");
  });

  it("stops promotion when a line of the alias log is garbled", async () => {
    const dir = modelRepo();
    await train(dir, 50);
    await train(dir, 40);
    const log = ledgerFile(dir, "aliases/model.jsonl");
    const lines = readFileSync(log, "utf8").split("\n");
    const last = lines.findLastIndex((l) => l.trim());
    lines[last] = lines[last]!.replace('"alias"', '"ali'); // one byte flipped: not JSON
    writeFileSync(log, lines.join("\n"));
    const run = await train(dir, 45);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/aliases\/model\.jsonl:\d+/);
    expect(run.output).toContain("kiln doctor");
    expect(await champion(dir)).not.toBe(3);
  });
});

describe("giant version numbers", () => {
  it("a v9007199254740992.json in the local ledger is reported, not looped on", async () => {
    const dir = modelRepo();
    await train(dir, 50);
    const giant = ledgerFile(dir, "materializations/model/v9007199254740992.json");
    writeFileSync(giant, readFileSync(ledgerFile(dir, "materializations/model/v1.json")));
    const run = await train(dir, 40);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("v9007199254740992.json");
    expect(run.output).toMatch(/version number/);
    // The next version is numbered after the real ones, and the giant file is left as it was.
    expect(readFileSync(ledgerFile(dir, "materializations/model/v2.json"), "utf8")).toContain('"version": 2');
  });
});

describe("a crash between the record and the alias move", () => {
  it("the next run completes the promotion the crashed run decided, and says why", async () => {
    const dir = modelRepo();
    await train(dir, 50); // v1 champion
    await train(dir, 40); // v2 champion
    // As if the process died after writing v2 and before moving the alias: drop the last move.
    const log = ledgerFile(dir, "aliases/model.jsonl");
    const lines = readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => l.trim());
    writeFileSync(log, `${lines.slice(0, -1).join("\n")}\n`);
    expect(await champion(dir)).toBe(1);

    const doctor = await kilnIn(dir, ["doctor"]);
    expect(doctor.code, doctor.output).toBe(1);
    expect(doctor.output).toMatch(/v2 .*never moved|never promoted/);
    expect(doctor.output).toContain("fix: ");

    const run = await kilnIn(dir, ["run", "model"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/champion → v2/);
    expect(await champion(dir)).toBe(2);
    const moves = readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { to: number; reason: string });
    expect(moves.at(-1)!.to).toBe(2);
    expect(moves.at(-1)!.reason).toMatch(/interrupted/);
    expect((await kilnIn(dir, ["doctor"])).code).toBe(0);
  });
});

describe("kiln doctor on what it should diagnose", () => {
  it("an aliases file that is a directory is a finding, not a crash", async () => {
    const dir = modelRepo();
    await train(dir, 50);
    const log = ledgerFile(dir, "aliases/model.jsonl");
    rmSync(log);
    mkdirSync(log);
    const doctor = await kilnIn(dir, ["doctor"]);
    expect(doctor.code, doctor.output).toBe(1);
    expect(doctor.output).toContain("aliases/model.jsonl");
    expect(doctor.output).toMatch(/is a directory/);
    expect(doctor.output).not.toMatch(/bug in Kiln|EISDIR/);
    appendFileSync(path.join(dir, "mae.txt"), "\n");
  });
});
