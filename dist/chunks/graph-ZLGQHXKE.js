import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  flowchart
} from "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import {
  loadProject
} from "./chunk-CVFTVLUI.js";
import {
  buildGraph,
  select
} from "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/graph.ts
async function graphCommand(io, globals, selection) {
  const { project } = await loadProject(io, globals);
  const graph = buildGraph(project);
  let only;
  if (selection.length > 0) {
    const selected = select(graph, selection);
    if (!selected.ok) throw new UserError(selected.error, selected.hint);
    only = new Set(selected.assets);
    for (const name of selected.assets)
      for (const dep of graph.deps.get(name)) if (graph.nodes.get(dep).kind === "source") only.add(dep);
  }
  const drawn = graph.order.filter((name) => !only || only.has(name));
  const nodes = drawn.map((name) => ({
    name,
    status: graph.nodes.get(name).kind === "source" ? "source" : void 0
  }));
  const edges = drawn.flatMap(
    (name) => graph.deps.get(name).map((dep) => ({ from: dep, to: name, alias: graph.aliases.get(name)?.[dep] }))
  );
  io.stdout(`${flowchart(nodes, edges)}
`);
  return 0;
}
export {
  graphCommand
};
