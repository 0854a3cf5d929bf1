// Semantic checks that the schema alone cannot express: names, references, conditions, checks,
// environments. Graph checks (cycles, outputs) live in validate-graph.ts. Every check adds to one
// list so that the user sees every problem at once.
import { checkCronExpression, isTimeZone } from "./cron-check.js";
import type { Diagnostic } from "./diagnostics.js";
import { expressionDiagnostics } from "./expression-check.js";
import type { Locator } from "./load.js";
import {
  aliasReadsAsVersion,
  DEFAULT_PROMOTING_BRANCHES,
  METRIC_EXPRESSION,
  metricNameProblem,
  type Project,
  type SourceLocation,
} from "./project.js";
import type { ConditionInput, Manifest } from "./schema.js";
import { NAME_PATTERN } from "./schema.js";
import { closest } from "./suggest.js";
import { cycleDiagnostics, dependencyDiagnostics, outputDiagnostics } from "./validate-graph.js";
import { pathDiagnostics } from "./validate-paths.js";

type Path = (string | number)[];

/** Generated workflow jobs are called kiln-plan, kiln-report, ...: an asset must not take their ids. */
export const RESERVED_NAME_PREFIX = "kiln-";
/** Kiln sets KILN_ASSET, KILN_CONFIG, ... for every step; the manifest must not shadow them. */
export const RESERVED_ENV_PREFIX = "KILN_";

