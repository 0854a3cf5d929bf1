// index.html: every asset of the project with its status and why, champion and primary metric,
// last refresh and next scheduled tick, and the asset graph.
import type { AssetGraph } from "../graph/graph.js";
import { html } from "../report/escape.js";
import type { AssetSummary, SiteStatus } from "./collect.js";
import { siteKey } from "./data.js";
import { lineageSvg } from "./lineage.js";
import { assetHref, metric, page, statusBadge, timeCell, versionHref } from "./layout.js";

export interface ProjectOverview {
  name: string;
  environment: string;
  ledger: string;
  graph: AssetGraph;
  summaries: Map<string, AssetSummary>;
  problems: number;
}

export interface OverviewInput {
  siteTitle: string;
  generatedAt: string;
  projects: ProjectOverview[];
}

const ORDER: SiteStatus[] = ["failed", "stale", "missing", "fresh"];

function projectSection(p: ProjectOverview, heading: "h1" | "h2"): string {
  const root = "";
  const sub = heading === "h1" ? "h2" : "h3";
  const id = (what: string) => `${what}-${p.name}`;
  const summaries = [...p.summaries.values()];
  const counts = ORDER.map((s) => [s, summaries.filter((a) => a.status === s).length] as const);
  const rows = summaries.map((a) => {
    const key = siteKey(p.name, a.name);
    const reasons =
      a.reasons.length === 0
        ? ""
        : `<ul class="reasons">${a.reasons
            .slice(0, 4)
            .map((r) => `<li>${html(r)}</li>`)
            .join("")}${a.reasons.length > 4 ? `<li>… ${a.reasons.length - 4} more</li>` : ""}</ul>`;
    const champion = a.champion
      ? `<a href="${html(versionHref(root, key, a.champion.version))}">v${a.champion.version}</a>`
      : "–";
    const primary = a.champion?.metric
      ? `<span class="metric-name">${html(a.champion.metric)}</span> ${metric(a.champion.value)}`
      : "–";
    return `<tr class="row-${a.status}">
<th scope="row"><a href="${html(assetHref(root, key))}">${html(a.name)}</a>${a.description ? `<div class="desc">${html(a.description)}</div>` : ""}</th>
<td>${statusBadge(a.status)}${reasons}</td>
<td class="num">${champion}</td>
<td>${primary}</td>
<td class="num">${a.latest ? `<a href="${html(versionHref(root, key, a.latest.version))}">v${a.latest.version}</a>` : "–"}</td>
<td>${timeCell(a.latest?.finishedAt)}</td>
<td>${a.nextTick ? timeCell(a.nextTick) : `<span class="muted">${html(a.automation)}</span>`}</td>
</tr>`;
  });
  const summary = counts
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<li>${statusBadge(s)} <strong>${n}</strong></li>`)
    .join("");
  return `<section id="project-${html(p.name)}" aria-labelledby="${id("title")}">
<${heading} id="${id("title")}">${html(p.name)}</${heading}>
<p class="lede">Status in environment <strong>${html(p.environment)}</strong> · ${summaries.length} assets · records from ${html(p.ledger)}${
    p.problems > 0
      ? ` · <strong class="warn">${p.problems} unreadable records skipped</strong> (run <code>kiln doctor</code>)`
      : ""
  }</p>
<ul class="counts" aria-label="Assets of ${html(p.name)} by status">${summary}</ul>
<${sub} id="${id("assets")}">Assets</${sub}>
<div class="table-wrap"><table class="overview">
<caption class="sr-only">Every asset of ${html(p.name)} with its status, champion, last refresh and next scheduled tick</caption>
<thead><tr><th scope="col">Asset</th><th scope="col">Status and why</th><th scope="col">Champion</th><th scope="col">Primary metric</th><th scope="col">Latest</th><th scope="col">Last refresh (UTC)</th><th scope="col">Next tick (UTC)</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
<${sub} id="${id("graph")}">Asset graph</${sub}>
<p class="hint">Data flows left to right. Select an asset to open its history.</p>
<div class="graph-wrap">${lineageSvg(p.graph, p.summaries, root, p.name)}</div>
</section>`;
}

export function overviewPage(input: OverviewInput): string {
  const single = input.projects.length === 1;
  const body = single
    ? projectSection(input.projects[0]!, "h1")
    : `<h1>${html(input.siteTitle)}</h1>
<nav aria-label="Projects"><ul class="projects">${input.projects
        .map((p) => `<li><a href="#project-${html(p.name)}">${html(p.name)}</a></li>`)
        .join("")}</ul></nav>
${input.projects.map((p) => projectSection(p, "h2")).join("\n")}`;
  return page({
    title: "Overview",
    root: "",
    crumbs: [],
    siteTitle: input.siteTitle,
    body,
    generatedAt: input.generatedAt,
  });
}
