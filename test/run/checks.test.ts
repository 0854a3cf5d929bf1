// Asset checks in-process, as a run executes them after the step: metric comparisons, outputs that
// must exist (and match a JSON Schema), and commands whose exit code is the verdict. A failed
// blocking check fails the materialization (a failure record, no version, no promotion); a failed
// non-blocking one is kept on the version as a warning. Real steps and check commands (`sh`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { aliasHolders } from "../../src/ledger/aliases.js";
import { runChecks } from "../../src/run/checks.js";
import { locateJsonError } from "../../src/run/json-syntax.js";
import { engineRepo, ledgerOf, runEngine } from "../support/engine-run.js";

const SCHEMA = JSON.stringify({
  type: "object",
  required: ["weights"],
  properties: { weights: { type: "array", items: { type: "number" } } },
});

/** A model whose step writes `model` as build/model.json and reports mae (and rmse). */
function modelRepo(options: { checks: string; model?: string; mae?: number; promote?: boolean }) {
  return engineRepo(
    `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model.json, build/empty.txt]
    metrics: { primary: mae, direction: minimize }
${options.promote ? "    promote: {}\n" : ""}    checks:
${options.checks}`,
    {
      "train.sh": `mkdir -p build
printf '%s' '${options.model ?? '{"weights": [1, 2]}'}' > build/model.json
: > build/empty.txt
echo '{"mae": ${options.mae ?? 3.25}, "rmse": 4}' > "$KILN_METRICS"
`,
      "model.schema.json": SCHEMA,
      "not-a-schema.json": JSON.stringify({ type: 12 }),
    },
  );
}

