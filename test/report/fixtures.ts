// Representative run reports, built as the runner would fill them, for snapshot and browser tests.
import type { FailureRecord, MaterializationRecord, SeriesPoint } from "../../src/domain/records.js";
import type { AssetReport, RunReport } from "../../src/report/model.js";

const SHA = "3f9c2a1b7e4d5c6b8a9f0e1d2c3b4a5968776655";
const REPO = { serverUrl: "https://github.com", repository: "acme/churn" };

export function record(
  asset: string,
  version: number,
  metrics: Record<string, number>,
  extra: Partial<MaterializationRecord> = {},
): MaterializationRecord {
  return {
    schema: 1,
    asset,
    version,
    status: "success",
    logicalVersion: `lv-${asset}-${version}`,
    dataVersion: `dv-${asset}-${version}`,
    provenance: { codeVersion: "c", code: {}, runHash: "r", config: {}, env: {}, inputs: {}, deps: {} },
    outputs: {},
    locations: [],
    metrics,
    series: [],
    checks: [],
    reasons: [],
    context: { event: "push", environment: "prod", gitSha: SHA, ref: "refs/heads/main" },
    startedAt: "2026-11-20T03:00:00.000Z",
    finishedAt: "2026-11-20T03:01:12.000Z",
    durationMs: 72_400,
    attempts: 1,
    ...extra,
  };
}

/** A loss curve: exponential decay with a deterministic wiggle, `val_loss` above `train_loss`. */
export function curves(steps: number): SeriesPoint[] {
  return Array.from({ length: steps }, (_, i) => ({
    step: i + 1,
    train_loss: Number((0.2 + 0.8 * Math.exp(-i / (steps / 5)) + 0.02 * Math.sin(i)).toFixed(4)),
    val_loss: Number((0.28 + 0.75 * Math.exp(-i / (steps / 4)) + 0.03 * Math.cos(i / 2)).toFixed(4)),
  }));
}

const MODEL_METRICS = {
  primary: "mae",
  direction: "minimize" as const,
  directions: { r2: "maximize" as const },
};

function base(assets: AssetReport[], extra: Partial<RunReport> = {}): RunReport {
  return {
    event: "push",
    tick: "2026-11-23T03:00:00.000Z",
    environment: "prod",
    ref: "refs/heads/main",
    gitSha: SHA,
    repo: REPO,
    runUrl: "https://github.com/acme/churn/actions/runs/42",
    assets,
    edges: [
      { from: "raw_comments", to: "comments" },
      { from: "comments", to: "model" },
      { from: "comments", to: "report_data" },
    ],
    ...extra,
  };
}

function links(version: number) {
  return {
    run: "https://github.com/acme/churn/actions/runs/42",
    commit: `https://github.com/acme/churn/commit/${SHA}`,
    artifact: `https://github.com/acme/churn/releases/tag/kiln/model/v${version}`,
  };
}

function comments(outcome: "materialized" | "fresh", version: number): AssetReport {
  return {
    name: "comments",
    outcome,
    reasons:
      outcome === "fresh"
        ? ["fresh: logical version unchanged"]
        : ["input changed (data/comments/2026-11.csv)"],
    record: record("comments", version, { rows: 120_433 }),
    history: [],
    aliasHolders: {},
    links: links(version),
    durationMs: outcome === "fresh" ? 0 : 8_200,
  };
}

export function firstRun(): RunReport {
  const model = record(
    "model",
    1,
    { mae: 64.02, r2: 0.712, train_seconds: 51.3 },
    {
      series: curves(40),
      checks: [
        { name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "mae = 64.02 < 70" },
      ],
      promotion: { alias: "champion", promote: true, reason: "no champion yet: v1 becomes champion" },
    },
  );
  return base([
    { ...comments("materialized", 1), reasons: ["missing: never materialized"] },
    {
      name: "model",
      outcome: "materialized",
      reasons: ["missing: never materialized"],
      record: model,
      history: [model],
      aliasHolders: { champion: 1 },
      links: links(1),
      durationMs: 72_400,
      metrics: MODEL_METRICS,
      promoteAlias: "champion",
    },
  ]);
}

