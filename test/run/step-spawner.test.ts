// Steps are started by a small spawner process (src/run/step-spawner.ts), not by Kiln itself. What
// a user must never see from that: a step left running after Kiln or the spawner died, a step
// that hangs or succeeds when it could not run, output lost or reordered on the way.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { alive } from "../support/processes.js";
import { runStep } from "../../src/run/step.js";
import { type StepLane, StepSpawner, stepSpawner } from "../../src/run/step-spawner.js";
import { openLedger } from "../../src/ledger/open.js";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { Rig } from "../e2e/rig.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-spawner-"));
const base = (name: string) => ({
  cwd: dir,
  env: { ...process.env },
  timeoutMs: 60_000,
  logFile: path.join(dir, `${name}.log`),
});

const readPid = (file: string) => (existsSync(file) ? Number(readFileSync(file, "utf8")) || 0 : 0);

describe("the step spawner", () => {
  it("a kiln run killed with SIGKILL mid-step leaves no step process behind", async () => {
    const rig = new Rig({
      "kiln.yml": "version: 1\nassets:\n  slow:\n    run: node slow.mjs\n    outputs: [out.txt]\n",
      // The step and a child of its own (a data loader's worker) both outlive a crash unless stopped.
      "slow.mjs": `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const worker = spawn("sleep", ["120"], { stdio: "ignore" });
writeFileSync("pids.txt", process.pid + " " + worker.pid);
console.log("training");
setTimeout(() => {}, 120000);
`,
      ".gitignore": ".kiln/\npids.txt\n",
    });
    rig.commit();
    const started = await rig.start(["run", "-v"]);
    await started.printed("training");
    const pids = rig.read("pids.txt").split(" ").map(Number);
    expect(pids.every(alive)).toBe(true);
    started.child.kill("SIGKILL");
    await started.result;
    // Not a fixed sleep: the spawner sees Kiln gone and stops the step's process group.
    await expect.poll(() => pids.filter(alive), { timeout: 30_000, interval: 50 }).toEqual([]);
  }, 120_000);

  it("when the spawner dies, the running step is stopped and fails saying why, and the next step runs", async () => {
    const spawner = new StepSpawner();
    const pidFile = path.join(dir, "orphan.pid");
    const running = runStep({
      ...base("spawner-died"),
      command: `echo $$ > ${pidFile}; echo started; sleep 120`,
      spawner,
      onLine: (line) => {
        if (line === "started") process.kill(spawner.pid!, "SIGKILL");
      },
    });
    const result = await running;
    expect(result.code).not.toBe(0);
    expect(result.runnerError).toMatch(
      /^Kiln's step runner \(pid \d+\) was killed by SIGKILL, so the step was stopped$/,
    );
    expect(result.tail.at(-1)).toBe(`kiln: ${result.runnerError}`);
    const step = readPid(pidFile);
    expect(step).toBeGreaterThan(0);
    await expect.poll(() => alive(step), { timeout: 30_000, interval: 50 }).toBe(false);

    const next = await runStep({ ...base("after"), command: "echo again", spawner });
    expect(next).toMatchObject({ code: 0, tail: ["again"] });
  }, 120_000);

  it("a step that cannot be started fails with the reason instead of hanging", async () => {
    const result = await runStep({
      ...base("no-cwd"),
      cwd: path.join(dir, "no-such-folder"),
      command: "echo never",
    });
    expect(result.code).toBe(127);
    expect(result.runnerError).toBe("the step could not be started (spawn /bin/sh ENOENT)");
    expect(readFileSync(path.join(dir, "no-cwd.log"), "utf8")).toBe(
      "kiln: the step could not be started (spawn /bin/sh ENOENT)\n",
    );
  });

  it.skipIf(process.platform !== "linux")(
    "starts without Kiln's environment (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, secrets), and its steps get what each request names",
    async () => {
      const spawner = new StepSpawner();
      const env = {
        ...process.env,
        NODE_OPTIONS: "--max-old-space-size=4096",
        NODE_EXTRA_CA_CERTS: "/nonexistent/kiln-test-ca.pem",
      };
      // Kiln's own environment holds every secret of the job; a step is given only its own. Found
      // by review: a step read the others from its parent's /proc/<pid>/environ.
      const saved = {
        NODE_OPTIONS: process.env.NODE_OPTIONS,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
        KILN_TEST_WITHHELD: process.env.KILN_TEST_WITHHELD,
      };
      Object.assign(process.env, {
        NODE_OPTIONS: env.NODE_OPTIONS,
        NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS,
        KILN_TEST_WITHHELD: "not-for-this-step",
      });
      try {
        spawner.warm();
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
      const result = await runStep({
        ...base("spawner-env"),
        env,
        command: `tr '\\0' '\\n' < /proc/$PPID/environ | grep -c -E '^(NODE_OPTIONS|NODE_EXTRA_CA_CERTS|KILN_TEST_WITHHELD)=' ; echo "$NODE_OPTIONS $NODE_EXTRA_CA_CERTS"`,
        spawner,
      });
      expect(result.code).toBe(0);
      expect(result.tail).toEqual(["0", "--max-old-space-size=4096 /nonexistent/kiln-test-ca.pem"]);
    },
  );

  it("passes a large output through whole and in order, multi-byte characters included", async () => {
    const lines: string[] = [];
    // 20,000 numbered lines with a character of 3 bytes, so chunks are cut inside characters.
    const result = await runStep({
      ...base("large"),
      command: `i=0; while [ $i -lt 20000 ]; do echo "line $i €€€"; i=$((i+1)); done; echo done >&2`,
      onLine: (line) => lines.push(line),
    });
    expect(result.code).toBe(0);
    expect(lines).toHaveLength(20_001);
    expect(lines.slice(0, 20_000)).toEqual(Array.from({ length: 20_000 }, (_, i) => `line ${i} €€€`));
    expect(lines.at(-1)).toBe("done");
    expect(readFileSync(path.join(dir, "large.log"), "utf8").split("\n")).toHaveLength(20_002);
  }, 120_000);

  describe("lanes (a run's -j)", () => {
    /** A step that notes its start and end in `trace` and runs until `go` exists. */
    const held = (name: string, trace: string, go: string) =>
      `echo "start ${name}" >> ${trace}; while [ ! -f ${go} ]; do sleep 0.01; done; echo "end ${name}" >> ${trace}`;

    /** A first step that holds a lane of one until released: the steps asked for next wait their turn. */
    const occupy = (spawner: StepSpawner, lane: StepLane, name: string) => {
      const go = path.join(dir, `${name}-go`);
      let started = false;
      const step = runStep({
        ...base(`${name}-first`),
        command: held("first", path.join(dir, `${name}-trace.txt`), go),
        spawner,
        lane,
        onStart: () => {
          started = true;
        },
      });
      return {
        step,
        started: () => expect.poll(() => started, { timeout: 30_000, interval: 20 }).toBe(true),
        release: () => writeFileSync(go, ""),
      };
    };

    it("runs at most the lane's limit of steps at once, the next as soon as one ends, in the order asked", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(2);
      const trace = path.join(dir, "lane-trace.txt");
      const go = path.join(dir, "lane-go");
      const started: string[] = [];
      const steps = ["a", "b", "c", "d", "e"].map((name) =>
        runStep({
          ...base(`lane-${name}`),
          command: held(name, trace, go),
          spawner,
          lane,
          onStart: () => started.push(name),
        }),
      );
      // Both first steps' shells have written their start (a started process may not have yet), so
      // neither can see `go` before the other is open; no third starts while they hold the lane.
      const starts = () =>
        existsSync(trace)
          ? readFileSync(trace, "utf8")
              .split("\n")
              .filter((l) => l.startsWith("start"))
          : [];
      await expect
        .poll(() => starts().sort(), { timeout: 30_000, interval: 20 })
        .toEqual(["start a", "start b"]);
      await expect.poll(() => started, { timeout: 30_000, interval: 20 }).toEqual(["a", "b"]);
      writeFileSync(go, "");
      const results = await Promise.all(steps);
      expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
      // The waiting ones were started in the order they were asked (their shells' own writes to
      // the trace may interleave, so the order is the spawner's).
      expect(started).toEqual(["a", "b", "c", "d", "e"]);
      // Never more than two open at once: a step writes its end before its process exits.
      const events = readFileSync(trace, "utf8").trim().split("\n");
      let open = 0;
      let most = 0;
      for (const event of events) {
        open += event.startsWith("start") ? 1 : -1;
        most = Math.max(most, open);
      }
      expect(most).toBe(2);
    }, 120_000);

    it("a step cancelled while it waits for its turn never starts, and the lane goes on", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const marker = path.join(dir, "drop-never-ran");
      const first = occupy(spawner, lane, "drop");
      const cancel = new AbortController();
      let waitingStarted = false;
      const waiting = runStep({
        ...base("drop-waiting"),
        command: `touch ${marker}`,
        spawner,
        lane,
        signal: cancel.signal,
        onStart: () => {
          waitingStarted = true;
        },
      });
      const after = runStep({ ...base("drop-after"), command: "echo after", spawner, lane });
      await first.started();
      cancel.abort();
      const dropped = await waiting;
      expect(dropped).toMatchObject({ cancelled: true, code: null, signal: null, timedOut: false });
      first.release();
      expect((await first.step).code).toBe(0);
      expect(await after).toMatchObject({ code: 0, tail: ["after"] });
      expect(waitingStarted).toBe(false);
      expect(existsSync(marker)).toBe(false);
    }, 120_000);

    // Found by review: a cancel that came while the spawner cleared a step's outputs (its turn had
    // come) was not a withdrawal and not yet a kill: the step was spawned anyway, killed when its
    // pid came back, and reported as never started although it had run.
    it("a step reported not started never ran, whenever a cancel comes during its outputs' clearing", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const outputs = path.join(dir, "slow-clear");
      mkdirSync(outputs, { recursive: true });
      for (let i = 0; i < 20_000; i++) writeFileSync(path.join(outputs, `f${i}`), "");
      const marker = path.join(dir, "slow-clear-ran");
      const cancel = new AbortController();
      const step = runStep({
        ...base("slow-clear"),
        command: `trap '' TERM; echo ran > ${marker}; sleep 30`,
        spawner,
        lane,
        clear: [outputs],
        signal: cancel.signal,
      });
      // Cancelled once the clearing is under way (the folder has started to shrink).
      await expect
        .poll(() => (existsSync(outputs) ? readdirSync(outputs).length : 0) < 20_000, {
          timeout: 60_000,
          interval: 5,
        })
        .toBe(true);
      cancel.abort();
      const result = await step;
      expect(result.cancelled).toBe(true);
      // Not started means it never ran (a step that did start may have been stopped before its
      // first line, so only this way round holds whenever the cancel lands).
      if (!result.started) expect(existsSync(marker), "reported not started, yet it ran").toBe(false);
    }, 120_000);

    it("clears a step's outputs when it gets its turn, not while it waits; a step withdrawn while waiting leaves them", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const outputs = path.join(dir, "clear-outputs");
      mkdirSync(path.join(outputs, "folder/deep"), { recursive: true });
      for (const file of ["kept.bin", "cleared.bin", "folder/deep/x.txt"])
        writeFileSync(path.join(outputs, file), "old bytes");
      const first = occupy(spawner, lane, "clear");
      const cancel = new AbortController();
      const withdrawn = runStep({
        ...base("clear-withdrawn"),
        command: "true",
        spawner,
        lane,
        signal: cancel.signal,
        clear: [path.join(outputs, "kept.bin")],
      });
      const cleared = runStep({
        ...base("clear-cleared"),
        // What the step sees when it starts: its outputs gone, the other step's still there.
        command: `ls -A ${outputs}`,
        spawner,
        lane,
        clear: [path.join(outputs, "cleared.bin"), path.join(outputs, "folder"), path.join(outputs, "none")],
      });
      await first.started();
      cancel.abort();
      expect(await withdrawn).toMatchObject({ cancelled: true, started: false, waitedMs: 0 });
      // Nothing is cleared while the steps wait for their turn.
      expect(readdirSync(outputs).sort()).toEqual(["cleared.bin", "folder", "kept.bin"]);
      first.release();
      expect((await first.step).started).toBe(true);
      const result = await cleared;
      expect(result).toMatchObject({ code: 0, started: true, tail: ["kept.bin"] });
      // It waited for the first step's turn to end.
      expect(result.waitedMs).toBeGreaterThan(0);
      expect(readdirSync(outputs)).toEqual(["kept.bin"]);
    }, 120_000);

    it("a step whose output cannot be cleared does not start, and says why", async () => {
      const spawner = new StepSpawner();
      const marker = path.join(dir, "unclearable-ran");
      // A path under a file: ENOTDIR, whoever runs the test (root too).
      const blocker = path.join(dir, "unclearable-file");
      writeFileSync(blocker, "a file, not a folder");
      const result = await runStep({
        ...base("unclearable"),
        command: `touch ${marker}`,
        spawner,
        clear: [path.join(blocker, "model.bin")],
      });
      expect(result.started).toBe(false);
      expect(result.clearError).toMatch(/^ENOTDIR: not a directory, /);
      expect(result.tail).toEqual([`kiln: ${result.clearError}`]);
      expect(existsSync(marker)).toBe(false);
    }, 120_000);

    it("when the spawner dies, the running step fails and the steps waiting for their turn run in a new one, in order", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const trace = path.join(dir, "died-waiting-trace.txt");
      let firstStarted = false;
      const first = runStep({
        ...base("died-first"),
        command: "sleep 120",
        spawner,
        lane,
        onStart: () => {
          firstStarted = true;
        },
      });
      const waiting = ["w1", "w2", "w3"].map((name) =>
        runStep({ ...base(`died-${name}`), command: `echo ${name} >> ${trace}`, spawner, lane }),
      );
      await expect.poll(() => firstStarted, { timeout: 30_000, interval: 20 }).toBe(true);
      const dead = spawner.pid!;
      process.kill(dead, "SIGKILL");
      expect((await first).runnerError).toMatch(
        /^Kiln's step runner \(pid \d+\) was killed by SIGKILL, so the step was stopped$/,
      );
      for (const ran of await Promise.all(waiting)) {
        expect(ran).toMatchObject({ code: 0, started: true, cancelled: false });
        expect(ran.runnerError).toBeUndefined();
        expect(ran.notStarted).toBeUndefined();
      }
      expect(readFileSync(trace, "utf8").trim().split("\n")).toEqual(["w1", "w2", "w3"]);
      expect(spawner.pid).not.toBe(dead);
      expect(await runStep({ ...base("died-after"), command: "echo again", spawner, lane })).toMatchObject({
        code: 0,
        tail: ["again"],
      });
    }, 120_000);

    it("a step handed to a new spawner that dies too before its turn is not started, and says why", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const marker = path.join(dir, "died-twice-ran");
      const started: string[] = [];
      const step = (name: string, command: string) =>
        runStep({
          ...base(`died-twice-${name}`),
          command,
          spawner,
          lane,
          onStart: () => {
            started.push(name);
          },
        });
      const first = step("first", "sleep 120");
      const second = step("second", "sleep 120");
      const third = step("third", `touch ${marker}`);
      await expect.poll(() => started, { timeout: 30_000, interval: 20 }).toEqual(["first"]);
      process.kill(spawner.pid!, "SIGKILL");
      expect((await first).runnerError).toMatch(/so the step was stopped$/);
      // The second starts in the new spawner; the third waits there for its turn.
      await expect.poll(() => started, { timeout: 30_000, interval: 20 }).toEqual(["first", "second"]);
      process.kill(spawner.pid!, "SIGKILL");
      expect((await second).runnerError).toMatch(/so the step was stopped$/);
      const never = await third;
      expect(never).toMatchObject({ code: null, started: false, cancelled: false });
      expect(never.runnerError).toBeUndefined();
      expect(never.notStarted).toMatch(
        /^Kiln's step runner \(pid \d+\) was killed by SIGKILL before it started the step$/,
      );
      expect(never.tail).toEqual([`kiln: not started: ${never.notStarted}`]);
      expect(existsSync(marker)).toBe(false);
    }, 120_000);

    it("a step's timeout counts from its start, not from its wait for a turn", async () => {
      const spawner = new StepSpawner();
      const lane = spawner.lane(1);
      const go = path.join(dir, "timeout-go");
      const first = runStep({
        ...base("timeout-first"),
        command: held("first", path.join(dir, "timeout-trace.txt"), go),
        spawner,
        lane,
      });
      const second = runStep({
        ...base("timeout-second"),
        command: "echo in time",
        spawner,
        lane,
        // Generous for its own run (a shell's start on a loaded machine), shorter than its wait.
        timeoutMs: 2_000,
      });
      // Longer than the second step's timeout, all of it spent waiting behind the first (timers of
      // one event loop fire in order: a timeout counted from the request would fire first).
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      writeFileSync(go, "");
      expect((await first).code).toBe(0);
      expect(await second).toMatchObject({ code: 0, timedOut: false, tail: ["in time"] });
    }, 120_000);
  });
});

