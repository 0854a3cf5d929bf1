// The history site in Debian's Chromium: the quickstart example run in a temporary copy (two prod
// versions, a dev version and a failed attempt), and a synthetic ledger large enough to span many
// data files. Values on the pages are checked against the ledger; every request must stay on
// file://. Screenshots go to test-results/site/ for people to look at.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "../../src/action/main.js";
import { main } from "../../src/cli/program.js";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { openLedger } from "../../src/ledger/open.js";
import type { MaterializationRecord } from "../../src/domain/records.js";
import { formatNumber } from "../../src/report/format.js";
import { siteClient } from "../../src/site/client-bundle.js";
import { bundles } from "../support/bundles.js";
import { launchChromium, skipBrowser } from "../support/chromium.js";
import { exampleRepo } from "../support/example-repo.js";
import { sitePage, tableRows } from "../support/site-browser.js";
import { writeSyntheticProject } from "../support/synthetic-ledger.js";

const OUT = path.resolve("test-results/site");
const skip = skipBrowser;
const NOW = "2026-11-23T12:00:00Z";
const HOSTILE = `<img src=x onerror="document.title='pwned'"> & "quotes"`;

async function kiln(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, {
    cwd,
    env: { ...process.env, CI: "true", GITHUB_ACTIONS: "", KILN_ENV: "" },
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
    columns: 120,
  });
  return { code, out, err };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@kiln.invalid", ...args], {
    cwd,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

/** The quickstart in a temporary repository: prod v1, prod v2 (new learning rate), dev v3, a failure. */
async function quickstart(): Promise<string> {
  const repo = exampleRepo("quickstart", {
    prefix: "kiln-site-qs-",
    edit: (manifest) =>
      manifest.replace(
        "description: Rows with every field present, as JSON lines.",
        `description: ${JSON.stringify(HOSTILE)}`,
      ),
  });
  const run = (...args: string[]) => kiln(repo.dir, "run", ...args);
  expect((await run("--env", "prod")).code).toBe(0);
  repo.change("learning_rate: 0.05", "learning_rate: 0.1", "faster learning rate");
  expect((await run("--env", "prod")).code).toBe(0);
  expect((await run("--env", "dev")).code).toBe(0);
  // A learning rate of zero never leaves the initial weights: val_mae < 5 fails, a failure record.
  repo.change("learning_rate: 0.1", "learning_rate: 0", "too few epochs");
  expect((await run("--env", "prod")).code).not.toBe(0);
  return repo.dir;
}

let browser: Browser;
const requests: string[] = [];

const newPage = () => sitePage(browser, requests);

/**
 * Runs in the page: every visible text of the page (charts' canvases aside) whose colour against
 * its background is below WCAG AA (4.5:1, or 3:1 for large text), as "text: ratio".
 */
function lowContrastTexts(): string[] {
  const rgb = (css: string) => {
    const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
    return { r, g, b, a: css.startsWith("rgba") ? a : 1 };
  };
  const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  };
  const background = (element: Element | null) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgb(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) return colour;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const low: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    const element = node.parentElement;
    if (!text || !element || element.closest(".sr-only, .skip, script, style")) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
    const fg = rgb(style.color);
    const bg = background(element);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
  }
  return low;
}

