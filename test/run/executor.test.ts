// The executor in-process: assets run in dependency order with N workers, a failure skips only
// its dependants, an upstream that rebuilt identical bytes lets its dependants stay fresh (early
// cutoff), and a cancelled run starts nothing new. Real git repositories, real `sh` steps; what is
// asserted is what a user sees: outcomes and their details, progress events, records, files.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  engineRepo,
  featuresModelRepo,
  ledgerOf,
  localEnv,
  reformatFeatures,
  runEngine,
} from "../support/engine-run.js";
import { gitIn } from "../support/kiln-in-process.js";

/**
 * A step that marks itself started in $SYNC, then waits (polling, up to two minutes) until
 * `other` has started too: two such steps finish only when they run at the same time.
 */
function meetStep(self: string, other: string): string {
  return `touch "$SYNC/${self}"; i=0; while [ ! -e "$SYNC/${other}" ]; do i=$((i+1)); [ $i -gt 2400 ] && exit 9; sleep 0.05; done; mkdir -p build && printf ${self} > build/${self}.txt`;
}

function syncEnv() {
  const sync = mkdtempSync(path.join(os.tmpdir(), "kiln-sync-"));
  return { sync, env: localEnv({ SYNC: sync }) };
}

describe("the executor", () => {
  it("with -j 2 runs independent assets side by side and a dependant only after its dependency", async () => {
    const dir = engineRepo(`version: 1
assets:
  a:
    run: '${meetStep("a", "c")}'
    outputs: [build/a.txt]
  b:
    deps: [a]
    run: 'mkdir -p build && cat build/a.txt > build/b.txt && printf "+b" >> build/b.txt'
    outputs: [build/b.txt]
  c:
    run: '${meetStep("c", "a")}'
    outputs: [build/c.txt]
`);
    const { env } = syncEnv();
    const run = await runEngine(dir, { jobs: 2, env });
    for (const name of ["a", "b", "c"])
      expect(run.outcome(name)?.outcome, run.outcome(name)?.detail).toBe("success");
    // a and c met (each waited for the other to start), so two steps ran at once.
    expect(run.states("a")).toEqual(["queued", "running", "success"]);
    // b started only once a had succeeded, and read a's output.
    expect(run.at("b", "running")).toBeGreaterThan(run.at("a", "success"));
    expect(readFileSync(path.join(dir, "build/b.txt"), "utf8")).toBe("a+b");
    expect(run.closed()).toBe(true);
    expect(run.result.execution.cancelled).toBe(false);
  });

  it("with -j 1 never runs two steps at once, in the graph's order", async () => {
    // Each step logs its start and end: -j bounds the steps' processes (Kiln's own recording of
    // one asset may overlap the next asset's step, which is the point of the bound).
    const step = (name: string) =>
      `'echo start ${name} >> steps.log && mkdir -p build && echo ${name} > build/${name}.txt && echo end ${name} >> steps.log'`;
    const dir = engineRepo(`version: 1
assets:
  z:
    run: ${step("z")}
    outputs: [build/z.txt]
  y:
    deps: [z]
    run: ${step("y")}
    outputs: [build/y.txt]
  x:
    run: ${step("x")}
    outputs: [build/x.txt]
`);
    const run = await runEngine(dir, { jobs: 1 });
    const log = readFileSync(path.join(dir, "steps.log"), "utf8").trim().split("\n");
    expect(log).toHaveLength(6);
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]).toMatch(/^start /);
      expect(log[i + 1]).toBe(log[i]!.replace("start", "end"));
    }
    expect(log.indexOf("start y")).toBeGreaterThan(log.indexOf("end z"));
    expect(run.at("y", "running")).toBeGreaterThan(run.at("z", "success"));
    expect([...run.result.execution.outcomes.values()].map((o) => o.outcome)).toEqual([
      "success",
      "success",
      "success",
    ]);
  });

  it("a failure skips its dependants (transitively), records the failure, and lets the rest run", async () => {
    const dir = engineRepo(`version: 1
assets:
  prep:
    run: 'echo "reading raw data"; echo "raw.csv: no such file" >&2; exit 3'
    outputs: [build/prep.txt]
  train:
    deps: [prep]
    run: 'mkdir -p build && echo t > build/train.txt'
    outputs: [build/train.txt]
  report:
    deps: [train]
    run: 'mkdir -p build && echo r > build/report.txt'
    outputs: [build/report.txt]
  other:
    run: 'mkdir -p build && echo o > build/other.txt'
    outputs: [build/other.txt]
`);
    const run = await runEngine(dir, { jobs: 2 });
    expect(run.outcome("prep")).toMatchObject({
      outcome: "failed",
      detail: '`echo "reading raw data"; echo "raw.csv: no such file" >&2; exit 3` exited with code 3',
    });
    expect(run.outcome("train")).toMatchObject({
      outcome: "skipped",
      detail: "skipped: dependency prep failed",
    });
    expect(run.outcome("report")).toMatchObject({
      outcome: "skipped",
      detail: "skipped: dependency train was skipped",
    });
    expect(run.outcome("other")?.outcome).toBe("success");
    expect(existsSync(path.join(dir, "build/train.txt"))).toBe(false);

    const { records, failures } = await ledgerOf(run.workspace, "prep");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      reasons: ["never materialized", "automation: eager"],
    });
    expect(failures[0]!.logTail).toEqual(["reading raw data", "raw.csv: no such file"]);
    // The full log is kept where the failure says, and the reporter was given it.
    const logFile = run.outcome("prep")!.logFile!;
    expect(readFileSync(logFile, "utf8")).toContain("raw.csv: no such file");
    expect(run.events.find((e) => e.asset === "prep" && e.state === "failed")?.logFile).toBe(logFile);
    // Skipped assets left nothing behind: no record, no failure.
    expect(await ledgerOf(run.workspace, "train")).toEqual({ records: [], failures: [] });
  });

  it("a failed model does not skip a dependant of model@champion while the champion names a version", async () => {
    // predictions reads the champion, which a failed training leaves as it was: it still scores
    // its new data with it. Only while the alias names no version does the failure skip it.
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  predictions:
    deps: [model@champion]
    code: [predict.sh]
    run: sh predict.sh
    outputs: [build/predictions.txt]
`,
      {
        "train.sh": `mkdir -p build && echo m1 > build/model.txt && echo '{"mae": 3}' > "$KILN_METRICS"\n`,
        "predict.sh":
          "mkdir -p build && { printf 'scored by '; cat build/model.txt; } > build/predictions.txt\n",
      },
    );
    const first = await runEngine(dir);
    expect(first.outcome("model")).toMatchObject({ outcome: "success", detail: "v1; champion → v1" });
    // Training now fails; new scoring code makes predictions stale in its own right.
    writeFileSync(path.join(dir, "train.sh"), 'echo "training diverged" >&2; exit 1\n');
    writeFileSync(
      path.join(dir, "predict.sh"),
      "mkdir -p build && { printf 'scored (v2) by '; cat build/model.txt; } > build/predictions.txt\n",
    );
    gitIn(dir, "commit", "-qam", "diverging training, new scoring");
    const run = await runEngine(dir);
    expect(run.outcome("model")?.outcome).toBe("failed");
    expect(run.outcome("predictions")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(readFileSync(path.join(dir, "build/predictions.txt"), "utf8")).toBe("scored (v2) by m1\n");
    const { records } = await ledgerOf(run.workspace, "predictions");
    expect(records.at(-1)?.provenance.deps["model@champion"]).toBe(
      records[0]?.provenance.deps["model@champion"],
    );

    // No champion yet: the failed training leaves predictions nothing to read, and skips it.
    const fresh = engineRepo(
      `version: 1
assets:
  model:
    run: 'echo "training diverged" >&2; exit 1'
    outputs: [build/model.txt]
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  predictions:
    deps: [model@champion]
    run: 'mkdir -p build && cat build/model.txt > build/predictions.txt'
    outputs: [build/predictions.txt]
`,
    );
    const none = await runEngine(fresh);
    expect(none.outcome("model")?.outcome).toBe("failed");
    expect(none.outcome("predictions")).toMatchObject({
      outcome: "skipped",
      detail: "skipped: dependency model failed, and model has no champion yet",
    });
    expect((await ledgerOf(none.workspace, "predictions")).failures).toEqual([]);
  });

  it("an upstream that rebuilds identical bytes leaves its dependants fresh (early cutoff), restoring their outputs", async () => {
    const dir = featuresModelRepo("mkdir -p build && wc -l < build/features.csv > build/model.txt");
    const first = await runEngine(dir);
    expect(first.outcome("model")?.outcome).toBe("success");

    // The code changes, the bytes it writes do not; model's output was deleted meanwhile.
    reformatFeatures(dir);
    rmSync(path.join(dir, "build/model.txt"));
    const second = await runEngine(dir);
    expect(second.outcome("features")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(second.outcome("features")!.reasons.join(" ")).toContain("code changed");
    const model = second.outcome("model")!;
    expect(model.outcome).toBe("fresh");
    expect(model.detail).toMatch(
      /^fresh at v1: upstream data unchanged \(early cutoff\); restored 1 output\(s\) from /,
    );
    expect(readFileSync(path.join(dir, "build/model.txt"), "utf8").trim()).toBe("3");
    expect((await ledgerOf(second.workspace, "model")).records).toHaveLength(1);
  });

  it("a dependant that runs after its dependency was cut off early gets the bytes of the version it records", async () => {
    // data → B → C. B has v1 (built on "one") and v2 (built on "three"). The data goes back to
    // "one" with A's code changed, so A runs and rebuilds v1's bytes; B is then fresh at v1 (early
    // cutoff), and C, whose code changed too, runs on B: it must read v1's bytes, the ones its
    // record names, not v2's, the newest B before the run.
    const dir = engineRepo(
      `version: 1
assets:
  a:
    code: [a.sh, data.txt]
    run: sh a.sh
    outputs: [build/a.txt]
  b:
    deps: [a]
    code: [b.sh]
    run: sh b.sh
    outputs: [build/b.txt]
  c:
    deps: [b]
    code: [c.sh]
    run: sh c.sh
    outputs: [build/c.txt]
`,
      {
        "data.txt": "one\n",
        "a.sh": "mkdir -p build && cat data.txt > build/a.txt\n",
        "b.sh": "mkdir -p build && { printf 'b:'; cat build/a.txt; } > build/b.txt\n",
        "c.sh": "mkdir -p build && { printf 'c:'; cat build/b.txt; } > build/c.txt\n",
      },
    );
    await runEngine(dir);
    writeFileSync(path.join(dir, "data.txt"), "three\n");
    await runEngine(dir);
    const bAt = async () => (await ledgerOf((await runEngine(dir)).workspace, "b")).records;
    const [b1, b2] = await bAt();
    expect([b1?.version, b2?.version]).toEqual([1, 2]);
    writeFileSync(path.join(dir, "data.txt"), "one\n");
    writeFileSync(path.join(dir, "a.sh"), "# reformatted\nmkdir -p build && cat data.txt > build/a.txt\n");
    writeFileSync(
      path.join(dir, "c.sh"),
      "# reformatted\nmkdir -p build && { printf 'c:'; cat build/b.txt; } > build/c.txt\n",
    );
    const run = await runEngine(dir);
    expect(run.outcome("b")).toMatchObject({ outcome: "fresh" });
    expect(run.outcome("b")?.detail).toMatch(/^fresh at v1: upstream data unchanged \(early cutoff\)/);
    expect(run.outcome("c")).toMatchObject({ outcome: "success" });
    const c = (await ledgerOf(run.workspace, "c")).records.at(-1)!;
    expect(c.provenance.deps.b).toBe(b1!.dataVersion);
    expect(readFileSync(path.join(dir, "build/c.txt"), "utf8")).toBe("c:b:one\n");
    expect(readFileSync(path.join(dir, "build/b.txt"), "utf8")).toBe("b:one\n");
  });

  it("a dependency whose bytes changed makes its dependant run with the new bytes", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  features:
    inputs: [rows.txt]
    run: 'mkdir -p build && cp rows.txt build/features.csv'
    outputs: [build/features.csv]
  model:
    deps: [features]
    run: 'mkdir -p build && wc -l < build/features.csv > build/model.txt'
    outputs: [build/model.txt]
`,
      { "rows.txt": "1\n2\n" },
    );
    await runEngine(dir);
    writeFileSync(path.join(dir, "rows.txt"), "1\n2\n3\n4\n");
    gitIn(dir, "commit", "-qam", "more rows");
    const second = await runEngine(dir);
    expect(second.outcome("model")).toMatchObject({ outcome: "success", detail: "v2" });
    expect(readFileSync(path.join(dir, "build/model.txt"), "utf8").trim()).toBe("4");
    const [, v2] = (await ledgerOf(second.workspace, "model")).records;
    expect(v2!.provenance.deps?.features).toBe(
      (await ledgerOf(second.workspace, "features")).records[1]!.dataVersion,
    );
  });

  it("a dependency that was never built: the plan waits, and an asset job told to run the dependant fails with what to run", async () => {
    const dir = engineRepo(`version: 1
assets:
  a:
    run: 'mkdir -p build && echo a > build/a.txt'
    outputs: [build/a.txt]
  b:
    deps: [a]
    run: 'mkdir -p build && echo b > build/b.txt'
    outputs: [build/b.txt]
`);
    const planned = await runEngine(dir, { selection: ["b"] });
    expect(planned.result.plan.assets.get("b")).toMatchObject({ run: false });
    expect(planned.result.plan.assets.get("b")!.reasons).toContain(
      "waiting: dependency a has never been materialized",
    );
    expect(planned.result.execution.outcomes.size).toBe(0);

    const run = await runEngine(dir, { decided: new Map([["b", { request: true, reason: "selected" }]]) });
    expect(run.outcome("a")).toBeUndefined();
    expect(run.outcome("b")).toMatchObject({
      outcome: "failed",
      detail: "dependency a has never been materialized: run `kiln run +b` to build it first",
    });
  });

  it("an error in Kiln's own bookkeeping (the store is unusable) fails only that asset and is recorded as its failure", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    run: 'mkdir -p build && echo m > build/model.bin'
    outputs: [build/model.bin]
  serve:
    deps: [model]
    run: 'echo serving'
  notify:
    run: 'echo "{\\"sent\\": 1}" > "$KILN_METRICS"'
`);
    mkdirSync(path.join(dir, ".kiln"), { recursive: true });
    // A file where the store's folder should be: every write into the store fails (as root too).
    writeFileSync(path.join(dir, ".kiln/store"), "not a folder");
    const run = await runEngine(dir, { jobs: 2 });
    const failed = run.outcome("model")!;
    expect(failed.outcome).toBe("failed");
    expect(failed.detail).toBe(
      `the outputs could not be stored, so no version was recorded: EEXIST: file already exists, mkdir '${path.join(dir, ".kiln/store")}'`,
    );
    expect(run.outcome("serve")).toMatchObject({
      outcome: "skipped",
      detail: "skipped: dependency model failed",
    });
    expect(run.outcome("notify")).toMatchObject({ outcome: "success", detail: "v1" });
    // The step ran: its failure is recorded with its log tail, as a failed upload's is, so history
    // and alerts show it and the next run knows this version failed.
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures.map((f) => f.error)).toEqual([failed.detail]);
  });

  it("a cancelled run at -j 1 leaves the assets prepared while another step ran as if never begun", async () => {
    // Independent assets: at -j 1 the executor prepares several ahead while `slow` runs (their
    // steps wait in the spawner for their turn). A cancel must leave them as the assets it never
    // began: not started, nothing recorded, their outputs from the last run untouched.
    const names = ["b", "c", "d", "e"];
    const assets = names
      .map(
        (name) =>
          `  ${name}:\n    run: 'mkdir -p build && echo new > build/${name}.txt'\n    outputs: [build/${name}.txt]`,
      )
      .join("\n");
    const dir = engineRepo(`version: 1
assets:
  slow:
    run: 'echo started; while [ ! -e "$SYNC/go" ]; do sleep 0.05; done'
${assets}
`);
    const { sync, env } = syncEnv();
    writeFileSync(path.join(sync, "go"), "");
    expect((await runEngine(dir, { env })).result.execution.outcomes.size).toBe(5);
    rmSync(path.join(sync, "go"));
    for (const name of names) writeFileSync(path.join(dir, `build/${name}.txt`), "old\n");
    const controller = new AbortController();
    // Cancelled once slow's step runs and the others have been prepared (their run folders exist;
    // beside them lies each asset's config file, which is not a run's).
    const runFolders = (n: string) =>
      readdirSync(path.join(dir, ".kiln/runs", n), { withFileTypes: true }).filter((e) => e.isDirectory());
    const prepared = () => names.filter((n) => runFolders(n).length > 1).length;
    const run = await runEngine(dir, {
      env,
      jobs: 1,
      force: true,
      signal: controller.signal,
      onLine: () => {
        const poll = setInterval(() => {
          if (prepared() === 0) return;
          clearInterval(poll);
          controller.abort();
        }, 10);
      },
    });
    expect(prepared()).toBeGreaterThan(0);
    expect(run.outcome("slow")).toMatchObject({ outcome: "cancelled", detail: "cancelled" });
    for (const name of names) {
      expect(run.outcome(name)).toMatchObject({
        outcome: "cancelled",
        detail: "not started: the run was cancelled",
      });
      expect((await ledgerOf(run.workspace, name)).failures).toEqual([]);
      expect(readFileSync(path.join(dir, `build/${name}.txt`), "utf8")).toBe("old\n");
    }
  });

  it("records a step's own time, not its wait for a turn while it was prepared ahead", async () => {
    const dir = engineRepo(`version: 1
assets:
  first:
    run: 'while [ ! -e "$SYNC/go" ]; do sleep 0.05; done'
  second:
    run: 'true'
`);
    const { sync, env } = syncEnv();
    // Held until second has been prepared (its run folder made, its step handed over) and has
    // waited at least HELD_MS for its turn.
    const HELD_MS = 1_500;
    const release = setInterval(() => {
      const folder = path.join(dir, ".kiln/runs/second");
      if (!existsSync(folder)) return;
      const since = Date.now() - statSync(folder).mtimeMs;
      if (since < HELD_MS) return;
      clearInterval(release);
      writeFileSync(path.join(sync, "go"), "");
    }, 20);
    const run = await runEngine(dir, { env, jobs: 1 });
    clearInterval(release);
    const [first] = (await ledgerOf(run.workspace, "first")).records;
    const [second] = (await ledgerOf(run.workspace, "second")).records;
    expect(first!.durationMs).toBeGreaterThanOrEqual(HELD_MS);
    // `true` and Kiln's bookkeeping around it: far less than the wait, even on a loaded machine.
    expect(second!.durationMs).toBeLessThan(HELD_MS);
    expect(Date.parse(second!.finishedAt) - Date.parse(second!.startedAt)).toBe(second!.durationMs);
    expect(run.outcome("second")!.durationMs).toBeLessThan(HELD_MS);
  });

  it("a cancelled run stops the running step, records it as cancelled and starts nothing new", async () => {
    const dir = engineRepo(`version: 1
assets:
  slow:
    run: 'echo started; sleep 60; mkdir -p build && echo s > build/slow.txt'
    outputs: [build/slow.txt]
  after:
    deps: [slow]
    run: 'mkdir -p build && echo a > build/after.txt'
    outputs: [build/after.txt]
`);
    const controller = new AbortController();
    // Cancelled once the step has surely started, whatever the load: when its first line arrives.
    const run = await runEngine(dir, { signal: controller.signal, onLine: () => controller.abort() });
    expect(run.result.execution.cancelled).toBe(true);
    expect(run.outcome("slow")).toMatchObject({ outcome: "cancelled", detail: "cancelled" });
    expect(run.outcome("after")).toMatchObject({
      outcome: "cancelled",
      detail: "not started: the run was cancelled",
    });
    const { failures } = await ledgerOf(run.workspace, "slow");
    expect(failures.map((f) => f.status)).toEqual(["cancelled"]);
    expect(existsSync(path.join(dir, "build/after.txt"))).toBe(false);
  });
});
