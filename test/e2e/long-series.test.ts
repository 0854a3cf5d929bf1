// A training curve of any length (issue #16): 100,000 points run, report and show; the record stays
// small (its series is kept beside it), and the run's report data holds a downsampled chart rather
// than the series, so it stays small too. On the Kiln before this, the whole series went into
// the record and three copies of it into `.kiln/reports/latest.json`.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

const POINTS = 100_000;

function longSeriesProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-long-series-"));
  writeFileSync(
    path.join(dir, "kiln.yml"),
    [
      "version: 1",
      "name: long",
      "assets:",
      "  model:",
      "    code: [train.mjs]",
      "    run: node train.mjs",
      "    outputs: [build/model.txt]",
      "    metrics: { primary: loss, direction: minimize }",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "train.mjs"),
    [
      'import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";',
      "const lines = [];",
      `for (let step = 1; step <= ${POINTS}; step++) lines.push(JSON.stringify({ step, loss: 1 / step, val_loss: 2 / step }));`,
      'appendFileSync(process.env.KILN_SERIES, lines.join("\\n") + "\\n");',
      "writeFileSync(process.env.KILN_METRICS, JSON.stringify({ loss: 0.001 }));",
      'mkdirSync("build", { recursive: true });',
      'writeFileSync("build/model.txt", "weights\\n");',
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\n");
  commitNewRepository(dir, "start");
  return dir;
}

describe("series of any length", () => {
  it("runs, reports and shows a 100,000-point series with small records and report data", async () => {
    const dir = longSeriesProject();
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);

    const ledger = path.join(dir, ".kiln/ledger/projects/long");
    const record = path.join(ledger, "materializations/model/v1.json");
    expect(statSync(record).size).toBeLessThan(20_000);
    const stored = JSON.parse(readFileSync(record, "utf8"));
    expect(stored.seriesFile.points).toBe(POINTS);
    expect(readdirSync(path.join(ledger, "series/model"))).toHaveLength(1);

    // The report's data holds the chart, downsampled once when the report was written.
    const data = path.join(dir, ".kiln/reports/latest.json");
    expect(statSync(data).size).toBeLessThan(100_000);
    const report = JSON.parse(readFileSync(data, "utf8"));
    const chart = report.assets[0].series;
    expect(chart.sourcePoints).toBe(POINTS);
    expect(chart.names).toEqual(["loss", "val_loss"]);
    expect(chart.steps.length).toBeLessThanOrEqual(100);
    expect(chart.steps[0]).toBe(1);
    expect(chart.steps.at(-1)).toBe(POINTS);
    const rendered = await kilnIn(dir, ["report"]);
    expect(rendered.stdout).toContain("xychart-beta");

    const shown = await kilnIn(dir, ["show", "model", "--json"]);
    expect(shown.code, shown.output).toBe(0);
    const whole = JSON.parse(shown.stdout);
    expect(whole.series).toHaveLength(POINTS);
    expect(whole.series[POINTS - 1]).toEqual({ step: POINTS, loss: 1 / POINTS, val_loss: 2 / POINTS });
    expect((await kilnIn(dir, ["show", "model"])).stdout).toContain(`series           ${POINTS} points`);

    // An idle run reads neither the series nor the history: its report holds one line per asset.
    const idle = await kilnIn(dir, ["run"]);
    expect(idle.code, idle.output).toBe(0);
    const own = /Report: \.kiln\/reports\/(\S+)\.md/.exec(idle.stdout)?.[1];
    const idleData = JSON.parse(readFileSync(path.join(dir, `.kiln/reports/${own}.json`), "utf8"));
    expect(idleData.assets[0]).toMatchObject({ outcome: "fresh", history: [] });
    expect(idleData.assets[0].series).toBeUndefined();
    // Of the fresh version it reused, only what names it: no series, no checks, no provenance.
    expect(idleData.assets[0].record).toMatchObject({ asset: "model", version: 1 });
    expect(idleData.assets[0].record).not.toHaveProperty("series");
  }, 120_000);
});
