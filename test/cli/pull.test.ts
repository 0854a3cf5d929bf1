// `kiln pull`: what the user asked for is what the workspace holds afterwards. The model's versions
// here have outputs of the same size (`{"mae":50}` and `{"mae":40}`), so only a content comparison
// tells them apart.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownedTempName } from "../../src/paths/workspace-lock.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { modelRepo, train } from "../support/model-repo.js";

const model = (dir: string) => readFileSync(path.join(dir, "build/model.json"), "utf8");

describe("kiln pull", () => {
  it("puts the asked-for version's bytes in place even when another version of the same size is there", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    expect((await train(dir, 40)).code).toBe(0);
    expect(model(dir)).toBe('{"mae":40}');

    const older = await kilnIn(dir, ["pull", "model@v1"]);
    expect(older.code, older.output).toBe(0);
    expect(model(dir)).toBe('{"mae":50}');
    expect(older.stdout).toContain("model v1: 1 of 1 output(s) restored");

    // v2 is the current version (mae.txt says 40): --all brings it back and says so.
    const all = await kilnIn(dir, ["pull", "--all"]);
    expect(all.code, all.output).toBe(0);
    expect(model(dir)).toBe('{"mae":40}');
    expect(all.stdout).toContain("model v2: 1 output(s) restored");
    expect(all.stdout).not.toContain("up to date");

    // Nothing to do when the bytes are already the current version's.
    const again = await kilnIn(dir, ["pull", "--all"]);
    expect(again.stdout).toContain("model v2: up to date");
  }, 120_000);
});

describe("kiln pull ASSET takes this checkout's current version, as kiln status shows it", () => {
  it("not a dev build made on another branch since, and kiln show ASSET names the same version", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0); // v1: prod, on main
    gitIn(dir, "checkout", "-q", "-b", "experiment-branch");
    writeFileSync(path.join(dir, "mae.txt"), "40");
    gitIn(dir, "commit", "-qam", "try 40");
    expect((await kilnIn(dir, ["run", "model"])).code).toBe(0); // v2: dev, on experiment-branch
    gitIn(dir, "checkout", "-q", "main");

    const status = await kilnIn(dir, ["status", "--json"]);
    expect(JSON.parse(status.stdout).assets.model).toMatchObject({ status: "fresh", version: "v1" });
    const pulled = await kilnIn(dir, ["pull", "model"]);
    expect(pulled.code, pulled.output).toBe(0);
    expect(model(dir)).toBe('{"mae":50}');
    expect(pulled.stdout).toMatch(/^model v1: 1 of 1 output\(s\) restored/);
    expect(pulled.stdout).toContain(
      "v1 is this checkout's current version in prod (fresh), as kiln status shows it",
    );
    const shown = await kilnIn(dir, ["show", "model"]);
    expect(shown.code, shown.output).toBe(0);
    expect(shown.stdout).toMatch(/^model v1 /);

    // A stale asset's current version is still the one status shows, and the output says why it is stale.
    writeFileSync(path.join(dir, "mae.txt"), "45");
    const stale = await kilnIn(dir, ["pull", "model"]);
    expect(stale.code, stale.output).toBe(0);
    expect(stale.stdout).toMatch(/^model v1: /);
    expect(stale.stdout).toContain(
      "v1 is this checkout's current version in prod (stale: input changed (mae.txt))",
    );

    // On a checkout whose line of history holds no version, the answer names the versions elsewhere.
    gitIn(dir, "checkout", "-q", "--orphan", "fresh-start");
    gitIn(dir, "commit", "-qam", "unrelated history");
    const none = await kilnIn(dir, ["show", "model"]);
    expect(none.code).toBe(1);
    expect(none.output).toContain(
      "kiln: error: model has no version in this checkout (dev): never materialized",
    );
    expect(none.output).toContain("the newest is v2, made in dev on experiment-branch: kiln show model@v2");
  }, 120_000);
});

describe("kiln pull ASSET --branch and --env take the latest version the filters keep", () => {
  it("as kiln show does; never an experiment unless named", async () => {
    const dir = modelRepo();
    const manifest = readFileSync(path.join(dir, "kiln.yml"), "utf8");
    writeFileSync(
      path.join(dir, "kiln.yml"),
      manifest.replace("    promote: {}\n", "    config: { depth: 1 }\n    promote: {}\n"),
    );
    gitIn(dir, "commit", "-qam", "config");
    expect((await train(dir, 50)).code).toBe(0); // v1: prod, on main
    gitIn(dir, "checkout", "-q", "-b", "feature");
    expect((await train(dir, 30)).code).toBe(0); // v2: dev, on feature
    gitIn(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "mae.txt"), "45");
    const experiment = await kilnIn(dir, ["run", "model", "--set", "model.depth=2"]);
    expect(experiment.code, experiment.output).toBe(0); // v3: an experiment on main

    const prod = await kilnIn(dir, ["pull", "model", "--env", "prod"]);
    expect(prod.code, prod.output).toBe(0);
    expect(prod.stdout).toContain("model v1:");
    expect(model(dir)).toBe('{"mae":50}');

    const branch = await kilnIn(dir, ["pull", "model", "--branch", "feature"]);
    expect(branch.stdout).toContain("model v2:");
    expect(branch.stdout).toContain("v2 is the latest version made in branch feature");
    expect(model(dir)).toBe('{"mae":30}');

    // The newest is v3, an experiment, and v2 is feature's: main's current version is v1.
    const current = await kilnIn(dir, ["pull", "model"]);
    expect(current.stdout).toContain("model v1:");
    const named = await kilnIn(dir, ["pull", "model@v3"]);
    expect(named.code, named.output).toBe(0);
    expect(model(dir)).toBe('{"mae":45}');

    // As kiln show: a named version made elsewhere is refused under --env.
    const elsewhere = await kilnIn(dir, ["pull", "model@v2", "--env", "prod"]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.output).toContain("model v2 was made in dev on feature, not in environment prod");
  }, 120_000);
});

