// One asset's data files besides its version chunks (version-chunks.ts): the version table
// (`versions.js`, made from the heads and what the chunks gave of each record) and what the next
// build checks (`build.json`). Versions whose record could not be read are left out of the pages.
import type { AssetSpec } from "../manifest/project.js";
import { type AssetHistory, type RowFacts, versionTable } from "./collect.js";
import { dataFile } from "./data-file.js";
import type { VersionTable } from "./data.js";
import type { ChunkResult } from "./version-chunks.js";

export interface AssetData {
  /** The history without versions whose record could not be read (reported by the ledger). */
  history: AssetHistory;
  table: VersionTable;
}

export async function writeAssetData(options: {
  asset: AssetSpec;
  /** `<project>/<asset>`. */
  key: string;
  history: AssetHistory;
  chunks: ChunkResult;
  repositoryUrl: string | undefined;
  write: (relative: string, content: string) => Promise<void>;
}): Promise<AssetData> {
  const { key, history, chunks } = options;
  const unreadable = new Set(chunks.unreadable);
  const shown: AssetHistory =
    unreadable.size === 0
      ? history
      : { ...history, heads: history.heads.filter((h) => !unreadable.has(h.version)) };
  const facts = new Map<number, RowFacts>(chunks.facts);
  const table = versionTable(options.asset, shown, key, facts, options.repositoryUrl);
  await Promise.all([
    options.write(`data/${key}/versions.js`, dataFile(`${key}/versions`, table)),
    options.write(`data/${key}/build.json`, `${JSON.stringify(chunks.build)}\n`),
  ]);
  return { history: shown, table };
}
