// `kiln graph`: the asset graph as a Mermaid flowchart (paste it into any GitHub Markdown), drawn
// by the reports' flowchart writer: sources as cylinders, a dependency on an alias dotted.
import { buildGraph, select } from "../graph/graph.js";
import { flowchart } from "../report/flowchart.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import { loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

export async function graphCommand(io: CliIO, globals: GlobalOptions, selection: string[]): Promise<number> {
  const { project } = await loadProject(io, globals);
  const graph = buildGraph(project);
  let only: Set<string> | undefined;
  if (selection.length > 0) {
    const selected = select(graph, selection);
    if (!selected.ok) throw new UserError(selected.error, selected.hint);
    only = new Set(selected.assets);
    for (const name of selected.assets)
      for (const dep of graph.deps.get(name)!) if (graph.nodes.get(dep)!.kind === "source") only.add(dep);
  }
  const drawn = graph.order.filter((name) => !only || only.has(name));
  const nodes = drawn.map((name) => ({
    name,
    status: graph.nodes.get(name)!.kind === "source" ? ("source" as const) : undefined,
  }));
  const edges = drawn.flatMap((name) =>
    graph.deps.get(name)!.map((dep) => ({ from: dep, to: name, alias: graph.aliases.get(name)?.[dep] })),
  );
  io.stdout(`${flowchart(nodes, edges)}\n`);
  return 0;
}
