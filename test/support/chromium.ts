// Debian's Chromium driven by playwright-core, for the tests that render in a real browser
// (Mermaid reports, the history site). Playwright's own browser download cannot reach the internet
// here, so tests use /usr/bin/chromium; a developer without it may skip, CI must not.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** True when the browser tests may be skipped: outside CI, without Chromium installed. */
export const skipBrowser = process.env.CI !== "true" && !existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