function modelHistory(): MaterializationRecord[] {
  const maes = [71.4, 68.9, 64.0, 66.2, 65.1];
  return maes.map((mae, i) => record("model", i + 1, { mae, r2: 0.68 + i * 0.01 }));
}

export function promotion(): RunReport {
  const history = modelHistory();
  const champion = history[2] as MaterializationRecord;
  const previous = history[4] as MaterializationRecord;
  const model = record(
    "model",
    6,
    { mae: 61.2, r2: 0.741, train_seconds: 48.9 },
    {
      series: curves(60),
      reasons: ["config changed (max_depth 6 → 8)"],
      checks: [
        { name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "mae = 61.2 < 70" },
        {
          name: "build/model.json",
          kind: "output",
          blocking: true,
          passed: true,
          message: "matches schemas/model.schema.json",
        },
        {
          name: "r2 > 0.75",
          kind: "metric",
          blocking: false,
          passed: false,
          message: "r2 = 0.741 is not > 0.75",
        },
      ],
      promotion: {
        alias: "champion",
        promote: true,
        reason: "mae 61.2 beats champion v3 (64.0) by 2.8 ≥ min-delta 0.5",
        against: 3,
      },
    },
  );
  return base([
    comments("fresh", 4),
    {
      name: "model",
      outcome: "materialized",
      reasons: ["config changed (max_depth 6 → 8)"],
      record: model,
      previous,
      champion,
      history: [...history, model],
      aliasHolders: { champion: 6 },
      links: links(6),
      durationMs: 72_400,
      metrics: MODEL_METRICS,
      promoteAlias: "champion",
    },
    {
      name: "report_data",
      outcome: "materialized",
      reasons: ["dependency model has a new data version"],
      record: record("report_data", 9, {}),
      history: [],
      aliasHolders: {},
      links: {},
      durationMs: 2_100,
    },
  ]);
}

export function prRegression(): RunReport {
  const history = modelHistory();
  const champion = history[2] as MaterializationRecord;
  const mergeBase = history[4] as MaterializationRecord;
  const model = record(
    "model",
    7,
    { mae: 69.8, r2: 0.655 },
    {
      series: curves(30),
      context: {
        // A pull request into main runs in main's environment (docs/concepts.md).
        event: "pull_request",
        environment: "prod",
        gitSha: "aa11bb22cc33",
        ref: "refs/pull/12/merge",
        pullRequest: 12,
      },
      checks: [
        { name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "mae = 69.8 < 70" },
      ],
      promotion: {
        alias: "champion",
        promote: false,
        reason: "pull requests never promote; mae 69.8 is worse than champion v3 (64.0)",
        against: 3,
      },
    },
  );
  return base(
    [
      comments("fresh", 4),
      {
        name: "model",
        outcome: "materialized",
        reasons: ["code changed (pipelines/train.py)"],
        record: model,
        previous: mergeBase,
        champion,
        mergeBase,
        history: [...history, model],
        aliasHolders: { champion: 3 },
        links: links(7),
        durationMs: 65_000,
        metrics: MODEL_METRICS,
        promoteAlias: "champion",
      },
      {
        name: "report_data",
        outcome: "fresh",
        reasons: ["fresh"],
        record: record("report_data", 9, {}),
        history: [],
        aliasHolders: {},
        links: {},
        durationMs: 0,
      },
    ],
    {
      event: "pull_request",
      environment: "prod",
      ref: "refs/pull/12/merge",
      gitSha: "aa11bb22cc33",
      pullRequest: { number: 12, title: "Try a deeper tree", base: "main" },
    },
  );
}

