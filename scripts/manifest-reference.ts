// Writes docs/manifest.md from the zod schema of kiln.yml (through its JSON Schema), so the
// reference lists exactly the keys the loader accepts. `npx tsx scripts/manifest-reference.ts`
// rewrites it; test/docs/manifest-reference.test.ts checks it is current.
//
// Descriptions come from the schema's `.describe()` where it has one, else from DESCRIPTIONS
// below; defaults come from the schema's `.default()`, else from NORMALIZED_DEFAULTS, which
// mirrors what src/manifest/project.ts fills in. A key with neither description is a bug here:
// the generator throws so the test fails when someone adds a key without documenting it.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_RETENTION_DAYS, DEFAULT_RUNS_ON } from "../src/manifest/project.js";
import { manifestJsonSchema } from "../src/manifest/json-schema.js";

type JsonSchema = Record<string, unknown>;

/** Descriptions of keys whose zod schema has a comment but no `.describe()`. Paths use `*` for map keys and `[]` for list items. */
const DESCRIPTIONS: Record<string, string> = {
  "defaults.runs-on": "Runner label(s) of every generated job.",
  "defaults.timeout": "Time limit of every run: 90s, 30m, 2h or minutes.",
  "defaults.retries":
    "Times the step is run again after it exits non-zero, is killed or times out, for a flaky run (a lost connection, a process killed for lack of memory); not after a cancel, nor after a step that exited 0 without its declared outputs, with unreadable metrics or a failed check: it ran to its end, and would end the same way again.",
  "defaults.retry-failed":
    "Retry a failure at the same version automatically after this long, with backoff (see `assets.*.retry-failed`).",
  "defaults.pull-requests": "Materialize stale assets on pull requests.",
  "defaults.automation": "The automation condition of assets that give none.",
  "defaults.env": "Environment variables of every run (an asset's `env` wins per name).",
  "defaults.retention-days": "Artifact retention in days.",
  "setup[]": "A GitHub Actions step, as in a workflow's `steps:`; other step keys pass through.",
  "setup[].name": "The step's name.",
  "setup[].id": "The step's id.",
  "setup[].if": "A condition expression.",
  "setup[].uses": "An action to run.",
  "setup[].run": "A shell command.",
  "setup[].shell": "The shell of `run`.",
  "setup[].with": "The action's inputs.",
  "setup[].env": "Environment variables of the step.",
  "setup[].working-directory": "The directory of `run`.",
  "sources.*.description": "What the source is, shown in reports.",
  "sources.*.group": "A group name, selectable as group:NAME.",
  "sources.*.observe":
    "A command, run from the manifest's folder, that prints the source's current version (a hash, an ETag, a row count). Needs `observe` or `inputs`.",
  "sources.*.inputs": "Files (globs) whose content is the source's version. Needs `observe` or `inputs`.",
  "assets.*.automation":
    "When the asset is materialized; see [Automation conditions](#automation-conditions).",
  "assets.*.metrics.primary":
    "The metric that ranks versions and decides promotion, named as the step writes it to `KILN_METRICS` (`mae`, `val/loss`, `ndcg@10`; see [Checks](#checks) for the one rule on metric names).",
  "assets.*.metrics.direction": "Whether lower (`minimize`) or higher (`maximize`) is better.",
  "assets.*.metrics.directions":
    "Directions of the other metrics: for the better/worse marks in reports, and for promotion when `promote.metric` names one of them (required then). The primary's is `direction`: listing the primary here with the other direction is an error.",
  "assets.*.checks[].name": "The check's name in reports.",
  "assets.*.checks[].description": "A longer explanation, shown in reports.",
  "assets.*.checks[].metric":
    "A metric compared with a number: `mae < 70`, `val/loss <= 0.4` (operators `<` `<=` `>` `>=` `==` `!=`); everything before the operator is the metric's name.",
  "assets.*.checks[].output":
    "An output that must exist and be non-empty: a file of at least one byte, or a folder holding at least one file.",
  "assets.*.checks[].json-schema":
    "A JSON Schema file the `output` must match (only with `output`, which must then be a file: a folder fails the check): draft-07 (and draft-06), 2019-09 or 2020-12, as its `$schema` says; 2020-12 without one. `format` is asserted (date-time, email, uri…). `kiln validate` refuses a path that is not in the checkout, unless the asset or one of its dependencies declares it as an output.",
  "assets.*.checks[].command": "A command whose exit code is the verdict (0 passes).",
  "assets.*.checks[].blocking":
    "A failed blocking check fails the materialization; a non-blocking one only warns.",
  "assets.*.promote.alias":
    "The alias to move, e.g. champion or production; not `v` followed by digits, which `model@v2` reads as version 2.",
  "assets.*.promote.metric": "The metric compared.",
  "assets.*.promote.min-delta": "Absolute margin by which the candidate must beat the alias holder.",
  "assets.*.promote.min-relative":
    "Relative margin (0.02 = 2 %) by which the candidate must beat the alias holder.",
  "assets.*.promote.threshold":
    "The metric must be at least this good (<= when minimizing, >= when maximizing) to be promoted at all.",
  "assets.*.promote.branches":
    "Narrows the prod branches on which this asset promotes; a branch outside prod never promotes (see concepts.md).",
  "environments.*.description": "What the environment is for.",
  "environments.*.branches":
    "Branches that select this environment, by exact name (not patterns; a name with a space or a control character is an error, as git allows none). Only `prod` promotes, on its branches; a pull request runs in its base branch's environment. When `prod` lists branches other than the default branch, a scheduled run on the default branch dispatches its tick onto each of them (github.md §7).",
  "environments.*.config": "Config overrides per asset: `{ model: { n_estimators: 20 } }`.",
  "environments.*.env":
    "Environment variables of every run in this environment (over `defaults.env`; an asset's own `env` wins per name).",
  "alerts.slack": "Post failures to a Slack incoming webhook.",
  "alerts.slack.webhook-secret": "The name of the secret holding the webhook URL.",
  "alerts.github-issue.labels": "Labels of the issue.",
  "alerts.github-issue": "Open (or comment on) a GitHub issue on failure: `true`, or `{labels: [...]}`.",
};

