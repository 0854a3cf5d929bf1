import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  LedgerDamaged,
  currentHolder,
  decidePromotion,
  promoteIfBetter
} from "./chunk-DC3BSPVV.js";
import {
  restoreOutputs
} from "./chunk-CJQU3OYL.js";
import {
  stepSpawner
} from "./chunk-TS6SFL6F.js";
import {
  MAX_TAIL_LINE_BYTES,
  OutputMasker,
  SecretMasker,
  truncateLine
} from "./chunk-PJYQWEWX.js";
import {
  formatSeriesPoint
} from "./chunk-WPTI7ZND.js";
import {
  dataVersion,
  dependencyRecord
} from "./chunk-JRC6O52L.js";
import {
  formatNumber
} from "./chunk-XU6IXT4T.js";
import {
  SeriesFileWriter,
  crashPoint,
  headLogOf,
  isExperiment
} from "./chunk-5G3UPGP5.js";
import "./chunk-PNMKFYGG.js";
import {
  METRIC_EXPRESSION
} from "./chunk-SWEOUD43.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-4HTCWRU5.js";
import {
  resolveInside
} from "./chunk-YT4HA7MX.js";
import {
  declaredSecrets,
  dependencyRef,
  resolveEnv
} from "./chunk-MKBDC2EO.js";
import "./chunk-ND42QLZU.js";
import "./chunk-GR2CBACB.js";
import "./chunk-HX4NHBDN.js";
import {
  unreportedMetric
} from "./chunk-DYEOWQQP.js";
import "./chunk-VXXK3PCW.js";
import {
  kilnDir,
  makeStateDirSync
} from "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/run/executor.ts
import path5 from "node:path";

// src/run/materialize.ts
import { writeFileSync } from "node:fs";
import { readdir, rm, stat as stat2 } from "node:fs/promises";
import path3 from "node:path";

// src/run/json-syntax.ts
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
var LITERALS = ["true", "false", "null", "NaN", "Infinity", "-Infinity"];
var ESCAPES = /* @__PURE__ */ new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
function position(text, offset, problem) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, problem };
}
function scanString(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 32) return { at: i, problem: "a control character (a raw line break or tab) inside a string" };
    if (code === 92) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { at: i, problem: "a \\u escape without four hex digits" };
        i += 5;
      } else if (next !== void 0 && ESCAPES.has(next)) i++;
      else return { at: i, problem: "an invalid escape inside a string" };
    }
  }
  return { at: start, problem: "a string that is never closed" };
}
function locateJsonError(text) {
  const stack = [];
  let expect = "value";
  let i = 0;
  const fail = (at, problem) => position(text, at, problem);
  const afterValue = () => {
    expect = stack.length > 0 ? "comma-or-close" : "done";
  };
  for (; ; ) {
    while (i < text.length && " 	\n\r".includes(text[i])) i++;
    if (i >= text.length) {
      if (expect === "done") return void 0;
      const open2 = stack.at(-1);
      return fail(
        i,
        open2 ? `the text ends inside an ${open2 === "{" ? "object" : "array"} that is never closed` : "no JSON value"
      );
    }
    const c = text[i];
    switch (expect) {
      case "done":
        return fail(i, "more text after the JSON value (one value per file, or per line for KILN_SERIES)");
      case "colon":
        if (c !== ":") return fail(i, "expected ':' after a property name");
        i++;
        expect = "value";
        continue;
      case "comma-or-close": {
        const open2 = stack.at(-1);
        const close = open2 === "{" ? "}" : "]";
        if (c === ",") {
          i++;
          expect = open2 === "{" ? "key" : "value";
        } else if (c === close) {
          stack.pop();
          i++;
          afterValue();
        } else return fail(i, `expected ',' or '${close}'`);
        continue;
      }
      case "key-or-}":
      case "key": {
        if (c === "}" && expect === "key-or-}") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c !== '"')
          return fail(
            i,
            expect === "key" && c === "}" ? "a trailing comma before '}'" : "expected a property name in double quotes"
          );
        const end = scanString(text, i);
        if (typeof end !== "number") return fail(end.at, end.problem);
        i = end;
        expect = "colon";
        continue;
      }
      case "value-or-]":
      case "value": {
        if (c === "]" && expect === "value-or-]") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          expect = c === "{" ? "key-or-}" : "value-or-]";
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== "number") return fail(end.at, end.problem);
          i = end;
          afterValue();
          continue;
        }
        const literal = LITERALS.find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          afterValue();
          continue;
        }
        if (c === "]" || c === "}")
          return fail(
            i,
            c === "]" && stack.at(-1) === "[" ? "a trailing comma before ']'" : "a closing bracket where a value belongs"
          );
        return fail(
          i,
          "not a JSON value (strings need double quotes; numbers, true, false, null, NaN or Infinity)"
        );
      }
    }
  }
}

