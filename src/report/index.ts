// The report module's public surface.
export type { ReportOutcome, AssetReport, ReportLinks, ReportMetricsSpec, RunReport } from "./model.js";
export { BUDGET_BYTES, type RenderOptions, type ReportBudget, renderReport } from "./render.js";
export { findMergeBaseRecord, type MergeBaseGit, mergeBaseRecord } from "./merge-base.js";
export { lttb, lttbIndices, type Point } from "./lttb.js";
export type { ReportView } from "./view.js";
