// The one schema of kiln.yml. Types, validation and the published JSON Schema all derive from it.
// Keys are kebab-case like GitHub's workflow syntax; automation condition names are snake_case
// like GitHub's event names and Dagster's conditions.
import * as z from "zod";

/** Asset, source and environment names: safe as job ids, file names and Mermaid node ids. */
export const NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
/** Names of secrets and environment variables, as GitHub accepts them. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const Name = z
  .string()
  .regex(NAME_PATTERN, { message: "must match [a-z][a-z0-9_-]* (lower case, digits, '_' and '-')" })
  .max(100);

/** A dependency: a name, or `ASSET@ALIAS` for the version an alias names (`model@champion`). */
export const DependencyRef = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(@[a-z][a-z0-9_-]*)?$/, {
    message: "must be an asset or source name, or ASSET@ALIAS such as model@champion",
  })
  .max(201);

/**
 * `30m`, `2h`, `90s`, or a number of minutes as in GitHub's `timeout-minutes`. Never zero: a zero
 * time limit fails every run at once, and a zero retry delay retries a failure at every tick. The
 * second pattern (a digit other than 0) is in the published JSON Schema too, so editors flag `0s`.
 */
export const Duration = z.union([
  z.number().positive(),
  z
    .string()
    .regex(/^\d+(\.\d+)?(s|m|h|d)$/, { message: "must be a duration such as 90s, 30m, 2h or 1d" })
    .regex(/[1-9]/, { message: "must be a duration longer than zero" }),
]);

export const RunsOn = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const SecretRef = z.strictObject({ secret: z.string().regex(SECRET_NAME_PATTERN) });
/** An env value: plain text (part of the logical version) or a secret (masked, never versioned). */
export const EnvValue = z.union([z.string(), z.number(), z.boolean(), SecretRef]);
export const EnvMap = z.record(z.string().regex(ENV_NAME_PATTERN), EnvValue);

/** Plain JSON config values: the run config that is part of the logical version. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(JsonValue),
      z.record(z.string(), JsonValue),
    ]),
  )
  .meta({ id: "json-value", title: "JSON value" });
export const ConfigMap = z.record(z.string(), JsonValue);

export const CronSpec = z.string().min(1);
export const TimeZone = z.string().min(1);

/** Automation conditions as written in the manifest (see src/automation for their meaning). */
export type ConditionInput =
  | "eager"
  | "on_missing"
  | "manual"
  | "missing"
  | "stale"
  | "code_changed"
  | "deps_updated"
  | { on_cron: string; tz?: string | undefined }
  | { cron: string; tz?: string | undefined }
  | { all: ConditionInput[] }
  | { any: ConditionInput[] }
  | { not: ConditionInput };

export const CONDITION_NAMES = [
  "eager",
  "on_missing",
  "manual",
  "missing",
  "stale",
  "code_changed",
  "deps_updated",
] as const;

/** Operators of composite conditions and the keys of cron conditions. */
export const CONDITION_OPERATORS = ["on_cron", "cron", "all", "any", "not"] as const;

const cronField = CronSpec.describe(
  "A five-field cron expression as GitHub schedules take it: minute hour day month weekday.",
);
const tzField = TimeZone.describe(
  "IANA time zone of the cron expression, e.g. Europe/Berlin. Default: UTC.",
).optional();

export const Condition: z.ZodType<ConditionInput> = z
  .lazy(() =>
    z.union([
      z.enum(CONDITION_NAMES),
      z
        .strictObject({ on_cron: cronField, tz: tzField })
        .describe("Fires once per cron tick, after the dependencies have updated."),
      z
        .strictObject({ cron: cronField, tz: tzField })
        .describe("True when a cron tick has passed since the asset was last handled."),
      z.strictObject({ all: z.array(Condition).min(1) }).describe("True when every condition is."),
      z.strictObject({ any: z.array(Condition).min(1) }).describe("True when any condition is."),
      z.strictObject({ not: Condition }).describe("True when the condition is false."),
    ]),
  )
  .meta({
    id: "condition",
    title: "Automation condition",
    description:
      "When the asset is materialized: eager, on_missing, manual, {on_cron: EXPR, tz: ZONE}, or a composition with all/any/not.",
  });

export const Direction = z.enum(["minimize", "maximize"]);

export const Metrics = z.strictObject({
  primary: z.string().min(1),
  direction: Direction,
  /**
   * Directions of the other metrics: report marks, and promotion on a metric other than the primary.
   * The primary's is `direction`; listing it here with the other direction is refused (validate.ts).
   */
  directions: z.record(z.string(), Direction).optional(),
});

