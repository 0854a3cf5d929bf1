/// <reference lib="dom" />
// The asset page's version table beyond its first page: Newer/Older buttons and a filter by
// environment · branch or by version number or commit. The page holds the newest rows as HTML; the
// asset's versions.js (every row) is loaded on the first use, so a page that is only read loads
// nothing more. Rows are drawn with the same cells as src/site/asset-page.ts writes.
import type { VersionRow, VersionTable } from "../data.js";
import { commitLink } from "../links.js";
import { dur, external, h, loadData, metricValue, time, versionLink } from "./dom.js";

function checkCell(checks: VersionRow["checks"]): Node | string {
  if (checks.total === 0) return "–";
  const label = `${checks.passed}/${checks.total} passed`;
  return checks.failed === undefined
    ? h("span", { class: "ok" }, label)
    : h("span", { class: "bad", title: checks.failed }, label);
}

function row(
  r: VersionRow,
  columns: readonly string[],
  aliases: string[],
  asset: string,
  repositoryUrl: string | undefined,
): HTMLElement {
  return h(
    "tr",
    aliases.length > 0 ? { class: "held" } : {},
    h("th", { scope: "row" }, versionLink(asset, r.v)),
    h("td", {}, time(r.at, false)),
    h(
      "td",
      {},
      h("code", {}, external(commitLink(r.sha, r.runUrl, repositoryUrl), r.sha ? r.sha.slice(0, 7) : "–")),
    ),
    h("td", {}, r.line),
    r.metrics.map((m, i) => h("td", { class: "num" }, metricValue(m, r.notFinite?.[columns[i]!]))),
    h("td", {}, checkCell(r.checks)),
    h(
      "td",
      {},
      aliases.flatMap((a, i) => [i > 0 ? " " : null, h("span", { class: "alias" }, a)]),
    ),
    h("td", { class: "num" }, dur(r.durationMs)),
    h("td", {}, r.runUrl ? external(r.runUrl, "run") : r.event),
  );
}

/** Whether a row matches the text typed in Find: a version number (v12 or 12) or a commit prefix. */
function matches(r: VersionRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  const number = /^v?(\d+)$/.exec(q);
  if (number && String(r.v).startsWith(number[1]!)) return true;
  return /^[0-9a-f]{4,}$/.test(q) && (r.sha ?? "").startsWith(q);
}

export function versionsTable(table: HTMLTableElement): void {
  const asset = table.dataset.asset ?? "";
  const pageRows = Number(table.dataset.pageRows);
  const total = Number(table.dataset.total);
  const tools = document.getElementById("version-tools") as HTMLFormElement | null;
  const buttons = document.querySelector<HTMLElement>("#version-pager .pager-buttons");
  const statusEl = document.getElementById("version-status");
  const bodyEl = table.tBodies[0];
  if (!tools || !statusEl || !bodyEl || !(pageRows > 0)) return;
  const status: HTMLElement = statusEl;
  const body: HTMLTableSectionElement = bodyEl;
  const lineSelect = tools.elements.namedItem("line") as HTMLSelectElement;
  const find = tools.elements.namedItem("q") as HTMLInputElement;
  const newer = buttons?.querySelector<HTMLButtonElement>('[data-go="newer"]');
  const older = buttons?.querySelector<HTMLButtonElement>('[data-go="older"]');
  let data: Promise<VersionTable> | undefined;
  let page = 0;

  async function draw(): Promise<void> {
    data ??= loadData<VersionTable>(asset, "versions");
    const all = await data;
    const aliases = new Map<number, string[]>();
    for (const [alias, v] of Object.entries(all.aliases))
      aliases.set(v, [...(aliases.get(v) ?? []), alias].sort());
    const rows = all.rows.filter(
      (r) => (!lineSelect.value || r.line === lineSelect.value) && matches(r, find.value),
    );
    rows.reverse();
    const pages = Math.max(1, Math.ceil(rows.length / pageRows));
    page = Math.min(page, pages - 1);
    const shown = rows.slice(page * pageRows, (page + 1) * pageRows);
    body.replaceChildren(
      ...shown.map((r) => row(r, all.metrics, aliases.get(r.v) ?? [], asset, all.repositoryUrl)),
    );
    const filtered =
      rows.length === all.rows.length
        ? ""
        : ` matching the filter (of ${all.rows.length.toLocaleString("en")})`;
    status.textContent =
      shown.length === 0
        ? `No version matches the filter (of ${all.rows.length.toLocaleString("en")}).`
        : `Versions v${shown[0]!.v}–v${shown.at(-1)!.v}: page ${page + 1} of ${pages}, ${rows.length.toLocaleString("en")} versions${filtered}.`;
    if (newer) newer.disabled = page === 0;
    if (older) older.disabled = page >= pages - 1;
  }

  const redraw = () =>
    draw().catch((error: unknown) => {
      status.textContent = error instanceof Error ? error.message : String(error);
    });
  tools.hidden = false;
  if (buttons) buttons.hidden = total <= pageRows;
  tools.addEventListener("submit", (e) => e.preventDefault());
  lineSelect.addEventListener("change", () => {
    page = 0;
    void redraw();
  });
  find.addEventListener("input", () => {
    page = 0;
    void redraw();
  });
  newer?.addEventListener("click", () => {
    page = Math.max(0, page - 1);
    void redraw();
  });
  older?.addEventListener("click", () => {
    page++;
    void redraw();
  });
}
