// Version chunks built on worker threads. A fresh site of 300 assets × 1,000 versions reads, checks,
// charts and writes 300,000 versions, and that work is the same whichever thread does it: each
// worker opens its own reader of the ledger (Ledger.readerSpec: the same folder, or the same commit
// of the ledger branch) and builds whole assets, one at a time, handed out in graph order as
// workers become free. A chunk's bytes depend only on the records and on the plain data every
// thread gets (test/site/threads.test.ts). Small sites are built in-process: a worker costs its
// start-up and its own copy of the code.
//
// Loaded with import() (build.ts), so the bundle keeps this module in a file of its own whose
// exports keep their names: a worker runs that same file (import.meta.url) and calls
// runChunkWorker.
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import type { Ledger, LedgerProblem, LedgerReaderSpec } from "../ledger/ledger.js";
import { openReader } from "../ledger/open.js";
import type { DataVersionIndex } from "./collect.js";
import {
  buildVersionChunks,
  type ChunkJob,
  type ChunkProject,
  type ChunkResult,
  type ChunkSite,
} from "./version-chunks.js";

/** Versions a worker should have to build before one is worth starting (see threadsFor). */
const VERSIONS_PER_THREAD = 2000;
/** Workers at most: each holds its own code, heap and pack caches. */
const MAX_THREADS = 4;

export interface ChunkBuilder {
  /** Builds the chunks of one asset of project `project` (an index into the builder's projects). */
  build(project: number, job: ChunkJob): Promise<ChunkResult>;
  /** Threads building (0: in-process). */
  readonly threads: number;
  close(): Promise<void>;
}

export interface ChunkBuilderOptions {
  site: ChunkSite;
  projects: Array<{ ledger: Ledger; project: ChunkProject }>;
  /** Versions to build in all: below a few thousand, workers cost more than they save. */
  versions: number;
  /** Worker threads; 1 builds in-process. Default: the machine's cores (at most 4) the work can use. */
  threads?: number | undefined;
}

/** How many workers to start for `versions` versions; 1 means none (in-process). */
export function threadsFor(versions: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(cores, Math.floor(versions / VERSIONS_PER_THREAD)));
}

/** What a worker is started with: plain data (structured clone). */
interface WorkerSetup {
  site: ChunkSite;
  projects: Array<{
    ledger: LedgerReaderSpec;
    assets: string[];
    sources: string[];
    index: DataVersionIndex;
    versionsOf: Map<string, readonly number[]>;
  }>;
}

type ToWorker = { id: number; project: number; job: ChunkJob };
type FromWorker = { id: number; result: ChunkResult } | { id: number; error: string };

interface Task {
  project: number;
  job: ChunkJob;
  resolve: (result: ChunkResult) => void;
  reject: (error: unknown) => void;
}

/** Hands tasks to free slots in the order they were asked for. */
class Queue {
  private readonly waiting: Task[] = [];
  private readonly free: number[] = [];

  constructor(
    slots: number,
    private readonly run: (slot: number, task: Task) => void,
  ) {
    for (let i = 0; i < slots; i++) this.free.push(i);
  }

  push(task: Task): void {
    this.waiting.push(task);
    this.next();
  }

  release(slot: number): void {
    this.free.push(slot);
    this.next();
  }

  /** Fails every task not yet handed out. */
  reject(error: unknown): void {
    for (const task of this.waiting.splice(0)) task.reject(error);
  }

  private next(): void {
    while (this.free.length > 0 && this.waiting.length > 0)
      this.run(this.free.shift()!, this.waiting.shift()!);
  }
}

function inProcess(options: ChunkBuilderOptions): ChunkBuilder {
  // One asset at a time, as on a worker: every asset at once would hold every asset's packs.
  const queue = new Queue(1, (slot, task) => {
    const { ledger, project } = options.projects[task.project]!;
    buildVersionChunks(task.job, ledger, project, options.site)
      .then(task.resolve, task.reject)
      .finally(() => queue.release(slot));
  });
  return {
    threads: 0,
    build: (project, job) => new Promise((resolve, reject) => queue.push({ project, job, resolve, reject })),
    close: async () => {},
  };
}

/**
 * The code a worker starts with: it imports this module and runs runChunkWorker. From the sources
 * (tests, `tsx`), the module is TypeScript, which only tsx's loader imports in a worker.
 */
