// Exponential backoff, the one formula Kiln waits by between attempts: the ledger branch's fetch
// and push retries (src/ledger/branch.ts) and `retry-failed` between automatic retries of a failed
// asset (src/automation/handled.ts). Octokit's requests wait by its own plugins (github/client.ts).

/** The wait before retry `retry` (1 = the first): `baseMs`, doubled for each retry after it, at most `maxMs`. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number): number {
  // The exponent is bounded so a long run of retries stays a finite number (2 ** 1024 is Infinity).
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, retry - 1), 52));
}

/**
 * A wait spread over half to one and a half times `ms`: writers that collided (two runs pushing
 * the ledger at once) retry at different moments instead of colliding again in step.
 */
export function jittered(ms: number, random: () => number = Math.random): number {
  return ms * (0.5 + random());
}
