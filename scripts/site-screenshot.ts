// `npx tsx scripts/site-screenshot.ts [DIR]`: retakes the screenshots docs/site.md shows
// (site-overview.png, site-asset.png; DIR defaults to docs/). It plays five weeks of the quickstart
// in a temporary repository, a clean history a team would have: a first model, a longer training
// that becomes champion, a pull request trying stronger regularization, a faster learning rate
// that loses, and 60 epochs that wins by more than min-delta. Then it renders the site and
// photographs it in Debian's Chromium (/usr/bin/chromium).
import { rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { launchChromium } from "../test/support/chromium.js";
import { exampleRepo } from "../test/support/example-repo.js";
import { gitIn, kilnIn } from "../test/support/kiln-in-process.js";

const ROOT = path.resolve(import.meta.dirname, "..");
/** The site's clock: the morning after the last run. */
export const SCREENSHOT_NOW = "2026-10-07T08:00:00Z";

async function kiln(dir: string, ...args: string[]): Promise<void> {
  const result = await kilnIn(dir, args);
  if (result.code !== 0) throw new Error(`kiln ${args.join(" ")} exited ${result.code}:\n${result.output}`);
}

/** The quickstart after five weeks of work; returns the repository and the site built from it. */
export async function quickstartHistory(): Promise<{ dir: string; site: string }> {
  // Start under-trained, so later work has something to win.
  const repo = exampleRepo("quickstart", {
    prefix: "kiln-site-shot-",
    edit: (manifest) => manifest.replace("epochs: 60", "epochs: 8"),
  });
  const run = (now: string, ...args: string[]) => kiln(repo.dir, "run", "--now", now, ...args);
  await run("2026-09-01T03:17:00Z");
  repo.change("epochs: 8", "epochs: 30", "Train for 30 epochs");
  await run("2026-09-08T09:12:00Z");
  gitIn(repo.dir, "checkout", "-q", "-b", "stronger-l2");
  repo.change("l2: 0.001", "l2: 0.05", "Try stronger L2 regularization");
  await run("2026-09-10T14:40:00Z", "--event", "pull_request", "--base", "main");
  gitIn(repo.dir, "checkout", "-q", "main");
  repo.change("learning_rate: 0.05", "learning_rate: 0.1", "Double the learning rate");
  await run("2026-09-22T10:05:00Z");
  repo.change(/epochs: 30, learning_rate: 0.1/, "epochs: 60, learning_rate: 0.05", "60 epochs at 0.05");
  await run("2026-10-06T16:30:00Z");
  const site = path.join(repo.dir, "public");
  await kiln(repo.dir, "site", "-o", site, "--now", SCREENSHOT_NOW, "--env", "prod");
  return { dir: repo.dir, site };
}

export async function screenshots(site: string, out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const overview = path.join(out, "site-overview.png");
    await page.goto(`file://${site}/index.html`);
    await page.locator("svg.lineage").waitFor();
    await page.screenshot({ path: overview, fullPage: true });
    const asset = path.join(out, "site-asset.png");
    await page.goto(`file://${site}/assets/quickstart/model.html`);
    await page.locator("#history-charts canvas").first().waitFor();
    await page.screenshot({ path: asset, fullPage: true });
    return [overview, asset];
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, "docs"));
  const { dir, site } = await quickstartHistory();
  try {
    for (const file of await screenshots(site, out))
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
