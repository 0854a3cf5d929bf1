// Promote-if-better (MLflow's aliases, the seed's "evaluate against the previous model"): a new
// version takes the alias only on a promoting branch, only when every blocking check passed, only
// when it clears the threshold, and only when it beats the current holder by the declared margin.
import { formatNumber } from "../report/format.js";
import type { PromoteSpec } from "../manifest/project.js";
import type { CheckResult, MaterializationRecord, NotFinite, PromotionVerdict } from "../domain/records.js";
import { unreportedMetric } from "../manifest/suggest.js";
import { blockingFailures } from "./checks.js";

export interface PromotionInput {
  spec: PromoteSpec;
  metrics: Record<string, number>;
  /** Metrics the step reported as NaN or ±Infinity: never eligible. */
  notFinite?: Record<string, NotFinite> | undefined;
  checks: readonly CheckResult[];
  /** The current alias holder, if any. */
  holder?: MaterializationRecord | undefined;
  /** Why promotion is not allowed in this run at all (src/app/environment.ts decides). */
  notAllowed?: string | undefined;
}

export function decidePromotion(input: PromotionInput): PromotionVerdict {
  const { spec, metrics, checks, holder } = input;
  const verdict = (promote: boolean, reason: string): PromotionVerdict => ({
    alias: spec.alias,
    promote,
    reason,
    against: holder?.version,
  });
  if (input.notAllowed) return { ...verdict(false, input.notAllowed), blocked: true };
  const failed = blockingFailures(checks);
  if (failed.length > 0)
    return verdict(false, `blocking check failed: ${failed.map((c) => c.name).join(", ")}`);
  const value = metrics[spec.metric];
  if (value === undefined) {
    const notFinite = input.notFinite?.[spec.metric];
    if (notFinite) return verdict(false, `metric ${spec.metric} is ${notFinite}, not a number`);
    return verdict(false, unreportedMetric(spec.metric, Object.keys(metrics)));
  }
  const minimize = spec.direction === "minimize";
  if (spec.threshold !== undefined) {
    const clears = minimize ? value <= spec.threshold : value >= spec.threshold;
    if (!clears) {
      return verdict(
        false,
        `${spec.metric} ${formatNumber(value, spec.threshold)} fails the threshold ${minimize ? "≤" : "≥"} ${formatNumber(spec.threshold)}`,
      );
    }
  }
  if (!holder) return verdict(true, `first version to qualify: becomes ${spec.alias}`);
  const current = holder.metrics[spec.metric];
  if (current === undefined) {
    return verdict(true, `${spec.alias} v${holder.version} has no ${spec.metric}: replaced`);
  }
  const gain = minimize ? current - value : value - current;
  const wanted: string[] = [];
  let required = 0;
  if (spec.minDelta !== undefined) {
    required = Math.max(required, spec.minDelta);
    wanted.push(`min-delta ${formatNumber(spec.minDelta)}`);
  }
  if (spec.minRelative !== undefined) {
    required = Math.max(required, spec.minRelative * Math.abs(current));
    wanted.push(`min-relative ${formatNumber(spec.minRelative * 100)}%`);
  }
  const against = `${spec.alias} v${holder.version} (${formatNumber(current, value)})`;
  const margin = wanted.length ? ` ≥ ${wanted.join(" and ")}` : "";
  if (gain > 0 && gain >= required) {
    return verdict(
      true,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by ${formatNumber(gain)}${margin}`,
    );
  }
  if (gain > 0) {
    return verdict(
      false,
      `${spec.metric} ${formatNumber(value, current)} beats ${against} by only ${formatNumber(gain)}, needs${margin}`,
    );
  }
  return verdict(false, `${spec.metric} ${formatNumber(value, current)} does not beat ${against}`);
}
