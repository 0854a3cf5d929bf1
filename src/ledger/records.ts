// Reading ledger files written by any process or Kiln version: each record is checked before use,
// and a record that does not fit is reported by its caller (by path) and skipped, never fatal.
import type { Result } from "../domain/result.js";
import {
  type AliasEvent,
  type CursorState,
  type FailureRecord,
  type MaterializationRecord,
  RECORD_SCHEMA,
  type SeriesPoint,
  type StoreLocation,
  type VersionHead,
} from "../domain/records.js";

type RecordSchemas = typeof import("./record-schemas.js");
let schemas: RecordSchemas | undefined;

/**
 * zod's schemas of the ledger's files (record-schemas.ts), loaded on first use: a status whose
 * records and heads pass their hand checks never needs them, and they are ~30 % of its code.
 */
export async function recordSchemas(): Promise<RecordSchemas> {
  schemas ??= await import("./record-schemas.js");
  return schemas;
}

/**
 * Thrown by a synchronous read (parseMaterialization) that meets a record the hand check refuses
 * before zod's schemas are loaded: whoever reads records synchronously does it inside
 * withRecordSchemas, which loads them and reads again.
 */
export class RecordSchemasNeeded extends Error {
  constructor() {
    super("bug: a record needs zod's schemas before they were loaded (read it inside withRecordSchemas)");
  }
}

function schemasNow(): RecordSchemas {
  if (!schemas) throw new RecordSchemasNeeded();
  return schemas;
}

/**
 * Runs `read`, a read of records (synchronous, or asynchronous around a synchronous part); when it
 * met a record that needs zod's schemas before they were loaded, loads them and runs it again.
 * The first try stops at that record, before it reports or keeps anything of it, so the second
 * sees the same files as a first read would.
 */
export async function withRecordSchemas<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RecordSchemasNeeded)) throw error;
    await recordSchemas();
    return read();
  }
}

/**
 * A head line's shape, checked by hand: a status of 2,000 assets with 20 versions each reads 40,000
 * heads, and a zod parse per line was most of its time. Same rules as the record's fields.
 */
function isHead(data: unknown): data is VersionHead {
  if (typeof data !== "object" || data === null) return false;
  const h = data as Record<string, unknown>;
  const context = h.context as Record<string, unknown> | null | undefined;
  const metrics = h.metrics as Record<string, unknown> | null | undefined;
  return (
    typeof h.version === "number" &&
    Number.isInteger(h.version) &&
    h.version > 0 &&
    typeof h.logicalVersion === "string" &&
    typeof h.dataVersion === "string" &&
    typeof h.codeVersion === "string" &&
    typeof h.startedAt === "string" &&
    typeof h.finishedAt === "string" &&
    typeof context === "object" &&
    context !== null &&
    typeof context.event === "string" &&
    typeof context.environment === "string" &&
    (context.runAttempt === undefined ||
      (typeof context.runAttempt === "number" &&
        Number.isSafeInteger(context.runAttempt) &&
        context.runAttempt > 0)) &&
    typeof metrics === "object" &&
    metrics !== null &&
    Object.values(metrics).every((v) => typeof v === "number") &&
    (h.notFinite === undefined ||
      (isRecordOf(h.notFinite) &&
        Object.values(h.notFinite).every((v) => v === "NaN" || v === "Infinity" || v === "-Infinity"))) &&
    (h.promotes === undefined || typeof h.promotes === "string") &&
    (h.undeclaredOutputs === undefined || h.undeclaredOutputs === true)
  );
}

const isRecordOf = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether a head holds everything status reads (see VersionHead): heads written by an older Kiln
 * lack deps, outputs and locations and are rebuilt from their records rather than reported.
 */
