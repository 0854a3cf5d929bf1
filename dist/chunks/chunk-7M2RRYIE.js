import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  aliasHolder
} from "./chunk-ND4BC56W.js";

// src/version/dependency-record.ts
async function dependencyRecord(request) {
  const { ledger, asset, dep, current } = request;
  const alias = asset.depAliases[dep];
  if (alias === void 0) {
    return current ? { ok: true, record: current } : { ok: false, reason: `dependency ${dep} has never been materialized` };
  }
  const holder = aliasHolder(await ledger.aliasHistory(dep), alias);
  if (holder === null) return { ok: false, reason: `dependency ${dep} has no ${alias} yet` };
  const record = await ledger.materialization(dep, holder);
  if (!record)
    return { ok: false, reason: `dependency ${dep}@${alias} names v${holder}, which has no record` };
  return { ok: true, record, alias };
}

export {
  dependencyRecord
};
