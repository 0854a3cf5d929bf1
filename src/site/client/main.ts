/// <reference lib="dom" />
// Entry of static/kiln.js: draws the metric history charts of an asset page, and fills the version
// and compare pages from the data files their query names.
import "uplot/dist/uPlot.min.css";
import "./style.css";
import { type HistoryData, SITE_KEY } from "../data.js";
import { chart, colour, type Line } from "./charts.js";
import { h, params, root } from "./dom.js";
import { renderCompare } from "./compare.js";
import { renderFailure, renderVersion } from "./version.js";
import { versionsTable } from "./versions-table.js";

function historyCharts(host: HTMLElement, data: HistoryData): void {
  const lineNames = data.lines;
  const moves = new Set(data.championMoves);
  const open = (version: number) => {
    location.href = `${root()}version.html?asset=${data.asset}&v=${version}`;
  };
  for (const metric of data.metrics) {
    const lines: Line[] = lineNames.map((name, i) => ({
      label: name,
      colour: colour(i),
      values: metric.values.map((v, j) => (data.line[j] === i ? v : null)),
    }));
    if (moves.size > 0)
      lines.push({
        label: `★ became ${data.alias ?? "champion"}`,
        colour: "#111827",
        values: metric.values.map((v, j) => (moves.has(data.versions[j]!) ? v : null)),
        pointsOnly: true,
      });
    const better =
      metric.direction === "minimize"
        ? " (lower is better)"
        : metric.direction === "maximize"
          ? " (higher is better)"
          : "";
    host.append(
      chart({
        title: `${metric.name}${better}`,
        xLabel: "version",
        x: data.versions,
        lines,
        xFormat: (x) => `v${x}`,
        integerX: true,
        summary: `${metric.name} across ${data.versions.length} versions, ${lineNames.length} environment and branch lines`,
        onPick: open,
      }),
    );
  }
}

async function fill(app: HTMLElement): Promise<void> {
  const query = params();
  const asset = query.get("asset") ?? "";
  if (!SITE_KEY.test(asset))
    throw new Error("The address names no asset. Open a version from an asset's page.");
  const version = (name: string) => {
    const text = query.get(name) ?? "";
    const n = Number(text.replace(/^v/, ""));
    if (!Number.isInteger(n) || n < 1) throw new Error(`"${text}" is not a version number.`);
    return n;
  };
  let title: string;
  if (app.dataset.page === "compare") title = await renderCompare(app, asset, version("a"), version("b"));
  else if (query.has("failure")) title = await renderFailure(app, asset, version("failure"));
  else title = await renderVersion(app, asset, version("v"));
  document.title = `${title} · ${document.title.split(" · ").slice(1).join(" · ")}`;
  const crumb = document.querySelector('.crumbs [aria-current="page"]');
  if (crumb) crumb.textContent = title;
}

function start(): void {
  const history = document.getElementById("history-data");
  const host = document.getElementById("history-charts");
  if (history && host) historyCharts(host, JSON.parse(history.textContent ?? "{}") as HistoryData);
  const versions = document.getElementById("version-table");
  if (versions instanceof HTMLTableElement) versionsTable(versions);
  const app = document.getElementById("app");
  if (app) {
    fill(app).catch((error: unknown) => {
      app.replaceChildren(
        h("h1", {}, "Not found"),
        h(
          "p",
          { class: "callout s-failed", role: "alert" },
          error instanceof Error ? error.message : String(error),
        ),
        h("p", {}, h("a", { href: `${root()}index.html` }, "Back to the overview")),
      );
    });
  }
}

start();
