import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  failureHolds,
  handledFailureFact,
  minuteTime,
  notRetriedMessage,
  retryAt,
  tickClock
} from "./chunk-7N3FU4S7.js";
import {
  previousTick,
  runLedgerView
} from "./chunk-TVBXDYJF.js";
import {
  assessProject,
  dependencyRecord
} from "./chunk-GCS3BNMZ.js";
import {
  LedgerDamaged,
  completeInterruptedPromotions,
  currentHolder,
  decidePromotion,
  promoteCurrentVersion,
  promoteIfBetter
} from "./chunk-Y33LDR5M.js";
import {
  assetPromotionBlocker,
  dataVersion,
  workspaceLineage
} from "./chunk-N5HPWT7C.js";
import {
  RECORD_SCHEMA,
  SeriesFileWriter,
  crashPoint,
  isExperiment
} from "./chunk-JAI5KS4O.js";
import {
  formatSeriesPoint
} from "./chunk-HMPS2V6G.js";
import {
  formatNumber
} from "./chunk-CV3KGLCG.js";
import {
  select
} from "./chunk-CX3NDJYI.js";
import {
  METRIC_EXPRESSION,
  declaredSecrets,
  dependencyRef,
  resolveEnv,
  unreportedMetric
} from "./chunk-GW6L3DRJ.js";
import {
  ignoreKilnDir,
  kilnDir,
  makeStateDirSync,
  resolveInside
} from "./chunk-JKHZKIAG.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/run/restore.ts
init_define_KILN_SITE_CLIENT();
async function restoreOutputs(root, records, stores, options = {}) {
  const restored = [];
  const from = [];
  for (const record of records) {
    const result2 = await stores.restore(root, record, options);
    if (!result2.ok) return result2;
    restored.push(...result2.restored);
    if (result2.from && !from.includes(result2.from.description)) from.push(result2.from.description);
  }
  return { ok: true, restored, from };
}
async function restoreFreshAssets(root, records, stores) {
  const results = [];
  for (const record of records) {
    const result2 = await stores.restore(root, record, { verify: false });
    results.push(
      result2.ok ? {
        asset: record.asset,
        version: record.version,
        restored: result2.restored,
        from: result2.from ? [result2.from.description] : []
      } : { asset: record.asset, version: record.version, restored: [], from: [], error: result2.error }
    );
  }
  return results;
}

