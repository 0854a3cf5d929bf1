// Corrupt state: truncated, edited and foreign files in .kiln are reported by path with a fix,
// and never crash the planner.
import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";
import { tempDir } from "../ledger/fixtures.js";
import { bundles } from "../support/bundles.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { ledgerFile, modelRepo, train } from "../support/model-repo.js";

/**
 * `kiln doctor`'s output as a user who may not read `unreadable` sees it. Root reads every file
 * whatever its mode, so as root the bundled CLI runs as `nobody` (the files stay root's, as after a
 * `sudo kiln run`); as anyone else the file loses its read permission and the CLI runs in-process.
 */
async function doctorWithoutReading(dir: string, unreadable: string): Promise<string> {
  if (process.getuid?.() !== 0) {
    chmodSync(unreadable, 0o200);
    return (await kilnIn(dir, ["doctor"])).output;
  }
  spawnSync("chmod", ["a+x", path.dirname(dir)]);
  spawnSync("chmod", ["-R", "a+rX", dir]);
  chmodSync(unreadable, 0o600);
  // The bundle where `nobody` can read it: the shared build folder may be private to this user.
  const { root, cli } = await bundles();
  const copy = tempDir("kiln-bundle-");
  cpSync(root, copy, { recursive: true });
  spawnSync("chmod", ["-R", "a+rX", copy]);
  const doctor = spawnSync(
    "runuser",
    [
      "-u",
      "nobody",
      "--",
      process.execPath,
      path.join(copy, path.relative(root, cli)),
      "doctor",
      "--ledger",
      "local",
    ],
    { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, HOME: "/tmp", CI: "true" } },
  );
  if (doctor.error) throw doctor.error;
  return `${doctor.stdout}${doctor.stderr}`;
}

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

describe("kiln doctor on a ledger file it may not read", () => {
  it("says to give read permission back and to leave the file alone, not to move it aside", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0); // champion → v1: the alias log holds the only history
    const log = ledgerFile(dir, "aliases/model.jsonl");
    const output = await doctorWithoutReading(dir, log);
    expect(output).toContain(
      `${log}\n  cannot be read (permission denied): the alias history of model cannot be read`,
    );
    expect(output).not.toContain("move it aside");
    expect(output).toContain(
      "fix: give this user read permission on it again (its owner can run `chmod a+r` on it, or `sudo chown` it back after a `sudo kiln run`); do not move, edit or delete it: it holds model's alias history",
    );
  }, 120_000);
});
