#!/usr/bin/env node
import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  flowchart
} from "./chunk-65DE642U.js";
import "./chunk-VHEJAUQZ.js";
import {
  buildGraph,
  select
} from "./chunk-R7ZA2L4F.js";
import {
  loadProject
} from "./chunk-ZIV76MPM.js";
import "./chunk-M7GCFYEH.js";
import "./chunk-6GQJAUWY.js";
import "./chunk-ZBWGPFW4.js";
import "./chunk-XBDFPIQI.js";
import {
  UserError
} from "./chunk-OSUREPMY.js";
import "./chunk-3QMJIYFL.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-TI3FK6ZA.js";

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
