import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/run/step-spawner.ts
import { spawn } from "node:child_process";
var SPAWNER_SOURCE = String.raw`// kiln step spawner (src/run/step-spawner.ts)
"use strict";
const { spawn } = require("node:child_process");
const GRACE_MS = Number(process.argv[1]) || 5000;
// How long a step's pipes are still read once its shell has exited and its group is killed: enough
// for what was written before to arrive, bounded against a process outside the group holding them.
const DRAIN_MS = 500;
// How often the group of a step stopped by a signal is looked for during its grace period.
const GROUP_POLL_MS = 100;
const steps = new Map();
// lane id → { limit, running, waiting: [request…] }
const lanes = new Map();
// ids of steps whose outputs are being cleared before they start → whether they were withdrawn
const clearing = new Map();
let buffered = "";
let parentGone = false;
let outgoing = "";
function flush() {
  const text = outgoing;
  outgoing = "";
  if (parentGone || text === "") return;
  try {
    process.stdout.write(text);
  } catch {
    stopAll();
  }
}
function send(message) {
  if (parentGone) return;
  if (outgoing === "") process.nextTick(flush);
  outgoing += JSON.stringify(message) + "\n";
}
// Signals a step's group; true while the group exists (EPERM: it does, as another user's).
// Called once more after every step's exit, when its group is usually gone: the error (ESRCH) is
// expected, and without a stack it costs a fraction of one with (the error objects were a tenth
// of the spawner's own JavaScript time per step).
function killGroup(pid, signal) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  } finally {
    Error.stackTraceLimit = limit;
  }
}
// Signal 0 delivers nothing: it only asks whether the group is still there.
const groupAlive = (pid) => killGroup(pid, 0);
function request(message) {
  if (message.drop) return drop(message.id);
  if (message.lane === undefined) return start(message);
  let lane = lanes.get(message.lane);
  if (!lane) lanes.set(message.lane, (lane = { limit: 1, running: 0, waiting: [] }));
  lane.limit = message.limit;
  message.queued = Date.now();
  lane.waiting.push(message);
  startWaiting(lane);
}
function startWaiting(lane) {
  while (!parentGone && lane.running < lane.limit && lane.waiting.length > 0) {
    lane.running++;
    const next = lane.waiting.shift();
    next.waited = Date.now() - next.queued;
    start(next, () => {
      lane.running--;
      // After this turn's other input: a cancel withdraws the waiting steps before it stops the
      // running ones, so a withdrawal that came with the exit is read before the next step starts.
      setImmediate(() => startWaiting(lane));
    });
  }
}
function drop(id) {
  // Its turn came and its outputs are being cleared: it is not started once they are.
  if (clearing.has(id)) return void clearing.set(id, true);
  for (const lane of lanes.values()) {
    const at = lane.waiting.findIndex((waiting) => waiting.id === id);
    if (at < 0) continue;
    lane.waiting.splice(at, 1);
    send({ id, code: null, signal: null, dropped: true });
    return;
  }
}
// A plain file (or nothing) at an output's path, the usual case, is removed here and now: one
// system call instead of a thread-pool round trip or two between one step and the next. A folder,
// or a path that unlink refuses for another reason, is left to the asynchronous removal below.
function clearedAtOnce(file) {
  try {
    require("node:fs").unlinkSync(file);
    return true;
  } catch (error) {
    return error.code === "ENOENT";
  }
}
function start(request, ended = () => {}) {
  if (request.clear && request.clear.length > 0) {
    const { clear: all, ...rest } = request;
    const clear = all.filter((p) => !clearedAtOnce(p));
    if (clear.length === 0) return start(rest, ended);
    clearing.set(request.id, false);
    Promise.all(clear.map((p) => require("node:fs/promises").rm(p, { recursive: true, force: true }))).then(
      () => {
        const withdrawn = clearing.get(request.id);
        clearing.delete(request.id);
        if (withdrawn) send({ id: request.id, code: null, signal: null, dropped: true });
        if (parentGone || withdrawn) ended();
        else start(rest, ended);
      },
      (error) => {
        clearing.delete(request.id);
        send({ id: request.id, code: null, signal: null, clearError: error.message });
        ended();
      },
    );
    return;
  }
  let child;
  try {
    child = spawn("/bin/sh", ["-c", request.command], {
      cwd: request.cwd,
      env: request.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
  } catch (error) {
    send({ id: request.id, code: null, signal: null, error: error.message });
    ended();
    return;
  }
  let error;
  let done = false;
  let reading;
  const finish = (code, signal) => {
    if (done) return;
    done = true;
    clearTimeout(reading);
    steps.delete(request.id);
    // A background process the step left behind still holds the group: end it with the step.
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    send({ id: request.id, code, signal, ...(error ? { error } : {}) });
    if (parentGone && steps.size === 0) process.exit(0);
    // The lane's next step starts now, not after a round trip through Kiln.
    ended();
  };
  child.on("error", (e) => {
    error = e.message;
    // Too many open files: Node emits no close for a child it could not give pipes to.
    if (child.pid === undefined && (e.code === "EMFILE" || e.code === "ENFILE")) finish(null, null);
  });
  // The step ends with its shell (see "A step's end" above): whatever else still holds its pipes is
  // given a bounded time, then they are closed, and the close below reports the shell's exit.
  const stopReading = () => {
    // After one more poll of the pipes: what was written before now is read, then they close.
    setImmediate(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    });
  };
  child.on("exit", (code, signal) => {
    if (signal === null) {
      // It ended by itself: what it left in its group is background, ended with it.
      killGroup(child.pid, "SIGKILL");
      reading = setTimeout(stopReading, DRAIN_MS);
    } else {
      // Stopped by a signal (a timeout, a cancel): the rest of its group has its grace period to
      // end, as Kiln gives it, then is killed. Once the group is gone, only a process outside it
      // can still hold the pipes: no reason to wait out the grace for that.
      const since = Date.now();
      const watch = () => {
        if (groupAlive(child.pid) && Date.now() - since < GRACE_MS) {
          reading = setTimeout(watch, GROUP_POLL_MS);
          return;
        }
        killGroup(child.pid, "SIGKILL");
        reading = setTimeout(stopReading, DRAIN_MS);
      };
      reading = setTimeout(watch, GROUP_POLL_MS);
    }
  });
  child.on("close", (code, signal) => finish(code, signal));
  if (child.pid === undefined) return;
  steps.set(request.id, child);
  // How long it waited for its turn: its record's time is the step's, not the wait's.
  send({ id: request.id, pid: child.pid, waited: request.waited ?? 0 });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (data) => send({ id: request.id, stream: "stdout", data }));
  child.stderr.on("data", (data) => send({ id: request.id, stream: "stderr", data }));
}
// Kiln is gone (it exited, crashed or was killed): stop its steps, as Kiln would on a cancel.
function stopAll() {
  if (parentGone) return;
  parentGone = true;
  // Steps not started yet never start.
  lanes.clear();
  if (steps.size === 0) process.exit(0);
  for (const child of steps.values()) killGroup(child.pid, "SIGTERM");
  setTimeout(() => {
    for (const child of steps.values()) killGroup(child.pid, "SIGKILL");
    process.exit(0);
  }, GRACE_MS);
}
process.stdout.on("error", stopAll);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    request(JSON.parse(line));
  }
});
process.stdin.on("end", stopAll);
process.stdin.on("error", stopAll);
// Terminal signals reach Kiln, which stops the steps itself; the spawner only dies with Kiln.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
`;
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
var SPAWNER_KEEPS = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TZ", "SYSTEMROOT"];
function spawnerEnvironment(env) {
  return Object.fromEntries(
    SPAWNER_KEEPS.filter((name) => env[name] !== void 0).map((name) => [name, env[name]])
  );
}
var StepSpawner = class {
  /** @param graceMs how long the spawner waits between SIGTERM and SIGKILL when Kiln is gone. */
  constructor(graceMs = 5e3) {
    this.graceMs = graceMs;
  }
  graceMs;
  child;
  running = /* @__PURE__ */ new Map();
  nextId = 1;
  nextLane = 1;
  buffered = "";
  stderr = "";
  /** The spawner's pid, once started. */
  get pid() {
    return this.child?.pid;
  }
  /** Starts the spawner now, so its start-up overlaps Kiln's planning instead of the first step. */
  warm() {
    this.process();
  }
  /** A new lane of at most `limit` steps at once (a run's `-j`). */
  lane(limit) {
    return {
      id: this.nextLane++,
      limit: Math.max(1, Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER)
    };
  }
  start(request, onOutput, options = {}) {
    const id = this.nextId++;
    let entry;
    const lane = options.lane ? { lane: options.lane.id, limit: options.lane.limit } : {};
    const line = `${JSON.stringify({ id, ...lane, ...request })}
`;
    const exited = new Promise((resolve) => {
      entry = { onOutput, onStart: options.onStart, resolve, line };
    });
    const child = this.process();
    this.running.set(id, entry);
    this.updateRef();
    child.stdin.write(line);
    return {
      exited,
      kill: (signal) => {
        if (entry.pid !== void 0) return killGroup(entry.pid, signal);
        if (entry.pendingSignal === void 0 && this.child && options.lane)
          this.child.stdin.write(`${JSON.stringify({ id, drop: true })}
`);
        entry.pendingSignal = signal;
      }
    };
  }
  process() {
    if (this.child) return this.child;
    const env = spawnerEnvironment(process.env);
    const child = spawn(process.execPath, ["-e", SPAWNER_SOURCE, String(this.graceMs)], {
      stdio: ["pipe", "pipe", "pipe"],
      env,
      // Its own process group: a Ctrl-C in the terminal reaches Kiln, which stops its steps and
      // then exits, which ends the spawner.
      detached: true
    });
    this.child = child;
    this.buffered = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => this.receive(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-2e3);
    });
    child.stdin.on("error", () => {
    });
    child.on("error", (error) => {
      const why = `could not start Kiln's step runner: ${error.message}`;
      this.died(child, { started: why, waiting: why, handOver: false });
    });
    child.on("close", (code, signal) => {
      const cause = `Kiln's step runner (pid ${child.pid}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${this.stderr.trim() ? `: ${this.stderr.trim().split("\n").at(-1)}` : ""}`;
      this.died(child, {
        started: `${cause}, so the step was stopped`,
        waiting: `${cause} before it started the step`,
        handOver: true
      });
    });
    this.updateRef(child);
    return child;
  }
  receive(chunk) {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      const reply = JSON.parse(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end + 1);
      const entry = this.running.get(reply.id);
      if (!entry) continue;
      if ("pid" in reply) {
        entry.pid = reply.pid;
        entry.onStart?.(reply.waited);
        if (entry.pendingSignal) killGroup(reply.pid, entry.pendingSignal);
      } else if ("stream" in reply) {
        entry.onOutput(reply.stream, reply.data);
      } else {
        this.running.delete(reply.id);
        this.updateRef();
        entry.resolve({
          code: reply.code,
          signal: reply.signal,
          ...reply.error ? { error: `the step could not be started (${reply.error})` } : {},
          ...reply.clearError ? { clearError: reply.clearError } : {}
        });
      }
    }
  }
  /**
   * The spawner is gone: its steps' output can no longer be read, so they are stopped and failed.
   * Those still waiting for their turn (a run hands over every step it has prepared, up to eight
   * beyond its `-j`) never ran: they go to a new spawner, in the order they were asked, and wait
   * their turn there. One that cannot be handed over (no spawner could be started, or the new one
   * died too) is answered not started, so that nothing is recorded of a step that never ran. One
   * withdrawn already (a cancel) is answered as withdrawn.
   */
  died(child, why) {
    if (this.child !== child) return;
    this.child = void 0;
    const handed = [];
    for (const [id, entry] of this.running) {
      if (entry.pid === void 0 && entry.pendingSignal === void 0 && why.handOver && !entry.handedOver) {
        handed.push(entry);
        continue;
      }
      this.running.delete(id);
      if (entry.pid !== void 0) {
        killGroup(entry.pid, "SIGKILL");
        entry.resolve({ code: null, signal: null, error: why.started });
      } else if (entry.pendingSignal !== void 0) entry.resolve({ code: null, signal: null });
      else entry.resolve({ code: null, signal: null, notStarted: why.waiting });
    }
    if (handed.length > 0) {
      const next = this.process();
      for (const entry of handed) {
        entry.handedOver = true;
        next.stdin.write(entry.line);
      }
    }
    this.updateRef();
  }
  /** The spawner keeps Kiln alive only while a step runs; idle, it never holds Kiln's exit. */
  updateRef(child = this.child) {
    if (!child) return;
    const busy = this.running.size > 0;
    for (const handle of [
      child,
      ...[child.stdout, child.stderr, child.stdin].map((s) => s)
    ]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }
};
var shared;
function stepSpawner() {
  shared ??= new StepSpawner();
  return shared;
}

export {
  StepSpawner,
  stepSpawner
};
