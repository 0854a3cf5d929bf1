// What a command needs from the outside world, injected so commands run the same in tests.
import { terminalWidth } from "../run/progress.js";

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal that can be redrawn (live progress table). */
  isTTY: boolean;
  columns: number;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY) && process.env.CI !== "true",
    // Some terminals report 0 columns; terminalWidth gives those a sane default.
    columns: terminalWidth(process.stdout.columns),
  };
}