function isComplete(head: VersionHead): boolean {
  const { deps, outputs, locations } = head as Partial<VersionHead>;
  return (
    isRecordOf(deps) &&
    Object.values(deps).every((v) => typeof v === "string") &&
    isRecordOf(outputs) &&
    Object.values(outputs).every(
      (o) => isRecordOf(o) && typeof o.blob === "string" && typeof o.size === "number",
    ) &&
    Array.isArray(locations) &&
    locations.every((l) => isRecordOf(l) && typeof l.kind === "string" && typeof l.ref === "string")
  );
}
// ---- the materialization schema, checked by hand -----------------------------------------------
// A history site of 300 assets × 1,000 versions reads 300,000 records, and zod's parse was a third
// of reading each one (it builds a new object per level). `isMaterialization` accepts exactly what
// zod's schema (record-schemas.ts) accepts *and gives back unchanged*: where zod would strip a key
// (the plain z.object levels: provenance, checks, outputs, seriesFile), it says no, and zod parses
// the record as before, so the value and every error message are zod's. Keep the two in step
// (test/ledger/record-check.test.ts compares them field by field).

type Loose = Record<string, unknown>;

function isPlain(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function allValues(value: unknown, check: (v: unknown) => boolean): boolean {
  if (!isPlain(value)) return false;
  for (const key in value) if (!check(value[key])) return false;
  return true;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNumber(v) && Number.isSafeInteger(v);
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every(isString);
const CHECK_KINDS: ReadonlySet<unknown> = new Set(["metric", "output", "command"]);
const LOCATION_KINDS: ReadonlySet<unknown> = new Set(["local", "cache", "artifact", "release"]);

/** Keys of `value` beyond `allowed`: zod's plain objects strip them, so the record is not as read. */
function onlyKeys(value: Loose, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const PROVENANCE_KEYS: ReadonlySet<string> = new Set([
  "codeVersion",
  "code",
  "runHash",
  "config",
  "env",
  "inputs",
  "deps",
  "overrides",
  "outputs",
]);
const CHECK_KEYS: ReadonlySet<string> = new Set(["name", "kind", "blocking", "passed", "message"]);
const OUTPUT_KEYS: ReadonlySet<string> = new Set(["blob", "size"]);
const SERIES_FILE_KEYS: ReadonlySet<string> = new Set(["path", "points"]);

function isProvenance(p: unknown): boolean {
  return (
    isPlain(p) &&
    onlyKeys(p, PROVENANCE_KEYS) &&
    isString(p.codeVersion) &&
    allValues(p.code, isString) &&
    isString(p.runHash) &&
    allValues(p.config, () => true) &&
    allValues(p.env, isString) &&
    allValues(p.inputs, isString) &&
    allValues(p.deps, isString) &&
    (p.overrides === undefined || allValues(p.overrides, () => true)) &&
    (p.outputs === undefined || isStrings(p.outputs))
  );
}

function isCheck(c: unknown): boolean {
  return (
    isPlain(c) &&
    onlyKeys(c, CHECK_KEYS) &&
    isString(c.name) &&
    CHECK_KINDS.has(c.kind) &&
    typeof c.blocking === "boolean" &&
    typeof c.passed === "boolean" &&
    isString(c.message)
  );
}

const isPoint = (p: unknown): boolean => isPlain(p) && isNumber(p.step);

function isPromotion(p: unknown): boolean {
  return (
    isPlain(p) &&
    isString(p.alias) &&
    typeof p.promote === "boolean" &&
    isString(p.reason) &&
    (p.against === undefined || (isInt(p.against) && p.against > 0)) &&
    (p.blocked === undefined || typeof p.blocked === "boolean")
  );
}

/** Whether zod's `materialization` schema would accept `data` and return it as it is. */
export function isMaterialization(data: unknown): data is MaterializationRecord {
  if (!isPlain(data)) return false;
  const d = data;
  const context = d.context;
  const seriesFile = d.seriesFile;
  return (
    d.schema === RECORD_SCHEMA &&
    isString(d.asset) &&
    isInt(d.version) &&
    d.version > 0 &&
    d.status === "success" &&
    isString(d.logicalVersion) &&
    isString(d.dataVersion) &&
    isProvenance(d.provenance) &&
    allValues(d.metrics, isNumber) &&
    Array.isArray(d.checks) &&
    d.checks.every(isCheck) &&
    isStrings(d.reasons) &&
    isPlain(context) &&
    isString(context.event) &&
    isString(context.environment) &&
    (context.runAttempt === undefined || (isInt(context.runAttempt) && context.runAttempt > 0)) &&
    isString(d.startedAt) &&
    isString(d.finishedAt) &&
    isNumber(d.durationMs) &&
    isNumber(d.attempts) &&
    allValues(
      d.outputs,
      (o) => isPlain(o) && onlyKeys(o, OUTPUT_KEYS) && isString(o.blob) && isNumber(o.size),
    ) &&
    Array.isArray(d.locations) &&
    d.locations.every((l) => isPlain(l) && LOCATION_KINDS.has(l.kind) && isString(l.ref)) &&
    Array.isArray(d.series) &&
    d.series.every(isPoint) &&
    (seriesFile === undefined ||
      (isPlain(seriesFile) &&
        onlyKeys(seriesFile, SERIES_FILE_KEYS) &&
        isString(seriesFile.path) &&
        isInt(seriesFile.points) &&
        seriesFile.points >= 0)) &&
    (d.seriesPreview === undefined || (Array.isArray(d.seriesPreview) && d.seriesPreview.every(isPoint))) &&
    (d.promotion === undefined || isPromotion(d.promotion))
  );
}

function expectedRecord(
  record: MaterializationRecord,
  expected: { asset: string; version: number },
): Result<MaterializationRecord> {
  if (record.asset !== expected.asset || record.version !== expected.version) {
    return {
      ok: false,
      error: `holds ${record.asset} v${record.version}, not ${expected.asset} v${expected.version}`,
    };
  }
  return { ok: true, value: record };
}

/**
 * A materialization record as read, checked by hand; anything the hand check does not take (damage,
 * keys zod strips) goes through zod, whose answer it is. Synchronous: a record that needs zod
 * before its schemas are loaded throws RecordSchemasNeeded (read records inside withRecordSchemas).
 */
export function parseMaterialization(
  data: unknown,
  expected: { asset: string; version: number },
): Result<MaterializationRecord> {
  if (isMaterialization(data)) return expectedRecord(data, expected);
  const { materialization, explain } = schemasNow();
  const parsed = materialization().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  return expectedRecord(parsed.data as unknown as MaterializationRecord, expected);
}

export async function parseFailure(data: unknown, asset: string): Promise<Result<FailureRecord>> {
  const { failure, explain } = await recordSchemas();
  const parsed = failure().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  if (parsed.data.asset !== asset)
    return { ok: false, error: `holds a failure of ${parsed.data.asset}, not ${asset}` };
  return { ok: true, value: parsed.data as unknown as FailureRecord };
}

function parseAliasLine({ aliasEvent }: RecordSchemas, line: string, asset: string): Result<AliasEvent> {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, error: "an unreadable alias line (cut short by a crash?); skipped" };
  }
  const parsed = aliasEvent().safeParse(data);
  if (!parsed.success || parsed.data.asset !== asset)
    return { ok: false, error: "not a Kiln alias event; skipped" };
  return { ok: true, value: parsed.data };
}

export async function parseCursor(text: string): Promise<Result<CursorState>> {
  const { cursor, explain } = await recordSchemas();
  try {
    const parsed = cursor().safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: explain(parsed.error) };
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
}

/**
 * A scope's cursor from a file's text: undefined (with a problem) when damaged, and when the
 * cursor names another scope (a file of the layout before digests, shared by `feature/x` and
 * `feature_x`).
 */
export async function cursorOf(
  scope: string,
  text: string,
  problem: (message: string) => void,
): Promise<CursorState | undefined> {
  const parsed = await parseCursor(text);
  if (!parsed.ok) {
    problem(`${parsed.error}; the automation cursors start over`);
    return undefined;
  }
  return parsed.value.scope === scope ? parsed.value : undefined;
}

/** Parses an alias log; blank lines are separators, unreadable lines are returned by line number. */
export async function parseAliasLog(
  text: string,
  asset: string,
): Promise<{ events: AliasEvent[]; problems: Array<{ line: number; message: string }> }> {
  const loaded = await recordSchemas();
  const events: AliasEvent[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseAliasLine(loaded, line, asset);
    if (parsed.ok) events.push(parsed.value);
    else problems.push({ line: i + 1, message: parsed.error });
  });
  return { events, problems };
}

