import { describe, expect, it } from "vitest";
import type { FailureRecord, SeriesPoint } from "../../src/domain/records.js";
import type { AssetReport, RunReport } from "../../src/report/model.js";
import { stickyCommentMarker as stickyMarker } from "../../src/github/markers.js";
import { chartNumber } from "../../src/report/charts.js";
import { BUDGET_BYTES, renderReport } from "../../src/report/render.js";
import { curves, firstRun, HOSTILE, hostile, prRegression, record, SCENARIOS } from "./fixtures.js";
import { gfmTables, mermaidBlocks } from "./gfm.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("renderReport snapshots", () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    it(`renders ${name} as reviewed`, async () => {
      const md = renderReport(build(), {
        format: "md",
        budget: "comment",
        marker: stickyMarker("kiln.yml", "kiln.yml"),
      });
      await expect(md).toMatchFileSnapshot(`__snapshots__/${name}.md`);
    });
  }

  it("says ★ holds the alias only when some version in the chart holds it", () => {
    const report = prRegression();
    for (const asset of report.assets) {
      asset.champion = undefined;
      asset.aliasHolders = {};
      asset.promoteAlias = undefined;
    }
    const md = renderReport(report, { format: "md", budget: "none" });
    expect(md).toMatch(/mae across the last \d+ versions<\/summary>/);
    expect(md).not.toContain("holds the alias");
  });

  it("renders the same content as stable JSON", async () => {
    const json = renderReport(SCENARIOS.promotion(), { format: "json", budget: "none" });
    const view = JSON.parse(json);
    expect(view.schema).toBe(1);
    expect(view.championChanges).toEqual([{ asset: "model", alias: "champion", from: 3, to: 6 }]);
    const model = view.assets.find((a: { name: string }) => a.name === "model");
    expect(model.details.metrics[0]).toMatchObject({
      name: "mae",
      value: 61.2,
      primary: true,
      deltas: { champion: { version: 3, mark: "better" } },
    });
    await expect(json).toMatchFileSnapshot("__snapshots__/promotion.json");
  });
});

describe("content", () => {
  it("marks a PR regression as worse than champion and merge-base and never as promoted", () => {
    const md = renderReport(prRegression(), { format: "md", budget: "comment" });
    const metrics = gfmTables(md).find((t) => t[0]?.[0] === "metric");
    expect(metrics?.[0]).toEqual(["metric", "value", "vs champion v3", "vs previous v5", "vs merge-base v5"]);
    expect(metrics?.[1]).toEqual([
      "**mae** ↓ (primary)",
      "69.8",
      "▲ +5.8 (+9.1%) 🔴",
      "▲ +4.7 (+7.2%) 🔴",
      "▲ +4.7 (+7.2%) 🔴",
    ]);
    expect(metrics?.[2]?.[4]).toContain("🔴"); // r2 fell and r2 is maximized
    expect(md).toContain("⛔ **Not promoted** to champion");
    expect(md).not.toContain("🏆");
    expect(md).toContain("**pull_request** · #12 Try a deeper tree");
  });

  it("shows a log tail as it was, blank lines included, at most 30 lines", () => {
    const report = SCENARIOS.failure();
    const failed = report.assets[1] as AssetReport;
    if (failed.failure)
      failed.failure = {
        ...failed.failure,
        logTail: [...Array.from({ length: 40 }, (_, i) => `line ${i}`), "", "", "end"],
      };
    const md = renderReport(report, { format: "md", budget: "none" });
    expect(md).toContain("line 13\nline 14");
    expect(md).not.toContain("line 12\n");
    expect(md).toContain("line 39\n\n\nend\n```");
  });

  it("puts no mark on a metric whose direction is unknown", () => {
    const report = prRegression();
    const model = report.assets[1] as AssetReport;
    model.record = record("model", 7, { mae: 60, extra: 3 });
    model.champion = record("model", 3, { mae: 64, extra: 1 });
    const md = renderReport(report, { format: "md", budget: "none" });
    const row = gfmTables(md)
      .flat()
      .find((r) => r[0] === "extra");
    expect(row?.[2]).toBe("▲ +2 (+200.0%)");
  });

  it("names the lines under each series chart in colour order", () => {
    const md = renderReport(firstRun(), { format: "md", budget: "none" });
    expect(md).toContain("Lines, in colour order: 🟦 train_loss · 🟧 val_loss");
    const chart = mermaidBlocks(md).find((b) => b.includes("line ["));
    expect(chart?.match(/^ {2}line \[/gm)).toHaveLength(2);
    expect(chart).toContain('plotColorPalette": "#2563eb, #f97316"');
  });

  it("marks the champion in the version history", () => {
    const md = renderReport(SCENARIOS.promotion(), { format: "md", budget: "none" });
    expect(mermaidBlocks(md).some((b) => b.includes('x-axis ["v1", "v2", "v3", "v4", "v5", "v6★"]'))).toBe(
      true,
    );
  });

  it("keeps every table row at its header's column count", () => {
    for (const build of Object.values(SCENARIOS)) {
      const tables = gfmTables(renderReport(build(), { format: "md", budget: "none" }));
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) for (const row of table) expect(row.length).toBe(table[0]?.length);
    }
  });
});

