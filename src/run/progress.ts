// How a run shows its progress. Three reporters behind one interface (as wireit's loggers):
// a live table redrawn in place for terminals, one line per state change for pipes and files,
// and `::group::` sections with timings for GitHub Actions logs.
import { terminalText, workflowCommand } from "../report/escape.js";
import { formatDuration, formatNumber } from "../report/format.js";
import { readFileSync } from "node:fs";
import type { SeriesPoint } from "../domain/records.js";

export type AssetState = "queued" | "running" | "success" | "failed" | "skipped" | "fresh" | "cancelled";

export interface ProgressEvent {
  asset: string;
  state: AssetState;
  /** One line: why it runs, why it was skipped, the failure, the new version. */
  detail?: string | undefined;
  /** The full log of a finished step, for reporters that print logs after the fact. */
  logFile?: string | undefined;
}

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** A line of step output. */
  line(asset: string, text: string): void;
  /** The latest training progress of a running step: `epoch 37/60 · val_mae 2.51`. */
  progress(asset: string, text: string): void;
  /** Stops redrawing; the caller prints the summary after this. */
  close(): void;
}

const SYMBOL: Record<AssetState, string> = {
  queued: "·",
  running: "▶",
  success: "✓",
  failed: "✗",
  skipped: "-",
  fresh: "=",
  cancelled: "■",
};

/**
 * One series point as a progress text: `epoch 37/60 · val_mae 2.51 · train_mae 2.4`. The step is
 * an epoch out of `total` when the config declares `epochs`; the primary metric comes first.
 */
export function formatSeriesPoint(
  point: SeriesPoint,
  options: { total?: number | undefined; primary?: string | undefined } = {},
): string {
  const step = formatNumber(point.step);
  const names = Object.keys(point).filter((name) => name !== "step");
  const ordered =
    options.primary && names.includes(options.primary)
      ? [options.primary, ...names.filter((name) => name !== options.primary)]
      : names;
  const values = ordered.slice(0, 3).map((name) => `${name} ${formatNumber(point[name]!)}`);
  const label = options.total !== undefined ? `epoch ${step}/${options.total}` : `step ${step}`;
  return [label, ...values].join(" · ");
}

/** Terminals that report 0 columns (some CI pseudo-terminals, resized panes) get a sane width. */
export function terminalWidth(columns: number | undefined): number {
  return columns !== undefined && Number.isFinite(columns) && columns >= 20 ? columns : 100;
}

interface Row {
  state: AssetState;
  detail: string;
  /** When the row last changed state, in updates (the most recently finished are kept in view). */
  changed: number;
  started?: number;
  finished?: number;
  last?: string;
  progress?: string;
}

type Write = (text: string) => void;

/** The order hidden rows are counted in on the table's last line. */
const SUMMARY_ORDER: AssetState[] = [
  "running",
  "failed",
  "cancelled",
  "success",
  "fresh",
  "skipped",
  "queued",
];

/**
 * The rows a frame of `height` lines shows when the table is taller: a cursor cannot move up to a
 * line that scrolled off, so a taller frame would leave a copy of its top behind at each redraw.
 * Running steps and failures first; the rest of the space shared by the most recently finished
 * and the next queued (either takes what the other cannot use); the rows kept in the table's
 * order, and one last line counting the others by state.
 */
function fitRows(all: [string, Row][], height: number): { shown: [string, Row][]; summary?: string } {
  if (all.length <= height) return { shown: all };
  const budget = Math.max(1, height - 1);
  const keep = new Set<string>();
  const take = (names: string[], limit: number) => {
    for (const name of names) {
      if (keep.size >= limit) break;
      keep.add(name);
    }
  };
  take(
    all.filter(([, r]) => r.state === "running").map(([n]) => n),
    budget,
  );
  take(
    all.filter(([, r]) => r.state === "failed").map(([n]) => n),
    budget,
  );
  const finished = all
    .filter(([n, r]) => !keep.has(n) && r.state !== "queued" && r.state !== "running")
    .sort(([, a], [, b]) => b.changed - a.changed)
    .map(([n]) => n);
  const queued = all.filter(([, r]) => r.state === "queued").map(([n]) => n);
  const left = budget - keep.size;
  const queuedShare = Math.min(queued.length, Math.floor(left / 2));
  take(finished, budget - queuedShare);
  take(queued, budget);
  const shown = all.filter(([n]) => keep.has(n));
  const hidden = new Map<AssetState, number>();
  for (const [n, r] of all) if (!keep.has(n)) hidden.set(r.state, (hidden.get(r.state) ?? 0) + 1);
  const counts = SUMMARY_ORDER.filter((s) => hidden.has(s)).map((s) => `${hidden.get(s)} ${s}`);
  return { shown, summary: `… ${all.length - shown.length} more: ${counts.join(", ")}` };
}

/**
 * Redraws a table of every asset in place, a few times a second; while redrawing, no taller than
 * the terminal (`rows`), and whole once at the end.
 */
