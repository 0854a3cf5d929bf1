// The order test files start in: the isolated project's files first (a shared worker is kept for
// the next file only while that file is shared too), then the longest first, so that no long file
// starts last while the other workers have nothing left to run.
//
// Vitest orders by the durations it cached in the last run and, without a cache, by file size. A
// fresh clone (CI) has no cache, and size put the slowest file of the suite fifth and a 13 s file
// behind a dozen short ones. EXPECTED stands in for the cache there; a cached duration, when there
// is one, is more recent and wins.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Seconds each file takes in a whole run, for every file over a second: its share of the run's
 * summed per-file durations (the JSON reporter's), averaged over whole runs on the 2-core machine
 * (session 9: two fresh-clone runs at load 14-21, one with a CPU burner beside it), times 340 s.
 * The four workflow-play files were scaled since by the number of jobs each plays (cases moved
 * between them).
 * Only the order matters: a stale figure costs a few seconds of one idle worker at the end, never
 * a failure.
 */
const EXPECTED: Record<string, number> = {
  "test/action/store-chain.test.ts": 30,
  "test/action/workflow-run.test.ts": 27,
  "test/action/workflow-run-events.test.ts": 24,
  "test/action/workflow-run-tokens.test.ts": 22,
  "test/ledger/branch.test.ts": 13,
  "test/e2e/run.test.ts": 12,
  "test/examples/xgboost.test.ts": 11,
  "test/site/site-browser.test.ts": 10,
  "test/e2e/cli.test.ts": 8.1,
  "test/version/versions-memo.test.ts": 8.1,
  "test/site/threads.test.ts": 7.6,
  "test/app/calendar.test.ts": 7,
  "test/reliability/crash.test.ts": 6.3,
  "test/ledger/branch-writes.test.ts": 5.8,
  "test/app/promote-on-merge.test.ts": 4.9,
  "test/e2e/alias-deps.test.ts": 4.9,
  "test/ledger/packs.test.ts": 4.6,
  "test/ledger/projects.test.ts": 4.5,
  "test/reliability/fuzz.test.ts": 4.4,
  "test/e2e/run-config.test.ts": 3.9,
  "test/ledger/branch-history.test.ts": 3.6,
  "test/reliability/corruption-table.test.ts": 3.5,
  "test/app/environment-rules.test.ts": 3.4,
  "test/e2e/package.test.ts": 3.3,
  "test/run/step-spawner.test.ts": 3.2,
  "test/e2e/step-protocol.test.ts": 3.2,
  "test/run/promotion-runs.test.ts": 3.1,
  "test/docs/tutorials.test.ts": 3.1,
  "test/git/checkout.test.ts": 3,
  "test/run/executor.test.ts": 2.7,
  "test/reliability/corrupt-state.test.ts": 2.7,
  "test/workflow/generate.test.ts": 2.7,
  "test/app/handled-failures.test.ts": 2.7,
  "test/report/render.test.ts": 2.4,
  "test/site/xgboost-site.test.ts": 2.3,
  "test/e2e/init.test.ts": 2.2,
  "test/report/mermaid-browser.test.ts": 2.1,
  "test/e2e/projects.test.ts": 2.1,
  "test/app/pipeline.test.ts": 2,
  "test/store/restore-in-process.test.ts": 1.9,
  "test/reliability/paths.test.ts": 1.8,
  "test/reliability/doctor.test.ts": 1.7,
  "test/ledger/checked-records.test.ts": 1.7,
  "test/ledger/heads.test.ts": 1.5,
  "test/store/local.test.ts": 1.5,
  "test/cli/startup.test.ts": 1.5,
  "test/e2e/restore.test.ts": 1.4,
  "test/run/secrets.test.ts": 1.4,
  "test/ledger/branch-token.test.ts": 1.3,
  "test/app/requests.test.ts": 1.3,
  "test/store/chain.test.ts": 1.3,
  "test/e2e/versions-and-aliases.test.ts": 1.3,
  "test/paths/cache-stamp.test.ts": 1.3,
  "test/version/lineage.test.ts": 1.2,
  "test/run/materialize.test.ts": 1.2,
  "test/e2e/long-series.test.ts": 1.2,
  "test/run/executor-failures.test.ts": 1.2,
  "test/version/fingerprint-unmatched.test.ts": 1.2,
  "test/docs/json-contract.test.ts": 1.2,
  "test/action/upstream-gate.test.ts": 1.1,
  "test/run/checks.test.ts": 1.1,
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const estimate = new Map(
      files.map((spec) => {
        const file = path.relative(root, spec.moduleId).split(path.sep).join("/");
        const key = `${spec.project.name}:${file}`;
        const cached = this.ctx.cache.getFileTestResults(key)?.duration;
        const expected = EXPECTED[file];
        // Files known to neither: after the known ones, larger first (vitest's own fallback).
        const size = this.ctx.cache.getFileStats(key)?.size ?? 0;
        return [spec, cached ?? (expected === undefined ? size / 1e6 : expected * 1000)];
      }),
    );
    const shared = (spec: TestSpecification) => (spec.project.config.isolate === false ? 1 : 0);
    return [...files].sort((a, b) => shared(a) - shared(b) || estimate.get(b)! - estimate.get(a)!);
  }
}
