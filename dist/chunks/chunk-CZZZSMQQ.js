import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/manifest/suggest.ts
function editDistance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array(b.length).fill(0)
  ]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}
function closest(word, candidates) {
  const limit = Math.min(3, Math.max(1, Math.ceil(word.length / 3)));
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
function closestMetric(name, reported) {
  const spelled = closest(name, reported);
  if (spelled) return spelled;
  const parts = (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const wanted = parts(name);
  const matches = reported.filter((candidate) => {
    const have = parts(candidate);
    const [shorter, longer] = have.length < wanted.length ? [have, wanted] : [wanted, have];
    if (shorter.length === 0) return false;
    const joined = (list) => list.join("_");
    return joined(longer).endsWith(`_${joined(shorter)}`) || joined(longer).startsWith(`${joined(shorter)}_`);
  });
  return matches.length === 1 ? matches[0] : void 0;
}
var LISTED_NAMES = 12;
function unknownNameHint(name, candidates, noun = "assets") {
  const suggestion = closest(name, candidates);
  const shown = candidates.length > LISTED_NAMES ? `${candidates.slice(0, LISTED_NAMES).join(", ")}, \u2026and ${candidates.length - LISTED_NAMES} more` : candidates.join(", ");
  const list = candidates.length > 0 ? `${noun}: ${shown}` : `the manifest has no ${noun}`;
  return suggestion ? `did you mean "${suggestion}"? ${list}` : list;
}
function unreportedMetric(name, reported) {
  if (reported.length === 0)
    return `metric ${name} was not reported (the step wrote no metrics to KILN_METRICS)`;
  const suggestion = closestMetric(name, reported);
  const shown = reported.length > 6 ? [...reported.slice(0, 6), "\u2026"] : reported;
  return `metric ${name} was not reported${suggestion ? `; did you mean ${suggestion}?` : ""} (reported: ${shown.join(", ")})`;
}

// src/graph/graph.ts
function buildGraph(project) {
  const nodes = new Map([...project.sources, ...project.assets]);
  const deps = /* @__PURE__ */ new Map();
  const dependants = new Map([...nodes.keys()].map((name) => [name, []]));
  for (const [name, node] of nodes) {
    const own = node.kind === "asset" ? node.deps.filter((d) => nodes.has(d)) : [];
    deps.set(name, own);
    for (const dep of own) dependants.get(dep).push(name);
  }
  const remaining = new Map([...deps].map(([name, d]) => [name, d.length]));
  const order = [];
  const ready = [...nodes.keys()].filter((name) => remaining.get(name) === 0);
  while (ready.length > 0) {
    const name = ready.shift();
    order.push(name);
    for (const next of dependants.get(name)) {
      const left = remaining.get(next) - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length !== nodes.size)
    throw new Error("bug: the asset graph has a cycle the manifest loader did not report");
  const aliases = /* @__PURE__ */ new Map();
  for (const asset of project.assets.values())
    if (Object.keys(asset.depAliases).length > 0) aliases.set(asset.name, asset.depAliases);
  return { nodes, deps, dependants, aliases, order };
}
function layers(graph) {
  const depth = /* @__PURE__ */ new Map();
  const result = [];
  for (const name of graph.order) {
    const d = Math.max(-1, ...graph.deps.get(name).map((dep) => depth.get(dep))) + 1;
    depth.set(name, d);
    if (!result[d]) result[d] = [];
    result[d].push(name);
  }
  return result;
}
function closure(start, edges, into) {
  const stack = [...edges.get(start)];
  while (stack.length > 0) {
    const name = stack.pop();
    if (into.has(name)) continue;
    into.add(name);
    stack.push(...edges.get(name));
  }
}
function select(graph, terms) {
  const selected = /* @__PURE__ */ new Set();
  const words = terms.flatMap((term) => term.split(/[\s,]+/)).filter(Boolean);
  for (const word of words.length ? words : ["*"]) {
    if (word === "*") {
      for (const [name2, node2] of graph.nodes) if (node2.kind === "asset") selected.add(name2);
      continue;
    }
    if (word.startsWith("group:")) {
      const group = word.slice("group:".length);
      const members = [...graph.nodes.values()].filter((n) => n.kind === "asset" && n.group === group);
      if (members.length === 0) {
        const groups = [
          ...new Set([...graph.nodes.values()].map((n) => n.group).filter((g) => !!g))
        ];
        const suggestion = closest(group, groups);
        return {
          ok: false,
          error: `no asset is in group "${group}"`,
          hint: suggestion ? `did you mean "group:${suggestion}"?` : groups.length ? `groups: ${groups.join(", ")}` : void 0
        };
      }
      for (const member of members) selected.add(member.name);
      continue;
    }
    if (word.includes("@")) {
      const [name2] = word.replace(/^\+|\+$/g, "").split("@");
      return {
        ok: false,
        error: `"${word}" names a version, not an asset: a selection builds assets`,
        hint: `select "${name2}" to build it or "${name2}+" with what reads it; \`kiln pull ${word.replace(/^\+|\+$/g, "")}\` brings that version back`
      };
    }
    const upstream = word.startsWith("+");
    const downstream = word.endsWith("+");
    const name = word.slice(upstream ? 1 : 0, downstream ? -1 : void 0);
    const node = graph.nodes.get(name);
    if (!node) {
      const assets = [...graph.nodes.values()].filter((n) => n.kind === "asset").map((n) => n.name);
      return { ok: false, error: `unknown asset "${name}"`, hint: unknownNameHint(name, assets) };
    }
    const found = /* @__PURE__ */ new Set([name]);
    if (upstream) closure(name, graph.deps, found);
    if (downstream) closure(name, graph.dependants, found);
    for (const n of found) if (graph.nodes.get(n).kind === "asset") selected.add(n);
    if (node.kind === "source" && !downstream) {
      return {
        ok: false,
        error: `"${name}" is a source: it is observed, never built`,
        hint: `select what reads it with "${name}+"`
      };
    }
  }
  return { ok: true, assets: selected };
}

export {
  closest,
  unknownNameHint,
  unreportedMetric,
  buildGraph,
  layers,
  select
};