describe("a step that leaves processes running", () => {
  // Every pid a test's step wrote down is killed after it, whatever the outcome: a process that
  // escaped the step's group (setsid) is not Kiln's to stop, and must not outlive the test.
  const pidFiles: string[] = [];
  afterEach(() => {
    for (const file of pidFiles.splice(0)) {
      const pid = readPid(file);
      if (pid > 0 && alive(pid)) process.kill(pid, "SIGKILL");
    }
  });
  const pidFile = (name: string) => {
    const file = path.join(dir, `${name}.pid`);
    pidFiles.push(file);
    return file;
  };
  /** Shell text that starts `sleep 600` in a session of its own and waits until its pid is written. */
  const escapee = (file: string) =>
    `setsid sh -c 'echo $$ > ${file}; exec sleep 600' & while [ ! -s ${file} ]; do sleep 0.01; done`;

  it("ends at the exit of its command, with its exit code and output, and stops what it left in the background", async () => {
    const background = pidFile("background");
    const result = await runStep({
      ...base("background"),
      // Longer than the test's own limit: a step that waited for the background process would
      // fail the test by its limit, not by an assertion.
      timeoutMs: 600_000,
      command: `echo before; (sleep 600 & echo $! > ${background}); echo started; exit 3`,
    });
    expect(result).toMatchObject({ code: 3, signal: null, timedOut: false, cancelled: false });
    expect(result.tail).toEqual(["before", "started"]);
    expect(readFileSync(path.join(dir, "background.log"), "utf8")).toBe("before\nstarted\n");
    const pid = readPid(background);
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => alive(pid), { timeout: 30_000, interval: 50 }).toBe(false);
  }, 120_000);

  it("is not held past its exit by a process in a session of its own, and keeps all it printed before", async () => {
    const held = pidFile("escaped");
    const lines: string[] = [];
    const result = await runStep({
      ...base("escaped"),
      timeoutMs: 600_000,
      command: `i=0; while [ $i -lt 5000 ]; do echo "line $i"; i=$((i+1)); done; ${escapee(held)}; echo done`,
      onLine: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ code: 0, timedOut: false, cancelled: false });
    expect(lines).toEqual([...Array.from({ length: 5000 }, (_, i) => `line ${i}`), "done"]);
    expect(readFileSync(path.join(dir, "escaped.log"), "utf8")).toBe(`${lines.join("\n")}\n`);
  }, 120_000);

  it("times out within its grace period while a process in a session of its own holds its output", async () => {
    const held = pidFile("escaped-timeout");
    const result = await runStep({
      ...base("escaped-timeout"),
      spawner: new StepSpawner(500),
      command: `${escapee(held)}; echo started; sleep 600`,
      // Generous for the step's start on a loaded machine; the step itself never ends.
      timeoutMs: 5_000,
      killGraceMs: 200,
    });
    expect(result).toMatchObject({ timedOut: true, cancelled: false });
    expect(result.tail).toEqual(["started", "kiln: timed out after 5 s; stopping the step"]);
  }, 120_000);

  it("is cancelled within its grace period while a process in a session of its own holds its output", async () => {
    const held = pidFile("escaped-cancel");
    const controller = new AbortController();
    const result = await runStep({
      ...base("escaped-cancel"),
      spawner: new StepSpawner(500),
      command: `${escapee(held)}; echo started; sleep 600`,
      timeoutMs: 600_000,
      killGraceMs: 200,
      onLine: (line) => {
        if (line === "started") controller.abort();
      },
      signal: controller.signal,
    });
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    expect(result.code).not.toBe(0);
  }, 120_000);

  it("a step stopped by its timeout still gives its processes their grace period, and keeps what they print in it", async () => {
    const result = await runStep({
      ...base("grace"),
      // The shell dies at the SIGTERM; its child saves its work first, as a training script would.
      command: `sh -c 'trap "echo saving; sleep 0.3; echo saved; exit 0" TERM; echo started; while :; do sleep 0.05; done'`,
      timeoutMs: 3_000,
      killGraceMs: 30_000,
    });
    expect(result.timedOut).toBe(true);
    expect(result.tail.slice(0, 2)).toEqual(["started", "kiln: timed out after 3 s; stopping the step"]);
    // (The shell may report its stopped `sleep` as "Terminated" in between.)
    expect(result.tail.slice(-2)).toEqual(["saving", "saved"]);
  }, 120_000);

  it("a kiln run records a step that exited 0 leaving a background process as materialized, not timed out", async () => {
    const repo = engineRepo(
      "version: 1\nname: background\nassets:\n  a:\n    run: 'mkdir -p build && echo a > build/a.txt && (sleep 600 & echo $! > background.pid) && echo started'\n    outputs: [build/a.txt]\n",
    );
    pidFiles.push(path.join(repo, "background.pid"));
    writeFileSync(path.join(repo, ".gitignore"), ".kiln/\nbuild/\nbackground.pid\n");
    const result = await kilnIn(repo, ["run"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain("timed out");
    const ledger = await openLedger({ kind: "local", root: repo, project: "background" });
    expect((await ledger.materializations("a")).map((m) => m.version)).toEqual([1]);
    const pid = readPid(path.join(repo, "background.pid"));
    await expect.poll(() => alive(pid), { timeout: 30_000, interval: 50 }).toBe(false);
  }, 120_000);
});

describe("a kiln run whose step spawner dies", () => {
  it("fails the step that was running; the steps that had not started run and are recorded", async () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    const manifest = `version: 1\nname: died\nassets:\n${names
      .map(
        (name) =>
          `  ${name}:\n    run: 'touch started-${name}; while [ ! -f go ]; do sleep 0.02; done; mkdir -p build; echo ${name} > build/${name}.txt'\n    outputs: [build/${name}.txt]\n`,
      )
      .join("")}`;
    const repo = engineRepo(manifest);
    writeFileSync(path.join(repo, ".gitignore"), ".kiln/\nbuild/\nstarted-*\ngo\n");
    const startedSteps = () => readdirSync(repo).filter((f) => f.startsWith("started-"));
    const run = kilnIn(repo, ["run", "-j", "1"]);
    await expect.poll(startedSteps, { timeout: 60_000, interval: 20 }).toHaveLength(1);
    const [killed] = startedSteps().map((f) => f.slice("started-".length));
    process.kill(stepSpawner().pid!, "SIGKILL");
    writeFileSync(path.join(repo, "go"), "");
    const result = await run;
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain("so the step was stopped");
    expect(result.output).not.toContain("before it started the step");

    const ledger = await openLedger({ kind: "local", root: repo, project: "died" });
    for (const name of names) {
      const versions = (await ledger.materializations(name)).map((m) => m.version);
      expect(versions, name).toEqual(name === killed ? [] : [1]);
    }
  }, 180_000);
});
