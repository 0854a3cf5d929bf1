// What the history site's browser tests share: a page that records every request it makes and
// fails the test on a script error, the text of a captioned table, and WCAG contrast in the page.
import type { Browser, Page } from "playwright-core";

/** A 1280×900 page whose requests are appended to `requests`; a page error fails the test. */
export async function sitePage(browser: Browser, requests: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => {
    requests.push(request.url());
  });
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

/** The text of every cell of the first table whose caption matches, row by row. */
export async function tableRows(page: Page, caption: RegExp): Promise<string[][]> {
  const table = page.locator("table", { has: page.locator("caption", { hasText: caption }) }).first();
  await table.waitFor();
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
}