// src/run/checks.ts
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
function parseMetricExpression(text) {
  const match = METRIC_EXPRESSION.exec(text);
  if (!match) return void 0;
  return { metric: match[1], op: match[2], value: Number(match[3]) };
}
function compare(left, op, right) {
  switch (op) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
}
function result(check, passed, message) {
  return { name: check.name, kind: check.kind, blocking: check.blocking, passed, message };
}
async function metricCheck(check, env) {
  const expression = parseMetricExpression(check.expression);
  if (!expression)
    return result(check, false, `cannot read "${check.expression}": write NAME OP NUMBER, e.g. mae < 70`);
  const actual = env.metrics[expression.metric];
  if (actual === void 0) {
    const notFinite2 = env.notFinite?.[expression.metric];
    if (notFinite2) return result(check, false, `metric ${expression.metric} is ${notFinite2}, not a number`);
    return result(check, false, unreportedMetric(expression.metric, Object.keys(env.metrics)));
  }
  const passed = compare(actual, expression.op, expression.value);
  const shown = formatNumber(actual, expression.value);
  return result(
    check,
    passed,
    `${expression.metric} = ${shown} ${passed ? "" : "not "}${expression.op} ${expression.value}`
  );
}
async function outputCheck(check, env) {
  const file = path.resolve(env.root, check.path);
  let size;
  try {
    const info = await stat(file);
    size = info.isDirectory() ? 1 : info.size;
  } catch {
    return result(check, false, `${check.path} does not exist`);
  }
  if (size === 0) return result(check, false, `${check.path} is empty`);
  if (!check.jsonSchema) return result(check, true, `${check.path} exists (${size} bytes)`);
  const schema = await readJson(path.resolve(env.root, check.jsonSchema));
  if (!schema.ok) return result(check, false, `cannot read JSON Schema ${check.jsonSchema}: ${schema.error}`);
  const data = await readJson(file);
  if (!data.ok) return result(check, false, `${check.path} is not JSON: ${data.error}`);
  let validate;
  try {
    const { Ajv2020 } = (await import("./2020-W2ENLT2N.js")).default;
    validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema.value);
  } catch (error) {
    return result(
      check,
      false,
      `${check.jsonSchema} is not a valid JSON Schema: ${error.message}`
    );
  }
  if (validate(data.value)) return result(check, true, `${check.path} matches ${check.jsonSchema}`);
  const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
  return result(check, false, `${check.path} does not match ${check.jsonSchema}: ${problems}`);
}
async function readJson(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = error.code;
    return { ok: false, error: code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const where = locateJsonError(text);
    return {
      ok: false,
      error: where ? `line ${where.line}, column ${where.column}: ${where.problem}` : "not valid JSON"
    };
  }
}
async function commandCheck(check, env) {
  const { code, tail } = await env.runCommand(check.command);
  const suffix = tail ? `: ${tail}` : "";
  return result(check, code === 0, code === 0 ? "exit code 0" : `exit code ${code}${suffix}`);
}
async function runChecks(checks, env) {
  const results = [];
  for (const check of checks) {
    if (check.kind === "metric") results.push(await metricCheck(check, env));
    else if (check.kind === "output") results.push(await outputCheck(check, env));
    else results.push(await commandCheck(check, env));
  }
  return results;
}
function blockingFailures(results) {
  return results.filter((r) => r.blocking && !r.passed);
}

