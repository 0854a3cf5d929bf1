// Shared helpers for benchmarks: timing, medians, temporary repositories, running the CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundle } from "../scripts/bundle.mjs";

export const ROOT = path.resolve(import.meta.dirname, "..");

export function tempDir(prefix: string): string {
  return removedAtExit(mkdtempSync(path.join(os.tmpdir(), `kiln-bench-${prefix}-`)));
}

const made: string[] = [];

/**
 * Removes `dir` when the benchmark's process ends, however it ends: the repositories are large
 * (about 0.7 GB at 2,000 assets, 2.5 GB at 10,000), and runs that left them behind filled the
 * machine's disk.
 */
export function removedAtExit(dir: string): string {
  if (made.length === 0)
    process.on("exit", () => {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    });
  made.push(dir);
  return dir;
}

/** Median wall time in milliseconds of `runs` calls. */
export function timeMedian(runs: number, fn: () => void): number {
  return timeAlternating(runs, [fn])[0]!;
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * Median wall time in milliseconds of each task, over `runs` rounds in which every task runs once,
 * by turns, the order reversed every other round (A B C, C B A, …): compared tasks share the same
 * minutes of a shared machine, and none gains from running first or second (a warm page cache).
 */
export function timeAlternating(runs: number, tasks: readonly (() => void)[]): number[] {
  const times = tasks.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    const order = tasks.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const start = performance.now();
      tasks[i]!();
      times[i]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}

let built: string | undefined;

/**
 * The CLI as users run it: the sources bundled once per benchmark process (the committed dist/ is
 * rebuilt only at release, so it would measure an older Kiln).
 */
export async function buildCli(): Promise<string> {
  if (!built) {
    const file = path.join(tempDir("cli"), "cli.js");
    await bundle({ entry: path.join(ROOT, "src/cli.ts"), outfile: file, shebang: true });
    built = file;
  }
  return built;
}

function cli(): string {
  if (!built) throw new Error("call buildCli() before running kiln");
  return built;
}

export interface KilnResult {
  stdout: string;
  /** Peak resident memory of the process in MiB (from /usr/bin/time), when measurable. */
  peakMiB?: number | undefined;
  /** User + system CPU seconds of the process (from /usr/bin/time): steadier than wall time on a shared machine. */
  cpuSeconds?: number | undefined;
}

/** Runs the bundled CLI; throws with its stderr when it fails. */
export function kiln(cwd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): KilnResult {
  const timed = process.platform === "linux";
  const command = timed
    ? ["/usr/bin/time", "-f", "\nkiln-bench-peak-kib %M cpu %U %S", process.execPath, cli(), ...args]
    : [process.execPath, cli(), ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: "true", GITHUB_ACTIONS: "", ...options.env },
  });
  const peak = /kiln-bench-peak-kib (\d+) cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? "");
  if (result.status !== 0) {
    throw new Error(`kiln ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-4000)}`);
  }
  return {
    stdout: result.stdout,
    peakMiB: peak ? Number(peak[1]) / 1024 : undefined,
    cpuSeconds: peak ? Number(peak[2]) + Number(peak[3]) : undefined,
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
}

export function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "-c", "user.name=bench", "-c", "user.email=bench@kiln.invalid", "commit", "-q", "-m", message);
}

export function line(
  label: string,
  kilnMs: number,
  floorLabel: string,
  floorMs: number,
  goal: number,
): string {
  const ratio = kilnMs / floorMs;
  return `${label}: ${kilnMs.toFixed(0)} ms vs ${floorLabel} ${floorMs.toFixed(0)} ms = ${ratio.toFixed(2)}× (goal ≤ ${goal}×${ratio <= goal ? ", met" : ", NOT met"})`;
}
