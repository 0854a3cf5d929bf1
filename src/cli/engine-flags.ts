// How V8 runs a Kiln command. Its defaults suit a server that runs for hours; a Kiln command is
// short (status, plan, a run waiting on its steps), and these two settings, measured at 2,000
// assets, cut its CPU by a fifth and its peak memory by a quarter. Set before the command's code is
// loaded (src/cli.ts). The history site's build is long and allocates for seconds: it asks for the
// defaults back (src/cli/site.ts).
import v8 from "node:v8";

/**
 * - A function goes to V8's optimizing compiler after ~66 KB of its bytecode ran by default; at
 *   2,000 assets that compiled ~80 functions on a second thread, a fifth of `kiln status`'s CPU,
 *   mostly for once-per-asset code that had finished before its optimized version was ready. A
 *   budget 15 times larger leaves such code to the interpreter and the baseline compiler and still
 *   optimizes what a long command spends its time in. (Status CPU 1.00 → 0.75 s; `run --force` of
 *   200 assets 1.25 → 1.09 s.)
 * - The young generation starts at 1 MB and doubles while objects survive, up to 16 MB semi-spaces
 *   (32 MB resident for two): a status's objects live for the whole command, so it grew to the
 *   maximum, mostly to copy objects that would have been promoted anyway. Kept at its start size:
 *   status at 2,000 assets peaks at 97 instead of 125 MiB for about 2 % more CPU.
 */
export function tuneForShortCommand(): void {
  v8.setFlagsFromString("--interrupt-budget=1000000");
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}

/** V8's own young-generation growth again, for a command that allocates for seconds (the site). */
export function tuneForLongCommand(): void {
  v8.setFlagsFromString("--semi-space-growth-factor=2");
}
