import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  flowchart
} from "./chunk-7SI7DGOT.js";
import "./chunk-CL637EV3.js";
import {
  buildGraph,
  select
} from "./chunk-TL4QTD52.js";
import {
  loadProject
} from "./chunk-25V2UBXB.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import {
  UserError
} from "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

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
