import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/backoff.ts
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
