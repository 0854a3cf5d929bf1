// `.kiln/reports/`: every run's report kept as `<run-id>.json` (the data `kiln report` renders
// again) and `<run-id>.md`, plus `latest.json`/`latest.md`, copies of the latest run that did
// something (materialized, failed or cancelled an asset, or moved its champion). A run that found everything fresh keeps
// its own report but does not replace `latest`: the report a user opens after a second, idle
// `kiln run` is still the one that says what was built. The newest KEEP_REPORTS runs are kept.
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ReportOutcome, RunReport } from "../report/model.js";
import { makeStateDirSync } from "../paths/kiln-dir.js";
import { removeFileSync, replaceFileSync } from "../paths/place.js";
import { compactTime } from "../domain/compact-time.js";

/** Runs whose reports are kept; older ones are removed when a run writes its own. */
export const KEEP_REPORTS = 50;

const LATEST = "latest";
const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** Outcomes that make a run worth showing by default. */
const DID_SOMETHING: ReadonlySet<ReportOutcome> = new Set(["materialized", "failed", "cancelled"]);

/** A run did something when it materialized, failed or cancelled an asset, or moved an alias. */
export function didSomething(report: Pick<RunReport, "assets">): boolean {
  return report.assets.some((asset) => DID_SOMETHING.has(asset.outcome) || asset.move);
}

/**
 * `20261123T225543Z-013fa9`: sorts by the run's tick, then by the order runs were kept within that
 * second (the first two hex digits count the ids already kept for the same second; the last four
 * are random, so two processes keeping a report at once still get different ids).
 */
export function newRunId(
  tick: Date,
  kept: readonly string[] = [],
  random: () => number = Math.random,
): string {
  const time = compactTime(tick);
  const sameSecond = kept
    .filter((id) => id.startsWith(`${time}-`))
    .map((id) => Number.parseInt(id.slice(-6, -4), 16));
  const sequence = Math.min(0xff, sameSecond.length === 0 ? 0 : Math.max(...sameSecond) + 1);
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, "0");
  return `${time}-${sequence.toString(16).padStart(2, "0")}${suffix}`;
}

export interface WrittenReport {
  runId: string;
  /** `<run-id>.md`. */
  file: string;
  /** `latest.md`, when this run replaced it. */
  latest?: string | undefined;
}

/**
 * Writes the run's report (data and Markdown), moves `latest` when the run did something, prunes.
 * Synchronous: it is the last thing a run does, a dozen small-file operations one after the other,
 * and each thread-pool round trip cost more than the operation (tens of milliseconds in all on a
 * busy machine, between the last step's end and Kiln's exit).
 */
export async function keepReport(
  dir: string,
  report: RunReport,
  markdown: string,
  runId?: string,
): Promise<WrittenReport> {
  makeStateDirSync(dir);
  const kept = runIds(dir);
  runId ??= newRunId(new Date(report.tick), kept);
  // Data for `kiln report` to render again, not for reading: one line, a third of the indented size.
  const data = `${JSON.stringify({ ...report, runId })}\n`;
  replaceFileSync(path.join(dir, `${runId}.json`), data);
  const file = path.join(dir, `${runId}.md`);
  replaceFileSync(file, markdown);
  let latest: string | undefined;
  // The first report ever is `latest` whatever it did, so `latest.md` always exists after a run.
  if (didSomething(report) || !existsSync(path.join(dir, `${LATEST}.json`))) {
    replaceFileSync(path.join(dir, `${LATEST}.json`), data);
    latest = path.join(dir, `${LATEST}.md`);
    replaceFileSync(latest, markdown);
  }
  prune(dir, kept.includes(runId) ? kept : [...kept, runId].sort());
  return { runId, file, latest };
}

function runIds(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter((id) => RUN_ID.test(id))
    .sort();
}

/** Removes all but the newest KEEP_REPORTS of `ids` (the folder's, listed once per write). */
function prune(dir: string, ids: readonly string[]): void {
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP_REPORTS))) {
    removeFileSync(path.join(dir, `${id}.json`));
    removeFileSync(path.join(dir, `${id}.md`));
  }
}

export interface KeptReport {
  runId: string;
  report: RunReport;
}

async function readKept(dir: string, id: string): Promise<KeptReport | undefined> {
  try {
    const report = JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as RunReport & {
      runId?: string;
    };
    return { runId: report.runId ?? id, report };
  } catch {
    return undefined;
  }
}

/** Every kept run, oldest first (unreadable files are left out). */
export async function listReports(dir: string): Promise<KeptReport[]> {
  const kept = await Promise.all(runIds(dir).map((id) => readKept(dir, id)));
  return kept.filter((k): k is KeptReport => k !== undefined);
}

export type ReportLookup =
  | { ok: true; kept: KeptReport }
  | { ok: false; reason: "none" | "unknown" | "ambiguous"; candidates: string[] };

/**
 * The report a user asks for: `undefined` → the latest run that did something (else the latest
 * run); otherwise a run id or a unique prefix of one (`20261123T2255`).
 */
export async function findReport(dir: string, run?: string): Promise<ReportLookup> {
  if (run === undefined || run === LATEST) {
    const latest = await readKept(dir, LATEST);
    if (latest) return { ok: true, kept: latest };
    // Reports written before runs were kept: only latest.json, which is gone; or nothing yet.
    const all = await listReports(dir);
    const chosen = all.findLast((k) => didSomething(k.report)) ?? all.at(-1);
    return chosen ? { ok: true, kept: chosen } : { ok: false, reason: "none", candidates: [] };
  }
  const ids = runIds(dir);
  const matches = ids.filter((id) => id.startsWith(run));
  if (matches.length === 1) {
    const kept = await readKept(dir, matches[0] as string);
    if (kept) return { ok: true, kept };
  }
  if (matches.length > 1) return { ok: false, reason: "ambiguous", candidates: matches };
  return { ok: false, reason: ids.length === 0 ? "none" : "unknown", candidates: ids.slice(-5) };
}
