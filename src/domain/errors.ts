// Failures that are not bugs in Kiln: bad input, a missing remote, a full disk, a damaged file.
// Any layer may throw them where it cannot go on; the CLI prints the message and the hint and exits
// 1, the action fails the step with the message. Anything else that escapes is a bug (exit 2).

/** A problem the user or their environment must fix; the message says what, the hint what to do. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Node's errors from the operating system (`ENOENT`, `ENOSPC`, …) carry a code and a syscall. */
export function isSystemError(
  error: unknown,
): error is NodeJS.ErrnoException & { code: string; syscall: string } {
  const e = error as NodeJS.ErrnoException | undefined;
  return (
    e instanceof Error &&
    typeof e.code === "string" &&
    /^E[A-Z0-9]+$/.test(e.code) &&
    typeof e.syscall === "string"
  );
}

const WHAT_TO_DO: Record<string, string> = {
  ENOSPC: "free space and rerun",
  EDQUOT: "free space (or raise the disk quota) and rerun",
  ENOENT: "check that the path and its folder exist",
  ENOTDIR: "a part of the path is a file, not a folder: check the path",
  EISDIR: "the path is a folder where a file was expected: remove or rename it",
  EACCES: "check the file's permissions",
  EPERM: "check the file's permissions",
  EROFS: "the file system is read-only: run where Kiln can write",
  EMFILE: "too many open files: raise the limit (ulimit -n) and rerun",
  ENFILE: "too many open files on the system: rerun when fewer are open",
};

/**
 * An operating-system error as the user's problem: `cannot open /x/report.md: no such file or
 * directory`, with what to do. Node's message is `ENOENT: no such file or directory, open '/x'`.
 */
export function fromSystemError(
  error: NodeJS.ErrnoException & { code: string; syscall: string },
  what?: string,
): UserError {
  const description = error.message.replace(/^E[A-Z0-9]+: /, "").replace(/, \w+( '.*')?$/s, "");
  const target = what ?? error.path;
  return new UserError(
    target ? `cannot ${error.syscall} ${target}: ${description}` : `${error.syscall} failed: ${description}`,
    WHAT_TO_DO[error.code],
  );
}
