// Reads what a step reported through the step protocol: KILN_METRICS (one JSON object of numbers)
// and KILN_SERIES (JSON lines with a numeric `step` and numbers). Bad files are errors that name
// the asset, the file and the line, so the author can fix the script without reading Kiln's code.
// NaN and ±Infinity are not JSON, but Python's json.dump writes them for a diverged loss: they are
// read, kept apart from the numbers and reported as warnings, never a reason to fail a finished run.
import type { Result } from "../domain/result.js";
import { createReadStream, existsSync, openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { NotFinite, SeriesPoint } from "../domain/records.js";
import { locateJsonError } from "./json-syntax.js";

export interface StepMetrics {
  /** The finite metrics. */
  values: Record<string, number>;
  notFinite: Record<string, NotFinite>;
  warnings: string[];
}

export interface StepSeries {
  /** Points with their finite values; a NaN value is left out of its point. */
  points: SeriesPoint[];
  warnings: string[];
}

async function readOptional(file: string): Promise<string | undefined> {
  // Most steps write no metrics: asked first, since a failed read throws an error whose stack
  // trace costs more than the look.
  if (!existsSync(file)) return undefined;
  try {
    // Synchronous: usually a small file or none, and a thread-pool round trip costs more.
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * The longest metric or series name Kiln records. Names are keys in records, columns in reports and
 * labels in charts; a step that writes a 50 MB key (a dumped array as a name) fails with this
 * instead of carrying it into the ledger.
 */
export const MAX_METRIC_NAME = 200;

/** A name as quoted in an error: one line, at most 80 characters, whatever the step wrote. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/** Why a metric or series name is refused, or undefined when it is fine. */
function badName(asset: string, name: string, where: string): string | undefined {
  if (name.length <= MAX_METRIC_NAME) return undefined;
  return `asset "${asset}" reported a name of ${name.length.toLocaleString("en-US")} characters (${quoted(name)}) ${where}: metric and series names are at most ${MAX_METRIC_NAME} characters`;
}

const SENTINEL = "\u0000kiln:";
// A string literal (skipped as a whole) or a bare NaN/Infinity token outside strings.
const TOKENS = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)\b/g;

/** Why a step's JSON did not parse, located, quoting none of it (see json-syntax.ts). */
export interface StepJsonError {
  line: number;
  column: number;
  problem: string;
}

/**
 * JSON.parse that also accepts the NaN, Infinity and -Infinity tokens Python and our helpers write,
 * and a UTF-8 byte order mark before the value: .NET's Encoding.UTF8, PowerShell 5 and Python's
 * utf-8-sig write one at the start of a file (KILN_METRICS, the first line of KILN_SERIES).
 */
export function parseStepJson(
  written: string,
): { ok: true; value: unknown } | ({ ok: false } & StepJsonError) {
  const text = written.startsWith("\uFEFF") ? written.slice(1) : written;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const replaced = text.replace(TOKENS, (match, token: string | undefined) =>
      token ? JSON.stringify(SENTINEL + token) : match,
    );
    if (replaced !== text) {
      try {
        return {
          ok: true,
          value: JSON.parse(replaced, (_key, value: unknown) =>
            typeof value === "string" && value.startsWith(SENTINEL)
              ? Number(value.slice(SENTINEL.length))
              : value,
          ),
        };
      } catch {
        // located below
      }
    }
    // The parser's own message quotes the text (which may hold a secret): never used.
    const where = locateJsonError(text) ?? { line: 1, column: 1, problem: "not valid JSON" };
    return { ok: false, ...where };
  }
}

/** What a step's value is, in words, without echoing it (it may be a secret). */
function kindOf(value: unknown): string {
  if (typeof value === "string")
    return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
  if (typeof value === "boolean") return "a boolean";
  if (Array.isArray(value)) return "an array";
  return "an object";
}

function notFinite(value: number): NotFinite {
  return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}

/** Metrics: `{"mae": 61.2, "r2": 0.43}`. A missing or empty file means no metrics. */
export async function readMetrics(asset: string, file: string): Promise<Result<StepMetrics>> {
  const text = await readOptional(file);
  const result: StepMetrics = { values: {}, notFinite: {}, warnings: [] };
  if (text === undefined || text.trim() === "") return { ok: true, value: result };
  const parsed = parseStepJson(text);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `asset "${asset}" wrote invalid JSON to KILN_METRICS at ${file}:${parsed.line}:${parsed.column}: ${parsed.problem}`,
    };
  }
  const object = parsed.value;
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return {
      ok: false,
      error: `asset "${asset}" must write one JSON object of numbers to KILN_METRICS (${file}), e.g. {"mae": 61.2}`,
    };
  }
  for (const [name, raw] of Object.entries(object)) {
    const tooLong = badName(asset, name, `in ${file}`);
    if (tooLong) return { ok: false, error: tooLong };
    // JavaScript's JSON.stringify writes NaN as null: the same diverged value, said differently.
    const value = raw === null ? Number.NaN : raw;
    if (typeof value !== "number") {
      return {
        ok: false,
        error: `asset "${asset}" reported metric ${quoted(name)} as ${kindOf(value)} in ${file}: metrics must be numbers`,
      };
    }
    if (Number.isFinite(value)) {
      result.values[name] = value;
      continue;
    }
    result.notFinite[name] = notFinite(value);
    result.warnings.push(
      `metric ${name} is ${raw === null ? "null (JSON.stringify's NaN)" : notFinite(value)}: recorded as not-a-number (a check on it fails; it never wins a promotion)`,
    );
  }
  return { ok: true, value: result };
}

