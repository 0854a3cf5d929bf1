// zod's schemas of the ledger's files: the truth of what a record, failure, alias event, cursor or
// store location may hold, and the messages that say what is wrong with one. Loaded only when a
// file needs them (src/ledger/records.ts): a materialization or head the hand checks take, which
// is every one Kiln wrote, is read without zod, and zod is ~30 % of the code a status compiles.
import * as z from "zod";
import { lazy } from "../domain/lazy.js";
import { RECORD_SCHEMA } from "../domain/records.js";

const numbers = lazy(() => z.record(z.string(), z.number()));
const provenance = lazy(() =>
  z.object({
    codeVersion: z.string(),
    code: z.record(z.string(), z.string()),
    runHash: z.string(),
    config: z.record(z.string(), z.unknown()),
    env: z.record(z.string(), z.string()),
    inputs: z.record(z.string(), z.string()),
    deps: z.record(z.string(), z.string()),
    // Part of the logical version of an experiment's record (src/version/versions.ts): dropping it on
    // read would make `kiln show` and the site hide the run config the version was built with.
    overrides: z.record(z.string(), z.unknown()).optional(),
    outputs: z.array(z.string()).optional(),
  }),
);
const check = lazy(() =>
  z.object({
    name: z.string(),
    kind: z.enum(["metric", "output", "command"]),
    blocking: z.boolean(),
    passed: z.boolean(),
    message: z.string(),
  }),
);
const context = lazy(() =>
  z.looseObject({
    event: z.string(),
    environment: z.string(),
    // Which attempt of its workflow run wrote the record (a re-run keeps the run id): the report and
    // the layer gate take each asset's outcome from the latest one. Absent: attempt 1.
    runAttempt: z.number().int().positive().optional(),
  }),
);
const common = () => ({
  asset: z.string(),
  logicalVersion: z.string(),
  provenance: provenance(),
  metrics: numbers(),
  checks: z.array(check()),
  reasons: z.array(z.string()),
  context: context(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  attempts: z.number(),
});
export const storeLocation = lazy(() =>
  z.looseObject({
    kind: z.enum(["local", "cache", "artifact", "release"]),
    ref: z.string(),
  }),
);

export const materialization = lazy(() =>
  z.looseObject({
    ...common(),
    schema: z.literal(RECORD_SCHEMA),
    version: z.number().int().positive(),
    status: z.literal("success"),
    dataVersion: z.string(),
    outputs: z.record(z.string(), z.object({ blob: z.string(), size: z.number() })),
    locations: z.array(storeLocation()),
    series: z.array(z.looseObject({ step: z.number() })),
    seriesFile: z.object({ path: z.string(), points: z.number().int().nonnegative() }).optional(),
    seriesPreview: z.array(z.looseObject({ step: z.number() })).optional(),
    // Read back by the next run to complete a promotion a crash interrupted: checked like the rest.
    promotion: z
      .looseObject({
        alias: z.string(),
        promote: z.boolean(),
        reason: z.string(),
        against: z.number().int().positive().optional(),
        blocked: z.boolean().optional(),
      })
      .optional(),
  }),
);
/** A materialization record as read (unknown extra fields kept): also `kiln show --json`'s contract. */
export const materializationRecordSchema = materialization;

export const failure = lazy(() =>
  z.looseObject({
    ...common(),
    schema: z.literal(RECORD_SCHEMA),
    status: z.enum(["failed", "cancelled"]),
    error: z.string(),
    logTail: z.array(z.string()),
  }),
);
export const aliasEvent = lazy(() =>
  z.object({
    alias: z.string(),
    asset: z.string(),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    at: z.string(),
    by: z.string(),
    reason: z.string(),
    kind: z.enum(["promotion", "manual", "rollback"]).optional(),
    run: z.string().optional(),
    id: z.string(),
  }),
);
export const cursor = lazy(() =>
  z.object({
    schema: z.literal(RECORD_SCHEMA),
    scope: z.string(),
    assets: z.record(z.string(), z.record(z.string(), z.string())),
    requests: z
      .record(
        z.string(),
        z.record(z.string(), z.object({ run: z.string(), attempt: z.number().int().optional() })),
      )
      .optional(),
    sources: z
      .record(
        z.string(),
        z.object({
          since: z.string(),
          error: z.string(),
          runId: z.string().optional(),
          runAttempt: z.number().int().positive().optional(),
        }),
      )
      .optional(),
    adopted: z
      .record(
        z.string(),
        z.array(z.object({ version: z.number().int().positive(), gitSha: z.string(), at: z.string() })),
      )
      .optional(),
    updatedAt: z.string(),
  }),
);

/** Why a file is not a record of its kind, from zod's first issue. */
export function explain(error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.path[0] === "schema")
    return "written by an unknown version of Kiln (schema number) or not a Kiln record";
  return `does not look like a Kiln record: ${issue.path.join(".") || "(root)"} ${issue.message}`;
}
