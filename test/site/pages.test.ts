// Record text on the site's pages is data, never markup: names, reasons, metric names and log lines
// from records are escaped in HTML, and inline chart data cannot close its <script> element.
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  type AliasEvent,
  headOf,
  RECORD_SCHEMA,
  type MaterializationRecord,
} from "../../src/domain/records.js";
import { buildGraph } from "../../src/graph/graph.js";
import { parseManifest } from "../../src/manifest/load.js";
import { html, scriptJson } from "../../src/report/escape.js";
import { assetPage } from "../../src/site/asset-page.js";
import { dataFile, readDataFile } from "../../src/site/data-file.js";
import { assetHistory, rowFacts, summarize, versionTable } from "../../src/site/collect.js";

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'&`;

function record(version: number): MaterializationRecord {
  return {
    schema: RECORD_SCHEMA,
    asset: "model",
    version,
    status: "success",
    logicalVersion: `l${version}`,
    dataVersion: `d${version}`,
    provenance: { codeVersion: "c", code: {}, runHash: "r", config: {}, env: {}, inputs: {}, deps: {} },
    outputs: {},
    locations: [],
    metrics: { [HOSTILE]: 1.5, mae: version },
    series: [],
    checks: [{ name: HOSTILE, kind: "metric", blocking: true, passed: false, message: HOSTILE }],
    reasons: [HOSTILE],
    context: {
      event: "push",
      environment: "prod",
      ref: HOSTILE,
      gitSha: "a".repeat(40),
      runUrl: "javascript:alert(3)",
    },
    startedAt: "2026-11-01T00:00:00.000Z",
    finishedAt: `2026-11-0${version}T00:00:00.000Z`,
    durationMs: 1000,
    attempts: 1,
  };
}

function modelProject() {
  const parsed = parseManifest(
    `version: 1\nassets:\n  model:\n    description: ${JSON.stringify(HOSTILE)}\n    run: "true"\n    metrics: { primary: mae, direction: minimize }\n`,
    { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" },
  );
  if (!parsed.ok) throw new Error(parsed.error.map((d) => d.message).join("\n"));
  const project = parsed.value.project;
  return { project, asset: project.assets.get("model")! };
}

/** The asset page of the hostile manifest's model with these records and alias moves. */
function modelPage(records: MaterializationRecord[], aliasEvents: AliasEvent[], siteTitle = "t"): string {
  const { project, asset } = modelProject();
  const read = assetHistory(records.map(headOf), [], aliasEvents);
  const facts = new Map(records.map((r) => [r.version, rowFacts(r)]));
  return assetPage({
    siteTitle,
    generatedAt: "2026-11-23T12:00:00.000Z",
    project: "repo",
    projects: 1,
    asset,
    summary: summarize(asset, undefined, read, new Date("2026-11-23T12:00:00Z")),
    history: read,
    table: versionTable(asset, read, "repo/model", facts, undefined),
    graph: buildGraph(project),
  });
}

/** The versions each field of the compare form starts on. */
function compareDefaults(text: string): Record<string, string | undefined> {
  const value = (name: string) =>
    new RegExp(`<input type="number" name="${name}"[^>]* value="(\\d+)"`).exec(text)?.[1];
  return { a: value("a"), b: value("b") };
}

describe("site pages", () => {
  it("escape record text and keep inline data inside its script element", () => {
    const text = modelPage(
      [record(1), record(2)],
      [
        {
          alias: "champion",
          asset: "model",
          from: null,
          to: 1,
          at: "2026-11-01T00:00:00Z",
          by: HOSTILE,
          reason: HOSTILE,
          id: "x",
        },
      ],
      HOSTILE,
    );
    expect(text).not.toContain("<script>alert");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("javascript:");
    expect(text).toContain(html(HOSTILE));
    // Exactly two script elements: the inline history data and static/kiln.js.
    expect(text.match(/<script\b/g)).toHaveLength(2);
    expect(text.match(/<\/script>/g)).toHaveLength(2);
    const inline = /<script type="application\/json" id="history-data">([\s\S]*?)<\/script>/.exec(text)?.[1];
    expect(JSON.parse(inline ?? "").metrics.map((m: { name: string }) => m.name)).toEqual(["mae", HOSTILE]);
    expect(scriptJson({ s: "</script>\u2028" })).toBe('{"s":"\\u003c/script\\u003e\\u2028"}');
  });

  it("write data files that a browser runs as one call handing back exactly the record's text", () => {
    const value = { text: `${HOSTILE}<!-- -->\u2028\u2029\n--> x`, n: [1.5, null] };
    const text = dataFile("repo/model/c0", value);
    const calls: unknown[][] = [];
    // A classic script, as <script src> runs it (HTML-like comments and all).
    vm.runInNewContext(text, { kilnData: (...args: unknown[]) => calls.push(args) });
    expect(calls).toEqual([["repo/model/c0", value]]);
    expect(readDataFile(text, "repo/model/c0")).toEqual(value);
    expect(readDataFile(text, "repo/model/c1")).toBeUndefined();
  });

  it("start the compare form on the champion and the newest, or the two newest when the champion is the newest", () => {
    const render = (champion: number) =>
      modelPage(
        [record(1), record(2), record(3)],
        [
          {
            alias: "champion",
            asset: "model",
            from: null,
            to: champion,
            at: "2026-11-01T00:00:00Z",
            by: "ci",
            reason: "r",
            id: "x",
          },
        ],
      );
    expect(compareDefaults(render(1))).toEqual({ a: "1", b: "3" });
    expect(compareDefaults(render(3))).toEqual({ a: "2", b: "3" });
  });

  it("leave the compare form's first version to the reader when the newest has none before it on its line", () => {
    const dev = (version: number): MaterializationRecord => {
      const r = record(version);
      return { ...r, context: { ...r.context, environment: "dev", ref: "refs/heads/feature/x" } };
    };
    // No champion: the newest (a dev build on feature/x) and nothing of prod's to measure it by.
    expect(compareDefaults(modelPage([record(1), dev(2)], []))).toEqual({ a: undefined, b: "2" });
    expect(compareDefaults(modelPage([record(1), dev(2), dev(3)], []))).toEqual({ a: "2", b: "3" });
  });
});
