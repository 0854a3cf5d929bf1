// Starts step processes from a small helper process instead of from Kiln itself.
//
// Why: Node forks on the main thread, and `spawn()` returns only once the child has called exec,
// so every step cost Kiln's main thread a fork of its whole address space (page tables grow with
// the heap) plus the wait for the child to be scheduled — half of a `-j 1` run's CPU, during which
// nothing else (storing, recording, the next step's preparation) could happen. A spawner with a
// tiny heap forks cheaply, and while it waits for exec, Kiln's main thread keeps working.
//
// The spawner is one Node process per Kiln process, started on first use (or early, by `warm`)
// and kept until Kiln exits. Requests and replies are JSON lines on its stdin and stdout:
//   → {"id":1,"command":"…","cwd":"…","env":{…}}
//   ← {"id":1,"pid":1234,"waited":0}  {"id":1,"stream":"stdout","data":"…"}  {"id":1,"code":0,"signal":null}
// Each step still runs `/bin/sh -c` in its own process group, and Kiln signals that group
// directly (a timeout, a cancel), so stopping a step never waits for the spawner.
//
// Lanes (a run's `-j N`): a request may name a lane and its limit (`"lane":3,"limit":2`); the
// spawner starts it when fewer than `limit` steps of that lane run, in the order the requests came,
// and says so with the pid reply. Kiln hands over the next steps as soon as they are prepared, so
// when a step ends the spawner starts the next one itself: no round trip through Kiln's busy main
// thread between one step and the next. A request still waiting is withdrawn with
// `{"id":1,"drop":true}` (a cancel), answered by `{"id":1,"code":null,"signal":null,"dropped":true}`.
// Replies written in one turn of the spawner's event loop go out in one write: a step's exit and
// the next step's start wake Kiln once.
//
// Clearing (`"clear":["/abs/build/model.bin",…]`): the paths are removed when the step gets its
// turn, just before it starts, not when Kiln hands it over: a step that waits for its turn and is
// withdrawn (a cancel) leaves the previous outputs in place, as a step Kiln never handed over does.
// One withdrawn while they are being removed is not started once they are, and answers `dropped`.
// A path that cannot be removed is answered `{"id":1,"code":null,"signal":null,"clearError":"…"}`
// and the step does not start.
//
// A step's end: the step is its shell, and ends when the shell exits; its exit code (or signal)
// decides the step. What the shell leaves in its group is background, ended with it: SIGKILL at
// once when the shell ended by itself; when a signal stopped it (a timeout, a cancel), the rest of
// the group has the grace period below to end, as Kiln gives it, and is killed at its end. The
// step's pipes are read until they close, and not forever: a process outside the group (`setsid`,
// a daemon), which nothing of Kiln's signals, may hold them for as long as it runs. So once the
// group is gone they are read for a short while more (all that was written before the exit is in
// them by then), then closed, and the exit is answered after the last of the output.
//
// Orphans: when Kiln dies (even by SIGKILL) the spawner reads the end of its stdin and stops every
// step it started (SIGTERM, then SIGKILL after a grace period). When the spawner dies, Kiln kills
// the groups of the steps it was running and fails them with the reason, and hands the steps that
// were waiting for their turn to a new spawner (see `died`).
import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";

/**
 * The spawner's program, run with `node -e` (CommonJS). A string, not a module, so that it needs no
 * file of its own next to the bundle in dist/ and no loader when Kiln runs from source; it is small
 * and covered by test/run/step-spawner.test.ts.
 */
