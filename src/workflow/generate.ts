// Generates .github/workflows/kiln.yml from the manifest: triggers, a plan job, one job per asset
// (or per graph layer for large pipelines), a report job, least-privilege permissions.
//
// Security: nothing from the manifest reaches a `run:` string or a `${{ }}` expression except
// names that match [a-z][a-z0-9_-]* (assets) or [A-Za-z_][A-Za-z0-9_]* (secrets), validated by the
// schema. Config and plain env values never appear: the engine reads them from the manifest.
// Event data (dispatch inputs) reaches the action only through `with:`.
import { createTwoFilesPatch } from "diff";
import { stringify } from "yaml";
import { buildGraph } from "../graph/graph.js";
import {
  type AssetSpec,
  DEFAULT_PROMOTING_BRANCHES,
  PROD,
  type Project,
  prodBranches,
  prodFollowsDefaultBranch,
  resolveEnv,
  secretNames,
} from "../manifest/project.js";
import { assetJobId, LAYER_THRESHOLD, layerChunks, layerJobName, timeoutMinutes } from "./layers.js";
import { SCHEDULED_TICK_INPUT, scheduleDispatchBranches, scheduleEntries } from "./schedules.js";

export const DEFAULT_ACTION_REF = "kiln-ml/kiln@v1";
export const CHECKOUT = "actions/checkout@v4";
export const PLAN_JOB = "kiln-plan";
/** The plan job's display name, as the run's job list shows it. */
export const PLAN_JOB_NAME = "plan";
/** Where prod names branches the schedules do not run on: the job that dispatches their ticks. */
export const DISPATCH_JOB = "kiln-dispatch";
export const REPORT_JOB = "kiln-report";
export const PAGES_JOB = "kiln-pages";
export const UPLOAD_PAGES_ARTIFACT = "actions/upload-pages-artifact@v4";
export const DEPLOY_PAGES = "actions/deploy-pages@v4";

export interface GenerateOptions {
  /** The manifest's path relative to the repository root, with `/`. */
  manifestPath: string;
  actionRef?: string | undefined;
  workflowName?: string | undefined;
  /** Assets above which layer jobs replace one job per asset. */
  layerThreshold?: number | undefined;
  /**
   * The repository's default branch, when known: prod's branch when the manifest names none, as at
   * run time, and where schedules run (prod's other branches get their ticks by dispatch). Without
   * it, main and master are taken for it.
   */
  defaultBranch?: string | undefined;
}

type Step = Record<string, unknown>;
type Job = Record<string, unknown>;

/** GitHub starts no run for a workflow file larger than this (500 KiB), and says nothing. */
export const MAX_WORKFLOW_BYTES = 512_000;

const PLAN = `fromJSON(needs['${PLAN_JOB}'].outputs.plan)`;

// A job that failed or was cancelled (a timeout can end a job as cancelled while the run goes on)
// stops its dependants: they would otherwise build on a dependency that has no new version. Not a
// dependant of an alias (`model@champion`), which reads the version the alias names: see
// assetCondition, whose condition for it does without this `needs.*` test.
const UPSTREAM_OK =
  "!cancelled() && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled')";
// The dispatch form's run config reaches the action only through `with:`, never run text; it is
// empty for every other event.
const CONFIG_INPUT = "${{ inputs.config }}";

/**
 * The plan job's `aliases` output: the `asset@alias` dependencies whose alias named a version when
 * the plan was made (a JSON list; see action/plan.ts). Read as an empty list when absent.
 */
const NAMED_ALIASES = `fromJSON(needs['${PLAN_JOB}'].outputs.aliases || '[]')`;

/**
 * An asset job's condition. Its `needs` are the plan and its direct upstream assets only (a
 * `needs` on every upstream asset grows with the square of the chain's length). So that a failure
 * further up still skips it, each direct dependency must have succeeded, or not have been meant
 * to run in this run: a dependency the plan ran but that was skipped was skipped because of a
 * failure above it, and that propagates down the chain one job at a time.
 *
 * A dependency on an alias (`model@champion`) is read at the version the alias names, which a
 * failed or skipped model job leaves as it was: the dependant waits for that job (a promotion in
 * it moves the alias) and then runs whatever its result, while the alias named a version when the
 * plan was made; otherwise it has nothing to read and is skipped, as `kiln run` skips it
 * (run/executor.ts). Such a job cannot use `needs.*`, which covers the model job too.
 */
