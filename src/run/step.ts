// Runs one step command in its own process group, so a timeout or a Ctrl-C kills the whole tree
// (a Python script's workers included), and keeps its full log on disk while streaming lines.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

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
  /** Values replaced by *** in everything streamed and logged. */
  secrets?: readonly string[] | undefined;
  /** Grace period between SIGTERM and SIGKILL. */
  killGraceMs?: number | undefined;
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The last lines of output, for failure messages and alerts. */
  tail: string[];
  /**
   * Writing the log failed (a full disk, a log on a read-only mount): the step was stopped, since
   * what it printed would be lost, and this says why in words.
   */
  logError?: string | undefined;
}

const TAIL_LINES = 30;
/**
 * The longest line kept in the log and streamed. A step that prints 50 MB without a newline (a
 * progress bar redrawn with `\r`, a dumped array) would otherwise hold it all in memory several
 * times over and copy it into the failure record; the rest of such a line is dropped with a note.
 */
export const MAX_LINE_BYTES = 64 * 1024;
/** The longest line kept in the tail, which travels in failure records, alerts and reports. */
export const MAX_TAIL_LINE_BYTES = 2_000;

/** `text` cut to at most `limit` UTF-8 bytes, never inside a character, with the note appended. */
export function truncateLine(text: string, limit: number): string {
  if (text.length <= limit / 3 || Buffer.byteLength(text) <= limit) return text;
  const cut = Buffer.from(text.slice(0, limit))
    .subarray(0, limit)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${cut} … [line truncated at ${limit} bytes]`;
}

/** Why a log write failed, in words, with what to do; ENOSPC is the common case. */
function logWriteError(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === "ENOSPC")
    return `could not write the step's log ${file}: no space left on device: free space and rerun`;
  return `could not write the step's log ${file}: ${error.message}; check that the folder is writable and rerun`;
}

export function maskSecrets(text: string, secrets: readonly string[] | undefined): string {
  let masked = text;
  for (const secret of secrets ?? []) {
    if (secret.length >= 4) masked = masked.split(secret).join("***");
  }
  return masked;
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
  const emit = (line: string) => {
    const masked = maskSecrets(line, options.secrets);
    if (!logError) log.write(`${masked}\n`);
    tail.push(truncateLine(masked, MAX_TAIL_LINE_BYTES));
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(masked);
  };
  // A multi-byte character split between two chunks is decoded once both halves arrived.
  const decoder = new StringDecoder("utf8");
  let pending = "";
  // The rest of an over-long line is dropped until its newline.
  let dropping = false;
  const onData = (chunk: Buffer) => {
    const text = decoder.write(chunk);
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      const piece = text.slice(start, newline === -1 ? undefined : newline);
      if (!dropping) pending += piece;
      if (pending.length > MAX_LINE_BYTES / 4 && Buffer.byteLength(pending) > MAX_LINE_BYTES) {
        // Masked before the cut, so a secret that straddles the limit is not left half shown.
        emit(truncateLine(maskSecrets(pending, options.secrets), MAX_LINE_BYTES));
        pending = "";
        dropping = true;
      }
      if (newline === -1) break;
      if (!dropping) emit(pending.replace(/\r$/, ""));
      pending = "";
      dropping = false;
      start = newline + 1;
    }
  };

  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: kill(-pid) reaches every descendant
  });
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

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
  pending += dropping ? "" : decoder.end();
  if (pending) emit(pending.replace(/\r$/, ""));
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
