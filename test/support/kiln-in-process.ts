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

/** Runs the CLI with a clean environment: no GitHub variables, no KILN_ENV, local ledger. */
export async function kilnIn(
  dir: string,
  args: readonly string[],
  /** Sees the output as it is written, for a test that acts while the command runs. */
  onOutput?: (text: string) => void,
): Promise<InProcessResult> {
  let output = "";
  let stdout = "";
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true", USER: "tester" };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  const code = await main([...args, "--ledger", "local"], {
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
