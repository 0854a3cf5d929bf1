// Two `kiln run`s in one checkout that both materialize an asset take turns: the second waits for
// the first (its step rewrites the same output files) and then records its own version.
import { spawnSync } from "node:child_process";
import { existsSync, linkSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withAssetLock } from "../../src/paths/workspace-lock.js";
import { tempDir } from "../ledger/fixtures.js";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";

/** Resolves once `check` is true, looking again on each turn of the event loop's timers. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the asset lock", () => {
  it("runs a second holder only after the first is done, and says once that it waits", async () => {
    const locks = tempDir("kiln-locks-");
    const order: string[] = [];
    let release!: () => void;
    const first = withAssetLock(locks, "model", async () => {
      order.push("first starts");
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      order.push("first ends");
      return 1;
    });
    await until(() => order.length === 1);
    const waits: string[] = [];
    const second = withAssetLock(
      locks,
      "model",
      async () => {
        order.push("second runs");
        return 2;
      },
      { onWait: (message) => waits.push(message) },
    );
    await until(() => waits.length === 1);
    expect(order).toEqual(["first starts"]);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(["first starts", "first ends", "second runs"]);
    expect(waits).toEqual([
      `kiln: waiting for another kiln run (pid ${process.pid}) that is materializing model in this workspace`,
    ]);
    expect(readdirSync(locks).filter((name) => !name.startsWith(".holder-"))).toEqual([]);
  });

  it("says what the holder is doing: a pull restoring the asset's outputs is not a materialization", async () => {
    const locks = tempDir("kiln-locks-");
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const pull = withAssetLock(
      locks,
      "model",
      async () => {
        held();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { holder: "pull" },
    );
    await holding;
    const waits: string[] = [];
    const run = withAssetLock(locks, "model", async () => "ran", {
      holder: "run",
      onWait: (message) => {
        waits.push(message);
        release();
      },
    });
    await Promise.all([pull, run]);
    expect(waits).toEqual([
      `kiln: waiting for another kiln pull (pid ${process.pid}) that is writing model's outputs in this workspace`,
    ]);
  });

  it("claims nothing about a holder that did not say what it does (an older kiln)", async () => {
    const locks = tempDir("kiln-locks-");
    // Held by a live process on this machine (the one that started the tests), as a kiln from
    // before holders said what they do wrote it.
    writeFileSync(
      path.join(locks, "model.lock"),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), token: "older-kiln" }),
    );
    const abort = new AbortController();
    const waits: string[] = [];
    const waited = await withAssetLock(locks, "model", async () => "ran", {
      onWait: (message) => {
        waits.push(message);
        abort.abort();
      },
      signal: abort.signal,
    });
    expect(waited).toBeUndefined();
    expect(waits).toEqual([
      `kiln: waiting for model's lock in this workspace, in use by another kiln process (pid ${process.ppid})`,
    ]);
  });

  it("takes over a lock whose process was killed", async () => {
    const locks = tempDir("kiln-locks-");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(
      path.join(locks, "model.lock"),
      JSON.stringify({ pid: gone, host: os.hostname(), token: "left-by-a-killed-run" }),
    );
    const waits: string[] = [];
    expect(await withAssetLock(locks, "model", async () => "ran", { onWait: (m) => waits.push(m) })).toBe(
      "ran",
    );
    expect(waits).toEqual([]);
    expect(existsSync(path.join(locks, "model.lock"))).toBe(false);
  });

  it("takes over a lock a killed run left, and removes the killed run's holder file", async () => {
    const locks = tempDir("kiln-locks-");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    // What a run killed while it held a lock leaves: its holder file, linked as the lock.
    const holder = path.join(locks, `.holder-${gone}-killed`);
    writeFileSync(holder, JSON.stringify({ pid: gone, host: os.hostname(), token: "killed" }));
    linkSync(holder, path.join(locks, "model.lock"));
    let inside: string[] = [];
    expect(
      await withAssetLock(locks, "model", async () => {
        inside = readdirSync(locks).filter((name) => !name.startsWith(".holder-"));
        return "ran";
      }),
    ).toBe("ran");
    expect(inside).toEqual(["model.lock"]);
    expect(readdirSync(locks).filter((name) => name.endsWith(".lock"))).toEqual([]);
    expect(existsSync(holder)).toBe(false);
  });

  it("takes over a lock left by an earlier process that had this process's pid", async () => {
    // Containers reuse pids: a run killed in an earlier container life may have had ours.
    const locks = tempDir("kiln-locks-");
    writeFileSync(
      path.join(locks, "model.lock"),
      JSON.stringify({ pid: process.pid, host: os.hostname(), token: "earlier" }),
    );
    const waits: string[] = [];
    // A generous limit: waiting on it fails the test instead of hanging it.
    const ran = await withAssetLock(locks, "model", async () => "ran", {
      onWait: (m) => waits.push(m),
      signal: AbortSignal.timeout(30_000),
    });
    expect(ran).toBe("ran");
    expect(waits).toEqual([]);
    expect(existsSync(path.join(locks, "model.lock"))).toBe(false);
  });

  it("stops waiting when the run is cancelled, without running the work", async () => {
    const locks = tempDir("kiln-locks-");
    // Held by a live process on this machine (the one that started the tests).
    writeFileSync(
      path.join(locks, "model.lock"),
      JSON.stringify({ pid: process.ppid, host: os.hostname(), token: "another-run" }),
    );
    const abort = new AbortController();
    let ran = false;
    const waiting = withAssetLock(
      locks,
      "model",
      async () => {
        ran = true;
      },
      { onWait: () => abort.abort(), signal: abort.signal },
    );
    expect(await waiting).toBeUndefined();
    expect(ran).toBe(false);
    // The other run's lock is left alone.
    expect(existsSync(path.join(locks, "model.lock"))).toBe(true);
  });
});

const MANIFEST = `version: 1
name: shared
assets:
  data:
    code: [make.mjs]
    run: node make.mjs
    outputs: [build/data.txt]
`;

// Writes its output in two halves around a wait for the file \`go\`: a second run whose step
// cleared or rewrote build/data.txt meanwhile would change the bytes the first is storing.
const MAKE = `import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
mkdirSync("build", { recursive: true });
writeFileSync("build/data.txt", "first half\\n");
writeFileSync(\`started-\${process.pid}\`, "");
while (!existsSync("go")) await new Promise((resolve) => setTimeout(resolve, 20));
appendFileSync("build/data.txt", "second half\\n");
`;

describe("two kiln runs in one checkout", () => {
  it("materialize the same asset one after the other: both succeed, with versions 1 and 2", async () => {
    const dir = engineRepo(MANIFEST, { "make.mjs": MAKE });
    const started = () => readdirSync(dir).filter((f) => f.startsWith("started-")).length;

    const first = kilnIn(dir, ["run", "--force"]);
    await until(() => started() === 1);
    let secondSoFar = "";
    let secondDone = false;
    const second = kilnIn(dir, ["run", "--force"], (text) => {
      secondSoFar += text;
    }).finally(() => {
      secondDone = true;
    });
    // The second run waits, and does not start its step, while the first one's step runs.
    await until(() => secondSoFar.includes("waiting for another kiln run") || secondDone || started() > 1);
    expect(secondSoFar).toContain("waiting for another kiln run");
    expect(started()).toBe(1);
    writeFileSync(path.join(dir, "go"), "");
    const [a, b] = await Promise.all([first, second]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    expect(started()).toBe(2);
    const history = JSON.parse((await kilnIn(dir, ["history", "data", "--json"])).stdout);
    expect(history.versions.map((v: { version: number }) => v.version).sort()).toEqual([1, 2]);
  });
});
