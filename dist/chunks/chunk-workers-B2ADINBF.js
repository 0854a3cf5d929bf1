import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  UpstreamIndex,
  buildVersionChunks
} from "./chunk-GG3EVFOQ.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-XTEFASAO.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  openReader
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/site/chunk-workers.ts
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
var VERSIONS_PER_THREAD = 2e3;
var MAX_THREADS = 4;
var IN_FLIGHT = 2;
function threadsFor(versions, requested) {
  if (versions === 0) return 1;
  if (requested !== void 0) return Math.max(1, Math.floor(requested));
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return Math.max(1, Math.min(cores, Math.floor(versions / VERSIONS_PER_THREAD)));
}
function threadsSoFar(versions, requested) {
  if (versions === 0) return void 0;
  if (requested !== void 0) return threadsFor(versions, requested);
  const cores = Math.min(availableParallelism(), MAX_THREADS);
  return versions >= cores * VERSIONS_PER_THREAD ? threadsFor(versions, requested) : void 0;
}
var Queue = class {
  waiting = [];
  free = [];
  run;
  open(slots, run) {
    this.run = run;
    for (let i = 0; i < slots; i++) this.free.push(i);
    this.next();
  }
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
    while (this.run && this.free.length > 0 && this.waiting.length > 0)
      this.run(this.free.shift(), this.waiting.shift());
  }
};
function workerCode() {
  const self = JSON.stringify(import.meta.url);
  return import.meta.url.endsWith(".ts") ? `import("tsx/esm/api").then(({ tsImport }) => tsImport(${self}, ${self})).then((m) => m.runChunkWorker());` : `import(${self}).then((m) => m.runChunkWorker());`;
}
function chunkBuilder(options) {
  const indexes = options.projects.map(({ names }) => new UpstreamIndex(names));
  const queue = new Queue();
  let workers = [];
  let threads;
  let toRead = 0;
  let failed;
  let closing = false;
  const pending = /* @__PURE__ */ new Map();
  let nextId = 0;
  const inProcess = () => {
    threads = 0;
    queue.open(1, (slot, task) => {
      const { ledger, names } = options.projects[task.project];
      buildVersionChunks(task.job, ledger, { names, index: indexes[task.project] }, options.site).then(task.resolve, task.reject).finally(() => queue.release(slot));
    });
  };
  const fail = (error) => {
    failed ??= error;
    for (const { task } of pending.values()) task.reject(error);
    pending.clear();
    queue.reject(error);
  };
  const startWorkers = async (count) => {
    threads = count;
    const specs = await Promise.all(options.projects.map((p) => p.ledger.readerSpec?.()));
    if (closing) return;
    if (specs.some((s) => s === void 0)) return inProcess();
    const setup = {
      site: options.site,
      projects: options.projects.map(({ names }, i) => ({
        ledger: specs[i],
        assets: [...keys(names.assets)],
        sources: [...keys(names.sources)],
        upstream: [...indexes[i].added()]
      }))
    };
    workers = Array.from(
      { length: count },
      () => new Worker(workerCode(), { eval: true, workerData: setup })
    );
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
    queue.open(count * IN_FLIGHT, (slot, task) => {
      if (failed !== void 0) return task.reject(failed);
      const id = nextId++;
      pending.set(id, { task, slot });
      const heads = task.job.heads.map(({ version, finishedAt, logicalVersion, dataVersion }) => ({
        version,
        finishedAt,
        logicalVersion,
        dataVersion
      }));
      workers[slot % count].postMessage({
        kind: "build",
        id,
        project: task.project,
        job: { ...task.job, heads }
      });
    });
  };
  const decide = (count) => {
    if (threads !== void 0 || count === void 0) return;
    if (count <= 1) inProcess();
    else startWorkers(count).catch(fail);
  };
  return {
    get threads() {
      return threads ?? 0;
    },
    index: (project) => indexes[project],
    upstream: (project, part) => {
      indexes[project].add(part);
      for (const worker of workers)
        worker.postMessage({ kind: "upstream", project, part });
    },
    build: (project, job, versions) => new Promise((resolve, reject) => {
      queue.push({ project, job, resolve, reject });
      toRead += versions;
      decide(threadsSoFar(toRead, options.threads));
    }),
    submitted: () => decide(threadsFor(toRead, options.threads)),
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
  const early = [];
  let handle = (message) => void early.push(message);
  port.on("message", (message) => handle(message));
  const projects = await Promise.all(
    setup.projects.map(async (p) => {
      const names = { assets: new Set(p.assets), sources: new Set(p.sources) };
      return {
        ledger: await openReader(p.ledger),
        reported: 0,
        project: { names, index: new UpstreamIndex(names, p.upstream) }
      };
    })
  );
  let builds = Promise.resolve();
  handle = (message) => {
    const state = projects[message.project];
    if (message.kind === "upstream") {
      state.project.index.add(message.part);
      return;
    }
    builds = builds.then(
      () => buildVersionChunks(message.job, state.ledger, state.project, setup.site).then(
        (result) => {
          const problems = state.ledger.problems().slice(state.reported);
          state.reported += problems.length;
          port.postMessage({ id: message.id, result: { ...result, problems } });
        },
        (error) => port.postMessage({
          id: message.id,
          error: error instanceof Error ? error.stack ?? error.message : String(error)
        })
      )
    );
  };
  for (const message of early.splice(0)) handle(message);
}
export {
  chunkBuilder,
  runChunkWorker,
  threadsFor
};
