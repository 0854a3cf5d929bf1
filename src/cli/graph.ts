// `kiln graph`: the asset graph as a Mermaid flowchart (paste it into any GitHub Markdown).
import { buildGraph, select, toMermaid } from "../graph/graph.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import { loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

export async function graphCommand(io: CliIO, globals: GlobalOptions, selection: string[]): Promise<number> {
  const { project } = loadProject(io, globals);
  const graph = buildGraph(project);
  let only: Set<string> | undefined;
  if (selection.length > 0) {
    const selected = select(graph, selection);
    if (!selected.ok) throw new UserError(selected.error, selected.hint);
    only = new Set(selected.assets);
    for (const name of selected.assets)
      for (const dep of graph.deps.get(name)!) if (graph.nodes.get(dep)!.kind === "source") only.add(dep);
  }
  io.stdout(`${toMermaid(graph, { only })}\n`);
  return 0;
}
