import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  _enum,
  array,
  boolean,
  literal,
  looseObject,
  number,
  object,
  record,
  string,
  unknown
} from "./chunk-XTEFASAO.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  RECORD_SCHEMA
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/domain/lazy.ts
function lazy(build) {
  let built;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

// src/ledger/record-schemas.ts
var numbers = lazy(() => record(string(), number()));
var provenance = lazy(
  () => object({
    codeVersion: string(),
    code: record(string(), string()),
    runHash: string(),
    config: record(string(), unknown()),
    env: record(string(), string()),
    inputs: record(string(), string()),
    deps: record(string(), string()),
    // Part of the logical version of an experiment's record (src/version/versions.ts): dropping it on
    // read would make `kiln show` and the site hide the run config the version was built with.
    overrides: record(string(), unknown()).optional(),
    outputs: array(string()).optional()
  })
);
var check = lazy(
  () => object({
    name: string(),
    kind: _enum(["metric", "output", "command"]),
    blocking: boolean(),
    passed: boolean(),
    message: string()
  })
);
var context = lazy(
  () => looseObject({
    event: string(),
    environment: string(),
    // Which attempt of its workflow run wrote the record (a re-run keeps the run id): the report and
    // the layer gate take each asset's outcome from the latest one. Absent: attempt 1.
    runAttempt: number().int().positive().optional()
  })
);
var common = () => ({
  asset: string(),
  logicalVersion: string(),
  provenance: provenance(),
  metrics: numbers(),
  checks: array(check()),
  reasons: array(string()),
  context: context(),
  startedAt: string(),
  finishedAt: string(),
  durationMs: number(),
  attempts: number()
});
var storeLocation = lazy(
  () => looseObject({
    kind: _enum(["local", "cache", "artifact", "release"]),
    ref: string()
  })
);
var materialization = lazy(
  () => looseObject({
    ...common(),
    schema: literal(RECORD_SCHEMA),
    version: number().int().positive(),
    status: literal("success"),
    dataVersion: string(),
    outputs: record(string(), object({ blob: string(), size: number() })),
    locations: array(storeLocation()),
    series: array(looseObject({ step: number() })),
    seriesFile: object({ path: string(), points: number().int().nonnegative() }).optional(),
    seriesPreview: array(looseObject({ step: number() })).optional(),
    // Read back by the next run to complete a promotion a crash interrupted: checked like the rest.
    promotion: looseObject({
      alias: string(),
      promote: boolean(),
      reason: string(),
      against: number().int().positive().optional(),
      blocked: boolean().optional()
    }).optional()
  })
);
var materializationRecordSchema = materialization;
var failure = lazy(
  () => looseObject({
    ...common(),
    schema: literal(RECORD_SCHEMA),
    status: _enum(["failed", "cancelled"]),
    error: string(),
    logTail: array(string())
  })
);
var aliasEvent = lazy(
  () => object({
    alias: string(),
    asset: string(),
    from: number().int().nullable(),
    to: number().int().nullable(),
    at: string(),
    by: string(),
    reason: string(),
    kind: _enum(["promotion", "manual", "rollback"]).optional(),
    run: string().optional(),
    id: string()
  })
);
var cursor = lazy(
  () => object({
    schema: literal(RECORD_SCHEMA),
    scope: string(),
    assets: record(string(), record(string(), string())),
    requests: record(
      string(),
      record(string(), object({ run: string(), attempt: number().int().optional() }))
    ).optional(),
    sources: record(
      string(),
      object({
        since: string(),
        error: string(),
        runId: string().optional(),
        runAttempt: number().int().positive().optional()
      })
    ).optional(),
    adopted: record(
      string(),
      array(object({ version: number().int().positive(), gitSha: string(), at: string() }))
    ).optional(),
    updatedAt: string()
  })
);
function explain(error) {
  const issue = error.issues[0];
  if (issue.path[0] === "schema")
    return "written by an unknown version of Kiln (schema number) or not a Kiln record";
  return `does not look like a Kiln record: ${issue.path.join(".") || "(root)"} ${issue.message}`;
}
export {
  aliasEvent,
  cursor,
  explain,
  failure,
  materialization,
  materializationRecordSchema,
  storeLocation
};