type LineProblem = { line: number; message: string };

/**
 * Reads a JSON-lines log that writers append to (locations, heads): each line on its own, so a line
 * cut short by a crash mid-append, or one of the wrong shape, is reported by number and skipped
 * while the rest still reads.
 */
function readJsonLines<T>(
  text: string,
  kind: string,
  expected: string,
  check: (data: unknown) => data is T,
): { values: T[]; problems: LineProblem[] } {
  const values: T[] = [];
  const problems: LineProblem[] = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = readJsonLine(line, kind, expected, check);
    if ("value" in read) values.push(read.value);
    else problems.push({ line: number, message: read.problem });
  });
  return { values, problems };
}

/** One line of a JSON-lines log: its value, or why it is skipped. */
function readJsonLine<T>(
  line: string,
  kind: string,
  expected: string,
  check: (data: unknown) => data is T,
): { value: T } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { problem: `an unreadable ${kind} line (cut short by a crash?); skipped` };
  }
  return check(data) ? { value: data } : { problem: `not ${expected}; skipped` };
}

/** Parses a locations log (one StoreLocation per line); unreadable lines (a crash mid-append) are skipped. */
export async function parseLocationLog(
  text: string,
): Promise<{ locations: StoreLocation[]; problems: LineProblem[] }> {
  const { storeLocation } = await recordSchemas();
  const read = readJsonLines(
    text,
    "location",
    "a store location",
    (data): data is StoreLocation => storeLocation().safeParse(data).success,
  );
  return { locations: read.values, problems: read.problems };
}

