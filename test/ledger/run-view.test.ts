// The run's view of the ledger (src/ledger/run-view.ts): reads are made once per run, the run's own
// writes are seen by its next read, and a concurrent writer's alias move is still caught by the
// promotion's compare-and-swap.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalLedger } from "../../src/ledger/local.js";
import { RunLedgerView } from "../../src/ledger/run-view.js";
import type { PromoteSpec } from "../../src/manifest/project.js";
import { currentHolder, promoteIfBetter } from "../../src/run/promote.js";
import { decidePromotion } from "../../src/run/promotion.js";
import { newFailure, newMaterialization, tempDir } from "./fixtures.js";

function ledgerDir(): string {
  return path.join(tempDir("kiln-run-view-"), ".kiln", "ledger");
}

const spec: PromoteSpec = { alias: "champion", metric: "mae", direction: "minimize" };

describe("the run's ledger view", () => {
  it("sees the run's own record, failure and cursor in the next read of the same run", async () => {
    const view = new RunLedgerView(new LocalLedger(ledgerDir()));
    expect(await view.heads("model")).toEqual([]);
    expect(await view.materializations("model")).toEqual([]);
    expect(await view.failures("model")).toEqual([]);
    expect(await view.readCursor({ name: "main" })).toBeUndefined();

    const record = await view.recordMaterialization(newMaterialization("model", { metrics: { mae: 60 } }));
    expect((await view.heads("model")).map((h) => [h.version, h.metrics.mae])).toEqual([[1, 60]]);
    expect((await view.materializations("model")).map((r) => r.version)).toEqual([1]);
    expect((await view.materialization("model", 1))?.dataVersion).toBe(record.dataVersion);

    await view.recordFailure(newFailure("model", "2026-11-23T07:00:00.000Z"));
    expect((await view.failures("model")).map((f) => f.startedAt)).toEqual(["2026-11-23T07:00:00.000Z"]);

    await view.updateCursor({
      scope: { name: "main" },
      entries: { model: { eager: { at: "2026-11-23T07:00:00.000Z" } } },
      sources: {},
      updatedAt: "2026-11-23T07:00:00.000Z",
    });
    expect(await view.readCursor({ name: "main" })).toMatchObject({ scope: "main" });

    await view.addLocations("model", 1, [{ kind: "cache", ref: "kiln-model-abc" }]);
    expect(await view.locations("model", 1)).toEqual([{ kind: "cache", ref: "kiln-model-abc" }]);

    expect(
      await view.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "t", reason: "r" }),
    ).toBe(true);
    expect((await view.aliasHistory("model")).map((e) => e.to)).toEqual([1]);
  });

  it("lists the assets with an alias history as it reads them: the listing it took, and the assets it moved an alias of since", async () => {
    const dir = ledgerDir();
    const writer = new LocalLedger(dir);
    await writer.recordMaterialization(newMaterialization("data"));
    await writer.moveAlias({ alias: "stable", asset: "data", from: null, to: 1, by: "t", reason: "r" });
    const view = new RunLedgerView(new LocalLedger(dir));
    expect((await view.aliasHistory("model")).map((e) => e.to)).toEqual([]); // the listing taken now
    expect([...(await view.aliasedAssets!())]).toEqual(["data"]);
    await view.recordMaterialization(newMaterialization("model"));
    await view.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "t", reason: "r" });
    expect([...(await view.aliasedAssets!())].sort()).toEqual(["data", "model"]);
    expect((await view.aliasHistory("model")).map((e) => e.to)).toEqual([1]);
  });

  it("reads each file once per run: a file removed behind its back still answers from the first read", async () => {
    const dir = ledgerDir();
    const writer = new LocalLedger(dir);
    await writer.recordMaterialization(newMaterialization("model"));
    const view = new RunLedgerView(new LocalLedger(dir));
    expect((await view.heads("model")).map((h) => h.version)).toEqual([1]);
    // Gone from disk: a view that read again would now see no head and no record.
    rmSync(path.join(dir, "heads"), { recursive: true });
    rmSync(path.join(dir, "materializations", "model", "v1.json"));
    expect((await view.heads("model")).map((h) => h.version)).toEqual([1]);
    // refresh() is the way to read what changed since.
    mkdirSync(path.join(dir, "heads"), { recursive: true });
    await view.refresh();
    expect(await view.heads("model")).toEqual([]);
  });

  it("hands out copies: a caller that sorts or appends does not change what the next one reads", async () => {
    const view = new RunLedgerView(new LocalLedger(ledgerDir()));
    await view.recordMaterialization(newMaterialization("model"));
    await view.recordMaterialization(newMaterialization("model"));
    const heads = await view.heads("model");
    heads.reverse();
    heads.push(heads[0]!);
    expect((await view.heads("model")).map((h) => h.version)).toEqual([1, 2]);
  });

  it("a champion moved by another process after the run read the history is caught: the run decides again against it", async () => {
    const dir = ledgerDir();
    const run = new RunLedgerView(new LocalLedger(dir));
    const other = new LocalLedger(dir);
    const v1 = await run.recordMaterialization(newMaterialization("model", { metrics: { mae: 70 } }));
    expect(
      await run.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "t", reason: "first" }),
    ).toBe(true);
    // The run reads the holder (v1, mae 70), then another process records a better v2 and promotes it.
    const seen = await currentHolder(run, "model", "champion");
    expect(seen.ok && seen.holder?.version).toBe(v1.version);
    const v2 = await other.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    expect(
      await other.moveAlias({
        alias: "champion",
        asset: "model",
        from: 1,
        to: v2.version,
        by: "o",
        reason: "better",
      }),
    ).toBe(true);
    // Still the first read in this run: the view does not re-read on its own.
    const cached = await currentHolder(run, "model", "champion");
    expect(cached.ok && cached.holder?.version).toBe(1);

    // The run's v3 (mae 60) beats the holder it read (v1) but not the one that holds the alias now.
    const v3 = await run.recordMaterialization(newMaterialization("model", { metrics: { mae: 60 } }));
    const verdict = decidePromotion({ spec, metrics: v3.metrics, checks: v3.checks, holder: v1 });
    expect(verdict.promote).toBe(true);
    const outcome = await promoteIfBetter({ ledger: run, spec, record: v3, verdict, by: "run" });
    expect(outcome.moved).toBe(false);
    expect(outcome.verdict.against).toBe(v2.version);
    const holder = await currentHolder(run, "model", "champion");
    expect(holder.ok && holder.holder?.version).toBe(v2.version);
  });
});