/** Defaults that normalization (src/manifest/project.ts) fills in, where the schema has none. */
const NORMALIZED_DEFAULTS: Record<string, string> = {
  name: "the manifest's directory name",
  "assets.*.automation": "`defaults.automation`, else `eager`",
  "assets.*.runs-on": `\`defaults.runs-on\`, else \`${DEFAULT_RUNS_ON}\``,
  "assets.*.timeout": "`defaults.timeout`, else `30m`",
  "assets.*.retries": "`defaults.retries`, else `0`",
  "assets.*.retry-failed":
    "`defaults.retry-failed`, else never: only a change or a selection retries a failure",
  "assets.*.pull-requests": "`defaults.pull-requests`, else `true`",
  "assets.*.store": "`artifact` when the asset has `promote`, else `cache`",
  "assets.*.retention-days": `\`defaults.retention-days\`, else \`${DEFAULT_RETENTION_DAYS}\``,
  "assets.*.env": "`{}` (merged over `defaults.env` and the environment's `env`)",
  "assets.*.checks[].name": "the metric expression, the output (`build/model.json exists`) or the command",
  "assets.*.promote.metric": "`metrics.primary`",
  "assets.*.promote.branches": "every branch that selects `prod`",
  "defaults.runs-on": `\`${DEFAULT_RUNS_ON}\``,
  "defaults.timeout": "`30m`",
  "defaults.retries": "`0`",
  "defaults.pull-requests": "`true`",
  "defaults.automation": "`eager`",
  "defaults.retention-days": `\`${DEFAULT_RETENTION_DAYS}\``,
};

const REF_NAMES: Record<string, string> = {
  "#/$defs/condition": "[condition](#automation-conditions)",
  "#/$defs/json-value": "JSON value",
};