export function validateProject(project: Project, manifest: Manifest, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (
    reason: string,
    message: string,
    location = locator.locate([]),
    hint?: string,
    related?: Diagnostic["related"],
  ) => diagnostics.push({ severity: "error", reason, message, location, hint, related });

  // Names.
  for (const section of ["sources", "assets"] as const) {
    const kind = section === "assets" ? "asset" : "source";
    for (const name of Object.keys(manifest[section])) {
      if (!NAME_PATTERN.test(name)) {
        const lower = name
          .toLowerCase()
          .replace(/[^a-z0-9_-]/g, "_")
          .replace(/^[^a-z]+/, "");
        error(
          "invalid-name",
          `invalid ${kind} name "${name}": names must match [a-z][a-z0-9_-]*`,
          locator.locateKey([section, name]),
          lower && lower !== name ? `try "${lower}"` : undefined,
        );
      } else if (name.startsWith(RESERVED_NAME_PREFIX)) {
        error(
          "reserved-name",
          `${kind} name "${name}" is reserved: names starting with "${RESERVED_NAME_PREFIX}" belong to Kiln's generated jobs`,
          locator.locateKey([section, name]),
        );
      }
    }
  }
  for (const name of Object.keys(manifest.assets)) {
    if (name in manifest.sources) {
      error(
        "duplicate-name",
        `"${name}" is both a source and an asset`,
        locator.locateKey(["assets", name]),
        "give one of them another name",
        [{ ...locator.locateKey(["sources", name]), message: "the source is declared here" }],
      );
    }
  }

  /** `deps: [model@champion]`: the dependency must be an asset whose `promote` moves that alias. */
  const aliasDependency = (name: string, dep: string, alias: string, at: SourceLocation): void => {
    const source = project.sources.get(dep);
    if (source) {
      error(
        "alias-dependency-on-source",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" is a source: sources are observed, they have no versions or aliases`,
        at,
        `depend on "${dep}"`,
      );
      return;
    }
    const target = project.assets.get(dep);
    if (!target) return; // reported as an unknown dependency
    if (!target.promote) {
      error(
        "alias-dependency-without-promote",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" has no \`promote\`, so no version of it ever holds an alias`,
        at,
        `add \`promote: { alias: ${alias} }\` to "${dep}", or depend on "${dep}" (its newest version)`,
        [{ ...target.location, message: `"${dep}" is declared here` }],
      );
      return;
    }
    if (target.promote.alias !== alias) {
      error(
        "unknown-alias",
        `asset "${name}" depends on ${dep}@${alias}, but "${dep}" has no alias "${alias}": its \`promote\` moves "${target.promote.alias}"`,
        at,
        `did you mean "${dep}@${target.promote.alias}"?`,
        [{ ...locator.locate(["assets", dep, "promote"]), message: "the promotion is declared here" }],
      );
    }
  };

  // Dependencies and the graph (validate-graph.ts also runs them on manifests the schema rejects).
  diagnostics.push(
    ...dependencyDiagnostics(project, locator),
    ...cycleDiagnostics(project, locator),
    ...outputDiagnostics(project, locator),
    ...pathDiagnostics(project, locator),
    ...expressionDiagnostics(manifest, locator),
  );
  for (const asset of project.assets.values()) {
    const first = new Set<string>();
    asset.deps.forEach((dep, index) => {
      const alias = asset.depAliases[dep];
      if (first.has(dep) || alias === undefined) return;
      first.add(dep);
      aliasDependency(asset.name, dep, alias, locator.locate(["assets", asset.name, "deps", index]));
    });
  }

  // Automation: cron expressions and time zones, anywhere in a condition tree.
  const conditions: [ConditionInput | undefined, Path][] = [
    [manifest.defaults.automation, ["defaults", "automation"]],
    ...Object.entries(manifest.assets).map(([name, a]): [ConditionInput | undefined, Path] => [
      a.automation,
      ["assets", name, "automation"],
    ]),
  ];
  const visit = (condition: ConditionInput, at: Path): void => {
    if (typeof condition === "string") return;
    if ("on_cron" in condition || "cron" in condition) {
      const key = "on_cron" in condition ? "on_cron" : "cron";
      const expression = "on_cron" in condition ? condition.on_cron : condition.cron;
      const checked = checkCronExpression(expression);
      if (!checked.ok)
        error("invalid-cron", checked.error.message, locator.locate([...at, key]), checked.error.hint);
      if (condition.tz !== undefined && !isTimeZone(condition.tz)) {
        const zones = Intl.supportedValuesOf("timeZone");
        const suggestion = closest(condition.tz, zones);
        error(
          "unknown-time-zone",
          `unknown time zone "${condition.tz}"`,
          locator.locate([...at, "tz"]),
          suggestion
            ? `did you mean "${suggestion}"?`
            : "use an IANA name such as Europe/Berlin or America/New_York",
        );
      }
    } else if ("all" in condition)
      condition.all.forEach((c, i) => {
        visit(c, [...at, "all", i]);
      });
    else if ("any" in condition)
      condition.any.forEach((c, i) => {
        visit(c, [...at, "any", i]);
      });
    else visit(condition.not, [...at, "not"]);
  };
  for (const [condition, at] of conditions) if (condition !== undefined) visit(condition, at);

  // Checks, metrics and promotion.
  for (const [name, a] of Object.entries(manifest.assets)) {
    a.checks.forEach((check, i) => {
      if (check.metric !== undefined && !METRIC_EXPRESSION.test(check.metric)) {
        error(
          "invalid-metric-check",
          `metric check "${check.metric}" of asset "${name}" is not NAME OP NUMBER`,
          locator.locate(["assets", name, "checks", i, "metric"]),
          'write e.g. "mae < 70"; OP is one of < <= > >= == !=',
        );
      }
    });
    // Metric names: the rule a check reads them by, so a primary metric can always be checked.
    const metricNames: [string, Path][] = [
      ...(a.metrics ? [[a.metrics.primary, ["metrics", "primary"]] as [string, Path]] : []),
      ...Object.keys(a.metrics?.directions ?? {}).map((metric): [string, Path] => [
        metric,
        ["metrics", "directions", metric],
      ]),
      ...(a.promote?.metric !== undefined
        ? [[a.promote.metric, ["promote", "metric"]] as [string, Path]]
        : []),
    ];
    for (const [metric, at] of metricNames) {
      const problem = metricNameProblem(metric);
      if (problem === undefined) continue;
      const keyed = at[1] === "directions";
      error(
        "invalid-metric-name",
        `metric name ${JSON.stringify(metric)} of asset "${name}" ${problem}`,
        keyed ? locator.locateKey(["assets", name, ...at]) : locator.locate(["assets", name, ...at]),
        "name the metric as the step writes it to KILN_METRICS, without < > = ! and with no space at either end",
      );
    }
    const alias = a.promote?.alias;
    const aliasVersion = alias === undefined ? undefined : aliasReadsAsVersion(alias);
    if (aliasVersion !== undefined) {
      error(
        "alias-reads-as-version",
        `alias "${alias}" of asset "${name}" reads as a version: ${name}@${alias} means v${aliasVersion}, so no reference could name this alias`,
        locator.locate(["assets", name, "promote", "alias"]),
        "choose a name that is not v followed by digits, such as champion or production",
      );
    }
    if (a.promote && !a.metrics) {
      error(
        "promote-without-metrics",
        `asset "${name}" has \`promote\` but no \`metrics\`: promotion compares a metric and needs its direction`,
        locator.locateKey(["assets", name, "promote"]),
        "add `metrics: { primary: NAME, direction: minimize }` (or maximize)",
      );
    }
    // The primary's direction given twice, differently: promotion would read one and a report's
    // marks the other, calling the promoted model worse.
    const primaryAgain = a.metrics ? a.metrics.directions?.[a.metrics.primary] : undefined;
    if (a.metrics && primaryAgain !== undefined && primaryAgain !== a.metrics.direction) {
      error(
        "primary-direction-conflict",
        `asset "${name}" gives its primary metric ${a.metrics.primary} two directions: \`direction: ${a.metrics.direction}\` and \`directions: { ${a.metrics.primary}: ${primaryAgain} }\``,
        locator.locate(["assets", name, "metrics", "directions", a.metrics.primary]),
        `keep the one that is right in \`direction\` and remove ${a.metrics.primary} from \`directions\` (which are for the other metrics)`,
      );
    }
    // Promotion on another metric than the primary needs that metric's own direction: taking the
    // primary's would crown the worse model (accuracy compared as if lower were better).
    const promoteMetric = a.promote?.metric;
    if (
      a.metrics &&
      promoteMetric !== undefined &&
      promoteMetric !== a.metrics.primary &&
      a.metrics.directions?.[promoteMetric] === undefined &&
      metricNameProblem(promoteMetric) === undefined
    ) {
      error(
        "promote-metric-without-direction",
        `asset "${name}" promotes on metric "${promoteMetric}", which has no direction: the primary metric ${a.metrics.primary} is ${a.metrics.direction}d, and ${promoteMetric}'s direction is not given`,
        locator.locate(["assets", name, "promote", "metric"]),
        `add \`directions: { ${promoteMetric}: maximize }\` (or minimize) under the asset's metrics`,
      );
    }
  }

  // Environments and env variables.
  for (const [envName, env] of Object.entries(manifest.environments)) {
    for (const [assetName, override] of Object.entries(env.config ?? {})) {
      const asset = project.assets.get(assetName);
      if (asset) {
        diagnostics.push(
          ...overrideDiagnostics(asset.config, override, ["environments", envName, "config", assetName], {
            environment: envName,
            asset: assetName,
            locator,
          }),
        );
        continue;
      }
      const suggestion = closest(assetName, [...project.assets.keys()]);
      error(
        "unknown-asset-in-environment",
        `environment "${envName}" configures unknown asset "${assetName}"`,
        locator.locateKey(["environments", envName, "config", assetName]),
        suggestion ? `did you mean "${suggestion}"?` : undefined,
      );
    }
  }
  environmentBranchDiagnostics(manifest, locator, error);
  const envMaps: [Record<string, unknown> | undefined, Path][] = [
    [manifest.defaults.env, ["defaults", "env"]],
    ...Object.entries(manifest.assets).map(([n, a]): [Record<string, unknown>, Path] => [
      a.env,
      ["assets", n, "env"],
    ]),
    ...Object.entries(manifest.environments).map(([n, e]): [Record<string, unknown> | undefined, Path] => [
      e.env,
      ["environments", n, "env"],
    ]),
  ];
  for (const [env, at] of envMaps) {
    for (const key of Object.keys(env ?? {})) {
      if (key.toUpperCase().startsWith(RESERVED_ENV_PREFIX)) {
        error(
          "reserved-env",
          `environment variable "${key}" is reserved: Kiln sets the ${RESERVED_ENV_PREFIX}* variables itself`,
          locator.locateKey([...at, key]),
          "rename it",
        );
      }
    }
  }

  // Setup steps: GitHub requires exactly one of `uses` and `run`.
  manifest.setup.forEach((step, i) => {
    const kinds = [step.uses, step.run].filter((k) => k !== undefined).length;
    if (kinds !== 1) {
      error(
        "invalid-setup-step",
        kinds === 0 ? "a setup step needs `uses` or `run`" : "a setup step takes `uses` or `run`, not both",
        locator.locate(["setup", i]),
      );
    }
  });

  // Warnings.
  for (const asset of project.assets.values()) {
    if (asset.code.length === 0 && asset.codeVersion === undefined) {
      diagnostics.push({
        severity: "warning",
        reason: "no-code-version",
        message: `asset "${asset.name}" lists no \`code\` files and no \`code-version\`: changes to its script will not make it stale`,
        location: asset.location,
        hint: "list the script its `run` executes under `code:`, or set `code-version:`",
      });
    }
  }
  return diagnostics;
}

