// The only place Kiln spawns git. Every other module calls the typed functions in src/git.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";

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
  return spawn("git", args, { cwd, env: gitEnv(env), stdio: ["pipe", "pipe", "pipe"] });
}

function gitEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...env };
}

/**
 * gitBytes, waiting for git: for an answer needed synchronously that is usually never needed at
 * all (the index listing, see CheckoutFiles.entries). Throws a GitError as gitBytes does.
 */
export function gitBytesSync(args: readonly string[], options: Omit<GitOptions, "encoding">): Buffer {
  const result = spawnSync("git", args, {
    cwd: options.cwd,
    env: gitEnv(options.env ?? {}),
    input: options.input,
    maxBuffer: Number.MAX_SAFE_INTEGER,
  });
  if (result.error)
    throw new GitError(`could not run git: ${result.error.message}; is git installed and on PATH?`, args, "");
  return succeeded(args, {
    code: result.status ?? 1,
    stderr: result.stderr.toString("utf8"),
    stdout: result.stdout,
  }).stdout;
}

/** Runs git and collects its output; never throws for a non-zero exit (callers decide). */
export async function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const result = await runGitBytes(args, options);
  return {
    code: result.code,
    stdout: Buffer.concat(result.stdout).toString(options.encoding ?? "utf8"),
    stderr: result.stderr,
  };
}

/** What runGitBytes gives back: standard output as git wrote it, in the pieces it arrived in. */
export interface GitBytesResult {
  code: number;
  stdout: Buffer[];
  stderr: string;
}

/**
 * Runs git and keeps its standard output as bytes (outside the JavaScript heap), for a large
 * answer that may never need to be a string: at 10,000 assets `git ls-files -s` prints 17 MB,
 * which a status whose versions are remembered only hashes (see gitBytes, CheckoutFiles).
 */
export function runGitBytes(args: readonly string[], options: GitOptions): Promise<GitBytesResult> {
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
      resolve({ code: code ?? 1, stdout: out, stderr: Buffer.concat(err).toString("utf8") }),
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
  return succeeded(args, await runGit(args, options)).stdout;
}

/** runGitBytes's output of a git that succeeded, or a GitError as `git` throws it. */
export async function gitBytes(args: readonly string[], options: GitOptions): Promise<Buffer[]> {
  return succeeded(args, await runGitBytes(args, options)).stdout;
}

function succeeded<T extends { code: number; stderr: string }>(args: readonly string[], result: T): T {
  if (result.code !== 0) {
    throw new GitError(
      `git ${args.join(" ")} failed: ${result.stderr.trim() || `exit code ${result.code}`}`,
      args,
      result.stderr,
    );
  }
  return result;
}
