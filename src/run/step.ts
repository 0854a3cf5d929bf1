// Runs one step command in its own process group, so a timeout or a Ctrl-C kills the whole tree
// (a Python script's workers included), and keeps its full log on disk while streaming lines.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { once } from "node:events";

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
}

const TAIL_LINES = 30;

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
  const tail: string[] = [];
  let pending = "";
  const emit = (line: string) => {
    const masked = maskSecrets(line, options.secrets);
    log.write(`${masked}\n`);
    tail.push(masked);
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(masked);
  };
  const onData = (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) emit(line);
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
  if (pending) emit(pending);
  if (spawnError) emit(`kiln: could not start the step: ${spawnError.message}`);
  log.end();
  await once(log, "close");
  return { code: spawnError ? 127 : code, signal, timedOut, cancelled, tail };
}
