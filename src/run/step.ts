// Runs one step command in its own process group, so a timeout or a Ctrl-C kills the whole tree
// (a Python script's workers included), and keeps its full log on disk while streaming lines.
import { closeSync, openSync, writeSync } from "node:fs";
import { OutputMasker, SecretMasker } from "../domain/secret-mask.js";
import { MAX_TAIL_LINE_BYTES, truncateLine } from "../domain/text-limits.js";
import { type StepLane, type StepSpawner, stepSpawner } from "./step-spawner.js";

/** The longest delay setTimeout keeps (2^31 - 1 ms); a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

export interface StepOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Appends the combined output here. */
  logFile: string;
  /** Called with each complete output line (secrets already masked). */
  onLine?: ((line: string) => void) | undefined;
  /**
   * A line of Kiln's written before the step's output (a retry's "kiln: attempt 2 of 3"), as the
   * step's own lines are: masked, into the log and the tail, and to `onLine`, so the log tells one
   * attempt from the next as the terminal does.
   */
  heading?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Hides the step's secrets in everything streamed and logged (see domain/secret-mask.ts). */
  masker?: SecretMasker | undefined;
  /** Grace period between SIGTERM and SIGKILL. */
  killGraceMs?: number | undefined;
  /** Starts the step's process; the process-wide spawner when absent (tests give their own). */
  spawner?: StepSpawner | undefined;
  /**
   * The run's limit on steps at once: the step waits in the spawner for its turn (see
   * step-spawner.ts). Its timeout counts from its start, not from the wait.
   */
  lane?: StepLane | undefined;
  /** Called when the step's process has started (after its wait in `lane`). */
  onStart?: (() => void) | undefined;
  /**
   * Absolute paths removed when the step gets its turn, just before it starts (its declared
   * outputs): a step withdrawn while it waits for its turn leaves them as they were.
   */
  clear?: readonly string[] | undefined;
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The last lines of output (each cut to MAX_TAIL_LINE_BYTES), for failure messages and alerts. */
  tail: string[];
  /**
   * Writing the log failed (a full disk, a log on a read-only mount): the step was stopped, since
   * what it printed would be lost, and this says why in words.
   */
  logError?: string | undefined;
  /** The step could not be started, or Kiln's step runner died while it ran: why, in words. */
  runnerError?: string | undefined;
  /** A path of `clear` could not be removed, so the step did not start: the system's message. */
  clearError?: string | undefined;
  /** The step never started and will not (Kiln's step runner died before its turn): why, in words. */
  notStarted?: string | undefined;
  /** Whether the step's process started (a step cancelled while it waited for its turn did not). */
  started: boolean;
  /** How long the step waited for its turn in `lane` (0 when it started at once or never). */
  waitedMs: number;
}

const TAIL_LINES = 30;

/** Why a log write failed, in words, with what to do; ENOSPC is the common case. */
function logWriteError(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === "ENOSPC")
    return `could not write the step's log ${file}: no space left on device: free space and rerun`;
  return `could not write the step's log ${file}: ${error.message}; check that the folder is writable and rerun`;
}

