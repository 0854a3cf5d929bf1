// assets/<name>.html: metric history charts (data inline), a compare form, the version table, the
// alias history and failed attempts. Tables are real HTML so the page reads without JavaScript and
// with a screen reader; the charts add hover values and zoom on top. The version table holds the
// newest TABLE_PAGE_ROWS versions; the browser pages through and filters the rest from the asset's
// versions.js, loaded on the first use, so a page stays small whatever the history's length.
import type { AssetGraph } from "../graph/graph.js";
import type { AssetSpec } from "../manifest/project.js";
import { html, scriptJson } from "../report/escape.js";
import {
  type HistoryData,
  previousOnLine,
  siteKey,
  TABLE_PAGE_ROWS,
  type VersionRow,
  type VersionTable,
} from "./data.js";
import { type AssetHistory, type AssetSummary, historyData, lineOf, metaVersion } from "./collect.js";
import {
  assetHref,
  duration,
  externalLink,
  failureHref,
  metric,
  page,
  statusBadge,
  timeCell,
  versionHref,
} from "./layout.js";
import { commitLink } from "./links.js";

export interface AssetPageInput {
  siteTitle: string;
  project: string;
  generatedAt: string;
  asset: AssetSpec;
  summary: AssetSummary;
  history: AssetHistory;
  /** Every row of the version table (the page shows the newest; versions.js holds them all). */
  table: VersionTable;
  graph: AssetGraph;
  /** Projects in the site: with more than one, the breadcrumbs name the project. */
  projects: number;
}

function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : "–";
}

function neighbours(graph: AssetGraph, names: readonly string[], root: string, project: string): string {
  if (names.length === 0) return "none";
  return names
    .map((n) =>
      graph.nodes.get(n)?.kind === "asset"
        ? `<a href="${html(assetHref(root, siteKey(project, n)))}">${html(n)}</a>`
        : `${html(n)} <span class="muted">(source)</span>`,
    )
    .join(", ");
}

/** The checks cell: passed of declared, what failed in its title. */
function checkCell(checks: VersionRow["checks"]): string {
  if (checks.total === 0) return "–";
  const label = `${checks.passed}/${checks.total} passed`;
  return checks.failed === undefined
    ? `<span class="ok">${label}</span>`
    : `<span class="bad" title="${html(checks.failed)}">${label}</span>`;
}

/** A version table row; src/site/client/versions-table.ts draws the same cells in the browser. */
function versionRow(
  row: VersionRow,
  columns: readonly string[],
  aliases: readonly string[],
  root: string,
  key: string,
  repositoryUrl: string | undefined,
): string {
  return `<tr${aliases.length > 0 ? ' class="held"' : ""}>
<th scope="row"><a href="${html(versionHref(root, key, row.v))}">v${row.v}</a></th>
<td>${timeCell(row.at)}</td>
<td><code>${externalLink(commitLink(row.sha, row.runUrl, repositoryUrl), shortSha(row.sha))}</code></td>
<td>${html(row.line)}</td>
${row.metrics.map((m, i) => `<td class="num">${metric(m ?? undefined, row.notFinite?.[columns[i]!])}</td>`).join("")}
<td>${checkCell(row.checks)}</td>
<td>${aliases.map((a) => `<span class="alias">${html(a)}</span>`).join(" ")}</td>
<td class="num">${duration(row.durationMs)}</td>
<td>${row.runUrl ? externalLink(row.runUrl, "run") : html(row.event)}</td>
</tr>`;
}