const NAME_RE = "^[a-z][a-z0-9_-]*$";

function typeOf(schema: JsonSchema): string {
  const ref = schema.$ref;
  if (typeof ref === "string") return REF_NAMES[ref] ?? ref;
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(typeOf).join(" or ");
  switch (schema.type) {
    case "string":
      if (schema.pattern === NAME_RE) return "name";
      if (typeof schema.pattern === "string" && schema.pattern.includes("(s|m|h)"))
        return "duration (`90s`, `30m`, `2h`)";
      return "string";
    case "number":
      return typeof schema.exclusiveMinimum === "number" ? "number (minutes)" : "number";
    case "integer": {
      const range =
        typeof schema.minimum === "number" && typeof schema.maximum === "number"
          ? ` ${schema.minimum}–${schema.maximum}`
          : "";
      return `integer${range}`;
    }
    case "boolean":
      return "boolean";
    case "array":
      return `list of ${typeOf(schema.items as JsonSchema)}`;
    case "object":
      if (schema.properties !== undefined) {
        if ((schema.properties as JsonSchema).secret !== undefined) return "`{secret: NAME}`";
        return "object";
      }
      return `map of ${keyType(schema)} → ${typeOf(schema.additionalProperties as JsonSchema)}`;
    default:
      return "any";
  }
}

function keyType(schema: JsonSchema): string {
  const names = schema.propertyNames as JsonSchema | undefined;
  if (names?.pattern === NAME_RE) return "name";
  if (typeof names?.pattern === "string") return "NAME";
  return "string";
}

interface Row {
  key: string;
  type: string;
  required: boolean;
  default: string;
  description: string;
}

interface Section {
  path: string;
  title: string;
  rows: Row[];
}

