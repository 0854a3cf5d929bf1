// Corrupt state: truncated, edited and foreign files in .kiln are reported by path with a fix,
// and never crash the planner.
import { appendFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";

describe("kiln doctor", () => {
  it("is clean after a normal run", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    await rig.kiln("run");
    const result = await rig.kiln("doctor");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^checked 4 record\(s\) in .*\.kiln\/ledger \(project kiln-e2e-[a-z0-9]+\) and 4 stored object\(s\): 0 error\(s\), 0 warning\(s\)\n$/,
    );
  });

  it("reports every kind of damage, and the planner keeps working", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    await rig.kiln("run");
    await rig.kiln("run", "model", "--force");
    const ledger = path.join(rig.dir, rig.ledger());
    writeFileSync(path.join(ledger, "materializations/model/v2.json"), '{"schema": 1, "asset": "mod'); // truncated
    writeFileSync(path.join(ledger, "materializations/model/notes.txt"), "my notes\n"); // foreign
    appendFileSync(path.join(ledger, "aliases/model.jsonl"), '{"alias": "champ'); // cut short
    writeFileSync(path.join(ledger, "materializations/data/.tmp-1234"), "{");
    const store = path.join(rig.dir, ".kiln/store");
    const shard = readdirSync(store).find((d) => !d.startsWith("."))!;
    const object = readdirSync(path.join(store, shard))[0]!;
    writeFileSync(path.join(store, shard, object), "tampered");

    const doctor = await rig.kiln("doctor");
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("materializations/model/v2.json\n  not valid JSON");
    expect(doctor.stdout).toContain("materializations/model/notes.txt\n  not a ledger record");
    expect(doctor.stdout).toContain("aliases/model.jsonl");
    expect(doctor.stdout).toContain(
      "materializations/data/.tmp-1234\n  a temporary file left by an interrupted write\n  fix: safe to delete",
    );
    expect(doctor.stdout).toContain(`${shard}/${object}\n  the stored bytes hash to`);
    expect(doctor.stdout).toMatch(/checked \d+ record\(s\) .*: [1-9]\d* error\(s\)/);

    const status = await rig.kiln("status", "--json");
    expect(status.code).toBe(0);
    expect(status.stderr).toContain("kiln: warning: skipped");
    expect(JSON.parse(status.stdout).assets.model.version).toBe("v1");
  });
});
