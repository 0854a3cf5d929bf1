import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LedgerDamaged,
  blockingFailures,
  currentHolder,
  decidePromotion,
  locateJsonError,
  promoteIfBetter,
  runChecks
} from "./chunk-P6FKIRET.js";
import {
  restoreOutputs
} from "./chunk-DT5DGOB4.js";
import {
  stepSpawner
} from "./chunk-7N6H7URY.js";
import {
  formatSeriesPoint
} from "./chunk-ZNLPZKFG.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  MAX_TAIL_LINE_BYTES,
  OutputMasker,
  SecretMasker,
  dataVersion,
  dependencyRecord,
  inGitHubActions,
  knownSecretsMasker,
  stepBaseEnvironment,
  truncateLine
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  SeriesFileWriter,
  compactTime,
  crashPoint,
  declaredSecrets,
  dependencyRef,
  headLogOf,
  isExperiment,
  resolveEnv,
  withAssetLock
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  kilnDir,
  makeStateDirSync,
  replaceFileSync,
  resolveInside,
  sha256
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/run/executor.ts
import path4 from "node:path";

// src/run/materialize.ts
import { readdir, rm, stat } from "node:fs/promises";
import path3 from "node:path";

// src/run/config-file.ts
import { readFileSync } from "node:fs";
import path from "node:path";
function configFile(dir, owner, text) {
  const file = path.join(dir, `config-${sha256(`${owner}\0${text}`).slice(0, 16)}.json`);
  let current;
  try {
    current = readFileSync(file, "utf8");
  } catch {
  }
  if (current === text) return file;
  replaceFileSync(file, text);
  return file;
}