export function failure(): RunReport {
  const fail: FailureRecord = {
    schema: 1,
    asset: "model",
    status: "failed",
    logicalVersion: "lv",
    provenance: { codeVersion: "c", code: {}, runHash: "r", config: {}, env: {}, inputs: {}, deps: {} },
    error: "step exited with code 1",
    logTail: [
      "Epoch 3/10",
      "Traceback (most recent call last):",
      '  File "pipelines/train.py", line 41, in <module>',
      "    model.fit(X, y)",
      "ValueError: Input contains NaN, infinity or a value too large for dtype('float64').",
    ],
    checks: [],
    metrics: {},
    reasons: ["input changed (data/comments/2026-11.csv)"],
    context: { event: "schedule", environment: "prod", gitSha: SHA },
    startedAt: "2026-11-23T03:00:10.000Z",
    finishedAt: "2026-11-23T03:00:31.000Z",
    durationMs: 21_000,
    attempts: 2,
  };
  return base(
    [
      comments("materialized", 5),
      {
        name: "model",
        outcome: "failed",
        reasons: ["dependency comments has a new data version"],
        failure: fail,
        history: modelHistory(),
        aliasHolders: { champion: 3 },
        links: { run: "https://github.com/acme/churn/actions/runs/42" },
        durationMs: 21_000,
        metrics: MODEL_METRICS,
        promoteAlias: "champion",
      },
      {
        name: "report_data",
        outcome: "skipped",
        reasons: [],
        skippedBecause: "dependency model failed",
        history: [],
        aliasHolders: {},
        links: {},
        durationMs: 0,
      },
    ],
    { event: "schedule" },
  );
}

export const HOSTILE = [
  "<script>alert(1)</script>",
  "a|b",
  "`tick`",
  "${{ secrets.X }}",
  "$(rm -rf /)",
  "line\nbreak",
  "]]",
  "-->",
  '"q"#1',
  "@here :tada: *b* _i_ [l](x)",
  '%%{init: {"theme": "dark"}}%% $$x$$',
];

/** Every text a user or a script controls set to something that would break naive rendering. */
export function hostile(): RunReport {
  const evil = HOSTILE.join(" ");
  const metrics: Record<string, number> = {};
  HOSTILE.forEach((h, i) => {
    metrics[h] = i + 0.5;
  });
  const series: SeriesPoint[] = Array.from({ length: 5 }, (_, i) => ({
    step: i,
    [HOSTILE[0] as string]: i * 2,
    [HOSTILE[1] as string]: 10 - i,
  }));
  const name = "evil-<b>|`x`";
  const model = record(name, 2, metrics, {
    series,
    checks: [{ name: evil, kind: "command", blocking: true, passed: false, message: evil }],
    promotion: { alias: "champion", promote: false, reason: evil },
  });
  return base(
    [
      {
        name,
        outcome: "materialized",
        reasons: [evil],
        record: model,
        previous: record(name, 1, metrics),
        history: [record(name, 1, metrics), model],
        aliasHolders: { [HOSTILE[0] as string]: 2 },
        links: {
          run: "javascript:alert(1)",
          commit: "https://github.com/acme/churn/commit/x)(y",
          artifact: "https://e.com/a b",
        },
        durationMs: 1_000,
        metrics: { primary: HOSTILE[0] as string, direction: "maximize", directions: {} },
        promoteAlias: HOSTILE[0] as string,
      },
      {
        name: "broken",
        outcome: "failed",
        reasons: [evil],
        failure: {
          ...failure().assets[1]?.failure,
          error: evil,
          logTail: [...HOSTILE, "```", "````", "</details>", "<!-- x -->"],
        } as FailureRecord,
        history: [],
        aliasHolders: {},
        links: {},
        durationMs: 10,
      },
    ],
    {
      event: "pull_request",
      ref: `refs/heads/${evil}`,
      pullRequest: { number: 13, title: evil },
      edges: [
        { from: name, to: "broken" },
        { from: evil, to: name },
      ],
    },
  );
}

export const SCENARIOS = {
  "first-run": firstRun,
  promotion,
  "pr-regression": prRegression,
  failure,
  hostile,
} as const;
