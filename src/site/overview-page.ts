// index.html: every asset of the project with its status and why, champion and primary metric,
// last refresh and next scheduled tick, and the asset graph.
import type { AssetGraph } from "../graph/graph.js";
import { html } from "../report/escape.js";
import type { AssetSummary, SiteStatus } from "./collect.js";
import { lineageSvg } from "./lineage.js";
import { assetHref, metric, page, statusBadge, timeCell, versionHref } from "./layout.js";

export interface OverviewInput {
  siteTitle: string;
  projectName: string;
  environment: string;
  ledger: string;
  generatedAt: string;
  graph: AssetGraph;
  summaries: Map<string, AssetSummary>;
  problems: number;
}

const ORDER: SiteStatus[] = ["failed", "stale", "missing", "fresh"];

export function overviewPage(input: OverviewInput): string {
  const root = "";
  const summaries = [...input.summaries.values()];
  const counts = ORDER.map((s) => [s, summaries.filter((a) => a.status === s).length] as const);
  const rows = summaries.map((a) => {
    const reasons =
      a.reasons.length === 0
        ? ""
        : `<ul class="reasons">${a.reasons
            .slice(0, 4)
            .map((r) => `<li>${html(r)}</li>`)
            .join("")}${a.reasons.length > 4 ? `<li>… ${a.reasons.length - 4} more</li>` : ""}</ul>`;
    const champion = a.champion
      ? `<a href="${html(versionHref(root, a.name, a.champion.version))}">v${a.champion.version}</a>`
      : "–";
    const primary = a.champion?.metric
      ? `<span class="metric-name">${html(a.champion.metric)}</span> ${metric(a.champion.value)}`
      : "–";
    return `<tr class="row-${a.status}">
<th scope="row"><a href="${html(assetHref(root, a.name))}">${html(a.name)}</a>${a.description ? `<div class="desc">${html(a.description)}</div>` : ""}</th>
<td>${statusBadge(a.status)}${reasons}</td>
<td class="num">${champion}</td>
<td>${primary}</td>
<td class="num">${a.latest ? `<a href="${html(versionHref(root, a.name, a.latest.version))}">v${a.latest.version}</a>` : "–"}</td>
<td>${timeCell(a.latest?.finishedAt)}</td>
<td>${a.nextTick ? timeCell(a.nextTick) : `<span class="muted">${html(a.automation)}</span>`}</td>
</tr>`;
  });
  const summary = counts
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<li>${statusBadge(s)} <strong>${n}</strong></li>`)
    .join("");
  const body = `<h1>${html(input.projectName)}</h1>
<p class="lede">Status in environment <strong>${html(input.environment)}</strong> · ${summaries.length} assets · records from ${html(input.ledger)}${
    input.problems > 0
      ? ` · <strong class="warn">${input.problems} unreadable records skipped</strong> (run <code>kiln doctor</code>)`
      : ""
  }</p>
<ul class="counts" aria-label="Assets by status">${summary}</ul>
<section aria-labelledby="assets-h">
<h2 id="assets-h">Assets</h2>
<div class="table-wrap"><table class="overview">
<caption class="sr-only">Every asset with its status, champion, last refresh and next scheduled tick</caption>
<thead><tr><th scope="col">Asset</th><th scope="col">Status and why</th><th scope="col">Champion</th><th scope="col">Primary metric</th><th scope="col">Latest</th><th scope="col">Last refresh (UTC)</th><th scope="col">Next tick (UTC)</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</section>
<section aria-labelledby="graph-h">
<h2 id="graph-h">Asset graph</h2>
<p class="hint">Data flows left to right. Select an asset to open its history.</p>
<div class="graph-wrap">${lineageSvg(input.graph, input.summaries, root)}</div>
</section>`;
  return page({
    title: "Overview",
    root,
    crumbs: [],
    siteTitle: input.siteTitle,
    body,
    generatedAt: input.generatedAt,
  });
}
