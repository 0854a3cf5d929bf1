// `deps: [model@champion]` through the real `kiln` command: the dependant reads the champion's
// bytes and follows the champion's data version, so a worse model that is not promoted leaves it
// fresh, and a better one that is promoted makes it run again, in the same run, on the new bytes.
import { describe, expect, it } from "vitest";
import { Rig } from "./rig.js";

interface Status {
  assets: Record<string, { status: string; version: string | null; reasons: string[] }>;
}
interface History {
  versions: { version: number; aliases: string[]; metrics: Record<string, number> }[];
}

const FILES = {
  "kiln.yml": `version: 1
assets:
  model:
    code: [steps/model.sh]
    config: { quality: 50 }
    run: sh steps/model.sh
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    promote: { min-delta: 1 }
  predictions:
    deps: [model@champion]
    code: [steps/predict.sh]
    run: sh steps/predict.sh
    outputs: [build/predictions.txt]
`,
  ".gitignore": "build/\n.kiln/\n",
  // mae is the config's quality (shell steps: a node process per step was most of the test's time).
  "steps/model.sh": `quality=$(tr -d ' \\n' < "$KILN_CONFIG" | sed -n 's/.*"quality":\\([0-9.]*\\).*/\\1/p')
mkdir -p build
printf '{"quality":%s}' "$quality" > build/model.json
printf '{"mae":%s}' "$quality" > "$KILN_METRICS"
`,
  "steps/predict.sh": `{ printf 'predicted with '; cat build/model.json; } > build/predictions.txt
`,
};

function setQuality(rig: Rig, quality: number) {
  rig.write({ "kiln.yml": rig.read("kiln.yml").replace(/quality: \d+/, `quality: ${quality}`) });
  rig.commit(`quality ${quality}`);
}

const statuses = (s: Status) => Object.fromEntries(Object.entries(s.assets).map(([n, a]) => [n, a.status]));

describe("a dependency on an alias (model@champion)", () => {
  it("stays fresh on a worse model, re-runs on the promoted better one with its bytes", async () => {
    const rig = new Rig(FILES);
    rig.commit("pipeline");
    const first = await rig.kiln("run");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/model\s+success\s+.*v1; champion → v1/);
    expect(rig.read("build/predictions.txt")).toBe('predicted with {"quality":50}');

    // A worse model: recorded as v2, not promoted; predictions keeps reading v1 and stays fresh.
    setQuality(rig, 60);
    const worse = await rig.kiln("run");
    expect(worse.code, worse.stderr).toBe(0);
    expect(worse.stdout).toMatch(/model\s+success\s+.*v2/);
    expect(worse.stdout).not.toContain("champion → v2");
    expect(worse.stdout).toMatch(/predictions\s+fresh/);
    expect(statuses(await rig.json<Status>("status", "--json"))).toEqual({
      model: "fresh",
      predictions: "fresh",
    });
    expect(rig.read("build/predictions.txt")).toBe('predicted with {"quality":50}');
    const afterWorse = await rig.json<History>("history", "predictions", "--json");
    expect(afterWorse.versions.map((v) => v.version)).toEqual([1]);

    // Forced, predictions runs on the champion's bytes (v1), not on the newer v2 in build/.
    expect(rig.read("build/model.json")).toBe('{"quality":60}');
    const forced = await rig.kiln("run", "predictions", "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(rig.read("build/predictions.txt")).toBe('predicted with {"quality":50}');

    // A better model: v3 is promoted, and predictions runs again in the same run on v3's bytes.
    setQuality(rig, 40);
    const better = await rig.kiln("run");
    expect(better.code, better.stderr).toBe(0);
    expect(better.stdout).toMatch(/model\s+success\s+.*v3; champion → v3/);
    expect(better.stdout).toMatch(/predictions\s+success\s+.*v3/);
    expect(rig.read("build/predictions.txt")).toBe('predicted with {"quality":40}');
    expect(statuses(await rig.json<Status>("status", "--json"))).toEqual({
      model: "fresh",
      predictions: "fresh",
    });
    const record = JSON.parse(rig.read(rig.ledger("materializations/predictions/v3.json")));
    const champion = JSON.parse(rig.read(rig.ledger("materializations/model/v3.json")));
    expect(record.provenance.deps).toEqual({ "model@champion": champion.dataVersion });
  });

  it("follows a rollback of the champion back to the version built from it", async () => {
    const rig = new Rig(FILES);
    rig.commit("pipeline");
    expect((await rig.kiln("run")).code).toBe(0);
    setQuality(rig, 40);
    expect((await rig.kiln("run")).code).toBe(0); // model v2 promoted, predictions v2 read it
    let status = await rig.json<Status>("status", "--json");
    expect(status.assets.predictions).toMatchObject({ status: "fresh", version: "v2" });
    expect((await rig.kiln("rollback", "model")).code).toBe(0); // champion back to v1
    // predictions v1 was built from v1's bytes: it is the current version again, nothing reruns.
    status = await rig.json<Status>("status", "--json");
    expect(status.assets.predictions).toMatchObject({ status: "fresh", version: "v1" });
    const run = await rig.kiln("run");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Everything is fresh: nothing to run.");
    // The graph and the report's lineage show that predictions reads the champion.
    expect((await rig.kiln("graph")).stdout).toMatch(/^ {2}n\d -\.->\|"@champion"\| n\d$/m);
    const report = await rig.kiln("report");
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/n\d -\.->\|"@champion"\| n\d/);
  });

  it("is rejected with a position when the asset has no promote or no such alias", async () => {
    const rig = new Rig({
      "kiln.yml": `version: 1
assets:
  model:
    code-version: "1"
    run: "true"
    outputs: [build/model.json]
  scorer:
    code-version: "1"
    run: "true"
    outputs: [build/scorer.json]
    metrics: { primary: auc, direction: maximize }
    promote: { alias: production }
  predictions:
    code-version: "1"
    deps: [model@champion, scorer@champio]
    run: "true"
`,
    });
    const result = await rig.kiln("validate");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'kiln.yml:15:12 error: asset "predictions" depends on model@champion, but "model" has no `promote`, so no version of it ever holds an alias',
    );
    expect(result.stderr).toContain(
      'kiln.yml:15:28 error: asset "predictions" depends on scorer@champio, but "scorer" has no alias "champio": its `promote` moves "production"',
    );
    expect(result.stderr).toContain('did you mean "scorer@production"?');
  });
});
