// Mermaid flowcharts: `kiln graph` and a run report's lineage are drawn by one writer with one
// palette (src/report/flowchart.ts). A dependency on an alias is a dotted edge named after it, so a
// reader sees that predictions read the champion, not the model this run trained; a source is a
// cylinder; no name reaches Mermaid's syntax.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flowchart } from "../../src/report/flowchart.js";
import { renderReport } from "../../src/report/index.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { firstRun } from "./fixtures.js";

const MANIFEST = `version: 1
sources:
  raw:
    observe: echo 1
assets:
  features:
    deps: [raw]
    run: echo features
  model:
    deps: [features]
    run: echo model
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  end:
    deps: [model@champion, features]
    run: echo predict
`;

async function kilnGraph(...selection: string[]): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-graph-"));
  writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
  const { code, output } = await kilnIn(dir, ["graph", ...selection]);
  return { code, out: output };
}

/** `classDef NAME STYLE` lines of a flowchart, by name. */
function palette(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^ {2}classDef (\S+) (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe("kiln graph", () => {
  it("draws sources as cylinders in the source colour, a reserved word safely, and the alias dotted", async () => {
    const { code, out } = await kilnGraph();
    expect(code, out).toBe(0);
    expect(out).toBe(`flowchart LR
  classDef source fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e
  n0[("raw")]
  n1["features"]
  n2["model"]
  n3["end"]
  n0 --> n1
  n1 --> n2
  n2 -.->|"@champion"| n3
  n1 --> n3
  class n0 source
`);
  });

  it("draws only the selection and the sources it reads", async () => {
    const { out } = await kilnGraph("+features");
    expect(out.split("\n").filter((l) => /^ {2}n\d\[/.test(l))).toEqual([
      '  n0[("raw")]',
      '  n1["features"]',
    ]);
  });
});

describe("a report's lineage", () => {
  it("uses the same palette as kiln graph for what both draw", async () => {
    const report = renderReport(firstRun(), { format: "md", budget: "summary" });
    const lineage = /```mermaid\n(flowchart LR[\s\S]*?)```/.exec(report)?.[1];
    expect(lineage, "the report has a lineage flowchart").toBeDefined();
    const fromReport = palette(lineage!);
    const fromGraph = palette((await kilnGraph()).out);
    expect(fromReport.size).toBeGreaterThan(0);
    for (const [status, style] of fromGraph) expect(fromReport.get(status) ?? style).toBe(style);
  });

  it("draws model@champion as a dotted edge labelled @champion, other edges plain", () => {
    const text = flowchart(
      [
        { name: "features", status: "fresh", label: "features" },
        { name: "model", status: "materialized", label: "model v2" },
        { name: "predictions", status: "fresh", label: "predictions v1" },
      ],
      [
        { from: "features", to: "model" },
        { from: "model", to: "predictions", alias: "champion" },
      ],
    );
    expect(text.split("\n")).toContain("  n0 --> n1");
    expect(text.split("\n")).toContain('  n1 -.->|"@champion"| n2');
    expect(text.split("\n")).toContain("  class n0,n2 fresh");
  });

  it("keeps a hostile alias and name from a report file inside their labels", () => {
    const text = flowchart(
      [
        { name: "a", status: "source", label: 'a"] %%{init}%%' },
        { name: "b", status: "fresh", label: "b" },
      ],
      [{ from: "a", to: "b", alias: 'x"| n9[evil] %%{init}%%' }],
    );
    expect(text).toContain('  n0[("a#quot;] #37;#37;{init}#37;#37;")]');
    expect(text).toContain('  n0 -.->|"@x#quot;| n9[evil] #37;#37;{init}#37;#37;"| n1');
  });
});
