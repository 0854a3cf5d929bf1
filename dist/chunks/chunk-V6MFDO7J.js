import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  minuteTime
} from "./chunk-YCJ7GVD5.js";
import {
  backoffDelay
} from "./chunk-NIANUAGP.js";

// src/automation/handled.ts
var MAX_BACKOFF_MS = 7 * 864e5;
function retryAt(at, failures, retryFailedMs) {
  if (retryFailedMs === void 0) return void 0;
  const wait = backoffDelay(failures, retryFailedMs, Math.max(retryFailedMs, MAX_BACKOFF_MS));
  return new Date(at.getTime() + wait);
}
function failureHolds(failure, now) {
  if (!failure) return false;
  return failure.retryAt === void 0 || now < failure.retryAt;
}
function notRetriedMessage(asset, failure) {
  const retry = failure.retryAt ? `; retry-failed retries it after ${minuteTime(failure.retryAt)}` : "";
  return `${asset} failed at this version on ${minuteTime(failure.at)} (${failure.error}); not retried automatically${retry} \u2014 \`kiln run ${asset}\` retries`;
}
function handledFailureFact(failure, now) {
  if (failureHolds(failure, now))
    return `failed at this version on ${minuteTime(failure.at)}: handled, not retried`;
  return `failed at this version on ${minuteTime(failure.at)}: retry-failed is due (${minuteTime(failure.retryAt)})`;
}
function repeatsEarlierFailure(failure, failures, materializations) {
  if (failure.logicalVersion === "") return false;
  const lastSuccess = materializations.map((m) => m.finishedAt).filter((at) => at < failure.startedAt).sort().at(-1);
  return failures.some(
    (f) => f.startedAt !== failure.startedAt && f.status === "failed" && f.logicalVersion === failure.logicalVersion && f.finishedAt <= failure.startedAt && (lastSuccess === void 0 || f.finishedAt > lastSuccess)
  );
}

export {
  retryAt,
  failureHolds,
  notRetriedMessage,
  handledFailureFact,
  repeatsEarlierFailure
};
