// The one backoff formula (src/domain/backoff.ts) that the ledger branch's fetch and push retries
// and `retry-failed` share: doubling from the base, capped, spread by jitter.
import { describe, expect, it } from "vitest";
import { retryAt } from "../../src/automation/handled.js";
import { backoffDelay, jittered } from "../../src/domain/backoff.js";

describe("backoffDelay", () => {
  it("starts at the base, doubles per retry and stays at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, 50, 2000))).toEqual([
      50, 100, 200, 400, 800, 1600, 2000, 2000,
    ]);
  });

  it("stays finite and at the cap after any number of retries, even from a base of zero", () => {
    expect(backoffDelay(5000, 50, 2000)).toBe(2000);
    expect(backoffDelay(5000, 0, 2000)).toBe(0);
    expect(backoffDelay(0, 50, 2000)).toBe(50);
  });
});

describe("jittered", () => {
  it("spreads a wait over half to one and a half times it", () => {
    expect(jittered(1000, () => 0)).toBe(500);
    expect(jittered(1000, () => 0.5)).toBe(1000);
    expect(jittered(1000, () => 0.999)).toBeCloseTo(1499, 0);
  });
});

describe("retry-failed waits by the same formula", () => {
  const at = new Date("2026-11-01T00:00:00Z");
  const hour = 3_600_000;

  it("waits the base after the first failure and doubles after each further one", () => {
    const waits = [1, 2, 3].map((failures) => retryAt(at, failures, hour)!.getTime() - at.getTime());
    expect(waits).toEqual([hour, 2 * hour, 4 * hour]);
  });

  it("never waits longer than a week between automatic retries, unless the base is longer", () => {
    const week = 7 * 24 * hour;
    expect(retryAt(at, 30, hour)!.getTime() - at.getTime()).toBe(week);
    expect(retryAt(at, 3, 2 * week)!.getTime() - at.getTime()).toBe(2 * week);
    expect(retryAt(at, 3, undefined)).toBeUndefined();
  });
});