// src/run/step-spawner.ts
init_define_KILN_SITE_CLIENT();
import { spawn } from "node:child_process";
var SPAWNER_SOURCE = String.raw`// kiln step spawner (src/run/step-spawner.ts)
"use strict";
const { spawn } = require("node:child_process");
const GRACE_MS = Number(process.argv[1]) || 5000;
const steps = new Map();
let buffered = "";
let parentGone = false;
function send(message) {
  if (parentGone) return;
  try {
    process.stdout.write(JSON.stringify(message) + "\n");
  } catch {
    stopAll();
  }
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {}
}
function start(request) {
  let child;
  try {
    child = spawn("/bin/sh", ["-c", request.command], {
      cwd: request.cwd,
      env: request.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
  } catch (error) {
    send({ id: request.id, code: null, signal: null, error: error.message });
    return;
  }
  let error;
  let done = false;
  const finish = (code, signal) => {
    if (done) return;
    done = true;
    steps.delete(request.id);
    // A background process the step left behind still holds the group: end it with the step.
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    send({ id: request.id, code, signal, ...(error ? { error } : {}) });
    if (parentGone && steps.size === 0) process.exit(0);
  };
  child.on("error", (e) => {
    error = e.message;
    // Too many open files: Node emits no close for a child it could not give pipes to.
    if (child.pid === undefined && (e.code === "EMFILE" || e.code === "ENFILE")) finish(null, null);
  });
  child.on("close", (code, signal) => finish(code, signal));
  if (child.pid === undefined) return;
  steps.set(request.id, child);
  send({ id: request.id, pid: child.pid });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (data) => send({ id: request.id, stream: "stdout", data }));
  child.stderr.on("data", (data) => send({ id: request.id, stream: "stderr", data }));
}
// Kiln is gone (it exited, crashed or was killed): stop its steps, as Kiln would on a cancel.
function stopAll() {
  if (parentGone) return;
  parentGone = true;
  if (steps.size === 0) process.exit(0);
  for (const child of steps.values()) killGroup(child.pid, "SIGTERM");
  setTimeout(() => {
    for (const child of steps.values()) killGroup(child.pid, "SIGKILL");
    process.exit(0);
  }, GRACE_MS);
}
process.stdout.on("error", stopAll);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    start(JSON.parse(line));
  }
});
process.stdin.on("end", stopAll);
process.stdin.on("error", stopAll);
// Terminal signals reach Kiln, which stops the steps itself; the spawner only dies with Kiln.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
`;
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
var StepSpawner = class {
  /** @param graceMs how long the spawner waits between SIGTERM and SIGKILL when Kiln is gone. */
  constructor(graceMs = 5e3) {
    this.graceMs = graceMs;
  }
  graceMs;
  child;
  running = /* @__PURE__ */ new Map();
  nextId = 1;
  buffered = "";
  stderr = "";
  /** The spawner's pid, once started. */
  get pid() {
    return this.child?.pid;
  }
  /** Starts the spawner now, so its start-up overlaps Kiln's planning instead of the first step. */
  warm() {
    this.process();
  }
  start(request, onOutput) {
    const id = this.nextId++;
    let entry;
    const exited = new Promise((resolve) => {
      entry = { onOutput, resolve };
    });
    const child = this.process();
    this.running.set(id, entry);
    this.updateRef();
    child.stdin.write(`${JSON.stringify({ id, ...request })}
`);
    return {
      exited,
      kill: (signal) => {
        if (entry.pid !== void 0) killGroup(entry.pid, signal);
        else entry.pendingSignal = signal;
      }
    };
  }
  process() {
    if (this.child) return this.child;
    const { NODE_OPTIONS: _, ...env } = process.env;
    const child = spawn(process.execPath, ["-e", SPAWNER_SOURCE, String(this.graceMs)], {
      stdio: ["pipe", "pipe", "pipe"],
      env,
      // Its own process group: a Ctrl-C in the terminal reaches Kiln, which stops its steps and
      // then exits, which ends the spawner.
      detached: true
    });
    this.child = child;
    this.buffered = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => this.receive(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-2e3);
    });
    child.stdin.on("error", () => {
    });
    child.on("error", (error) => this.died(child, `could not start Kiln's step runner: ${error.message}`));
    child.on(
      "close",
      (code, signal) => this.died(
        child,
        `Kiln's step runner (pid ${child.pid}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${this.stderr.trim() ? `: ${this.stderr.trim().split("\n").at(-1)}` : ""}, so the step was stopped`
      )
    );
    this.updateRef(child);
    return child;
  }
  receive(chunk) {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      const reply = JSON.parse(this.buffered.slice(0, end));
      this.buffered = this.buffered.slice(end + 1);
      const entry = this.running.get(reply.id);
      if (!entry) continue;
      if ("pid" in reply) {
        entry.pid = reply.pid;
        if (entry.pendingSignal) killGroup(reply.pid, entry.pendingSignal);
      } else if ("stream" in reply) {
        entry.onOutput(reply.stream, reply.data);
      } else {
        this.running.delete(reply.id);
        this.updateRef();
        entry.resolve({
          code: reply.code,
          signal: reply.signal,
          ...reply.error ? { error: `the step could not be started (${reply.error})` } : {}
        });
      }
    }
  }
  /** The spawner is gone: its steps' output can no longer be read, so they are stopped and failed. */
  died(child, why) {
    if (this.child !== child) return;
    this.child = void 0;
    for (const entry of this.running.values()) {
      if (entry.pid !== void 0) killGroup(entry.pid, "SIGKILL");
      entry.resolve({ code: null, signal: null, error: why });
    }
    this.running.clear();
  }
  /** The spawner keeps Kiln alive only while a step runs; idle, it never holds Kiln's exit. */
  updateRef(child = this.child) {
    if (!child) return;
    const busy = this.running.size > 0;
    for (const handle of [
      child,
      ...[child.stdout, child.stderr, child.stdin].map((s) => s)
    ]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }
};
var shared;
function stepSpawner() {
  shared ??= new StepSpawner();
  return shared;
}

// src/app/pipeline.ts
init_define_KILN_SITE_CLIENT();
import os2 from "node:os";

// src/run/executor.ts
init_define_KILN_SITE_CLIENT();
import path5 from "node:path";

// src/run/materialize.ts
init_define_KILN_SITE_CLIENT();
import { writeFileSync } from "node:fs";
import { readdir, rm, stat as stat2 } from "node:fs/promises";
import path3 from "node:path";

// src/domain/secret-mask.ts
init_define_KILN_SITE_CLIENT();

