import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMetrics, readSeries } from "../../src/run/metrics.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-metrics-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("readMetrics", () => {
  it("reads one object of numbers; a missing or empty file is no metrics", async () => {
    expect(await readMetrics("model", file("m1.json", '{"mae": 61.2, "r2": 0.4}'))).toEqual({
      ok: true,
      value: { mae: 61.2, r2: 0.4 },
    });
    expect(await readMetrics("model", file("m2.json", ""))).toEqual({ ok: true, value: {} });
    expect(await readMetrics("model", path.join(dir, "absent.json"))).toEqual({ ok: true, value: {} });
  });

  it("names the asset, the file and the problem", async () => {
    const bad = file("m3.json", '{"mae": "61"}');
    expect(await readMetrics("model", bad)).toEqual({
      ok: false,
      error: `asset "model" reported metric "mae" = "61" in ${bad}: metrics must be finite numbers`,
    });
    const list = file("m4.json", "[1, 2]");
    expect(await readMetrics("model", list)).toEqual({
      ok: false,
      error: `asset "model" must write one JSON object of numbers to KILN_METRICS (${list}), e.g. {"mae": 61.2}`,
    });
    const broken = await readMetrics("model", file("m5.json", "{mae: 1}"));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^asset "model" wrote invalid JSON to KILN_METRICS/);
  });
});

describe("readSeries", () => {
  it("reads JSON lines with a step, skipping blank lines", async () => {
    const p = file("s1.jsonl", '{"step": 1, "loss": 0.5}\n\n{"step": 2, "loss": 0.4, "val": 0.6}\n');
    expect(await readSeries("model", p)).toEqual({
      ok: true,
      value: [
        { step: 1, loss: 0.5 },
        { step: 2, loss: 0.4, val: 0.6 },
      ],
    });
  });

  it("points at the line of a bad point", async () => {
    const p = file("s2.jsonl", '{"step": 1, "loss": 0.5}\n{"loss": 0.4}\n');
    expect(await readSeries("model", p)).toEqual({
      ok: false,
      error: `asset "model" wrote a KILN_SERIES line without a numeric "step" at ${p}:2`,
    });
    const q = file("s3.jsonl", '{"step": 1, "loss": null}\n');
    expect(await readSeries("model", q)).toEqual({
      ok: false,
      error: `asset "model" wrote "loss": null at ${q}:1: series values must be finite numbers`,
    });
  });
});
