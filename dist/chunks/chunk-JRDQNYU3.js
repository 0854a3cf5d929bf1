import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  _enum,
  _null,
  array,
  boolean,
  lazy,
  literal,
  looseObject,
  number,
  record,
  strictObject,
  string,
  union
} from "./chunk-XTEFASAO.js";

// src/manifest/schema.ts
var NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
var ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
var SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
var Name = string().regex(NAME_PATTERN, { message: "must match [a-z][a-z0-9_-]* (lower case, digits, '_' and '-')" }).max(100);
var DependencyRef = string().regex(/^[a-z][a-z0-9_-]*(@[a-z][a-z0-9_-]*)?$/, {
  message: "must be an asset or source name, or ASSET@ALIAS such as model@champion"
}).max(201);
var Duration = union([
  number().positive(),
  string().regex(/^\d+(\.\d+)?(s|m|h|d)$/, { message: "must be a duration such as 90s, 30m, 2h or 1d" }).regex(/[1-9]/, { message: "must be a duration longer than zero" })
]);
var RunsOn = union([string().min(1), array(string().min(1)).min(1)]);
var SecretRef = strictObject({ secret: string().regex(SECRET_NAME_PATTERN) });
var EnvValue = union([string(), number(), boolean(), SecretRef]);
var EnvMap = record(string().regex(ENV_NAME_PATTERN), EnvValue);
var JsonValue = lazy(
  () => union([
    string(),
    number(),
    boolean(),
    _null(),
    array(JsonValue),
    record(string(), JsonValue)
  ])
).meta({ id: "json-value", title: "JSON value" });
var ConfigMap = record(string(), JsonValue);
var CronSpec = string().min(1);
var TimeZone = string().min(1);
var CONDITION_NAMES = [
  "eager",
  "on_missing",
  "manual",
  "missing",
  "stale",
  "code_changed",
  "deps_updated"
];
var CONDITION_OPERATORS = ["on_cron", "cron", "all", "any", "not"];
var cronField = CronSpec.describe(
  "A five-field cron expression as GitHub schedules take it: minute hour day month weekday."
);
var tzField = TimeZone.describe(
  "IANA time zone of the cron expression, e.g. Europe/Berlin. Default: UTC."
).optional();
var Condition = lazy(
  () => union([
    _enum(CONDITION_NAMES),
    strictObject({ on_cron: cronField, tz: tzField }).describe("Fires once per cron tick, after the dependencies have updated."),
    strictObject({ cron: cronField, tz: tzField }).describe("True when a cron tick has passed since the asset was last handled."),
    strictObject({ all: array(Condition).min(1) }).describe("True when every condition is."),
    strictObject({ any: array(Condition).min(1) }).describe("True when any condition is."),
    strictObject({ not: Condition }).describe("True when the condition is false.")
  ])
).meta({
  id: "condition",
  title: "Automation condition",
  description: "When the asset is materialized: eager, on_missing, manual, {on_cron: EXPR, tz: ZONE}, or a composition with all/any/not."
});
var Direction = _enum(["minimize", "maximize"]);
var Metrics = strictObject({
  primary: string().min(1),
  direction: Direction,
  /**
   * Directions of the other metrics: report marks, and promotion on a metric other than the primary.
   * The primary's is `direction`; listing it here with the other direction is refused (validate.ts).
   */
  directions: record(string(), Direction).optional()
});
var Check = strictObject({
  name: string().min(1).optional(),
  description: string().optional(),
  /** `mae < 70`: a metric compared with a number (< <= > >= == !=). */
  metric: string().min(1).optional(),
  /** An output that must exist and be non-empty, and match `json-schema` when given. */
  output: string().min(1).optional(),
  "json-schema": string().min(1).optional(),
  /** A command whose exit code is the verdict. */
  command: string().min(1).optional(),
  /** A failed blocking check fails the materialization (Dagster's default: not blocking). */
  blocking: boolean().default(false)
}).superRefine((check, ctx) => {
  const kinds = ["metric", "output", "command"].filter((k) => check[k] !== void 0);
  if (kinds.length === 0) {
    ctx.addIssue({ code: "custom", message: "a check needs one of `metric`, `output` or `command`" });
  } else if (kinds.length > 1) {
    ctx.addIssue({
      code: "custom",
      message: `a check takes exactly one of \`metric\`, \`output\` or \`command\`, not ${kinds.map((k) => `\`${k}\``).join(" and ")}`
    });
  }
  if (check["json-schema"] !== void 0 && check.output === void 0) {
    ctx.addIssue({ code: "custom", message: "`json-schema` goes with `output`", path: ["json-schema"] });
  }
});
var Promote = strictObject({
  alias: Name.default("champion"),
  /** Defaults to the primary metric. */
  metric: string().min(1).optional(),
  /** Absolute margin by which the candidate must beat the alias holder. */
  "min-delta": number().nonnegative().optional(),
  /** Relative margin (0.02 = 2 %) by which the candidate must beat the alias holder. */
  "min-relative": number().nonnegative().optional(),
  /** The metric must be at least this good (<= for minimize, >= for maximize) to be promoted at all. */
  threshold: number().optional(),
  /** Narrows the prod branches on which this asset promotes; default: every prod branch. */
  branches: array(string().min(1)).min(1).optional()
});
var StoreKind = _enum(["cache", "artifact", "release"]);
var d = (schema, description) => schema.describe(description);
var Asset = strictObject({
  description: d(string(), "What the asset is, shown in reports.").optional(),
  group: d(Name, "A group name, selectable as group:NAME.").optional(),
  deps: d(
    array(DependencyRef),
    "Assets and sources this asset reads; their outputs are restored before `run`. `ASSET@ALIAS` (model@champion) reads the version the alias names, and follows it: only a promotion moves this asset."
  ).default([]),
  code: d(
    array(string().min(1)),
    "Files (globs) inside the manifest's folder whose content is the code version (matched as `inputs` are: a submodule counts by its commit); declared outputs and `.kiln/` never count."
  ).default([]),
  "code-version": d(
    string().min(1),
    "An explicit code version; replaces the hash of `run` and `code`."
  ).optional(),
  inputs: d(
    array(string().min(1)),
    "Data files (globs) inside the manifest's folder whose content is part of the version: tracked or untracked, or gitignored when a pattern matches nothing else; a symbolic link counts by its target, a submodule by its commit."
  ).default([]),
  run: d(
    string().min(1),
    "The command that materializes the asset, run from the manifest's folder with the KILN_* variables."
  ),
  outputs: d(
    array(string().min(1)),
    "Files or directories the run writes, named as written (not globs), inside the manifest's folder (never `.kiln/` or `.git/`): cleared before the run, then stored and versioned. A directory is every regular file under it; a symbolic link under it fails the run, naming the link (the store keeps files' bytes, and a link's target may be outside the version): write or copy the file instead. The list is part of the logical version."
  ).default([]),
  config: d(ConfigMap, "Run config (KILN_CONFIG), part of the logical version.").default({}),
  env: d(EnvMap, "Environment variables for the run: plain values (versioned) or {secret: NAME}.").default(
    {}
  ),
  metrics: d(Metrics, "The primary metric and its direction.").optional(),
  checks: d(array(Check), "Checks run after each materialization.").default([]),
  promote: d(Promote, "Move an alias (champion) to a new version only when it is better.").optional(),
  automation: Condition.optional(),
  "runs-on": d(RunsOn, "Runner label(s) of the generated job. Default: ubuntu-latest.").optional(),
  timeout: d(
    Duration,
    "Time limit of the run, longer than zero: 90s, 30m, 2h or minutes. Default: 30m."
  ).optional(),
  retries: d(
    number().int().min(0).max(10),
    "Times the step is run again after it exits non-zero, is killed or times out, for a flaky run (a lost connection, a process killed for lack of memory); not after a cancel, nor after a step that exited 0 without its declared outputs, with unreadable metrics or a failed check: it ran to its end, and would end the same way again. Default: 0."
  ).optional(),
  "retry-failed": d(
    Duration,
    "Retry a failure at the same version automatically after this long (6h, 1d), doubling after each further failure (at most 7 days). Default: a failure is retried only when something changes or the asset is selected."
  ).optional(),
  "pull-requests": d(boolean(), "Materialize on pull requests when stale. Default: true.").optional(),
  store: d(
    StoreKind,
    "Where versions are kept on GitHub. Default: artifact when promoted, else cache."
  ).optional(),
  "retention-days": d(number().int().min(1).max(90), "Artifact retention in days. Default: 90.").optional()
});
var Source = strictObject({
  description: string().optional(),
  group: Name.optional(),
  /** A command that prints the source's current version. */
  observe: string().min(1).optional(),
  /** Files (globs) whose content is the source's version. */
  inputs: array(string().min(1)).optional()
}).refine((s) => s.observe !== void 0 || s.inputs !== void 0, {
  message: "a source needs `observe` (a command printing its version) or `inputs` (files)"
});
var Step = looseObject({
  name: string().optional(),
  id: string().optional(),
  if: string().optional(),
  uses: string().optional(),
  run: string().optional(),
  shell: string().optional(),
  with: record(string(), union([string(), number(), boolean()])).optional(),
  env: record(string(), union([string(), number(), boolean()])).optional(),
  "working-directory": string().optional()
});
var Environment = strictObject({
  description: string().optional(),
  /** Branches that select this environment (and promote, for prod). */
  branches: array(string().min(1)).optional(),
  /** Config overrides per asset: `{ model: { n_estimators: 20 } }`. */
  config: record(Name, ConfigMap).optional(),
  env: EnvMap.optional()
});
var Alerts = strictObject({
  slack: strictObject({ "webhook-secret": string().regex(SECRET_NAME_PATTERN) }).optional(),
  "github-issue": union([boolean(), strictObject({ labels: array(string().min(1)).default([]) })]).optional()
});
var Site = strictObject({
  pages: d(
    boolean(),
    "Publish the history site to GitHub Pages after each run on the default branch (a `kiln-pages` job)."
  ).default(false),
  title: d(string().min(1).max(200), "The site's title. Default: the project name.").optional()
});
var Defaults = strictObject({
  "runs-on": RunsOn.optional(),
  timeout: Duration.optional(),
  retries: number().int().min(0).max(10).optional(),
  "retry-failed": Duration.optional(),
  "pull-requests": boolean().optional(),
  automation: Condition.optional(),
  env: EnvMap.optional(),
  "retention-days": number().int().min(1).max(90).optional()
});
var Manifest = strictObject({
  version: d(literal(1), "The manifest format version: 1."),
  name: d(
    Name,
    "The project name ([a-z][a-z0-9_-]*): its namespace in the ledger and its workflow file. Default: the manifest's folder relative to the repository's top level (ml/fraud \u2192 ml-fraud), or the top level's folder name."
  ).optional(),
  defaults: d(Defaults, "Defaults for every asset.").default({}),
  setup: d(
    array(Step),
    "Workflow steps prepended to every generated asset job, and to the plan and report jobs when a source has `observe` (which runs there)."
  ).default([]),
  sources: d(record(string(), Source), "External data: observed, never built.").default({}),
  assets: d(record(string(), Asset), "The assets Kiln builds, by name ([a-z][a-z0-9_-]*)."),
  environments: d(record(Name, Environment), "Per-environment config and env (dev, prod).").default({}),
  alerts: d(Alerts, "Where failures are reported.").optional(),
  site: d(Site, "The static history site (`kiln site`) and its publication to GitHub Pages.").optional()
}).meta({ title: "Kiln manifest (kiln.yml)" });

export {
  NAME_PATTERN,
  Name,
  CONDITION_NAMES,
  CONDITION_OPERATORS,
  Manifest
};
