// Details a reader trusts at a glance: the headline of a failed run, the alias note of the version
// chart, and which nodes the lineage chart draws as sources.
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import type { MaterializationRecord } from "../../src/domain/records.js";
import type { RunReport } from "../../src/report/model.js";
import { failure, promotion, record } from "./fixtures.js";
import { mermaidBlocks } from "./gfm.js";

const md = (report: RunReport) => renderReport(report, { format: "md", budget: "none" });

function headlineOf(text: string): string {
  return text.split("\n").find((line) => line.startsWith("**") && /materialized/.test(line)) ?? "";
}

describe("report details", () => {
  it("opens a failed run's headline with the failure, not a green check", () => {
    expect(headlineOf(md(failure()))).toMatch(/^\*\*❌ 1 failed/);
    // Only a run where nothing failed opens with ✅; a run that built nothing says so without it.
    const idle = failure();
    idle.assets = idle.assets.map((a) => ({ ...a, outcome: "fresh", failure: undefined }));
    expect(headlineOf(md(idle))).not.toContain("✅");
  });

  it("marks the primary metric by `direction`, as promotion reads it, in a report whose manifest also listed it under `directions`", () => {
    // Such a manifest is refused now; a report kept before that still renders as promotion judged.
    const report = promotion();
    const model = report.assets.find((a) => a.name === "model")!;
    model.metrics = {
      primary: "mae",
      direction: "minimize",
      directions: { mae: "maximize", r2: "maximize" },
    };
    const row = md(report)
      .split("\n")
      .find((line) => line.startsWith("| **mae**"));
    expect(row).toMatch(/^\| \*\*mae\*\* ↓ \(primary\) .*🟢/);
    expect(row).not.toContain("🔴");
  });

  it("draws training curves of different measures on their own y axes, losses together, each chart with its legend", () => {
    const report = promotion();
    const model = report.assets.find((a) => a.name === "model")!;
    const series = Array.from({ length: 12 }, (_, i) => ({
      step: i + 1,
      train_loss: Math.round(4000 / (i + 1)),
      val_loss: Math.round(4200 / (i + 1)),
      val_accuracy: 0.07 * (i + 1),
      lr: 0.001,
    }));
    model.record = { ...(model.record as MaterializationRecord), series };
    const text = md(report);
    const curves = mermaidBlocks(text).filter((c) => c.includes('x-axis "step"'));
    expect(curves.map((c) => /y-axis (.*)/.exec(c)?.[1])).toEqual([
      '"train_loss, val_loss"',
      '"val_accuracy"',
      '"lr"',
    ]);
    expect(curves.map((c) => (c.match(/^ {2}line /gm) ?? []).length)).toEqual([2, 1, 1]);
    expect(text.split("\n").filter((l) => l.startsWith("Lines, in colour order:"))).toEqual([
      "Lines, in colour order: 🟦 train_loss · 🟧 val_loss",
      "Lines, in colour order: 🟦 val_accuracy",
      "Lines, in colour order: 🟦 lr",
    ]);
  });

  it("says ★ holds the alias only for an asset that has one", () => {
    const history = [1, 2, 3].map((v) => record("features", v, { rows: 100 + v }));
    const report: RunReport = {
      event: "push",
      tick: "2026-11-23T03:00:00.000Z",
      assets: [
        {
          name: "features",
          outcome: "materialized",
          reasons: ["forced"],
          record: history[2],
          previous: history[1],
          history,
          aliasHolders: {},
          links: {},
          durationMs: 1000,
          metrics: { primary: "rows", direction: "maximize", directions: {} },
        },
      ],
      edges: [],
    };
    const text = md(report);
    expect(text).toContain("rows across the last 3 versions");
    expect(text).not.toContain("holds the alias");
    expect(text).not.toContain("★");
  });

  it("draws only sources as sources: upstream assets outside the run are marked, downstream ones left out", () => {
    const model = record("model", 2, { mae: 1 });
    const report: RunReport = {
      event: "local",
      tick: "2026-11-23T03:00:00.000Z",
      assets: [
        {
          name: "model",
          outcome: "materialized",
          reasons: ["forced"],
          record: model,
          history: [model],
          aliasHolders: {},
          links: {},
          durationMs: 1000,
        },
        {
          name: "features",
          outcome: "fresh",
          reasons: [],
          history: [],
          aliasHolders: {},
          links: {},
          durationMs: 0,
        },
      ],
      sources: ["cars_raw"],
      edges: [
        { from: "cars_raw", to: "cars" },
        { from: "cars", to: "features" },
        { from: "features", to: "model" },
        { from: "cars", to: "model" },
        { from: "model", to: "evaluation" },
      ],
    };
    const lineage = mermaidBlocks(md(report)).find((b) => b.startsWith("flowchart")) ?? "";
    expect(lineage).toContain('["cars · not in this run"]');
    expect(lineage).not.toContain("📥");
    expect(lineage).not.toContain("evaluation");
    expect(lineage).not.toContain("cars_raw");
    expect(lineage).toMatch(/class n\d+ upstream/);
  });

  it("names the environment of a champion from another one and does not judge against it", () => {
    // A dev build (another config) beside prod's champion: the gap is worth seeing, but 🔴 would
    // call every dev build a regression.
    const report = promotion();
    const model = report.assets.find((a) => a.name === "model")!;
    const own = model.record as MaterializationRecord;
    model.record = { ...own, context: { ...own.context, environment: "dev", ref: "refs/heads/feature" } };
    model.previous = undefined;
    model.mergeBase = undefined;
    const text = md(report);
    const header = text.split("\n").find((line) => line.startsWith("| metric"));
    expect(header).toMatch(/\| vs champion v3 \(prod\) \|/);
    const row = text.split("\n").find((line) => line.startsWith("| **mae**"));
    expect(row).toMatch(/[▲▼]/);
    expect(row).not.toMatch(/🟢|🔴/);
    expect(text).toContain(
      "champion v3 is prod's, another environment's build: its changes are shown, not judged",
    );
  });
});
