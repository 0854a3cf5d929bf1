import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMetrics, readSeries } from "../../src/run/metrics.js";
import { followSeries } from "../../src/run/series-follow.js";

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
      value: { values: { mae: 61.2, r2: 0.4 }, notFinite: {}, warnings: [] },
    });
    const none = { ok: true, value: { values: {}, notFinite: {}, warnings: [] } };
    expect(await readMetrics("model", file("m2.json", ""))).toEqual(none);
    expect(await readMetrics("model", path.join(dir, "absent.json"))).toEqual(none);
  });

  it("names the asset, the file and the problem", async () => {
    const bad = file("m3.json", '{"mae": "61"}');
    expect(await readMetrics("model", bad)).toEqual({
      ok: false,
      error: `asset "model" reported metric "mae" as a string of 2 characters in ${bad}: metrics must be numbers`,
    });
    const list = file("m4.json", "[1, 2]");
    expect(await readMetrics("model", list)).toEqual({
      ok: false,
      error: `asset "model" must write one JSON object of numbers to KILN_METRICS (${list}), e.g. {"mae": 61.2}`,
    });
    const broken = await readMetrics("model", file("m5.json", "{mae: 1}"));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(
      /^asset "model" wrote invalid JSON to KILN_METRICS at .*m5\.json:1:2: expected a property name in double quotes$/,
    );
  });

  it("locates invalid JSON by line and column and says what is wrong, quoting none of the text", async () => {
    const cases: [string, string][] = [
      ['{\n  "mae": 1,\n  "key": sk-live-51Hq\n}', "3:10: not a JSON value"],
      ['{"mae": 1,}', "1:11: a trailing comma before '}'"],
      ['{"mae": 1', "1:10: the text ends inside an object that is never closed"],
      ['{"note": "two\nlines"}', "1:14: a control character (a raw line break or tab) inside a string"],
      ['{"mae": 1} {"r2": 2}', "1:12: more text after the JSON value"],
    ];
    for (const [text, expected] of cases) {
      const written = file("m6.json", text);
      const read = await readMetrics("model", written);
      expect(read.ok).toBe(false);
      const error = read.ok ? "" : read.error;
      expect(error).toContain(`${written}:${expected}`);
      // The file's path is random (a temporary folder named `…-r2daIG` once matched /r2/): only
      // what the message says about the text is searched for the text's own words.
      expect(error.replace(written, "")).not.toMatch(/sk-live|mae": 1|lines|r2/);
    }
  });
});

describe("readSeries", () => {
  it("reads JSON lines with a step, skipping blank lines", async () => {
    const p = file("s1.jsonl", '{"step": 1, "loss": 0.5}\n\n{"step": 2, "loss": 0.4, "val": 0.6}\n');
    expect(await readSeries("model", p)).toEqual({
      ok: true,
      value: {
        points: [
          { step: 1, loss: 0.5 },
          { step: 2, loss: 0.4, val: 0.6 },
        ],
        warnings: [],
      },
    });
  });

  it("points at the line of a bad point", async () => {
    const p = file("s2.jsonl", '{"step": 1, "loss": 0.5}\n{"loss": 0.4}\n');
    expect(await readSeries("model", p)).toEqual({
      ok: false,
      error: `asset "model" wrote a KILN_SERIES line without a numeric "step" at ${p}:2`,
    });
    const q = file("s3.jsonl", '{"step": 1, "loss": "high"}\n');
    expect(await readSeries("model", q)).toEqual({
      ok: false,
      error: `asset "model" wrote "loss" as a string of 4 characters at ${q}:1: series values must be numbers`,
    });
  });
});

describe("a UTF-8 byte order mark, as .NET's Encoding.UTF8 and Python's utf-8-sig write one", () => {
  const BOM = "\uFEFF";

  it("is skipped at the start of KILN_METRICS", async () => {
    expect(await readMetrics("model", file("bom.json", `${BOM}{"mae": 3}\n`))).toEqual({
      ok: true,
      value: { values: { mae: 3 }, notFinite: {}, warnings: [] },
    });
    // Only there: inside the object it is a stray character, located as any other.
    const inside = await readMetrics("model", file("bom-inside.json", `{"mae": 3,${BOM} "r2": 1}`));
    expect(!inside.ok && inside.error).toMatch(/bom-inside\.json:1:11: /);
  });

  it("is skipped at the start of KILN_SERIES, in the recorded series and the live one", async () => {
    const series = file("bom.jsonl", `${BOM}{"step": 1, "loss": 0.5}\n{"step": 2, "loss": 0.4}\n`);
    expect(await readSeries("model", series)).toEqual({
      ok: true,
      value: {
        points: [
          { step: 1, loss: 0.5 },
          { step: 2, loss: 0.4 },
        ],
        warnings: [],
      },
    });
    const seen: unknown[] = [];
    const follower = followSeries(file("bom-live.jsonl", `${BOM}{"step": 1, "loss": 0.5}\n`), (point) =>
      seen.push(point),
    );
    await follower.check();
    follower.stop();
    expect(seen).toEqual([{ step: 1, loss: 0.5 }]);
  });
});

describe("NaN and Infinity, as Python's json.dump writes them", () => {
  it("keeps NaN/Infinity metrics apart from the numbers, with a warning each", async () => {
    const p = file("m6.json", '{"mae": 3.5, "loss": NaN, "grad": -Infinity, "note_NaN": 1, "js": null}\n');
    expect(await readMetrics("model", p)).toEqual({
      ok: true,
      value: {
        values: { mae: 3.5, note_NaN: 1 },
        notFinite: { loss: "NaN", grad: "-Infinity", js: "NaN" },
        warnings: [
          "metric loss is NaN: recorded as not-a-number (a check on it fails; it never wins a promotion)",
          "metric grad is -Infinity: recorded as not-a-number (a check on it fails; it never wins a promotion)",
          "metric js is null (JSON.stringify's NaN): recorded as not-a-number (a check on it fails; it never wins a promotion)",
        ],
      },
    });
  });

  it("leaves NaN series values out of their points and says where they started", async () => {
    const p = file(
      "s4.jsonl",
      '{"step": 1, "loss": 0.5, "tag": 1}\n{"step": 2, "loss": NaN}\n{"step": 3, "loss": Infinity}\n',
    );
    expect(await readSeries("model", p)).toEqual({
      ok: true,
      value: {
        points: [{ step: 1, loss: 0.5, tag: 1 }, { step: 2 }, { step: 3 }],
        warnings: ["series loss is NaN/Infinity at 2 points from step 2: left out of charts"],
      },
    });
  });

  it("keeps a NaN inside a string a string, and reports real syntax errors on one line", async () => {
    const s = file("m7.json", '{"mae": "NaN"}');
    expect(await readMetrics("model", s)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"mae" as a string of 3 characters/),
    });
    const broken = await readMetrics("model", file("m8.json", '{"mae": NaN,\n'));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).not.toContain("\n");
    expect(!broken.ok && broken.error).toMatch(
      /m8\.json:2:1: the text ends inside an object that is never closed$/,
    );
  });
});