function workerCode(): string {
  const self = JSON.stringify(import.meta.url);
  return import.meta.url.endsWith(".ts")
    ? `import("tsx/esm/api").then(({ tsImport }) => tsImport(${self}, ${self})).then((m) => m.runChunkWorker());`
    : `import(${self}).then((m) => m.runChunkWorker());`;
}

export async function chunkBuilder(options: ChunkBuilderOptions): Promise<ChunkBuilder> {
  const threads = threadsFor(options.versions, options.threads);
  if (threads <= 1) return inProcess(options);
  const specs = await Promise.all(options.projects.map((p) => p.ledger.readerSpec?.()));
  if (specs.some((s) => s === undefined)) return inProcess(options);
  const setup: WorkerSetup = {
    site: options.site,
    projects: options.projects.map(({ project }, i) => ({
      ledger: specs[i]!,
      assets: [...keys(project.names.assets)],
      sources: [...keys(project.names.sources)],
      index: project.index,
      versionsOf: new Map(project.versionsOf),
    })),
  };
  const pending = new Map<number, { task: Task; slot: number }>();
  let nextId = 0;
  let failed: unknown;
  let closing = false;
  const workers = Array.from(
    { length: threads },
    () => new Worker(workerCode(), { eval: true, workerData: setup }),
  );
  const queue = new Queue(threads, (slot, task) => {
    if (failed !== undefined) return task.reject(failed);
    const id = nextId++;
    pending.set(id, { task, slot });
    // Only what identifies each version crosses to the worker, and only when its turn comes: the
    // queue holds the heads the main thread has anyway.
    const heads = task.job.heads.map(({ version, finishedAt, logicalVersion, dataVersion }) => ({
      version,
      finishedAt,
      logicalVersion,
      dataVersion,
    }));
    workers[slot]!.postMessage({ id, project: task.project, job: { ...task.job, heads } } satisfies ToWorker);
  });
  const fail = (error: unknown) => {
    failed ??= error;
    for (const { task } of pending.values()) task.reject(error);
    pending.clear();
    queue.reject(error);
  };
  workers.forEach((worker) => {
    worker.on("message", (message: FromWorker) => {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if ("error" in message) {
        fail(new Error(`building the site's version chunks failed on a worker thread: ${message.error}`));
        return;
      }
      const ledger = options.projects[entry.task.project]!.ledger;
      for (const problem of message.result.problems) ledger.note?.(problem);
      entry.task.resolve(message.result);
      queue.release(entry.slot);
    });
    worker.on("error", fail);
    // A worker gone before close() (out of memory, say) fails what it held and what is still to
    // come, rather than leaving the build waiting for an answer that never comes.
    worker.on("exit", (code) => {
      if (!closing) fail(new Error(`a worker thread building the site stopped (exit code ${code})`));
    });
  });
  return {
    threads,
    build: (project, job) => new Promise((resolve, reject) => queue.push({ project, job, resolve, reject })),
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function keys(names: { has(name: string): boolean }): Iterable<string> {
  if (names instanceof Map || names instanceof Set) return names.keys() as Iterable<string>;
  throw new Error("a project's names must be a Map or a Set to be sent to a worker thread");
}

/** A worker's side: opens its readers, then builds each asset it is handed. */
export async function runChunkWorker(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const port = parentPort!;
  const projects = await Promise.all(
    setup.projects.map(async (p) => ({
      ledger: await openReader(p.ledger),
      reported: 0,
      project: {
        names: { assets: new Set(p.assets), sources: new Set(p.sources) },
        index: p.index,
        versionsOf: p.versionsOf,
      } satisfies ChunkProject,
    })),
  );
  // One message at a time: the main thread sends the next asset when this one is done.
  port.on("message", (message: ToWorker) => {
    const state = projects[message.project]!;
    buildVersionChunks(message.job, state.ledger, state.project, setup.site).then(
      (result) => {
        const problems: LedgerProblem[] = state.ledger.problems().slice(state.reported);
        state.reported += problems.length;
        port.postMessage({ id: message.id, result: { ...result, problems } } satisfies FromWorker);
      },
      (error: unknown) =>
        port.postMessage({
          id: message.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies FromWorker),
    );
  });
}
