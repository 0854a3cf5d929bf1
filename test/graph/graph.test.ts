// The asset graph as `kiln graph`, `kiln run SELECTION` and the workflow matrix see it:
// order, layers and the selection syntax (with its errors); its Mermaid text is in test/report/flowchart.test.ts.
import { describe, expect, it } from "vitest";
import { buildGraph, layers, select } from "../../src/graph/graph.js";
import { parseManifest } from "../../src/manifest/load.js";

const manifest = `
version: 1
sources:
  raw:
    observe: echo 1
assets:
  end:
    deps: [report-data]
    run: echo end
  report-data:
    deps: [model, features]
    run: echo report
  model:
    deps: [features]
    group: ml
    run: echo model
  features:
    deps: [raw]
    group: ml
    run: echo features
  docs:
    run: echo docs
`;

function graph() {
  const result = parseManifest(manifest, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return buildGraph(result.value.project);
}
const picked = (terms: string[]) => {
  const s = select(graph(), terms);
  return s.ok ? [...s.assets].sort() : s;
};

describe("asset graph", () => {
  it("orders dependencies first and layers by longest path", () => {
    const g = graph();
    expect(g.order).toEqual(["raw", "docs", "features", "model", "report-data", "end"]);
    expect(layers(g)).toEqual([["raw", "docs"], ["features"], ["model"], ["report-data"], ["end"]]);
    expect(g.dependants.get("features")).toEqual(["report-data", "model"]);
  });

  it("selects by name, upstream, downstream, group and all", () => {
    expect(picked(["model"])).toEqual(["model"]);
    expect(picked(["+model"])).toEqual(["features", "model"]);
    expect(picked(["model+"])).toEqual(["end", "model", "report-data"]);
    expect(picked(["+model+"])).toEqual(["end", "features", "model", "report-data"]);
    expect(picked(["group:ml"])).toEqual(["features", "model"]);
    expect(picked(["docs, model", "end"])).toEqual(["docs", "end", "model"]);
    expect(picked(["*"])).toEqual(["docs", "end", "features", "model", "report-data"]);
    expect(picked(["raw+"])).toEqual(["end", "features", "model", "report-data"]);
  });

  it("rejects unknown names with a suggestion, and sources on their own", () => {
    expect(select(graph(), ["+modle"])).toEqual({
      ok: false,
      error: 'unknown asset "modle"',
      hint: 'did you mean "model"? assets: end, report-data, model, features, docs',
    });
    expect(select(graph(), ["group:m"])).toMatchObject({ ok: false, error: 'no asset is in group "m"' });
    expect(select(graph(), ["raw"])).toEqual({
      ok: false,
      error: '"raw" is a source: it is observed, never built',
      hint: 'select what reads it with "raw+"',
    });
  });
});

describe("a dependency on an alias (deps: [model@champion])", () => {
  const aliased = `
version: 1
assets:
  predictions:
    deps: [model@champion, features]
    run: echo predict
  model:
    deps: [features]
    run: echo model
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion }
  features:
    run: echo features
`;
  const g = () => {
    const result = parseManifest(aliased, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return buildGraph(result.value.project);
  };

  it("is an edge like any other: order, layers and selections go through it", () => {
    expect(g().order).toEqual(["features", "model", "predictions"]);
    expect(layers(g())).toEqual([["features"], ["model"], ["predictions"]]);
    const pick = (terms: string[]) => {
      const s = select(g(), terms);
      return s.ok ? [...s.assets].sort() : s;
    };
    expect(pick(["+predictions"])).toEqual(["features", "model", "predictions"]);
    expect(pick(["model+"])).toEqual(["model", "predictions"]);
    expect(g().aliases.get("predictions")).toEqual({ model: "champion" });
  });

  it("a selection that names a version says what to select instead", () => {
    expect(select(g(), ["model@champion"])).toEqual({
      ok: false,
      error: '"model@champion" names a version, not an asset: a selection builds assets',
      hint: 'select "model" to build it or "model+" with what reads it; `kiln pull model@champion` brings that version back',
    });
  });
});