type ErrorSink = (
  reason: string,
  message: string,
  location: Diagnostic["location"],
  hint?: string,
  related?: Diagnostic["related"],
) => void;

/**
 * The branch rules of src/app/environment.ts, checked where they are written: a branch selects one
 * environment, and when an asset promotes, some branch must select prod (only prod promotes) and
 * every branch of its `promote.branches` must be one of prod's.
 */
function environmentBranchDiagnostics(manifest: Manifest, locator: Locator, error: ErrorSink): void {
  const owner = new Map<string, { env: string; at: Path }>();
  for (const [envName, env] of Object.entries(manifest.environments)) {
    (env.branches ?? []).forEach((branch, i) => {
      const at: Path = ["environments", envName, "branches", i];
      if (!isBranchName(branch)) {
        error(
          "branch-name",
          `branch ${JSON.stringify(branch)} of environment "${envName}" holds a space or a control character, which git allows in no branch name, so no branch would select it`,
          locator.locate(at),
          "list each branch by its name, as `git branch` shows it",
        );
        return;
      }
      if (isBranchPattern(branch)) {
        error(
          "branch-pattern",
          `branch "${branch}" of environment "${envName}" is a pattern, but environments and promotion select branches by their exact names, so no branch would select it`,
          locator.locate(at),
          "list each branch by its name (git branch names never contain * ? [ ])",
        );
        return;
      }
      const first = owner.get(branch);
      if (first && first.env !== envName) {
        error(
          "branch-in-two-environments",
          `branch "${branch}" selects both environment "${first.env}" and "${envName}"`,
          locator.locate(at),
          "a branch runs in one environment: keep it under one of them",
          [{ ...locator.locate(first.at), message: `"${first.env}" lists it here` }],
        );
      } else if (!first) owner.set(branch, { env: envName, at });
    });
  }
  const promoting = Object.entries(manifest.assets).filter(([, a]) => a.promote);
  if (promoting.length === 0) return;
  const prodDeclared = manifest.environments.prod?.branches ?? [];
  const [firstAsset] = promoting[0]!;
  if (prodDeclared.length === 0) {
    // Without its own branches, prod is the default branch; another environment listing it takes
    // the default branch away from prod, and then nothing ever promotes.
    for (const branch of DEFAULT_PROMOTING_BRANCHES) {
      const taken = owner.get(branch);
      if (!taken || taken.env === "prod") continue;
      error(
        "prod-unreachable",
        `environment "${taken.env}" takes branch "${branch}", the default branch, so no branch selects prod and asset "${firstAsset}" never promotes`,
        locator.locate(taken.at),
        `only prod promotes: rename "${taken.env}" to "prod", or list prod's branches under environments.prod.branches`,
        [{ ...locator.locateKey(["assets", firstAsset, "promote"]), message: "promotion declared here" }],
      );
    }
  }
  for (const [name, asset] of promoting) {
    (asset.promote?.branches ?? []).forEach((branch, i) => {
      if (isBranchPattern(branch)) {
        error(
          "branch-pattern",
          `branch "${branch}" of asset "${name}"'s promote.branches is a pattern, but environments and promotion select branches by their exact names, so it would never promote`,
          locator.locate(["assets", name, "promote", "branches", i]),
          "list each branch by its name (git branch names never contain * ? [ ])",
        );
        return;
      }
      const selects =
        owner.get(branch)?.env ??
        (prodDeclared.length === 0 && DEFAULT_PROMOTING_BRANCHES.includes(branch) ? "prod" : "dev");
      if (selects === "prod") return;
      error(
        "promote-branch-not-prod",
        `asset "${name}" promotes on branch "${branch}", but that branch selects environment "${selects}" and only prod promotes`,
        locator.locate(["assets", name, "promote", "branches", i]),
        prodDeclared.length > 0
          ? `add "${branch}" to environments.prod.branches, or remove it here`
          : `list prod's branches under environments.prod.branches (e.g. [${branch}]), or remove it here`,
      );
    });
  }
}

