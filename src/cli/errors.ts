// The CLI's one edge for failures: user errors print what went wrong and what to do (exit 1);
// anything else is a bug in Kiln and asks for a report (exit 2). No stack trace for users.
import { readFileSync } from "node:fs";
import { fromSystemError, isSystemError, UserError } from "../domain/errors.js";
import { type Diagnostic, formatDiagnostics } from "../manifest/diagnostics.js";

export { UserError };

export class DiagnosticsError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    /** File name as shown in diagnostics → absolute path, to draw source excerpts. */
    readonly files: Record<string, string>,
  ) {
    super(`${diagnostics.length} problem(s) in the manifest`);
    this.name = "DiagnosticsError";
  }
}

/** A failed run: the summary was printed already, only the exit code is left. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "ExitCode";
  }
}

export function printDiagnostics(
  diagnostics: Diagnostic[],
  files: Record<string, string>,
  write: (text: string) => void,
): void {
  const readSource = (file: string) => {
    try {
      return readFileSync(files[file] ?? file, "utf8");
    } catch {
      return undefined;
    }
  };
  write(`${formatDiagnostics(diagnostics, { readSource })}\n`);
}

export const BUG_REPORT_URL = "https://github.com/kiln-ml/kiln/issues";

/**
 * How a user error reads on stderr: for a command that reports one and goes on (one of several
 * workflows, one of several selected assets) as for one that stops with a UserError.
 */
export function userErrorText(message: string, hint?: string | undefined): string {
  return `kiln: error: ${message}\n${hint ? `  hint: ${hint}\n` : ""}`;
}

/** Maps an error to its message and exit code. */
export function reportError(error: unknown, write: (text: string) => void): number {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof DiagnosticsError) {
    printDiagnostics(error.diagnostics, error.files, write);
    return 1;
  }
  // An operating-system error (a full disk, a missing folder, a file where a folder should be) is
  // the environment's, not a bug: what failed on which path, what to do, exit 1.
  const user = error instanceof UserError ? error : isSystemError(error) ? fromSystemError(error) : undefined;
  if (user) {
    write(userErrorText(user.message, user.hint));
    // The original system error's stack, for a bug report if the path turns out to be Kiln's fault.
    if (process.env.KILN_DEBUG && user !== error && error instanceof Error) write(`${error.stack}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(
    `kiln: internal error: ${message}\nThis is a bug in Kiln. Please report it at ${BUG_REPORT_URL} with the command you ran` +
      ` (set KILN_DEBUG=1 to print the stack trace).\n`,
  );
  if (process.env.KILN_DEBUG && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return 2;
}
