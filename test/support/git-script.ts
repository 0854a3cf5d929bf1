// Fixture repositories built by one process: a shell that runs the git commands in turn. Each
// process a test starts is forked from its vitest worker, whose 150-450 MB of memory make a fork
// cost ~3 ms of kernel time beyond the command's own work (page tables copied, then torn down by
// exec); a shell forks its git commands from a process of a few MB. For set-ups only: what Kiln
// runs is Kiln's own business, and tests of git behaviour call git directly.
import { spawnSync } from "node:child_process";

/**
 * Runs `script` with `sh -e` in `cwd` and returns what it printed. Values reach the script as
 * "$1", "$2"…, never pasted into its text. Throws with the script's stderr when a command fails.
 */
export function gitScript(cwd: string, script: string, ...args: string[]): string {
  const result = spawnSync("sh", ["-ec", script, "sh", ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`sh -ec '${script}' ${args.join(" ")} failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
}

/** `git init -b main` in `dir`, then everything it holds (`git add -A`) committed with `message`. */
export function commitNewRepository(dir: string, message: string): void {
  gitScript(dir, 'git init -q -b main\ngit add -A\ngit commit -q -m "$1"', message);
}

/** `git add -A` and a commit with `message` in the repository at `dir`. */
export function commitAll(dir: string, message: string): void {
  gitScript(dir, 'git add -A\ngit commit -q -m "$1"', message);
}