describe.skipIf(skip)("the history site in a real browser", () => {
  let qs: string;
  let site: string;
  let records: MaterializationRecord[];
  let champion: number | undefined;
  let moves: Array<[string, string, string]>;

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    qs = await quickstart();
    site = path.join(qs, "public");
    const built = await kiln(qs, "site", "-o", "public", "--now", NOW, "--env", "prod");
    expect(built.err).toBe("");
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/wrote public\/index\.html: 4 assets, 8 versions, 1 failed attempt \(/);
    const ledger = await openLedger({ kind: "local", root: qs, project: "quickstart" });
    records = await ledger.materializations("model");
    const history = await ledger.aliasHistory("model");
    champion = aliasHolders(history).get("champion");
    moves = history
      .map((e): [string, string, string] => [e.alias, e.from === null ? "–" : `v${e.from}`, `v${e.to}`])
      .reverse();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("walks overview → asset → version → compare with the ledger's values, all from file://", async () => {
    expect(records.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(champion).toBeDefined();
    const page = await newPage();
    await page.goto(`file://${site}/index.html`);
    const overview = await tableRows(page, /Every asset/);
    const model = overview.find((row) => row[0]?.startsWith("model"))!;
    expect(model[1]).toMatch(/^failed/);
    expect(model[1]).toContain("last run failed");
    expect(model[2]).toBe(`v${champion}`);
    expect(model[3]).toBe(`val_mae ${formatNumber(records[champion! - 1]!.metrics.val_mae!)}`);
    expect(model[4]).toBe("v3");
    // Record text is shown as text: the hostile description made no element and ran no script.
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.locator("tbody").textContent()).toContain(HOSTILE);
    expect(await page.title()).not.toBe("pwned");
    expect(await page.locator("svg.lineage a").count()).toBe(4);
    await page.screenshot({ path: path.join(OUT, "overview.png"), fullPage: true });

    await page.getByRole("link", { name: "model", exact: true }).first().click();
    await page.waitForURL(/assets\/quickstart\/model\.html$/);
    await page.locator("#history-charts canvas").first().waitFor();
    // One chart per recorded metric (val_mae, val_r2, val_rmse), each a labelled image.
    expect(await page.locator("#history-charts figure").count()).toBe(3);
    expect(await page.locator('#history-charts [role="img"][aria-label]').count()).toBe(3);
    const versions = await tableRows(page, /Every version/);
    expect(versions.map((r) => r[0])).toEqual(["v3", "v2", "v1"]);
    for (const row of versions) {
      const record = records.find((r) => `v${r.version}` === row[0])!;
      expect(row[3]).toBe(`${record.context.environment} · main`);
      expect(row[4]).toBe(formatNumber(record.metrics.val_mae!));
      expect(row[8]).toBe(record.version === champion ? "champion" : "");
    }
    const aliases = await tableRows(page, /Alias moves/);
    expect(aliases.map((r) => [r[1], r[2], r[3]])).toEqual(moves);
    const failures = await tableRows(page, /Failed and cancelled/);
    expect(failures).toHaveLength(1);
    expect(failures[0]![5]).toMatch(/val_mae < 5/);
    await page.screenshot({ path: path.join(OUT, "asset.png"), fullPage: true });

    await page.getByRole("link", { name: "v2", exact: true }).first().click();
    await page.waitForURL(/version\.html\?asset=quickstart\/model&v=2$/);
    await page.locator("h1", { hasText: "model v2" }).waitFor();
    const v2 = records[1]!;
    const metrics = await tableRows(page, /^Metrics$/);
    expect(Object.fromEntries(metrics.map((r) => [r[0]!.replace(/ primary$/, ""), r[1]]))).toEqual(
      Object.fromEntries(Object.entries(v2.metrics).map(([k, v]) => [k, formatNumber(v)])),
    );
    const config = Object.fromEntries((await tableRows(page, /Resolved config/)).map((r) => [r[0], r[1]]));
    expect(config.learning_rate).toBe("0.1");
    expect(config.epochs).toBe(String(v2.provenance.config.epochs));
    const code = await tableRows(page, /Code files/);
    expect(code).toEqual(Object.entries(v2.provenance.code).map(([file, blob]) => [file, blob]));
    const upstream = await tableRows(page, /Exact upstream/);
    expect(upstream.map((r) => [r[0], r[1]])).toEqual([["features", "v1"]]);
    expect(await page.locator("h1 .alias").allTextContents()).toEqual(champion === 2 ? ["champion"] : []);
    await page.locator("#curves-h ~ .charts canvas").first().waitFor();
    await page.screenshot({ path: path.join(OUT, "version.png"), fullPage: true });

    // The upstream link leads to the exact version of features that trained v2.
    await page.getByRole("link", { name: "v1", exact: true }).first().click();
    await page.locator("h1", { hasText: "features v1" }).waitFor();
    await page.goBack();
    await page.locator("h1", { hasText: "model v2" }).waitFor();

    await page.getByRole("link", { name: "Compare with v1" }).click();
    await page.waitForURL(/compare\.html\?asset=quickstart\/model&a=1&b=2$/);
    await page.locator("h1", { hasText: "Compare" }).waitFor();
    const compared = await tableRows(page, /Metrics of v1 and v2/);
    const mae = compared.find((r) => r[0] === "val_mae")!;
    expect(mae[1]).toBe(formatNumber(records[0]!.metrics.val_mae!));
    expect(mae[2]).toBe(formatNumber(v2.metrics.val_mae!));
    expect(mae[4]).toBe(v2.metrics.val_mae! < records[0]!.metrics.val_mae! ? "▲ v2 better" : "▼ v2 worse");
    expect(await tableRows(page, /Config keys that differ/)).toEqual([["learning_rate", "0.05", "0.1"]]);
    // Both versions' curves on one chart: train and validation lines of each, four lines.
    await page.locator("#curves-h ~ .charts canvas").first().waitFor();
    expect(await page.locator("#curves-h ~ .charts .u-legend .u-series").count()).toBe(5);

    // Choosing another pair with the keyboard-operable form.
    await page.selectOption('select[name="a"]', "2");
    await page.selectOption('select[name="b"]', "3");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/compare\.html\?asset=quickstart%2Fmodel&a=2&b=3$/);
    await page.locator("h1", { hasText: "v2 and v3" }).waitFor();
    expect((await tableRows(page, /Config keys that differ/)).map((r) => r[0])).toEqual(["epochs"]);
    await page.screenshot({ path: path.join(OUT, "compare.png"), fullPage: true });

    await page.goto(`file://${site}/version.html?asset=quickstart/model&failure=1`);
    await page.locator("h1", { hasText: "attempt 1" }).waitFor();
    expect(await page.locator("pre.log").count()).toBe(1);
    expect(await page.locator(".callout.s-failed").textContent()).toMatch(/val_mae < 5/);
    await page.screenshot({ path: path.join(OUT, "failure.png"), fullPage: true });

    // The champion's page says first how it became champion (the alias log), then what its own run
    // decided; a dev build is offered the champion to compare with, not prod's versions before it.
    await page.goto(`file://${site}/version.html?asset=quickstart/model&v=${champion}`);
    await page.locator("h1", { hasText: `model v${champion}` }).waitFor();
    const callouts = await page.locator(".callout").allTextContents();
    expect(callouts[0]).toMatch(/^Became champion .*UTC by a run: /);
    expect(callouts[1]).toMatch(/^At its run, eligible for champion: /);
    await page.goto(`file://${site}/version.html?asset=quickstart/model&v=3`);
    await page.locator("h1", { hasText: "model v3" }).waitFor();
    expect(await page.locator("p.actions a").allTextContents()).toEqual([
      `Compare with champion v${champion}`,
    ]);

    await page.goto(`file://${site}/version.html?asset=../../etc&v=1`);
    expect(await page.getByRole("alert").textContent()).toMatch(/names no asset/);
    await page.close();
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
  }, 120_000);

  it("is usable from the keyboard: skip link first, links and the compare form reachable", async () => {
    const page = await newPage();
    await page.goto(`file://${site}/assets/quickstart/model.html`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    // Every table has a caption and column headers; every form control has a label.
    const unlabeled = await page.evaluate(() => ({
      tables: [...document.querySelectorAll("table:not(.u-legend)")].filter(
        (t) => !t.querySelector("caption") || !t.querySelector("thead th[scope=col]"),
      ).length,
      controls: [...document.querySelectorAll("select, input:not([type=hidden])")].filter(
        (c) => !c.closest("label"),
      ).length,
    }));
    expect(unlabeled).toEqual({ tables: 0, controls: 0 });
    await page.close();
  });

  it("writes every text at WCAG AA contrast on the overview, asset, version and failure pages", async () => {
    const page = await newPage();
    for (const address of [
      "index.html",
      "assets/quickstart/model.html",
      "version.html?asset=quickstart/model&v=2",
      "version.html?asset=quickstart/model&failure=1",
    ]) {
      await page.goto(`file://${site}/${address}`);
      await page.locator("main h1").waitFor();
      const low = await page.evaluate(lowContrastTexts);
      expect(low, address).toEqual([]);
    }
    // The check can fail: grey on white is found.
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "faint";
      p.style.color = "#bbbbbb";
      document.querySelector("main")!.append(p);
    });
    expect(await page.evaluate(lowContrastTexts)).toEqual([expect.stringMatching(/^faint: 1\.\d+$/)]);
    await page.close();
  });

  it("loads only the data files a page needs on a ledger of 40 assets × 120 versions", async () => {
    const synthetic = writeSyntheticProject({ assets: 40, versions: 120 });
    const out = path.join(synthetic.root, "site");
    const built = await kiln(synthetic.root, "site", "-o", out, "--now", NOW);
    expect(built.code).toBe(0);
    expect(built.out).toContain("40 assets, 4800 versions, 40 failed attempts");
    const ledger = await openLedger({ kind: "local", root: synthetic.root, project: "synthetic" });
    const asset = synthetic.names[17]!;
    const assetRecords = await ledger.materializations(asset);
    const record = assetRecords.find((r) => r.version === 87)!;
    const page = await newPage();
    const start = requests.length;
    await page.goto(`file://${out}/index.html`);
    // Every asset's champion and its loss, as the ledger has them.
    const rows = await tableRows(page, /Every asset/);
    const expected = await Promise.all(
      synthetic.names.map(async (name) => {
        const holder = aliasHolders(await ledger.aliasHistory(name)).get("champion")!;
        const held = (await ledger.materializations(name)).find((r) => r.version === holder)!;
        return [name, `v${holder}`, `loss ${formatNumber(held.metrics.loss!)}`, "v120"];
      }),
    );
    expect(rows.map((r) => [/^asset-\d+/.exec(r[0] ?? "")?.[0], r[2], r[3], r[4]])).toEqual(expected);
    // Every tenth asset runs on a cron in Europe/Berlin: its next tick is shown.
    const cronRow = await tableRows(page, /Every asset/).then(
      (rows) => rows.find((r) => r[0]?.startsWith(synthetic.names[10]!))!,
    );
    expect(cronRow[6]).toBe("2026-11-24 02:17");
    await page.screenshot({ path: path.join(OUT, "large-overview.png") });
    await page.goto(`file://${out}/assets/synthetic/${asset}.html`);
    await page.locator("#history-charts canvas").first().waitFor();
    // The page lists the newest 50 of the 120 versions and loads no data file to do so.
    expect(requests.slice(start).filter((url) => url.includes("/data/"))).toEqual([]);
    const row = (r: MaterializationRecord) => [
      `v${r.version}`,
      `${r.context.environment} · ${r.context.ref}`,
      formatNumber(r.metrics.loss!),
      formatNumber(r.metrics.accuracy!),
    ];
    const cells = (rows: string[][]) => rows.map((r) => [r[0], r[3], r[4], r[5]]);
    const newestFirst = [...assetRecords].reverse();
    expect(cells(await tableRows(page, /Every version/))).toEqual(newestFirst.slice(0, 50).map(row));
    // Commit links come from each record's run URL (no --repository-url given); the data files do
    // not repeat them, the page and the browser derive them alike.
    const commitLinks = () =>
      page
        .locator("#version-table tbody td code a")
        .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const commitOf = (r: MaterializationRecord) => `https://github.com/acme/ml/commit/${r.context.gitSha}`;
    expect(await commitLinks()).toEqual(newestFirst.slice(0, 50).map(commitOf));
    const status = page.locator("#version-status");
    expect(await status.textContent()).toBe("The 50 newest of 120 versions (v120–v71).");
    // Older, from the keyboard: the next 50, read from the asset's versions.js.
    await page.locator('[data-go="older"]').focus();
    await page.keyboard.press("Enter");
    await status.filter({ hasText: "page 2 of 3" }).waitFor();
    expect(await status.textContent()).toBe("Versions v70–v21: page 2 of 3, 120 versions.");
    expect(cells(await tableRows(page, /Every version/))).toEqual(newestFirst.slice(50, 100).map(row));
    expect(await commitLinks()).toEqual(newestFirst.slice(50, 100).map(commitOf));
    await page.locator("#versions-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, "large-asset.png") });
    // One environment · branch: the table starts over on its newest version.
    await page.selectOption('select[name="line"]', "prod · main");
    const prod = newestFirst.filter((r) => r.context.environment === "prod");
    await status.filter({ hasText: "page 1 of 2" }).waitFor();
    expect(await status.textContent()).toBe(
      `Versions v${prod[0]!.version}–v${prod[49]!.version}: page 1 of 2, ${prod.length} versions matching the filter (of 120).`,
    );
    expect(cells(await tableRows(page, /Every version/))).toEqual(prod.slice(0, 50).map(row));
    // A version number (or commit) typed into Find narrows it to the versions it names.
    await page.fill('input[name="q"]', "v87");
    await status.filter({ hasText: "page 1 of 1" }).waitFor();
    expect(cells(await tableRows(page, /Every version/))).toEqual(
      prod.filter((r) => String(r.version).startsWith("87")).map(row),
    );
    await page.fill('input[name="q"]', "v999");
    await status.filter({ hasText: "No version" }).waitFor();
    expect(await tableRows(page, /Every version/)).toEqual([]);
    await page.goto(`file://${out}/version.html?asset=synthetic/${asset}&v=87`);
    await page.locator("h1", { hasText: `${asset} v87` }).waitFor();
    const metrics = await tableRows(page, /^Metrics$/);
    expect(metrics.find((r) => r[0]?.startsWith("loss"))?.[1]).toBe(formatNumber(record.metrics.loss!));
    expect(
      await page.getByRole("link", { name: record.context.gitSha!.slice(0, 12) }).getAttribute("href"),
    ).toBe(commitOf(record));
    await page.goto(`file://${out}/compare.html?asset=synthetic/${asset}&a=3&b=87`);
    await page.locator("h1", { hasText: "v3 and v87" }).waitFor();
    const loaded = requests
      .slice(start)
      .filter((url) => url.includes("/data/"))
      .map((url) => url.slice(url.indexOf("/data/")));
    // The version table's rows once paged; the version page reads the asset's meta and the one
    // chunk holding v87 (v76–v100); compare adds the chunk of v3. Nothing else of the 40 × 9 data
    // files.
    expect([...new Set(loaded)].sort()).toEqual(
      [
        `/data/synthetic/${asset}/versions.js`,
        `/data/synthetic/${asset}/c0.js`,
        `/data/synthetic/${asset}/c3.js`,
        `/data/synthetic/${asset}/meta.js`,
      ].sort(),
    );
    await page.close();
  }, 120_000);

  it("lists every project of the repository; the installed (bundled) kiln and the action command write it", async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), "kiln-site-projects-"));
    const step = `const fs = require("node:fs");\nfs.mkdirSync("build", { recursive: true });\nfs.writeFileSync(process.env.KILN_OUTPUT || "build/out.txt", "x");\nfs.writeFileSync(process.env.KILN_METRICS, JSON.stringify({ score: Number(process.argv[2]) }));\n`;
    writeFileSync(path.join(repo, "step.cjs"), step);
    writeFileSync(
      path.join(repo, "kiln.yml"),
      "version: 1\nname: churn\nassets:\n  scores:\n    run: node step.cjs 0.25\n    outputs: [build/out.txt]\n    metrics: { primary: score, direction: maximize }\n",
    );
    mkdirSync(path.join(repo, "fraud"));
    writeFileSync(path.join(repo, "fraud/step.cjs"), step);
    writeFileSync(
      path.join(repo, "fraud/kiln.yml"),
      "version: 1\nname: fraud\nassets:\n  model:\n    run: node step.cjs 0.75\n    outputs: [build/out.txt]\n    metrics: { primary: score, direction: maximize }\n",
    );
    writeFileSync(path.join(repo, ".gitignore"), ".kiln\nbuild\npublic\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "two projects");
    expect((await kiln(repo, "run")).code).toBe(0);
    expect((await kiln(repo, "--manifest", "fraud/kiln.yml", "run")).code).toBe(0);

    // The CLI as installed: dist/ as the package ships it, built from these sources into the
    // system's temporary folder (test/support/bundles.ts, shared by the run's tests; an esbuild of
    // its own here cost a second of CPU), with no node_modules anywhere above it.
    const { cli } = await bundles();
    const installed = spawnSync(process.execPath, [cli, "site", "-o", "public", "--now", NOW], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, CI: "true", GITHUB_ACTIONS: "" },
    });
    expect(installed.stderr).toBe("");
    expect(installed.stdout).toContain("2 assets, 2 versions");
    const fromSource = await siteClient();
    expect(readFileSync(path.join(repo, "public/static/kiln.js"), "utf8")).toBe(fromSource.js);
    expect(readFileSync(path.join(repo, "public/static/THIRD-PARTY-NOTICES.txt"), "utf8")).toContain("uPlot");

    // The action's `command: site` (the kiln-pages job), run from one project's manifest, covers both.
    const outputs: Record<string, string> = {};
    let failed: string | undefined;
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), "kiln-site-runner-"));
    await runAction(
      {
        env: {
          RUNNER_TEMP: runnerTemp,
          GITHUB_SERVER_URL: "https://github.com",
          GITHUB_REPOSITORY: "acme/ml",
        },
        cwd: repo,
        info: () => {},
        warning: () => {},
        error: () => {},
        group: (_t, fn) => fn(),
        logGroup: () => {},
        setOutput: (name, value) => {
          outputs[name] = value;
        },
        summary: async () => {},
        mask: () => {},
        setFailed: (message) => {
          failed = message;
        },
      },
      (name) => ({ command: "site", manifest: "fraud/kiln.yml" })[name as "command"] ?? "",
    );
    expect(failed).toBeUndefined();
    expect(outputs.path).toBe(path.join(runnerTemp, "kiln-site"));
    const published = readFileSync(path.join(outputs.path!, "index.html"), "utf8");
    expect(published).toContain('id="project-churn"');
    expect(published).toContain('id="project-fraud"');

    const page = await newPage();
    await page.goto(`file://${repo}/public/index.html`);
    expect(await page.locator("main > section h2").allTextContents()).toEqual(["churn", "fraud"]);
    await page.getByRole("link", { name: "model", exact: true }).click();
    await page.waitForURL(/assets\/fraud\/model\.html$/);
    expect(await page.locator(".crumbs li").allTextContents()).toEqual(["Kiln", "fraud", "model"]);
    await page.getByRole("link", { name: "v1", exact: true }).first().click();
    await page.locator("h1", { hasText: "model v1" }).waitFor();
    expect((await tableRows(page, /^Metrics$/))[0]).toEqual(["score primary", "0.75", "higher"]);
    await page.screenshot({ path: path.join(OUT, "projects-version.png") });
    await page.close();
  }, 180_000);
});