// src/domain/text-limits.ts
init_define_KILN_SITE_CLIENT();
var MAX_LINE_BYTES = 64 * 1024;
var MAX_TAIL_LINE_BYTES = 2e3;
function truncateLine(text, limit) {
  if (text.length <= limit / 3 || Buffer.byteLength(text) <= limit) return text;
  const cut = Buffer.from(text.slice(0, limit)).subarray(0, limit).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut} \u2026 [line truncated at ${limit} bytes]`;
}
function exceedsBytes(text, limit) {
  return text.length > limit / 3 && Buffer.byteLength(text) > limit;
}

// src/domain/secret-mask.ts
var MASK = "***";
var MIN_SUBSTRING = 4;
var REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
var escapeRegExp = (text) => text.replace(REGEX_SPECIAL, "\\$&");
function jsonEscaped(value) {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return [plain, ascii];
}
function secretForms(secret) {
  const values = /* @__PURE__ */ new Set([secret, secret.replace(/\r\n/g, "\n"), secret.trim()]);
  for (const line of secret.split(/\r?\n/)) values.add(line.trim());
  const forms = /* @__PURE__ */ new Set();
  for (const value of values) {
    if (value.length < MIN_SUBSTRING) continue;
    forms.add(value);
    for (const escaped of jsonEscaped(value)) forms.add(escaped);
  }
  return [...forms];
}
var SecretMasker = class {
  /** Every form masked as a substring, longest first (so the whole key wins over one of its lines). */
  forms;
  pattern;
  constructor(secrets) {
    const forms = /* @__PURE__ */ new Set();
    const short = /* @__PURE__ */ new Set();
    for (const secret of secrets) {
      if (secret.trim().length === 0) continue;
      if (secret.trim().length < MIN_SUBSTRING && !secret.includes("\n")) short.add(secret.trim());
      else for (const form of secretForms(secret)) forms.add(form);
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
    const alternatives = this.forms.map(escapeRegExp);
    if (short.size > 0) {
      const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp);
      alternatives.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join("|")})(?![\\p{L}\\p{N}_])`);
    }
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join("|"), "gu") : void 0;
  }
  mask(text) {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }
  /** Masks the keys and string values of a JSON-like value (metric names, messages, log lines). */
  maskDeep(value) {
    if (!this.pattern) return value;
    const walk = (v) => {
      if (typeof v === "string") return this.mask(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.mask(k), walk(inner)]));
      return v;
    };
    return walk(value);
  }
  /**
   * The forms a masking log service (the Actions runner's `::add-mask::`) must be told about: it
   * masks line by line, so a multi-line value is registered line by line, with its escaped forms.
   */
  registrations() {
    return this.forms.filter((form) => !form.includes("\n"));
  }
};
var OutputMasker = class {
  constructor(masker, emit) {
    this.masker = masker;
    this.emit = emit;
  }
  masker;
  emit;
  pending = /* @__PURE__ */ new Map();
  /** Streams whose current line passed MAX_LINE_BYTES: the rest of it is dropped. */
  dropping = /* @__PURE__ */ new Set();
  /**
   * Splits `chunk` into lines, appending to the stream's partial line. A line longer than
   * MAX_LINE_BYTES is emitted cut, with a note, as soon as it passes the limit, and the rest of it
   * is dropped: memory stays bounded and each chunk is scanned once, not the whole partial line.
   */
  write(stream, chunk) {
    let start = 0;
    for (; ; ) {
      const newline = chunk.indexOf("\n", start);
      let partial = this.pending.get(stream) ?? "";
      if (!this.dropping.has(stream)) {
        partial += chunk.slice(start, newline === -1 ? void 0 : newline);
        if (exceedsBytes(partial, MAX_LINE_BYTES)) {
          this.pending.set(stream, "");
          this.emit(truncateLine(this.joinAcross(stream, partial), MAX_LINE_BYTES));
          this.dropping.add(stream);
          partial = "";
        }
      }
      if (newline === -1) {
        this.pending.set(stream, partial);
        return;
      }
      this.pending.set(stream, "");
      if (!this.dropping.delete(stream)) this.emit(this.joinAcross(stream, partial.replace(/\r$/, "")));
      start = newline + 1;
    }
  }
  /** Emits what every stream still holds (the step ended without a final newline). */
  end() {
    for (const [stream, text] of this.pending)
      if (text) this.emit(this.joinAcross(stream, text.replace(/\r$/, "")));
    this.pending.clear();
    this.dropping.clear();
  }
  /**
   * Masks a line of one stream together with another stream's partial line before it: when a
   * secret starts at the end of the other stream's pending text and ends at the start of this
   * line, both halves become the mask.
   */
  joinAcross(stream, line) {
    for (const [other, partial] of this.pending) {
      if (other === stream || partial === "") continue;
      const joined = this.masker.mask(partial + line);
      if (joined === this.masker.mask(partial) + this.masker.mask(line)) continue;
      const cut = this.splitPoint(partial, line);
      if (cut === void 0) continue;
      this.pending.set(other, `${partial.slice(0, cut.start)}${MASK}`);
      return this.masker.mask(`${MASK}${line.slice(cut.end)}`);
    }
    return this.masker.mask(line);
  }
  /** Where the form spanning `partial|line` starts in `partial` and ends in `line`. */
  splitPoint(partial, line) {
    const joined = partial + line;
    for (const form of this.masker.forms) {
      let at = joined.indexOf(form, Math.max(0, partial.length - form.length + 1));
      while (at !== -1 && at < partial.length) {
        if (at + form.length > partial.length) return { start: at, end: at + form.length - partial.length };
        at = joined.indexOf(form, at + 1);
      }
    }
    return void 0;
  }
};

