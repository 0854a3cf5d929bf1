// The step protocol as steps really write it: Python's json.dump NaN tokens, and the helpers Kiln
// ships for Python (helpers/kiln.py, `import kiln`) and JavaScript (`kiln-ml/step`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Rig } from "./rig.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const hasPython = spawnSync("python3", ["--version"]).status === 0;
if (!hasPython && process.env.CI === "true") throw new Error("CI=true but python3 is not on PATH");

function manifest(run: string, code: string): string {
  return `version: 1
assets:
  model:
    code: [${code}]
    config: { epochs: 3, rate: 0.5 }
    run: ${run}
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    checks:
      - { metric: "loss < 1" }
    promote: { min-delta: 0.1 }
`;
}

/** The table rows `kiln run` prints: every line between the ─── rule and the first blank line. */
function tableRows(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith("─"));
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end);
}

describe("the step protocol", () => {
  it("a NaN in metrics and series does not fail a finished run: it is recorded and reported", async () => {
    const rig = new Rig({
      "kiln.yml": manifest("node train.mjs", "train.mjs"),
      ".gitignore": "build/\n",
      // What Python's json.dump writes for a diverged loss (no helper involved).
      "train.mjs": `import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", "{}");
appendFileSync(process.env.KILN_SERIES, '{"step": 1, "loss": 0.5}\\n{"step": 2, "loss": NaN}\\n');
writeFileSync(process.env.KILN_METRICS, '{"mae": 3.5, "loss": NaN}\\n');
`,
    });
    rig.commit();
    const run = await rig.kiln("run");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(tableRows(run.stdout)).toEqual([expect.stringMatching(/^model\s+success\s+.*v1; champion → v1$/)]);
    expect(run.stdout).toContain("model: ⚠ metric loss is NaN: recorded as not-a-number");
    expect(run.stdout).toContain("model: ⚠ series loss is NaN at 1 point from step 2: left out of charts");
    expect(run.stdout).toContain(
      "model: ✗ check loss < 1 failed (not blocking): metric loss is NaN, not a number",
    );
    expect(await rig.json("show", "model", "--json")).toMatchObject({
      metrics: { mae: 3.5 },
      notFinite: { loss: "NaN" },
      series: [{ step: 1, loss: 0.5 }, { step: 2 }],
    });
  });

  it.skipIf(!hasPython)(
    "`import kiln` works in a Python step: config, series, metrics, output_path",
    async () => {
      const rig = new Rig({
        "kiln.yml": manifest("python3 train.py", "train.py"),
        ".gitignore": "build/\n",
        "train.py": `import json
import kiln

settings = kiln.config()
for epoch in range(1, settings["epochs"] + 1):
    kiln.log_series(epoch, loss=settings["rate"] / epoch)
kiln.log_metrics(mae=2.5)
kiln.log_metrics(loss=float("nan"))
with open(kiln.output_path("build/model.json"), "w") as handle:
    json.dump({"rate": settings["rate"]}, handle)
`,
      });
      rig.commit();
      const run = await rig.kiln("run", "-v");
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain("kiln: warning: metric 'loss' is nan; recorded as not-a-number");
      expect(run.stdout).toContain("model: ⚠ metric loss is NaN");
      expect(rig.read("build/model.json")).toBe('{"rate": 0.5}');
      expect(await rig.json("show", "model", "--json")).toMatchObject({
        metrics: { mae: 2.5 },
        notFinite: { loss: "NaN" },
        series: [
          { step: 1, loss: 0.5 },
          { step: 2, loss: 0.25 },
          { step: 3, loss: 0.5 / 3 },
        ],
      });
    },
  );

  it("`kiln-ml/step` works in a JavaScript step, NaN included", async () => {
    const rig = new Rig({
      "kiln.yml": manifest("node train.mjs", "train.mjs"),
      ".gitignore": "build/\nnode_modules/\n",
      "train.mjs": `import { writeFileSync } from "node:fs";
import { config, logMetrics, logSeries, outputPath } from "kiln-ml/step";
const { epochs, rate } = config();
for (let epoch = 1; epoch <= epochs; epoch++) logSeries(epoch, { loss: rate / epoch, grad: epoch === 3 ? Infinity : 1 });
logMetrics({ mae: 2.5 });
logMetrics({ loss: Number.NaN });
writeFileSync(outputPath("build/model.json"), JSON.stringify({ rate }));
`,
    });
    // As after \`npm install --save-dev kiln-ml\`.
    mkdirSync(path.join(rig.dir, "node_modules"));
    symlinkSync(ROOT, path.join(rig.dir, "node_modules/kiln-ml"));
    rig.commit();
    const run = await rig.kiln("run");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("model: ⚠ metric loss is NaN");
    expect(run.stdout).toContain("model: ⚠ series grad is Infinity at 1 point from step 3");
    expect(rig.read("build/model.json")).toBe('{"rate":0.5}');
    const shown = await rig.json("show", "model", "--json");
    expect(shown).toMatchObject({
      metrics: { mae: 2.5 },
      notFinite: { loss: "NaN" },
      series: [
        { step: 1, loss: 0.5, grad: 1 },
        { step: 2, loss: 0.25, grad: 1 },
        { step: 3, loss: 0.5 / 3 },
      ],
    });
  });

  it("Actions logs show a running step's training progress while it trains", async () => {
    // The step logs epoch 1, then waits until the test has seen it in the live log: no timing.
    const rig = new Rig({
      "kiln.yml": manifest("node train.mjs", "train.mjs"),
      ".gitignore": "build/\n",
      "train.mjs": `import { appendFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
appendFileSync(process.env.KILN_SERIES, JSON.stringify({ step: 1, loss: 0.5, mae: 4.25 }) + "\\n");
console.log("epoch 1 done");
const wait = () => (existsSync("go") ? finish() : setTimeout(wait, 20));
function finish() {
  mkdirSync("build", { recursive: true });
  writeFileSync("build/model.json", "{}");
  writeFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: 4, loss: 0.4 }));
}
wait();
`,
    });
    rig.commit();
    const started = await rig.start(["run", "--ledger", "local"], { GITHUB_ACTIONS: "true" });
    // The live line arrives while the step still waits for "go": the protocol streams, not at the end.
    await started.printed("  model · epoch 1/3 · mae 4.25 · loss 0.5\n");
    writeFileSync(path.join(rig.dir, "go"), "");
    const result = await started.result;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const log = result.stdout;
    expect(log.indexOf("  model · epoch 1/3 · mae 4.25 · loss 0.5\n")).toBeGreaterThan(
      log.indexOf("▶ model: running"),
    );
    expect(log.indexOf("  model · epoch 1/3")).toBeLessThan(log.indexOf("::group::✓ model: success"));
  });
});

