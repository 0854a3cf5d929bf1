import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  terminalText,
  workflowCommand
} from "./chunk-HX4NHBDN.js";
import {
  formatDuration,
  formatNumber
} from "./chunk-NBF2VUI6.js";

// src/run/progress.ts
import { readFileSync } from "node:fs";
var SYMBOL = {
  queued: "\xB7",
  running: "\u25B6",
  success: "\u2713",
  failed: "\u2717",
  skipped: "-",
  fresh: "=",
  cancelled: "\u25A0"
};
function formatSeriesPoint(point, options = {}) {
  const step = formatNumber(point.step);
  const names = Object.keys(point).filter((name) => name !== "step");
  const ordered = options.primary && names.includes(options.primary) ? [options.primary, ...names.filter((name) => name !== options.primary)] : names;
  const values = ordered.slice(0, 3).map((name) => `${name} ${formatNumber(point[name])}`);
  const label = options.total !== void 0 ? `epoch ${step}/${options.total}` : `step ${step}`;
  return [label, ...values].join(" \xB7 ");
}
function terminalWidth(columns) {
  return columns !== void 0 && Number.isFinite(columns) && columns >= 20 ? columns : 100;
}
var SUMMARY_ORDER = [
  "running",
  "failed",
  "cancelled",
  "success",
  "fresh",
  "skipped",
  "queued"
];
function fitRows(all, height) {
  if (all.length <= height) return { shown: all };
  const budget = Math.max(1, height - 1);
  const keep = /* @__PURE__ */ new Set();
  const take = (names, limit) => {
    for (const name of names) {
      if (keep.size >= limit) break;
      keep.add(name);
    }
  };
  take(
    all.filter(([, r]) => r.state === "running").map(([n]) => n),
    budget
  );
  take(
    all.filter(([, r]) => r.state === "failed").map(([n]) => n),
    budget
  );
  const finished = all.filter(([n, r]) => !keep.has(n) && r.state !== "queued" && r.state !== "running").sort(([, a], [, b]) => b.changed - a.changed).map(([n]) => n);
  const queued = all.filter(([, r]) => r.state === "queued").map(([n]) => n);
  const left = budget - keep.size;
  const queuedShare = Math.min(queued.length, Math.floor(left / 2));
  take(finished, budget - queuedShare);
  take(queued, budget);
  const shown = all.filter(([n]) => keep.has(n));
  const hidden = /* @__PURE__ */ new Map();
  for (const [n, r] of all) if (!keep.has(n)) hidden.set(r.state, (hidden.get(r.state) ?? 0) + 1);
  const counts = SUMMARY_ORDER.filter((s) => hidden.has(s)).map((s) => `${hidden.get(s)} ${s}`);
  return { shown, summary: `\u2026 ${all.length - shown.length} more: ${counts.join(", ")}` };
}
function liveTableReporter(write, options = {}) {
  const now = options.now ?? Date.now;
  const rows = /* @__PURE__ */ new Map();
  let drawnLines = 0;
  let updates = 0;
  const width = terminalWidth(options.columns);
  const height = options.rows !== void 0 && options.rows >= 2 ? options.rows - 1 : Number.POSITIVE_INFINITY;
  const draw = (final = false) => {
    const nameWidth = Math.max(5, ...[...rows.keys()].map((n) => n.length));
    const { shown, summary } = final ? { shown: [...rows] } : fitRows([...rows], height);
    const lines = shown.map(([name, row]) => {
      const elapsed = row.started !== void 0 ? formatDuration((row.finished ?? now()) - row.started) : "";
      const info = row.state === "running" ? row.progress ?? row.last ?? row.detail : row.detail;
      const text = `${SYMBOL[row.state]} ${name.padEnd(nameWidth)}  ${row.state.padEnd(9)} ${elapsed.padStart(9)}  ${info}`;
      const safe = terminalText(text);
      return safe.length > width ? `${safe.slice(0, width - 1)}\u2026` : safe;
    });
    if (summary) lines.push(summary);
    write(`${drawnLines ? `\x1B[${drawnLines}F` : ""}\x1B[0J${lines.join("\n")}
`);
    drawnLines = lines.length;
  };
  const timer = setInterval(() => draw(), 250);
  timer.unref();
  let frame;
  const drawSoon = () => {
    frame ??= setTimeout(() => {
      frame = void 0;
      draw();
    }, FRAME_MS);
    frame.unref();
  };
  return {
    update(event) {
      const row = rows.get(event.asset) ?? { state: "queued", detail: "", changed: 0 };
      row.changed = ++updates;
      if (event.state === "running") row.started = now();
      else if (event.state !== "queued" && row.started !== void 0) row.finished = now();
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
      frame = void 0;
      draw(true);
    }
  };
}
var FRAME_MS = 50;
function coalescedWrite(write) {
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
    flush
  };
}
function plainReporter(direct, options = {}) {
  const now = options.now ?? Date.now;
  const started = /* @__PURE__ */ new Map();
  const { write, flush } = coalescedWrite(direct);
  return {
    update(event) {
      if (event.state === "running") started.set(event.asset, now());
      const begin = started.get(event.asset);
      const timing = begin !== void 0 && event.state !== "running" ? ` (${formatDuration(now() - begin)})` : "";
      write(
        `${SYMBOL[event.state]} ${event.asset}: ${event.state}${timing}${event.detail ? ` \u2014 ${event.detail}` : ""}
`
      );
    },
    line(asset, text) {
      if (options.verbose) write(`  ${asset} | ${text}
`);
    },
    progress() {
    },
    close: flush
  };
}
var ACTIONS_PROGRESS_INTERVAL_MS = 3e4;
function streamActionsLog(text, raw) {
  return {
    text,
    group(title, body) {
      raw(workflowCommand("group", title));
      text(body.endsWith("\n") ? body : `${body}
`);
      raw(workflowCommand("endgroup", ""));
    }
  };
}
function actionsReporter(log, options = {}) {
  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? ACTIONS_PROGRESS_INTERVAL_MS;
  const started = /* @__PURE__ */ new Map();
  const printed = /* @__PURE__ */ new Map();
  return {
    progress(asset, text) {
      const last = printed.get(asset);
      if (last !== void 0 && now() - last < interval) return;
      printed.set(asset, now());
      log.text(`  ${asset} \xB7 ${text}
`);
    },
    update(event) {
      if (event.state === "running") {
        started.set(event.asset, now());
        log.text(`\u25B6 ${event.asset}: running${event.detail ? ` \u2014 ${event.detail}` : ""}
`);
        return;
      }
      if (event.state === "queued") return;
      const begin = started.get(event.asset);
      const timing = begin !== void 0 ? ` in ${formatDuration(now() - begin)}` : "";
      const title = `${SYMBOL[event.state]} ${event.asset}: ${event.state}${timing}${event.detail ? ` \u2014 ${event.detail}` : ""}`;
      if (!event.logFile) {
        log.text(`${title}
`);
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
    line() {
    },
    close() {
    }
  };
}

export {
  formatSeriesPoint,
  terminalWidth,
  liveTableReporter,
  plainReporter,
  streamActionsLog,
  actionsReporter
};
