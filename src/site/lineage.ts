// The asset graph as an inline SVG drawn at build time: one column per graph layer (a node sits one
// column right of its deepest dependency), nodes coloured and labelled by status, each asset a link
// to its page. No layout library and no script: it renders from file:// and with JS off.
import type { AssetGraph } from "../graph/graph.js";
import { html } from "../report/escape.js";
import type { AssetSummary } from "./collect.js";
import { siteKey } from "./data.js";
import { assetHref } from "./layout.js";

const NODE_W = 172;
const NODE_H = 46;
const COL_GAP = 44;
const ROW_GAP = 14;
const PAD = 12;

export function lineageSvg(
  graph: AssetGraph,
  summaries: Map<string, AssetSummary>,
  root: string,
  project: string,
): string {
  const depth = new Map<string, number>();
  for (const name of graph.order) {
    const deps = graph.deps.get(name) ?? [];
    depth.set(name, deps.length === 0 ? 0 : Math.max(...deps.map((d) => (depth.get(d) ?? 0) + 1)));
  }
  const columns: string[][] = [];
  for (const name of graph.order) {
    const col = depth.get(name)!;
    columns[col] = [...(columns[col] ?? []), name];
  }
  const position = new Map<string, { x: number; y: number }>();
  for (const [col, names] of columns.entries()) {
    for (const [row, name] of names.entries())
      position.set(name, { x: PAD + col * (NODE_W + COL_GAP), y: PAD + row * (NODE_H + ROW_GAP) });
  }
  const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * COL_GAP;
  const height = PAD * 2 + Math.max(...columns.map((c) => c.length)) * (NODE_H + ROW_GAP) - ROW_GAP;
  const edges: string[] = [];
  for (const [name, deps] of graph.deps) {
    const to = position.get(name)!;
    for (const dep of deps) {
      const from = position.get(dep)!;
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      edges.push(`<path class="edge" d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2 - 6} ${y2}"/>`);
    }
  }
  const nodes = graph.order.map((name) => {
    const { x, y } = position.get(name)!;
    const node = graph.nodes.get(name)!;
    const summary = summaries.get(name);
    if (node.kind === "source" || !summary) {
      return `<g class="node source" transform="translate(${x} ${y})"><title>source ${html(name)}</title><rect width="${NODE_W}" height="${NODE_H}" rx="6"/><text x="10" y="19" class="name">${html(clip(name))}</text><text x="10" y="36" class="sub">source</text></g>`;
    }
    const sub = `${summary.status}${summary.latest ? ` · v${summary.latest.version}` : ""}${
      summary.champion ? ` · ${summary.champion.alias} v${summary.champion.version}` : ""
    }`;
    return `<a href="${html(assetHref(root, siteKey(project, name)))}" class="node s-${summary.status}" transform="translate(${x} ${y})"><title>${html(`${name}: ${sub}`)}</title><rect width="${NODE_W}" height="${NODE_H}" rx="6"/><text x="10" y="19" class="name">${html(clip(name))}</text><text x="10" y="36" class="sub">${html(clip(sub, 27))}</text></a>`;
  });
  return `<svg class="lineage" role="group" aria-label="Asset graph of ${html(project)}: ${graph.order.length} nodes, dependencies point right" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrowhead"/></marker></defs>${edges.join("")}${nodes.join("")}</svg>`;
}

function clip(text: string, max = 22): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