/** The version table's first page, and the controls the browser uses to page and filter it. */
function versionsSection(input: AssetPageInput, root: string, key: string): string {
  const { table, asset } = input;
  const total = table.rows.length;
  if (total === 0)
    return `<section aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>
<p>No successful materialization yet.</p></section>`;
  const aliasesOf = new Map<number, string[]>();
  for (const [alias, v] of Object.entries(table.aliases))
    aliasesOf.set(v, [...(aliasesOf.get(v) ?? []), alias].sort());
  const shown = table.rows.slice(-TABLE_PAGE_ROWS).reverse();
  const paged = total > TABLE_PAGE_ROWS;
  const lines = [...new Set(table.rows.map((r) => r.line))].sort();
  const status = paged
    ? `The ${shown.length} newest of ${total.toLocaleString("en")} versions (v${shown[0]!.v}–v${shown.at(-1)!.v}).`
    : `All ${total.toLocaleString("en")} versions.`;
  // The controls start hidden: without JavaScript the page lists the newest versions, and every
  // version is still reached from the compare form and the version pages' links.
  const tools = `<form class="table-tools" id="version-tools" hidden>
<label>Environment · branch <select name="line"><option value="">all</option>${lines.map((l) => `<option>${html(l)}</option>`).join("")}</select></label>
<label>Find version or commit <input type="search" name="q" autocomplete="off" spellcheck="false"></label>
</form>`;
  return `<section aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>
${tools}
<div class="table-wrap"><table class="versions" id="version-table" data-asset="${html(key)}" data-total="${total}" data-page-rows="${TABLE_PAGE_ROWS}">
<caption class="sr-only">Every version of ${html(asset.name)}, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Finished (UTC)</th><th scope="col">Commit</th><th scope="col">Environment · branch</th>${table.metrics.map((m) => `<th scope="col" class="num">${html(m)}</th>`).join("")}<th scope="col">Checks</th><th scope="col">Aliases</th><th scope="col" class="num">Duration</th><th scope="col">Run</th></tr></thead>
<tbody>
${shown.map((row) => versionRow(row, table.metrics, aliasesOf.get(row.v) ?? [], root, key, table.repositoryUrl)).join("\n")}
</tbody></table></div>
<div class="pager" id="version-pager">
<p id="version-status" aria-live="polite">${status}</p>
${paged ? '<p class="pager-buttons" hidden><button type="button" data-go="newer" disabled>Newer</button> <button type="button" data-go="older">Older</button></p>' : ""}
</div>
</section>`;
}

/** Points the charts leave out: most listed here, where the chart stands, all marked ⚠️ in the table. */
const NOT_DRAWN_LISTED = 12;

/**
 * What the history charts cannot draw: metrics the step reported as NaN or ±Infinity have no point,
 * so the text beside the charts names them (as a report warns of them) instead of a silent gap.
 */
function notDrawn(history: HistoryData, table: VersionTable): string {
  const charted = new Set(history.metrics.map((m) => m.name));
  const missing = table.rows.flatMap((row) =>
    Object.entries(row.notFinite ?? {})
      .filter(([name]) => charted.has(name))
      .map(([name, kind]) => `${name} of v${row.v} (${kind})`),
  );
  if (missing.length === 0) return "";
  const listed = missing.slice(-NOT_DRAWN_LISTED);
  const more = missing.length - listed.length;
  return `<p class="hint" id="history-not-drawn">⚠️ Not drawn, not a number: ${html(listed.join(", "))}.${more > 0 ? ` ${more} earlier ${more === 1 ? "value is" : "values are"} marked ⚠️ in the version table too.` : ""}</p>
`;
}

