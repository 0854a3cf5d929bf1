// What a record holds on disk is what every reader gets back: `kiln show`, the site and the
// planner read records through src/ledger/records.ts, which must not drop what the run recorded.
import { describe, expect, it } from "vitest";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
name: readback
assets:
  model:
    code: [train.mjs]
    run: node train.mjs
    config: { quality: 50 }
    metrics: { primary: mae, direction: minimize }
`;

const TRAIN = `import { readFileSync, writeFileSync } from "node:fs";
const { quality } = JSON.parse(readFileSync(process.env.KILN_CONFIG, "utf8"));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: quality }));
`;

describe("a record read back", () => {
  it("keeps the run config an experiment set (provenance.overrides) in `kiln show --json`", async () => {
    const dir = engineRepo(MANIFEST, { "train.mjs": TRAIN });

    const run = await kilnIn(dir, ["run", "--set", "model.quality=20"]);
    expect(run.code, run.output).toBe(0);
    // An experiment is never the checkout's current version: it is shown when named.
    const current = await kilnIn(dir, ["show", "model"]);
    expect(current.code).toBe(1);
    expect(current.output).toContain(
      "the newest is v1 (an experiment), made in prod on main: kiln show model@v1",
    );
    const show = await kilnIn(dir, ["show", "model@v1", "--json"]);
    expect(show.code, show.output).toBe(0);
    const record = JSON.parse(show.stdout);
    expect(record.provenance.config).toEqual({ quality: 20 });
    expect(record.provenance.overrides).toEqual({ quality: 20 });
  });
});
