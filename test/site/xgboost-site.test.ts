// The history site of the XGBoost example, in Debian's Chromium: three trainings (a champion, a
// deeper model that loses, a shallower one that wins), then overview → asset → version → compare
// with every value checked against the ledger, hover values and zoom on the 200-round curves, and
// the same site served from a GitHub Pages-like subpath over HTTP. Needs /usr/bin/python3 with
// xgboost, sklearn and pandas and /usr/bin/chromium; outside CI either may be missing (skipped).
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaterializationRecord, SeriesPoint } from "../../src/domain/records.js";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { openLedger } from "../../src/ledger/open.js";
import { formatNumber } from "../../src/report/format.js";
import { siteValue } from "../../src/site/collect.js";
import { pythonReady } from "../../scripts/tutorial-outputs.js";
import { launchChromium, skipBrowser } from "../support/chromium.js";
import { exampleRepo } from "../support/example-repo.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { sitePage, tableRows } from "../support/site-browser.js";

const OUT = path.resolve("test-results/site");
const NOW = "2026-11-23T12:00:00Z";
const python = pythonReady({ python: ["xgboost", "sklearn", "pandas"] });
if (!python && process.env.CI === "true") {
  throw new Error(
    "CI=true but /usr/bin/python3 does not find xgboost, sklearn and pandas: install python3-xgboost python3-sklearn python3-pandas",
  );
}

async function kiln(dir: string, ...args: string[]): Promise<string> {
  const result = await kilnIn(dir, args);
  if (result.code !== 0) throw new Error(`kiln ${args.join(" ")} exited ${result.code}:\n${result.output}`);
  return result.stdout;
}

/** The legend of a chart: label → value shown, as the cursor left it. */
async function legend(figure: ReturnType<Page["locator"]>): Promise<Record<string, string>> {
  const rows = await figure
    .locator(".u-legend .u-series")
    .evaluateAll((series) =>
      series.map((s) => [
        (s.querySelector(".u-label")?.textContent ?? "").trim(),
        (s.querySelector(".u-value")?.textContent ?? "").trim(),
      ]),
    );
  return Object.fromEntries(rows);
}

/** Serves `dir` under `/<prefix>/` only, as GitHub Pages serves a project site; 404 elsewhere. */
function servePages(dir: string, prefix: string): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const relative = url.pathname.startsWith(`/${prefix}/`)
      ? url.pathname.slice(prefix.length + 2)
      : undefined;
    const file = relative === undefined ? undefined : path.join(dir, relative || "index.html");
    if (!file?.startsWith(dir + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": types[path.extname(file)] ?? "text/plain" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/${prefix}/`, close: () => server.close() });
    });
  });
}

