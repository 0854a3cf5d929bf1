// `kiln run --set`: run config set for one run is an experiment — recorded with its overrides,
// compared with the champion, never promoted, and never taken for the manifest's own version.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pipelineFiles, Rig } from "./rig.js";

interface Status {
  assets: Record<string, { status: string; version: string | null; reasons: string[] }>;
}
interface History {
  versions: {
    version: number;
    aliases: string[];
    metrics: Record<string, number>;
    experiment: string[] | null;
  }[];
  aliases: Record<string, number>;
}

function record(rig: Rig, asset: string, version: number) {
  // The project's namespace: the one manifest's (named after its folder).
  const projects = path.join(rig.dir, ".kiln/ledger/projects");
  const ledger = path.join(projects, readdirSync(projects)[0]!);
  return JSON.parse(readFileSync(path.join(ledger, "materializations", asset, `v${version}.json`), "utf8"));
}

describe("kiln run --set", () => {
  it("records an experiment with its overrides, never promotes it, and leaves the manifest's version stale", async () => {
    const rig = new Rig(pipelineFiles({ quality: 50 }));
    rig.commit("pipeline");
    expect((await rig.kiln("run")).code).toBe(0);

    // The manifest moves to quality 30; an experiment tries 20 on the model and its dependant,
    // then one sets the manifest's own new value, 30.
    rig.write({ "kiln.yml": rig.read("kiln.yml").replace("quality: 50", "quality: 30") });
    rig.commit("quality 30");
    const experiment = await rig.kiln("run", "model+", "--set", "model.quality=20");
    expect(experiment.code, experiment.stderr).toBe(0);
    expect(experiment.stdout).toContain("kiln: experiment — config set for this run: model.quality=20");
    const v2 = record(rig, "model", 2);
    expect(v2.provenance.config).toEqual({ quality: 20 });
    expect(v2.provenance.overrides).toEqual({ quality: 20 });
    expect(v2.context.experiment).toEqual({ overrides: ["model.quality=20"] });
    expect(v2.metrics).toEqual({ mae: 20 });
    // Better than the champion by far, and still not promoted.
    expect(v2.promotion).toMatchObject({ promote: false, against: 1 });
    expect(v2.promotion.reason).toContain("experiments never promote");
    // The dependant read the experiment's output: an experiment too.
    expect(record(rig, "report", 2).context.experiment).toEqual({ overrides: ["model.quality=20"] });
    // Reported and compared with the champion.
    const report = rig.read(".kiln/reports/latest.md");
    expect(report).toContain("🧪 **Experiment**: config set for this run — model.quality=20");
    expect(report).toMatch(/\| model\s*\| ✅ materialized \| v2 🧪/);
    expect(report).toContain("vs champion v1");

    const same = await rig.kiln("run", "model", "--set", "model.quality=30");
    expect(same.code, same.stderr).toBe(0);
    expect(record(rig, "model", 3).context.experiment).toEqual({ overrides: ["model.quality=30"] });

    const history = await rig.json<History>("history", "model", "--json");
    expect(history.aliases).toEqual({ champion: 1 });
    expect(history.versions.map((v) => [v.version, v.experiment])).toEqual([
      [1, null],
      [2, ["model.quality=20"]],
      [3, ["model.quality=30"]],
    ]);

    // Not even v3, built with the manifest's exact config, counts as the manifest's version:
    // the model is stale against v1, its last version of the manifest's own config.
    const status = await rig.json<Status>("status", "--json");
    expect(status.assets.model).toMatchObject({
      status: "stale",
      version: "v1",
      reasons: ["config changed (quality 50 → 30)"],
    });
    expect(status.assets.report?.status).not.toBe("fresh");

    // The next ordinary run builds the manifest's version and promotes it.
    const run = await rig.kiln("run");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/model\s+success\s+.*v4; champion → v4/);
    expect(record(rig, "model", 4).context.experiment).toBeUndefined();
    const after = await rig.json<Status>("status", "--json");
    expect(after.assets.model).toMatchObject({ status: "fresh", version: "v4" });
  });

  it("rejects bad --set input with a clear error and exit 1, recording nothing", async () => {
    const rig = new Rig(pipelineFiles());
    rig.commit("pipeline");
    const cases: Array<[string[], RegExp]> = [
      [
        ["model", "--set", "model.qualty=3"],
        /model has no config key "qualty"; did you mean "quality"\? \(keys: quality\)/,
      ],
      [["--set", "modl.quality=3"], /unknown asset "modl"; did you mean "model"\?/],
      [["--set", "model.quality=abc"], /"abc" is not a JSON value \(the manifest's value is a number: 50\)/],
      [["--set", "model.quality=true"], /true is a boolean, but the manifest's value is a number \(50\)/],
      [["--set", "model"], /"model" is not ASSET\.KEY=VALUE, e\.g\. model\.max_depth=4/],
      [["--set", "data.rows=1"], /asset "data" has no config in the manifest/],
      [
        ["report", "--set", "model.quality=3"],
        /config is set for model, which is not in the selection report/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await rig.kiln("run", ...args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    // Two problems at once, each on its own line.
    const both = await rig.kiln("run", "--set", "model.qualty=3", "--set", "modl.quality=3");
    expect(both.stderr.match(/kiln: error: --set/g)).toHaveLength(2);
    expect(rig.git("status", "--porcelain", "--ignored")).not.toContain(".kiln/ledger");
  });
});