// src/run/checks.ts
init_define_KILN_SITE_CLIENT();
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
  let schema;
  let data;
  try {
    schema = JSON.parse(await readFile(path.resolve(env.root, check.jsonSchema), "utf8"));
  } catch (error) {
    return result(check, false, `cannot read JSON Schema ${check.jsonSchema}: ${error.message}`);
  }
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return result(check, false, `${check.path} is not JSON: ${error.message}`);
  }
  let validate;
  try {
    const { Ajv2020 } = (await import("./2020-HJSKAA3W.js")).default;
    validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  } catch (error) {
    return result(
      check,
      false,
      `${check.jsonSchema} is not a valid JSON Schema: ${error.message}`
    );
  }
  if (validate(data)) return result(check, true, `${check.path} matches ${check.jsonSchema}`);
  const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
  return result(check, false, `${check.path} does not match ${check.jsonSchema}: ${problems}`);
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
init_define_KILN_SITE_CLIENT();
import { createReadStream, openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

// src/run/json-syntax.ts
init_define_KILN_SITE_CLIENT();
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

// src/run/metrics.ts
async function readOptional(file) {
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
init_define_KILN_SITE_CLIENT();
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
init_define_KILN_SITE_CLIENT();
import { open } from "node:fs/promises";
function followSeries(file, onPoint, options = {}) {
  let offset = 0;
  let partial = "";
  let running;
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
      running = (running ?? Promise.resolve()).then(read).catch(() => void 0);
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
init_define_KILN_SITE_CLIENT();
import { closeSync, openSync as openSync2, writeSync } from "node:fs";
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
  const step = (options.spawner ?? stepSpawner()).start(
    { command: options.command, cwd: options.cwd, env: options.env },
    write
  );
  let timedOut = false;
  let cancelled = false;
  let killTimer;
  function terminate() {
    step.kill("SIGTERM");
    killTimer ??= setTimeout(() => step.kill("SIGKILL"), options.killGraceMs ?? 5e3);
  }
  const timer = setTimeout(() => {
    timedOut = true;
    emit(`kiln: timed out after ${Math.round(options.timeoutMs / 1e3)} s; stopping the step`);
    terminate();
  }, options.timeoutMs);
  const onAbort = () => {
    cancelled = true;
    terminate();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const exit = await step.exited;
  clearTimeout(timer);
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
init_define_KILN_SITE_CLIENT();
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
init_define_KILN_SITE_CLIENT();
import { existsSync } from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";
var found;
function stepHelpersDir() {
  if (found !== void 0) return found ?? void 0;
  found = null;
  let dir = path2.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(path2.join(dir, "helpers", "kiln.py"))) {
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
  const env = stepBaseEnvironment(base, declaredSecrets(project));
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
  const inSlot = request.stepSlot ?? ((work) => work());
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
  for (; ; ) {
    attempts++;
    if (attempts > 1) request.onLine?.(`kiln: attempt ${attempts} of ${asset.retries + 1}`);
    if (attempts > 1)
      await Promise.all([rm(files.metrics, { force: true }), rm(files.series, { force: true })]);
    await Promise.all(declared.paths.map((p) => rm(p, { recursive: true, force: true })));
    const follower = followProgress(request, files.series, config, masker);
    const result2 = await inSlot(
      () => runStep({
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
        masker
      })
    );
    follower?.stop();
    tail = result2.tail;
    if (result2.cancelled) return fail("cancelled", "cancelled", tail);
    if (result2.logError) return fail("failed", result2.logError, tail);
    if (result2.code === 0 && !result2.timedOut) break;
    const why = result2.timedOut ? `timed out after ${Math.round(asset.timeoutMs / 1e3)} s` : result2.runnerError ? `failed: ${result2.runnerError}` : result2.signal ? `killed by ${result2.signal}` : `exited with code ${result2.code}`;
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
        const result2 = await inSlot(
          () => runStep({
            command,
            cwd: project.root,
            env,
            timeoutMs: asset.timeoutMs,
            logFile,
            masker,
            signal: request.signal
          })
        );
        const error = result2.logError ?? result2.runnerError;
        if (error) return { code: result2.code ?? 1, tail: error };
        return { code: result2.code ?? 1, tail: result2.tail.slice(-3).join(" / ") };
      }
    })
  );
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
    const expected = ((await request.ledger.heads(asset.name)).at(-1)?.version ?? 0) + 1;
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
  const holder = asset.promote ? await currentHolder(request.ledger, asset.name, asset.promote.alias) : void 0;
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
init_define_KILN_SITE_CLIENT();
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
  if (queue.length > 0) stepSpawner().warm();
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
    const assessment = await options.reassess(name, depVersions);
    attempt.assessment = assessment;
    const requested = options.requested.has(name);
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
        // Shown as running once its step has a slot, not while it waits for one.
        stepSlot: (work) => steps.run(() => {
          if (!shownRunning)
            reporter.update({ asset: name, state: "running", detail: reasons.join("; ") });
          shownRunning = true;
          return work();
        }),
        signal: options.signal,
        onLine: (line) => reporter.line(name, line),
        onProgress: (text) => reporter.progress(name, text),
        baseEnv: options.baseEnv,
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
  const steps = new Slots(Math.max(1, options.jobs));
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
var Slots = class {
  free;
  waiting = [];
  constructor(size) {
    this.free = size;
  }
  async run(work) {
    if (this.free > 0) this.free--;
    else await new Promise((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
};

// src/app/run-plan.ts
init_define_KILN_SITE_CLIENT();

// src/automation/plan.ts
init_define_KILN_SITE_CLIENT();

// src/automation/conditions.ts
init_define_KILN_SITE_CLIENT();
function cronKey(kind, cron, tz) {
  return `${kind}:${cron}@${tz}`;
}
var iso = minuteTime;
function node(label, value, facts = [], children = []) {
  return { label, value, facts, children };
}
function sinceFact(facts) {
  return facts.lastHandled ? `since last handled: ${facts.lastHandled.what} ${iso(facts.lastHandled.at)}` : "never handled";
}
function unhandled(ctx, facts) {
  if (!facts.failure) return { ok: true, facts: [] };
  return {
    ok: !failureHolds(facts.failure, ctx.tick.now),
    facts: [handledFailureFact(facts.failure, ctx.tick.now)]
  };
}
function depsReady(ctx, facts) {
  const notes = [];
  let ok = true;
  for (const dep of facts.assetDeps) {
    const state = ctx.facts.get(dep)?.status ?? "missing";
    if (ctx.planned.has(dep)) notes.push(`${dep} is planned in this run`);
    else if (state === "fresh") notes.push(`${dep} is fresh`);
    else {
      ok = false;
      notes.push(`${dep} is ${state} and not planned`);
    }
  }
  return { ok, facts: notes };
}
function cronPassed(ctx, facts, kind, cron, tz) {
  const tick = previousTick(cron, tz, ctx.tick.now);
  const zone = tz === "UTC" ? "" : ` ${tz}`;
  if (!tick) return { passed: false, tick, facts: [`"${cron}"${zone} has not fired yet`] };
  const cursor = ctx.cursor[cronKey(kind, cron, tz)];
  const times = [cursor ? new Date(cursor) : void 0, facts.lastHandled?.at].filter(
    (t) => t !== void 0
  );
  const since = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : void 0;
  return {
    passed: !since || tick > since,
    tick,
    facts: [
      `last tick of "${cron}"${zone}: ${iso(tick)}`,
      since ? `last handled ${iso(since)}` : "never handled"
    ]
  };
}
function evaluate(condition, ctx) {
  const facts = ctx.facts.get(ctx.asset);
  if (!facts) throw new Error(`bug: no facts for ${ctx.asset}`);
  switch (condition.kind) {
    case "missing":
    case "stale": {
      const open2 = unhandled(ctx, facts);
      return node(condition.kind, facts.status === condition.kind && open2.ok, [
        `status: ${facts.status}`,
        ...open2.facts
      ]);
    }
    case "code_changed":
      return node("code_changed", facts.codeChanged, [
        facts.codeChanged ? "code version differs from the one last handled" : "code unchanged",
        sinceFact(facts)
      ]);
    case "deps_updated": {
      const planned = facts.assetDeps.filter((d) => ctx.planned.has(d));
      const updated = [.../* @__PURE__ */ new Set([...facts.depsUpdated, ...planned])];
      return node("deps_updated", updated.length > 0, [
        ...updated.length ? updated.map((d) => `${d} ${planned.includes(d) ? "is planned" : "has a new data version"}`) : ["no dependency updated"],
        sinceFact(facts)
      ]);
    }
    case "manual":
      return node("manual", ctx.selected, [ctx.selected ? "selected explicitly" : "runs only when selected"]);
    case "eager": {
      const open2 = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      const upstreamRuns = facts.assetDeps.some((d) => ctx.planned.has(d));
      return node("eager", (facts.status !== "fresh" && open2.ok || upstreamRuns) && ready.ok, [
        `status: ${facts.status}`,
        ...open2.facts,
        ...ready.facts
      ]);
    }
    case "on_missing": {
      const open2 = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      return node("on_missing", facts.status === "missing" && open2.ok && ready.ok, [
        `status: ${facts.status}`,
        ...open2.facts,
        ...ready.facts
      ]);
    }
    case "cron": {
      const result2 = cronPassed(ctx, facts, "cron", condition.cron, condition.tz);
      return {
        ...node(
          `cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`,
          result2.passed,
          result2.facts
        ),
        cronTick: true
      };
    }
    case "on_cron": {
      const label = `on_cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`;
      const result2 = cronPassed(ctx, facts, "on_cron", condition.cron, condition.tz);
      const tickNode = node("cron tick passed since last handled", result2.passed, result2.facts);
      const depFacts = [];
      let allUpdated = true;
      for (const dep of facts.assetDeps) {
        const at = ctx.facts.get(dep)?.lastMaterializedAt;
        if (ctx.planned.has(dep)) depFacts.push(`${dep} is planned in this run`);
        else if (at && result2.tick && at >= result2.tick) depFacts.push(`${dep} updated ${iso(at)}`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} not updated since the tick${at ? ` (last ${iso(at)})` : ""}`);
        }
      }
      for (const dep of facts.sourceDeps) {
        if (facts.depsUpdated.includes(dep) || facts.status === "missing")
          depFacts.push(`${dep} has a new version`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} unchanged`);
        }
      }
      const depsNode = node(
        "all dependencies updated since the tick",
        allUpdated,
        depFacts.length ? depFacts : ["no dependencies"]
      );
      return { ...node(label, result2.passed && allUpdated, [], [tickNode, depsNode]), cronTick: true };
    }
    case "all": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "all",
        children.every((c) => c.value),
        [],
        children
      );
    }
    case "any": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "any",
        children.some((c) => c.value),
        [],
        children
      );
    }
    case "not": {
      const inner = evaluate(condition.of, ctx);
      return node("not", !inner.value, [], [inner]);
    }
  }
}
function requestedByTick(evaluation) {
  if (!evaluation.value || evaluation.label === "not") return false;
  return evaluation.cronTick === true || evaluation.children.some(requestedByTick);
}
function cronConditions(condition) {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return [{ kind: condition.kind, cron: condition.cron, tz: condition.tz }];
    case "all":
    case "any":
      return condition.of.flatMap(cronConditions);
    case "not":
      return cronConditions(condition.of);
    default:
      return [];
  }
}

