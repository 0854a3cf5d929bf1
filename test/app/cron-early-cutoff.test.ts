// A weekly `on_cron` model downstream of a daily pull: its tick runs it only when the data it reads
// moved. A pull that returns the same bytes keeps the snapshot's data version, so the model is
// fresh at that version (early cutoff) and its tick is handled without a retrain.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";
import { TickWorld } from "./tick-world.js";

const manifest = [
  "version: 1",
  "assets:",
  "  snapshot:",
  '    run: "node steps/pull.mjs"',
  "    outputs: [data/snapshot.json]",
  '    automation: { on_cron: "0 6 * * *" }',
  "  model:",
  '    run: "node steps/model.mjs"',
  "    deps: [snapshot]",
  "    outputs: [data/model.txt]",
  '    automation: { on_cron: "0 7 * * 1" }',
  "",
].join("\n");

// The pull reads the rows of a file outside the repository: the world's "upstream" data.
const files = (feed: string) => ({
  "kiln.yml": manifest,
  "steps/pull.mjs": `import { mkdirSync, readFileSync, writeFileSync } from "node:fs";\nmkdirSync("data", { recursive: true });\nwriteFileSync("data/snapshot.json", readFileSync(${JSON.stringify(feed)}, "utf8"));\n`,
  "steps/model.mjs":
    'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("data/model.txt", "trained on " + readFileSync("data/snapshot.json", "utf8"));\n',
});

function world(): { world: TickWorld; feed: string } {
  const feed = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-feed-")), "feed.json");
  writeFileSync(feed, JSON.stringify({ rows: 3 }));
  const made = new TickWorld(files(feed));
  return { world: made, feed };
}

async function outcomes(w: TickWorld, now: string) {
  const result = await w.run(now);
  return Object.fromEntries([...result.execution.outcomes].map(([name, o]) => [name, o]));
}

describe("a weekly on_cron model behind a daily pull", () => {
  it("is not retrained at its tick when the pull's bytes did not change, and the tick is handled", async () => {
    const { world: w } = world();
    // Monday 2026-11-23: both built.
    expect((await w.materialized("2026-11-23T07:30:00Z")).sort()).toEqual(["model", "snapshot"]);
    await w.run("2026-11-24T06:05:00Z");
    // The next Monday the model's tick finds the snapshot pulled again with the same bytes.
    expect(await w.materialized("2026-11-30T06:05:00Z")).toEqual(["snapshot"]);
    const plan = await w.plan("2026-11-30T07:05:00Z");
    expect(plan.assets.get("model")).toMatchObject({ run: false });
    const tick = await outcomes(w, "2026-12-01T06:05:00Z");
    expect(tick.snapshot?.outcome).toBe("success");
    expect(tick.model?.outcome).toBe("fresh");
    expect(tick.model?.detail).toContain("fresh at v1: upstream data unchanged (early cutoff)");
    // The tick was handled: the next daily pull does not bring the model back.
    expect(Object.keys(await outcomes(w, "2026-12-02T06:05:00Z"))).toEqual(["snapshot"]);
    const { ledger } = await w.workspace();
    expect((await ledger.materializations("model")).map((r) => r.version)).toEqual([1]);
  });

  it("is retrained at its tick when the pull brought new rows", async () => {
    const { world: w, feed } = world();
    await w.run("2026-11-23T07:30:00Z");
    writeFileSync(feed, JSON.stringify({ rows: 4 }));
    const tick = await outcomes(w, "2026-11-30T07:05:00Z");
    // 06:00's pull is due too (missed ticks coalesce): it runs first, and the model reads its rows.
    expect(tick.snapshot?.outcome).toBe("success");
    expect(tick.model?.outcome).toBe("success");
    expect(w.read("data/model.txt")).toBe('trained on {"rows":4}');
  });

  it("is shown stale, not fresh, by the run whose pull moved its data between its ticks", async () => {
    // The daily pull brings new rows on Tuesday; the weekly model is not due, so it does not run —
    // but the run's table and report must not call it fresh at v1: `kiln status` right after says stale.
    const { world: w, feed } = world();
    await w.run("2026-11-23T07:30:00Z");
    // The same bytes pulled again keep the data version: the model is fresh, and shown so.
    const same = await kilnIn(w.dir, ["run", "--event", "schedule", "--now", "2026-11-24T06:05:00Z"]);
    expect(same.stdout).toMatch(/^model\s+fresh\s+v1$/m);
    writeFileSync(feed, JSON.stringify({ rows: 4 }));
    const tick = await kilnIn(w.dir, ["run", "--event", "schedule", "--now", "2026-11-25T06:05:00Z"]);
    expect(tick.code, tick.output).toBe(0);
    expect(tick.stdout).toMatch(/^snapshot\s+success\s/m);
    expect(tick.stdout).toMatch(/^model\s+skipped\s+dependency snapshot has a new data version/m);
    const status = await kilnIn(w.dir, ["status"]);
    expect(status.stdout).toMatch(/^model\s+stale\s+v1\s+dependency snapshot has a new data version/m);
    const report = await kilnIn(w.dir, ["report"]);
    expect(report.stdout).not.toMatch(/^\| model\s+\| 💤 fresh/m);
    expect(report.stdout).toMatch(/^\| model\s+\|.*\| v1\s+\|.*dependency snapshot has a new data version/m);
  });
});
