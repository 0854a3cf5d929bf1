// Every Mermaid block of the golden reports rendered by Mermaid 11's own browser bundle in Debian's
// Chromium: no render error, the drawn lines and points match the data, the pinned colours match
// the legend, hostile labels come out as text. Screenshots go to test-results/ for people to see.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_COLOURS, seriesChart, seriesChartMermaid } from "../../src/report/charts.js";
import { renderReport } from "../../src/report/render.js";
import { launchChromium, skipBrowser } from "../support/chromium.js";
import { curves, SCENARIOS } from "./fixtures.js";
import { mermaidBlocks } from "./gfm.js";

const MERMAID = path.resolve("node_modules/mermaid/dist/mermaid.min.js");
const OUT = path.resolve("test-results/report-mermaid");
const skip = skipBrowser;

interface Rendered {
  error?: string;
  lines: { stroke: string; points: number; d: string }[];
  bars: number;
  nodes: number;
  edges: number;
  text: string;
  scripts: number;
  width: number;
  height: number;
}

let browser: Browser;
let page: Page;

describe.skipIf(skip)("Mermaid blocks in a real browser", () => {
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto("about:blank");
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => {
      (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function render(id: string, text: string): Promise<Rendered> {
    return page.evaluate(
      async ({ id, text }) => {
        const mermaid = (
          globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }
        ).mermaid;
        document.body.innerHTML = "";
        const empty = { lines: [], bars: 0, nodes: 0, edges: 0, text: "", scripts: 0, width: 0, height: 0 };
        try {
          const { svg } = await mermaid.render(id, text);
          const host = document.createElement("div");
          host.id = "host";
          host.style.display = "inline-block";
          host.style.width = "860px";
          host.innerHTML = svg;
          document.body.append(host);
          const root = host.querySelector("svg");
          if (!root) return { ...empty, error: "no svg" };
          if (
            root.getAttribute("aria-roledescription") === "error" ||
            /Syntax error/.test(root.textContent ?? "")
          ) {
            return { ...empty, error: root.textContent ?? "error" };
          }
          const lines = [...root.querySelectorAll("g.plot [class^='line-plot'] path")].map((p) => ({
            stroke: p.getAttribute("stroke") ?? "",
            points: (p.getAttribute("d")?.match(/[ML]/g) ?? []).length,
            d: p.getAttribute("d") ?? "",
          }));
          const box = root.getBoundingClientRect();
          return {
            lines,
            bars: root.querySelectorAll("g.plot [class^='bar-plot'] rect").length,
            nodes: root.querySelectorAll("g.node").length,
            edges: root.querySelectorAll("path.flowchart-link").length,
            text: root.textContent ?? "",
            scripts: root.querySelectorAll("script, foreignObject script, [onerror], [onload]").length,
            width: box.width,
            height: box.height,
          };
        } catch (error) {
          return { ...empty, error: String(error) };
        }
      },
      { id, text },
    );
  }

  for (const [scenario, build] of Object.entries(SCENARIOS)) {
    it(`renders every chart of the ${scenario} report`, async () => {
      const blocks = mermaidBlocks(renderReport(build(), { format: "md", budget: "none" }));
      expect(blocks.length).toBeGreaterThan(0);
      for (const [i, block] of blocks.entries()) {
        const id = `${scenario}-${i}`;
        const result = await render(id.replace(/[^a-z0-9]/gi, "_"), block);
        expect(result.error, `${id}:\n${block}`).toBeUndefined();
        expect(result.scripts).toBe(0);
        if (/^ {2}line \[/m.test(block)) {
          const data = [...block.matchAll(/^ {2}line \[(.*)\]$/gm)].map(
            (m) => (m[1] as string).split(", ").length,
          );
          expect(result.lines.map((l) => l.points)).toEqual(data);
          expect(result.lines.map((l) => l.stroke)).toEqual(
            CHART_COLOURS.slice(0, data.length).map((c) => c.hex),
          );
        }
        const bar = /^ {2}bar \[(.*)\]$/m.exec(block);
        if (bar) expect(result.bars).toBe((bar[1] as string).split(", ").length);
        if (block.startsWith("flowchart")) {
          expect(result.nodes).toBe((block.match(/^ {2}n\d+\[/gm) ?? []).length);
          expect(result.edges).toBe((block.match(/-->/g) ?? []).length);
        }
        expect(result.width).toBeGreaterThan(100);
        await page.locator("#host").screenshot({ path: path.join(OUT, `${id}.png`) });
      }
    });
  }

  it("draws a 100,000-step series as at most 100 points per line", async () => {
    const report = SCENARIOS["first-run"]();
    const model = report.assets[1];
    if (model?.record) model.record = { ...model.record, series: curves(100_000) };
    const block = mermaidBlocks(renderReport(report, { format: "md", budget: "none" })).find((b) =>
      b.includes('x-axis "step"'),
    );
    const result = await render("downsampled", block ?? "");
    expect(result.error).toBeUndefined();
    expect(result.lines).toHaveLength(2);
    for (const line of result.lines) {
      expect(line.points).toBeGreaterThan(50);
      expect(line.points).toBeLessThanOrEqual(100);
    }
    await page.locator("#host").screenshot({ path: path.join(OUT, "downsampled-100000.png") });
  });

  async function axisTexts(): Promise<{ ticks: string[]; yTitle: string }> {
    return page.evaluate(() => {
      const texts = (selector: string) =>
        [...document.querySelectorAll(selector)].map((t) => t.textContent ?? "");
      return {
        ticks: texts("#host g.bottom-axis g.label text"),
        yTitle: texts("#host g.left-axis g.title text").join(" "),
      };
    });
  }

  it("draws whole epochs with whole ticks, and names the y axis after the metrics", async () => {
    for (const epochs of [3, 6, 40]) {
      const report = SCENARIOS["first-run"]();
      const model = report.assets[1];
      if (model?.record) model.record = { ...model.record, series: curves(epochs) };
      const block = mermaidBlocks(renderReport(report, { format: "md", budget: "none" })).find((b) =>
        b.includes('x-axis "step"'),
      );
      const result = await render(`epochs_${epochs}`, block ?? "");
      expect(result.error).toBeUndefined();
      const { ticks, yTitle } = await axisTexts();
      expect(ticks.length, `${epochs} epochs`).toBeGreaterThan(1);
      for (const tick of ticks) expect(tick, `${epochs} epochs: ticks ${ticks.join(" ")}`).toMatch(/^\d+$/);
      expect(yTitle).toBe("train_loss, val_loss");
      await page.locator("#host").screenshot({ path: path.join(OUT, `epochs-${epochs}.png`) });
    }
  });

  it("draws a diverging curve (values past 1e21, where JavaScript writes exponents) with every point", async () => {
    const report = SCENARIOS["first-run"]();
    const model = report.assets[1];
    const diverging = [1, 2, 3, 4, 5].map((step) => ({
      step,
      train_loss: 10 ** (step * 6),
      val_loss: -(10 ** (step * 5)),
    }));
    if (model?.record) model.record = { ...model.record, series: diverging };
    const block = mermaidBlocks(renderReport(report, { format: "md", budget: "none" })).find((b) =>
      b.includes('x-axis "step"'),
    );
    expect(block).toContain("1000000000000000000000000000000");
    const result = await render("diverging", block ?? "");
    expect(result.error).toBeUndefined();
    expect(result.lines.map((l) => l.points)).toEqual([5, 5]);
  });

  it("draws a series logged at uneven steps over its steps: a metric equal to its step is straight", async () => {
    const chart = seriesChart([1, 2, 3, 4, 5, 100].map((step) => ({ step, l: step })));
    const result = await render("uneven_steps", seriesChartMermaid("uneven steps", chart!));
    expect(result.error).toBeUndefined();
    const points = [...(result.lines[0]?.d ?? "").matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
    }));
    expect(points.length).toBeGreaterThanOrEqual(6);
    const first = points[0]!;
    const last = points.at(-1)!;
    // Every drawn point on the straight line from the first to the last, within a pixel.
    for (const p of points) {
      const onLine = first.y + ((last.y - first.y) * (p.x - first.x)) / (last.x - first.x);
      expect(Math.abs(p.y - onLine), `point at x ${p.x}`).toBeLessThan(1);
    }
    await page.locator("#host").screenshot({ path: path.join(OUT, "uneven-steps.png") });
  });

  it("reports a block Mermaid cannot parse as an error", async () => {
    const result = await render("broken", "xychart-beta\n  line [1, 2,, oops]");
    expect(result.error).toBeDefined();
  });

  it("draws hostile names as label text, not markup or directives", async () => {
    const blocks = mermaidBlocks(renderReport(SCENARIOS.hostile(), { format: "md", budget: "none" }));
    const lineage = blocks.find((b) => b.startsWith("flowchart"));
    const result = await render("hostile_lineage", lineage ?? "");
    expect(result.error).toBeUndefined();
    expect(result.text).toContain("<script>alert(1)</script>");
    expect(result.text).toContain('%%{init: {"theme": "dark"}}%% $$x$$');
    expect(result.text).toContain(']] --> "q"#1');
    expect(result.nodes).toBe(3);
    expect(result.edges).toBe(2);
  });
});
