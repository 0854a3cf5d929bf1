// Version chunks built on worker threads. A fresh site of 300 assets × 1,000 versions reads, checks,
// charts and writes 300,000 versions, and that work is the same whichever thread does it: each
// worker opens its own reader of the ledger (Ledger.readerSpec: the same folder, or the same commit
// of the ledger branch) and builds whole assets, one at a time, handed out in graph order as
// workers become free (two at a time, so the next is there when one is done). A chunk's bytes
// depend only on the records and on the plain data every thread gets (test/site/threads.test.ts).
// Small sites are built in-process: a worker costs its start-up and its own copy of the code.
//
// Loaded with import() (build.ts), so the bundle keeps this module in a file of its own whose
// exports keep their names: a worker runs that same file (import.meta.url) and calls
// runChunkWorker.
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import type { Ledger, LedgerProblem, LedgerReaderSpec } from "../ledger/ledger.js";
import { openReader } from "../ledger/open.js";
import type { DependencyNames } from "./collect.js";
import { type UpstreamPart, UpstreamIndex } from "./upstream-index.js";
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
/** Assets handed to a worker at a time (it builds them one after the other). */
const IN_FLIGHT = 2;

export interface ChunkBuilder {
  /** Adds an asset's part of project `project`'s upstream index (every asset's, once, as its heads are read). */
  upstream(project: number, part: UpstreamPart): void;
  /**
   * Builds the chunks of one asset of project `project` (an index into the builder's projects), of
   * which `toRead` versions are not kept from an earlier site (versionsToBuild).
   */
  build(project: number, job: ChunkJob, toRead: number): Promise<ChunkResult>;
  /** Every asset has been handed over: decides the threads if the count has not yet. */
  submitted(): void;
  /** A project's upstream index, as filled so far. */
  index(project: number): UpstreamIndex;
  /** Threads building (0: in-process); final once every build has settled. */
  readonly threads: number;
  close(): Promise<void>;
}

export interface ChunkBuilderOptions {
  site: ChunkSite;
  projects: Array<{ ledger: Ledger; names: DependencyNames }>;
  /** Worker threads; 1 builds in-process. Default: the machine's cores (at most 4) the work can use. */
  threads?: number | undefined;
}

/** How many workers to start for `versions` versions to read; 1 means none (in-process). */
export function threadsFor(versions: number, requested: number | undefined): number {
  // Nothing to read (a rebuild keeping every chunk): a worker would only load its code.
  if (versions === 0) return 1;
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(cores, Math.floor(versions / VERSIONS_PER_THREAD)));
}

/**
 * The threads to start once `versions` versions to read are counted and more may come, when that
 * count already decides threadsFor's answer (undefined: not yet). A large site starts its workers
 * after its first few assets' heads instead of after every asset's.
 */
function threadsSoFar(versions: number, requested: number | undefined): number | undefined {
  if (versions === 0) return undefined;
  if (requested !== undefined) return threadsFor(versions, requested);
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return versions >= cores * VERSIONS_PER_THREAD ? threadsFor(versions, requested) : undefined;
}

/** What a worker is started with: plain data (structured clone). */
interface WorkerSetup {
  site: ChunkSite;
  projects: Array<{
    ledger: LedgerReaderSpec;
    assets: string[];
    sources: string[];
    /** The upstream index as filled when the worker started; the rest comes by message. */
    upstream: UpstreamPart[];
  }>;
}

type ToWorker =
  | { kind: "build"; id: number; project: number; job: ChunkJob }
  | { kind: "upstream"; project: number; part: UpstreamPart };
type FromWorker = { id: number; result: ChunkResult } | { id: number; error: string };

interface Task {
  project: number;
  job: ChunkJob;
  resolve: (result: ChunkResult) => void;
  reject: (error: unknown) => void;
}

/** Hands tasks to free slots in the order they were asked for, once it is opened with its slots. */
class Queue {
  private readonly waiting: Task[] = [];
  private readonly free: number[] = [];
  private run: ((slot: number, task: Task) => void) | undefined;

