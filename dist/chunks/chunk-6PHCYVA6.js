import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/run/restore.ts
async function restoreOutputs(root, records, stores, options = {}) {
  const restored = [];
  const from = [];
  for (const record of records) {
    const result = await stores.restore(root, record, options);
    if (!result.ok) return result;
    restored.push(...result.restored);
    if (result.from && !from.includes(result.from.description)) from.push(result.from.description);
  }
  return { ok: true, restored, from };
}
async function restoreFreshAssets(root, records, stores, compareContent = /* @__PURE__ */ new Set()) {
  const results = [];
  for (const record of records) {
    const result = await stores.restore(root, record, { verify: compareContent.has(record.asset) });
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
