// A run that finds everything fresh (issue #16: a no-op `kiln run` costs about what `kiln status`
// costs): it plans from heads, reads whole only the records it acts on (a fresh asset that may be
// promoted on merge), restores nothing that is in place, and keeps a small report that still
// names every fresh asset's version.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planWorkspace, runPipeline } from "../../src/app/pipeline.js";
import { findReport } from "../../src/app/report-history.js";
import { writeRunReport } from "../../src/app/run-report.js";
import { renderReport } from "../../src/report/index.js";
import { countingLedger } from "../support/counting-ledger.js";
import {
  engineRepo,
  openLocalWorkspace,
  recordingReporter,
  runEngine,
  tryRunInWorkspace,
} from "../support/engine-run.js";

const MANIFEST = `version: 1
assets:
  features:
    code: [features.sh]
    run: sh features.sh
    outputs: [build/features.csv]
  model:
    deps: [features]
    run: 'mkdir -p build && echo 1 > build/model.txt && echo "{\\"loss\\": 1}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: loss, direction: minimize }
    promote: {}
  report:
    deps: [model]
    run: 'mkdir -p build && cat build/model.txt > build/report.txt'
    outputs: [build/report.txt]
`;

describe("a run with nothing to do", () => {
  it("reads no fresh asset's record whole, and keeps a small report naming every version", async () => {
    const dir = engineRepo(MANIFEST, { "features.sh": "mkdir -p build\necho 1,2 > build/features.csv\n" });
    for (let i = 0; i < 3; i++) await runEngine(dir, { selection: ["features+"], force: true });
    const read: string[] = [];
    const opened = await openLocalWorkspace(dir);
    const workspace = { ...opened, ledger: countingLedger(opened.ledger, read, { intactChecks: false }) };
    const outcome = await runPipeline({
      workspace,
      selection: [],
      force: false,
      jobs: 1,
      tick: { event: "local", now: new Date() },
      reporter: recordingReporter().reporter,
      env: { ...process.env },
      restoreFresh: true,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    const { result } = outcome;
    expect(result.execution.outcomes.size).toBe(0);
    expect([...result.plan.assets].map(([name, e]) => [name, e.status])).toEqual([
      ["features", "fresh"],
      ["model", "fresh"],
      ["report", "fresh"],
    ]);
    expect(result.restored.map((r) => [r.asset, r.version, r.restored])).toEqual([
      ["features", 3, []],
      ["model", 3, []],
      ["report", 3, []],
    ]);
    const written = await writeRunReport(workspace, result);
    // Only what promotion on merge judges: model's current version and its champion (v1, whose
    // loss v2 and v3 did not beat). No history, no other fresh asset's record.
    expect([...new Set(read)].sort()).toEqual(["model@v1", "model@v3"]);

    // The report names each fresh version; of its record it keeps what names it.
    const data = JSON.parse(readFileSync(written.file.replace(/\.md$/, ".json"), "utf8"));
    for (const asset of data.assets) {
      expect(asset.outcome).toBe("fresh");
      expect(Object.keys(asset.record).sort()).toEqual(
        ["asset", "context", "dataVersion", "finishedAt", "logicalVersion", "metrics", "version"].sort(),
      );
      expect(asset.record.version).toBe(3);
    }
    const found = await findReport(path.dirname(written.file), written.runId);
    if (!found.ok) throw new Error(found.reason);
    const view = JSON.parse(renderReport(found.kept.report, { format: "json", budget: "none" }));
    expect(view.assets.map((a: { name: string; version: number }) => [a.name, a.version])).toEqual([
      ["features", 3],
      ["model", 3],
      ["report", 3],
    ]);
    expect(found.kept.report.assets.find((a) => a.name === "model")?.aliasHolders).toEqual({ champion: 1 });
  });

  it("reads the alias history only of the assets that have one, for a report of every asset", async () => {
    const dir = engineRepo(MANIFEST, { "features.sh": "mkdir -p build\necho 1,2 > build/features.csv\n" });
    await runEngine(dir);
    const opened = await openLocalWorkspace(dir);
    const asked: string[] = [];
    const ledger = new Proxy(opened.ledger, {
      get(target, key, receiver) {
        if (key === "aliasState")
          return (asset: string) => {
            asked.push(asset);
            return target.aliasState(asset);
          };
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const workspace = { ...opened, ledger };
    const { outcome } = await tryRunInWorkspace(workspace, { selection: [], force: false });
    if (!outcome.ok) throw new Error(outcome.error);
    const written = await writeRunReport(workspace, outcome.result);
    // model was promoted by the first run: the only alias history there is.
    expect([...new Set(asked)]).toEqual(["model"]);
    const found = await findReport(path.dirname(written.file), written.runId);
    if (!found.ok) throw new Error(found.reason);
    expect(found.kept.report.assets.map((a) => [a.name, a.aliasHolders])).toEqual([
      ["features", {}],
      ["model", { champion: 1 }],
      ["report", {}],
    ]);
  });

  it("plans (kiln plan, a workflow's plan job) without reading any fresh asset's record whole", async () => {
    const dir = engineRepo(MANIFEST, { "features.sh": "mkdir -p build\necho 1,2 > build/features.csv\n" });
    await runEngine(dir);
    const read: string[] = [];
    const opened = await openLocalWorkspace(dir);
    const workspace = { ...opened, ledger: countingLedger(opened.ledger, read, { intactChecks: false }) };
    const planned = await planWorkspace(workspace, {
      selection: [],
      force: false,
      tick: { event: "local", now: new Date() },
      env: { ...process.env },
    });
    if (!planned.ok) throw new Error(planned.error);
    expect([...planned.plan.assets].map(([name, e]) => [name, e.status, e.run])).toEqual([
      ["features", "fresh", false],
      ["model", "fresh", false],
      ["report", "fresh", false],
    ]);
    expect(read).toEqual([]);
  });
});
