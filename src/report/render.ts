// The entry point: a RunReport rendered as Markdown or JSON within a size budget. Budgets drop
// detail in a fixed order (training curves, then version history, then per-asset details) and, as
// a last resort, overview rows, so a report fits whatever the size of the pipeline.
import { renderMarkdown } from "./markdown.js";
import type { RunReport } from "./model.js";
import { buildView, DROP_ORDER, type Droppable, type ReportView } from "./view.js";

export type ReportBudget = "comment" | "summary" | "none";

/**
 * Bytes (UTF-8, which is never fewer than GitHub's character count): a PR comment stops at 65,536
 * characters and a job summary at 1 MiB; both keep a margin for what the caller wraps around.
 */
export const BUDGET_BYTES: Record<ReportBudget, number> = {
  comment: 60_000,
  summary: 1_000_000,
  none: Number.POSITIVE_INFINITY,
};

const LIMIT_LABEL: Record<ReportBudget, string> = {
  comment: "GitHub's 65,536-character limit for a comment",
  summary: "GitHub's 1 MiB limit for a job summary",
  none: "the size limit",
};

const FULL_REPORT_HINT: Record<ReportBudget, string> = {
  comment: "The run's job summary has more, and `kiln report` shows everything locally.",
  summary: "Run `kiln report` locally (or `kiln report --format json`) for everything.",
  none: "",
};

export interface RenderOptions {
  format: "md" | "json";
  budget: ReportBudget;
  /** Defaults to `Kiln report`. */
  title?: string | undefined;
  /** A hidden marker (src/github/markers.ts) put first, counted in the budget. */
  marker?: string | undefined;
}

function serialize(view: ReportView, options: RenderOptions): string {
  if (options.format === "json") return `${JSON.stringify(view, null, 2)}\n`;
  return renderMarkdown(view, {
    marker: options.marker,
    fullReportHint: FULL_REPORT_HINT[options.budget],
    limitLabel: LIMIT_LABEL[options.budget],
  });
}

function size(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export function renderReport(report: RunReport, options: RenderOptions): string {
  const title = options.title ?? "Kiln report";
  const limit = BUDGET_BYTES[options.budget];
  const dropped = new Set<Droppable>();
  let view = buildView(report, title, dropped);
  let text = serialize(view, options);
  for (const next of DROP_ORDER) {
    if (size(text) <= limit) return text;
    dropped.add(next);
    view = buildView(report, title, dropped);
    text = serialize(view, options);
  }
  if (size(text) <= limit) return text;
  // Even the overview table is too long: keep the rows that fit, the ones that need attention
  // (failed, cancelled, skipped, materialized) before fresh ones, and say how many were left out.
  const rank = { failed: 0, cancelled: 1, skipped: 2, materialized: 3, fresh: 4 } as const;
  const ordered = [...view.assets].sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  const fits = (count: number): string => {
    const kept = new Set(ordered.slice(0, count));
    return serialize(
      { ...view, assets: view.assets.filter((a) => kept.has(a)), omittedAssets: ordered.length - count },
      options,
    );
  };
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (size(fits(mid)) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return fits(lo);
}