// src/run/metrics.ts
import { createReadStream, existsSync, openSync, readFileSync as readFileSync2 } from "node:fs";
import { createInterface } from "node:readline";
async function readOptional(file) {
  if (!existsSync(file)) return void 0;
  try {
    return readFileSync2(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
var MAX_METRIC_NAME = 200;
function quoted(name) {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}\u2026` : name);
}
function badName(asset, name, where) {
  if (name.length <= MAX_METRIC_NAME) return void 0;
  return `asset "${asset}" reported a name of ${name.length.toLocaleString("en-US")} characters (${quoted(name)}) ${where}: metric and series names are at most ${MAX_METRIC_NAME} characters`;
}
var SENTINEL = "\0kiln:";
var TOKENS = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)\b/g;
function parseStepJson(written) {
  const text = written.startsWith("\uFEFF") ? written.slice(1) : written;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const replaced = text.replace(
      TOKENS,
      (match, token) => token ? JSON.stringify(SENTINEL + token) : match
    );
    if (replaced !== text) {
      try {
        return {
          ok: true,
          value: JSON.parse(
            replaced,
            (_key, value) => typeof value === "string" && value.startsWith(SENTINEL) ? Number(value.slice(SENTINEL.length)) : value
          )
        };
      } catch {
      }
    }
    const where = locateJsonError(text) ?? { line: 1, column: 1, problem: "not valid JSON" };
    return { ok: false, ...where };
  }
}
function kindOf(value) {
  if (typeof value === "string")
    return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
  if (typeof value === "boolean") return "a boolean";
  if (Array.isArray(value)) return "an array";
  return "an object";
}
function notFinite(value) {
  return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
async function readMetrics(asset, file) {
  const text = await readOptional(file);
  const result = { values: {}, notFinite: {}, warnings: [] };
  if (text === void 0 || text.trim() === "") return { ok: true, value: result };
  const parsed = parseStepJson(text);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `asset "${asset}" wrote invalid JSON to KILN_METRICS at ${file}:${parsed.line}:${parsed.column}: ${parsed.problem}`
    };
  }
  const object = parsed.value;
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return {
      ok: false,
      error: `asset "${asset}" must write one JSON object of numbers to KILN_METRICS (${file}), e.g. {"mae": 61.2}`
    };
  }
  for (const [name, raw] of Object.entries(object)) {
    const tooLong = badName(asset, name, `in ${file}`);
    if (tooLong) return { ok: false, error: tooLong };
    const value = raw === null ? Number.NaN : raw;
    if (typeof value !== "number") {
      return {
        ok: false,
        error: `asset "${asset}" reported metric ${quoted(name)} as ${kindOf(value)} in ${file}: metrics must be numbers`
      };
    }
    if (Number.isFinite(value)) {
      result.values[name] = value;
      continue;
    }
    result.notFinite[name] = notFinite(value);
    result.warnings.push(
      `metric ${name} is ${raw === null ? "null (JSON.stringify's NaN)" : notFinite(value)}: recorded as not-a-number (a check on it fails; it never wins a promotion)`
    );
  }
  return { ok: true, value: result };
}
function parseSeriesLine(asset, line, where) {
  const parsed = parseStepJson(line);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `asset "${asset}" wrote invalid JSON to KILN_SERIES at ${where}:${parsed.column}: ${parsed.problem}`
    };
  }
  const record = parsed.value;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { ok: false, error: `asset "${asset}" wrote a non-object line to KILN_SERIES at ${where}` };
  }
  const { step } = record;
  if (typeof step !== "number" || !Number.isFinite(step)) {
    return {
      ok: false,
      error: `asset "${asset}" wrote a KILN_SERIES line without a numeric "step" at ${where}`
    };
  }
  const point = { step };
  const dropped = [];
  for (const [name, raw] of Object.entries(record)) {
    if (name === "step") continue;
    const tooLong = badName(asset, name, `at ${where}`);
    if (tooLong) return { ok: false, error: tooLong };
    const value = raw === null ? Number.NaN : raw;
    if (typeof value !== "number") {
      return {
        ok: false,
        error: `asset "${asset}" wrote ${quoted(name)} as ${kindOf(value)} at ${where}: series values must be numbers`
      };
    }
    if (Number.isFinite(value)) point[name] = value;
    else dropped.push([name, notFinite(value)]);
  }
  return { ok: true, point, notFinite: dropped };
}
async function streamSeries(asset, file, onPoint) {
  let fd;
  if (!existsSync(file)) return { ok: true, value: { points: 0, warnings: [] } };
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if (error.code === "ENOENT")
      return { ok: true, value: { points: 0, warnings: [] } };
    throw error;
  }
  const input = createReadStream(file, { fd, encoding: "utf8" });
  let count = 0;
  const dropped = /* @__PURE__ */ new Map();
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const raw of lines) {
      number++;
      const line = raw.trim();
      if (line === "") continue;
      const parsed = parseSeriesLine(asset, line, `${file}:${number}`);
      if (!parsed.ok) return parsed;
      count++;
      onPoint(parsed.point);
      for (const [name, kind] of parsed.notFinite) {
        const seen = dropped.get(name) ?? { count: 0, first: parsed.point.step, kinds: /* @__PURE__ */ new Set() };
        seen.count++;
        seen.kinds.add(kind);
        dropped.set(name, seen);
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
  const warnings = [...dropped].map(
    ([name, { count: n, first, kinds }]) => `series ${name} is ${[...kinds].join("/")} at ${n} point${n === 1 ? "" : "s"} from step ${first}: left out of charts`
  );
  return { ok: true, value: { points: count, warnings } };
}

// src/run/series-preview.ts
var PREVIEW_BUCKETS = 32;
var Line = class {
  buckets = [];
  /** Points per bucket; doubles at each merge. */
  width = 1;
  /** Points in the newest bucket. */
  filled = 0;
  add(point) {
    const open2 = this.buckets.at(-1);
    if (open2 && this.filled < this.width) {
      open2.last = point;
      if (point.value < open2.min.value) open2.min = point;
      if (point.value > open2.max.value) open2.max = point;
      this.filled++;
      return;
    }
    if (this.buckets.length === 2 * PREVIEW_BUCKETS) this.merge();
    this.buckets.push({ first: point, last: point, min: point, max: point });
    this.filled = 1;
  }
  merge() {
    const merged = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      merged.push({
        first: a.first,
        last: b.last,
        min: b.min.value < a.min.value ? b.min : a.min,
        max: b.max.value > a.max.value ? b.max : a.max
      });
    }
    this.buckets.splice(0, this.buckets.length, ...merged);
    this.width *= 2;
  }
  kept() {
    const points = /* @__PURE__ */ new Map();
    for (const b of this.buckets) for (const p of [b.first, b.min, b.max, b.last]) points.set(p.at, p);
    return [...points.values()];
  }
};
var SeriesPreview = class {
  lines = /* @__PURE__ */ new Map();
  count = 0;
  /** Adds the next point of the series (finite values only; `step` is its x). */
  add(point) {
    const at = this.count++;
    for (const [name, value] of Object.entries(point)) {
      if (name === "step" || typeof value !== "number" || !Number.isFinite(value)) continue;
      let line = this.lines.get(name);
      if (!line) {
        line = new Line();
        this.lines.set(name, line);
      }
      line.add({ at, step: point.step, value });
    }
  }
  /** Points added so far. */
  get points() {
    return this.count;
  }
  /**
   * The kept points in series order, one SeriesPoint per kept position with the values of the
   * lines that kept it (a line absent at a point is simply not there, as in a sparse series).
   */
  preview() {
    const byPosition = /* @__PURE__ */ new Map();
    for (const [name, line] of this.lines) {
      for (const kept of line.kept()) {
        let point = byPosition.get(kept.at);
        if (!point) {
          point = { step: kept.step };
          byPosition.set(kept.at, point);
        }
        point[name] = kept.value;
      }
    }
    return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([, point]) => point);
  }
};

// src/run/series-follow.ts
import { open } from "node:fs/promises";
function followSeries(file, onPoint, options = {}) {
  let offset = 0;
  let partial = "";
  let running;
  let again = false;
  let stopped = false;
  const read = async () => {
    let handle;
    try {
      handle = await open(file, "r");
    } catch {
      return;
    }
    try {
      const { size } = await handle.stat();
      if (size < offset) {
        offset = 0;
        partial = "";
      }
      if (size === offset) return;
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      offset += bytesRead;
      const lines = (partial + buffer.subarray(0, bytesRead).toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      for (let i = lines.length - 1; i >= 0; i--) {
        const point = toPoint(lines[i]);
        if (point) {
          if (!stopped) onPoint(point);
          return;
        }
      }
    } finally {
      await handle.close();
    }
  };
  const timer = setInterval(() => void follower.check(), options.intervalMs ?? 1e3);
  timer.unref();
  const follower = {
    check() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await read().catch(() => void 0);
        } while (again && !stopped);
        running = void 0;
      })();
      return running;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    }
  };
  return follower;
}
function toPoint(line) {
  if (!line.trim()) return void 0;
  const parsed = parseSeriesLine("", line, "");
  return parsed.ok ? parsed.point : void 0;
}

// src/run/step.ts
import { closeSync, openSync as openSync2, writeSync } from "node:fs";
var MAX_TIMER_MS = 2147483647;
var TAIL_LINES = 30;
function logWriteError(file, error) {
  if (error.code === "ENOSPC")
    return `could not write the step's log ${file}: no space left on device: free space and rerun`;
  return `could not write the step's log ${file}: ${error.message}; check that the folder is writable and rerun`;
}
async function runStep(options) {
  if (options.signal?.aborted)
    return {
      code: null,
      signal: null,
      timedOut: false,
      cancelled: true,
      tail: [],
      started: false,
      waitedMs: 0
    };
  const tail = [];
  let logError;
  let log;
  try {
    log = openSync2(options.logFile, "a");
  } catch (error) {
    logError = logWriteError(options.logFile, error);
    return {
      code: null,
      signal: null,
      timedOut: false,
      cancelled: false,
      tail: [`kiln: ${logError}`],
      logError,
      started: false,
      waitedMs: 0
    };
  }
  let unwritten = "";
  const output = new OutputMasker(options.masker ?? new SecretMasker([]), (masked) => {
    if (!logError) unwritten += `${masked}
`;
    tail.push(truncateLine(masked, MAX_TAIL_LINE_BYTES));
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(masked);
  });
  const flush = () => {
    if (logError || unwritten === "") return;
    const bytes = Buffer.from(unwritten);
    unwritten = "";
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(log, bytes, written);
    } catch (error) {
      logError = logWriteError(options.logFile, error);
      terminate();
    }
  };
  const write = (stream, text) => {
    output.write(stream, text);
    flush();
  };
  const emit = (line) => write("kiln", `${line}
`);
  if (options.heading !== void 0) emit(options.heading);
  let timedOut = false;
  let cancelled = false;
  let killTimer;
  let timer;
  let started = false;
  let waitedMs = 0;
  const step = (options.spawner ?? stepSpawner()).start(
    { command: options.command, cwd: options.cwd, env: options.env, clear: options.clear },
    write,
    {
      lane: options.lane,
      onStart: (waited) => {
        started = true;
        waitedMs = waited;
        const deadline = Date.now() + options.timeoutMs;
        const arm = () => {
          const left = deadline - Date.now();
          if (left > MAX_TIMER_MS) {
            timer = setTimeout(arm, MAX_TIMER_MS);
            return;
          }
          timer = setTimeout(
            () => {
              timedOut = true;
              emit(`kiln: timed out after ${Math.round(options.timeoutMs / 1e3)} s; stopping the step`);
              terminate();
            },
            Math.max(0, left)
          );
        };
        arm();
        options.onStart?.();
      }
    }
  );
  function terminate() {
    step.kill("SIGTERM");
    killTimer ??= setTimeout(() => step.kill("SIGKILL"), options.killGraceMs ?? 5e3);
  }
  const onAbort = () => {
    cancelled = true;
    if (!started) terminate();
    else queueMicrotask(terminate);
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const exit = await step.exited;
  if (timer) clearTimeout(timer);
  if (killTimer) clearTimeout(killTimer);
  options.signal?.removeEventListener("abort", onAbort);
  output.end();
  if (exit.error) output.write("kiln", `kiln: ${exit.error}
`);
  if (exit.clearError) output.write("kiln", `kiln: ${exit.clearError}
`);
  if (exit.notStarted) output.write("kiln", `kiln: not started: ${exit.notStarted}
`);
  flush();
  closeSync(log);
  if (logError) tail.push(`kiln: ${logError}`);
  return {
    code: exit.error ? 127 : exit.code,
    signal: exit.signal,
    timedOut,
    cancelled,
    tail,
    ...logError ? { logError } : {},
    ...exit.error ? { runnerError: exit.error } : {},
    ...exit.clearError ? { clearError: exit.clearError } : {},
    ...exit.notStarted ? { notStarted: exit.notStarted } : {},
    started,
    waitedMs
  };
}

// src/run/step-helpers.ts
import { existsSync as existsSync2 } from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";
var found;
function stepHelpersDir() {
  if (found !== void 0) return found ?? void 0;
  found = null;
  let dir = path2.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync2(path2.join(dir, "helpers", "kiln.py"))) {
      found = path2.join(dir, "helpers");
      break;
    }
    dir = path2.dirname(dir);
  }
  return found ?? void 0;
}
function stepHelperEnv(base) {
  const dir = stepHelpersDir();
  if (!dir) return {};
  const pythonPath = base.PYTHONPATH ? `${dir}${path2.delimiter}${base.PYTHONPATH}` : dir;
  return { PYTHONPATH: pythonPath, KILN_HELPERS: dir };
}

