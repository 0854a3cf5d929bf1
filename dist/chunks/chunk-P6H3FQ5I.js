import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  MaterializationRecordSchema
} from "./chunk-JAI5KS4O.js";
import {
  external_exports
} from "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/json-contract.ts
init_define_KILN_SITE_CLIENT();
var SCHEMA_BASE = "https://raw.githubusercontent.com/kiln-ml/kiln/main/schema/";
var status = external_exports.enum(["fresh", "stale", "missing"]);
var nullableString = external_exports.string().nullable();
var metricValue = external_exports.number().nullable();
var whereMade = { environment: external_exports.string(), branch: nullableString };
var StatusOutput = external_exports.strictObject({
  environment: external_exports.string(),
  assets: external_exports.record(
    external_exports.string(),
    external_exports.strictObject({
      status,
      run: external_exports.boolean().describe("Whether `kiln run` would materialize it at this tick."),
      version: nullableString.describe("The current version on this checkout's lineage (`v3`), or null."),
      dataVersion: nullableString,
      logicalVersion: nullableString.describe("Null while a dependency is stale or missing."),
      reasons: external_exports.array(external_exports.string()).describe("Every stale cause, in words.")
    })
  )
}).describe("`kiln status --json`: each selected asset's status on this checkout, with every cause.");
var PlanOutput = external_exports.strictObject({
  version: external_exports.literal(1).describe("Kept from before `$schema`; always 1."),
  tick: external_exports.strictObject({ event: external_exports.string(), now: external_exports.string().describe("ISO 8601 time of the tick.") }),
  environment: external_exports.string(),
  assets: external_exports.record(
    external_exports.string(),
    external_exports.strictObject({
      status,
      run: external_exports.boolean(),
      promote: external_exports.boolean().describe("Whether a version built at this tick may move the promote alias."),
      reasons: external_exports.array(external_exports.string())
    })
  )
}).describe("`kiln plan --json`: what a run would do at this tick, and why.");
var HistoryOutput = external_exports.strictObject({
  asset: external_exports.string(),
  versions: external_exports.array(
    external_exports.strictObject({
      version: external_exports.number().int(),
      finishedAt: external_exports.string(),
      status: external_exports.literal("success"),
      aliases: external_exports.array(external_exports.string()),
      metrics: external_exports.record(external_exports.string(), metricValue),
      dataVersion: external_exports.string(),
      logicalVersion: external_exports.string(),
      gitSha: nullableString,
      dirty: external_exports.boolean().describe("Built from uncommitted changes to the asset's files (gitSha is under them)."),
      ...whereMade,
      reasons: external_exports.array(external_exports.string()),
      experiment: external_exports.array(external_exports.string()).nullable().describe("The run config set for an experiment's version.")
    })
  ),
  failures: external_exports.array(
    external_exports.strictObject({
      status: external_exports.enum(["failed", "cancelled"]),
      finishedAt: external_exports.string(),
      error: external_exports.string(),
      gitSha: nullableString,
      dirty: external_exports.boolean(),
      ...whereMade
    })
  ),
  aliases: external_exports.record(external_exports.string(), external_exports.number().int().nullable()).describe("alias \u2192 the version holding it.")
}).describe("`kiln history ASSET --json`: every version and failed attempt, oldest first.");
var ShowOutput = MaterializationRecordSchema.describe(
  "`kiln show ASSET[@vN|@alias] --json`: one materialization record as the ledger keeps it, with every location it was stored at."
);
var ShowSourceOutput = external_exports.strictObject({
  kind: external_exports.literal("source"),
  name: external_exports.string(),
  description: nullableString,
  observe: nullableString,
  inputs: external_exports.array(external_exports.string()),
  observed: nullableString.describe("What `observe` printed now; null when it failed or there is none."),
  unavailable: nullableString.describe("Why `observe` failed."),
  readBy: external_exports.array(
    external_exports.strictObject({
      asset: external_exports.string(),
      version: external_exports.number().int().nullable(),
      dataVersion: nullableString.describe("The source's data version that version read.")
    })
  )
}).describe("`kiln show SOURCE --json`: a source (observed, never materialized) and what read it.");
var AliasesOutput = external_exports.strictObject({
  asset: external_exports.string(),
  aliases: external_exports.record(external_exports.string(), external_exports.number().int().nullable()),
  history: external_exports.array(
    external_exports.strictObject({
      at: external_exports.string(),
      alias: external_exports.string(),
      from: external_exports.number().int().nullable(),
      to: external_exports.number().int().nullable(),
      by: external_exports.string(),
      run: nullableString,
      kind: external_exports.enum(["promotion", "manual", "rollback"]).nullable(),
      reason: external_exports.string()
    })
  )
}).describe("`kiln aliases ASSET --json`: every alias move, oldest first.");
var outcome = external_exports.enum(["materialized", "fresh", "skipped", "failed", "cancelled"]);
var links = external_exports.strictObject({
  run: external_exports.string().optional(),
  commit: external_exports.string().optional(),
  artifact: external_exports.string().optional(),
  log: external_exports.string().optional()
});
var delta = external_exports.strictObject({
  against: external_exports.enum(["champion", "previous", "merge-base"]),
  version: external_exports.number().int(),
  value: metricValue,
  delta: metricValue,
  relative: metricValue.optional(),
  mark: external_exports.enum(["better", "worse", "equal", "unmarked"])
});
var details = external_exports.strictObject({
  metrics: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      value: metricValue,
      primary: external_exports.boolean(),
      direction: external_exports.enum(["minimize", "maximize"]).optional(),
      deltas: external_exports.strictObject({
        champion: delta.optional(),
        previous: delta.optional(),
        "merge-base": delta.optional()
      })
    })
  ),
  baselines: external_exports.strictObject({
    champion: external_exports.number().int().optional(),
    previous: external_exports.number().int().optional(),
    "merge-base": external_exports.number().int().optional()
  }),
  promotion: external_exports.strictObject({ alias: external_exports.string(), promote: external_exports.boolean(), promoted: external_exports.boolean(), reason: external_exports.string() }).optional(),
  checks: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      kind: external_exports.enum(["metric", "output", "command"]),
      blocking: external_exports.boolean(),
      passed: external_exports.boolean(),
      message: external_exports.string()
    })
  ),
  error: external_exports.string().optional(),
  attempts: external_exports.number().int().optional(),
  logTail: external_exports.array(external_exports.string()).optional(),
  series: external_exports.strictObject({
    names: external_exports.array(external_exports.string()),
    omitted: external_exports.array(external_exports.string()),
    steps: external_exports.array(external_exports.number()),
    values: external_exports.array(external_exports.array(metricValue)),
    sourcePoints: external_exports.number().int()
  }).optional().describe("Training curves, aligned on shared steps and downsampled (LTTB)."),
  history: external_exports.strictObject({
    metric: external_exports.string(),
    points: external_exports.array(
      external_exports.strictObject({
        version: external_exports.number().int(),
        value: metricValue,
        champion: external_exports.boolean(),
        current: external_exports.boolean()
      })
    )
  }).optional().describe("The primary metric across the last versions of this checkout's lineage.")
});
var ReportOutput = external_exports.strictObject({
  schema: external_exports.literal(1).describe("The report view's own version, kept from before `$schema`."),
  title: external_exports.string(),
  event: external_exports.string(),
  tick: external_exports.string(),
  environment: external_exports.string().optional(),
  ref: external_exports.string().optional(),
  gitSha: external_exports.string().optional(),
  pullRequest: external_exports.strictObject({ number: external_exports.number().int(), title: external_exports.string().optional(), base: external_exports.string().optional() }).optional(),
  runUrl: external_exports.string().optional(),
  experiment: external_exports.array(external_exports.string()).optional(),
  counts: external_exports.strictObject({
    materialized: external_exports.number().int(),
    fresh: external_exports.number().int(),
    skipped: external_exports.number().int(),
    failed: external_exports.number().int(),
    cancelled: external_exports.number().int()
  }),
  championChanges: external_exports.array(
    external_exports.strictObject({
      asset: external_exports.string(),
      alias: external_exports.string(),
      from: external_exports.number().int().nullable(),
      to: external_exports.number().int()
    })
  ),
  assets: external_exports.array(
    external_exports.strictObject({
      name: external_exports.string(),
      outcome,
      version: external_exports.number().int().optional(),
      aliases: external_exports.array(external_exports.string()),
      experiment: external_exports.boolean().optional(),
      dirty: external_exports.boolean().optional(),
      durationMs: external_exports.number(),
      reasons: external_exports.array(external_exports.string()),
      skippedBecause: external_exports.string().optional(),
      links,
      details: details.optional()
    })
  ),
  sources: external_exports.array(external_exports.string()).optional(),
  edges: external_exports.array(external_exports.strictObject({ from: external_exports.string(), to: external_exports.string(), alias: external_exports.string().optional() })),
  dropped: external_exports.array(external_exports.enum(["series", "history", "details"])),
  omittedAssets: external_exports.number().int()
}).describe("`kiln report --format json`: a kept run's report, the same content as its Markdown.");
var ReportListOutput = external_exports.strictObject({
  runs: external_exports.array(
    external_exports.strictObject({
      run: external_exports.string().describe("The run id `kiln report --run` takes."),
      tick: external_exports.string(),
      event: external_exports.string(),
      environment: external_exports.string().optional(),
      gitSha: external_exports.string().optional(),
      didSomething: external_exports.boolean().describe("It materialized, failed or cancelled an asset."),
      outcomes: external_exports.record(external_exports.string(), outcome)
    })
  )
}).describe("`kiln report --list --format json`: the kept runs, oldest first.");
var CONTRACT_VERSION = 1;
function contractFile(name) {
  return `${name}.v${CONTRACT_VERSION}.json`;
}
function contractId(name) {
  return `${SCHEMA_BASE}${contractFile(name)}`;
}
function contractJson(name, value) {
  return `${JSON.stringify({ $schema: contractId(name), ...value }, null, 2)}
`;
}

export {
  contractJson
};
