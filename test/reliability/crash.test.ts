// The kill loop: `kiln run` (a real child process) killed with SIGKILL at chosen points of a
// materialization — after the bytes are stored, after the record is written, during the alias
// move, during the push of the ledger branch — through the test-only KILN_TEST_CRASH_AT hook
// (src/domain/crash-point.ts), never at a random delay. After each kill the ledger invariants hold:
// every record whole, the alias on a readable record, doctor's verdict as expected; and the next
// run repairs what the kill left (an eligible version never promoted) and continues.
// KILN_STRESS_KILLS (npm run stress) sets the kills per backend, spread over the points; one
// kill per point in `npm test`.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CRASH_POINTS, type CrashPoint } from "../../src/domain/crash-point.js";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { BranchLedger } from "../../src/ledger/branch.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { Rig } from "../e2e/rig.js";
import { kilnOn, type LedgerBackend } from "../support/kiln-in-process.js";
import { modelRepo, withRemote } from "../support/model-repo.js";

const KILLS = Number(process.env.KILN_STRESS_KILLS ?? 0);

function ledgerOf(dir: string, backend: LedgerBackend): Ledger {
  return backend === "local"
    ? new LocalLedger(path.join(dir, ".kiln/ledger/projects/corrupt"))
    : new BranchLedger({ cwd: dir, project: "corrupt" });
}

/** The invariants after any kill: records whole, alias history undamaged, champion readable and the best promoted. */
async function checkInvariants(
  dir: string,
  backend: LedgerBackend,
): Promise<{ champion: number | undefined; versions: number[] }> {
  const ledger = ledgerOf(dir, backend);
  const records = await ledger.materializations("model");
  const { history, damage } = await ledger.aliasState("model");
  expect(ledger.problems(), "no half-written or unreadable record").toEqual([]);
  expect(damage).toEqual([]);
  const champion = aliasHolders(history).get("champion");
  if (champion !== undefined) expect(records.map((r) => r.version)).toContain(champion);
  // Versions are dense: no number skipped or given twice.
  expect(records.map((r) => r.version)).toEqual(records.map((_, i) => i + 1));
  return { champion, versions: records.map((r) => r.version) };
}

const points = (backend: LedgerBackend): CrashPoint[] =>
  CRASH_POINTS.filter((p) => backend === "branch" || p !== "during-push");

describe("the kill loop", () => {
  for (const backend of ["local", "branch"] as const) {
    it(`${backend} ledger: a SIGKILL at each chosen point leaves the invariants, and the next run repairs`, async () => {
      const dir = modelRepo();
      if (backend === "branch") withRemote(dir);
      const rig = Object.assign(Object.create(Rig.prototype) as Rig, { dir });
      const runs = Math.max(1, Math.ceil(KILLS / points(backend).length));
      let mae = 10_000;
      let kills = 0;
      for (let run = 0; run < runs; run++) {
        for (const point of points(backend)) {
          mae -= 1; // always better: every version is eligible to become champion
          rig.write({ "mae.txt": String(mae) });
          const before = await checkInvariants(dir, backend);
          const killed = await (
            await rig.start(["run", "model", "--ledger", backend], { KILN_TEST_CRASH_AT: point })
          ).result;
          expect(killed.code, `${point}: killed, not finished\n${killed.stdout}${killed.stderr}`).toBeNull();
          kills++;

          const after = await checkInvariants(dir, backend);
          const recorded = after.versions.length > before.versions.length;
          // The bytes alone make no version; a record once written stays.
          expect(recorded).toBe(point !== "after-store");
          const doctor = await kilnOn(backend, dir, ["doctor"]);
          if (recorded && after.champion !== after.versions.at(-1)) {
            // The kill left the newest, better version unpromoted: doctor says so, with the fix.
            expect(doctor.code, doctor.output).toBe(1);
            expect(doctor.output).toMatch(/was never moved to it \(the run was interrupted/);
          } else {
            expect(doctor.code, doctor.output).toBe(0);
          }

          // The next run completes the promotion (or trains again when nothing was recorded).
          const next = await kilnOn(backend, dir, ["run"]);
          expect(next.code, next.output).toBe(0);
          const repaired = await checkInvariants(dir, backend);
          // Once recorded, the version is not trained again; the newest (and best) is champion.
          expect(repaired.versions.length).toBe(before.versions.length + 1);
          expect(repaired.champion, `${point}: the best version is champion`).toBe(repaired.versions.at(-1));
          if (recorded && after.champion !== after.versions.at(-1))
            expect(next.output).toMatch(
              /champion → v\d+: completes the promotion of v\d+ that an interrupted run decided/,
            );
          expect((await kilnOn(backend, dir, ["doctor"])).code).toBe(0);
        }
      }
      console.log(
        `kill loop (${backend} ledger): ${points(backend).length} points × ${runs} run(s) = ${kills} SIGKILLs, invariants held after each`,
      );
    }, 600_000);
  }
});