/** What to do about a damaged heads line: heads are an index of the records, rebuilt from them. */
export const HEAD_LINE_FIX =
  "delete the line: a head is an index entry rebuilt from its version's record, which stays the truth";

/**
 * Parses a heads log (one VersionHead per line, see domain/records.ts); a line cut short by a crash
 * or not a head is returned by line number. A version logged twice keeps its first complete line;
 * a version with only an older Kiln's incomplete head is left out, for the caller to rebuild from
 * its record (and append), as for a version without a head.
 */
export function parseHeadLog(text: string): { heads: Map<number, VersionHead>; problems: LineProblem[] } {
  const heads = new Map<number, VersionHead>();
  const problems: LineProblem[] = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = parseHeadLine(line);
    if ("problem" in read) problems.push({ line: number, message: read.problem });
    else if ("head" in read && !heads.has(read.head.version)) heads.set(read.head.version, read.head);
  });
  return { heads, problems };
}

/**
 * One line of a heads log, as parseHeadLog reads it: the head, or why it is skipped (a problem to
 * report, or an older Kiln's incomplete head, which is no problem but no head either).
 */
export function parseHeadLine(
  line: string,
): { head: VersionHead } | { problem: string } | { incomplete: true } {
  const read = readJsonLine(line, "head", "a version head", isHead);
  if ("problem" in read) return read;
  return isComplete(read.value) ? { head: read.value } : { incomplete: true };
}

/** Parses a series file (one point a line, as written by seriesText); bad lines are reported. */
export function parseSeriesText(text: string): {
  points: SeriesPoint[];
  problems: Array<{ line: number; message: string }>;
} {
  const points: SeriesPoint[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    try {
      const point = JSON.parse(line) as SeriesPoint;
      if (typeof point === "object" && point !== null && typeof point.step === "number") points.push(point);
      else problems.push({ line: number, message: "not a series point; skipped" });
    } catch {
      problems.push({ line: number, message: "an unreadable series line; skipped" });
    }
  });
  return { points, problems };
}

/**
 * Calls `visit` with each line of `text` and its number (from 1) until it returns false. Walks the
 * text rather than splitting it: a 100,000-point series is one string, and a heads log is read
 * for its first few lines' sake.
 */
export function eachLine(text: string, visit: (line: string, number: number) => unknown): void {
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    number++;
    if (visit(text.slice(start, end), number) === false) return;
    start = end + 1;
  }
}