describe("checks", () => {
  it("keeps every check's verdict on the version; failed non-blocking checks only warn", async () => {
    const dir = modelRepo({
      checks: `      - { metric: "mae < 70" }
      - { metric: "mae >= 4" }
      - { metric: "rmse == 4" }
      - { metric: "rmse != 4" }
      - { metric: "mea < 5" }
      - { output: build/model.json, json-schema: model.schema.json }
      - { output: build/empty.txt }
      - { output: build/missing.bin }
      - { output: build/model.json, json-schema: not-a-schema.json }
      - { name: asset named, command: 'test "$KILN_ASSET" = model' }
      - { name: predictions sane, command: 'echo "3 NaN predictions"; exit 4' }
`,
    });
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v1" });
    const [record] = (await ledgerOf(run.workspace, "model")).records;
    expect(record!.checks.map((c) => [c.name, c.kind, c.passed, c.message])).toEqual([
      ["mae < 70", "metric", true, "mae = 3.25 < 70"],
      ["mae >= 4", "metric", false, "mae = 3.25 not >= 4"],
      ["rmse == 4", "metric", true, "rmse = 4 == 4"],
      ["rmse != 4", "metric", false, "rmse = 4 not != 4"],
      ["mea < 5", "metric", false, "metric mea was not reported; did you mean mae? (reported: mae, rmse)"],
      [
        "build/model.json matches model.schema.json",
        "output",
        true,
        "build/model.json matches model.schema.json",
      ],
      ["build/empty.txt exists", "output", false, "build/empty.txt is empty"],
      ["build/missing.bin exists", "output", false, "build/missing.bin does not exist"],
      [
        "build/model.json matches not-a-schema.json",
        "output",
        false,
        expect.stringMatching(/^not-a-schema\.json is not a valid JSON Schema: /),
      ],
      ["asset named", "command", true, "exit code 0"],
      ["predictions sane", "command", false, "exit code 4: 3 NaN predictions"],
    ]);
    expect(record!.checks.every((c) => c.blocking === false)).toBe(true);
  });

  it("reports a JSON Schema mismatch and an output that is not JSON", async () => {
    const dir = modelRepo({
      model: '{"weights": ["a"]}',
      checks: `      - { output: build/model.json, json-schema: model.schema.json }
      - { output: build/empty.txt, json-schema: model.schema.json }
`,
    });
    // An empty file fails before its JSON is read; a non-JSON output has its own message.
    const run = await runEngine(dir);
    const [record] = (await ledgerOf(run.workspace, "model")).records;
    expect(record!.checks.map((c) => c.message)).toEqual([
      "build/model.json does not match model.schema.json: /weights/0 must be number",
      "build/empty.txt is empty",
    ]);

    const notJson = modelRepo({
      model: "weights: [1]",
      checks: "      - { output: build/model.json, json-schema: model.schema.json }\n",
    });
    const second = await runEngine(notJson);
    const [secondRecord] = (await ledgerOf(second.workspace, "model")).records;
    expect(secondRecord!.checks[0]!.message).toMatch(/^build\/model\.json is not JSON: /);
  });

  it("says where an output or its schema stops being JSON, quoting none of the file (it may hold a secret)", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kiln-check-json-"));
    mkdirSync(path.join(root, "build"));
    writeFileSync(path.join(root, "build/model.json"), '{\n  "api_key": sk-proj-abcdef123456\n}\n');
    writeFileSync(path.join(root, "broken.schema.json"), '{"type": "object", "secret": hunter2-token}');
    writeFileSync(path.join(root, "model.schema.json"), '{"type": "object"}');
    const env = { root, metrics: {}, runCommand: async () => ({ code: 0, tail: "" }) };
    const spec = (jsonSchema: string) =>
      ({ kind: "output", name: "model", blocking: false, path: "build/model.json", jsonSchema }) as const;
    const [output, schema] = await runChecks([spec("model.schema.json"), spec("broken.schema.json")], env);
    expect(output!.message).toBe(
      "build/model.json is not JSON: line 2, column 14: " +
        locateJsonError('{\n  "api_key": sk-proj-abcdef123456\n}\n')!.problem,
    );
    expect(schema!.message).toMatch(/^cannot read JSON Schema broken\.schema\.json: line 1, column 30: /);
    for (const c of [output!, schema!]) expect(c.message).not.toMatch(/sk-proj|hunter2/);
  });

  // Found by review: a check command that handles SIGTERM and exits 0 when its time runs out was
  // "✅ passed — exit code 0", and the version it never checked was recorded and could promote.
  it("a check command stopped at the asset's timeout fails, even when it exits 0 on SIGTERM", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model.json]
    timeout: 6s
    metrics: { primary: mae, direction: minimize }
    promote: {}
    checks:
      - { name: slow eval, command: "trap 'exit 0' TERM; touch build/eval-started; sleep 120 & wait", blocking: true }
`,
      {
        "train.sh": `mkdir -p build
printf '{}' > build/model.json
echo '{"mae": 1}' > "$KILN_METRICS"
`,
      },
    );
    const run = await runEngine(dir);
    expect(existsSync(path.join(dir, "build/eval-started"))).toBe(true);
    expect(run.outcome("model")).toMatchObject({ outcome: "failed" });
    const ledger = await ledgerOf(run.workspace, "model");
    expect(ledger.records).toEqual([]);
    expect(ledger.failures.at(-1)?.checks?.map((c) => [c.name, c.passed, c.message])).toEqual([
      ["slow eval", false, "timed out after 6 s"],
    ]);
  });

  it("a run cancelled while a check command runs is cancelled: no version, no failed check, nothing to alert", async () => {
    for (const blocking of [true, false]) {
      const dir = modelRepo({
        checks: `      - { name: slow eval, command: 'touch check-started; sleep 60', blocking: ${blocking} }\n`,
      });
      const controller = new AbortController();
      // Cancelled once the check command has surely started, whatever the load.
      const started = path.join(dir, "check-started");
      const watch = (async () => {
        while (!existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort();
      })();
      const run = await runEngine(dir, { signal: controller.signal });
      await watch;
      expect(run.outcome("model"), `blocking: ${blocking}`).toMatchObject({ outcome: "cancelled" });
      const { records, failures } = await ledgerOf(run.workspace, "model");
      expect(records, `blocking: ${blocking}`).toEqual([]);
      expect(
        failures.map((f) => [f.status, f.error]),
        `blocking: ${blocking}`,
      ).toEqual([["cancelled", "cancelled"]]);
    }
  });

  it("a failed blocking check fails the run: a failure record with every verdict, no version, no promotion", async () => {
    const dir = modelRepo({
      promote: true,
      mae: 81.5,
      checks: `      - { metric: "mae < 70", blocking: true }
      - { output: build/model.json }
      - { name: smoke test, command: 'echo "loading model"; echo "shape mismatch" >&2; exit 1', blocking: true }
`,
    });
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({
      outcome: "failed",
      detail:
        "blocking check failed: mae < 70 (mae = 81.5 not < 70); smoke test (exit code 1: loading model / shape mismatch)",
    });
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.metrics).toEqual({ mae: 81.5, rmse: 4 });
    expect(failures[0]!.checks.map((c) => [c.name, c.passed])).toEqual([
      ["mae < 70", false],
      ["build/model.json exists", true],
      ["smoke test", false],
    ]);
    expect(aliasHolders(await run.workspace.ledger.aliasHistory("model")).get("champion")).toBeUndefined();
    // The check command's output is in the step's log, after the step's own.
    expect(readFileSync(run.outcome("model")!.logFile!, "utf8")).toBe("loading model\nshape mismatch\n");
  });

  it("a version whose blocking checks pass is promoted; a metric that is not a number fails its check", async () => {
    const dir = modelRepo({
      promote: true,
      checks: `      - { metric: "mae < 70", blocking: true }
`,
    });
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v1; champion → v1" });
    expect(aliasHolders(await run.workspace.ledger.aliasHistory("model")).get("champion")).toBe(1);

    const diverged = engineRepo(`version: 1
assets:
  model:
    run: 'echo "{\\"mae\\": NaN}" > "$KILN_METRICS"'
    metrics: { primary: mae, direction: minimize }
    checks:
      - { metric: "mae < 70" }
`);
    const second = await runEngine(diverged);
    const [record] = (await ledgerOf(second.workspace, "model")).records;
    expect(record!.notFinite).toEqual({ mae: "NaN" });
    expect(record!.checks[0]).toMatchObject({ passed: false, message: "metric mae is NaN, not a number" });
  });
});

describe("metric checks on the names steps report", () => {
  it("reads everything before the operator as the metric's name: val/loss, ndcg@10, top 5 accuracy", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    metrics: { primary: val/loss, direction: minimize, directions: { ndcg@10: maximize } }
    promote: { metric: ndcg@10 }
    checks:
      - { metric: "val/loss < 1", blocking: true }
      - { metric: "ndcg@10>0.5" }
      - { metric: " top 5 accuracy >= 0.9 " }
`,
      { "train.sh": `echo '{"val/loss": 0.75, "ndcg@10": 0.25, "top 5 accuracy": 0.9}' > "$KILN_METRICS"\n` },
    );
    const run = await runEngine(dir);
    expect(run.outcome("model")).toMatchObject({ outcome: "success", detail: "v1; champion → v1" });
    const [record] = (await ledgerOf(run.workspace, "model")).records;
    expect(record!.checks.map((c) => [c.name, c.passed, c.message])).toEqual([
      ["val/loss < 1", true, "val/loss = 0.75 < 1"],
      ["ndcg@10>0.5", false, "ndcg@10 = 0.25 not > 0.5"],
      [" top 5 accuracy >= 0.9 ", true, "top 5 accuracy = 0.9 >= 0.9"],
    ]);
  });
});