function assetCondition(
  asset: string,
  deps: readonly string[],
  aliases: Readonly<Record<string, string>>,
): string {
  const ran = (dep: string) =>
    `needs['${assetJobId(dep)}'].result == 'success' || ${PLAN}['${dep}'] != 'run'`;
  const aliased = deps.filter((dep) => aliases[dep] !== undefined);
  const terms =
    aliased.length === 0
      ? [UPSTREAM_OK, `${PLAN}['${asset}'] == 'run'`, ...deps.map((dep) => `(${ran(dep)})`)]
      : [
          "!cancelled()",
          `needs['${PLAN_JOB}'].result == 'success'`,
          `${PLAN}['${asset}'] == 'run'`,
          ...deps.map((dep) =>
            aliases[dep] === undefined
              ? `(${ran(dep)})`
              : `(${ran(dep)} || contains(${NAMED_ALIASES}, '${dep}@${aliases[dep]}'))`,
          ),
        ];
  return `\${{ ${terms.join(" && ")} }}`;
}

/**
 * `{"<job>": "${{ needs['<job>'].result }}", …}`: what each job ended as, for the report job, which
 * reports and alerts on a job that failed before Kiln could write a record (a setup step, the job's
 * timeout, a lost runner). Job ids are validated names; the values are GitHub's result words.
 */
function jobResults(jobIds: readonly string[]): string {
  return `{${jobIds.map((id) => `"${id}": "\${{ needs['${id}'].result }}"`).join(", ")}}`;
}

/**
 * A branch name as a literal in a GitHub filter pattern: `+`, `?`, `*`, `[`, `]` and a leading `!`
 * are pattern characters there, escaped with a backslash. Git allows `+` and `!` in branch names
 * (the manifest refuses the others as patterns: src/manifest/validate.ts).
 */
export function filterPatternLiteral(branch: string): string {
  return branch.replace(/[+?*[\]!\\]/g, "\\$&");
}

/**
 * The branches whose pushes run the workflow: those that select prod, by the rule the engine uses
 * (the repository's default branch when the manifest names none; main and master when that is not
 * known, so a repository whose default is master runs too), and those an asset promotes on. When
 * other environments claim the default branch and nothing names prod's, pushes to it still run
 * Kiln, in the environment that claims it: an empty list would run it on no push at all.
 */
export function promotingBranches(project: Project, defaultBranch?: string): string[] {
  const branches = new Set(prodBranches(project, defaultBranch));
  for (const asset of project.assets.values()) for (const b of asset.promote?.branches ?? []) branches.add(b);
  if (branches.size === 0)
    for (const b of defaultBranch ? [defaultBranch] : DEFAULT_PROMOTING_BRANCHES) branches.add(b);
  return [...branches].sort();
}

/**
 * The header line that says which default branch the push trigger was written for, when prod's
 * branches came from it: the reader sees why, and a checkout that cannot tell the default branch
 * (no origin/HEAD, as in many CI clones) reads it back (committedDefaultBranch) so that
 * `kiln generate --check` answers as where the file was written.
 */
const DEFAULT_BRANCH_LINE = "# prod: the repository's default branch, ";
const DEFAULT_BRANCH_TAIL = " (environments.prod.branches names none).";

/**
 * The header line that says why the dispatch job exists (and holds `actions: write`): GitHub runs
 * schedules on the default branch, and prod names others. It names the default branch the file was
 * written for, read back like the line above. Git allows no `:` in a branch name.
 */
const SCHEDULES_LINE = "# Schedules run on the default branch";
const UNKNOWN_DEFAULT = " (main or master; not known here)";

function schedulesLine(defaultBranch: string | undefined, branches: readonly string[]): string {
  return `${SCHEDULES_LINE}${defaultBranch ? `, ${defaultBranch}` : UNKNOWN_DEFAULT}: the dispatch job sends each tick onto prod's branch${branches.length > 1 ? "es" : ""} ${branches.join(", ")}.`;
}

/** The default branch a committed workflow was generated for, from its header; undefined when it says none. */
export function committedDefaultBranch(text: string): string | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    if (line.startsWith(DEFAULT_BRANCH_LINE) && line.endsWith(DEFAULT_BRANCH_TAIL))
      return line.slice(DEFAULT_BRANCH_LINE.length, -DEFAULT_BRANCH_TAIL.length) || undefined;
    if (line.startsWith(`${SCHEDULES_LINE}, `))
      return line.slice(SCHEDULES_LINE.length + 2, line.indexOf(":")) || undefined;
  }
  return undefined;
}