// src/run/materialize.ts
async function outputFiles(root, output) {
  const absolute = path3.resolve(root, output);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    return void 0;
  }
  if (!info.isDirectory()) return { files: [output], links: [] };
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const relative = (e) => path3.relative(root, path3.join(e.parentPath, e.name)).split(path3.sep).join("/");
  return {
    files: entries.filter((e) => e.isFile()).map(relative).sort(),
    links: entries.filter((e) => e.isSymbolicLink()).map(relative).sort()
  };
}
async function containedOutputs(root, outputs, consequence) {
  const paths = [];
  for (const output of outputs) {
    const inside = await resolveInside(root, output);
    if (!inside.ok)
      return {
        ok: false,
        error: `refusing to clear or store output ${inside.file}: it ${inside.problem}, so ${consequence} (${inside.hint})`
      };
    paths.push(inside.path);
  }
  return { ok: true, paths };
}
function stepEnvironment(request, files) {
  const { project, asset, environment } = request;
  const base = request.baseEnv ?? process.env;
  let sources;
  const secretSources = () => {
    sources ??= declaredSecrets(project);
    return sources;
  };
  const env = request.stepBaseEnv ? { ...request.stepBaseEnv } : stepBaseEnvironment(base, secretSources());
  const missingSecrets = [];
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    if (typeof value === "object") {
      const secret = base[value.secret];
      if (!secret) missingSecrets.push(value.secret);
      else env[name] = secret;
    } else {
      env[name] = String(value);
    }
  }
  Object.assign(env, {
    KILN_ASSET: asset.name,
    KILN_ENV: environment,
    KILN_CONFIG: files.config,
    KILN_METRICS: files.metrics,
    KILN_SERIES: files.series,
    KILN_RUN_DIR: files.runDir,
    KILN_ROOT: project.root,
    ...stepHelperEnv(env)
  });
  return {
    env,
    masker: request.knownSecrets ?? knownSecretsMasker(base, secretSources()),
    missingSecrets
  };
}
function followProgress(request, file, config, masker) {
  const onProgress = request.onProgress;
  if (!onProgress) return void 0;
  const total = typeof config.epochs === "number" ? config.epochs : void 0;
  const primary = request.asset.metrics?.primary;
  return followSeries(
    file,
    (point) => onProgress(masker.mask(formatSeriesPoint(point, { total, primary }))),
    {
      intervalMs: request.progressIntervalMs
    }
  );
}
function recordedWarnings(notFinite2, warnings) {
  return {
    ...Object.keys(notFinite2).length > 0 ? { notFinite: notFinite2 } : {},
    ...warnings.length > 0 ? { warnings } : {}
  };
}
async function materialize(request) {
  const now = request.now ?? (() => /* @__PURE__ */ new Date());
  const { project, asset } = request;
  let started = now();
  const runDir = path3.join(
    request.runsDir,
    asset.name,
    `${compactTime(started)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  );
  makeStateDirSync(runDir);
  const config = request.provenance.config;
  const files = {
    runDir,
    config: configFile(path3.dirname(runDir), project.name, `${JSON.stringify(config, null, 2)}
`),
    metrics: path3.join(runDir, "metrics.json"),
    series: path3.join(runDir, "series.jsonl")
  };
  const logFile = path3.join(runDir, "log.txt");
  const { env, masker, missingSecrets } = stepEnvironment(request, files);
  let attempts = 0;
  let waitedMs = 0;
  let checks = [];
  let metrics = {};
  let notFinite2 = {};
  let warnings = [];
  const fail = async (status, error, tail2) => {
    const finished2 = now();
    const failure = await request.ledger.recordFailure({
      asset: asset.name,
      status,
      logicalVersion: request.logicalVersion,
      provenance: request.provenance,
      ...masker.maskDeep({
        error,
        logTail: tail2,
        checks,
        metrics,
        ...recordedWarnings(notFinite2, warnings)
      }),
      reasons: request.reasons,
      context: request.context,
      startedAt: started.toISOString(),
      finishedAt: finished2.toISOString(),
      durationMs: finished2.getTime() - started.getTime(),
      attempts
    });
    return { status, failure, logFile, waitedMs };
  };
  if (missingSecrets.length > 0) {
    const base = request.baseEnv ?? process.env;
    const pullRequest = inGitHubActions(base) && base.GITHUB_EVENT_NAME?.startsWith("pull_request") ? "; pull-request runs get no secret that only the prod environment's env names (and pull requests from forks get no secrets at all): a secret pull requests may use belongs in the asset's env" : "";
    return fail(
      "failed",
      `secret${missingSecrets.length > 1 ? "s" : ""} ${missingSecrets.join(", ")} not set: export ${missingSecrets[0]}=\u2026 locally, or add it under the repository's Actions secrets${pullRequest}`,
      []
    );
  }
  const restored = await restoreOutputs(project.root, request.dependencies, request.stores);
  if (!restored.ok) return fail("failed", restored.error, []);
  const declared = await containedOutputs(project.root, asset.outputs, "the step did not run");
  if (!declared.ok) return fail("failed", declared.error, []);
  let tail = [];
  const timedOut = `timed out after ${Math.round(asset.timeoutMs / 1e3)} s`;
  for (; ; ) {
    attempts++;
    if (attempts > 1)
      await Promise.all([rm(files.metrics, { force: true }), rm(files.series, { force: true })]);
    const follower = followProgress(request, files.series, config, masker);
    const result = await runStep({
      command: asset.run,
      cwd: project.root,
      env,
      timeoutMs: asset.timeoutMs,
      logFile,
      heading: attempts > 1 ? `kiln: attempt ${attempts} of ${asset.retries + 1}` : void 0,
      onLine: (line) => {
        request.onLine?.(line);
        void follower?.check();
      },
      signal: request.signal,
      masker,
      lane: request.stepLane,
      onStart: request.onStepStart,
      // The outputs are the step's to write, as `dvc repro` removes a stage's outs: bytes an
      // earlier failed run (or a killed pull) left there are never versioned as this run's, and a
      // step that writes nothing fails as "did not write its declared output". They are removed
      // when the step gets its turn, so a step cancelled while it waits leaves them in place.
      clear: declared.paths
    });
    follower?.stop();
    tail = result.tail;
    if (attempts === 1) {
      waitedMs = result.waitedMs;
      started = new Date(started.getTime() + waitedMs);
      if (result.cancelled && !result.started) return { status: "not-started", waitedMs };
      if (result.notStarted) return { status: "not-started", reason: result.notStarted, waitedMs };
    }
    if (result.notStarted)
      return fail("failed", `\`${asset.run}\` was not retried: ${result.notStarted}`, tail);
    if (result.cancelled) return fail("cancelled", "cancelled", tail);
    if (result.clearError)
      return fail("failed", `could not clear the outputs before the step: ${result.clearError}`, tail);
    if (result.logError) return fail("failed", result.logError, tail);
    if (result.code === 0 && !result.timedOut) break;
    const why = result.timedOut ? timedOut : result.runnerError ? `failed: ${result.runnerError}` : result.signal ? `killed by ${result.signal}` : `exited with code ${result.code}`;
    if (attempts > asset.retries) return fail("failed", `\`${asset.run}\` ${why}`, tail);
  }
  const readMetricsResult = await readMetrics(asset.name, files.metrics);
  if (!readMetricsResult.ok) return fail("failed", readMetricsResult.error, tail);
  metrics = masker.maskDeep(readMetricsResult.value.values);
  notFinite2 = masker.maskDeep(readMetricsResult.value.notFinite);
  const seriesWriter = new SeriesFileWriter(path3.join(runDir, "series.recorded.jsonl"));
  const preview = new SeriesPreview();
  let readSeriesResult;
  try {
    readSeriesResult = await streamSeries(asset.name, files.series, (point) => {
      const masked = masker.maskDeep(point);
      seriesWriter.add(masked);
      preview.add(masked);
    });
  } catch (error) {
    seriesWriter.abandon();
    throw error;
  }
  if (!readSeriesResult.ok) {
    seriesWriter.abandon();
    return fail("failed", readSeriesResult.error, tail);
  }
  const seriesSource = seriesWriter.close();
  warnings = masker.maskDeep([...readMetricsResult.value.warnings, ...readSeriesResult.value.warnings]);
  const stillInside = await containedOutputs(project.root, asset.outputs, "nothing was stored or recorded");
  if (!stillInside.ok) return fail("failed", stillInside.error, tail);
  const outputs = {};
  const missing = [];
  const links = [];
  for (const output of asset.outputs) {
    const found2 = await outputFiles(project.root, output);
    if (found2 === void 0) missing.push(output);
    else if (found2.files.length === 0 && found2.links.length === 0)
      missing.push(`${output} (an empty folder)`);
    else {
      links.push(...found2.links);
      for (const file of found2.files) outputs[file] = { blob: "", size: 0 };
    }
  }
  if (links.length > 0) {
    return fail(
      "failed",
      `the step left symbolic link${links.length > 1 ? "s" : ""} in its output folder, which Kiln cannot store (a version is the bytes of its files; a restored folder would lack ${links.length > 1 ? "them" : "it"}): ${links.join(", ")}; write the file itself there, or copy it (cp -L) instead of linking`,
      tail
    );
  }
  if (missing.length > 0) {
    return fail(
      "failed",
      `the step succeeded but did not write its declared output${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      tail
    );
  }
  checks = masker.maskDeep(
    await runChecks(asset.checks, {
      root: project.root,
      metrics,
      notFinite: notFinite2,
      runCommand: async (command) => {
        const result = await runStep({
          command,
          cwd: project.root,
          env,
          timeoutMs: asset.timeoutMs,
          logFile,
          masker,
          signal: request.signal,
          lane: request.stepLane,
          onStart: request.onStepStart
        });
        const code = result.code ?? 1;
        const stopped = result.logError ?? result.runnerError ?? result.notStarted;
        if (stopped) return { code, tail: stopped, stopped };
        if (result.timedOut) return { code, tail: timedOut, stopped: timedOut };
        return { code, tail: result.tail.slice(-3).join(" / ") };
      }
    })
  );
  if (request.signal?.aborted) return fail("cancelled", "cancelled", tail);
  const blocking = blockingFailures(checks);
  if (blocking.length > 0) {
    return fail(
      "failed",
      `blocking check failed: ${blocking.map((c) => `${c.name} (${c.message})`).join("; ")}`,
      tail
    );
  }
  let data;
  let locations;
  try {
    for (const file of Object.keys(outputs)) {
      const stored = await request.stores.putOutput(project.root, file);
      outputs[file] = { blob: stored.blob, size: stored.size };
    }
    data = dataVersion(outputs);
    locations = [{ kind: "local", ref: request.stores.local.description }];
    if (Object.keys(outputs).length > 0) {
      const expected = ((await headLogOf(request.ledger, asset.name)).versions.at(-1) ?? 0) + 1;
      locations.push(
        ...await request.stores.save(
          { asset: asset.name, version: expected, dataVersion: data, outputs, locations: [] },
          project.root,
          asset.store,
          // A cache entry an artifact or a release backs up: its failure is the record's warning.
          { warn: (message) => warnings.push(...masker.maskDeep([message])) }
        )
      );
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail("failed", `the outputs could not be stored, so no version was recorded: ${message}`, tail);
  }
  if (asset.promote && !request.promotionBlocker) request.ledger.refreshAliases?.(asset.name);
  const read = asset.promote ? await currentHolder(request.ledger, asset.name, asset.promote.alias) : void 0;
  const holder = request.promotionBlocker && read?.ok === false ? void 0 : read;
  const verdict = asset.promote ? decidePromotion({
    spec: asset.promote,
    metrics,
    notFinite: notFinite2,
    checks,
    holder: holder?.ok ? holder.holder : void 0,
    notAllowed: holder?.ok === false ? holder.error : request.promotionBlocker
  }) : void 0;
  const finished = now();
  crashPoint("after-store");
  const record = await request.ledger.recordMaterialization({
    asset: asset.name,
    status: "success",
    logicalVersion: request.logicalVersion,
    dataVersion: data,
    provenance: request.provenance,
    outputs,
    locations,
    metrics,
    series: [],
    seriesSource,
    ...seriesSource.points > 0 ? { seriesPreview: preview.preview() } : {},
    checks,
    ...recordedWarnings(notFinite2, warnings),
    reasons: request.reasons,
    promotion: verdict,
    context: request.context,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    attempts
  });
  crashPoint("after-record");
  try {
    if (holder?.ok === false) throw new LedgerDamaged(`v${record.version} was recorded, but ${holder.error}`);
    const promotion = asset.promote && verdict ? await promoteIfBetter({
      ledger: request.ledger,
      spec: asset.promote,
      record,
      verdict,
      blocker: request.promotionBlocker,
      by: request.context.actor ?? "kiln",
      run: request.context.runUrl ?? request.context.runId,
      at: now()
    }) : void 0;
    return { status: "success", record, promotion, logFile, waitedMs };
  } catch (error) {
    throw new AfterRecordError(record, error);
  }
}
var AfterRecordError = class extends Error {
  constructor(record, cause) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.record = record;
    this.name = "AfterRecordError";
  }
  record;
};

// src/run/dependency-views.ts
var DependencyViews = class {
  /** dependency → the data version its outputs hold now, and how many materializations read it. */
  held = /* @__PURE__ */ new Map();
  waiting = /* @__PURE__ */ new Set();
  /**
   * Holds `views` (dependency → data version) once none conflicts with a view held by another
   * materialization; resolves with the release, or undefined when `signal` aborts first.
   * `onWait` is told which dependency it waits for, once.
   */
  async hold(views, options = {}) {
    let told = false;
    for (; ; ) {
      if (options.signal?.aborted) return void 0;
      const conflict = [...views].find(([dep, dataVersion2]) => {
        const held = this.held.get(dep);
        return held !== void 0 && held.dataVersion !== dataVersion2;
      });
      if (!conflict) break;
      if (!told) options.onWait?.(conflict[0]);
      told = true;
      await new Promise((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          options.signal?.removeEventListener("abort", wake);
          resolve();
        };
        this.waiting.add(wake);
        options.signal?.addEventListener("abort", wake, { once: true });
      });
    }
    for (const [dep, dataVersion2] of views) {
      const held = this.held.get(dep);
      if (held) held.readers++;
      else this.held.set(dep, { dataVersion: dataVersion2, readers: 1 });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const dep of views.keys()) {
        const held = this.held.get(dep);
        if (--held.readers === 0) this.held.delete(dep);
      }
      for (const wake of [...this.waiting]) wake();
    };
  }
};

// src/run/executor.ts
async function execute(options) {
  const { project, planned, reporter } = options;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const outcomes = /* @__PURE__ */ new Map();
  const current = /* @__PURE__ */ new Map();
  const views = new DependencyViews();
  for (const [name, assessment] of options.assessments)
    if (assessment.latest) current.set(name, assessment.latest);
  const dataVersions = new Map(options.dataVersions);
  const queue = options.order.filter((name) => planned.has(name));
  const secretSources = queue.length > 0 ? declaredSecrets(project) : void 0;
  const stepBaseEnv = secretSources && stepBaseEnvironment(options.baseEnv ?? process.env, secretSources);
  const knownSecrets = secretSources && knownSecretsMasker(options.baseEnv ?? process.env, secretSources);
  if (queue.length > 0) stepSpawner().warm();
  const stepLane = stepSpawner().lane(options.jobs);
  for (const name of queue)
    reporter.update({ asset: name, state: "queued", detail: planned.get(name).join("; ") });
  const running = /* @__PURE__ */ new Map();
  const finish = (outcome, logFile) => {
    outcomes.set(outcome.asset, outcome);
    reporter.update({ asset: outcome.asset, state: outcome.outcome, detail: outcome.detail, logFile });
  };
  const notStarted = (name, why = "") => finish({
    asset: name,
    outcome: "cancelled",
    reasons: planned.get(name),
    detail: `not started: the run was cancelled${why}`,
    durationMs: 0
  });
  const notMaterialized = (dep) => {
    const done = outcomes.get(dep);
    if (done && (done.outcome === "failed" || done.outcome === "cancelled" || done.outcome === "skipped"))
      return done.outcome === "skipped" ? "was skipped" : done.outcome;
    return void 0;
  };
  const blockedBy = (name) => {
    const asset = project.assets.get(name);
    for (const dep of asset.deps) {
      if (asset.depAliases[dep] !== void 0) continue;
      const ended = notMaterialized(dep);
      if (ended) return `dependency ${dep} ${ended}`;
    }
    return void 0;
  };
  const ready = (name) => project.assets.get(name).deps.every((dep) => !planned.has(dep) || outcomes.has(dep) && !running.has(dep));
  const experimentOf = (name, deps) => {
    const overrides = options.overrides;
    if (!overrides || overrides.texts.length === 0) return void 0;
    if (!overrides.byAsset.has(name) && !deps.some(isExperiment)) return void 0;
    return { overrides: overrides.texts };
  };
  const failDecided = async (name, attempt, detail) => {
    const asset = project.assets.get(name);
    const reasons = planned.get(name);
    const assessment = attempt.assessment ?? options.assessments.get(name);
    const known = attempt.assessment?.logicalVersion && attempt.assessment.provenance;
    const deps = {};
    for (const [dep, version] of Object.entries(attempt.depVersions))
      deps[dependencyRef(asset, dep)] = version;
    const experiment = experimentOf(name, attempt.depRecords);
    const finished = now();
    let failure;
    let note = "";
    try {
      failure = await options.ledger.recordFailure({
        asset: name,
        status: "failed",
        logicalVersion: known ? attempt.assessment.logicalVersion : "",
        provenance: known ? attempt.assessment.provenance : { ...assessment.base, deps },
        error: detail,
        logTail: [],
        checks: [],
        metrics: {},
        reasons,
        context: {
          ...options.context,
          ...assessment.dirty ? { dirty: true } : {},
          ...experiment ? { experiment } : {}
        },
        startedAt: new Date(attempt.started).toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: finished.getTime() - attempt.started,
        attempts: 0
      });
    } catch (error) {
      note = ` (the failure could not be recorded in the ledger: ${error instanceof Error ? error.message : String(error)})`;
    }
    finish({
      asset: name,
      outcome: "failed",
      reasons,
      detail: `${detail}${note}`,
      failure,
      durationMs: finished.getTime() - attempt.started
    });
  };
  const runOne = async (name) => {
    const attempt = { started: now().getTime(), depVersions: {}, depRecords: [] };
    try {
      await attemptOne(name, attempt);
    } catch (error) {
      if (outcomes.has(name)) return;
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof AfterRecordError)) return failDecided(name, attempt, message);
      finish({ asset: name, outcome: "failed", reasons: planned.get(name), detail: message, durationMs: 0 });
    }
  };
  const attemptOne = async (name, attempt) => {
    const asset = project.assets.get(name);
    const reasons = planned.get(name);
    const started = attempt.started;
    const { depVersions, depRecords } = attempt;
    for (const dep of asset.deps) {
      if (asset.depAliases[dep] !== void 0) {
        const read = await dependencyRecord({ ledger: options.ledger, asset, dep, current: void 0 });
        if (!read.ok) {
          const ended = notMaterialized(dep);
          const elsewhere = options.heldBackElsewhere?.has(dep) || dataVersions.get(dep) === void 0 && options.runElsewhere?.has(dep);
          if (ended || elsewhere) {
            const why = read.reason.replace(/^dependency /, "");
            finish({
              asset: name,
              outcome: "skipped",
              reasons,
              detail: ended ? `skipped: dependency ${dep} ${ended}, and ${why}` : `${ranElsewhereDetail(dep)}, and ${why}`,
              durationMs: 0
            });
            return;
          }
          await failDecided(
            name,
            attempt,
            `${read.reason}: promote a version of ${dep} (\`kiln promote ${dep} vN\`) or let a better one win`
          );
          return;
        }
        depVersions[dep] = read.record.dataVersion;
        depRecords.push(read.record);
        continue;
      }
      const version = dataVersions.get(dep);
      if (options.heldBackElsewhere?.has(dep) || version === void 0 && options.runElsewhere?.has(dep)) {
        finish({
          asset: name,
          outcome: "skipped",
          reasons,
          detail: ranElsewhereDetail(dep),
          durationMs: 0
        });
        return;
      }
      const present = version === void 0 && options.readCurrent?.get(name)?.has(dep) ? current.get(dep) : void 0;
      if (present) {
        depVersions[dep] = present.dataVersion;
        depRecords.push(present);
        continue;
      }
      if (version === void 0) {
        const stale = options.assessments.get(dep);
        await failDecided(
          name,
          attempt,
          project.sources.has(dep) ? `source ${dep} is unavailable: its observe command failed (see \`kiln status\`)` : stale?.latest ? `dependency ${dep} is ${stale.status} (${stale.reasons.join("; ")}): run \`kiln run +${name}\` to build it first` : `dependency ${dep} has never been materialized: run \`kiln run +${name}\` to build it first`
        );
        return;
      }
      depVersions[dep] = version;
      const record = current.get(dep);
      if (record && project.assets.has(dep)) depRecords.push(record);
    }
    const requested = options.requested.has(name);
    const atPlan = options.assessments.get(name);
    const assessment = requested ? { status: atPlan.status, reasons: atPlan.reasons, ...options.versionAt(name, depVersions) } : await options.reassess(name, depVersions);
    attempt.assessment = assessment;
    if (!requested && assessment.status === "fresh" && assessment.latest) {
      const restored = await restoreOutputs(project.root, [assessment.latest], options.stores);
      finish({
        asset: name,
        outcome: "fresh",
        reasons,
        detail: `fresh at v${assessment.latest.version}: upstream data unchanged (early cutoff)${!restored.ok ? `; its outputs were not restored here: ${restored.error}` : restored.restored.length ? `; restored ${restored.restored.length} output(s) from ${restored.from.join(", ")}` : ""}`,
        record: assessment.latest,
        durationMs: now().getTime() - started
      });
      current.set(name, assessment.latest);
      dataVersions.set(name, assessment.latest.dataVersion);
      return;
    }
    const held = requested ? void 0 : options.notRetried?.(name, assessment);
    if (held) {
      finish({ asset: name, outcome: "skipped", reasons, detail: held, durationMs: 0 });
      return;
    }
    const { logicalVersion, provenance } = assessment;
    if (!logicalVersion || !provenance) {
      throw new Error(`bug: ${name} has no logical version although every dependency has a data version`);
    }
    const experiment = experimentOf(name, depRecords);
    let shownRunning = false;
    const release = await views.hold(new Map(depRecords.map((r) => [r.asset, r.dataVersion])), {
      signal: options.signal,
      onWait: (dep) => reporter.update({
        asset: name,
        state: "queued",
        detail: `waits while another asset reads a different version of ${dep}`
      })
    });
    if (!release) return notStarted(name);
    const locked = await withAssetLock(
      path4.join(kilnDir(project.root), "locks", project.name),
      name,
      () => materialize({
        project,
        asset,
        environment: options.environment,
        logicalVersion,
        provenance,
        reasons,
        dependencies: depRecords,
        ledger: options.ledger,
        stores: options.stores,
        context: {
          ...options.context,
          ...assessment.dirty ? { dirty: true } : {},
          ...experiment ? { experiment } : {}
        },
        promotionBlocker: experiment ? `experiments never promote (config set for this run: ${experiment.overrides.join(" ")})` : options.promotionBlocker(name),
        runsDir: options.runsDir,
        stepLane,
        // Shown as running once its step has started, not while it waits for its turn.
        onStepStart: () => {
          if (!shownRunning) reporter.update({ asset: name, state: "running", detail: reasons.join("; ") });
          shownRunning = true;
        },
        signal: options.signal,
        onLine: (line) => reporter.line(name, line),
        onProgress: (text) => reporter.progress(name, text),
        baseEnv: options.baseEnv,
        stepBaseEnv,
        knownSecrets,
        now
      }),
      {
        holder: "run",
        onWait: (message) => reporter.update({ asset: name, state: "queued", detail: message }),
        signal: options.signal
      }
    ).finally(release);
    if (locked === void 0)
      return notStarted(name, ` while it waited for ${name}'s lock in this workspace`);
    const result = locked;
    const durationMs = now().getTime() - started - (result.waitedMs ?? 0);
    if (result.status === "not-started")
      return result.reason ? finish({
        asset: name,
        outcome: "cancelled",
        reasons,
        detail: `not started: ${result.reason}; nothing was recorded, so the next run runs it`,
        durationMs: 0
      }) : notStarted(name);
    if (result.status === "success") {
      current.set(name, result.record);
      dataVersions.set(name, result.record.dataVersion);
      const promotion = result.promotion;
      const promoted = promotion?.moved ? `; ${promotion.verdict.alias} \u2192 v${result.record.version}` : "";
      finish(
        {
          asset: name,
          outcome: "success",
          reasons,
          detail: `v${result.record.version}${promoted}`,
          record: result.record,
          promotion,
          logFile: result.logFile,
          durationMs
        },
        result.logFile
      );
    } else {
      finish(
        {
          asset: name,
          outcome: result.status,
          reasons,
          detail: result.failure.error,
          failure: result.failure,
          logFile: result.logFile,
          durationMs
        },
        result.logFile
      );
    }
  };
  const jobs = Math.max(1, options.jobs);
  const inFlight = jobs + Math.max(jobs, PREPARED_AHEAD);
  const pending = [...queue];
  while (pending.length > 0 || running.size > 0) {
    if (options.signal?.aborted) {
      for (const name of pending.splice(0)) notStarted(name);
    }
    for (let i = 0; i < pending.length && running.size < inFlight; ) {
      const name = pending[i];
      if (!ready(name)) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      const blocked = blockedBy(name);
      if (blocked) {
        finish({
          asset: name,
          outcome: "skipped",
          reasons: planned.get(name),
          detail: `skipped: ${blocked}`,
          durationMs: 0
        });
        continue;
      }
      const task = runOne(name).finally(() => running.delete(name));
      running.set(name, task);
    }
    if (running.size === 0) {
      if (pending.length > 0) throw new Error(`bug: nothing runnable among ${pending.join(", ")}`);
      break;
    }
    await Promise.race(running.values());
  }
  reporter.close();
  return { outcomes, cancelled: options.signal?.aborted ?? false };
}
function ranElsewhereDetail(dep) {
  return `its dependency ${dep} was to run in this run but did not materialize (it failed or was skipped)`;
}
var PREPARED_AHEAD = 8;
export {
  execute
};
