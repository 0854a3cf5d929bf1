// Reads what a step reported through the step protocol: KILN_METRICS (one JSON object of numbers)
// and KILN_SERIES (JSON lines with a numeric `step` and numbers). Bad files are errors that name
// the asset, the file and the line, so the author can fix the script without reading Kiln's code.
import { readFile } from "node:fs/promises";
import type { SeriesPoint } from "../domain/records.js";

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string };

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Metrics: `{"mae": 61.2, "r2": 0.43}`. A missing or empty file means no metrics. */
export async function readMetrics(asset: string, file: string): Promise<ReadResult<Record<string, number>>> {
  const text = await readOptional(file);
  if (text === undefined || text.trim() === "") return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `asset "${asset}" wrote invalid JSON to KILN_METRICS (${file}): ${(error as Error).message}`,
    };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return {
      ok: false,
      error: `asset "${asset}" must write one JSON object of numbers to KILN_METRICS (${file}), e.g. {"mae": 61.2}`,
    };
  }
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return {
        ok: false,
        error: `asset "${asset}" reported metric "${name}" = ${JSON.stringify(value)} in ${file}: metrics must be finite numbers`,
      };
    }
    metrics[name] = value;
  }
  return { ok: true, value: metrics };
}

/** Series: one JSON object per line, `{"step": 3, "train_loss": 0.41}`. Blank lines are ignored. */
export async function readSeries(asset: string, file: string): Promise<ReadResult<SeriesPoint[]>> {
  const text = await readOptional(file);
  if (text === undefined) return { ok: true, value: [] };
  const points: SeriesPoint[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const where = `${file}:${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return {
        ok: false,
        error: `asset "${asset}" wrote invalid JSON to KILN_SERIES at ${where}: ${(error as Error).message}`,
      };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return { ok: false, error: `asset "${asset}" wrote a non-object line to KILN_SERIES at ${where}` };
    }
    const record = parsed as Record<string, unknown>;
    if (typeof record.step !== "number" || !Number.isFinite(record.step)) {
      return {
        ok: false,
        error: `asset "${asset}" wrote a KILN_SERIES line without a numeric "step" at ${where}`,
      };
    }
    const point: SeriesPoint = { step: record.step };
    for (const [name, value] of Object.entries(record)) {
      if (name === "step") continue;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        return {
          ok: false,
          error: `asset "${asset}" wrote "${name}": ${JSON.stringify(value)} at ${where}: series values must be finite numbers`,
        };
      }
      point[name] = value;
    }
    points.push(point);
  }
  return { ok: true, value: points };
}
