// What a version's page is told about it, read from the data files `kiln site` writes: the alias
// moves that named it (the version's own run may have judged otherwise), and the versions the site
// suggests comparing it with, taken from its own environment and branch as reports take them.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AssetMeta, previousOnLine, type VersionChunk } from "../../src/site/data.js";
import { readDataFile } from "../../src/site/data-file.js";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { gitIn as git, kilnIn } from "../support/kiln-in-process.js";

/** `kiln site` of the project in `dir`: its model's meta.js, first chunk and asset page. */
async function site(dir: string, project: string) {
  const out = path.join(dir, "site-out");
  const built = await kilnIn(dir, ["site", "--output", out]);
  expect(built.code, built.output).toBe(0);
  const data = (file: string) =>
    readDataFile(
      readFileSync(path.join(out, `data/${project}/model/${file}.js`), "utf8"),
      `${project}/model/${file}`,
    );
  return {
    meta: data("meta") as AssetMeta,
    chunk: data("c0") as VersionChunk,
    page: readFileSync(path.join(out, `assets/${project}/model.html`), "utf8"),
  };
}

/** The versions each field of the asset page's compare form starts on. */
function compareDefaults(page: string): Record<string, string | undefined> {
  const value = (name: string) =>
    new RegExp(`<input type="number" name="${name}"[^>]* value="(\\d+)"`).exec(page)?.[1];
  return { a: value("a"), b: value("b") };
}

function newRepository(dir: string): void {
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
}

describe("a version's data on the site", () => {
  it("names the alias moves to it: a pull request's version that became champion on merge", async () => {
    const dir = epochsProject("kiln-site-moves-", { epochs: 60, promote: true, name: "merge" });
    newRepository(dir);
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    git(dir, "checkout", "-q", "-b", "feature/x");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 80, promote: true, name: "merge" }));
    git(dir, "commit", "-qam", "80 epochs");
    expect((await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"])).code).toBe(0);
    git(dir, "checkout", "-q", "main");
    git(dir, "merge", "-q", "--squash", "feature/x");
    git(dir, "commit", "-q", "-m", "Squashed");
    expect((await kilnIn(dir, ["run"])).output).toContain("★ model: champion → v2");

    const { meta, chunk } = await site(dir, "merge");
    expect(meta.aliases).toEqual({ champion: 2 });
    // Its own run, a pull request's, could not promote: that verdict stays what its run decided.
    expect(chunk.versions.find((v) => v.version === 2)?.promotion?.promote).toBe(false);
    const moves = meta.moves.filter((m) => m.to === 2);
    expect(moves).toEqual([
      expect.objectContaining({ alias: "champion", from: 1, to: 2, kind: "promotion", by: "tester" }),
    ]);
    expect(moves[0]!.reason).toMatch(/beats champion v1/);
    expect(meta.moves.map((m) => [m.from, m.to])).toEqual([
      [null, 1],
      [1, 2],
    ]);
  }, 180_000);

  it("suggests comparisons within a version's environment and branch, never with a dev build", async () => {
    const dir = epochsProject("kiln-site-previous-", { epochs: 60, promote: true, name: "prev" });
    newRepository(dir);
    expect((await kilnIn(dir, ["run"])).code).toBe(0); // prod v1 on main
    git(dir, "checkout", "-q", "-b", "feature/x");
    expect((await kilnIn(dir, ["run"])).code).toBe(0); // dev v2 (5 epochs)
    git(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 70, promote: true, name: "prev" }));
    git(dir, "commit", "-qam", "70 epochs");
    expect((await kilnIn(dir, ["run"])).output).toContain("champion → v3"); // prod v3
    expect((await kilnIn(dir, ["report"])).stdout).toMatch(/vs previous v1/);
    git(dir, "checkout", "-q", "feature/x");
    writeFileSync(
      path.join(dir, "train.mjs"),
      `${readFileSync(path.join(dir, "train.mjs"), "utf8")}// again\n`,
    );
    git(dir, "commit", "-qam", "touch the training code");
    expect((await kilnIn(dir, ["run"])).code).toBe(0); // dev v4
    git(dir, "checkout", "-q", "main");
    expect((await kilnIn(dir, ["run", "--set", "model.epochs=3"])).code).toBe(0); // experiment v5
    writeFileSync(path.join(dir, "kiln.yml"), epochsManifest({ epochs: 75, promote: true, name: "prev" }));
    git(dir, "commit", "-qam", "75 epochs");
    expect((await kilnIn(dir, ["run"])).output).toContain("champion → v6"); // prod v6
    expect((await kilnIn(dir, ["report"])).stdout).toMatch(/vs previous v3/);

    const { meta, page } = await site(dir, "prev");
    expect(meta.versions.map((v) => [v.v, v.env, v.branch, v.experiment])).toEqual([
      [1, "prod", "main", undefined],
      [2, "dev", "feature/x", undefined],
      [3, "prod", "main", undefined],
      [4, "dev", "feature/x", undefined],
      [5, "prod", "main", true],
      [6, "prod", "main", undefined],
    ]);
    // What a version page offers as "Compare with vN": never a dev build, nor the experiment for a
    // version that is none (an experiment is compared with what came before it).
    expect(previousOnLine(meta.versions)).toEqual([undefined, undefined, 1, 2, 3, 3]);
    // The champion (prod v6, the newest of prod) with the version before it on its line.
    expect(compareDefaults(page)).toEqual({ a: "3", b: "6" });
  }, 180_000);
});