describe("chart numbers", () => {
  // Mermaid's xychart reads [+-]?(digits(.digits)?|.digits): an exponent breaks the whole block.
  it("writes every finite value as plain decimals with its first six significant digits", () => {
    const cases: [number, string][] = [
      [3.25, "3.25"],
      [123456789, "123457000"],
      [1e21, "1000000000000000000000"],
      [1.234567e24, "1234570000000000000000000"],
      [-2.5e30, "-2500000000000000000000000000000"],
      [1.5e-7, "0.00000015"],
      [-1.23456789e-9, "-0.00000000123457"],
      [4e-20, "0.00000000000000000004"],
      [4e-25, "0"],
    ];
    for (const [value, text] of cases) expect(chartNumber(value), String(value)).toBe(text);
    for (const [value] of cases) expect(chartNumber(value)).toMatch(/^-?\d+(\.\d+)?$/);
  });
});

describe("hostile input", () => {
  const md = renderReport(hostile(), {
    format: "md",
    budget: "none",
    marker: stickyMarker("a-->b", "<!--x-->\n"),
  });
  const outsideFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");

  it("renders names, titles and reasons as text, never as HTML, links, mentions or math", () => {
    expect(outsideFences).not.toMatch(/<script|<b>|<\/details>\s*<!--|@here|\$\{\{|\$\(|\]\(x\)|:tada:|\$\$/);
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).not.toContain("javascript:");
    expect(md).toContain("[commit](https://github.com/acme/churn/commit/x%29%28y)");
  });

  it("keeps log tails inside a fence no line of the log can close", () => {
    expect(md).toContain("`````text\n<script>alert(1)</script>");
    expect(md).toMatch(/^```\n````\n<\/details>\n<!-- x -->\n`````$/m);
  });

  it("keeps hostile Mermaid labels quoted with entity codes", () => {
    const lineage = mermaidBlocks(md).find((b) => b.startsWith("flowchart"));
    for (const line of lineage?.split("\n").slice(1) ?? []) {
      expect(line).toMatch(
        /^ {2}(classDef \w+ [\w:#,]+|n\d+\["[^"]*"\]|n\d+\[\("[^"]*"\)\]|n\d+ --> n\d+|class [n\d,]+ \w+)$/,
      );
    }
    expect(lineage).toContain("#37;#37;{init");
    for (const block of mermaidBlocks(md).filter((b) => b.includes("xychart-beta"))) {
      for (const s of block.replace(/^%%.*$/m, "").matchAll(/"([^"]*)"/g))
        expect(s[1]).not.toMatch(/[<>`#;]/);
    }
  });

  it("keeps every table intact", () => {
    for (const table of gfmTables(md)) for (const row of table) expect(row.length).toBe(table[0]?.length);
    for (const h of HOSTILE) expect(md).not.toContain(`| ${h} |`);
  });

  it("makes a sticky marker that input cannot close early", () => {
    const marker = stickyMarker("a-->b", "<!--x-->\n");
    expect(marker).toBe("<!-- kiln-report: a--%3Eb/%3C%21--x--%3E%0A -->");
    expect(md.startsWith(`${marker}\n`)).toBe(true);
    expect(marker.indexOf("-->")).toBe(marker.length - 3);
  });
});

describe("budgets", () => {
  function hugePipeline(count: number, series: SeriesPoint[]): RunReport {
    const assets: AssetReport[] = Array.from({ length: count }, (_, i) => {
      const history = Array.from({ length: 20 }, (_, v) =>
        record(`asset_${i}`, v + 1, { loss: 1 / (v + 1), acc: v / 20 }),
      );
      const current = record(
        `asset_${i}`,
        21,
        { loss: 0.04, acc: 0.97, f1: 0.9 },
        {
          series,
          checks: [
            { name: "loss < 1", kind: "metric", blocking: true, passed: true, message: "loss = 0.04 < 1" },
          ],
          promotion: {
            alias: "champion",
            promote: true,
            reason: "loss 0.04 beats champion v20 (0.05) by 0.01",
            against: 20,
          },
        },
      );
      return {
        name: `asset_${i}`,
        outcome: i % 7 === 0 ? "failed" : "materialized",
        reasons: [`code changed (pipelines/step_${i}.py)`],
        record: current,
        failure:
          i % 7 === 0
            ? {
                ...(SCENARIOS.failure().assets[1]?.failure as FailureRecord),
                logTail: Array(40).fill("x".repeat(400)),
              }
            : undefined,
        previous: history[19],
        champion: history[19],
        history: [...history, current],
        aliasHolders: { champion: 21 },
        links: { run: "https://github.com/acme/churn/actions/runs/42" },
        durationMs: 60_000 + i,
        metrics: { primary: "loss", direction: "minimize", directions: { acc: "maximize", f1: "maximize" } },
        promoteAlias: "champion",
      };
    });
    const edges = assets.slice(1).map((a, i) => ({ from: `asset_${i}`, to: a.name }));
    return { ...firstRun(), assets, edges };
  }

  it("keeps a 300-asset pipeline with 100,000-point series within both budgets and says what it dropped", () => {
    // One shared array: 300 copies of 100,000 points would only measure the machine's memory.
    const series = curves(100_000);
    const report = hugePipeline(300, series);
    const comment = renderReport(report, {
      format: "md",
      budget: "comment",
      marker: stickyMarker("kiln.yml", "kiln.yml"),
    });
    const summary = renderReport(report, { format: "md", budget: "summary" });
    expect(bytes(comment)).toBeLessThanOrEqual(BUDGET_BYTES.comment);
    expect(comment.length).toBeLessThan(65_536);
    expect(bytes(summary)).toBeLessThanOrEqual(BUDGET_BYTES.summary);
    expect(comment).toContain(
      "> ✂️ Left out to stay under GitHub's 65,536-character limit for a comment: training curves, version history, per-asset details and the lineage chart.",
    );
    expect(comment).toContain("The run's job summary has more, and `kiln report` shows everything locally.");
    expect(summary).toMatch(
      /> ✂️ Left out to stay under GitHub's 1 MiB limit for a job summary: training curves/,
    );
    // Every asset still appears in the comment's overview table.
    const overview = gfmTables(comment).find((t) => t[0]?.[0] === "asset");
    expect(overview).toHaveLength(301);
    for (const block of mermaidBlocks(summary))
      expect(block.match(/\d+(\.\d+)?/g)?.length ?? 0).toBeLessThan(2_000);
    const json = JSON.parse(renderReport(report, { format: "json", budget: "summary" }));
    expect(json.dropped[0]).toBe("series");
  });

  it("drops overview rows last, failures kept first, and says how many", () => {
    const report = hugePipeline(3000, []);
    for (const a of report.assets) a.reasons = ["input changed: " + "data/".repeat(20)];
    const comment = renderReport(report, { format: "md", budget: "comment" });
    expect(bytes(comment)).toBeLessThanOrEqual(BUDGET_BYTES.comment);
    const rows = (gfmTables(comment).find((t) => t[0]?.[0] === "asset") ?? []).slice(1);
    const omitted = Number(/…and (\d+) more assets/.exec(comment)?.[1]);
    expect(rows.length + omitted).toBe(3000);
    expect(rows.filter((r) => r[1]?.includes("failed")).length).toBe(
      Math.min(rows.length, Math.ceil(3000 / 7)),
    );
    expect(comment).toContain(`${omitted} rows of the table`);
  });

  it("leaves a small report whole", () => {
    const md = renderReport(firstRun(), { format: "md", budget: "comment" });
    expect(md).not.toContain("Left out");
    expect(md).toContain("xychart-beta");
  });
});
