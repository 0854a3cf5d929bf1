// The asset graph: sources and assets, their dependencies and dependants, in topological order,
// plus the selection syntax people type (`model`, `+model`, `model+`, `group:ml`).
import type { NodeSpec, Project } from "../manifest/project.js";
import { closest, unknownNameHint } from "../manifest/suggest.js";

export interface AssetGraph {
  nodes: Map<string, NodeSpec>;
  deps: Map<string, string[]>;
  dependants: Map<string, string[]>;
  /** Dependant → dependency → alias, for dependencies on an alias (`deps: [model@champion]`). */
  aliases: Map<string, Record<string, string>>;
  /** Every node, dependencies first; ties in manifest order. */
  order: string[];
}

export function buildGraph(project: Project): AssetGraph {
  const nodes = new Map<string, NodeSpec>([...project.sources, ...project.assets]);
  const deps = new Map<string, string[]>();
  const dependants = new Map<string, string[]>([...nodes.keys()].map((name) => [name, []]));
  for (const [name, node] of nodes) {
    const own = node.kind === "asset" ? node.deps.filter((d) => nodes.has(d)) : [];
    deps.set(name, own);
    for (const dep of own) dependants.get(dep)!.push(name);
  }
  // Kahn's algorithm, taking ready nodes in manifest order so the order is stable. The manifest
  // loader rejects cycles; a cycle here would be a bug, and its nodes would be left out.
  const remaining = new Map([...deps].map(([name, d]) => [name, d.length]));
  const order: string[] = [];
  const ready = [...nodes.keys()].filter((name) => remaining.get(name) === 0);
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const next of dependants.get(name)!) {
      const left = remaining.get(next)! - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length !== nodes.size)
    throw new Error("bug: the asset graph has a cycle the manifest loader did not report");
  const aliases = new Map<string, Record<string, string>>();
  for (const asset of project.assets.values())
    if (Object.keys(asset.depAliases).length > 0) aliases.set(asset.name, asset.depAliases);
  return { nodes, deps, dependants, aliases, order };
}

/** Longest-path layers: layer 0 has no dependencies; every node sits one past its deepest dependency. */
export function layers(graph: AssetGraph): string[][] {
  const depth = new Map<string, number>();
  const result: string[][] = [];
  for (const name of graph.order) {
    const d = Math.max(-1, ...graph.deps.get(name)!.map((dep) => depth.get(dep)!)) + 1;
    depth.set(name, d);
    if (!result[d]) result[d] = [];
    result[d].push(name);
  }
  return result;
}

function closure(start: string, edges: Map<string, string[]>, into: Set<string>): void {
  const stack = [...edges.get(start)!];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (into.has(name)) continue;
    into.add(name);
    stack.push(...edges.get(name)!);
  }
}

export type Selection =
  | { ok: true; assets: Set<string> }
  | { ok: false; error: string; hint?: string | undefined };

/**
 * Selects assets (sources are never selected: they are observed, not built).
 * `model` · `+model` with its upstream · `model+` with its downstream · `group:ml` · `*`.
 */
export function select(graph: AssetGraph, terms: readonly string[]): Selection {
  const selected = new Set<string>();
  const words = terms.flatMap((term) => term.split(/[\s,]+/)).filter(Boolean);
  for (const word of words.length ? words : ["*"]) {
    if (word === "*") {
      for (const [name, node] of graph.nodes) if (node.kind === "asset") selected.add(name);
      continue;
    }
    if (word.startsWith("group:")) {
      const group = word.slice("group:".length);
      const members = [...graph.nodes.values()].filter((n) => n.kind === "asset" && n.group === group);
      if (members.length === 0) {
        const groups = [
          ...new Set([...graph.nodes.values()].map((n) => n.group).filter((g): g is string => !!g)),
        ];
        const suggestion = closest(group, groups);
        return {
          ok: false,
          error: `no asset is in group "${group}"`,
          hint: suggestion
            ? `did you mean "group:${suggestion}"?`
            : groups.length
              ? `groups: ${groups.join(", ")}`
              : undefined,
        };
      }
      for (const member of members) selected.add(member.name);
      continue;
    }
    if (word.includes("@")) {
      const [name] = word.replace(/^\+|\+$/g, "").split("@");
      return {
        ok: false,
        error: `"${word}" names a version, not an asset: a selection builds assets`,
        hint: `select "${name}" to build it or "${name}+" with what reads it; \`kiln pull ${word.replace(/^\+|\+$/g, "")}\` brings that version back`,
      };
    }
    const upstream = word.startsWith("+");
    const downstream = word.endsWith("+");
    const name = word.slice(upstream ? 1 : 0, downstream ? -1 : undefined);
    const node = graph.nodes.get(name);
    if (!node) {
      const assets = [...graph.nodes.values()].filter((n) => n.kind === "asset").map((n) => n.name);
      return { ok: false, error: `unknown asset "${name}"`, hint: unknownNameHint(name, assets) };
    }
    const found = new Set<string>([name]);
    if (upstream) closure(name, graph.deps, found);
    if (downstream) closure(name, graph.dependants, found);
    for (const n of found) if (graph.nodes.get(n)!.kind === "asset") selected.add(n);
    if (node.kind === "source" && !downstream) {
      return {
        ok: false,
        error: `"${name}" is a source: it is observed, never built`,
        hint: `select what reads it with "${name}+"`,
      };
    }
  }
  return { ok: true, assets: selected };
}
