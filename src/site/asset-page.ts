// assets/<name>.html: metric history charts (data inline), a compare form, the version table, the
// alias history and failed attempts. Tables are real HTML so the page reads without JavaScript and
// with a screen reader; the charts add hover values and zoom on top.
import type { AssetGraph } from "../graph/graph.js";
import type { AssetSpec } from "../manifest/project.js";
import { html, scriptJson } from "../report/escape.js";
import { siteKey } from "./data.js";
import {
  type AssetRecords,
  type AssetSummary,
  chartMetrics,
  commitUrl,
  historyData,
  lineOf,
  metricSpec,
} from "./collect.js";
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

export interface AssetPageInput {
  siteTitle: string;
  project: string;
  generatedAt: string;
  asset: AssetSpec;
  summary: AssetSummary;
  read: AssetRecords;
  graph: AssetGraph;
  repositoryUrl?: string | undefined;
  /** Projects in the site: with more than one, the breadcrumbs name the project. */
  projects: number;
}

/** Metric columns in the version table; every metric is on the version page. */
const TABLE_METRICS = 4;

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

export function assetPage(input: AssetPageInput): string {
  const root = "../../";
  const { asset, summary, read, graph, project } = input;
  const key = siteKey(project, asset.name);
  const spec = metricSpec(asset);
  const records = read.records;
  const tableMetrics = chartMetrics(records, spec.primary, TABLE_METRICS);
  const aliasesOf = new Map<number, string[]>();
  for (const [alias, v] of read.holders) aliasesOf.set(v, [...(aliasesOf.get(v) ?? []), alias].sort());
  const checkCell = (checks: AssetRecords["records"][number]["checks"]) => {
    if (checks.length === 0) return "–";
    const failed = checks.filter((c) => !c.passed);
    const label = `${checks.length - failed.length}/${checks.length}`;
    return failed.length === 0
      ? `<span class="ok">${label} passed</span>`
      : `<span class="bad" title="${html(failed.map((c) => `${c.name}: ${c.message}`).join("\n"))}">${label} passed</span>`;
  };
  const versionRows = [...records].reverse().map((r) => {
    const aliases = aliasesOf.get(r.version) ?? [];
    return `<tr${aliases.length > 0 ? ' class="held"' : ""}>
<th scope="row"><a href="${html(versionHref(root, key, r.version))}">v${r.version}</a></th>
<td>${timeCell(r.finishedAt)}</td>
<td><code>${externalLink(commitUrl(r.context, input.repositoryUrl), shortSha(r.context.gitSha))}</code></td>
<td>${html(lineOf(r.context))}</td>
${tableMetrics.map((m) => `<td class="num">${metric(r.metrics[m])}</td>`).join("")}
<td>${checkCell(r.checks)}</td>
<td>${aliases.map((a) => `<span class="alias">${html(a)}</span>`).join(" ") || ""}</td>
<td class="num">${duration(r.durationMs)}</td>
<td>${r.context.runUrl ? externalLink(r.context.runUrl, "run") : html(r.context.event)}</td>
</tr>`;
  });
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
  const history = historyData(asset, read, key);
  const versionOptions = [...records]
    .reverse()
    .map((r) => `<option value="${r.version}">v${r.version} · ${html(lineOf(r.context))}</option>`)
    .join("");
  const newest = records.at(-1)?.version;
  const previous = records.at(-2)?.version;
  const champion = summary.champion;
  // The champion against the newest, or the two newest when the champion is the newest.
  const first = champion && champion.version !== newest ? champion.version : previous;
  const compareForm =
    records.length < 2
      ? ""
      : `<section aria-labelledby="compare-h"><h2 id="compare-h">Compare two versions</h2>
<form class="compare-form" action="${root}compare.html" method="get">
<input type="hidden" name="asset" value="${html(key)}">
<label>First <select name="a">${versionOptions.replace(`value="${first}"`, `value="${first}" selected`)}</select></label>
<label>Second <select name="b">${versionOptions.replace(`value="${newest}"`, `value="${newest}" selected`)}</select></label>
<button type="submit">Compare</button>
</form></section>`;
  const body = `<h1>${html(asset.name)} ${statusBadge(summary.status)}</h1>
${asset.description ? `<p class="lede">${html(asset.description)}</p>` : ""}
<dl class="facts">
<div><dt>Champion</dt><dd>${champion ? `<a href="${html(versionHref(root, key, champion.version))}">v${champion.version}</a>${champion.metric ? ` · ${html(champion.metric)} ${metric(champion.value)}` : ""}` : "none yet"}</dd></div>
<div><dt>Versions</dt><dd>${records.length}${read.failures.length > 0 ? ` · ${read.failures.length} failed attempts` : ""}</dd></div>
<div><dt>Last refresh</dt><dd>${timeCell(summary.latest?.finishedAt)}</dd></div>
<div><dt>Automation</dt><dd>${html(summary.automation)}${summary.nextTick ? ` · next tick ${timeCell(summary.nextTick)}` : ""}</dd></div>
<div><dt>Depends on</dt><dd>${neighbours(graph, graph.deps.get(asset.name) ?? [], root, project)}</dd></div>
<div><dt>Used by</dt><dd>${neighbours(graph, graph.dependants.get(asset.name) ?? [], root, project)}</dd></div>
</dl>
${summary.reasons.length > 0 ? `<div class="callout s-${summary.status}"><strong>Why ${html(summary.status)}:</strong><ul>${summary.reasons.map((r) => `<li>${html(r)}</li>`).join("")}</ul></div>` : ""}
${
  history.metrics.length > 0 && records.length > 0
    ? `<section aria-labelledby="history-h"><h2 id="history-h">Metric history</h2>
<p class="hint">One line per environment and branch; ★ marks each version that became ${html(history.alias ?? "champion")}. Drag across a chart to zoom, double-click to reset, select a point to open its version. Every value is in the version table below.</p>
<div class="charts" id="history-charts"></div>
<script type="application/json" id="history-data">${scriptJson(history)}</script>
</section>`
    : ""
}
${compareForm}
<section aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>
${
  records.length === 0
    ? "<p>No successful materialization yet.</p>"
    : `<div class="table-wrap"><table class="versions">
<caption class="sr-only">Every version of ${html(asset.name)}, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Finished (UTC)</th><th scope="col">Commit</th><th scope="col">Environment · branch</th>${tableMetrics.map((m) => `<th scope="col" class="num">${html(m)}</th>`).join("")}<th scope="col">Checks</th><th scope="col">Aliases</th><th scope="col" class="num">Duration</th><th scope="col">Run</th></tr></thead>
<tbody>
${versionRows.join("\n")}
</tbody></table></div>`
}
</section>
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
