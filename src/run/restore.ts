// Puts recorded outputs back into the workspace from the store: a dependency's outputs before a
// step runs, a fresh asset's outputs that are absent, or `kiln pull model@champion`.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { MaterializationRecord } from "../domain/records.js";
import type { Store } from "../store/types.js";
import { blobIdOfFile } from "../version/blob.js";

export type RestoreResult = { ok: true; restored: string[] } | { ok: false; error: string };

export interface RestoreOptions {
  /** Compare content by blob id (true) or trust a file of the recorded size (false, cheaper). */
  verify?: boolean;
}

async function upToDate(
  file: string,
  expected: { blob: string; size: number },
  verify: boolean,
): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size !== expected.size) return false;
  } catch {
    return false;
  }
  return verify ? (await blobIdOfFile(file)) === expected.blob : true;
}

export async function restoreOutputs(
  root: string,
  records: readonly MaterializationRecord[],
  store: Store,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const restored: string[] = [];
  for (const record of records) {
    for (const [file, output] of Object.entries(record.outputs)) {
      const absolute = path.resolve(root, file);
      if (await upToDate(absolute, output, options.verify ?? true)) continue;
      if (!(await store.get(output.blob, absolute))) {
        return {
          ok: false,
          error: `output ${file} of ${record.asset} v${record.version} is not in ${store.description}; rebuild it with \`kiln run ${record.asset} --force\``,
        };
      }
      restored.push(file);
    }
  }
  return { ok: true, restored };
}
