// Mermaid flowcharts: `kiln graph` and a run report's lineage draw with this one writer and this one
// palette, so an asset, a source and a dependency on an alias look the same wherever they appear.
// Node ids are generated (`n0`, `n1`, …) and every label goes through mermaidLabel, so no name (a
// manifest's, or one read back from a report file) ever reaches Mermaid's syntax.
import { mermaidLabel } from "./escape.js";
import type { ReportOutcome } from "./model.js";

/** What a node is in a run: `upstream` is an asset the run read but did not consider. */
export type FlowStatus = ReportOutcome | "source" | "upstream";

/** Fill, stroke and text colours with AA contrast on GitHub's light and dark themes alike. */
const PALETTE: Record<FlowStatus, string> = {
  materialized: "fill:#dcfce7,stroke:#16a34a,color:#14532d",
  fresh: "fill:#f3f4f6,stroke:#9ca3af,color:#374151",
  skipped: "fill:#fef9c3,stroke:#ca8a04,color:#713f12",
  failed: "fill:#fee2e2,stroke:#dc2626,color:#7f1d1d",
  cancelled: "fill:#ffedd5,stroke:#ea580c,color:#7c2d12",
  source: "fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e",
  upstream: "fill:#ffffff,stroke:#9ca3af,stroke-dasharray:4 3,color:#6b7280",
};

export interface FlowNode {
  name: string;
  /** Shown text (default: the name). */
  label?: string | undefined;
  /** Colours it; a `source` is drawn as a cylinder (observed data), everything else as a box. */
  status?: FlowStatus | undefined;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** A dependency on an alias (`deps: [model@champion]`) reads only promoted versions. */
  alias?: string | undefined;
}

/** `flowchart LR` of the nodes in the order given; edges between names not drawn are left out. */
export function flowchart(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string {
  const ids = new Map(nodes.map((node, i) => [node.name, `n${i}`]));
  const lines = ["flowchart LR"];
  const used = new Set(nodes.map((n) => n.status));
  for (const [status, style] of Object.entries(PALETTE))
    if (used.has(status as FlowStatus)) lines.push(`  classDef ${status} ${style}`);
  for (const [i, node] of nodes.entries()) {
    const label = mermaidLabel(node.label ?? node.name);
    lines.push(node.status === "source" ? `  n${i}[(${label})]` : `  n${i}[${label}]`);
  }
  for (const edge of edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    // A dotted edge named after the alias: the reader sees which version is read.
    lines.push(
      edge.alias ? `  ${from} -.->|${mermaidLabel(`@${edge.alias}`)}| ${to}` : `  ${from} --> ${to}`,
    );
  }
  for (const status of Object.keys(PALETTE)) {
    const members = nodes.flatMap((n, i) => (n.status === status ? [`n${i}`] : []));
    if (members.length > 0) lines.push(`  class ${members.join(",")} ${status}`);
  }
  return lines.join("\n");
}