/**
 * A GitHub filter pattern rather than a branch name: git refuses `*`, `?` and `[` in ref names, so
 * such an entry can only have been meant as a pattern, which the workflow's push filter would
 * honour while Kiln, comparing names, ran those pushes as dev.
 */
const isBranchPattern = (branch: string): boolean => /[*?[\]]/.test(branch);
/**
 * Git allows no space or control character in a ref name (git-check-ref-format). The generated
 * workflow writes prod's branches into its push filter and its header comment, and a scheduled run
 * dispatches onto them by name: a line break there is no branch, only text.
 */
const isBranchName = (branch: string): boolean => !/[\s\u0000-\u001f\u007f]/.test(branch);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An environment overrides config keys the asset declares; a key the asset does not have is
 * almost always a typo (`epoch` for `epochs`) that would silently change nothing the step reads.
 * Nested maps are compared key by key, as mergeConfig merges them.
 */
function overrideDiagnostics(
  base: unknown,
  override: unknown,
  at: Path,
  context: { environment: string; asset: string; locator: Locator },
): Diagnostic[] {
  if (!isPlainObject(base) || !isPlainObject(override)) return [];
  const found: Diagnostic[] = [];
  const keys = Object.keys(base);
  for (const [key, value] of Object.entries(override)) {
    if (key in base) {
      found.push(...overrideDiagnostics(base[key], value, [...at, key], context));
      continue;
    }
    const suggestion = closest(key, keys);
    const where = at.length > 4 ? `config.${at.slice(4).join(".")}` : "config";
    found.push({
      severity: "error",
      reason: "unknown-config-override",
      message: `environment "${context.environment}" overrides ${where}.${key} of asset "${context.asset}", which its config does not have`,
      location: context.locator.locateKey([...at, key]),
      hint: suggestion
        ? `did you mean "${suggestion}"?`
        : `declare ${key} in the asset's \`config\` first (the default); environments only override it`,
    });
  }
  return found;
}
