// A metric a step reported as NaN or ±Infinity (a diverged loss) is kept apart from the numbers on
// the record (`notFinite`) with a warning. The report must show it, not drop it: a PR comment whose
// metrics table silently loses the primary metric reads as if nothing were wrong.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JSON_CONTRACTS } from "../../src/cli/json-contract-schemas.js";
import type { FailureRecord } from "../../src/domain/records.js";
import type { RunReport } from "../../src/report/model.js";
import { renderReport } from "../../src/report/render.js";
import { engineRepo } from "../support/engine-run.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { failure, record } from "./fixtures.js";

const METRICS = {
  primary: "val_loss",
  direction: "minimize" as const,
  directions: { acc: "maximize" as const },
};
const WARNING =
  "metric val_loss is NaN: recorded as not-a-number (a check on it fails; it never wins a promotion)";

function diverged(): RunReport {
  const champion = record("model", 1, { val_loss: 0.5, acc: 0.8, grad_norm: 2, lr: 0.1 });
  const current = record(
    "model",
    2,
    { acc: 0.85 },
    { notFinite: { val_loss: "NaN", grad_norm: "Infinity", lr: "-Infinity" }, warnings: [WARNING] },
  );
  return {
    event: "pull_request",
    tick: "2026-11-23T03:00:00.000Z",
    assets: [
      {
        name: "model",
        outcome: "materialized",
        reasons: ["code changed (train.py)"],
        record: current,
        champion,
        history: [champion, current],
        aliasHolders: { champion: 1 },
        links: {},
        durationMs: 1000,
        metrics: METRICS,
        promoteAlias: "champion",
      },
    ],
    edges: [],
  };
}

/** The metrics table's row for a metric, as cells. */
function row(markdown: string, metric: string): string[] | undefined {
  return markdown
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    )
    .find((cells) => cells[0]?.replace(/\*\*/g, "").split(" ")[0] === metric);
}

describe("a metric that is not a number in the report", () => {
  it("is a row with NaN, ∞ or −∞ and a warning mark, no delta; the run's warnings are listed", () => {
    const text = renderReport(diverged(), { format: "md", budget: "none" });
    expect(row(text, "val_loss")).toEqual(["**val_loss** ↓ (primary)", "NaN ⚠️", "–"]);
    expect(row(text, "grad_norm")).toEqual(["grad_norm", "∞ ⚠️", "–"]);
    expect(row(text, "lr")).toEqual(["lr", "−∞ ⚠️", "–"]);
    // The finite metric still has its delta against the champion.
    expect(row(text, "acc")?.slice(0, 2)).toEqual(["acc ↑", "0.85"]);
    expect(row(text, "acc")?.[2]).toMatch(/^▲ \+0\.05/);
    expect(text).toContain(`⚠️ ${WARNING}`);
  });

  it("is in the JSON view as the record keeps it", () => {
    const view = JSON.parse(renderReport(diverged(), { format: "json", budget: "none" }));
    const rows = view.assets[0].details.metrics;
    // JSON has no NaN: the value is null and `notFinite` says what it was, as on the record.
    expect(
      rows.map((r: { name: string; value: unknown; notFinite?: string }) => [r.name, r.value, r.notFinite]),
    ).toEqual([
      ["val_loss", null, "NaN"],
      ["acc", 0.85, undefined],
      ["grad_norm", null, "Infinity"],
      ["lr", null, "-Infinity"],
    ]);
    expect(rows[0].deltas).toEqual({});
    expect(view.assets[0].details.warnings).toEqual([WARNING]);
  });

  it("shows a failed run's non-finite metrics and warnings too", () => {
    const report = failure();
    const model = report.assets.find((a) => a.name === "model")!;
    model.failure = {
      ...(model.failure as FailureRecord),
      metrics: { mae: 80 },
      notFinite: { r2: "NaN" },
      warnings: ["metric r2 is NaN: recorded as not-a-number"],
    };
    const text = renderReport(report, { format: "md", budget: "none" });
    expect(row(text, "r2")?.slice(0, 2)).toEqual(["r2 ↑", "NaN ⚠️"]);
    expect(text).toContain("⚠️ metric r2 is NaN: recorded as not-a-number");
  });

  it("a local run whose step wrote a NaN loss: kiln report lists it", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    metrics: { primary: val_loss, direction: minimize }
`,
      { "train.sh": `echo '{"val_loss": NaN, "acc": 0.9}' > "$KILN_METRICS"\n` },
    );
    const run = await kilnIn(dir, ["run"]);
    expect(run.code, run.output).toBe(0);
    const report = (await kilnIn(dir, ["report"])).stdout;
    expect(row(report, "val_loss")?.slice(0, 2)).toEqual(["**val_loss** ↓ (primary)", "NaN ⚠️"]);
    expect(report).toContain("⚠️ metric val_loss is NaN");
    // The JSON report carries it within its published contract.
    const { $schema: _, ...json } = JSON.parse((await kilnIn(dir, ["report", "--format", "json"])).stdout);
    const parsed = JSON_CONTRACTS.report.safeParse(json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(json.assets[0].details.metrics[0]).toMatchObject({
      name: "val_loss",
      value: null,
      notFinite: "NaN",
    });
  });

  it("a version whose primary metric was NaN is named under the chart across versions, not joined over", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    inputs: [loss.txt]
    run: sh train.sh
    metrics: { primary: val_loss, direction: minimize }
`,
      { "train.sh": `echo "{\\"val_loss\\": $(cat loss.txt)}" > "$KILN_METRICS"\n`, "loss.txt": "0.5\n" },
    );
    for (const loss of ["0.5", "NaN", "0.4"]) {
      writeFileSync(path.join(dir, "loss.txt"), `${loss}\n`);
      const run = await kilnIn(dir, ["run"]);
      expect(run.code, run.output).toBe(0);
    }
    const report = (await kilnIn(dir, ["report"])).stdout;
    expect(report).toContain("<summary>val_loss across the last 3 versions</summary>");
    expect(report).toContain("Not drawn: v2 (val_loss NaN ⚠️). This run wrote v3.");
    const { $schema: _, ...json } = JSON.parse((await kilnIn(dir, ["report", "--format", "json"])).stdout);
    expect(JSON_CONTRACTS.report.safeParse(json).success).toBe(true);
    expect(json.assets[0].details.history.notDrawn).toEqual([{ version: 2, notFinite: "NaN" }]);
  });
});
