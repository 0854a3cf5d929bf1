// A metric a step reported as NaN or ±Infinity cannot be drawn: the site says so in the text beside
// the chart and in the version table (as reports do, with formatNumber and ⚠️), instead of leaving
// a silent gap in the line, or no chart and no column at all when every value is NaN.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { launchChromium, skipBrowser } from "../support/chromium.js";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { sitePage, tableRows as browserRows } from "../support/site-browser.js";

const MANIFEST = `version: 1
name: nan
assets:
  model:
    code: [train.sh]
    inputs: [mae.txt]
    run: sh train.sh
    metrics: { primary: mae, direction: minimize }
  diverged:
    run: 'echo "{\\"loss\\": NaN}" > "$KILN_METRICS"'
    metrics: { primary: loss, direction: minimize }
`;

const TRAIN = `echo "{\\"mae\\": $(cat mae.txt), \\"rmse\\": 4}" > "$KILN_METRICS"
`;

/** The rows of the version table in an asset page: version → its cells' text, markup kept. */
function tableRows(page: string): Map<string, string> {
  const body = page.slice(page.indexOf('id="version-table"'));
  const rows = new Map<string, string>();
  for (const match of body.matchAll(
    /<tr[^>]*>\s*<th scope="row"><a [^>]*>(v\d+)<\/a><\/th>([\s\S]*?)<\/tr>/g,
  ))
    rows.set(match[1]!, match[2]!);
  return rows;
}

describe("a metric that is not a number, on the history site", () => {
  it("is marked NaN ⚠️ in the version table and named under the chart it is missing from", async () => {
    const dir = engineRepo(MANIFEST, { "train.sh": TRAIN, "mae.txt": "5" });
    for (const mae of ["5", "NaN", "3"]) {
      writeFileSync(path.join(dir, "mae.txt"), mae);
      const run = await kilnIn(dir, ["run"]);
      expect(run.code, run.output).toBe(0);
    }
    const site = await kilnIn(dir, ["site", "-o", "public", "--now", "2026-11-23T12:00:00Z"]);
    expect(site.code, site.output).toBe(0);

    const model = readFileSync(path.join(dir, "public/assets/nan/model.html"), "utf8");
    const rows = tableRows(model);
    expect(rows.get("v2")).toContain("NaN ⚠️");
    expect(rows.get("v1")).not.toContain("⚠️");
    const history = model.slice(model.indexOf('id="history-h"'), model.indexOf('id="versions-h"'));
    expect(history).toContain("Not drawn, not a number: mae of v2 (NaN).");

    // Every value NaN: the chart and the column are still there, and say why they are empty.
    const diverged = readFileSync(path.join(dir, "public/assets/nan/diverged.html"), "utf8");
    expect(tableRows(diverged).get("v1")).toContain("NaN ⚠️");
    expect(diverged).toContain('<th scope="col" class="num">loss</th>');
    expect(diverged).toContain("Not drawn, not a number: loss of v1 (NaN).");

    // The version table's data file (pages past the first) carries it too.
    const versions = readFileSync(path.join(dir, "public/data/nan/model/versions.js"), "utf8");
    expect(versions).toContain('"notFinite":{"mae":"NaN"}');

    if (skipBrowser) return;
    // The version page, drawn in the browser from the version's data file.
    const browser = await launchChromium();
    try {
      const page = await sitePage(browser, []);
      await page.goto(`file://${dir}/public/version.html?asset=nan/model&v=2`);
      expect(await browserRows(page, /^Metrics$/)).toEqual([
        ["mae primary", "NaN ⚠️", "lower"],
        ["rmse", "4", "–"],
      ]);
      await page.goto(`file://${dir}/public/compare.html?asset=nan/model&a=1&b=2`);
      expect((await browserRows(page, /^Metrics of v1 and v2$/))[0]).toEqual(["mae", "5", "NaN ⚠️", "–", "–"]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
