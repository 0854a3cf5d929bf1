// The corruption table (#15): each kind of damage a ledger can suffer — truncated, garbled,
// deleted, giant numbers, a folder where a file belongs, a cut-off head, a lost series — is
// applied to a real local ledger holding a champion history (v1, then v2 promoted), and `kiln
// doctor` must name the file, say what is wrong and give a fix, and exit 1. The planner keeps
// working on every row (`kiln status` exits 0). Rewinding the ledger branch has its own test
// (test/ledger/branch-history.test.ts), since it needs a remote.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";
import { ledgerFile, modelRepo, train } from "../support/model-repo.js";

interface Row {
  damage: string;
  apply: (dir: string) => void;
  /** What doctor must say, in order: the file, then the diagnosis. */
  diagnosis: (string | RegExp)[];
}

const rows: Row[] = [
  {
    damage: "a truncated record",
    apply: (dir) => {
      const file = ledgerFile(dir, "materializations/model/v1.json");
      writeFileSync(file, readFileSync(file, "utf8").slice(0, 40));
    },
    diagnosis: ["materializations/model/v1.json", "not valid JSON"],
  },
  {
    damage: "a garbled record (valid JSON, wrong content)",
    apply: (dir) => {
      const file = ledgerFile(dir, "materializations/model/v1.json");
      const record = JSON.parse(readFileSync(file, "utf8"));
      record.metrics = "fast";
      writeFileSync(file, JSON.stringify(record));
    },
    diagnosis: ["materializations/model/v1.json", "metrics"],
  },
  {
    damage: "the champion's record deleted",
    apply: (dir) => rmSync(ledgerFile(dir, "materializations/model/v2.json")),
    diagnosis: ["aliases/model.jsonl", "champion names model v2, which has no readable record"],
  },
  {
    damage: "a giant version number",
    apply: (dir) =>
      writeFileSync(
        ledgerFile(dir, "materializations/model/v9007199254740992.json"),
        readFileSync(ledgerFile(dir, "materializations/model/v1.json")),
      ),
    diagnosis: ["v9007199254740992.json", /version number/],
  },
  {
    damage: "a garbled line in the alias log",
    apply: (dir) => {
      const file = ledgerFile(dir, "aliases/model.jsonl");
      const lines = readFileSync(file, "utf8").split("\n");
      lines[1] = lines[1]!.replace('"alias"', '"ali');
      writeFileSync(file, lines.join("\n"));
    },
    diagnosis: [/aliases\/model\.jsonl:2/],
  },
  {
    damage: "the alias log is a folder",
    apply: (dir) => {
      const file = ledgerFile(dir, "aliases/model.jsonl");
      rmSync(file);
      mkdirSync(file);
    },
    diagnosis: ["aliases/model.jsonl", "is a directory, not a file"],
  },
  {
    // A pack holds a completed block of 100 versions (src/ledger/packs.ts); one cut short by a
    // failing disk is named by line and by the versions it can no longer give.
    damage: "a damaged pack",
    apply: (dir) =>
      writeFileSync(
        ledgerFile(dir, "materializations/model/pack-v101-v200.jsonl"),
        `${readFileSync(ledgerFile(dir, "materializations/model/v1.json"), "utf8").replace(/\s+/g, "").slice(0, 60)}\n`,
      ),
    diagnosis: [
      "materializations/model/pack-v101-v200.jsonl:1",
      "cut short: holds 1 of the 100 versions v101–v200; v102–v200 cannot be read from it",
      "fix: the pack is written once",
      "materializations/model/pack-v101-v200.jsonl:1",
      "v101: not valid JSON",
    ],
  },
  {
    damage: "a cut-off line in the heads log",
    apply: (dir) => appendFileSync(ledgerFile(dir, "heads/model.jsonl"), '{"version": 3, "logi'),
    diagnosis: ["heads/model.jsonl:5", "unreadable head line", "fix: delete the line"],
  },
];

describe("the corruption table: kiln doctor diagnoses each damage with a fix", () => {
  for (const row of rows) {
    it(row.damage, async () => {
      const dir = modelRepo();
      expect((await train(dir, 50)).code).toBe(0);
      expect((await train(dir, 40)).code).toBe(0);
      row.apply(dir);
      const doctor = await kilnIn(dir, ["doctor"]);
      expect(doctor.code, doctor.output).toBe(1);
      let at = 0;
      for (const part of row.diagnosis) {
        const rest = doctor.output.slice(at);
        const found = typeof part === "string" ? rest.indexOf(part) : rest.search(part);
        expect(found, `${String(part)} in\n${doctor.output}`).toBeGreaterThanOrEqual(0);
        at += found;
      }
      expect(doctor.output.slice(at)).toMatch(/fix: /);
      const status = await kilnIn(dir, ["status"]);
      expect(status.code, status.output).toBe(0);
    });
  }
});