/** The object schema inside a list or map, if its items are objects with keys of their own. */
function nested(schema: JsonSchema): { schema: JsonSchema; suffix: string } | undefined {
  if (
    schema.type === "object" &&
    schema.properties !== undefined &&
    !("secret" in (schema.properties as JsonSchema))
  )
    return { schema, suffix: "" };
  if (schema.type === "array") {
    const items = schema.items as JsonSchema;
    if (items.type === "object" && items.properties !== undefined) return { schema: items, suffix: "[]" };
  }
  if (schema.type === "object" && schema.properties === undefined) {
    const values = schema.additionalProperties as JsonSchema | undefined;
    if (values?.type === "object" && values.properties !== undefined) return { schema: values, suffix: ".*" };
  }
  if (Array.isArray(schema.anyOf)) {
    for (const option of schema.anyOf as JsonSchema[]) {
      const inner = nested(option);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

function describe(pathKey: string, schema: JsonSchema): string {
  const text =
    DESCRIPTIONS[pathKey] ?? (typeof schema.description === "string" ? schema.description : undefined);
  if (text === undefined)
    throw new Error(`manifest reference: no description for ${pathKey}; add one to DESCRIPTIONS`);
  // Defaults are in their own column; the schema's "Default: …" sentences would repeat them.
  return text.replace(/\s*Default: [^.]*\.$/, "");
}

function defaultOf(pathKey: string, schema: JsonSchema): string {
  const normalized = NORMALIZED_DEFAULTS[pathKey];
  if (normalized !== undefined) return normalized;
  if (schema.default !== undefined) return `\`${JSON.stringify(schema.default)}\``;
  return "";
}

function collect(schema: JsonSchema, pathKey: string, title: string, sections: Section[]): void {
  const properties = schema.properties as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const section: Section = { path: pathKey, title, rows: [] };
  sections.push(section);
  const children: Array<() => void> = [];
  for (const [key, child] of Object.entries(properties)) {
    const childPath = pathKey === "" ? key : `${pathKey}.${key}`;
    const inner = nested(child);
    const innerPath = inner === undefined ? undefined : `${childPath}${inner.suffix}`;
    section.rows.push({
      key: innerPath === undefined ? `\`${key}\`` : `[\`${key}\`](#${anchor(innerPath)})`,
      type: typeOf(child),
      required: required.has(key) && child.default === undefined,
      default: defaultOf(childPath, child),
      description: describe(childPath, child),
    });
    if (inner !== undefined && innerPath !== undefined)
      children.push(() => collect(inner.schema, innerPath, innerPath, sections));
  }
  for (const child of children) child();
}

function anchor(pathKey: string): string {
  return pathKey.toLowerCase().replace(/[^a-z0-9 _-]/g, "");
}

function cell(text: string): string {
  // Escape pipes for the table, but not the ones typeOf already escaped.
  return text.replace(/(?<!\\)\|/g, "\\|");
}

function renderSection(section: Section): string {
  const intro = SECTION_INTROS[section.path];
  const lines = [`### ${section.title === "" ? "Top level" : `\`${section.title}\``}`, ""];
  if (intro !== undefined && intro !== "") lines.push(intro, "");
  lines.push("| key | type | required | default | description |", "| --- | --- | --- | --- | --- |");
  for (const row of section.rows)
    lines.push(
      `| ${row.key} | ${cell(row.type)} | ${row.required ? "yes" : ""} | ${cell(row.default)} | ${cell(row.description)} |`,
    );
  return lines.join("\n");
}

const SECTION_INTROS: Record<string, string> = {
  defaults: "Values every asset inherits unless it sets its own.",
  "setup[]":
    "Steps run before Kiln in every generated asset job (install a toolchain, log in to a registry).",
  "sources.*": "A source is external data Kiln observes but never builds. Key: the source's name.",
  "assets.*": "An asset is something Kiln builds: a data set, a model, an evaluation. Key: the asset's name.",
  "assets.*.metrics": "Which metric ranks the asset's versions.",
  "assets.*.checks[]":
    "Each check takes exactly one of `metric`, `output` or `command`; see [Checks](#checks).",
  "assets.*.promote": "Moves an alias to a new version only when it beats the current holder.",
  "environments.*": "Key: the environment's name. `prod` is the one whose branches promote.",
  alerts:
    "Where failures are reported: every asset that failed or was cancelled in a run — a step that failed, and on GitHub also a job that failed before Kiln could record anything (a `setup` step, `timeout-minutes`, a lost runner), named with a link to its log. See [docs/github.md](github.md#alerts-every-failure).",
};

const HEADER = `# Manifest reference (\`kiln.yml\`)

Generated from the zod schema in \`src/manifest/schema.ts\` by \`scripts/manifest-reference.ts\`
(\`npx tsx scripts/manifest-reference.ts\`); a test keeps it current. Editors can validate
\`kiln.yml\` with the JSON Schema printed by \`kiln schema\`.

Keys are kebab-case like GitHub's workflow syntax; automation condition names are snake_case.
Names of assets, sources, groups and environments match \`[a-z][a-z0-9_-]*\` (they become job ids,
file names and Mermaid node ids). Unknown keys are errors, with a "did you mean" suggestion.

A minimal manifest:

\`\`\`yaml
version: 1
assets:
  model:
    run: python train.py
    outputs: [model.json]
\`\`\`

## Keys
`;

const PROSE = `
## Automation conditions

\`automation\` says when an asset is materialized. A tick (a push, a schedule event, a dispatch,
\`kiln run\`) evaluates each asset's condition; \`kiln plan --explain ASSET\` prints the evaluated
tree with the facts behind every node. Default: \`eager\`. The tick's event and time are explicit
(\`--event\`, \`--now\`), and everything a tick writes (records, failures, alias moves, cursors)
carries the tick's time, so a sequence of \`--now\` runs replays a calendar exactly.

Conditions are event-based, as in Dagster. **Since last handled** means: since the asset's newest
materialization or failure at a version (a cancelled attempt handles nothing, nor does a failure
at no version: see below), or — for a cron condition — since the tick that requested it,
whichever is later. \`kiln plan --explain\` shows that since-point.

A cron tick is handled by its request's **outcome**, not by the plan that made it. \`kiln run\`
records the tick only for the assets it materialized, that failed, or that it found fresh: a
retrain skipped because its dependency failed, or a run stopped before it, keeps the tick, and the
next tick after the dependency is fixed runs it. So does a retrain that failed before its version
was known (a dependency stale or never built, an alias naming no version): its step never ran, so
the failure handles no tick; \`kiln status\` shows it as \`last run failed (…)\`. A failure at its
version before the step (a secret not set, a dependency's bytes that cannot be restored) is a
failure like any other: it handles the tick, and \`retry-failed\` retries it. On GitHub the plan job records the tick before any
asset job runs, as a request of its workflow run: it handles the tick only once the asset has a
materialization or a failure after it, so a cancelled or skipped asset job leaves the tick to the
next run, and "Re-run all jobs" plans the asset again in the same run (a duplicate delivery of a
tick whose request ran still plans nothing). A failure whose \`retry-failed\` retry is due opens the
tick again: a failed daily pull is retried that day, not the next.

| condition | true when |
| --- | --- |
| \`eager\` | the asset is missing or stale (its code, config, inputs or a dependency changed) and has not been handled at that version, or a dependency runs in the same tick; and its dependencies are ready |
| \`on_missing\` | the asset has never been materialized and has not failed at this version, and its dependencies are present: materialized (fresh or stale: the run reads a stale one's current version, unless its bytes are in no store) or planned in this tick |
| \`manual\` | the asset is selected explicitly (\`kiln run ASSET\`, or a manual workflow run naming it) |
| \`missing\` | the asset has no materialization and has not failed at this version |
| \`stale\` | the asset is stale for any reason and has not failed at this version |
| \`code_changed\` | its code version differs from the one it last handled |
| \`deps_updated\` | a dependency's data version differs from the one the asset last handled, or a dependency is planned in this tick |
| \`{on_cron: EXPR, tz: ZONE}\` | a cron tick has passed since the asset was last handled **and** every dependency has updated since that tick or is planned in this tick (Dagster's \`on_cron\`; a source, or a dependency read through an alias such as \`model@champion\`, counts as updated when the version it gives is new to the asset); missed ticks coalesce into one run |
| \`{cron: EXPR, tz: ZONE}\` | a cron tick has passed since the asset was last handled |
| \`{all: [...]}\` / \`{any: [...]}\` / \`{not: C}\` | composition |

What a tick does:

- **A materialization request is a request.** An asset that runs for a reason other than
  staleness — a cron tick (\`cron\`, or \`on_cron\` on a root asset or on one not fresh at the tick),
  an explicit selection (\`kiln run model\`, the dispatch form's \`assets\`), or \`force\` —
  materializes even when a record with its logical version exists. A cron tick on a root asset
  (one without asset dependencies, such as a daily data pull) therefore runs it once per tick.
  Early cutoff still protects its dependants: when the new bytes equal the old ones, the data
  version does not move and nothing downstream runs. That holds for an \`on_cron\` asset with asset
  dependencies too: fresh at its tick, it runs only if a dependency's data version moves (a
  weekly model is not retrained on a snapshot pulled again with the same bytes); met that way,
  its tick is handled, and the run shows it \`fresh\` (\`upstream data unchanged (early cutoff)\`).
  An asset planned because it is stale (or because its upstream runs) is checked again once its
  upstream ran, and stops there if its logical version then matches an existing record. In a
  workflow run the plan job's \`force\` output lists the requests only; every other asset's job
  decides at run time in the same way, and records a tick its asset met by early cutoff.
- **A failure is handled.** When an asset fails at a logical version, later ticks do not retry
  it: \`kiln run\` and the plan say "model failed at this version on …; not retried automatically —
  \`kiln run model\` retries". It runs again when something changes its logical version (code,
  config, inputs, a dependency's data version), when it is selected explicitly, when a new cron
  tick requests it, or when its \`retry-failed\` policy says so (\`retry-failed: 6h\`: the first retry
  after 6 hours, then 12, 24, … at most 7 days apart). Alerts fire once per failure, not per tick:
  a retry that fails again at the same version is not alerted again.
- **A source that cannot be observed** (its \`observe\` command fails) makes only its dependants
  wait, with the command's stderr as the reason (its last lines, every secret Kiln knows in the
  job masked as \`***\`); every other asset runs, and the failure is alerted once, by the run that
  first saw it.

Cron expressions have five fields (minute hour day month weekday), as GitHub's \`schedule\`
takes them; \`tz\` is an IANA zone, default UTC. \`kiln generate\` turns every cron of the manifest
into a \`schedule:\` trigger of the workflow. A due \`retry-failed\` retry needs a tick too: when
any asset has \`retry-failed\`, the workflow also runs hourly at minute 41 (\`41 * * * *\`), or every
15 minutes (\`7-59/15 * * * *\`) when some asset retries sooner than an hour; such a tick runs only
what is due, so a retry waits at most that long after it is due.

Retrain weekly after the features refresh, and right away when there is no model yet:

\`\`\`yaml
assets:
  model:
    run: python train.py
    deps: [features]
    automation:
      any:
        - { on_cron: "17 3 * * 1", tz: Europe/Berlin }
        - on_missing
\`\`\`

Rebuild when the asset's own code changes, not because upstream data moved; build the first
version when there is none. A rebuild reads upstream as it is then; a change of config or inputs
alone waits for the next code change or a run by hand (\`kiln run ASSET\`). Not
\`{ all: [stale, { not: deps_updated }] }\`: \`deps_updated\` stays true until the asset runs,
so once upstream moved that never fires again.

\`\`\`yaml
    automation: { any: [on_missing, code_changed] }
\`\`\`

A daily data pull and a weekly retrain, retrying a failed pull after an hour:

\`\`\`yaml
assets:
  snapshot:
    run: python pull.py
    outputs: [data/snapshot.parquet]
    automation: { on_cron: "0 6 * * *", tz: Europe/Berlin }
    retry-failed: 1h
  model:
    run: python train.py
    deps: [snapshot]
    automation: { cron: "0 7 * * 1", tz: Europe/Berlin }
\`\`\`

Try a condition against a past or future tick without waiting for it:

\`\`\`sh
kiln plan --explain model --event schedule --now 2026-11-30T02:20:00Z
\`\`\`

## Checks

Checks run after each materialization and are recorded with the version. A check takes exactly
one of:

- \`metric: "EXPR"\` — a metric the step reported, compared with a number: \`val_mae < 5\`,
  \`rows >= 300\`, \`r2 != 0\`, \`val/loss < 0.4\`, \`ndcg@10 > 0.5\`. Everything before the operator,
  spaces at either end aside, is the metric's name as the step writes it to \`KILN_METRICS\`
  (\`top 5 accuracy >= 0.9\` checks \`top 5 accuracy\`). One rule says what a metric name is, for
  checks and for \`metrics.primary\`, \`directions\` and \`promote.metric\` alike: any text but
  \`<\` \`>\` \`=\` \`!\` and control characters, with no space at either end — so every metric
  the manifest names can also be checked.
- \`output: PATH\` — the output must exist and be non-empty: a file of at least one byte, or a
  folder holding at least one file (empty subfolders do not count); with \`json-schema: FILE\`, its
  JSON must match that schema. A schema checks one JSON file, so a folder fails the check: for an
  output that is a folder, name a file inside it (\`output: build/model/config.json\`; a check's
  path need not be a declared output itself). The schema's \`$schema\` picks the draft: draft-07
  (draft-06 too), 2019-09 or 2020-12; without \`$schema\`, 2020-12. draft-04 is not read (rewrite it as draft-07:
  a boolean \`exclusiveMinimum\` or \`exclusiveMaximum\` becomes the number, and \`id\` becomes \`$id\`).
  \`format\` is asserted, as the drafts allow a validator to: \`date-time\`, \`date\`, \`time\`,
  \`duration\`, \`email\`, \`hostname\`, \`ipv4\`, \`ipv6\`, \`uri\`, \`uri-reference\`,
  \`uri-template\`, \`uuid\`, \`regex\`, \`json-pointer\`, \`relative-json-pointer\` and the OpenAPI
  number formats (\`int32\`, \`int64\`, \`float\`, \`double\`, \`byte\`), so a blocking check
  refuses \`"trained_at": "last tuesday"\` under \`format: date-time\`; a format outside that list is
  not asserted, and the check's message says so.
  The schema file is read from the checkout, so \`kiln validate\` refuses one that is not there,
  before a run trains and then fails the check. A schema the step itself or one of the asset's
  dependencies writes is fine when that asset declares it as an output (a dependency's outputs are
  restored before the step); when it only falls inside a dependency's output folder, \`kiln
  validate\` warns, since nothing says the step writes it; an output of an asset that is not a
  dependency is refused, since its outputs are not restored.
- \`command: CMD\` — run from the manifest's folder, with the step's variables; exit code 0 passes.

A failed check with \`blocking: true\` fails the materialization: the run is recorded as failed
and its version is never promoted. Without \`blocking\` (the default,
as in Dagster) a failed check is a warning in the report.

\`\`\`yaml
assets:
  model:
    run: python train.py
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    checks:
      - { metric: "mae < 70", blocking: true }
      - { output: build/model.json, json-schema: schemas/model.schema.json, blocking: true }
      - { name: no NaN predictions, command: python check_predictions.py }
\`\`\`

## Promotion

With \`promote\`, a successful version whose blocking checks passed becomes the alias holder
(\`champion\` by default) only when it beats the current holder on \`promote.metric\` by at least \`min-delta\` (absolute) and
at least \`min-relative\` (relative to the holder's value) — when both are given it must clear both —
and meets \`threshold\` if given — and only
in \`prod\`, on its branches, never on a pull request or under an \`--env\` override (the rules
table is in [concepts.md](concepts.md#environments-and-promotion)). The first qualifying version
takes the alias. \`kiln promote\` and \`kiln rollback\` move it by hand; \`kiln aliases\` shows every
move.

\`\`\`yaml
    metrics: { primary: mae, direction: minimize }
    promote: { alias: champion, min-delta: 0.5, threshold: 70 }
\`\`\`

## Run config at run time (experiments)

\`config\` is the committed run config. To try other values for one run without editing the
manifest, set them at run time — \`kiln run model --set model.max_depth=4 --set model.eta=0.1\`
locally, or the generated workflow's \`config\` dispatch input (\`model.max_depth=4 model.eta=0.1\`).
Each \`ASSET.KEY=VALUE\` must name a key the asset's config already has in the run's environment
(nested keys with dots: \`model.optimizer.lr=0.01\`); values are JSON, typed like the manifest's
(a string key takes the text as typed). A misspelt key or asset, or a value of the wrong type, is
an error with a did-you-mean, and nothing runs. Without a selection, the run materializes just the
assets whose config is set (and \`model+\` also runs their dependants).

Such a run is an **experiment**: its records carry the overrides (\`provenance.overrides\` and
\`context.experiment\`, shown by \`kiln history\` and in reports with 🧪), it is compared with the
champion, and it is **never promoted**. It never stands for the manifest's own version: outside
experiments, an experiment record — even one whose values equal the manifest's — is never fresh,
never the baseline of stale causes and never the dependency version other assets read; \`kiln
status\` afterwards shows the asset exactly as before, and the experiment consumes no cron tick.
`;

export function manifestReference(): string {
  const schema = manifestJsonSchema();
  const sections: Section[] = [];
  collect(schema, "", "", sections);
  return `${HEADER}\n${sections.map(renderSection).join("\n\n")}\n${PROSE}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.join(import.meta.dirname, "../docs/manifest.md"), manifestReference());
}