export const Check = z
  .strictObject({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    /** `mae < 70`: a metric compared with a number (< <= > >= == !=). */
    metric: z.string().min(1).optional(),
    /** An output that must exist and be non-empty, and match `json-schema` when given. */
    output: z.string().min(1).optional(),
    "json-schema": z.string().min(1).optional(),
    /** A command whose exit code is the verdict. */
    command: z.string().min(1).optional(),
    /** A failed blocking check fails the materialization (Dagster's default: not blocking). */
    blocking: z.boolean().default(false),
  })
  .superRefine((check, ctx) => {
    const kinds = (["metric", "output", "command"] as const).filter((k) => check[k] !== undefined);
    if (kinds.length === 0) {
      ctx.addIssue({ code: "custom", message: "a check needs one of `metric`, `output` or `command`" });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: `a check takes exactly one of \`metric\`, \`output\` or \`command\`, not ${kinds.map((k) => `\`${k}\``).join(" and ")}`,
      });
    }
    if (check["json-schema"] !== undefined && check.output === undefined) {
      ctx.addIssue({ code: "custom", message: "`json-schema` goes with `output`", path: ["json-schema"] });
    }
  });

export const Promote = z.strictObject({
  alias: Name.default("champion"),
  /** Defaults to the primary metric. */
  metric: z.string().min(1).optional(),
  /** Absolute margin by which the candidate must beat the alias holder. */
  "min-delta": z.number().nonnegative().optional(),
  /** Relative margin (0.02 = 2 %) by which the candidate must beat the alias holder. */
  "min-relative": z.number().nonnegative().optional(),
  /** The metric must be at least this good (<= for minimize, >= for maximize) to be promoted at all. */
  threshold: z.number().optional(),
  /** Narrows the prod branches on which this asset promotes; default: every prod branch. */
  branches: z.array(z.string().min(1)).min(1).optional(),
});

export const StoreKind = z.enum(["cache", "artifact", "release"]);

const d = <T extends z.ZodType>(schema: T, description: string): T => schema.describe(description);

export const Asset = z.strictObject({
  description: d(z.string(), "What the asset is, shown in reports.").optional(),
  group: d(Name, "A group name, selectable as group:NAME.").optional(),
  deps: d(
    z.array(DependencyRef),
    "Assets and sources this asset reads; their outputs are restored before `run`. `ASSET@ALIAS` (model@champion) reads the version the alias names, and follows it: only a promotion moves this asset.",
  ).default([]),
  code: d(
    z.array(z.string().min(1)),
    "Files (globs) inside the manifest's folder whose content is the code version (matched as `inputs` are: a submodule counts by its commit); declared outputs and `.kiln/` never count.",
  ).default([]),
  "code-version": d(
    z.string().min(1),
    "An explicit code version; replaces the hash of `run` and `code`.",
  ).optional(),
  inputs: d(
    z.array(z.string().min(1)),
    "Data files (globs) inside the manifest's folder whose content is part of the version: tracked or untracked, or gitignored when a pattern matches nothing else; a symbolic link counts by its target, a submodule by its commit.",
  ).default([]),
  run: d(
    z.string().min(1),
    "The command that materializes the asset, run from the manifest's folder with the KILN_* variables.",
  ),
  outputs: d(
    z.array(z.string().min(1)),
    "Files or directories the run writes, named as written (not globs), inside the manifest's folder (never `.kiln/` or `.git/`): cleared before the run, then stored and versioned. A directory is every regular file under it; a symbolic link under it fails the run, naming the link (the store keeps files' bytes, and a link's target may be outside the version): write or copy the file instead. The list is part of the logical version.",
  ).default([]),
  config: d(ConfigMap, "Run config (KILN_CONFIG), part of the logical version.").default({}),
  env: d(EnvMap, "Environment variables for the run: plain values (versioned) or {secret: NAME}.").default(
    {},
  ),
  metrics: d(Metrics, "The primary metric and its direction.").optional(),
  checks: d(z.array(Check), "Checks run after each materialization.").default([]),
  promote: d(Promote, "Move an alias (champion) to a new version only when it is better.").optional(),
  automation: Condition.optional(),
  "runs-on": d(RunsOn, "Runner label(s) of the generated job. Default: ubuntu-latest.").optional(),
  timeout: d(
    Duration,
    "Time limit of the run, longer than zero: 90s, 30m, 2h or minutes. Default: 30m.",
  ).optional(),
  retries: d(
    z.number().int().min(0).max(10),
    "Times the step is run again after it exits non-zero, is killed or times out, for a flaky run (a lost connection, a process killed for lack of memory); not after a cancel, nor after a step that exited 0 without its declared outputs, with unreadable metrics or a failed check: it ran to its end, and would end the same way again. Default: 0.",
  ).optional(),
  "retry-failed": d(
    Duration,
    "Retry a failure at the same version automatically after this long (6h, 1d), doubling after each further failure (at most 7 days). Default: a failure is retried only when something changes or the asset is selected.",
  ).optional(),
  "pull-requests": d(z.boolean(), "Materialize on pull requests when stale. Default: true.").optional(),
  store: d(
    StoreKind,
    "Where versions are kept on GitHub. Default: artifact when promoted, else cache.",
  ).optional(),
  "retention-days": d(z.number().int().min(1).max(90), "Artifact retention in days. Default: 90.").optional(),
});

export const Source = z
  .strictObject({
    description: z.string().optional(),
    group: Name.optional(),
    /** A command that prints the source's current version. */
    observe: z.string().min(1).optional(),
    /** Files (globs) whose content is the source's version. */
    inputs: z.array(z.string().min(1)).optional(),
  })
  .refine((s) => s.observe !== undefined || s.inputs !== undefined, {
    message: "a source needs `observe` (a command printing its version) or `inputs` (files)",
  });

export const Step = z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  shell: z.string().optional(),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  "working-directory": z.string().optional(),
});

export const Environment = z.strictObject({
  description: z.string().optional(),
  /** Branches that select this environment (and promote, for prod). */
  branches: z.array(z.string().min(1)).optional(),
  /** Config overrides per asset: `{ model: { n_estimators: 20 } }`. */
  config: z.record(Name, ConfigMap).optional(),
  env: EnvMap.optional(),
});

export const Alerts = z.strictObject({
  slack: z.strictObject({ "webhook-secret": z.string().regex(SECRET_NAME_PATTERN) }).optional(),
  "github-issue": z
    .union([z.boolean(), z.strictObject({ labels: z.array(z.string().min(1)).default([]) })])
    .optional(),
});

export const Site = z.strictObject({
  pages: d(
    z.boolean(),
    "Publish the history site to GitHub Pages after each run on the default branch (a `kiln-pages` job).",
  ).default(false),
  title: d(z.string().min(1).max(200), "The site's title. Default: the project name.").optional(),
});

export const Defaults = z.strictObject({
  "runs-on": RunsOn.optional(),
  timeout: Duration.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  "retry-failed": Duration.optional(),
  "pull-requests": z.boolean().optional(),
  automation: Condition.optional(),
  env: EnvMap.optional(),
  "retention-days": z.number().int().min(1).max(90).optional(),
});

export const Manifest = z
  .strictObject({
    version: d(z.literal(1), "The manifest format version: 1."),
    name: d(
      Name,
      "The project name ([a-z][a-z0-9_-]*): its namespace in the ledger and its workflow file. Default: the manifest's folder relative to the repository's top level (ml/fraud → ml-fraud), or the top level's folder name.",
    ).optional(),
    defaults: d(Defaults, "Defaults for every asset.").default({}),
    setup: d(
      z.array(Step),
      "Workflow steps prepended to every generated asset job, and to the plan and report jobs when a source has `observe` (which runs there).",
    ).default([]),
    sources: d(z.record(z.string(), Source), "External data: observed, never built.").default({}),
    assets: d(z.record(z.string(), Asset), "The assets Kiln builds, by name ([a-z][a-z0-9_-]*)."),
    environments: d(z.record(Name, Environment), "Per-environment config and env (dev, prod).").default({}),
    alerts: d(Alerts, "Where failures are reported.").optional(),
    site: d(Site, "The static history site (`kiln site`) and its publication to GitHub Pages.").optional(),
  })
  .meta({ title: "Kiln manifest (kiln.yml)" });

export type ManifestInput = z.input<typeof Manifest>;
export type Manifest = z.output<typeof Manifest>;
export type AssetInput = z.output<typeof Asset>;
export type SourceInput = z.output<typeof Source>;
export type CheckInput = z.output<typeof Check>;
export type PromoteInput = z.output<typeof Promote>;
export type EnvValue = z.output<typeof EnvValue>;
export type StepInput = z.output<typeof Step>;
