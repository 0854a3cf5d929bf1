// The report of a run (issue #16: a cost that does not grow with history): an asset the run built
// is shown with its previous version and the last versions of its history chart, read newest first
// from its head log, never its whole history.
import { describe, expect, it } from "vitest";
import { buildRunReport, pipelineFacts } from "../../src/app/run-report.js";
import { engineRepo, openLocalWorkspace, runEngine, tryRunInWorkspace } from "../support/engine-run.js";

const MANIFEST = `version: 1
assets:
  model:
    run: 'mkdir -p build && echo 1 > build/model.txt && echo "{\\"loss\\": 1}" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: loss, direction: minimize }
`;

describe("the report of a run", () => {
  it("shows an asset's previous version and its last ten, without reading its whole history", async () => {
    const dir = engineRepo(MANIFEST);
    await runEngine(dir);
    // 40 versions, as 40 runs would leave them (the same record written again).
    const setup = await openLocalWorkspace(dir);
    const {
      schema: _schema,
      version: _version,
      ...newest
    } = (await setup.ledger.materializations("model"))[0]!;
    for (let v = 2; v <= 40; v++) await setup.ledger.recordMaterialization(newest);

    const opened = await openLocalWorkspace(dir);
    const wholeReads: string[] = [];
    const ledger = new Proxy(opened.ledger, {
      get(target, key, receiver) {
        if (key === "heads" || key === "materializations")
          return (asset: string) => {
            wholeReads.push(`${String(key)} ${asset}`);
            return key === "heads" ? target.heads(asset) : target.materializations(asset);
          };
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const workspace = { ...opened, ledger };
    const { outcome } = await tryRunInWorkspace(workspace, { selection: ["model"], force: true });
    if (!outcome.ok) throw new Error(outcome.error);
    const report = await buildRunReport(
      { ...workspace, ledger: outcome.result.ledger },
      pipelineFacts(outcome.result),
    );
    const model = report.assets.find((a) => a.name === "model")!;
    expect(model.outcome).toBe("materialized");
    expect(model.record?.version).toBe(41);
    expect(model.previous?.version).toBe(40);
    expect(model.history.map((h) => h.version)).toEqual([32, 33, 34, 35, 36, 37, 38, 39, 40, 41]);
    expect(wholeReads).toEqual([]);
  });

  // Found by review: after an experiment (`--set`), the next normal run was compared with it as
  // "previous" and called 95 % better though nothing changed; the history chart plotted it too.
  it("compares a normal run with the last normal version, never an experiment in between", async () => {
    const dir = engineRepo(`version: 1
assets:
  model:
    config: { loss: 5 }
    run: 'mkdir -p build && cp "$KILN_CONFIG" build/model.txt && node -e "const c = require(process.env.KILN_CONFIG); process.stdout.write(JSON.stringify({loss: c.loss}))" > "$KILN_METRICS"'
    outputs: [build/model.txt]
    metrics: { primary: loss, direction: minimize }
`);
    await runEngine(dir);
    const experiment = await runEngine(dir, { selection: ["model"], set: ["model.loss=100"] });
    expect(experiment.outcome("model")).toMatchObject({ outcome: "success", detail: "v2" });
    const workspace = await openLocalWorkspace(dir);
    const { outcome } = await tryRunInWorkspace(workspace, { selection: ["model"], force: true });
    if (!outcome.ok) throw new Error(outcome.error);
    const report = await buildRunReport(
      { ...workspace, ledger: outcome.result.ledger },
      pipelineFacts(outcome.result),
    );
    const model = report.assets.find((a) => a.name === "model")!;
    expect(model.record?.version).toBe(3);
    expect(model.previous?.version).toBe(1);
    expect(model.previous?.metrics).toEqual({ loss: 5 });
    expect(model.history.map((h) => h.version)).toEqual([1, 3]);
  });
});
