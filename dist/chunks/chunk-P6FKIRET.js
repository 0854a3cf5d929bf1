import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  formatNumber
} from "./chunk-NBF2VUI6.js";
import {
  readNamedRecord
} from "./chunk-E7VF6EEA.js";
import {
  METRIC_EXPRESSION,
  aliasHolders,
  rollbackStack
} from "./chunk-OAUXH6FU.js";
import {
  unreportedMetric
} from "./chunk-CZZZSMQQ.js";

// src/run/json-schema.ts
var READABLE_DRAFTS = "draft-07, 2019-09 or 2020-12";
var DRAFT_ADDRESSES = {
  "json-schema.org/draft-03/schema": "draft-03",
  "json-schema.org/draft-04/schema": "draft-04",
  "json-schema.org/draft-06/schema": "draft-06",
  "json-schema.org/draft-07/schema": "draft-07",
  "json-schema.org/draft/2019-09/schema": "2019-09",
  "json-schema.org/draft/2020-12/schema": "2020-12"
};
var CANONICAL_ID = {
  "draft-06": "http://json-schema.org/draft-06/schema#",
  "draft-07": "http://json-schema.org/draft-07/schema#",
  "2019-09": "https://json-schema.org/draft/2019-09/schema",
  "2020-12": "https://json-schema.org/draft/2020-12/schema"
};
function schemaDraft(schema, file) {
  const declared = typeof schema === "object" && schema !== null ? schema.$schema : void 0;
  if (declared === void 0) return { ok: true, value: "2020-12" };
  const address = typeof declared === "string" ? declared.trim().replace(/^https?:\/\//, "").replace(/#$/, "") : void 0;
  const draft = address === void 0 ? void 0 : DRAFT_ADDRESSES[address];
  if (draft && draft !== "draft-03" && draft !== "draft-04") return { ok: true, value: draft };
  const shown = JSON.stringify(declared).slice(0, 120);
  return {
    ok: false,
    error: `${file} declares $schema ${shown}${draft ? ` (${draft})` : ""}, which Kiln does not read: use ${READABLE_DRAFTS}`
  };
}
async function compileJsonSchema(schema, file) {
  const draft = schemaDraft(schema, file);
  if (!draft.ok) return draft;
  const unknownFormats = /* @__PURE__ */ new Set();
  const warn = (...args) => {
    const format = /unknown format "([^"]*)"/.exec(String(args[0]))?.[1];
    if (format !== void 0) unknownFormats.add(format);
  };
  const options = {
    allErrors: true,
    strict: false,
    logger: { log: () => void 0, warn, error: warn }
  };
  try {
    let ajv;
    switch (draft.value) {
      case "draft-06":
      case "draft-07": {
        const { Ajv } = (await import("./ajv-PCZ6ZJRS.js")).default;
        ajv = new Ajv(options);
        if (draft.value === "draft-06") {
          const meta = await import("./json-schema-draft-06-GRHTWL7Y.js");
          ajv.addMetaSchema(meta.default);
        }
        break;
      }
      case "2019-09": {
        const { Ajv2019 } = (await import("./2019-ITW2MKMS.js")).default;
        ajv = new Ajv2019(options);
        break;
      }
      case "2020-12": {
        const { Ajv2020 } = (await import("./2020-ZRIJ3Z4Q.js")).default;
        ajv = new Ajv2020(options);
        break;
      }
    }
    const { default: addFormats } = (await import("./dist-A6HRJVRP.js")).default;
    addFormats(ajv);
    const declared = schema;
    const canonical = declared.$schema === void 0 ? declared : { ...declared, $schema: CANONICAL_ID[draft.value] };
    const validate = ajv.compile(canonical);
    return { ok: true, value: { validate, unknownFormats: [...unknownFormats].sort() } };
  } catch (error) {
    return { ok: false, error: `${file} is not a valid JSON Schema: ${error.message}` };
  }
}

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
      const open = stack.at(-1);
      return fail(
        i,
        open ? `the text ends inside an ${open === "{" ? "object" : "array"} that is never closed` : "no JSON value"
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
        const open = stack.at(-1);
        const close = open === "{" ? "}" : "]";
        if (c === ",") {
          i++;
          expect = open === "{" ? "key" : "value";
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
import { readFile, readdir, stat } from "node:fs/promises";
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
    const notFinite = env.notFinite?.[expression.metric];
    if (notFinite) return result(check, false, `metric ${expression.metric} is ${notFinite}, not a number`);
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
  let info;
  try {
    info = await stat(file);
  } catch {
    return result(check, false, `${check.path} does not exist`);
  }
  if (info.isDirectory()) {
    const files = await folderFiles(file);
    if (files.count === 0) return result(check, false, `${check.path} is an empty folder`);
    if (check.jsonSchema) {
      const example = files.json[0];
      return result(
        check,
        false,
        `${check.path} is a folder, and a json-schema check reads one JSON file: point the check's output at a file inside it${example ? `, such as ${path.posix.join(check.path, example)}` : ""}`
      );
    }
    return result(
      check,
      true,
      `${check.path} exists (${files.count} file${files.count === 1 ? "" : "s"}, ${files.bytes} bytes)`
    );
  }
  if (info.size === 0) return result(check, false, `${check.path} is empty`);
  if (!check.jsonSchema) return result(check, true, `${check.path} exists (${info.size} bytes)`);
  const schema = await readJson(path.resolve(env.root, check.jsonSchema));
  if (!schema.ok) return result(check, false, `cannot read JSON Schema ${check.jsonSchema}: ${schema.error}`);
  const data = await readJson(file);
  if (!data.ok) return result(check, false, `${check.path} is not JSON: ${data.error}`);
  const compiled = await compileJsonSchema(schema.value, check.jsonSchema);
  if (!compiled.ok) return result(check, false, compiled.error);
  const { validate, unknownFormats } = compiled.value;
  if (validate(data.value)) {
    const unknown = unknownFormats.map((f) => JSON.stringify(f)).join(", ");
    const note = unknownFormats.length === 0 ? "" : unknownFormats.length === 1 ? `; format ${unknown} is not one Kiln knows, so it was not asserted` : `; formats ${unknown} are not ones Kiln knows, so they were not asserted`;
    return result(check, true, `${check.path} matches ${check.jsonSchema}${note}`);
  }
  const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
  return result(check, false, `${check.path} does not match ${check.jsonSchema}: ${problems}`);
}
async function folderFiles(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  let count = 0;
  let bytes = 0;
  const json = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    count++;
    const file = path.join(entry.parentPath, entry.name);
    bytes += (await stat(file)).size;
    if (entry.name.endsWith(".json")) json.push(path.relative(folder, file).split(path.sep).join("/"));
  }
  return { count, bytes, json: json.sort() };
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
  const { code, tail, stopped } = await env.runCommand(check.command);
  if (stopped) return result(check, false, stopped);
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

// src/run/promotion.ts
function decidePromotion(input) {
  const { spec, metrics, checks, holder } = input;
  const verdict = (promote, reason) => ({
    alias: spec.alias,
    promote,
    reason,
    against: holder?.version
  });
  if (input.notAllowed) return { ...verdict(false, input.notAllowed), blocked: true };
  const failed = blockingFailures(checks);
  if (failed.length > 0)
    return verdict(false, `blocking check failed: ${failed.map((c) => c.name).join(", ")}`);
  const value = metrics[spec.metric];
  if (value === void 0) {
    const notFinite = input.notFinite?.[spec.metric];
    if (notFinite) return verdict(false, `metric ${spec.metric} is ${notFinite}, not a number`);
    return verdict(false, unreportedMetric(spec.metric, Object.keys(metrics)));
  }
  const minimize = spec.direction === "minimize";
  if (spec.threshold !== void 0) {
    const clears = minimize ? value <= spec.threshold : value >= spec.threshold;
    if (!clears) {
      return verdict(
        false,
        `${spec.metric} ${formatNumber(value, spec.threshold)} fails the threshold ${minimize ? "\u2264" : "\u2265"} ${formatNumber(spec.threshold)}`
      );
    }
  }
  if (!holder) return verdict(true, `first version to qualify: becomes ${spec.alias}`);
  const current = holder.metrics[spec.metric];
  if (current === void 0) {
    return verdict(true, `${spec.alias} v${holder.version} has no ${spec.metric}: replaced`);
  }
  const gain = minimize ? current - value : value - current;
  const wanted = [];
  let required = 0;
  if (spec.minDelta !== void 0) {
    required = Math.max(required, spec.minDelta);
    wanted.push(`min-delta ${formatNumber(spec.minDelta)}`);
  }
  if (spec.minRelative !== void 0) {
    required = Math.max(required, spec.minRelative * Math.abs(current));
    wanted.push(`min-relative ${formatNumber(spec.minRelative * 100)}%`);
  }
  const against = `${spec.alias} v${holder.version} (${formatNumber(current, value)})`;
  const margin = wanted.length ? ` \u2265 ${wanted.join(" and ")}` : "";
  if (gain > 0 && gain >= required) {
    return verdict(
      true,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by ${formatNumber(gain)}${margin}`
    );
  }
  if (gain > 0) {
    return verdict(
      false,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by only ${formatNumber(gain)}, needs${margin}`
    );
  }
  return verdict(false, `${spec.metric} ${formatNumber(value, current)} does not beat ${against}`);
}

// src/run/promote.ts
async function currentHolder(ledger, asset, alias) {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) {
    const first = damage[0];
    return {
      ok: false,
      error: `${alias} of ${asset} was not moved: the alias history is damaged (${first.path}: ${first.message}). Run \`kiln doctor\` for the fix`
    };
  }
  const version = aliasHolders(history).get(alias);
  if (version === void 0) return { ok: true, holder: void 0 };
  const holder = await ledger.materialization(asset, version);
  if (!holder)
    return {
      ok: false,
      error: `${alias} of ${asset} names v${version}, whose record cannot be read. Run \`kiln doctor\``
    };
  return { ok: true, holder };
}
var MAX_RACES = 20;
var LedgerDamaged = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LedgerDamaged";
  }
};
async function promoteIfBetter(request) {
  const { ledger, spec, record } = request;
  let verdict = request.verdict;
  let from = verdict.against ?? null;
  for (let race = 0; race < MAX_RACES; race++) {
    if (!verdict.promote) return { verdict, moved: false, from, to: from };
    const moved = await ledger.moveAlias({
      alias: spec.alias,
      asset: record.asset,
      from,
      to: record.version,
      by: request.by,
      reason: verdict.reason,
      kind: "promotion",
      run: request.run,
      at: request.at?.toISOString()
    });
    if (moved) return { verdict, moved: true, from, to: record.version };
    const state = await currentHolder(ledger, record.asset, spec.alias);
    if (!state.ok) throw new LedgerDamaged(state.error);
    if (state.holder?.version === record.version) return { verdict, moved: true, from, to: record.version };
    verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder: state.holder,
      notAllowed: request.blocker
    });
    from = state.holder?.version ?? null;
  }
  throw new Error(`bug: alias ${spec.alias} of ${record.asset} kept moving under ${MAX_RACES} attempts`);
}
function stillOpen(history, alias, candidateSince = "written") {
  const moves = history.filter((e) => e.alias === alias);
  const named = new Set(moves.map((e) => e.to));
  const lastChoice = candidateSince ? moves.findLast((e) => e.kind !== "promotion")?.at ?? "" : "";
  return (version, finishedAt) => !named.has(version) && finishedAt >= lastChoice;
}
async function interruptedPromotions(ledger, asset, spec) {
  const { history, damage } = await ledger.aliasState(asset);
  if (damage.length > 0) return [];
  const open = stillOpen(history, spec.alias);
  const heads = await ledger.heads(asset);
  const holderVersion = aliasHolders(history).get(spec.alias);
  let holder = holderVersion === void 0 ? void 0 : await ledger.materialization(asset, holderVersion);
  const found = [];
  for (const head of heads) {
    if (head.promotes !== spec.alias || !open(head.version, head.finishedAt)) continue;
    if (holder && head.version < holder.version) continue;
    const record = await ledger.materialization(asset, head.version);
    if (!record) continue;
    const decided = record.promotion;
    if (!decided?.promote || decided.alias !== spec.alias || !open(record.version, record.finishedAt))
      continue;
    if (holder && record.version < holder.version) continue;
    const verdict = decidePromotion({
      spec,
      metrics: record.metrics,
      notFinite: record.notFinite,
      checks: record.checks,
      holder
    });
    if (!verdict.promote) continue;
    found.push({ record, verdict });
    holder = record;
  }
  return found;
}
async function completeInterruptedPromotions(request) {
  const { ledger, asset, spec } = request;
  const done = [];
  for (const { record, verdict } of await interruptedPromotions(ledger, asset, spec)) {
    const outcome = await promoteIfBetter({
      ledger,
      spec,
      record,
      verdict: {
        ...verdict,
        reason: `completes the promotion of v${record.version} that an interrupted run decided: ${verdict.reason}`
      },
      by: request.by,
      run: request.run,
      at: request.at
    });
    if (outcome.moved) done.push(outcome);
  }
  return done;
}
async function aliasTarget(ledger, asset, version) {
  const heads = await ledger.heads(asset);
  if (!heads.some((head) => head.version === version)) {
    const latest = heads.at(-1)?.version;
    return {
      ok: false,
      error: `${asset} has no v${version}${latest === void 0 ? "" : ` (the latest is v${latest})`}`,
      hint: `see \`kiln history ${asset}\``
    };
  }
  const read = await readNamedRecord(ledger, asset, version);
  if (read.ok) return read;
  return {
    ok: false,
    error: `${asset} v${version} cannot be read, so no alias can point at it${read.detail}`,
    hint: read.problem?.fix ?? "run `kiln doctor`: it says how to repair or set aside the record"
  };
}
async function setAlias(request) {
  for (let race = 0; race < MAX_RACES; race++) {
    const from = aliasHolders(await request.ledger.aliasHistory(request.asset)).get(request.alias) ?? null;
    if (from === request.version) return { ok: true, from, to: from };
    if (request.version !== null) {
      const target = await aliasTarget(request.ledger, request.asset, request.version);
      if (!target.ok) return target;
    }
    const moved = await request.ledger.moveAlias({
      alias: request.alias,
      asset: request.asset,
      from,
      to: request.version,
      by: request.by,
      reason: request.reason,
      kind: request.kind
    });
    if (moved) return { ok: true, from, to: request.version };
  }
  throw new Error(`bug: alias ${request.alias} of ${request.asset} kept moving under ${MAX_RACES} attempts`);
}
async function rollbackAlias(request) {
  const { ledger, asset, alias } = request;
  for (let race = 0; race < MAX_RACES; race++) {
    const history = await ledger.aliasHistory(asset);
    const stack = rollbackStack(history, alias);
    const current = aliasHolders(history).get(alias);
    if (current === void 0) return { ok: false, error: `${asset} has no ${alias} to roll back` };
    const earlier = stack.slice(0, -1);
    let target;
    if (request.to !== void 0) {
      if (request.to === current) return { ok: false, error: `${asset}@${alias} is already v${current}` };
      if (!earlier.includes(request.to)) {
        return {
          ok: false,
          error: `v${request.to} is not an earlier ${alias} of ${asset} (${earlier.length ? `rollback can go to ${earlier.map((v) => `v${v}`).join(", ")}` : "there is none"})`,
          hint: `\`kiln promote ${asset} v${request.to}\` points ${alias} at any version`
        };
      }
      target = request.to;
    } else {
      target = earlier.at(-1);
      if (target === void 0) {
        return {
          ok: false,
          error: `${asset}@${alias} v${current} is the first holder; there is nothing to roll back to`,
          hint: `use \`kiln promote ${asset} vN\` to choose a version`
        };
      }
    }
    const readable = await aliasTarget(ledger, asset, target);
    if (!readable.ok) return readable;
    const refused = request.refuse?.(readable.record);
    if (refused !== void 0) {
      const other = earlier.filter((v) => v !== target && v !== current).at(-1);
      return {
        ok: false,
        error: `rolling back ${asset}@${alias} would move it to v${target}: ${refused}`,
        hint: `pass --force to move it back there anyway${other === void 0 ? "" : `, or go back to an earlier holder with --to v${other}`}`
      };
    }
    const moved = await ledger.moveAlias({
      alias,
      asset,
      from: current,
      to: target,
      by: request.by,
      reason: request.reason ?? `rolled back from v${current} with kiln rollback`,
      kind: "rollback"
    });
    if (moved) return { ok: true, from: current, to: target };
  }
  throw new Error(`bug: alias ${alias} of ${asset} kept moving under ${MAX_RACES} attempts`);
}
function trainedElsewhere(record, branch) {
  return record.context.pullRequest !== void 0 || branch !== void 0 && record.context.ref !== void 0 && record.context.ref !== branch;
}
function trainedWhere(record) {
  return record.context.pullRequest ? `pull request #${record.context.pullRequest}` : record.context.ref ? `branch ${record.context.ref}` : "a run that could not promote";
}
async function promoteCurrentVersion(request) {
  const { ledger, spec, record } = request;
  const judged = record.promotion;
  if (!judged?.blocked || judged.alias !== spec.alias) return void 0;
  if (record.context.environment !== request.environment || record.context.experiment) return void 0;
  const { history, damage } = await ledger.aliasState(record.asset);
  if (damage.length > 0) return void 0;
  const elsewhere = trainedElsewhere(record, request.branch);
  if (!stillOpen(history, spec.alias, elsewhere ? false : "written")(record.version, record.finishedAt))
    return void 0;
  const state = await currentHolder(ledger, record.asset, spec.alias);
  if (!state.ok) return void 0;
  const verdict = decidePromotion({
    spec,
    metrics: record.metrics,
    notFinite: record.notFinite,
    checks: record.checks,
    holder: state.holder
  });
  if (!verdict.promote) return void 0;
  const where = trainedWhere(record);
  if (elsewhere && request.merged) {
    const merged = await request.merged();
    if (!merged.merged) {
      request.held?.(merged.reason);
      return void 0;
    }
  }
  const outcome = await promoteIfBetter({
    ledger,
    spec,
    record,
    verdict: {
      ...verdict,
      reason: `v${record.version}, trained on ${where} (${judged.reason}), is this branch's current version: ${verdict.reason}`
    },
    by: request.by,
    run: request.run,
    at: request.at
  });
  return outcome.moved ? outcome : void 0;
}

export {
  locateJsonError,
  runChecks,
  blockingFailures,
  decidePromotion,
  currentHolder,
  LedgerDamaged,
  promoteIfBetter,
  interruptedPromotions,
  completeInterruptedPromotions,
  aliasTarget,
  setAlias,
  rollbackAlias,
  trainedWhere,
  promoteCurrentVersion
};