// src/automation/plan.ts
function planTick(input) {
  const { tick } = input;
  const assets = /* @__PURE__ */ new Map();
  const planned = /* @__PURE__ */ new Set();
  const cursors = structuredClone({ ...input.cursors });
  const promote = tick.event !== "pull_request";
  for (const asset of input.assets) {
    if (!input.selection.has(asset.name)) continue;
    const facts = input.facts.get(asset.name);
    const decide = (run, reasons, evaluation2, request = false) => {
      assets.set(asset.name, {
        status: facts.status,
        run,
        request: run && request,
        reasons,
        promote,
        evaluation: evaluation2
      });
      if (!run) return;
      planned.add(asset.name);
      for (const c of cronConditions(asset.condition)) {
        cursors[asset.name] = {
          ...cursors[asset.name],
          [cronKey(c.kind, c.cron, c.tz)]: tick.now.toISOString()
        };
      }
    };
    if (facts.unavailableSources?.length) {
      decide(
        false,
        facts.unavailableSources.map((u) => `waiting: ${u.why}`)
      );
      continue;
    }
    const unbuilt = facts.assetDeps.filter(
      (d) => input.facts.get(d)?.status === "missing" && !planned.has(d)
    );
    const unpromoted = (facts.unavailableDeps ?? []).filter((d) => !unbuilt.includes(d) && !planned.has(d));
    const waiting = [...unbuilt, ...unpromoted];
    const waitingFor = [
      ...unbuilt.length ? [`dependency ${unbuilt.join(", ")} has never been materialized`] : [],
      ...unpromoted.map((d) => `dependency ${d} has no version under the alias ${asset.name} reads yet`)
    ].join("; ");
    if (input.force) {
      if (waiting.length) decide(false, [`waiting: ${waitingFor}; run \`kiln run +${asset.name}\``]);
      else decide(true, ["forced", ...asset.reasons], void 0, true);
      continue;
    }
    const evaluation = evaluate(asset.condition, {
      asset: asset.name,
      tick,
      facts: input.facts,
      planned,
      cursor: input.cursors[asset.name] ?? {},
      selected: input.explicit
    });
    if (waiting.length) {
      decide(false, [`waiting: ${waitingFor}`, ...asset.reasons], evaluation);
      continue;
    }
    if (tick.event === "pull_request") {
      if (!asset.pullRequests) decide(false, ["pull-requests: false", ...asset.reasons], evaluation);
      else if (facts.status === "fresh") decide(false, ["fresh"], evaluation);
      else if (failureHolds(facts.failure, tick.now))
        decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
      else decide(true, asset.reasons, evaluation);
      continue;
    }
    if (input.explicit) {
      decide(true, ["selected", ...asset.reasons], evaluation, true);
      continue;
    }
    if (facts.status === "fresh" && !evaluation.value) {
      decide(false, ["fresh"], evaluation);
      continue;
    }
    if (evaluation.value) {
      const request = requestedByTick(evaluation);
      decide(true, [...asset.reasons, `automation: ${summary(evaluation)}`], evaluation, request);
    } else if (failureHolds(facts.failure, tick.now)) {
      decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
    } else decide(false, [`automation: ${summary(evaluation)} is false`, ...asset.reasons], evaluation);
  }
  return { assets, cursors };
}
function summary(evaluation) {
  if (["all", "any", "not"].includes(evaluation.label))
    return `${evaluation.label}(${evaluation.children.map(summary).join(", ")})`;
  return evaluation.label;
}