describe("an output check on a folder", () => {
  it("fails on a folder that holds no file, even with empty subfolders; passes once a file is in it", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kiln-check-folder-"));
    mkdirSync(path.join(root, "out/model/sub/deeper"), { recursive: true });
    const env = { root, metrics: {}, runCommand: async () => ({ code: 0, tail: "" }) };
    const spec = { kind: "output", name: "out/model exists", blocking: true, path: "out/model" } as const;
    const [empty] = await runChecks([spec], env);
    expect(empty).toMatchObject({ passed: false, message: "out/model is an empty folder" });

    writeFileSync(path.join(root, "out/model/sub/deeper/weights.bin"), "12345");
    writeFileSync(path.join(root, "out/model/card.md"), "abc");
    const [full] = await runChecks([spec], env);
    expect(full).toMatchObject({ passed: true, message: "out/model exists (2 files, 8 bytes)" });
  });
});

describe("a json-schema output check on a folder", () => {
  it("fails the materialization saying the check needs a file, and names a JSON file inside to point at", async () => {
    const dir = engineRepo(
      `version: 1
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model]
    checks:
      - { output: build/model, json-schema: model.schema.json, blocking: true }
`,
      {
        "train.sh": `mkdir -p build/model/meta
printf '%s' '{"weights": [1, 2]}' > build/model/meta/weights.json
printf 'abc' > build/model/card.md
`,
        "model.schema.json": SCHEMA,
      },
    );
    const run = await runEngine(dir);
    const message =
      "build/model is a folder, and a json-schema check reads one JSON file: point the check's output at a file inside it, such as build/model/meta/weights.json";
    expect(run.outcome("model")).toMatchObject({
      outcome: "failed",
      detail: `blocking check failed: build/model matches model.schema.json (${message})`,
    });
    const { records, failures } = await ledgerOf(run.workspace, "model");
    expect(records).toEqual([]);
    expect(failures[0]!.checks).toEqual([expect.objectContaining({ passed: false, message })]);
  });

  it("without a JSON file inside, says to point the check at a file", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "kiln-check-folder-"));
    mkdirSync(path.join(root, "out/model"), { recursive: true });
    writeFileSync(path.join(root, "out/model/weights.bin"), "12345");
    writeFileSync(path.join(root, "model.schema.json"), SCHEMA);
    const env = { root, metrics: {}, runCommand: async () => ({ code: 0, tail: "" }) };
    const spec = {
      kind: "output",
      name: "out/model matches model.schema.json",
      blocking: true,
      path: "out/model",
      jsonSchema: "model.schema.json",
    } as const;
    const [checked] = await runChecks([spec], env);
    expect(checked).toMatchObject({
      passed: false,
      message:
        "out/model is a folder, and a json-schema check reads one JSON file: point the check's output at a file inside it",
    });
    // As the message says: a check on a file inside the folder validates it.
    writeFileSync(path.join(root, "out/model/config.json"), JSON.stringify({ weights: [1] }));
    const [inside] = await runChecks([{ ...spec, path: "out/model/config.json" }], env);
    expect(inside).toMatchObject({
      passed: true,
      message: "out/model/config.json matches model.schema.json",
    });
  });
});

