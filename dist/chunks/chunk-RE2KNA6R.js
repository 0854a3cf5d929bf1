import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  mermaidLabel
} from "./chunk-HX4NHBDN.js";

// src/report/flowchart.ts
var PALETTE = {
  materialized: "fill:#dcfce7,stroke:#16a34a,color:#14532d",
  fresh: "fill:#f3f4f6,stroke:#9ca3af,color:#374151",
  skipped: "fill:#fef9c3,stroke:#ca8a04,color:#713f12",
  failed: "fill:#fee2e2,stroke:#dc2626,color:#7f1d1d",
  cancelled: "fill:#ffedd5,stroke:#ea580c,color:#7c2d12",
  source: "fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e",
  upstream: "fill:#ffffff,stroke:#9ca3af,stroke-dasharray:4 3,color:#6b7280"
};
function flowchart(nodes, edges) {
  const ids = new Map(nodes.map((node, i) => [node.name, `n${i}`]));
  const lines = ["flowchart LR"];
  const used = new Set(nodes.map((n) => n.status));
  for (const [status, style] of Object.entries(PALETTE))
    if (used.has(status)) lines.push(`  classDef ${status} ${style}`);
  for (const [i, node] of nodes.entries()) {
    const label = mermaidLabel(node.label ?? node.name);
    lines.push(node.status === "source" ? `  n${i}[(${label})]` : `  n${i}[${label}]`);
  }
  for (const edge of edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    lines.push(
      edge.alias ? `  ${from} -.->|${mermaidLabel(`@${edge.alias}`)}| ${to}` : `  ${from} --> ${to}`
    );
  }
  for (const status of Object.keys(PALETTE)) {
    const members = nodes.flatMap((n, i) => n.status === status ? [`n${i}`] : []);
    if (members.length > 0) lines.push(`  class ${members.join(",")} ${status}`);
  }
  return lines.join("\n");
}

export {
  flowchart
};