  open(slots: number, run: (slot: number, task: Task) => void): void {
    this.run = run;
    for (let i = 0; i < slots; i++) this.free.push(i);
    this.next();
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
    while (this.run && this.free.length > 0 && this.waiting.length > 0)
      this.run(this.free.shift()!, this.waiting.shift()!);
  }
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

/**
 * Builds every asset's chunks, in-process or on worker threads. Assets are handed over as their
 * heads are read, and wait in order until the number of versions to read decides whether workers
 * are worth starting (threadsSoFar, threadsFor): a small site is built in-process, a large one
 * starts its workers while the main thread still reads the other assets' heads.
 */
export function chunkBuilder(options: ChunkBuilderOptions): ChunkBuilder {
  const indexes = options.projects.map(({ names }) => new UpstreamIndex(names));
  const queue = new Queue();
  let workers: Worker[] = [];
  let threads: number | undefined;
  let toRead = 0;
  let failed: unknown;
  let closing = false;
  const pending = new Map<number, { task: Task; slot: number }>();
  let nextId = 0;

  // One asset at a time, as on a worker: every asset at once would hold every asset's packs.
  const inProcess = () => {
    threads = 0;
    queue.open(1, (slot, task) => {
      const { ledger, names } = options.projects[task.project]!;
      buildVersionChunks(task.job, ledger, { names, index: indexes[task.project]! }, options.site)
        .then(task.resolve, task.reject)
        .finally(() => queue.release(slot));
    });
  };

  const fail = (error: unknown) => {
    failed ??= error;
    for (const { task } of pending.values()) task.reject(error);
    pending.clear();
    queue.reject(error);
  };

  const startWorkers = async (count: number) => {
    threads = count;
    const specs = await Promise.all(options.projects.map((p) => p.ledger.readerSpec?.()));
    if (closing) return;
    if (specs.some((s) => s === undefined)) return inProcess();
    // The index as filled now goes with the setup; what is added later is posted (upstream()),
    // on the same port as the builds, so it arrives before any build handed out after it.
    const setup: WorkerSetup = {
      site: options.site,
      projects: options.projects.map(({ names }, i) => ({
        ledger: specs[i]!,
        assets: [...keys(names.assets)],
        sources: [...keys(names.sources)],
        upstream: [...indexes[i]!.added()],
      })),
    };
    workers = Array.from(
      { length: count },
      () => new Worker(workerCode(), { eval: true, workerData: setup }),
    );
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
    // Two assets in flight per worker: the next one is there when a worker finishes, instead of
    // after a round trip through a main thread busy reading heads or writing pages.
    queue.open(count * IN_FLIGHT, (slot, task) => {
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
      workers[slot % count]!.postMessage({
        kind: "build",
        id,
        project: task.project,
        job: { ...task.job, heads },
      } satisfies ToWorker);
    });
  };

  const decide = (count: number | undefined) => {
    if (threads !== undefined || count === undefined) return;
    if (count <= 1) inProcess();
    else startWorkers(count).catch(fail);
  };

  return {
    get threads() {
      return threads ?? 0;
    },
    index: (project) => indexes[project]!,
    upstream: (project, part) => {
      indexes[project]!.add(part);
      for (const worker of workers)
        worker.postMessage({ kind: "upstream", project, part } satisfies ToWorker);
    },
    build: (project, job, versions) =>
      new Promise((resolve, reject) => {
        queue.push({ project, job, resolve, reject });
        toRead += versions;
        decide(threadsSoFar(toRead, options.threads));
      }),
    submitted: () => decide(threadsFor(toRead, options.threads)),
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
  // Listening before the readers are open: index parts posted meanwhile must not be lost.
  const early: ToWorker[] = [];
  let handle = (message: ToWorker) => void early.push(message);
  port.on("message", (message: ToWorker) => handle(message));
  const projects = await Promise.all(
    setup.projects.map(async (p) => {
      const names = { assets: new Set(p.assets), sources: new Set(p.sources) };
      return {
        ledger: await openReader(p.ledger),
        reported: 0,
        project: { names, index: new UpstreamIndex(names, p.upstream) } satisfies ChunkProject,
      };
    }),
  );
  // One build at a time, in the order they came; index parts are added as soon as they come, since
  // a build waiting for one may be running.
  let builds = Promise.resolve();
  handle = (message) => {
    const state = projects[message.project]!;
    if (message.kind === "upstream") {
      state.project.index.add(message.part);
      return;
    }
    builds = builds.then(() =>
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
      ),
    );
  };
  for (const message of early.splice(0)) handle(message);
}
