// SIGKILL at random points of runs, many times: afterwards the ledger is consistent (every record
// whole, versions dense, aliases on existing versions) and the next run completes.
// KILN_STRESS_KILLS raises the count for `npm run stress`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";

const KILLS = Number(process.env.KILN_STRESS_KILLS ?? 6);

function checkLedger(rig: Rig): void {
  const root = path.join(rig.dir, rig.ledger());
  const materializations = path.join(root, "materializations");
  let assets: string[] = [];
  try {
    assets = readdirSync(materializations);
  } catch {
    return;
  }
  for (const asset of assets) {
    const files = readdirSync(path.join(materializations, asset)).filter((f) => !f.startsWith(".tmp-"));
    const versions = files.map((f) => Number(/^v(\d+)\.json$/.exec(f)![1])).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    for (const f of files)
      expect(JSON.parse(readFileSync(path.join(materializations, asset, f), "utf8")).asset).toBe(asset);
  }
}

describe("crashes", () => {
  it(`survives ${KILLS} SIGKILLs at random points`, async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit();
    let survived = 0;
    for (let i = 0; i < KILLS; i++) {
      rig.write({ "raw/a.csv": `x\n${i}\n${i + 1}\n` });
      const started = rig.start(["run", "--force"]);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1200));
      started.child.kill("SIGKILL");
      await started.result;
      checkLedger(rig);
      const status = await rig.kiln("status", "--json");
      expect(status.code).toBe(0);
      survived++;
    }
    const final = await rig.kiln("run");
    expect(final.code).toBe(0);
    const status = JSON.parse((await rig.kiln("status", "--json")).stdout);
    expect(Object.values(status.assets).map((a) => (a as { status: string }).status)).toEqual([
      "fresh",
      "fresh",
      "fresh",
      "fresh",
    ]);
    const history = JSON.parse((await rig.kiln("history", "model", "--json")).stdout);
    if (history.aliases.champion !== undefined) {
      expect(history.versions.map((v: { version: number }) => v.version)).toContain(history.aliases.champion);
    }
    console.log(`kills survived: ${survived}, model versions: ${history.versions.length}`);
  }, 600_000);
});