describe("kiln pull and kiln run do not write an asset's paths at once", () => {
  it("waits for the asset's lock held by another process, saying so, and writes after it", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    expect((await train(dir, 40)).code).toBe(0);
    // Another process holds model's lock, as another `kiln pull` does while it writes model's outputs.
    const lock = path.join(dir, ".kiln/locks/corrupt/model.lock");
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("node:fs"), os = require("node:os");
fs.mkdirSync(require("node:path").dirname(process.argv[1]), { recursive: true });
fs.writeFileSync(process.argv[1], JSON.stringify({ pid: process.pid, host: os.hostname(), token: "other", command: "pull" }));
console.log("held");
process.stdin.on("end", () => { fs.unlinkSync(process.argv[1]); process.exit(0); });
process.stdin.resume();`,
        lock,
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));

    let waiting!: () => void;
    const saidWaiting = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const pulled = kilnIn(dir, ["pull", "model@v1"], (text) => {
      if (text.includes("waiting for another kiln")) waiting();
    });
    try {
      await Promise.race([
        saidWaiting,
        pulled.then((r) => {
          throw new Error(`kiln pull ended without waiting for the lock:\n${r.output}`);
        }),
      ]);
      expect(model(dir)).toBe('{"mae":40}'); // untouched while the other process holds the lock
    } finally {
      holder.stdin.end();
      await exited;
    }
    const result = await pulled;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      `kiln: waiting for another kiln pull (pid ${holder.pid}) that is writing model's outputs in this workspace`,
    );
    expect(model(dir)).toBe('{"mae":50}');
  }, 120_000);
});

describe("kiln pull after a fetch was killed", () => {
  it("removes the staging folder a killed process left under .kiln/tmp, never one a live process is filling", async () => {
    const dir = modelRepo();
    expect((await train(dir, 50)).code).toBe(0);
    const tmp = path.join(dir, ".kiln/tmp");
    // A staging folder as a fetch names it, for the process with `pid` (this one's name, re-owned).
    const stagingOf = (pid: number) => ownedTempName("fetch-").replace(/^fetch-\d+-/, `fetch-${pid}-`);
    const halfFetched = (name: string) => {
      mkdirSync(path.join(tmp, name, "build"), { recursive: true });
      writeFileSync(path.join(tmp, name, "build/model.json"), '{"mae":');
      return name;
    };
    // A kiln killed mid-fetch: its process is gone, its staging folder stays.
    const dead = halfFetched(stagingOf(spawnSync(process.execPath, ["-e", "0"]).pid!));
    // A concurrent kiln still downloading into its own staging folder.
    const live = spawn(process.execPath, ["-e", "process.stdin.resume()"], {
      stdio: ["pipe", "ignore", "inherit"],
    });
    const exited = new Promise((resolve) => live.on("exit", resolve));
    const filling = halfFetched(stagingOf(live.pid!));
    // An older kiln's folder says nothing of its owner: left alone.
    const unowned = halfFetched("fetch-0b9d6c1e-64a3-4e0f-9c55-2f1e7b3a9d40");
    try {
      rmSync(path.join(dir, "build/model.json"));
      const pulled = await kilnIn(dir, ["pull", "model"]);
      expect(pulled.code, pulled.output).toBe(0);
      expect(model(dir)).toBe('{"mae":50}');
      expect(readdirSync(tmp).sort()).toEqual([filling, unowned].sort());
      expect(readFileSync(path.join(tmp, filling, "build/model.json"), "utf8")).toBe('{"mae":');
    } finally {
      live.stdin.end();
      await exited;
    }
    // Once that process has ended, the next pull that writes removes its folder too.
    rmSync(path.join(dir, "build/model.json"));
    const again = await kilnIn(dir, ["pull", "model"]);
    expect(again.code, again.output).toBe(0);
    expect(existsSync(path.join(tmp, dead))).toBe(false);
    expect(readdirSync(tmp)).toEqual([unowned]);
  }, 120_000);
});