describe.skipIf(skipBrowser || !python)("the XGBoost example's history site in a real browser", () => {
  let dir: string;
  let site: string;
  let records: MaterializationRecord[];
  let features: MaterializationRecord[];
  let champion: number | undefined;
  /** The newest model's curve, from its series file. */
  let v3Series: SeriesPoint[];
  let browser: Browser;
  const requests: string[] = [];

  const newPage = () => sitePage(browser, requests);

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    const repo = exampleRepo("xgboost", { prefix: "kiln-site-xgb-" });
    dir = repo.dir;
    await kiln(dir, "run");
    repo.change("max_depth: 3", "max_depth: 6", "Deeper trees");
    await kiln(dir, "run", "model+");
    repo.change("max_depth: 6", "max_depth: 2", "Shallower trees");
    await kiln(dir, "run", "model+");
    expect(await kiln(dir, "site", "-o", "public", "--now", NOW)).toMatch(
      /wrote public\/index\.html: 3 assets, 7 versions, 0 failed attempts/,
    );
    site = path.join(dir, "public");
    const ledger = await openLedger({ kind: "local", root: dir, project: "xgboost" });
    records = await ledger.materializations("model");
    features = await ledger.materializations("features");
    v3Series = await ledger.series(records.at(-1)!);
    expect(v3Series).toHaveLength(200);
    champion = aliasHolders(await ledger.aliasHistory("model")).get("champion");
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("walks overview → asset → version → compare with the ledger's values", async () => {
    expect(records.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(champion).toBe(3);
    const [v1, v2, v3] = records as [MaterializationRecord, MaterializationRecord, MaterializationRecord];
    const page = await newPage();
    await page.goto(`file://${site}/index.html`);
    const overview = await tableRows(page, /Every asset/);
    // The first cell is the asset's link followed by its description ("modelXGBRegressor on …").
    expect(overview.map((r) => /^[a-z]+/.exec(r[0] ?? "")?.[0])).toEqual(["features", "model", "evaluation"]);
    const model = overview.find((row) => row[0]?.startsWith("model"))!;
    expect(model[1]).toBe("fresh");
    expect(model[2]).toBe("v3");
    expect(model[3]).toBe(`mae ${formatNumber(v3.metrics.mae!)}`);
    expect(model[4]).toBe("v3");
    // Weekly retraining: the next Monday 03:17 in Berlin after the site's clock, in UTC.
    expect(model[6]).toBe("2026-11-30 02:17");
    await page.screenshot({ path: path.join(OUT, "xgboost-overview.png"), fullPage: true });

    await page.getByRole("link", { name: "model", exact: true }).first().click();
    await page.waitForURL(/assets\/xgboost\/model\.html$/);
    await page.locator("#history-charts canvas").first().waitFor();
    expect(await page.locator("#history-charts figcaption").allTextContents()).toEqual([
      "mae (lower is better)",
      "r2 (higher is better)",
      "rmse (lower is better)",
    ]);
    const versions = await tableRows(page, /Every version/);
    expect(versions.map((r) => [r[0], r[4], r[5], r[6], r[8]])).toEqual(
      [v3, v2, v1].map((r) => [
        `v${r.version}`,
        formatNumber(r.metrics.mae!),
        formatNumber(r.metrics.r2!),
        formatNumber(r.metrics.rmse!),
        r.version === 3 ? "champion" : "",
      ]),
    );
    const moves = await tableRows(page, /Alias moves/);
    expect(moves.map((r) => [r[2], r[3]])).toEqual([
      ["v1", "v3"],
      ["–", "v1"],
    ]);
    await page.screenshot({ path: path.join(OUT, "xgboost-asset.png"), fullPage: true });

    await page.getByRole("link", { name: "v3", exact: true }).first().click();
    await page.locator("h1", { hasText: "model v3" }).waitFor();
    const metrics = await tableRows(page, /^Metrics$/);
    expect(Object.fromEntries(metrics.map((r) => [r[0]!.replace(/ primary$/, ""), r[1]]))).toEqual(
      Object.fromEntries(Object.entries(v3.metrics).map(([k, v]) => [k, formatNumber(v)])),
    );
    const config = Object.fromEntries((await tableRows(page, /Resolved config/)).map((r) => [r[0], r[1]]));
    expect(config).toEqual({ learning_rate: "0.05", max_depth: "2", n_estimators: "200" });
    expect((await tableRows(page, /Exact upstream/)).map((r) => [r[0], r[1]])).toEqual([
      ["features", `v${features.at(-1)!.version}`],
    ]);
    // One "mae" chart with train_mae and val_mae over 200 boosting rounds. Hovering shows the
    // ledger's values at the round under the cursor; dragging zooms into fewer rounds.
    const curve = page.locator("#curves-h ~ .charts figure").first();
    await curve.locator("canvas").waitFor();
    const over = curve.locator(".u-over");
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const hovered = await legend(curve);
    const step = Number(hovered.step);
    expect(step).toBeGreaterThan(1);
    const point = v3Series.find((p) => p.step === step)!;
    // The site keeps six significant digits of a curve and shows four.
    expect(hovered.train_mae).toBe(formatNumber(siteValue(point.train_mae!)));
    expect(hovered.val_mae).toBe(formatNumber(siteValue(point.val_mae!)));
    // Drag across 10%–30% of the width: the middle of the plot then shows a round near a fifth of
    // the range, where before the zoom it showed one near the middle.
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    const middle = async () => {
      await page.mouse.move(box.x + box.width * 0.5 + 1, box.y + box.height * 0.5);
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      return Number((await legend(curve)).step);
    };
    await expect.poll(middle).toBeLessThan(step * 0.6);
    expect(await middle()).toBeGreaterThan(step * 0.2);
    await page.screenshot({ path: path.join(OUT, "xgboost-version.png"), fullPage: true });

    // Compare the first champion with the new one through the asset page's form.
    await page.goto(`file://${site}/assets/xgboost/model.html`);
    await page.getByLabel("First version").fill("1");
    await page.getByLabel("Second version").fill("3");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.locator("h1", { hasText: "v1 and v3" }).waitFor();
    const compared = await tableRows(page, /Metrics of v1 and v3/);
    const mae = compared.find((r) => r[0]?.startsWith("mae"))!;
    expect(mae.slice(1, 3)).toEqual([formatNumber(v1.metrics.mae!), formatNumber(v3.metrics.mae!)]);
    expect(mae[4]).toBe("▲ v3 better");
    expect(await tableRows(page, /Config keys that differ/)).toEqual([["max_depth", "3", "2"]]);
    // Both versions' train and validation curves on one chart, plus the x column.
    await page.locator("#curves-h ~ .charts canvas").first().waitFor();
    expect(
      await page.locator("#curves-h ~ .charts figure").first().locator(".u-legend .u-series").count(),
    ).toBe(5);
    await page.screenshot({ path: path.join(OUT, "xgboost-compare.png"), fullPage: true });
    await page.close();
    expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
  }, 180_000);

  it("works from a GitHub Pages subpath over HTTP, requesting nothing outside it", async () => {
    const pages = await servePages(site, "ml-history");
    try {
      const page = await newPage();
      const failed: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      const start = requests.length;
      await page.goto(pages.url);
      await page.getByRole("link", { name: "model", exact: true }).first().click();
      await page.locator("#history-charts canvas").first().waitFor();
      await page.getByRole("link", { name: "v2", exact: true }).first().click();
      await page.locator("h1", { hasText: "model v2" }).waitFor();
      await page.locator("#curves-h ~ .charts canvas").first().waitFor();
      await page.getByRole("link", { name: "Compare with v1" }).click();
      await page.locator("h1", { hasText: "v1 and v2" }).waitFor();
      await page.close();
      expect(failed).toEqual([]);
      const made = requests.slice(start);
      expect(made.length).toBeGreaterThan(8);
      expect(made.filter((url) => !url.startsWith(pages.url))).toEqual([]);
    } finally {
      pages.close();
    }
  }, 120_000);
});
