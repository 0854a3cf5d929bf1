// Kiln's step helper for JavaScript: the step protocol in four functions, no dependencies.
// Import it as "kiln-ml/step" (the package's export) from a step that Kiln runs:
//
//   import { config, logMetrics, logSeries, outputPath } from "kiln-ml/step";
//   const { epochs = 10 } = config();                  // the asset's resolved config (KILN_CONFIG)
//   logSeries(epoch, { train_loss: 0.4, val_loss: 0.5 }); // one point per epoch (KILN_SERIES)
//   logMetrics({ val_mae: 2.51 });                      // final metrics (KILN_METRICS)
//   writeFileSync(outputPath("build/model.json"), ...); // parent folders are created
//
// Outside Kiln the functions still work: config() is empty, metrics and series are printed.
// A value that is not a finite number (NaN, Infinity) is recorded as not-a-number, with a warning,
// instead of JSON.stringify's silent null; a series step that is not one is an error (TypeError).
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The asset's resolved run config (environment overrides applied). */
export function config() {
  const file = process.env.KILN_CONFIG;
  if (!file) return {};
  return JSON.parse(readFileSync(file, "utf8"));
}

function number(kind, name, value) {
  const result = typeof value === "bigint" || typeof value === "boolean" ? Number(value) : value;
  if (typeof result !== "number") {
    throw new TypeError(`kiln: ${kind} "${name}" must be a number, not ${JSON.stringify(value)}`);
  }
  if (!Number.isFinite(result)) {
    process.stderr.write(`kiln: warning: ${kind} "${name}" is ${result}; recorded as not-a-number\n`);
  }
  return result;
}

/** JSON with NaN/Infinity tokens (as Python writes them), which Kiln reads and reports. */
function serialize(values) {
  const fields = Object.entries(values).map(
    ([name, value]) => `${JSON.stringify(name)}: ${Number.isFinite(value) ? JSON.stringify(value) : String(value)}`,
  );
  return `{${fields.join(", ")}}`;
}

function readMetrics(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw error;
  }
  if (!text.trim()) return {};
  // Earlier calls may have written NaN tokens: read them back as numbers.
  return JSON.parse(text.replace(/(-?Infinity|NaN)(?=\s*[,}])/g, '"$1"'), (_key, value) =>
    value === "NaN" || value === "Infinity" || value === "-Infinity" ? Number(value) : value,
  );
}

/** Records final metrics, e.g. logMetrics({ mae: 61.2, r2: 0.43 }); later calls add or replace. */
export function logMetrics(metrics) {
  const values = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, number("metric", k, v)]));
  const file = process.env.KILN_METRICS;
  if (!file) {
    console.log(`metrics: ${serialize(values)}`);
    return;
  }
  // Write beside and rename: Kiln never reads a half-written file, even if the step is killed.
  writeFileSync(`${file}.partial`, serialize({ ...readMetrics(file), ...values }));
  renameSync(`${file}.partial`, file);
}

/**
 * Appends one point of a per-epoch series, e.g. logSeries(3, { train_loss: 0.41 }). The step must
 * be a finite number: a point is drawn at its step, and Kiln refuses a series line without one.
 */
export function logSeries(step, values) {
  const at = typeof step === "bigint" || typeof step === "boolean" ? Number(step) : step;
  if (typeof at !== "number" || !Number.isFinite(at)) {
    throw new TypeError(
      `kiln: series step must be a finite number, not ${typeof at === "number" ? at : JSON.stringify(step)}`,
    );
  }
  const point = { step: at };
  for (const [name, value] of Object.entries(values)) point[name] = number("series", name, value);
  const line = `${serialize(point)}\n`;
  const file = process.env.KILN_SERIES;
  if (!file) {
    process.stdout.write(`series: ${line}`);
    return;
  }
  appendFileSync(file, line);
}

/** The path to write the declared output `name` to (relative to the manifest's folder). */
export function outputPath(name) {
  const file = path.resolve(process.env.KILN_ROOT || process.cwd(), name);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
