// The zod schema of every JSON output (see json-contract.ts): built only where they are read, by
// the JSON Schema files' generator, the CLI reference and the contract's tests.
import * as z from "zod";
import { materializationRecordSchema } from "../ledger/record-schemas.js";
import type { ReportView } from "../report/index.js";
import { CONTRACT_VERSION, type ContractName, contractId } from "./json-contract.js";

const status = z.enum(["fresh", "stale", "missing"]);
const nullableString = z.string().nullable();
/** JSON has no NaN or Infinity: a metric that was not a number is written as null. */
const metricValue = z.number().nullable();
const whereMade = { environment: z.string(), branch: nullableString };

const UNMATCHED = z
  .array(z.string())
  .optional()
  .describe(
    "Patterns under `code` or `inputs` that match no file (tracked, untracked or gitignored); present only when there are some.",
  );

const StatusOutput = z
  .strictObject({
    environment: z.string(),
    assets: z.record(
      z.string(),
      z.strictObject({
        status,
        run: z.boolean().describe("Whether `kiln run` would materialize it at this tick."),
        version: nullableString.describe("The current version on this checkout's lineage (`v3`), or null."),
        dataVersion: nullableString,
        logicalVersion: nullableString.describe("Null while a dependency is stale or missing."),
        reasons: z.array(z.string()).describe("Every stale cause, in words."),
        unmatched: UNMATCHED,
      }),
    ),
  })
  .describe("`kiln status --json`: each selected asset's status on this checkout, with every cause.");

const PlanOutput = z
  .strictObject({
    version: z.literal(1).describe("Kept from before `$schema`; always 1."),
    tick: z.strictObject({ event: z.string(), now: z.string().describe("ISO 8601 time of the tick.") }),
    environment: z.string(),
    assets: z.record(
      z.string(),
      z.strictObject({
        status,
        run: z.boolean(),
        promote: z.boolean().describe("Whether a version built at this tick may move the promote alias."),
        reasons: z.array(z.string()),
        unmatched: UNMATCHED,
      }),
    ),
  })
  .describe("`kiln plan --json`: what a run would do at this tick, and why.");

const HistoryOutput = z
  .strictObject({
    asset: z.string(),
    versions: z.array(
      z.strictObject({
        version: z.number().int(),
        finishedAt: z.string(),
        status: z.literal("success"),
        aliases: z.array(z.string()),
        metrics: z.record(z.string(), metricValue),
        dataVersion: z.string(),
        logicalVersion: z.string(),
        gitSha: nullableString,
        dirty: z
          .boolean()
          .describe("Built from uncommitted changes to the asset's files (gitSha is under them)."),
        ...whereMade,
        reasons: z.array(z.string()),
        experiment: z
          .array(z.string())
          .nullable()
          .describe("The run config set for an experiment's version."),
      }),
    ),
    failures: z.array(
      z.strictObject({
        status: z.enum(["failed", "cancelled"]),
        finishedAt: z.string(),
        error: z.string(),
        gitSha: nullableString,
        dirty: z.boolean(),
        ...whereMade,
      }),
    ),
    aliases: z.record(z.string(), z.number().int().nullable()).describe("alias → the version holding it."),
  })
  .describe("`kiln history ASSET --json`: every version and failed attempt, oldest first.");

/** One alias move as `kiln aliases` and `kiln show` write it. */
const aliasMove = z.strictObject({
  at: z.string(),
  alias: z.string(),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  by: z.string(),
  run: nullableString,
  kind: z.enum(["promotion", "manual", "rollback"]).nullable(),
  reason: z.string(),
});

const ShowOutput = materializationRecordSchema()
  .extend({
    aliases: z
      .array(z.string())
      .describe(
        "The aliases that name this version now, read from the alias log (not the record's verdict).",
      ),
    aliasMoves: z
      .array(aliasMove)
      .describe(
        "Every move that pointed an alias at this version, oldest first: by a run's promotion, a person's `kiln promote` or `kiln rollback`.",
      ),
  })
  .describe(
    "`kiln show ASSET[@vN|@alias] --json`: one materialization record as the ledger keeps it, with every location it was stored at.",
  );

