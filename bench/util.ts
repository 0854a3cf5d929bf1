// Shared helpers for benchmarks: timing, medians, temporary repositories, running the CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `kiln-bench-${prefix}-`));
}

/** Median wall time in milliseconds of `runs` calls. */
export function timeMedian(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The built CLI when present (what users run), else the sources through tsx. */
export function kilnCommand(): string[] {
  const dist = path.join(ROOT, "dist/cli.js");
  if (existsSync(dist)) return [process.execPath, dist];
  return [
    process.execPath,
    "--import",
    path.join(ROOT, "node_modules/tsx/dist/esm/index.mjs"),
    path.join(ROOT, "src/cli.ts"),
  ];
}

export function kiln(cwd: string, args: string[]): void {
  const [bin, ...rest] = kilnCommand();
  const result = spawnSync(bin!, [...rest, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", GITHUB_ACTIONS: "" },
  });
  if (result.status !== 0) {
    throw new Error(`kiln ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
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
