// What a command needs from the outside world, injected so commands run the same in tests.
import { actionsLogText, terminalText } from "../report/escape.js";
import { terminalWidth } from "../run/progress.js";

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * stdout without the sanitizers, for the output's own control text only: the live table's cursor
   * movements, the Actions log's group commands. Whoever writes here sanitizes what it quotes.
   * Set by `main`.
   */
  raw?: ((text: string) => void) | undefined;
  /** True when stdout is a terminal that can be redrawn (live progress table). */
  isTTY: boolean;
  columns: number;
  /** The terminal's height, when it has one: the live table is drawn no taller while it redraws. */
  rows?: number | undefined;
}

/**
 * The IO every command gets: whatever a command prints — names, metric names, log lines, error
 * messages quoting input — reaches the terminal through one sanitizer, so no printer can forget it.
 * In GitHub Actions the same text is also made inert for the runner, which would otherwise act on
 * a line such as `::add-mask::…` or `::stop-commands::…` from a step's log or a manifest name.
 */
export function terminalSafe(io: CliIO): CliIO {
  const safe =
    io.env.GITHUB_ACTIONS === "true"
      ? (text: string) => terminalText(actionsLogText(text))
      : (text: string) => terminalText(text);
  return {
    ...io,
    stdout: (text) => io.stdout(safe(text)),
    stderr: (text) => io.stderr(safe(text)),
    raw: io.raw ?? io.stdout,
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
    rows: process.stdout.rows,
  };
}