const SPAWNER_SOURCE = String.raw`// kiln step spawner (src/run/step-spawner.ts)
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

export interface SpawnRequest {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Absolute paths removed when the step gets its turn, just before it starts (its outputs). */
  clear?: readonly string[] | undefined;
}

export interface SpawnedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The step could not be started, or the spawner died while it ran: why, in a sentence. */
  error?: string | undefined;
  /** A path of `clear` could not be removed, so the step did not start: the system's message. */
  clearError?: string | undefined;
  /**
   * The step never started and will not: the spawner died before its turn and a new one could not
   * take it over. Why, in a sentence; nothing of the step ran.
   */
  notStarted?: string | undefined;
}

export interface SpawnedStep {
  /**
   * Signals the step's process group (once its pid is known, if it is not yet). A step still
   * waiting in its lane is withdrawn instead: it never starts, and `exited` resolves with neither
   * code nor signal.
   */
  kill(signal: NodeJS.Signals): void;
  /**
   * Resolves when the step's shell has exited and the output written to its pipes has been
   * delivered (not when every process that holds them has ended: see "A step's end" above).
   */
  readonly exited: Promise<SpawnedExit>;
}

/** A limit on how many steps run at once (a run's `-j`); see the top of this file. */
export interface StepLane {
  readonly id: number;
  readonly limit: number;
}

export interface StartOptions {
  /** Waits for a free place in this lane; starts at once when absent. */
  lane?: StepLane | undefined;
  /**
   * Called when the step's process has started (for a step in a lane, once it had its turn), with
   * how long it waited for that turn in milliseconds.
   */
  onStart?: ((waitedMs: number) => void) | undefined;
}

interface Running {
  pid?: number | undefined;
  /** A signal asked for before the pid was known. */
  pendingSignal?: NodeJS.Signals | undefined;
  onOutput: (stream: "stdout" | "stderr", data: string) => void;
  onStart?: ((waitedMs: number) => void) | undefined;
  resolve: (exit: SpawnedExit) => void;
  /** The request as sent: handed to a new spawner when this one dies before the step's turn. */
  line: string;
  /** Handed over once already: a second spawner that dies as well gets no third. */
  handedOver?: boolean | undefined;
}

type Reply =
  | { id: number; pid: number; waited: number }
  | { id: number; stream: "stdout" | "stderr"; data: string }
  | {
      id: number;
      code: number | null;
      signal: NodeJS.Signals | null;
      error?: string;
      clearError?: string;
      dropped?: true;
    };

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** What the spawner keeps of Kiln's environment: what a process needs to find its way. */
const SPAWNER_KEEPS = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TZ", "SYSTEMROOT"];

/**
 * The spawner's own environment: almost nothing of Kiln's. Each step gets the environment its
 * request names, so the spawner needs none, and a step can read its parent's environment
 * (`/proc/$PPID/environ`): Kiln's holds every secret of the job, a step's only its own. Nor
 * NODE_OPTIONS (Kiln's --require hook, heap limit) or NODE_EXTRA_CA_CERTS (every Node process
 * parses the certificates at start-up, 50 ms of CPU against 10 for `node -e 0`; the spawner opens
 * no connection).
 */
function spawnerEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    SPAWNER_KEEPS.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]),
  );
}

/** One spawner process and the steps it runs; see the top of this file. */
export class StepSpawner {
  private child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  private readonly running = new Map<number, Running>();
  private nextId = 1;
  private nextLane = 1;
  private buffered = "";
  private stderr = "";

  /** @param graceMs how long the spawner waits between SIGTERM and SIGKILL when Kiln is gone. */
  constructor(private readonly graceMs = 5_000) {}

  /** The spawner's pid, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the spawner now, so its start-up overlaps Kiln's planning instead of the first step. */
  warm(): void {
    this.process();
  }

  /** A new lane of at most `limit` steps at once (a run's `-j`). */
  lane(limit: number): StepLane {
    // Sent as JSON, which has no Infinity: no limit is the largest number it has.
    return {
      id: this.nextLane++,
      limit: Math.max(1, Number.isFinite(limit) ? limit : Number.MAX_SAFE_INTEGER),
    };
  }

  start(request: SpawnRequest, onOutput: Running["onOutput"], options: StartOptions = {}): SpawnedStep {
    const id = this.nextId++;
    let entry!: Running;
    const lane = options.lane ? { lane: options.lane.id, limit: options.lane.limit } : {};
    const line = `${JSON.stringify({ id, ...lane, ...request })}\n`;
    const exited = new Promise<SpawnedExit>((resolve) => {
      entry = { onOutput, onStart: options.onStart, resolve, line };
    });
    const child = this.process();
    this.running.set(id, entry);
    this.updateRef();
    child.stdin.write(line);
    return {
      exited,
      kill: (signal) => {
        if (entry.pid !== undefined) return killGroup(entry.pid, signal);
        // Not started yet (waiting in its lane, or its pid on the way): withdrawn if it still
        // waits; if it has started meanwhile, its pid reply brings the signal. (Handed over to a
        // new spawner, it waits there.)
        if (entry.pendingSignal === undefined && this.child && options.lane)
          this.child.stdin.write(`${JSON.stringify({ id, drop: true })}\n`);
        entry.pendingSignal = signal;
      },
    };
  }

  private process(): ChildProcessByStdio<Writable, Readable, Readable> {
    if (this.child) return this.child;
    const env = spawnerEnvironment(process.env);
    const child = spawn(process.execPath, ["-e", SPAWNER_SOURCE, String(this.graceMs)], {
      stdio: ["pipe", "pipe", "pipe"],
      env,
      // Its own process group: a Ctrl-C in the terminal reaches Kiln, which stops its steps and
      // then exits, which ends the spawner.
      detached: true,
    });
    this.child = child;
    this.buffered = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.receive(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-2_000);
    });
    // A write to a spawner that just died: its exit, handled below, fails the steps.
    child.stdin.on("error", () => {});
    child.on("error", (error) => {
      const why = `could not start Kiln's step runner: ${error.message}`;
      // Another would most likely fail the same way: the steps waiting are not started.
      this.died(child, { started: why, waiting: why, handOver: false });
    });
    child.on("close", (code, signal) => {
      const cause = `Kiln's step runner (pid ${child.pid}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${
        this.stderr.trim() ? `: ${this.stderr.trim().split("\n").at(-1)}` : ""
      }`;
      this.died(child, {
        started: `${cause}, so the step was stopped`,
        waiting: `${cause} before it started the step`,
        handOver: true,
      });
    });
    this.updateRef(child);
    return child;
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      const reply = JSON.parse(this.buffered.slice(0, end)) as Reply;
      this.buffered = this.buffered.slice(end + 1);
      const entry = this.running.get(reply.id);
      if (!entry) continue;
      if ("pid" in reply) {
        entry.pid = reply.pid;
        // Started, even when a cancel came while its pid was on the way: it ran, and is stopped.
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
          ...(reply.error ? { error: `the step could not be started (${reply.error})` } : {}),
          ...(reply.clearError ? { clearError: reply.clearError } : {}),
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
  private died(
    child: ChildProcessByStdio<Writable, Readable, Readable>,
    why: { started: string; waiting: string; handOver: boolean },
  ): void {
    if (this.child !== child) return;
    this.child = undefined;
    const handed: Running[] = [];
    for (const [id, entry] of this.running) {
      if (entry.pid === undefined && entry.pendingSignal === undefined && why.handOver && !entry.handedOver) {
        handed.push(entry);
        continue;
      }
      this.running.delete(id);
      if (entry.pid !== undefined) {
        killGroup(entry.pid, "SIGKILL");
        entry.resolve({ code: null, signal: null, error: why.started });
      } else if (entry.pendingSignal !== undefined) entry.resolve({ code: null, signal: null });
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
  private updateRef(child = this.child): void {
    if (!child) return;
    const busy = this.running.size > 0;
    // The pipes are sockets; their types say only Readable and Writable.
    for (const handle of [
      child,
      ...[child.stdout, child.stderr, child.stdin].map((s) => s as unknown as Socket),
    ]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }
}

let shared: StepSpawner | undefined;

/** The spawner of this Kiln process, shared by every run and check command in it. */
export function stepSpawner(): StepSpawner {
  shared ??= new StepSpawner();
  return shared;
}