export type SeriesLine =
  | { ok: true; point: SeriesPoint; notFinite: [name: string, kind: NotFinite][] }
  | { ok: false; error: string };

/** One KILN_SERIES line: `{"step": 3, "train_loss": 0.41}`; NaN values are left out and listed. */
export function parseSeriesLine(asset: string, line: string, where: string): SeriesLine {
  const parsed = parseStepJson(line);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `asset "${asset}" wrote invalid JSON to KILN_SERIES at ${where}:${parsed.column}: ${parsed.problem}`,
    };
  }
  const record = parsed.value;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { ok: false, error: `asset "${asset}" wrote a non-object line to KILN_SERIES at ${where}` };
  }
  const { step } = record as Record<string, unknown>;
  if (typeof step !== "number" || !Number.isFinite(step)) {
    return {
      ok: false,
      error: `asset "${asset}" wrote a KILN_SERIES line without a numeric "step" at ${where}`,
    };
  }
  const point: SeriesPoint = { step };
  const dropped: [string, NotFinite][] = [];
  for (const [name, raw] of Object.entries(record)) {
    if (name === "step") continue;
    const tooLong = badName(asset, name, `at ${where}`);
    if (tooLong) return { ok: false, error: tooLong };
    const value = raw === null ? Number.NaN : raw;
    if (typeof value !== "number") {
      return {
        ok: false,
        error: `asset "${asset}" wrote ${quoted(name)} as ${kindOf(value)} at ${where}: series values must be numbers`,
      };
    }
    if (Number.isFinite(value)) point[name] = value;
    else dropped.push([name, notFinite(value)]);
  }
  return { ok: true, point, notFinite: dropped };
}

/**
 * Series: one JSON object per line, `{"step": 3, "train_loss": 0.41}`. Blank lines are ignored.
 * Read line by line and handed to `onPoint` one at a time, so a series of any length is never held
 * in memory; a bad line stops the reading with its error (what was handed out before it is then
 * not to be recorded). The warnings sum up the NaN/Infinity values left out.
 */
export async function streamSeries(
  asset: string,
  file: string,
  onPoint: (point: SeriesPoint) => void,
): Promise<Result<{ points: number; warnings: string[] }>> {
  // Opened synchronously: most steps write no series, and a stream's open is a thread-pool round
  // trip on every materialization to learn that.
  let fd: number;
  if (!existsSync(file)) return { ok: true, value: { points: 0, warnings: [] } };
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { ok: true, value: { points: 0, warnings: [] } };
    throw error;
  }
  const input = createReadStream(file, { fd, encoding: "utf8" });
  let count = 0;
  // name → how many points had a NaN/Infinity, and the first step where it happened.
  const dropped = new Map<string, { count: number; first: number; kinds: Set<NotFinite> }>();
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
        const seen = dropped.get(name) ?? { count: 0, first: parsed.point.step, kinds: new Set<NotFinite>() };
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
    ([name, { count: n, first, kinds }]) =>
      `series ${name} is ${[...kinds].join("/")} at ${n} point${n === 1 ? "" : "s"} from step ${first}: left out of charts`,
  );
  return { ok: true, value: { points: count, warnings } };
}

/** The whole series in memory (short series, tests); streamSeries for one of any length. */
export async function readSeries(asset: string, file: string): Promise<Result<StepSeries>> {
  const points: SeriesPoint[] = [];
  const read = await streamSeries(asset, file, (point) => points.push(point));
  if (!read.ok) return read;
  return { ok: true, value: { points, warnings: read.value.warnings } };
}