export function assetPage(input: AssetPageInput): string {
  const root = "../../";
  const { asset, summary, history: read, graph, project } = input;
  const key = siteKey(project, asset.name);
  const heads = read.heads;
  const aliasRows = [...read.aliasEvents].reverse().map(
    (e) => `<tr><td>${timeCell(e.at)}</td><td><span class="alias">${html(e.alias)}</span></td>
<td class="num">${e.from === null ? "–" : `<a href="${html(versionHref(root, key, e.from))}">v${e.from}</a>`}</td>
<td class="num">${e.to === null ? "removed" : `<a href="${html(versionHref(root, key, e.to))}">v${e.to}</a>`}</td>
<td>${html(e.by)}</td><td>${html(e.reason)}</td></tr>`,
  );
  const failureRows = read.failures
    .map(
      (
        f,
        i,
      ) => `<tr><th scope="row"><a href="${html(failureHref(root, key, i + 1))}">attempt ${i + 1}</a></th>
<td>${statusBadge(f.status)}</td><td>${timeCell(f.finishedAt)}</td><td>${html(lineOf(f.context))}</td>
<td><code>${html(shortSha(f.context.gitSha))}</code></td><td class="error-cell">${html(f.error.split("\n")[0] ?? "")}</td></tr>`,
    )
    .reverse();
  const history = historyData(asset, read, key, input.table.rows);
  const newest = heads.at(-1)?.version;
  const champion = summary.champion;
  // The champion against the newest version of its environment (a dev build trained on another
  // config is no measure of it), or that version against the one before it on its line (environment
  // and branch, as reports take "previous") when it is the champion. Without a champion, the newest
  // and its previous. No pair crosses lines: without a previous on the line, the first field is
  // left for the reader. Number fields rather than a list of every version: a history of 1,000
  // would list them twice.
  const championEnvironment = champion
    ? heads.find((h) => h.version === champion.version)?.context.environment
    : undefined;
  const second =
    championEnvironment === undefined
      ? heads.at(-1)
      : heads.findLast((h) => h.context.environment === championEnvironment);
  const previous = second ? previousOnLine(heads.map(metaVersion))[heads.indexOf(second)] : undefined;
  const first = champion && champion.version !== second?.version ? champion.version : previous;
  const versionField = (name: string, label: string, value: number | undefined) =>
    `<label>${label} <input type="number" name="${name}" min="1" max="${newest}" step="1" required inputmode="numeric"${value === undefined ? "" : ` value="${value}"`}></label>`;
  const compareForm =
    heads.length < 2
      ? ""
      : `<section aria-labelledby="compare-h"><h2 id="compare-h">Compare two versions</h2>
<form class="compare-form" action="${root}compare.html" method="get">
<input type="hidden" name="asset" value="${html(key)}">
${versionField("a", "First version", first)}
${versionField("b", "Second version", second?.version)}
<button type="submit">Compare</button>
</form></section>`;
  const body = `<h1>${html(asset.name)} ${statusBadge(summary.status)}</h1>
${asset.description ? `<p class="lede">${html(asset.description)}</p>` : ""}
<dl class="facts">
<div><dt>Champion</dt><dd>${champion ? `<a href="${html(versionHref(root, key, champion.version))}">v${champion.version}</a>${champion.metric ? ` · ${html(champion.metric)} ${metric(champion.value)}` : ""}` : "none yet"}</dd></div>
<div><dt>Versions</dt><dd>${heads.length}${read.failures.length > 0 ? ` · ${read.failures.length} failed attempts` : ""}</dd></div>
<div><dt>Last refresh</dt><dd>${timeCell(summary.latest?.finishedAt)}</dd></div>
<div><dt>Automation</dt><dd>${html(summary.automation)}${summary.nextTick ? ` · next tick ${timeCell(summary.nextTick)}` : ""}</dd></div>
<div><dt>Depends on</dt><dd>${neighbours(graph, graph.deps.get(asset.name) ?? [], root, project)}</dd></div>
<div><dt>Used by</dt><dd>${neighbours(graph, graph.dependants.get(asset.name) ?? [], root, project)}</dd></div>
</dl>
${summary.reasons.length > 0 ? `<div class="callout s-${summary.status}"><strong>Why ${html(summary.status)}:</strong><ul>${summary.reasons.map((r) => `<li>${html(r)}</li>`).join("")}</ul></div>` : ""}
${
  history.metrics.length > 0 && heads.length > 0
    ? `<section aria-labelledby="history-h"><h2 id="history-h">Metric history</h2>
<p class="hint">One line per environment and branch; ★ marks each version that became ${html(history.alias ?? "champion")}. Drag across a chart to zoom, double-click to reset, select a point to open its version. Every value is in the version table below.</p>
${notDrawn(history, input.table)}<div class="charts" id="history-charts"></div>
<script type="application/json" id="history-data">${scriptJson(history)}</script>
</section>`
    : ""
}
${compareForm}
${versionsSection(input, root, key)}
<section aria-labelledby="aliases-h"><h2 id="aliases-h">Alias history</h2>
${
  aliasRows.length === 0
    ? "<p>No alias has pointed at a version yet.</p>"
    : `<div class="table-wrap"><table><caption class="sr-only">Alias moves, newest first</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Alias</th><th scope="col">From</th><th scope="col">To</th><th scope="col">By</th><th scope="col">Why</th></tr></thead>
<tbody>${aliasRows.join("\n")}</tbody></table></div>`
}
</section>
${
  failureRows.length === 0
    ? ""
    : `<section aria-labelledby="failures-h"><h2 id="failures-h">Failed attempts</h2>
<div class="table-wrap"><table><caption class="sr-only">Failed and cancelled attempts, newest first</caption>
<thead><tr><th scope="col">Attempt</th><th scope="col">Status</th><th scope="col">Finished (UTC)</th><th scope="col">Environment · branch</th><th scope="col">Commit</th><th scope="col">Error</th></tr></thead>
<tbody>${failureRows.join("\n")}</tbody></table></div></section>`
}`;
  return page({
    title: asset.name,
    root,
    crumbs:
      input.projects > 1
        ? [
            [project, `${root}index.html#project-${project}`],
            [asset.name, undefined],
          ]
        : [[asset.name, undefined]],
    siteTitle: input.siteTitle,
    body,
    generatedAt: input.generatedAt,
  });
}
