// Records are checked by hand first (isMaterialization) and by zod only where that says no: the
// two must agree on every record, or a damaged record could pass unreported, or a good one be
// stripped differently. Each test damages a good record at every place it has, in every way JSON
// can, and compares what the reader gives back with what zod alone gives.
import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { materializationRecordSchema } from "../../src/ledger/record-schemas.js";
import { isMaterialization, parseMaterialization, recordSchemas } from "../../src/ledger/records.js";

// parseMaterialization is synchronous and needs zod's schemas loaded for what the hand check
// refuses (the ledgers read through withRecordSchemas; test/ledger/lazy-schemas.test.ts).
beforeAll(() => recordSchemas());

const GOOD = {
  schema: 1,
  asset: "model",
  version: 7,
  status: "success",
  logicalVersion: "lv",
  dataVersion: "dv",
  provenance: {
    codeVersion: "c0de",
    code: { "train.py": "a".repeat(40) },
    runHash: "r1",
    config: { depth: 6, nested: { a: [1, null] } },
    env: { SEED: "1" },
    inputs: { "data.csv": "b".repeat(40) },
    deps: { prep: "dv-prep" },
    overrides: { depth: 7 },
    outputs: ["build/model.json"],
  },
  outputs: { "build/model.json": { blob: "c".repeat(40), size: 12 } },
  locations: [{ kind: "artifact", ref: "kiln-model-v7", url: "https://example.invalid/a" }],
  metrics: { mae: 61.5, r2: 0.5 },
  series: [{ step: 1, loss: 0.5 }],
  seriesFile: { path: "series/model/abc.jsonl", points: 20 },
  seriesPreview: [{ step: 1, loss: 0.5 }],
  checks: [{ name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "ok" }],
  reasons: ["code changed"],
  context: { event: "push", environment: "prod", ref: "main", gitSha: "f".repeat(40), runAttempt: 2 },
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:01:00.000Z",
  durationMs: 60000,
  attempts: 1,
  promotion: { alias: "champion", promote: true, reason: "better", against: 3, blocked: false, extra: 1 },
  extraTopLevel: { kept: true },
};

type Path = (string | number)[];

/** Every place in a value: object keys and array items, depth first. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [
    [...prefix, k],
    ...paths((value as Record<string, unknown>)[k], [...prefix, k]),
  ]);
}

/** A copy of `value` with what is at `at` replaced (or removed, for `undefined`). */
function withAt(value: unknown, at: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at.at(-1)!;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  "text",
  "",
  0,
  -1,
  1.5,
  true,
  [],
  [1],
  {},
  { step: 1 },
  { unexpected: "key" },
];

/** What zod alone makes of `data`, as parseMaterialization reports it. */
function byZod(data: unknown): { ok: true; value: unknown } | { ok: false } {
  const parsed = materializationRecordSchema().safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}

/** Every field path the schema declares (object keys, through optionals and array items). */
function schemaPaths(schema: z.ZodType, prefix = ""): string[] {
  if (schema instanceof z.ZodOptional) return schemaPaths(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodArray) return schemaPaths(schema.element as z.ZodType, `${prefix}[]`);
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => [
    `${prefix}.${key}`,
    ...schemaPaths(field, `${prefix}.${key}`),
  ]);
}

/** The same paths in a value. */
function valuePaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuePaths(item, `${prefix}[]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    `${prefix}.${key}`,
    ...valuePaths(v, `${prefix}.${key}`),
  ]);
}

describe("the hand check of a materialization record", () => {
  it("is tested on a record that has every field the schema declares", () => {
    // A field added to the schema but not to GOOD would never be damaged below, so the hand check
    // could drift from zod on it unseen: add the field to GOOD (and to isMaterialization).
    const present = new Set(valuePaths(GOOD));
    expect(schemaPaths(materializationRecordSchema()).filter((p) => !present.has(p))).toEqual([]);
  });

  it("takes a good record as it is", () => {
    expect(isMaterialization(structuredClone(GOOD))).toBe(true);
    const read = parseMaterialization(structuredClone(GOOD), { asset: "model", version: 7 });
    expect(read).toEqual({ ok: true, value: byZod(GOOD).ok && (byZod(GOOD) as { value: unknown }).value });
  });

  it("agrees with zod on every field replaced by every kind of JSON value", () => {
    const cases = paths(GOOD).flatMap((at) =>
      REPLACEMENTS.map((r) => ({ at, r, data: withAt(GOOD, at, r) })),
    );
    // Extra keys in every object (zod strips them from its plain objects, keeps them in loose ones).
    for (const at of paths(GOOD)) {
      const data = structuredClone(GOOD) as Record<string, unknown>;
      let target: unknown = data;
      for (const key of at) target = (target as Record<string | number, unknown>)[key];
      if (typeof target === "object" && target !== null && !Array.isArray(target)) {
        (target as Record<string, unknown>).zzExtra = 1;
        cases.push({ at: [...at, "zzExtra"], r: 1, data });
      }
    }
    expect(cases.length).toBeGreaterThan(1000);
    let accepted = 0;
    let handChecked = 0;
    for (const { at, r, data } of cases) {
      const zod = byZod(data);
      if (isMaterialization(data)) {
        handChecked++;
        // What the hand check takes, zod takes too, and gives back the same value.
        expect(zod, `${at.join(".")} = ${JSON.stringify(r)}`).toEqual({ ok: true, value: data });
      }
      const read = parseMaterialization(data, { asset: "model", version: 7 });
      if (zod.ok) {
        accepted++;
        const same =
          (zod.value as { asset: unknown; version: unknown }).asset === "model" &&
          (zod.value as { version: unknown }).version === 7;
        expect(read, `${at.join(".")} = ${JSON.stringify(r)}`).toEqual(
          same ? { ok: true, value: zod.value } : { ok: false, error: expect.stringMatching(/^holds /) },
        );
      } else {
        expect(read.ok, `${at.join(".")} = ${JSON.stringify(r)}`).toBe(false);
      }
    }
    // Both ways were exercised: damage zod refuses, and changes it accepts by hand and by zod.
    expect(handChecked).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(handChecked);
    expect(cases.length - accepted).toBeGreaterThan(300);
  });

  it("reports damage with zod's message", () => {
    const read = parseMaterialization(withAt(GOOD, ["checks", 0, "kind"], "vibes"), {
      asset: "model",
      version: 7,
    });
    expect(read).toEqual({ ok: false, error: expect.stringContaining("checks.0.kind") });
    const moved = parseMaterialization(structuredClone(GOOD), { asset: "model", version: 8 });
    expect(moved).toEqual({ ok: false, error: "holds model v7, not model v8" });
  });
});
