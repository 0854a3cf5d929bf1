import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  flowchart
} from "./chunk-UCHM4ZJX.js";
import "./chunk-NRD5VI7B.js";
import {
  buildGraph,
  select
} from "./chunk-CX3NDJYI.js";
import {
  loadProject
} from "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/graph.ts
init_define_KILN_SITE_CLIENT();
async function graphCommand(io, globals, selection) {
  const { project } = loadProject(io, globals);
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
