// What a command needs from the outside world, injected so commands run the same in tests.
import { terminalText } from "../report/escape.js";
import { terminalWidth } from "../run/progress.js";

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * stdout without the terminal sanitizer, for the live table's own cursor movements only; the
   * table sanitizes what it draws. Set by `main`.
   */
  redraw?: ((text: string) => void) | undefined;
  /** True when stdout is a terminal that can be redrawn (live progress table). */
  isTTY: boolean;
  columns: number;
}

/**
 * The IO every command gets: whatever a command prints — names, metric names, log lines, error
 * messages quoting input — reaches the terminal through one sanitizer, so no printer can forget it.
 */
export function terminalSafe(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalText(text)),
    stderr: (text) => io.stderr(terminalText(text)),
    redraw: io.redraw ?? io.stdout,
  };
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