/**
 * The env of an asset job's Kiln step: each secret the job's assets read, mapped by name so the
 * engine finds it (`NAME: ${{ secrets.NAME }}`), and only where it belongs:
 *
 * - A secret that only the prod environment's `env` names is mapped for every event but
 *   `pull_request`. A pull request trains in its base branch's environment (prod, for a PR into
 *   main) with code that is not merged yet; it must not be able to read what guards production.
 *   GitHub already gives pull requests from forks no secrets; this keeps prod's from same-repository
 *   branches too, the way a protected GitHub environment keeps its secrets from unreviewed refs.
 *   A step that needs the secret fails with a message saying so; a secret a PR may use is declared
 *   in the asset's `env` or another environment's.
 * - In a layer job, where one job runs several assets as matrix legs, a secret is mapped only in
 *   the legs of the assets that read it (`matrix.asset == '…'`), never the union.
 * - Only the Kiln step gets them: checkout and the manifest's `setup` steps run without.
 *
 * Names are validated by the schema ([A-Za-z_][A-Za-z0-9_]* for secrets, [a-z][a-z0-9_-]* for
 * assets), so they are safe inside the expressions.
 */
function secretEnv(
  assets: readonly AssetSpec[],
  project: Project,
  matrix: boolean,
): Record<string, string> | undefined {
  const environments = [...new Set([...project.environments.keys(), PROD, "dev"])];
  const uses = new Map<string, { assets: Set<string>; onlyProd: boolean }>();
  for (const asset of assets) {
    for (const environment of environments) {
      for (const name of secretNames(resolveEnv(project, asset, environment))) {
        const use = uses.get(name) ?? { assets: new Set<string>(), onlyProd: true };
        use.assets.add(asset.name);
        // The same secret reached from an asset's own env or another environment is not prod's alone.
        const fromProd =
          environment === PROD &&
          !secretNames(asset.env).includes(name) &&
          secretNames(project.environments.get(PROD)?.env ?? {}).includes(name);
        if (!fromProd) use.onlyProd = false;
        uses.set(name, use);
      }
    }
  }
  if (uses.size === 0) return undefined;
  const entries = [...uses].sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(
    entries.map(([name, use]) => {
      const conditions: string[] = [];
      if (use.onlyProd) conditions.push("github.event_name != 'pull_request'");
      if (matrix && use.assets.size < assets.length) {
        const legs = [...use.assets].sort().map((asset) => `matrix.asset == '${asset}'`);
        conditions.push(legs.length === 1 ? legs[0]! : `(${legs.join(" || ")})`);
      }
      const secret = `secrets.${name}`;
      return [
        name,
        conditions.length === 0
          ? `\${{ ${secret} }}`
          : `\${{ ${conditions.join(" && ")} && ${secret} || '' }}`,
      ];
    }),
  );
}

/**
 * The manifest's `setup` steps for the plan and report jobs, which assess the project and so run
 * every source's `observe`: a command that needs what setup installs (a Python package, a CLI)
 * would fail there alone, leaving the source unavailable and its dependants waiting, while every
 * asset job has setup. Only when some source is observed: otherwise these jobs never run project
 * code, and a setup that installs a toolchain would cost every run minutes for nothing. Sources
 * name no secrets in the manifest, so these jobs get none.
 */
function observeSetup(project: Project): Step[] {
  const observed = [...project.sources.values()].some((source) => source.observe !== undefined);
  return observed ? project.setup : [];
}

function kilnStep(
  actionRef: string,
  manifest: string,
  withInputs: Record<string, string>,
  id?: string,
  env?: Record<string, string>,
): Step {
  return {
    ...(id ? { id } : {}),
    name: `kiln ${withInputs.command}`,
    uses: actionRef,
    with: { ...withInputs, manifest },
    ...(env ? { env } : {}),
  };
}

function checkout(fetchDepth?: number): Step {
  return fetchDepth === undefined
    ? { uses: CHECKOUT }
    : { uses: CHECKOUT, with: { "fetch-depth": fetchDepth } };
}

/** One job per asset, or one matrix job per layer of the graph (for large pipelines). */
export type WorkflowShape = "per-asset" | "layers";

