// Asset checks (Dagster's asset checks, GitHub-style): a metric compared with a number, an output
// that must exist (and match a JSON Schema), or a command whose exit code is the verdict.
import { compileJsonSchema } from "./json-schema.js";
import { locateJsonError } from "./json-syntax.js";
import { formatNumber } from "../report/format.js";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { type CheckSpec, METRIC_EXPRESSION } from "../manifest/project.js";
import type { CheckResult, NotFinite } from "../domain/records.js";
import { unreportedMetric } from "../manifest/suggest.js";

export type Comparison = "<" | "<=" | ">" | ">=" | "==" | "!=";

export interface MetricExpression {
  metric: string;
  op: Comparison;
  value: number;
}

/** Parses `mae < 70`; undefined when the text is not `NAME OP NUMBER`. */
export function parseMetricExpression(text: string): MetricExpression | undefined {
  const match = METRIC_EXPRESSION.exec(text);
  if (!match) return undefined;
  return { metric: match[1]!, op: match[2] as Comparison, value: Number(match[3]) };
}

export function compare(left: number, op: Comparison, right: number): boolean {
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

export interface CheckEnvironment {
  root: string;
  metrics: Record<string, number>;
  /** Metrics the step reported as NaN or ±Infinity. */
  notFinite?: Record<string, NotFinite> | undefined;
  /**
   * Runs a check command with the step's environment; resolves to its exit code and output tail,
   * and `stopped` when it did not end on its own (timed out, its log could not be written, it could
   * not start): then the check fails whatever the exit code, since a command that handles SIGTERM
   * may well exit 0.
   */
  runCommand(command: string): Promise<{ code: number; tail: string; stopped?: string | undefined }>;
}

function result(check: CheckSpec, passed: boolean, message: string): CheckResult {
  return { name: check.name, kind: check.kind, blocking: check.blocking, passed, message };
}

async function metricCheck(
  check: Extract<CheckSpec, { kind: "metric" }>,
  env: CheckEnvironment,
): Promise<CheckResult> {
  const expression = parseMetricExpression(check.expression);
  if (!expression)
    return result(check, false, `cannot read "${check.expression}": write NAME OP NUMBER, e.g. mae < 70`);
  const actual = env.metrics[expression.metric];
  if (actual === undefined) {
    const notFinite = env.notFinite?.[expression.metric];
    if (notFinite) return result(check, false, `metric ${expression.metric} is ${notFinite}, not a number`);
    return result(check, false, unreportedMetric(expression.metric, Object.keys(env.metrics)));
  }
  const passed = compare(actual, expression.op, expression.value);
  const shown = formatNumber(actual, expression.value);
  return result(
    check,
    passed,
    `${expression.metric} = ${shown} ${passed ? "" : "not "}${expression.op} ${expression.value}`,
  );
}

async function outputCheck(
  check: Extract<CheckSpec, { kind: "output" }>,
  env: CheckEnvironment,
): Promise<CheckResult> {
  const file = path.resolve(env.root, check.path);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return result(check, false, `${check.path} does not exist`);
  }
  if (info.isDirectory()) {
    // A folder is non-empty when it holds a file: empty subfolders are what `mkdir -p` leaves
    // when a step wrote nothing (a version of a folder is its files, materialize.ts).
    const files = await folderFiles(file);
    if (files.count === 0) return result(check, false, `${check.path} is an empty folder`);
    if (check.jsonSchema) {
      // A schema validates one JSON value: reading the folder as a file failed with a bare EISDIR.
      const example = files.json[0];
      return result(
        check,
        false,
        `${check.path} is a folder, and a json-schema check reads one JSON file: point the check's output at a file inside it${example ? `, such as ${path.posix.join(check.path, example)}` : ""}`,
      );
    }
    return result(
      check,
      true,
      `${check.path} exists (${files.count} file${files.count === 1 ? "" : "s"}, ${files.bytes} bytes)`,
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
    const note =
      unknownFormats.length === 0
        ? ""
        : unknownFormats.length === 1
          ? `; format ${unknown} is not one Kiln knows, so it was not asserted`
          : `; formats ${unknown} are not ones Kiln knows, so they were not asserted`;
    return result(check, true, `${check.path} matches ${check.jsonSchema}${note}`);
  }
  const problems = (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`)
    .join("; ");
  return result(check, false, `${check.path} does not match ${check.jsonSchema}: ${problems}`);
}

/**
 * How many regular files a folder holds, at any depth, and their bytes; its `.json` files, as
 * paths inside it with forward slashes, sorted (one is named to a json-schema check on a folder).
 */
async function folderFiles(folder: string): Promise<{ count: number; bytes: number; json: string[] }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  let count = 0;
  let bytes = 0;
  const json: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    count++;
    const file = path.join(entry.parentPath, entry.name);
    bytes += (await stat(file)).size;
    if (entry.name.endsWith(".json")) json.push(path.relative(folder, file).split(path.sep).join("/"));
  }
  return { count, bytes, json: json.sort() };
}

/**
 * A JSON file's value, or why not in words that quote none of it: JSON.parse's message quotes the
 * text around the error, and an output may hold a secret (json-syntax.ts).
 */
async function readJson(file: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const where = locateJsonError(text);
    return {
      ok: false,
      error: where ? `line ${where.line}, column ${where.column}: ${where.problem}` : "not valid JSON",
    };
  }
}

async function commandCheck(
  check: Extract<CheckSpec, { kind: "command" }>,
  env: CheckEnvironment,
): Promise<CheckResult> {
  const { code, tail, stopped } = await env.runCommand(check.command);
  if (stopped) return result(check, false, stopped);
  const suffix = tail ? `: ${tail}` : "";
  return result(check, code === 0, code === 0 ? "exit code 0" : `exit code ${code}${suffix}`);
}

export async function runChecks(checks: readonly CheckSpec[], env: CheckEnvironment): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (check.kind === "metric") results.push(await metricCheck(check, env));
    else if (check.kind === "output") results.push(await outputCheck(check, env));
    else results.push(await commandCheck(check, env));
  }
  return results;
}

export function blockingFailures(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.blocking && !r.passed);
}
