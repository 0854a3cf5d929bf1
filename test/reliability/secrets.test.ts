// Secrets reach the step through its environment and nowhere else: not the log, the ledger, the
// report or the version.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Rig } from "../e2e/rig.js";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

describe("secrets", () => {
  it("are masked in logs and absent from records and reports", async () => {
    const secret = "tok_9f8e7d6c5b4a";
    const rig = new Rig({
      "kiln.yml": `version: 1
assets:
  model:
    code-version: "1"
    env: { API_TOKEN: { secret: KILN_TEST_TOKEN }, MODE: fast }
    run: node step.mjs
`,
      "step.mjs": `import { writeFileSync } from "node:fs";
console.log("token=" + process.env.API_TOKEN + " mode=" + process.env.MODE);
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ ok: 1 }));
`,
    });
    rig.commit();
    const run = await (await rig.start(["run", "-v"], { KILN_TEST_TOKEN: secret })).result;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("token=*** mode=fast");
    expect(run.stdout).not.toContain(secret);
    for (const file of allFiles(path.join(rig.dir, ".kiln"))) {
      expect(readFileSync(file, "utf8"), file).not.toContain(secret);
    }
    const record = JSON.parse(rig.read(rig.ledger("materializations/model/v1.json")));
    expect(record.provenance.env).toEqual({ API_TOKEN: "secret:KILN_TEST_TOKEN", MODE: "fast" });
  });

  it("a missing secret fails the asset with what to do", async () => {
    const rig = new Rig({
      "kiln.yml": `version: 1\nassets:\n  model:\n    code-version: "1"\n    env: { API_TOKEN: { secret: KILN_ABSENT_TOKEN } }\n    run: "true"\n`,
    });
    rig.commit();
    const run = await rig.kiln("run");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "secret KILN_ABSENT_TOKEN not set: export KILN_ABSENT_TOKEN=… locally, or add it under the repository's Actions secrets",
    );
  });
});
