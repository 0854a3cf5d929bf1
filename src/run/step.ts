// Runs one step command in its own process group, so a timeout or a Ctrl-C kills the whole tree
// (a Python script's workers included), and keeps its full log on disk while streaming lines.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { OutputMasker, SecretMasker } from "../domain/secret-mask.js";
import { MAX_TAIL_LINE_BYTES, truncateLine } from "../domain/text-limits.js";

export interface StepOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Appends the combined output here. */
  logFile: string;
  /** Called with each complete output line (secrets already masked). */
  onLine?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Hides the step's secrets in everything streamed and logged (see domain/secret-mask.ts). */
  masker?: SecretMasker | undefined;
  /** Grace period between SIGTERM and SIGKILL. */
  killGraceMs?: number | undefined;
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
}

const TAIL_LINES = 30;

/** Why a log write failed, in words, with what to do; ENOSPC is the common case. */
function logWriteError(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === "ENOSPC")
    return `could not write the step's log ${file}: no space left on device: free space and rerun`;
  return `could not write the step's log ${file}: ${error.message}; check that the folder is writable and rerun`;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export async function runStep(options: StepOptions): Promise<StepResult> {
  const log = createWriteStream(options.logFile, { flags: "a" });
  let logError: string | undefined;
  const tail: string[] = [];
  const output = new OutputMasker(options.masker ?? new SecretMasker([]), (masked) => {
    if (!logError) log.write(`${masked}\n`);
    tail.push(truncateLine(masked, MAX_TAIL_LINE_BYTES));
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(masked);
  });
  // Kiln's own lines go through the same masker (a timeout message quotes nothing secret today,
  // but one writer path means no line can skip masking).
  const emit = (line: string) => output.write("kiln", `${line}\n`);

  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: kill(-pid) reaches every descendant
  });
  // A decoder per stream: a UTF-8 character cut between two chunks is not turned into U+FFFD.
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => output.write("stdout", chunk));
  child.stderr.on("data", (chunk: string) => output.write("stderr", chunk));

  let timedOut = false;
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const terminate = () => {
    killGroup(child.pid, "SIGTERM");
    killTimer ??= setTimeout(() => killGroup(child.pid, "SIGKILL"), options.killGraceMs ?? 5_000);
  };
  // A full disk (ENOSPC) or an unwritable log stops the step: its output would be lost, and an
  // unhandled stream error would crash Kiln with the step still running.
  log.on("error", (error: NodeJS.ErrnoException) => {
    if (logError) return;
    logError = logWriteError(options.logFile, error);
    terminate();
  });
  const timer = setTimeout(() => {
    timedOut = true;
    emit(`kiln: timed out after ${Math.round(options.timeoutMs / 1000)} s; stopping the step`);
    terminate();
  }, options.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    terminate();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  let spawnError: Error | undefined;
  child.on("error", (error) => {
    spawnError = error;
  });
  const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (killTimer) clearTimeout(killTimer);
  options.signal?.removeEventListener("abort", onAbort);
  // A background process the step left behind still holds the group: end it with the step.
  killGroup(child.pid, "SIGKILL");
  output.end();
  if (spawnError) emit(`kiln: could not start the step: ${spawnError.message}`);
  if (logError) tail.push(`kiln: ${logError}`);
  log.end();
  if (!log.closed) await once(log, "close");
  return {
    code: spawnError ? 127 : code,
    signal,
    timedOut,
    cancelled,
    tail,
    ...(logError ? { logError } : {}),
  };
}
