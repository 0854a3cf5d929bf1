// version.html and compare.html: one page each for every version of every asset, filled in the
// browser from the one or two data files the query names (`?asset=model&v=7`). Pre-rendering a page
// per version would write 300,000 files for a large ledger; a per-asset chunk of versions keeps
// the site small and the build fast while each page still loads only what it shows.
import { page } from "./layout.js";

function shell(kind: "version" | "compare", title: string, siteTitle: string, generatedAt: string): string {
  return page({
    title,
    root: "",
    crumbs: [[title, undefined]],
    siteTitle,
    generatedAt,
    body: `<div id="app" data-page="${kind}" aria-live="polite"><p class="loading">Loading…</p></div>
<noscript><p class="callout s-failed">This page is drawn by JavaScript from the site's data files. The asset pages list every version without it.</p></noscript>`,
  });
}

export function versionShell(siteTitle: string, generatedAt: string): string {
  return shell("version", "Version", siteTitle, generatedAt);
}

export function compareShell(siteTitle: string, generatedAt: string): string {
  return shell("compare", "Compare", siteTitle, generatedAt);
}
