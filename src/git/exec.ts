// The only place Kiln spawns git. Every other module calls the typed functions in src/git.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  /** Written to git's standard input. */
  input?: string | Buffer;
  /** Extra environment (GIT_INDEX_FILE, GIT_AUTHOR_*, …) on top of the process environment. */
  env?: Record<string, string | undefined>;
  /** Return the output as a Buffer-decoded string of this encoding; default utf8. */
  encoding?: BufferEncoding;
}

/**
 * A git process with piped stdio, as every git Kiln starts: never prompting for credentials, and
 * in the C locale so messages match what callers look for. runGit collects one; the object reader
 * keeps one `cat-file --batch` alive.
 */
export function spawnGit(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): ChildProcessWithoutNullStreams {
  return spawn("git", args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs git and collects its output; never throws for a non-zero exit (callers decide). */
export function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options.cwd, options.env);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) =>
      reject(new GitError(`could not run git: ${error.message}; is git installed and on PATH?`, args, "")),
    );
    child.on("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString(options.encoding ?? "utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    child.stdin.on("error", () => {}); // git may exit before reading all input
    child.stdin.end(options.input ?? "");
  });
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

/** Runs git and returns stdout, or throws a GitError naming the command and git's message. */
export async function git(args: readonly string[], options: GitOptions): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new GitError(
      `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.code}`}`,
      args,
      result.stderr,
    );
  }
  return result.stdout;
}
