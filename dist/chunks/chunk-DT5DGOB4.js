import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/run/restore.ts
async function restoreOutputs(root, records, stores) {
  const restored = [];
  const from = [];
  for (const record of records) {
    const result = await stores.restore(root, record);
    if (!result.ok) return result;
    restored.push(...result.restored);
    if (result.from && !from.includes(result.from.description)) from.push(result.from.description);
  }
  return { ok: true, restored, from };
}
async function restoreFreshAssets(root, records, stores) {
  const results = [];
  for (const record of records) {
    if (stores.inPlaceNow(root, record)) {
      results.push({ asset: record.asset, version: record.version, restored: [], from: [] });
      continue;
    }
    const result = await stores.restore(root, record);
    results.push(
      result.ok ? {
        asset: record.asset,
        version: record.version,
        restored: result.restored,
        from: result.from ? [result.from.description] : []
      } : { asset: record.asset, version: record.version, restored: [], from: [], error: result.error }
    );
  }
  return results;
}

export {
  restoreOutputs,
  restoreFreshAssets
};
