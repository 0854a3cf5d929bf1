import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/domain/backoff.ts
init_define_KILN_SITE_CLIENT();
function backoffDelay(retry, baseMs, maxMs) {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, retry - 1), 52));
}
function jittered(ms, random = Math.random) {
  return ms * (0.5 + random());
}

export {
  backoffDelay,
  jittered
};