export function generateWorkflowObject(
  project: Project,
  options: GenerateOptions,
  shape: WorkflowShape,
): Record<string, unknown> {
  const actionRef = options.actionRef ?? DEFAULT_ACTION_REF;
  const manifest = options.manifestPath;
  const schedules = scheduleEntries(project);
  // Prod's branches that see no schedule of their own: the dispatch job of a scheduled run
  // dispatches the tick onto each (action/schedule-dispatch.ts).
  const dispatches = scheduleDispatchBranches(project, options.defaultBranch);
  const layered = shape === "layers";
  const chunks = layered ? layerChunks(project) : [];

  const on: Record<string, unknown> = {
    push: { branches: promotingBranches(project, options.defaultBranch).map(filterPatternLiteral) },
    pull_request: {},
  };
  if (schedules.length > 0) on.schedule = schedules;
  on.workflow_dispatch = {
    inputs: {
      assets: {
        description: "Assets to materialize (model, +model, model+, group:NAME); empty for the plan's choice",
        type: "string",
        default: "",
      },
      force: { description: "Materialize the selection even when fresh", type: "boolean", default: false },
      config: {
        description:
          "Run config for this run only, an experiment never promoted: ASSET.KEY=VALUE (JSON values), several separated by spaces, e.g. model.max_depth=4 model.eta=0.1",
        type: "string",
        default: "",
      },
      ...(dispatches.length > 0
        ? {
            [SCHEDULED_TICK_INPUT]: {
              description:
                "Leave empty. Kiln's scheduled run on the default branch sets it to its tick's time when it starts this workflow on prod's branch",
              type: "string",
              default: "",
            },
          }
        : {}),
    },
  };

  const planOutputs: Record<string, string> = {
    plan: "${{ steps.plan.outputs.plan }}",
    force: "${{ steps.plan.outputs.force }}",
    // Why the plan failed, for the report job's headline.
    error: "${{ steps.plan.outputs.error }}",
  };
  for (const chunk of chunks) planOutputs[chunk.output] = `\${{ steps.plan.outputs['${chunk.output}'] }}`;
  // Read by the conditions of dependants of an alias (assetCondition); layer legs read the alias.
  if (!layered && [...project.assets.values()].some((asset) => Object.keys(asset.depAliases).length > 0))
    planOutputs.aliases = "${{ steps.plan.outputs.aliases }}";
  const jobs: Record<string, Job> = {
    [PLAN_JOB]: {
      name: PLAN_JOB_NAME,
      "runs-on": "ubuntu-latest",
      // contents: write — the plan commits the automation cursors to the kiln-ledger branch.
      permissions: { contents: "write" },
      outputs: planOutputs,
      steps: [
        // Two commits: a pull request is checked out as GitHub's merge of it into its base, whose
        // first parent (the base's tip) tells the plan what the pull request changes.
        checkout(2),
        ...observeSetup(project),
        kilnStep(
          actionRef,
          manifest,
          {
            command: "plan",
            selection: "${{ inputs.assets }}",
            force: "${{ inputs.force || false }}",
            config: CONFIG_INPUT,
          },
          "plan",
        ),
      ],
    },
  };

  if (dispatches.length > 0)
    // actions: write, to start the workflow on prod's other branches with the tick: on schedule
    // events only, in a job of its own, so that no other job (the plan job runs the manifest's
    // observe commands, on pull requests too) holds it. Beside the plan job, not after it: prod's
    // branch gets its tick even when planning here fails.
    jobs[DISPATCH_JOB] = {
      name: "dispatch schedule tick",
      if: "github.event_name == 'schedule'",
      "runs-on": "ubuntu-latest",
      permissions: { contents: "read", actions: "write" },
      steps: [checkout(), kilnStep(actionRef, manifest, { command: "dispatch" })],
    };

  // contents: write for the ledger branch and for release assets (`store: release`);
  // actions: read to download artifacts of earlier runs.
  const assetPermissions = { contents: "write", actions: "read" };
  const assetJobIds: string[] = [];
  if (!layered) {
    const graph = buildGraph(project);
    for (const asset of project.assets.values()) {
      const deps = graph.deps.get(asset.name)!.filter((dep) => project.assets.has(dep));
      const env = secretEnv([asset], project, false);
      const id = assetJobId(asset.name);
      jobs[id] = {
        name: asset.name,
        needs: [PLAN_JOB, ...deps.map(assetJobId)],
        if: assetCondition(asset.name, deps, asset.depAliases),
        "runs-on": asset.runsOn,
        "timeout-minutes": timeoutMinutes(asset),
        permissions: assetPermissions,
        steps: [
          checkout(),
          ...project.setup,
          kilnStep(
            actionRef,
            manifest,
            {
              command: "materialize",
              asset: asset.name,
              config: CONFIG_INPUT,
              force: `\${{ contains(fromJSON(needs['${PLAN_JOB}'].outputs.force), '${asset.name}') }}`,
            },
            undefined,
            env,
          ),
        ],
      };
      assetJobIds.push(id);
    }
  } else {
    // Each layer job needs only the plan and the layer before it, and starts whatever happened
    // there: a failed leg must not skip unrelated assets of later layers. Each leg checks its own
    // dependencies against the plan instead (`plan` input: an asset whose dependency was meant to
    // run in this run but did not materialize is skipped), so only a failure's dependants skip.
    let previous: string[] = [];
    let current: string[] = [];
    let currentLayer = -1;
    for (const chunk of chunks) {
      if (chunk.layer !== currentLayer) {
        previous = current;
        current = [];
        currentLayer = chunk.layer;
      }
      const assets = chunk.assets.map((name) => project.assets.get(name)!);
      const env = secretEnv(assets, project, true);
      const list = `needs['${PLAN_JOB}'].outputs['${chunk.output}']`;
      jobs[chunk.job] = {
        name: layerJobName(chunk, "${{ matrix.asset }}"),
        needs: [PLAN_JOB, ...previous],
        if: `\${{ !cancelled() && needs['${PLAN_JOB}'].result == 'success' && ${list} != '' && ${list} != '[]' }}`,
        strategy: { "fail-fast": false, matrix: { include: `\${{ fromJSON(${list}) }}` } },
        "runs-on": "${{ matrix['runs-on'] }}",
        "timeout-minutes": "${{ matrix['timeout-minutes'] }}",
        permissions: assetPermissions,
        steps: [
          checkout(),
          ...project.setup,
          kilnStep(
            actionRef,
            manifest,
            {
              command: "materialize",
              asset: "${{ matrix.asset }}",
              config: CONFIG_INPUT,
              force: "${{ matrix.force }}",
              plan: `\${{ needs['${PLAN_JOB}'].outputs.plan }}`,
            },
            undefined,
            env,
          ),
        ],
      };
      current.push(chunk.job);
      assetJobIds.push(chunk.job);
    }
  }

  const reportPermissions: Record<string, string> = {
    contents: "read",
    actions: "read",
    "pull-requests": "write",
  };
  if (project.alerts.githubIssue) reportPermissions.issues = "write";
  const slack = project.alerts.slack?.webhookSecret;
  jobs[REPORT_JOB] = {
    name: "report",
    needs: [PLAN_JOB, ...assetJobIds],
    if: "${{ always() }}",
    "runs-on": "ubuntu-latest",
    permissions: reportPermissions,
    steps: [
      checkout(0),
      ...observeSetup(project),
      // The webhook, like every secret, reaches Kiln's step only (see secretEnv).
      kilnStep(
        actionRef,
        manifest,
        {
          command: "report",
          plan: `\${{ needs['${PLAN_JOB}'].outputs.plan }}`,
          "job-results": jobResults([PLAN_JOB, ...assetJobIds]),
          "plan-error": `\${{ needs['${PLAN_JOB}'].outputs.error }}`,
        },
        undefined,
        slack ? { KILN_SLACK_WEBHOOK: `\${{ secrets.${slack} }}` } : undefined,
      ),
    ],
  };

  const pages = pagesJob(project, actionRef, manifest);
  if (pages) jobs[PAGES_JOB] = pages;

  return {
    name: options.workflowName ?? "Kiln",
    on,
    // A run in progress for the same ref finishes before the next starts: no lost ledger writes,
    // no two promotions racing on one branch.
    concurrency: { group: "kiln-${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": false },
    permissions: {},
    jobs,
  };
}

