// The report's version history follows the checkout's line: a dev build on a feature branch is
// neither the "previous" version of a prod run on main nor a point on its history chart.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

describe("the report's version history", () => {
  it("shows only the versions of the run's environment and line of history", async () => {
    const dir = epochsProject("kiln-report-lineage-", { epochs: 10, name: "lineage", promote: true });
    commitNewRepository(dir, "start");
    expect((await kilnIn(dir, ["run"])).code).toBe(0); // v1, prod, main

    gitIn(dir, "checkout", "-q", "-b", "feature");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 20, name: "lineage", promote: true }));
    gitIn(dir, "commit", "-q", "-am", "more epochs");
    const dev = await kilnIn(dir, ["run"]); // v2, dev (epochs 5), feature
    expect(dev.output).toContain("environment dev");

    gitIn(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 40, name: "lineage", promote: true }));
    gitIn(dir, "commit", "-q", "-am", "even more epochs");
    const prod = await kilnIn(dir, ["run"]); // v3, prod, main
    expect(prod.output).toContain("environment prod");

    const view = JSON.parse((await kilnIn(dir, ["report", "--format", "json"])).stdout);
    const model = view.assets.find((a: { name: string }) => a.name === "model");
    expect(model.version).toBe(3);
    expect(model.details.baselines.previous).toBe(1);
    expect(model.details.history.points.map((p: { version: number }) => p.version)).toEqual([1, 3]);
    const markdown = (await kilnIn(dir, ["report"])).stdout;
    expect(markdown).toContain('x-axis ["v1", "v3★"]');
  });
});
