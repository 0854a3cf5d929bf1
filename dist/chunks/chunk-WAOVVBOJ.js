import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/run-attempt.ts
function runAttemptOf(env) {
  const attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : void 0;
}
function attemptOf(context) {
  const attempt = context?.runAttempt;
  return typeof attempt === "number" && Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}
function outcomeInRun(heads, failures, run) {
  let best;
  let bestAt = "";
  const consider = (candidate, context, finishedAt) => {
    if (context?.runId !== run) return;
    if (best && (candidate.attempt < best.attempt || candidate.attempt === best.attempt && finishedAt < bestAt))
      return;
    best = candidate;
    bestAt = finishedAt;
  };
  for (const head of heads)
    consider({ kind: "success", attempt: attemptOf(head.context), head }, head.context, head.finishedAt);
  for (const failure of failures)
    consider(
      { kind: "failure", attempt: attemptOf(failure.context), failure },
      failure.context,
      failure.finishedAt
    );
  return best;
}

export {
  runAttemptOf,
  attemptOf,
  outcomeInRun
};
