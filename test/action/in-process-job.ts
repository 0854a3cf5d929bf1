// A workflow job's Kiln step run in this process instead of as `node dist/index.js`: the entry's own
// code (action/core-io.ts and action/main.ts) with process.env, the working directory, stdout and
// the exit code set to the job's for its duration, and put back after. Jobs run one at a time.
//
// What a process keeps from one job to the next is not the job's: @actions/github fixes its API URL
// when first imported (a runner sets GITHUB_API_URL before the process starts), and
// @actions/artifact reads another run's artifacts through it. A scenario that reads a version from
// an earlier run's artifact runs with the bundle (store-chain.test.ts does).
import { actionInput, coreIO } from "../../src/action/core-io.js";
import { runAction } from "../../src/action/main.js";

let queue: Promise<unknown> = Promise.resolve();

export function runActionInProcess(
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = queue.then(() => runOnce(env, cwd));
  queue = run.catch(() => {});
  return run;
}

async function runOnce(env: Record<string, string>, cwd: string) {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const write = process.stdout.write;
  let stdout = "";
  let stderr = "";
  replaceEnv(env);
  process.chdir(cwd);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    await runAction(coreIO(), actionInput);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    stderr = error instanceof Error ? (error.stack ?? error.message) : String(error);
    code = 1;
  } finally {
    process.stdout.write = write;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    replaceEnv(savedEnv);
  }
  return { code, stdout, stderr };
}

/** process.env holds exactly `env`: nothing of the test process reaches the job, nor the job's it. */
function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
}
