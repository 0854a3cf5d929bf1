// Which git processes a piece of Kiln starts, from git's own trace: with GIT_TRACE2_EVENT set,
// every git writes a `start` event with its argv, and one that another git started (a fetch's
// remote helper, a push's pack-objects) carries its parent's session id before a slash. Kiln
// passes its process environment to every git it spawns (src/git/exec.ts), so setting the variable
// here reaches them; other tests of the file run one at a time.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface GitProcesses<T> {
  value: T;
  /** The argv (without `git`) of each git process started directly, in the order they started. */
  commands: string[][];
}

/** Runs `work` and lists the git processes it started directly (not their own children). */
export async function gitProcessesOf<T>(work: () => Promise<T>): Promise<GitProcesses<T>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-git-trace-"));
  const file = path.join(dir, "events");
  const before = process.env.GIT_TRACE2_EVENT;
  process.env.GIT_TRACE2_EVENT = file;
  let value: T;
  try {
    value = await work();
  } finally {
    if (before === undefined) delete process.env.GIT_TRACE2_EVENT;
    else process.env.GIT_TRACE2_EVENT = before;
  }
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // No git started: no file.
  }
  rmSync(dir, { recursive: true, force: true });
  const commands: string[][] = [];
  for (const line of text.split("\n")) {
    if (!line.includes('"event":"start"')) continue;
    const event = JSON.parse(line) as { sid: string; argv: string[] };
    if (!event.sid.includes("/")) commands.push(event.argv.slice(1));
  }
  return { value: value!, commands };
}

/** The git subcommand of an argv (the first word after `-c name=value` options). */
export function subcommand(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "-c" || argv[i] === "-C") i++;
    else if (!argv[i]!.startsWith("-")) return argv[i]!;
  }
  return "";
}