// src/app/run-plan.ts
function handledFailure(spec, failed) {
  if (!failed) return void 0;
  const at = new Date(failed.at);
  return {
    at,
    failures: failed.failures,
    error: failed.error,
    retryAt: retryAt(at, failed.failures, spec.retryFailedMs)
  };
}
function assetFacts(project, assessment) {
  const facts = /* @__PURE__ */ new Map();
  for (const [name, a] of assessment.assets) {
    const spec = project.assets.get(name);
    const deps = spec.deps;
    facts.set(name, {
      status: a.status,
      codeChanged: a.codeChanged,
      depsUpdated: a.depsUpdated,
      assetDeps: deps.filter((d) => project.assets.has(d)),
      unavailableDeps: a.unavailable,
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.current ? new Date(a.current.finishedAt) : void 0,
      lastHandled: a.lastHandled && {
        at: new Date(a.lastHandled.at),
        what: a.lastHandled.kind === "failed" ? "failed" : `materialized v${a.lastHandled.version}`
      },
      failure: handledFailure(spec, a.failedAtVersion),
      unavailableSources: deps.flatMap((d) => {
        const why = assessment.sources.get(d)?.unavailable;
        return why ? [{ source: d, why: why.replace(/:\n\s+/, ": ").replace(/\n\s*/g, " / ") }] : [];
      })
    });
  }
  return facts;
}
function sourceFailureMarks(assessment, stored, tick, runId) {
  const marks = {};
  for (const [name, source] of assessment.sources) {
    if (source.unavailable === void 0) continue;
    marks[name] = stored[name] ?? {
      since: tick.now.toISOString(),
      error: source.unavailable,
      ...runId ? { runId } : {}
    };
  }
  return marks;
}
async function planRun(request) {
  const { project, assessment, tick } = request;
  const stored = await request.ledger.readCursor(request.scope);
  const planned = planTick({
    assets: assessment.graph.order.filter((name) => project.assets.has(name)).map((name) => {
      const asset = project.assets.get(name);
      return {
        name,
        condition: asset.automation,
        pullRequests: asset.pullRequests,
        reasons: assessment.assets.get(name).reasons
      };
    }),
    facts: assetFacts(project, assessment),
    cursors: stored?.assets ?? {},
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force
  });
  const sources = sourceFailureMarks(assessment, stored?.sources ?? {}, tick, request.runId);
  const changed = tick.event !== "pull_request" && !request.experiment && (JSON.stringify(planned.cursors) !== JSON.stringify(stored?.assets ?? {}) || JSON.stringify(sources) !== JSON.stringify(stored?.sources ?? {}));
  return {
    tick,
    assets: planned.assets,
    commit: async () => {
      if (!changed) return;
      await request.ledger.writeCursor({
        schema: RECORD_SCHEMA,
        scope: request.scope,
        assets: planned.cursors,
        ...Object.keys(sources).length ? { sources } : {},
        updatedAt: tick.now.toISOString()
      });
    }
  };
}