// src/run/metrics.ts
import { createReadStream, existsSync, openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
async function readOptional(file) {
  if (!existsSync(file)) return void 0;
  try {
    return readFileSync(file, "utf8");
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
function parseStepJson(text) {
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
  const result2 = { values: {}, notFinite: {}, warnings: [] };
  if (text === void 0 || text.trim() === "") return { ok: true, value: result2 };
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
      result2.values[name] = value;
      continue;
    }
    result2.notFinite[name] = notFinite(value);
    result2.warnings.push(
      `metric ${name} is ${raw === null ? "null (JSON.stringify's NaN)" : notFinite(value)}: recorded as not-a-number (a check on it fails; it never wins a promotion)`
    );
  }
  return { ok: true, value: result2 };
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
      logError
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
  let timedOut = false;
  let cancelled = false;
  let killTimer;
  let timer;
  const step = (options.spawner ?? stepSpawner()).start(
    { command: options.command, cwd: options.cwd, env: options.env },
    write,
    {
      lane: options.lane,
      onStart: () => {
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
    terminate();
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
    ...exit.error ? { runnerError: exit.error } : {}
  };
}

// src/run/step-environment.ts
var ACTIONS_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "HOSTNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "TMPDIR",
  "TMP",
  "TEMP",
  "CI",
  // Toolchains set by the runner image or `setup` steps (actions/setup-python, conda, CUDA images).
  "pythonLocation",
  "PYTHONPATH",
  "PYTHONUNBUFFERED",
  "PYTHONHASHSEED",
  "VIRTUAL_ENV",
  "LD_LIBRARY_PATH",
  "PKG_CONFIG_PATH",
  "ImageOS",
  "ImageVersion",
  "AGENT_TOOLSDIRECTORY",
  "DEBIAN_FRONTEND"
]);
var ACTIONS_PATTERN = /^(LC_\w+|RUNNER_\w+|GITHUB_\w+|XDG_\w+|CONDA\w*|MAMBA\w*|CUDA_\w+|NVIDIA_\w+|PIP_\w+|UV_\w+|OMP_\w+|MKL_\w+|\w+_HOME|\w+_ROOT(_DIR)?)$/;
var ACTIONS_DENIED = /* @__PURE__ */ new Set([
  "GITHUB_TOKEN",
  "GITHUB_OUTPUT",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_ACTION_PATH"
]);
var CREDENTIAL_NAME = /TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH|WEBHOOK/i;
var KILN_CREDENTIALS = /* @__PURE__ */ new Set(["KILN_SLACK_WEBHOOK"]);
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function passesToStep(name, inActions) {
  if (KILN_CREDENTIALS.has(name)) return false;
  if (!inActions) return true;
  if (ACTIONS_DENIED.has(name) || CREDENTIAL_NAME.test(name)) return false;
  return ACTIONS_NAMES.has(name) || ACTIONS_PATTERN.test(name);
}
function stepBaseEnvironment(base, secretSources) {
  const inActions = inGitHubActions(base);
  const env = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === void 0 || secretSources.has(name)) continue;
    if (passesToStep(name, inActions)) env[name] = value;
  }
  return env;
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
function compactTime(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
async function outputFiles(root, output) {
  const absolute = path3.resolve(root, output);
  let info;
  try {
    info = await stat2(absolute);
  } catch {
    return void 0;
  }
  if (!info.isDirectory()) return [output];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path3.relative(root, path3.join(e.parentPath, e.name)).split(path3.sep).join("/")).sort();
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
  const env = request.stepBaseEnv ? { ...request.stepBaseEnv } : stepBaseEnvironment(base, declaredSecrets(project));
  const secrets = [];
  const missingSecrets = [];
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    if (typeof value === "object") {
      const secret = base[value.secret];
      if (!secret) missingSecrets.push(value.secret);
      else {
        env[name] = secret;
        secrets.push(secret);
      }
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
  return { env, masker: new SecretMasker(secrets), missingSecrets };
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
  const started = now();
  const runDir = path3.join(
    request.runsDir,
    asset.name,
    `${compactTime(started)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  );
  makeStateDirSync(runDir);
  const files = {
    runDir,
    config: path3.join(runDir, "config.json"),
    metrics: path3.join(runDir, "metrics.json"),
    series: path3.join(runDir, "series.jsonl")
  };
  const logFile = path3.join(runDir, "log.txt");
  const config = request.provenance.config;
  writeFileSync(files.config, `${JSON.stringify(config, null, 2)}
`);
  const { env, masker, missingSecrets } = stepEnvironment(request, files);
  let attempts = 0;
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
    return { status, failure, logFile };
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
    if (attempts > 1) request.onLine?.(`kiln: attempt ${attempts} of ${asset.retries + 1}`);
    if (attempts > 1)
      await Promise.all([rm(files.metrics, { force: true }), rm(files.series, { force: true })]);
    await Promise.all(declared.paths.map((p) => rm(p, { recursive: true, force: true })));
    const follower = followProgress(request, files.series, config, masker);
    const result2 = await runStep({
      command: asset.run,
      cwd: project.root,
      env,
      timeoutMs: asset.timeoutMs,
      logFile,
      onLine: (line) => {
        request.onLine?.(line);
        void follower?.check();
      },
      signal: request.signal,
      masker,
      lane: request.stepLane,
      onStart: request.onStepStart
    });
    follower?.stop();
    tail = result2.tail;
    if (result2.cancelled) return fail("cancelled", "cancelled", tail);
    if (result2.logError) return fail("failed", result2.logError, tail);
    if (result2.code === 0 && !result2.timedOut) break;
    const why = result2.timedOut ? timedOut : result2.runnerError ? `failed: ${result2.runnerError}` : result2.signal ? `killed by ${result2.signal}` : `exited with code ${result2.code}`;
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
  for (const output of asset.outputs) {
    const found2 = await outputFiles(project.root, output);
    if (found2 === void 0) missing.push(output);
    else for (const file of found2) outputs[file] = { blob: "", size: 0 };
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
        const result2 = await runStep({
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
        const error = result2.logError ?? result2.runnerError;
        if (error) return { code: result2.code ?? 1, tail: error };
        if (result2.timedOut) return { code: result2.code ?? 1, tail: timedOut };
        return { code: result2.code ?? 1, tail: result2.tail.slice(-3).join(" / ") };
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
      const stored = await request.stores.local.put(path3.resolve(project.root, file));
      outputs[file] = { blob: stored.blob, size: stored.size };
    }
    data = dataVersion(outputs);
    const expected = ((await headLogOf(request.ledger, asset.name)).versions.at(-1) ?? 0) + 1;
    locations = [
      { kind: "local", ref: request.stores.local.description },
      ...await request.stores.save(
        { asset: asset.name, version: expected, dataVersion: data, outputs, locations: [] },
        project.root,
        asset.store
      )
    ];
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
    return { status: "success", record, promotion, logFile };
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

// src/run/workspace-lock.ts
import { randomUUID } from "node:crypto";
import { openSync as openSync3, readFileSync as readFileSync2, unlinkSync, writeFileSync as writeFileSync2, closeSync as closeSync2 } from "node:fs";
import os from "node:os";
import path4 from "node:path";
var POLL_MS = 100;
function readHolder(file) {
  try {
    const holder = JSON.parse(readFileSync2(file, "utf8"));
    return typeof holder.pid === "number" && typeof holder.host === "string" && typeof holder.token === "string" ? holder : void 0;
  } catch {
    return void 0;
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function tryTake(file, holder) {
  let fd;
  try {
    fd = openSync3(file, "wx");
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
  try {
    writeFileSync2(fd, JSON.stringify(holder));
  } finally {
    closeSync2(fd);
  }
  return true;
}
function removeIfAbandoned(file, seen, unreadableBefore) {
  const holder = readHolder(file);
  const abandoned = holder === void 0 ? unreadableBefore && seen === void 0 : holder.host === os.hostname() && !alive(holder.pid) && holder.token === seen?.token;
  if (!abandoned) return false;
  try {
    unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  return true;
}
async function withAssetLock(locksDir, asset, work, wait = {}) {
  makeStateDirSync(locksDir);
  const file = path4.join(locksDir, `${asset}.lock`);
  const me = { pid: process.pid, host: os.hostname(), token: randomUUID() };
  let told = false;
  let unreadable = false;
  while (!tryTake(file, me)) {
    if (wait.signal?.aborted) return void 0;
    const holder = readHolder(file);
    if (removeIfAbandoned(file, holder, unreadable)) continue;
    unreadable = holder === void 0;
    if (!told && holder) {
      told = true;
      const where = holder.host === os.hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
      wait.onWait?.(
        `kiln: waiting for another kiln run (${where}) that is materializing ${asset} in this workspace`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    if (readHolder(file)?.token === me.token) unlinkSync(file);
  }
}

// src/run/executor.ts
async function execute(options) {
  const { project, planned, reporter } = options;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const outcomes = /* @__PURE__ */ new Map();
  const current = /* @__PURE__ */ new Map();
  for (const [name, assessment] of options.assessments)
    if (assessment.latest) current.set(name, assessment.latest);
  const dataVersions = new Map(options.dataVersions);
  const queue = options.order.filter((name) => planned.has(name));
  const stepBaseEnv = queue.length > 0 ? stepBaseEnvironment(options.baseEnv ?? process.env, declaredSecrets(project)) : void 0;
  if (queue.length > 0) stepSpawner().warm();
  const stepLane = stepSpawner().lane(options.jobs);
  for (const name of queue)
    reporter.update({ asset: name, state: "queued", detail: planned.get(name).join("; ") });
  const running = /* @__PURE__ */ new Map();
  const finish = (outcome, logFile) => {
    outcomes.set(outcome.asset, outcome);
    reporter.update({ asset: outcome.asset, state: outcome.outcome, detail: outcome.detail, logFile });
  };
  const blockedBy = (name) => {
    for (const dep of project.assets.get(name).deps) {
      const done = outcomes.get(dep);
      if (done && (done.outcome === "failed" || done.outcome === "cancelled" || done.outcome === "skipped")) {
        return `dependency ${dep} ${done.outcome === "skipped" ? "was skipped" : done.outcome}`;
      }
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
      const restored = await restoreOutputs(project.root, [assessment.latest], options.stores, {
        verify: false
      });
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
    const locked = await withAssetLock(
      path5.join(kilnDir(project.root), "locks", project.name),
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
        now
      }),
      {
        onWait: (message) => reporter.update({ asset: name, state: "queued", detail: message }),
        signal: options.signal
      }
    );
    if (locked === void 0) {
      finish({
        asset: name,
        outcome: "cancelled",
        reasons,
        detail: "not started: the run was cancelled while it waited for another kiln run",
        durationMs: 0
      });
      return;
    }
    const result2 = locked;
    const durationMs = now().getTime() - started;
    if (result2.status === "success") {
      current.set(name, result2.record);
      dataVersions.set(name, result2.record.dataVersion);
      const promotion = result2.promotion;
      const promoted = promotion?.moved ? `; ${promotion.verdict.alias} \u2192 v${result2.record.version}` : "";
      finish(
        {
          asset: name,
          outcome: "success",
          reasons,
          detail: `v${result2.record.version}${promoted}`,
          record: result2.record,
          promotion,
          logFile: result2.logFile,
          durationMs
        },
        result2.logFile
      );
    } else {
      finish(
        {
          asset: name,
          outcome: result2.status,
          reasons,
          detail: result2.failure.error,
          failure: result2.failure,
          logFile: result2.logFile,
          durationMs
        },
        result2.logFile
      );
    }
  };
  const inFlight = 2 * Math.max(1, options.jobs);
  const pending = [...queue];
  while (pending.length > 0 || running.size > 0) {
    if (options.signal?.aborted) {
      for (const name of pending.splice(0)) {
        finish({
          asset: name,
          outcome: "cancelled",
          reasons: planned.get(name),
          detail: "not started: the run was cancelled",
          durationMs: 0
        });
      }
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
export {
  execute
};
