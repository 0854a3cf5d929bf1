// Reads git objects through one long-lived `git cat-file --batch` per repository instead of a
// process per read. A generated-workflow job reads the ledger branch dozens of times (records,
// heads, alias logs, failures of every asset it plans or reports); spawning `ls-tree` and
// `cat-file` for each read was most of a job's processes. Objects are immutable and named by
// their content, so nothing read here can go stale: a new ledger tip is a new commit id.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import { GitError, spawnGit } from "./exec.js";

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

interface Pending {
  spec: string;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * How long an idle reader stays open. A job reads in bursts (plan, then after the step, then the
 * report); between bursts, the process costs nothing but a slot, and closing it lets a test
 * process that opens hundreds of temporary repositories keep no process per repository.
 */
const IDLE_MS = 2000;

class ObjectReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  /** Output not yet consumed, as it arrived. */
  private chunks: Buffer[] = [];
  private received = 0;
  /** What the reply at the front needs in all, once its header is known: a large object is joined once, not per chunk. */
  private needed = 0;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly cwd: string,
    private readonly onClose: () => void,
  ) {
    this.child = spawnGit(["cat-file", "--batch"], cwd);
    const stderr: Buffer[] = [];
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    this.child.stdin.on("error", () => {}); // reported through "close"
    this.child.on("error", (error) =>
      this.fail(
        new GitError(`could not run git: ${error.message}; is git installed and on PATH?`, ["cat-file"], ""),
      ),
    );
    this.child.on("close", (code) => {
      const message = Buffer.concat(stderr).toString("utf8").trim();
      this.fail(
        new GitError(
          `git cat-file --batch in ${this.cwd} ended early: ${message || `exit code ${code}`}`,
          ["cat-file", "--batch"],
          message,
        ),
      );
    });
    this.sleep();
  }

  /** The object `spec` names (an oid or `<commit>:<path>`), or undefined when there is none. */
  read(spec: string): Promise<GitObject | undefined> {
    if (this.closed) return Promise.reject(new Error("the object reader is closed"));
    if (/[\n\r]/.test(spec)) return Promise.resolve(undefined); // cannot be asked; names no object
    return new Promise((resolve, reject) => {
      this.pending.push({ spec, resolve, reject });
      this.wake();
      this.child.stdin.write(`${spec}\n`);
    });
  }

  /** Keeps the process (and the event loop) alive while reads are outstanding. */
  private wake(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    this.child.ref();
    handle(this.child.stdout).ref();
  }

  /** Lets the process exit with Kiln when idle, and closes it after a while without reads. */
  private sleep(): void {
    if (this.idle) clearTimeout(this.idle);
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) handle(stream).unref();
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.received < this.needed) return;
    const buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.received);
    let offset = 0;
    this.needed = 0;
    for (;;) {
      const request = this.pending[0];
      if (!request) break;
      const newline = buffer.indexOf(10, offset);
      if (newline < 0) break;
      const header = buffer.subarray(offset, newline).toString("utf8");
      // "<oid> <type> <size>" for an object; "<spec> missing" (or "ambiguous") otherwise.
      const match = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(header);
      if (!match) {
        offset = newline + 1;
        this.pending.shift();
        request.resolve(undefined);
        continue;
      }
      const end = newline + 1 + Number(match[3]);
      if (buffer.length < end + 1) {
        // The content and its newline are still coming.
        this.needed = end + 1 - offset;
        break;
      }
      const content = Buffer.from(buffer.subarray(newline + 1, end));
      offset = end + 1;
      this.pending.shift();
      request.resolve({ oid: match[1]!, type: match[2]!, content });
    }
    const rest = buffer.subarray(offset);
    // Copied: a slice would keep the whole joined buffer alive.
    this.chunks = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.received = rest.length;
    if (this.pending.length === 0) this.sleep();
  }

  private fail(error: Error): void {
    this.closed = true;
    this.onClose();
    if (this.idle) clearTimeout(this.idle);
    for (const request of this.pending.splice(0)) request.reject(error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    if (this.idle) clearTimeout(this.idle);
    this.child.stdin.end();
  }
}

/** The pipe behind a child's standard stream (a socket, which may be ref'd and unref'd). */
function handle(stream: Readable | Writable): Socket {
  return stream as unknown as Socket;
}

const readers = new Map<string, ObjectReader>();

/**
 * The object `spec` names in the repository at `cwd` (an object id, or `<commit>:<path>`), read
 * through that repository's reader; undefined when it does not exist. Objects written after the
 * reader started (a fetch, a new commit) are found: git looks for new packs on a miss.
 */
export function readObject(cwd: string, spec: string): Promise<GitObject | undefined> {
  let reader = readers.get(cwd);
  if (!reader) {
    const created: ObjectReader = new ObjectReader(cwd, () => {
      if (readers.get(cwd) === created) readers.delete(cwd);
    });
    reader = created;
    readers.set(cwd, reader);
  }
  return reader.read(spec);
}

export interface TreeItem {
  mode: string;
  type: "blob" | "tree" | "commit";
  oid: string;
  name: string;
}

/** The entries of a tree object's content (`<mode> <name>\0<binary oid>` each). */
export function parseTree(content: Buffer, oidLength: number): TreeItem[] {
  const bytes = oidLength === 64 ? 32 : 20;
  const items: TreeItem[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(32, offset);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0) break;
    const mode = content.subarray(offset, space).toString("latin1");
    const name = content.subarray(space + 1, nul).toString("utf8");
    const oid = content.subarray(nul + 1, nul + 1 + bytes).toString("hex");
    const type = mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";
    items.push({ mode: type === "tree" ? "040000" : mode.padStart(6, "0"), type, oid, name });
    offset = nul + 1 + bytes;
  }
  return items;
}
