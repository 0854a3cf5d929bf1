// The XGBoost example as a team would use it: build, try a worse model, try a better one.
// Needs Debian's python3-xgboost, python3-sklearn, python3-pandas; skipped only outside CI.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Rig } from "../e2e/rig.js";

const EXAMPLE = path.resolve(import.meta.dirname, "../../examples/xgboost");
const python = spawnSync("/usr/bin/python3", ["-c", "import xgboost, sklearn, pandas"]).status === 0;
if (!python && process.env.CI === "true") {
  throw new Error(
    "CI=true but /usr/bin/python3 cannot import xgboost, sklearn and pandas: install python3-xgboost python3-sklearn python3-pandas",
  );
}

interface History {
  versions: { version: number; aliases: string[]; metrics: Record<string, number> }[];
}

function exampleRig(): Rig {
  const rig = new Rig();
  for (const entry of readdirSync(EXAMPLE)) {
    if (entry === "build" || entry === ".kiln") continue;
    cpSync(path.join(EXAMPLE, entry), path.join(rig.dir, entry), { recursive: true });
  }
  rig.commit("the xgboost example");
  return rig;
}

function setDepth(rig: Rig, depth: number): void {
  rig.write({ "kiln.yml": rig.read("kiln.yml").replace(/max_depth: \d+/, `max_depth: ${depth}`) });
  rig.commit(`max_depth ${depth}`);
}

describe.skipIf(!python)("the XGBoost example", () => {
  it("builds, keeps the champion on a worse model and promotes a better one", async () => {
    const rig = exampleRig();
    const first = await rig.kiln("run");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/model\s+success\s+.*v1; champion → v1/);
    expect((await rig.kiln("run")).stdout).toContain("Everything is fresh");

    setDepth(rig, 6);
    const status = JSON.parse((await rig.kiln("status", "--json")).stdout);
    expect(status.assets.model.reasons).toEqual(["config changed (max_depth 3 → 6)"]);
    const worse = await rig.kiln("run", "model+");
    expect(worse.code, worse.stderr).toBe(0);
    expect(worse.stdout).toMatch(/model\s+success\s+.*v2\s*$/m);

    setDepth(rig, 2);
    const better = await rig.kiln("run", "model+");
    expect(better.stdout).toMatch(/model\s+success\s+.*v3; champion → v3/);

    const history = JSON.parse((await rig.kiln("history", "model", "--json")).stdout) as History;
    const [v1, v2, v3] = history.versions;
    expect(v2!.metrics.mae).toBeGreaterThan(v1!.metrics.mae!);
    expect(v1!.metrics.mae! - v3!.metrics.mae!).toBeGreaterThanOrEqual(0.5);
    expect(history.versions.map((v) => v.aliases)).toEqual([[], [], ["champion"]]);
    const shown = await rig.kiln("show", "model@v2");
    expect(shown.stdout).toMatch(/not eligible: mae [\d.]+ does not beat champion v1/);
    // The record names its series file (kept beside it, one point a line).
    const record = JSON.parse(rig.read(rig.ledger("materializations/model/v3.json")));
    expect(record.seriesFile.points).toBe(200);
    const series = rig
      .read(rig.ledger(record.seriesFile.path))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(series).toHaveLength(200);
    expect(Object.keys(series[0])).toEqual(["step", "train_mae", "val_mae"]);
  }, 300_000);

  it("reports a pull request that changes max_depth against the champion and the merge-base, without promoting", async () => {
    const rig = exampleRig();
    expect((await rig.kiln("run")).code).toBe(0); // main: v1 is champion
    rig.git("checkout", "-q", "-b", "deeper-trees");
    setDepth(rig, 6);
    const pr = await rig.kiln("run", "--event", "pull_request", "--base", "main");
    expect(pr.code, pr.stderr).toBe(0);
    expect(pr.stdout).toMatch(/model\s+success\s+.*v2\s*$/m);
    const report = (await rig.kiln("report")).stdout;
    expect(report).toContain("pull_request");
    expect(report).toMatch(/vs champion v1/);
    expect(report).toMatch(/vs merge-base v1/);
    expect(report).toContain("pull requests never promote");
    const history = JSON.parse((await rig.kiln("history", "model", "--json")).stdout) as History;
    expect(history.versions.map((v) => v.aliases)).toEqual([["champion"], []]);
  }, 300_000);
});