export async function runStep(options: StepOptions): Promise<StepResult> {
  // Cancelled before it was handed over (an asset still being prepared when the run was
  // cancelled): never handed over. Handed over and withdrawn at once, it could take a lane the
  // stopped step just freed, start, and clear its outputs before the withdrawal reached the spawner.
  if (options.signal?.aborted)
    return {
      code: null,
      signal: null,
      timedOut: false,
      cancelled: true,
      tail: [],
      started: false,
      waitedMs: 0,
    };
  const tail: string[] = [];
  let logError: string | undefined;
  // The log is written synchronously, one write per chunk of output: a stream would open and close
  // the file through the thread pool, two more waits between one step and the next.
  let log: number;
  try {
    log = openSync(options.logFile, "a");
  } catch (error) {
    logError = logWriteError(options.logFile, error as NodeJS.ErrnoException);
    return {
      code: null,
      signal: null,
      timedOut: false,
      cancelled: false,
      tail: [`kiln: ${logError}`],
      logError,
      started: false,
      waitedMs: 0,
    };
  }
  let unwritten = "";
  const output = new OutputMasker(options.masker ?? new SecretMasker([]), (masked) => {
    if (!logError) unwritten += `${masked}\n`;
    tail.push(truncateLine(masked, MAX_TAIL_LINE_BYTES));
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(masked);
  });
  // A full disk (ENOSPC) or an unwritable log stops the step: what it prints would be lost.
  const flush = () => {
    if (logError || unwritten === "") return;
    const bytes = Buffer.from(unwritten);
    unwritten = "";
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(log, bytes, written);
    } catch (error) {
      logError = logWriteError(options.logFile, error as NodeJS.ErrnoException);
      terminate();
    }
  };
  const write = (stream: "stdout" | "stderr" | "kiln", text: string) => {
    output.write(stream, text);
    flush();
  };
  // Kiln's own lines go through the same masker (a timeout message quotes nothing secret today,
  // but one writer path means no line can skip masking).
  const emit = (line: string) => write("kiln", `${line}\n`);
  if (options.heading !== undefined) emit(options.heading);

  let timedOut = false;
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Started by the spawner (step-spawner.ts): `/bin/sh -c` in its own process group, so killing
  // the group reaches every descendant. Each stream is decoded apart in the spawner, so a UTF-8
  // character cut between two chunks is not turned into U+FFFD. The timeout runs from the start.
  let started = false;
  let waitedMs = 0;
  const step = (options.spawner ?? stepSpawner()).start(
    { command: options.command, cwd: options.cwd, env: options.env, clear: options.clear },
    write,
    {
      lane: options.lane,
      onStart: (waited) => {
        started = true;
        waitedMs = waited;
        const deadline = Date.now() + options.timeoutMs;
        // A timer holds at most 2^31 - 1 ms (24.8 days) and fires at once past it: a longer
        // timeout waits in turns.
        const arm = () => {
          const left = deadline - Date.now();
          if (left > MAX_TIMER_MS) {
            timer = setTimeout(arm, MAX_TIMER_MS);
            return;
          }
          timer = setTimeout(
            () => {
              timedOut = true;
              emit(`kiln: timed out after ${Math.round(options.timeoutMs / 1000)} s; stopping the step`);
              terminate();
            },
            Math.max(0, left),
          );
        };
        arm();
        options.onStart?.();
      },
    },
  );
  function terminate() {
    step.kill("SIGTERM");
    killTimer ??= setTimeout(() => step.kill("SIGKILL"), options.killGraceMs ?? 5_000);
  }
  const onAbort = () => {
    cancelled = true;
    // A step still waiting for its turn is withdrawn at once; a running one is stopped once every
    // step of the run has heard of the cancel, so that no waiting step takes the place it leaves.
    if (!started) terminate();
    else queueMicrotask(terminate);
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const exit = await step.exited;
  if (timer) clearTimeout(timer);
  if (killTimer) clearTimeout(killTimer);
  options.signal?.removeEventListener("abort", onAbort);
  output.end();
  // Not started (no shell, no such folder, an output that could not be cleared), or the spawner
  // died under it.
  if (exit.error) output.write("kiln", `kiln: ${exit.error}\n`);
  if (exit.clearError) output.write("kiln", `kiln: ${exit.clearError}\n`);
  if (exit.notStarted) output.write("kiln", `kiln: not started: ${exit.notStarted}\n`);
  flush();
  closeSync(log);
  if (logError) tail.push(`kiln: ${logError}`);
  return {
    code: exit.error ? 127 : exit.code,
    signal: exit.signal,
    timedOut,
    cancelled,
    tail,
    ...(logError ? { logError } : {}),
    ...(exit.error ? { runnerError: exit.error } : {}),
    ...(exit.clearError ? { clearError: exit.clearError } : {}),
    ...(exit.notStarted ? { notStarted: exit.notStarted } : {}),
    started,
    waitedMs,
  };
}