describe("the step helpers and a step that is not a finite number", () => {
  // The helpers alone, as a step calls them: a series point needs a real step to be drawn at, so a
  // NaN step is the script's bug, raised where it happens, never a line that later fails the run.
  const helpers = path.join(ROOT, "helpers");
  function call(command: string, args: string[]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-helper-"));
    const series = path.join(dir, "series.jsonl");
    const env = { ...process.env, KILN_SERIES: series, PYTHONPATH: helpers };
    const result = spawnSync(command, args, { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
    return { ...result, series: existsSync(series) ? readFileSync(series, "utf8") : "" };
  }

  it.each(["Number.NaN", "Infinity"])("logSeries(%s, …) throws a TypeError and records nothing", (step) => {
    const result = call(process.execPath, [
      "--input-type=module",
      "-e",
      `import { logSeries } from ${JSON.stringify(path.join(helpers, "kiln.mjs"))};
logSeries(1, { loss: 2 });
try { logSeries(${step}, { loss: 1 }); } catch (error) { console.log(error.name + ": " + error.message); process.exit(3); }`,
    ]);
    expect(result.status, result.stderr).toBe(3);
    expect(result.stdout).toBe(
      `TypeError: kiln: series step must be a finite number, not ${step === "Infinity" ? "Infinity" : "NaN"}\n`,
    );
    expect(result.stderr).not.toContain("recorded as not-a-number");
    expect(result.series).toBe('{"step": 1, "loss": 2}\n');
  });

  it.each(['float("nan")', 'float("-inf")'])(
    "kiln.log_series(%s, …) raises a ValueError and records nothing",
    (step) => {
      const result = call("/usr/bin/python3", [
        "-c",
        `import kiln
kiln.log_series(1, loss=2)
try:
    kiln.log_series(${step}, loss=1)
except ValueError as error:
    print(f"ValueError: {error}")
    raise SystemExit(3)`,
      ]);
      expect(result.status, result.stderr).toBe(3);
      expect(result.stdout).toBe(
        `ValueError: kiln: series step must be a finite number, not ${step.includes("nan") ? "nan" : "-inf"}\n`,
      );
      expect(result.stderr).not.toContain("recorded as not-a-number");
      expect(result.series).toBe('{"step": 1, "loss": 2.0}\n');
    },
  );
});