const ShowSourceOutput = z
  .strictObject({
    kind: z.literal("source"),
    name: z.string(),
    description: nullableString,
    observe: nullableString,
    inputs: z.array(z.string()),
    observed: nullableString.describe("What `observe` printed now; null when it failed or there is none."),
    unavailable: nullableString.describe("Why `observe` failed."),
    readBy: z.array(
      z.strictObject({
        asset: z.string(),
        version: z.number().int().nullable(),
        dataVersion: nullableString.describe("The source's data version that version read."),
      }),
    ),
  })
  .describe("`kiln show SOURCE --json`: a source (observed, never materialized) and what read it.");

const AliasesOutput = z
  .strictObject({
    asset: z.string(),
    aliases: z.record(z.string(), z.number().int().nullable()),
    history: z.array(aliasMove),
  })
  .describe("`kiln aliases ASSET --json`: every alias move, oldest first.");

const outcome = z.enum(["materialized", "fresh", "skipped", "failed", "cancelled"]);
const links = z.strictObject({
  run: z.string().optional(),
  commit: z.string().optional(),
  artifact: z.string().optional(),
  log: z.string().optional(),
});
const delta = z.strictObject({
  against: z.enum(["champion", "previous", "merge-base"]),
  version: z.number().int(),
  value: metricValue,
  delta: metricValue,
  relative: metricValue.optional(),
  mark: z.enum(["better", "worse", "equal", "unmarked"]),
});
const details = z.strictObject({
  metrics: z.array(
    z.strictObject({
      name: z.string(),
      value: metricValue,
      notFinite: z
        .enum(["NaN", "Infinity", "-Infinity"])
        .optional()
        .describe("The step reported this metric as NaN or ±Infinity (`value` is null); it has no deltas."),
      primary: z.boolean(),
      direction: z.enum(["minimize", "maximize"]).optional(),
      deltas: z.strictObject({
        champion: delta.optional(),
        previous: delta.optional(),
        "merge-base": delta.optional(),
      }),
    }),
  ),
  baselines: z.strictObject({
    champion: z.number().int().optional(),
    previous: z.number().int().optional(),
    "merge-base": z.number().int().optional(),
  }),
  championEnvironment: z
    .string()
    .optional()
    .describe(
      "The champion's environment when it is not the run's: its deltas are shown, not judged (unmarked).",
    ),
  promotion: z
    .strictObject({
      alias: z.string(),
      promote: z.boolean(),
      promoted: z.boolean(),
      reason: z.string(),
      from: z.number().int().nullable().optional().describe("Promoted by this run from this holder."),
      replacedBy: z
        .number()
        .int()
        .optional()
        .describe("Promoted by this run; the version holding the alias now, which replaced it since."),
    })
    .optional(),
  checks: z.array(
    z.strictObject({
      name: z.string(),
      kind: z.enum(["metric", "output", "command"]),
      blocking: z.boolean(),
      passed: z.boolean(),
      message: z.string(),
    }),
  ),
  warnings: z
    .array(z.string())
    .optional()
    .describe(
      "What the run's record warns about although it finished (NaN metrics, series values left out).",
    ),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  logTail: z.array(z.string()).optional(),
  series: z
    .strictObject({
      names: z.array(z.string()),
      omitted: z.array(z.string()),
      steps: z.array(z.number()),
      values: z.array(z.array(metricValue)),
      sourcePoints: z.number().int(),
    })
    .optional()
    .describe("Training curves, aligned on shared steps and downsampled (LTTB)."),
  history: z
    .strictObject({
      metric: z.string(),
      points: z.array(
        z.strictObject({
          version: z.number().int(),
          value: metricValue,
          champion: z.boolean(),
          current: z.boolean(),
        }),
      ),
      notDrawn: z
        .array(
          z.strictObject({
            version: z.number().int(),
            notFinite: z.enum(["NaN", "Infinity", "-Infinity"]).optional(),
          }),
        )
        .optional()
        .describe(
          "Versions of the range without a number for the metric (NaN or ±Infinity as `notFinite`, or absent): not drawn.",
        ),
    })
    .optional()
    .describe("The primary metric across the last versions of this checkout's lineage."),
});