export function liveTableReporter(
  write: Write,
  options: { columns?: number; rows?: number | undefined; now?: () => number } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const rows = new Map<string, Row>();
  let drawnLines = 0;
  let updates = 0;
  const width = terminalWidth(options.columns);
  const height =
    options.rows !== undefined && options.rows >= 2 ? options.rows - 1 : Number.POSITIVE_INFINITY;
  const draw = (final = false) => {
    const nameWidth = Math.max(5, ...[...rows.keys()].map((n) => n.length));
    const { shown, summary } = final ? { shown: [...rows] } : fitRows([...rows], height);
    const lines = shown.map(([name, row]) => {
      const elapsed = row.started !== undefined ? formatDuration((row.finished ?? now()) - row.started) : "";
      const info = row.state === "running" ? (row.progress ?? row.last ?? row.detail) : row.detail;
      const text = `${SYMBOL[row.state]} ${name.padEnd(nameWidth)}  ${row.state.padEnd(9)} ${elapsed.padStart(9)}  ${info}`;
      // This writer bypasses the CLI's sanitizer (it moves the cursor itself): rows are made safe here.
      const safe = terminalText(text);
      return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
    });
    if (summary) lines.push(summary);
    // Move up over the previous drawing, clear to the end of the screen, draw again.
    write(`${drawnLines ? `\x1b[${drawnLines}F` : ""}\x1b[0J${lines.join("\n")}\n`);
    drawnLines = lines.length;
  };
  const timer = setInterval(() => draw(), 250);
  timer.unref();
  // Changes are drawn in the next frame, not one by one: each drawing is the whole table, and a run
  // of many short steps would redraw it several times per asset (quadratic in the assets).
  let frame: NodeJS.Timeout | undefined;
  const drawSoon = () => {
    frame ??= setTimeout(() => {
      frame = undefined;
      draw();
    }, FRAME_MS);
    frame.unref();
  };
  return {
    update(event) {
      const row = rows.get(event.asset) ?? { state: "queued", detail: "", changed: 0 };
      row.changed = ++updates;
      if (event.state === "running") row.started = now();
      else if (event.state !== "queued" && row.started !== undefined) row.finished = now();
      row.state = event.state;
      row.detail = event.detail ?? row.detail;
      rows.set(event.asset, row);
      drawSoon();
    },
    line(asset, text) {
      const row = rows.get(asset);
      if (row && text.trim()) row.last = text.trim();
    },
    progress(asset, text) {
      const row = rows.get(asset);
      if (row) row.progress = text;
    },
    close() {
      clearInterval(timer);
      clearTimeout(frame);
      frame = undefined;
      draw(true);
    },
  };
}

/** How soon a change shows in the live table (a frame at 20 per second). */
const FRAME_MS = 50;

/**
 * Lines written in one turn of the event loop go out in one write, at the end of the turn (and at
 * `flush`). A run of many short steps printed three lines per asset, each a system call that woke
 * whatever reads the pipe; the order of the lines is kept.
 */
export function coalescedWrite(write: Write): { write: Write; flush(): void } {
  let pending = "";
  const flush = () => {
    if (pending === "") return;
    const text = pending;
    pending = "";
    write(text);
  };
  return {
    write(text) {
      if (pending === "") setImmediate(flush);
      pending += text;
    },
    flush,
  };
}

/** One line per state change; step output only when `verbose`. */
export function plainReporter(
  direct: Write,
  options: { verbose?: boolean; now?: () => number } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const started = new Map<string, number>();
  const { write, flush } = coalescedWrite(direct);
  return {
    update(event) {
      if (event.state === "running") started.set(event.asset, now());
      const begin = started.get(event.asset);
      const timing =
        begin !== undefined && event.state !== "running" ? ` (${formatDuration(now() - begin)})` : "";
      write(
        `${SYMBOL[event.state]} ${event.asset}: ${event.state}${timing}${event.detail ? ` — ${event.detail}` : ""}\n`,
      );
    },
    line(asset, text) {
      if (options.verbose) write(`  ${asset} | ${text}\n`);
    },
    progress() {},
    close: flush,
  };
}

/** How often the Actions log prints a running step's training progress. */
export const ACTIONS_PROGRESS_INTERVAL_MS = 30_000;

/**
 * Where the Actions reporter writes. `text` is log text the sink makes inert (step output, metric
 * names and error messages must never become workflow commands: `actionsLogText`); `group` is
 * Kiln's own collapsed section around a finished asset's log, issued as a command by the sink.
 */
export interface ActionsLog {
  text(text: string): void;
  group(title: string, body: string): void;
}

/** An ActionsLog on a stream whose `text` writer is already made inert (the CLI's stdout in Actions). */
export function streamActionsLog(text: Write, raw: Write): ActionsLog {
  return {
    text,
    group(title, body) {
      raw(workflowCommand("group", title));
      text(body.endsWith("\n") ? body : `${body}\n`);
      raw(workflowCommand("endgroup", ""));
    },
  };
}

/**
 * GitHub Actions: each finished asset becomes a collapsed group holding its whole log; while a step
 * runs, its training progress is printed every `progressIntervalMs` (the first point at once), so
 * a long training job shows signs of life in the live log.
 */
export function actionsReporter(
  log: ActionsLog,
  options: { now?: () => number; progressIntervalMs?: number } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? ACTIONS_PROGRESS_INTERVAL_MS;
  const started = new Map<string, number>();
  const printed = new Map<string, number>();
  return {
    progress(asset, text) {
      const last = printed.get(asset);
      if (last !== undefined && now() - last < interval) return;
      printed.set(asset, now());
      log.text(`  ${asset} · ${text}\n`);
    },
    update(event) {
      if (event.state === "running") {
        started.set(event.asset, now());
        log.text(`▶ ${event.asset}: running${event.detail ? ` — ${event.detail}` : ""}\n`);
        return;
      }
      if (event.state === "queued") return;
      const begin = started.get(event.asset);
      const timing = begin !== undefined ? ` in ${formatDuration(now() - begin)}` : "";
      const title = `${SYMBOL[event.state]} ${event.asset}: ${event.state}${timing}${event.detail ? ` — ${event.detail}` : ""}`;
      if (!event.logFile) {
        log.text(`${title}\n`);
        return;
      }
      let body = "";
      try {
        body = readFileSync(event.logFile, "utf8");
      } catch {
        body = "(no log)\n";
      }
      log.group(title, body);
    },
    line() {},
    close() {},
  };
}