describe("a json-schema output check reads the schema's own draft", () => {
  const cases: [string, Record<string, unknown>, unknown, string][] = [
    [
      // draft-07's tuple `items` (an array), which 2020-12 spells `prefixItems`.
      "draft-07",
      {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "array",
        items: [{ type: "number" }, { type: "string" }],
        additionalItems: false,
      },
      [1, 2],
      "build/model.json does not match x.schema.json: /1 must be string",
    ],
    [
      "draft-06",
      {
        $schema: "http://json-schema.org/draft-06/schema#",
        type: "object",
        properties: { rows: { type: "integer", exclusiveMinimum: 0 } },
      },
      { rows: 0 },
      "build/model.json does not match x.schema.json: /rows must be > 0",
    ],
    [
      "2019-09",
      {
        $schema: "https://json-schema.org/draft/2019-09/schema",
        type: "object",
        dependentRequired: { rows: ["columns"] },
      },
      { rows: 1 },
      "build/model.json does not match x.schema.json: / must have property columns when property rows is present",
    ],
    [
      "2020-12",
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        prefixItems: [{ type: "number" }],
        items: false,
      },
      [1, 2],
      "build/model.json does not match x.schema.json: / must NOT have more than 1 items",
    ],
  ];

  async function check(schema: Record<string, unknown>, data: unknown) {
    const root = mkdtempSync(path.join(os.tmpdir(), "kiln-check-draft-"));
    mkdirSync(path.join(root, "build"));
    writeFileSync(path.join(root, "build/model.json"), JSON.stringify(data));
    writeFileSync(path.join(root, "x.schema.json"), JSON.stringify(schema));
    const env = { root, metrics: {}, runCommand: async () => ({ code: 0, tail: "" }) };
    const spec = {
      kind: "output",
      name: "model",
      blocking: true,
      path: "build/model.json",
      jsonSchema: "x.schema.json",
    } as const;
    const [result] = await runChecks([spec], env);
    return result!;
  }

  for (const [draft, schema, bad, message] of cases) {
    it(`validates with ${draft} when $schema names it`, async () => {
      expect(await check(schema, bad)).toMatchObject({ passed: false, message });
      const good =
        draft === "draft-07"
          ? [1, "a"]
          : draft === "draft-06"
            ? { rows: 2 }
            : draft === "2019-09"
              ? { rows: 1, columns: 2 }
              : [1];
      expect(await check(schema, good)).toMatchObject({
        passed: true,
        message: "build/model.json matches x.schema.json",
      });
    });
  }

  it("takes https and a missing # for draft-07, and 2020-12 without $schema", async () => {
    const tuple = { type: "array", items: [{ type: "number" }], additionalItems: false };
    expect(
      await check({ $schema: "https://json-schema.org/draft-07/schema", ...tuple }, [1, 2]),
    ).toMatchObject({
      passed: false,
    });
    expect(await check({ $schema: "https://json-schema.org/draft-07/schema", ...tuple }, [1])).toMatchObject({
      passed: true,
    });
    expect(await check({ prefixItems: [{ type: "number" }], items: false }, [1, 2])).toMatchObject({
      passed: false,
      message: "build/model.json does not match x.schema.json: / must NOT have more than 1 items",
    });
  });

  describe("asserts `format` (date-time, email, uri…), printing nothing of its own", () => {
    // ajv without ajv-formats ignores `format` and says so with console.warn: a blocking check
    // passed "last tuesday" as a date-time, and the run's log carried ajv's raw line.
    let printed: ReturnType<typeof vi.spyOn>[] = [];
    beforeEach(() => {
      printed = (["log", "warn", "error"] as const).map((level) =>
        vi.spyOn(console, level).mockImplementation(() => undefined),
      );
    });
    afterEach(() => {
      const calls = printed.flatMap((spy) => spy.mock.calls);
      for (const spy of printed) spy.mockRestore();
      expect(calls).toEqual([]);
    });
    const schemaOf = (draft: string, format: string) => ({
      $schema: draft,
      type: "object",
      properties: { value: { type: "string", format } },
    });
    const drafts = [
      "http://json-schema.org/draft-07/schema#",
      "http://json-schema.org/draft-06/schema#",
      "https://json-schema.org/draft/2019-09/schema",
      "https://json-schema.org/draft/2020-12/schema",
    ];

    it.each(drafts)("in %s", async (draft) => {
      expect(await check(schemaOf(draft, "date-time"), { value: "last tuesday" })).toMatchObject({
        passed: false,
        message: 'build/model.json does not match x.schema.json: /value must match format "date-time"',
      });
      expect(await check(schemaOf(draft, "date-time"), { value: "2026-11-25T01:47:00Z" })).toMatchObject({
        passed: true,
        message: "build/model.json matches x.schema.json",
      });
      expect(await check(schemaOf(draft, "email"), { value: "not an address" })).toMatchObject({
        passed: false,
        message: 'build/model.json does not match x.schema.json: /value must match format "email"',
      });
    });

    it("passes a format it does not know, saying it was not asserted", async () => {
      expect(await check(schemaOf(drafts[3]!, "semver"), { value: "anything" })).toMatchObject({
        passed: true,
        message:
          'build/model.json matches x.schema.json; format "semver" is not one Kiln knows, so it was not asserted',
      });
    });
  });

  it("says which drafts it reads for draft-04 or an unknown $schema, instead of ajv's missing-ref error", async () => {
    expect(
      await check({ $schema: "http://json-schema.org/draft-04/schema#", type: "object" }, {}),
    ).toMatchObject({
      passed: false,
      message:
        'x.schema.json declares $schema "http://json-schema.org/draft-04/schema#" (draft-04), which Kiln does not read: use draft-07, 2019-09 or 2020-12',
    });
    expect(await check({ $schema: "https://example.com/my-meta", type: "object" }, {})).toMatchObject({
      passed: false,
      message:
        'x.schema.json declares $schema "https://example.com/my-meta", which Kiln does not read: use draft-07, 2019-09 or 2020-12',
    });
  });
});
