import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  closest,
  unknownNameHint
} from "./chunk-DYEOWQQP.js";

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
  buildGraph,
  layers,
  select
};