/**
 * `site: { pages: true }`: after the report, render the history site from the ledger and deploy it
 * with GitHub's own Pages actions. Only runs of the default branch publish (a schedule event always
 * runs on it), never a pull request. The only job with `pages: write` and `id-token: write` (the
 * deployment's OIDC token); it reads the ledger branch with `contents: read`.
 */
export function pagesJob(project: Project, actionRef: string, manifest: string): Job | undefined {
  if (!project.site.pages) return undefined;
  return {
    name: "pages",
    needs: [REPORT_JOB],
    if: "${{ !cancelled() && github.event_name != 'pull_request' && (github.event_name == 'schedule' || github.ref_name == github.event.repository.default_branch) }}",
    "runs-on": "ubuntu-latest",
    permissions: { contents: "read", pages: "write", "id-token": "write" },
    environment: { name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" },
    steps: [
      checkout(),
      kilnStep(actionRef, manifest, { command: "site" }, "site"),
      { uses: UPLOAD_PAGES_ARTIFACT, with: { path: "${{ steps.site.outputs.path }}" } },
      { id: "deployment", uses: DEPLOY_PAGES },
    ],
  };
}

function render(project: Project, options: GenerateOptions, shape: WorkflowShape): string {
  const dispatches = scheduleDispatchBranches(project, options.defaultBranch);
  const header = [
    `# Generated by \`kiln generate\` from ${options.manifestPath}. Do not edit by hand:`,
    `# change ${options.manifestPath} and run \`npx kiln generate\` (CI runs \`kiln generate --check\`).`,
    ...(options.defaultBranch && prodFollowsDefaultBranch(project)
      ? [`${DEFAULT_BRANCH_LINE}${options.defaultBranch}${DEFAULT_BRANCH_TAIL}`]
      : []),
    ...(dispatches.length > 0 ? [schedulesLine(options.defaultBranch, dispatches)] : []),
  ].join("\n");
  const body = stringify(generateWorkflowObject(project, options, shape), {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
  return `${header}\n${body}`;
}

/**
 * The manifest's path is written into the file's header comment and into every Kiln step's
 * `with: manifest:`. A folder name with a line break would end the comment and add YAML of its
 * choosing; one with `${{` would be evaluated by GitHub as an expression. Both are refused.
 */
function unsafeManifestPath(manifestPath: string): { error: string; hint: string } | undefined {
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(manifestPath);
  if (!control && !manifestPath.includes("${{")) return undefined;
  return {
    error: `the manifest's path ${JSON.stringify(manifestPath)} holds ${control ? "a line break or another control character" : "`${{`"}, which would ${control ? "inject text into the generated workflow" : "be evaluated by GitHub as an expression"}`,
    hint: "rename the folder or file so that its path is plain text",
  };
}

export type GeneratedWorkflow =
  | { ok: true; text: string; shape: WorkflowShape; bytes: number }
  | { ok: false; error: string; hint: string };

/**
 * The workflow file, within GitHub's limits by construction: one job per asset up to the layer
 * threshold and while the rendered file fits, else one job per layer; the size checked is the
 * exact byte length of the text written, not an estimate. When even the layer shape does not fit
 * (only very long `setup` steps can do that), an error says so instead of a file GitHub ignores.
 */
export function generateWorkflowFile(project: Project, options: GenerateOptions): GeneratedWorkflow {
  const unsafe = unsafeManifestPath(options.manifestPath);
  if (unsafe) return { ok: false, ...unsafe };
  const threshold = options.layerThreshold ?? LAYER_THRESHOLD;
  const tried: string[] = [];
  const shapes: WorkflowShape[] = project.assets.size > threshold ? ["layers"] : ["per-asset", "layers"];
  for (const shape of shapes) {
    const text = render(project, options, shape);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes <= MAX_WORKFLOW_BYTES) return { ok: true, text, shape, bytes };
    tried.push(
      `${bytes.toLocaleString("en-US")} bytes with ${shape === "layers" ? "one job per layer" : "one job per asset"}`,
    );
  }
  return {
    ok: false,
    error: `the generated workflow would be ${tried.join(", ")}: over GitHub's limit of ${MAX_WORKFLOW_BYTES.toLocaleString("en-US")} bytes, above which GitHub starts no run`,
    hint: "shorten the manifest's `setup` steps (they are repeated in every job), e.g. move them into a composite action",
  };
}

/** The workflow text; throws when it cannot fit GitHub's limits (see generateWorkflowFile). */
export function generateWorkflow(project: Project, options: GenerateOptions): string {
  const generated = generateWorkflowFile(project, options);
  if (!generated.ok) throw new Error(`${generated.error} (${generated.hint})`);
  return generated.text;
}

export type WorkflowCheck =
  | {
      upToDate: boolean;
      /** A unified diff from the committed file to what `kiln generate` would write. */
      diff: string;
    }
  | { error: string; hint: string };

export function checkWorkflow(
  project: Project,
  existing: string | undefined,
  options: GenerateOptions & { path: string },
): WorkflowCheck {
  const generated = generateWorkflowFile(project, options);
  if (!generated.ok) return { error: generated.error, hint: generated.hint };
  const expected = generated.text;
  if (existing === expected) return { upToDate: true, diff: "" };
  return {
    upToDate: false,
    diff: createTwoFilesPatch(
      `a/${options.path}`,
      `b/${options.path}`,
      existing ?? "",
      expected,
      "committed",
      "generated",
    ),
  };
}
