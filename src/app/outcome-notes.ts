// What the user must not miss about a finished asset, beyond its one-line result: warnings (NaN
// metrics), failed non-blocking checks, a primary metric the step never wrote, and the promotion
// decision with its reason. The terminal summary prints these under the table.
import type { AssetSpec } from "../manifest/project.js";
import { unreportedMetric } from "../manifest/suggest.js";
import type { AssetOutcome } from "../run/executor.js";

export function outcomeNotes(outcome: AssetOutcome, asset: AssetSpec | undefined): string[] {
  const record = outcome.record ?? outcome.failure;
  if (!record) return [];
  const notes = (record.warnings ?? []).map((warning) => `⚠ ${warning}`);
  for (const check of record.checks) {
    if (!check.passed && !check.blocking)
      notes.push(`✗ check ${check.name} failed (not blocking): ${check.message}`);
  }
  if (outcome.outcome !== "success") return notes;
  const primary = asset?.metrics?.primary;
  const promotion = outcome.promotion;
  if (promotion) {
    const { verdict, moved, from, to } = promotion;
    notes.push(
      moved
        ? `★ ${verdict.alias} → v${to}: ${verdict.reason}`
        : `${verdict.alias} ${from === null ? "not assigned" : `stays on v${from}`}: ${verdict.reason}`,
    );
  } else if (primary && record.metrics[primary] === undefined && !record.notFinite?.[primary]) {
    // Without promotion nothing else would say it; with it, the promotion reason does.
    notes.push(`⚠ primary ${unreportedMetric(primary, Object.keys(record.metrics))}`);
  }
  return notes;
}
