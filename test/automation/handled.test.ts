// The rules of "handled": when a failure holds, when retry-failed lets a tick try again, and which
// failures are repeats that were alerted already.
import { describe, expect, it } from "vitest";
import { failureHolds, repeatsEarlierFailure, retryAt } from "../../src/automation/handled.js";

const at = (iso: string) => new Date(iso);

describe("retry-failed", () => {
  it("waits the base time after the first failure, doubling after each further one, at most 7 days", () => {
    const base = 6 * 3_600_000;
    expect(retryAt(at("2026-11-23T00:00:00Z"), 1, base)?.toISOString()).toBe("2026-11-23T06:00:00.000Z");
    expect(retryAt(at("2026-11-23T00:00:00Z"), 2, base)?.toISOString()).toBe("2026-11-23T12:00:00.000Z");
    expect(retryAt(at("2026-11-23T00:00:00Z"), 3, base)?.toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(retryAt(at("2026-11-23T00:00:00Z"), 20, base)?.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(retryAt(at("2026-11-23T00:00:00Z"), 1, undefined)).toBeUndefined();
  });

  it("holds a failure until the retry is due, and forever without a policy", () => {
    const failure = { at: at("2026-11-23T00:00:00Z"), failures: 1, error: "boom" };
    expect(failureHolds(failure, at("2030-01-01T00:00:00Z"))).toBe(true);
    const retrying = { ...failure, retryAt: at("2026-11-23T06:00:00Z") };
    expect(failureHolds(retrying, at("2026-11-23T05:59:59Z"))).toBe(true);
    expect(failureHolds(retrying, at("2026-11-23T06:00:00Z"))).toBe(false);
    expect(failureHolds(undefined, at("2026-11-23T06:00:00Z"))).toBe(false);
  });
});

describe("repeated failures", () => {
  const attempt = (lv: string, start: string, status = "failed") => ({
    logicalVersion: lv,
    status,
    startedAt: `2026-11-23T${start}:00.000Z`,
    finishedAt: `2026-11-23T${start}:30.000Z`,
  });

  it("a failure at a version that failed before, with no success in between, repeats it", () => {
    const first = attempt("lv1", "10:00");
    const retry = attempt("lv1", "11:00");
    expect(repeatsEarlierFailure(first, [first], [])).toBe(false);
    expect(repeatsEarlierFailure(retry, [first, retry], [])).toBe(true);
    // Another version, a cancelled attempt, or a success in between: a new failure.
    expect(repeatsEarlierFailure(retry, [attempt("lv0", "10:00"), retry], [])).toBe(false);
    expect(repeatsEarlierFailure(retry, [attempt("lv1", "10:00", "cancelled"), retry], [])).toBe(false);
    expect(repeatsEarlierFailure(retry, [first, retry], [{ finishedAt: "2026-11-23T10:45:00.000Z" }])).toBe(
      false,
    );
  });

  it("a failure read back from the ledger is not a repeat of itself, even when it took no time", () => {
    // "secret X not set" fails within the millisecond it started; the report reads the failures
    // back from the ledger, so the one being alerted is a copy, never the same object.
    const instant = {
      logicalVersion: "lv1",
      status: "failed",
      startedAt: "2026-11-23T10:00:00.000Z",
      finishedAt: "2026-11-23T10:00:00.000Z",
    };
    expect(repeatsEarlierFailure(structuredClone(instant), [instant], [])).toBe(false);
    // Its retry, later, still repeats it.
    const retry = {
      ...instant,
      startedAt: "2026-11-23T11:00:00.000Z",
      finishedAt: "2026-11-23T11:00:00.000Z",
    };
    expect(repeatsEarlierFailure(structuredClone(retry), [instant, retry], [])).toBe(true);
  });

  it("a failure at no version (decided before the step ran) repeats nothing: it is alerted each time", () => {
    // An upstream that failed, or an input that was missing, fails the asset before its version is
    // known; two such failures may be at different code versions, so neither is taken for a retry.
    const first = attempt("", "10:00");
    const again = attempt("", "11:00");
    expect(repeatsEarlierFailure(again, [first, again], [])).toBe(false);
  });
});
