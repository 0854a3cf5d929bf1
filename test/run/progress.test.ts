import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  actionsReporter,
  formatSeriesPoint,
  liveTableReporter,
  plainReporter,
  streamActionsLog,
} from "../../src/run/progress.js";
import { followSeries } from "../../src/run/series-follow.js";

/** The last drawing of a live table, without the cursor movements. */
function lastFrame(output: string): string[] {
  const frames = output.split("\x1b[0J");
  return frames[frames.length - 1]!.trimEnd().split("\n");
}

describe("the live table", () => {
  it("keeps the whole detail when the terminal reports 0 columns (v11 stayed v1…)", () => {
    let out = "";
    const reporter = liveTableReporter((text) => (out += text), { columns: 0, now: () => 0 });
    reporter.update({ asset: "model", state: "success", detail: "v11" });
    reporter.close();
    expect(lastFrame(out)).toEqual(["✓ model  success              v11"]);
  });

  it("shows a running step's latest series point instead of its last output line", () => {
    let out = "";
    const reporter = liveTableReporter((text) => (out += text), { columns: 120, now: () => 0 });
    reporter.update({ asset: "model", state: "running", detail: "never materialized" });
    reporter.line("model", "loading data");
    reporter.close();
    expect(lastFrame(out)[0]).toMatch(/running +0\.0 s {2}loading data$/);
    const live = liveTableReporter((text) => (out += text), { columns: 120, now: () => 0 });
    live.update({ asset: "model", state: "running", detail: "never materialized" });
    live.line("model", "loading data");
    live.progress("model", "epoch 37/60 · val_mae 2.51");
    live.close();
    expect(lastFrame(out)[0]).toMatch(/running +0\.0 s {2}epoch 37\/60 · val_mae 2\.51$/);
  });
});

describe("the live table of many assets", () => {
  it("draws a burst of updates once, not once per update (200 assets: 200 redraws of 200 rows)", () => {
    let out = "";
    const reporter = liveTableReporter((text) => (out += text), { columns: 120, now: () => 0 });
    for (let i = 0; i < 200; i++) reporter.update({ asset: `a${i}`, state: "queued", detail: "forced" });
    for (let i = 0; i < 200; i++) reporter.update({ asset: `a${i}`, state: "success", detail: "v1" });
    reporter.close();
    // Every frame starts by clearing to the end of the screen.
    expect(out.split("\x1b[0J").length - 1).toBe(1);
    expect(lastFrame(out)).toHaveLength(200);
    expect(lastFrame(out)[199]).toMatch(/^✓ a199 +success +v1$/);
  });
});

describe("the live table taller than the terminal", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("draws what fits while redrawing, running steps and failures first, and the whole table at the end", () => {
    // Cursor movement cannot reach lines scrolled off the top: a drawing taller than the terminal
    // would leave a copy of its top rows behind at every redraw.
    vi.useFakeTimers();
    let out = "";
    const reporter = liveTableReporter((text) => (out += text), { columns: 120, rows: 10, now: () => 0 });
    for (let i = 0; i < 200; i++) reporter.update({ asset: `a${i}`, state: "queued", detail: "forced" });
    for (let i = 0; i < 50; i++) reporter.update({ asset: `a${i}`, state: "success", detail: "v1" });
    reporter.update({ asset: "a7", state: "failed", detail: "exit 1" });
    reporter.update({ asset: "a150", state: "running" });
    reporter.update({ asset: "a151", state: "running" });
    vi.advanceTimersByTime(100);
    const frame = lastFrame(out);
    expect(frame).toHaveLength(9);
    // In the table's order: the failure, the latest successes, what is next, the running steps.
    expect(frame.slice(0, 8).map((line) => line.split(/ +/)[1])).toEqual([
      "a7",
      "a47",
      "a48",
      "a49",
      "a50",
      "a51",
      "a150",
      "a151",
    ]);
    expect(frame[8]).toBe("… 192 more: 46 success, 146 queued");
    // Every later frame moves up over exactly the lines the previous one drew.
    reporter.update({ asset: "a150", state: "success", detail: "v1" });
    vi.advanceTimersByTime(100);
    expect(out).toContain("\x1b[9F\x1b[0J");
    reporter.close();
    expect(lastFrame(out)).toHaveLength(200);
  });
});

describe("the plain reporter (pipes, files, CI)", () => {
  it("writes the lines of one turn of the event loop in one write, in order, and the rest at close", async () => {
    const writes: string[] = [];
    const reporter = plainReporter((text) => writes.push(text), { verbose: true, now: () => 0 });
    reporter.update({ asset: "a", state: "running", detail: "forced" });
    reporter.line("a", "hello");
    reporter.update({ asset: "a", state: "success", detail: "v2" });
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(["▶ a: running — forced\n  a | hello\n✓ a: success (0.0 s) — v2\n"]);
    reporter.update({ asset: "b", state: "failed", detail: "exited with code 1" });
    reporter.close();
    expect(writes.slice(1)).toEqual(["✗ b: failed — exited with code 1\n"]);
  });
});

describe("Actions logs", () => {
  it("print the training progress at once, then at most every interval", () => {
    let out = "";
    let clock = 0;
    const reporter = actionsReporter(
      streamActionsLog(
        (text) => (out += text),
        (text) => (out += text),
      ),
      {
        now: () => clock,
        progressIntervalMs: 30_000,
      },
    );
    reporter.update({ asset: "model", state: "running" });
    reporter.progress("model", "epoch 1/60 · val_mae 9.1");
    clock = 29_999;
    reporter.progress("model", "epoch 20/60 · val_mae 4.2");
    clock = 30_000;
    reporter.progress("model", "epoch 21/60 · val_mae 4.1");
    expect(out).toBe(
      "▶ model: running\n  model · epoch 1/60 · val_mae 9.1\n  model · epoch 21/60 · val_mae 4.1\n",
    );
  });
});

describe("formatSeriesPoint", () => {
  it("names the epoch out of the total, the primary metric first, numbers to 4 digits", () => {
    expect(
      formatSeriesPoint(
        { step: 37, train_mae: 2.40123, val_mae: 2.51234 },
        { total: 60, primary: "val_mae" },
      ),
    ).toBe("epoch 37/60 · val_mae 2.512 · train_mae 2.401");
    expect(formatSeriesPoint({ step: 1.5, loss: 0.5, a: 1, b: 2, c: 3 })).toBe(
      "step 1.5 · loss 0.5 · a 1 · b 2",
    );
  });
});

describe("followSeries", () => {
  it("reports the newest complete point, and ignores a line until it is complete", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-follow-"));
    const file = path.join(dir, "series.jsonl");
    const seen: unknown[] = [];
    const follower = followSeries(file, (point) => seen.push(point), { intervalMs: 3_600_000 });
    await follower.check(); // no file yet
    writeFileSync(file, '{"step": 1, "loss": 0.5}\n{"step": 2, "loss": 0.4}\n{"step": 3, "lo');
    await follower.check();
    appendFileSync(file, 'ss": NaN}\n');
    await follower.check();
    await follower.check(); // nothing new
    follower.stop();
    appendFileSync(file, '{"step": 4, "loss": 0.2}\n');
    await follower.check();
    expect(seen).toEqual([{ step: 2, loss: 0.4 }, { step: 3 }]);
  });
});
