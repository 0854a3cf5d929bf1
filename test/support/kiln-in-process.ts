// `kiln ARGS` run in-process against a directory (the real CLI entry, without a child process),
// and git in that directory: for tests that run many commands in temporary repositories.
import { spawnSync } from "node:child_process";
import { main } from "../../src/cli/program.js";

export interface InProcessResult {
  code: number;
  /** stdout and stderr, interleaved as written. */
  output: string;
  stdout: string;
}

export type LedgerBackend = "local" | "branch";

/** Runs the CLI with a clean environment: no GitHub variables, no KILN_ENV, local ledger. */
export function kilnIn(
  dir: string,
  args: readonly string[],
  /** Sees the output as it is written, for a test that acts while the command runs. */
  onOutput?: (text: string) => void,
): Promise<InProcessResult> {
  return kilnOn("local", dir, args, onOutput);
}

/** `kiln ARGS --ledger branch` in-process: the ledger on origin's `kiln-ledger` branch. */
export function kilnOnBranch(dir: string, ...args: string[]): Promise<InProcessResult> {
  return kilnOn("branch", dir, args);
}

/**
 * `kiln ARGS --ledger BACKEND` in-process, with a clean environment: no GitHub variables, no
 * KILN_ENV, and no KILN_TEST_ hook (a crash point would kill the test runner itself).
 */
export async function kilnOn(
  ledger: LedgerBackend,
  dir: string,
  args: readonly string[],
  onOutput?: (text: string) => void,
): Promise<InProcessResult> {
  let output = "";
  let stdout = "";
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true", USER: "tester" };
  for (const key of Object.keys(env))
    if (key.startsWith("GITHUB_") || key.startsWith("KILN_TEST_")) delete env[key];
  const code = await main([...args, "--ledger", ledger], {
    cwd: dir,
    env,
    stdout: (t) => {
      output += t;
      stdout += t;
      onOutput?.(t);
    },
    stderr: (t) => {
      output += t;
      onOutput?.(t);
    },
    isTTY: false,
    columns: 200,
  });
  return { code, output, stdout };
}

export function gitIn(dir: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}
