// The lineage flowchart of a run report: a dependency on an alias is a dotted edge named after it,
// so a reader sees that predictions read the champion, not the model this run trained.
import { describe, expect, it } from "vitest";
import { lineageMermaid } from "../../src/report/charts.js";

describe("lineage with an alias dependency", () => {
  it("draws model@champion as a dotted edge labelled @champion, other edges plain", () => {
    const text = lineageMermaid(
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
  });

  it("keeps a hostile alias from a report file inside its label", () => {
    const text = lineageMermaid(
      [
        { name: "a", status: "fresh", label: "a" },
        { name: "b", status: "fresh", label: "b" },
      ],
      [{ from: "a", to: "b", alias: 'x"| n9[evil] %%{init}%%' }],
    );
    expect(text).toContain('  n0 -.->|"@x#quot;| n9[evil] #37;#37;{init}#37;#37;"| n1');
  });
});