const ReportOutput = z
  .strictObject({
    schema: z.literal(1).describe("The report view's own version, kept from before `$schema`."),
    title: z.string(),
    event: z.string(),
    tick: z.string(),
    environment: z.string().optional(),
    ref: z.string().optional(),
    gitSha: z.string().optional(),
    pullRequest: z
      .strictObject({ number: z.number().int(), title: z.string().optional(), base: z.string().optional() })
      .optional(),
    runUrl: z.string().optional(),
    experiment: z.array(z.string()).optional(),
    counts: z.strictObject({
      materialized: z.number().int(),
      fresh: z.number().int(),
      skipped: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
    }),
    championChanges: z.array(
      z.strictObject({
        asset: z.string(),
        alias: z.string(),
        from: z.number().int().nullable(),
        to: z.number().int(),
        reason: z
          .string()
          .optional()
          .describe("Why, for a version this run did not build (promotion on merge)."),
      }),
    ),
    assets: z.array(
      z.strictObject({
        name: z.string(),
        outcome,
        version: z.number().int().optional(),
        aliases: z.array(z.string()),
        experiment: z.boolean().optional(),
        dirty: z.boolean().optional(),
        durationMs: z.number(),
        reasons: z.array(z.string()),
        skippedBecause: z.string().optional(),
        links,
        details: details.optional(),
      }),
    ),
    sources: z.array(z.string()).optional(),
    edges: z.array(z.strictObject({ from: z.string(), to: z.string(), alias: z.string().optional() })),
    dropped: z.array(z.enum(["series", "history", "details"])),
    omittedAssets: z.number().int(),
  })
  .describe("`kiln report --format json`: a kept run's report, the same content as its Markdown.");

const ReportListOutput = z
  .strictObject({
    runs: z.array(
      z.strictObject({
        run: z.string().describe("The run id `kiln report --run` takes."),
        tick: z.string(),
        event: z.string(),
        environment: z.string().optional(),
        gitSha: z.string().optional(),
        didSomething: z
          .boolean()
          .describe("It materialized, failed or cancelled an asset, or moved an alias."),
        outcomes: z.record(z.string(), outcome),
      }),
    ),
  })
  .describe("`kiln report --list --format json`: the kept runs, oldest first.");

/** Fails to compile when the report view and its contract disagree (the report is typed elsewhere). */
type Assignable<T extends U, U> = T;
export type ReportViewFitsContract = Assignable<
  Omit<ReportView, "schema">,
  Omit<z.input<typeof ReportOutput>, "schema">
>;

/** Every JSON output, by the name of its schema file (`schema/<name>.v1.json`). */
export const JSON_CONTRACTS = {
  status: StatusOutput,
  plan: PlanOutput,
  history: HistoryOutput,
  show: ShowOutput,
  "show-source": ShowSourceOutput,
  aliases: AliasesOutput,
  report: ReportOutput,
  "report-list": ReportListOutput,
} as const;

/** The JSON Schema file of one output: what `scripts/json-schemas.ts` writes under schema/. */
export function contractJsonSchema(name: ContractName): Record<string, unknown> {
  const schema = z.toJSONSchema(JSON_CONTRACTS[name], {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };
  // `$schema` is stamped by contractJson, not part of the zod value; the file documents it.
  const properties = {
    $schema: {
      type: "string",
      const: contractId(name),
      description: "This contract's identifier and version.",
    },
    ...(schema.properties ?? {}),
  };
  return {
    ...schema,
    $id: contractId(name),
    title: `kiln ${name} --json (v${CONTRACT_VERSION})`,
    properties,
    required: ["$schema", ...(schema.required ?? [])],
  };
}
