import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildVersionChunks
} from "./chunk-AKBKLTJ3.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-ME3GNNNO.js";
import {
  openReader
} from "./chunk-Q5PNH2RI.js";
import "./chunk-TYLAMZFN.js";
import "./chunk-OJF7J3I3.js";
import "./chunk-BTNTUVAR.js";
import "./chunk-ND4BC56W.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-GR2CBACB.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-VWISJ7BJ.js";
import "./chunk-M5KBEXBO.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/site/chunk-workers.ts
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
var VERSIONS_PER_THREAD = 2e3;
var MAX_THREADS = 4;
function threadsFor(versions, requested) {
  if (versions === 0) return 1;
  if (requested !== void 0) return Math.max(1, Math.floor(requested));
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(cores, Math.floor(versions / VERSIONS_PER_THREAD)));
}
var Queue = class {
  constructor(slots, run) {
    this.run = run;
    for (let i = 0; i < slots; i++) this.free.push(i);
  }
  run;
  waiting = [];
  free = [];
  push(task) {
    this.waiting.push(task);
    this.next();
  }
  release(slot) {
    this.free.push(slot);
    this.next();
  }
  /** Fails every task not yet handed out. */
  reject(error) {
    for (const task of this.waiting.splice(0)) task.reject(error);
  }
  next() {
    while (this.free.length > 0 && this.waiting.length > 0)
      this.run(this.free.shift(), this.waiting.shift());
  }
};
function inProcess(options) {
  const queue = new Queue(1, (slot, task) => {
    const { ledger, project } = options.projects[task.project];
    buildVersionChunks(task.job, ledger, project, options.site).then(task.resolve, task.reject).finally(() => queue.release(slot));
  });
  return {
    threads: 0,
    build: (project, job) => new Promise((resolve, reject) => queue.push({ project, job, resolve, reject })),
    close: async () => {
    }
  };
}
function workerCode() {
  const self = JSON.stringify(import.meta.url);
  return import.meta.url.endsWith(".ts") ? `import("tsx/esm/api").then(({ tsImport }) => tsImport(${self}, ${self})).then((m) => m.runChunkWorker());` : `import(${self}).then((m) => m.runChunkWorker());`;
}
async function chunkBuilder(options) {
  const threads = threadsFor(options.versions, options.threads);
  if (threads <= 1) return inProcess(options);
  const specs = await Promise.all(options.projects.map((p) => p.ledger.readerSpec?.()));
  if (specs.some((s) => s === void 0)) return inProcess(options);
  const setup = {
    site: options.site,
    projects: options.projects.map(({ project }, i) => ({
      ledger: specs[i],
      assets: [...keys(project.names.assets)],
      sources: [...keys(project.names.sources)],
      index: project.index,
      versionsOf: new Map(project.versionsOf)
    }))
  };
  const pending = /* @__PURE__ */ new Map();
  let nextId = 0;
  let failed;
  let closing = false;
  const workers = Array.from(
    { length: threads },
    () => new Worker(workerCode(), { eval: true, workerData: setup })
  );
  const queue = new Queue(threads, (slot, task) => {
    if (failed !== void 0) return task.reject(failed);
    const id = nextId++;
    pending.set(id, { task, slot });
    const heads = task.job.heads.map(({ version, finishedAt, logicalVersion, dataVersion }) => ({
      version,
      finishedAt,
      logicalVersion,
      dataVersion
    }));
    workers[slot].postMessage({ id, project: task.project, job: { ...task.job, heads } });
  });
  const fail = (error) => {
    failed ??= error;
    for (const { task } of pending.values()) task.reject(error);
    pending.clear();
    queue.reject(error);
  };
  workers.forEach((worker) => {
    worker.on("message", (message) => {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if ("error" in message) {
        fail(new Error(`building the site's version chunks failed on a worker thread: ${message.error}`));
        return;
      }
      const ledger = options.projects[entry.task.project].ledger;
      for (const problem of message.result.problems) ledger.note?.(problem);
      entry.task.resolve(message.result);
      queue.release(entry.slot);
    });
    worker.on("error", fail);
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
    }
  };
}
function keys(names) {
  if (names instanceof Map || names instanceof Set) return names.keys();
  throw new Error("a project's names must be a Map or a Set to be sent to a worker thread");
}
async function runChunkWorker() {
  const setup = workerData;
  const port = parentPort;
  const projects = await Promise.all(
    setup.projects.map(async (p) => ({
      ledger: await openReader(p.ledger),
      reported: 0,
      project: {
        names: { assets: new Set(p.assets), sources: new Set(p.sources) },
        index: p.index,
        versionsOf: p.versionsOf
      }
    }))
  );
  port.on("message", (message) => {
    const state = projects[message.project];
    buildVersionChunks(message.job, state.ledger, state.project, setup.site).then(
      (result) => {
        const problems = state.ledger.problems().slice(state.reported);
        state.reported += problems.length;
        port.postMessage({ id: message.id, result: { ...result, problems } });
      },
      (error) => port.postMessage({
        id: message.id,
        error: error instanceof Error ? error.stack ?? error.message : String(error)
      })
    );
  });
}
export {
  chunkBuilder,
  runChunkWorker,
  threadsFor
};