// src/app/pipeline.ts
function selectAssets(assessment, terms) {
  const selected = select(assessment.graph, terms);
  if (!selected.ok) return selected;
  return { ok: true, assets: selected.assets, explicit: terms.length > 0 };
}
function experimentSelection(selection, assessment, overrides) {
  const overridden = [...overrides.byAsset.keys()];
  if (overridden.length === 0) return { ok: true, selection: [...selection] };
  if (selection.length === 0) return { ok: true, selection: overridden };
  const selected = select(assessment.graph, selection);
  if (!selected.ok) return selected;
  const outside = overridden.filter((name) => !selected.assets.has(name));
  if (outside.length > 0)
    return {
      ok: false,
      error: `config is set for ${outside.join(", ")}, which ${outside.length > 1 ? "are" : "is"} not in the selection ${selection.join(" ")}`,
      hint: `add ${outside.join(" ")} to the selection, or leave the selection empty to run just the assets whose config is set`
    };
  return { ok: true, selection: [...selection] };
}
async function planWorkspace(workspace, options) {
  const assessment = await assessWorkspace(workspace, options.env, options.overrides, options.latestRecords);
  const experiment = options.overrides !== void 0 && options.overrides.texts.length > 0;
  let selection = options.selection;
  if (experiment && options.experimentSelection) {
    const chosen = experimentSelection(selection, assessment, options.overrides);
    if (!chosen.ok) return { ok: false, error: chosen.error, hint: chosen.hint };
    selection = chosen.selection;
  }
  const selected = selectAssets(assessment, selection);
  if (!selected.ok) return { ok: false, error: selected.error, hint: selected.hint };
  const plan = await planRun({
    project: workspace.project,
    assessment,
    ledger: workspace.ledger,
    selection: selected.assets,
    explicit: selected.explicit,
    force: options.force,
    tick: options.tick,
    scope: workspace.git.branch ?? "local",
    experiment,
    runId: options.env.GITHUB_RUN_ID
  });
  return { ok: true, assessment, plan };
}
function assessWorkspace(workspace, env, overrides, latestRecords = true) {
  return assessProject({
    latestRecords,
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    overrides,
    outputsAvailable: (record) => workspace.stores.available(record),
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root
  });
}
async function decidedPlan(workspace, decided, tick, env, overrides) {
  const assessment = await assessWorkspace(workspace, env, overrides);
  const assets = /* @__PURE__ */ new Map();
  for (const [name, decision] of decided) {
    const state = assessment.assets.get(name);
    if (!state) return { ok: false, error: `unknown asset "${name}"` };
    assets.set(name, {
      status: state.status,
      run: true,
      request: decision.request,
      reasons: [...decision.reason ? [decision.reason] : [], ...state.reasons],
      promote: tick.event !== "pull_request"
    });
  }
  return { ok: true, assessment, plan: { tick, assets, commit: async () => {
  } } };
}
async function runPipeline(options) {
  const { tick } = options;
  const workspace = { ...options.workspace, ledger: runLedgerView(options.workspace.ledger) };
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  if (options.force || options.selection.length > 0 || (options.decided?.size ?? 0) > 0) stepSpawner().warm();
  const completed = await completePromotions(workspace, options, tick);
  const planNow = () => options.decided ? decidedPlan(workspace, options.decided, tick, options.env, options.overrides) : planWorkspace(workspace, {
    selection: options.selection,
    force: options.force,
    tick,
    env: options.env,
    overrides: options.overrides,
    experimentSelection: options.experimentSelection
  });
  let planned = await planNow();
  if (!planned.ok) return planned;
  const merged = await promoteCurrentVersions(workspace, planned, {
    by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
    run: options.context?.runUrl ?? options.context?.runId,
    at: tickClock(tick)()
  });
  completed.push(...merged);
  if (readsMovedAlias(workspace, merged)) {
    planned = await planNow();
    if (!planned.ok) return planned;
  }
  const { assessment, plan } = planned;
  await ignoreKilnDir(workspace.kilnDir);
  const context = {
    event: tick.event,
    environment: workspace.environment,
    gitSha: workspace.git.sha,
    ref: workspace.git.branch,
    actor: options.env.GITHUB_ACTOR ?? options.env.USER,
    ...options.context
  };
  const toRun = /* @__PURE__ */ new Map();
  const requested = /* @__PURE__ */ new Set();
  for (const [name, entry] of plan.assets) {
    if (entry.run) toRun.set(name, entry.reasons);
    if (entry.run && entry.request) requested.add(name);
  }
  const now = tickClock(tick);
  const execution = await execute({
    project: workspace.project,
    environment: workspace.environment,
    order: assessment.graph.order,
    planned: toRun,
    assessments: assessment.assets,
    reassess: assessment.reassess,
    dataVersions: assessment.dataVersions,
    ledger: workspace.ledger,
    stores: workspace.stores,
    context,
    promotionBlocker: (name) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec ? assetPromotionBlocker(workspace.decision, spec) : void 0;
    },
    overrides: options.overrides,
    requested,
    notRetried: (name, state) => {
      const failure = handledFailure(workspace.project.assets.get(name), state.failedAtVersion);
      return failure && failureHolds(failure, now()) ? notRetriedMessage(name, failure) : void 0;
    },
    now,
    jobs: options.jobs ?? os2.availableParallelism(),
    reporter: options.reporter,
    runsDir: workspace.runsDir,
    signal: options.signal,
    baseEnv: options.env
  });
  if (!execution.cancelled) await plan.commit();
  const restored = options.restoreFresh && !execution.cancelled ? await restoreFreshAssets(
    workspace.project.root,
    [...plan.assets].filter(([name, entry]) => entry.status === "fresh" && !execution.outcomes.has(name)).map(([name]) => assessment.assets.get(name)?.latest).filter((record) => record !== void 0),
    workspace.stores
  ) : [];
  const experiment = options.overrides?.texts.length ? options.overrides.texts : void 0;
  return {
    ok: true,
    result: {
      assessment,
      plan,
      execution,
      context,
      restored,
      experiment,
      completed,
      ledger: workspace.ledger
    }
  };
}
async function promoteCurrentVersions(workspace, planned, move) {
  const done = [];
  for (const [name, entry] of planned.plan.assets) {
    if (entry.run || entry.status !== "fresh") continue;
    const spec = workspace.project.assets.get(name)?.promote;
    const record = planned.assessment.assets.get(name)?.latest;
    if (!spec || !record || assetPromotionBlocker(workspace.decision, spec)) continue;
    const outcome = await promoteCurrentVersion({
      ledger: workspace.ledger,
      spec,
      record,
      environment: workspace.environment,
      ...move
    });
    if (outcome) done.push({ asset: name, outcome });
  }
  return done;
}
function readsMovedAlias(workspace, moves) {
  return moves.some(
    ({ asset, outcome }) => [...workspace.project.assets.values()].some((a) => a.depAliases[asset] === outcome.verdict.alias)
  );
}
async function completePromotions(workspace, options, tick) {
  const completed = [];
  for (const asset of workspace.project.assets.values()) {
    if (!asset.promote || assetPromotionBlocker(workspace.decision, asset.promote)) continue;
    const moves = await completeInterruptedPromotions({
      ledger: workspace.ledger,
      asset: asset.name,
      spec: asset.promote,
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)()
    });
    for (const outcome of moves) completed.push({ asset: asset.name, outcome });
  }
  return completed;
}

export {
  SecretMasker,
  restoreOutputs,
  restoreFreshAssets,
  stepSpawner,
  planWorkspace,
  runPipeline,
  promoteCurrentVersions
};
