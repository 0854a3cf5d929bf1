// What a pull request changes, asset by asset: DESIGN's "a PR that touches training code or data
// materializes the affected assets". An asset is changed by the pull request when a file it reads
// (`code`, `inputs`, a source's `inputs`) differs from where the branch left its base, or when the
// pull request edits the asset's own entry in the manifest (run, config, env, code version, deps,
// outputs, file patterns), told against the manifest at the merge-base: what the base itself
// changed since the asset's last build is no edit of the pull request's. What reads a changed
// asset is changed through it; the plan works that out (src/automation/plan.ts). Anything else
// stale on the pull request is stale on its base for the base's own reasons (new data on main, a
// model waiting for its weekly tick): the pull request takes the base's verdict for it instead of
// training it on every push.
import path from "node:path";
import { readObject } from "../git/object-reader.js";
import { changesSinceBase, headParents } from "../git/repo.js";
import { type AssetSpec, type Project, resolveConfig, resolveEnv } from "../manifest/project.js";
import { matchPattern, outputFilter, projectPrefix } from "../version/fingerprint.js";
import type { ProjectAssessment, StaleCause } from "../version/status.js";
import { canonicalJson } from "../version/versions.js";
import type { Workspace } from "./workspace.js";

/** What the plan of a pull request's tick knows of its changes. */
export interface PullRequestChanges {
  /** The base branch, in the plan's words ("as on main"). */
  base: string;
  /**
   * The assets whose own files or definition the pull request changes; undefined when the base
   * could not be found (a shallow clone without it): then every stale asset counts as changed, as
   * a pull request that cannot tell plans what is stale.
   */
  changed?: ReadonlySet<string> | undefined;
}

/**
 * Stale causes a manifest edit can bring: the asset's definition differs from its last build. Read
 * only when the manifest at the merge-base cannot be told (see projectAt).
 */
const DEFINITION_CAUSES: ReadonlySet<StaleCause["kind"]> = new Set([
  "never-materialized",
  "code-changed",
  "code-version-changed",
  "run-changed",
  "config-changed",
  "env-changed",
  "input-added",
  "input-removed",
  "dependency-added",
  "dependency-removed",
  "outputs-changed",
]);

/** The pull request's changes, for a workspace opened for a pull request; undefined otherwise. */
export async function pullRequestChanges(
  workspace: Workspace,
  assessment: ProjectAssessment,
  env: NodeJS.ProcessEnv,
): Promise<PullRequestChanges | undefined> {
  if (workspace.event !== "pull_request") return undefined;
  const base = workspace.decision.branch ?? workspace.git.base;
  const root = workspace.git.root;
  if (!base || !root) return base ? { base } : undefined;
  // actions/checkout checks a pull request out as GitHub's merge of it into the base: its first
  // parent is the base's tip, present when the clone has two commits of history.
  const mergeRef = env.GITHUB_ACTIONS === "true" && /^refs\/pull\/\d+\/merge$/.test(env.GITHUB_REF ?? "");
  const parents = mergeRef ? await headParents(root) : [];
  // The ref given by hand is the one meant (`--base origin/main`: not a local main behind it, which
  // would count main's newer commits as the pull request's); the report's merge-base is taken from
  // it too (cli/run.ts). Else, locally the base branch checked out here (`--base main`); in Actions
  // only the remote's is fetched.
  const branches = [`refs/heads/${base}`, `refs/remotes/origin/${base}`];
  const bases = [
    ...(parents.length === 2 ? [parents[0]!] : []),
    ...(workspace.baseRef ? [workspace.baseRef] : []),
    ...(env.GITHUB_ACTIONS === "true" ? branches.reverse() : branches),
  ];
  const found = await changesSinceBase(root, bases);
  if (!found) return { base };
  // Paths from the top level → from the project's folder, as patterns are written (sorted still).
  const prefix = projectPrefix(root, workspace.project.root);
  const paths =
    prefix === ""
      ? found.paths
      : found.paths.filter((p) => p.startsWith(`${prefix}/`)).map((p) => p.slice(prefix.length + 1));
  const manifest = manifestPath(workspace.project, prefix);
  const baseProject = found.paths.includes(manifest)
    ? await projectAt(root, found.mergeBase, manifest, workspace.project)
    : undefined;
  return {
    base,
    changed: changedAssets(workspace.project, assessment, paths, {
      environment: workspace.environment,
      baseProject,
    }),
  };
}

/** The manifest's path from the repository's top level (`prefix`: the project's folder there). */
function manifestPath(project: Project, prefix: string): string {
  const own = path.relative(project.root, project.manifestPath).split(path.sep).join("/");
  return prefix === "" ? own : `${prefix}/${own}`;
}

/**
 * The project as the manifest declared it at `commit` (the merge-base), parsed as HEAD's is;
 * undefined when it cannot be told there (no manifest yet, too large, or one that does not
 * parse): then the pull request's manifest edit is judged by the stale causes, as before.
 */
async function projectAt(
  root: string,
  commit: string,
  file: string,
  head: Project,
): Promise<Project | undefined> {
  // Loaded here, only for a pull request that edits the manifest: the parser (yaml, the schema)
  // is what a status with a kept manifest never loads (test/cli/startup.test.ts).
  const { MAX_MANIFEST_BYTES, parseManifest } = await import("../manifest/load.js");
  const found = await readObject(root, `${commit}:${file}`).catch(() => undefined);
  if (found?.type !== "blob" || found.content.length > MAX_MANIFEST_BYTES) return undefined;
  const parsed = parseManifest(found.content.toString("utf8"), {
    manifestPath: head.manifestPath,
    displayName: `${file} at ${commit.slice(0, 7)}`,
  });
  return parsed.ok ? parsed.value.project : undefined;
}

/**
 * An asset's own entry as it bears on what it builds, in `environment`: docs/concepts.md's
 * definition (run, config, env, code version, deps, outputs) and the patterns of the files it
 * reads. Its automation, checks, promotion or runner are no part of it: editing them changes no
 * version the asset builds.
 */
function definition(project: Project, asset: AssetSpec, environment: string): string {
  return canonicalJson({
    run: asset.run,
    config: resolveConfig(project, asset, environment),
    env: resolveEnv(project, asset, environment),
    codeVersion: asset.codeVersion ?? null,
    deps: [...asset.deps].sort(),
    depAliases: asset.depAliases,
    outputs: asset.outputs,
    inputs: asset.inputs,
    code: asset.code,
  });
}

/**
 * The assets whose own files or definition the pull request changes (`changed`: sorted paths).
 * `baseProject`: the project at the merge-base, when the pull request edits the manifest and it
 * parses there; each asset's entry is compared with its own there. Without it, a manifest edit
 * counts every asset whose definition differs from its last build, which also counts what the
 * base itself changed since (a model waiting for its weekly tick, a `manual` asset never built).
 */
function changedAssets(
  project: Project,
  assessment: ProjectAssessment,
  changed: readonly string[],
  at: { environment: string; baseProject?: Project | undefined },
): Set<string> {
  // A step's outputs are no file an asset reads, even where they are not gitignored.
  const isOutput = outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs));
  const paths = changed.filter((file) => !isOutput(file));
  const touches = (patterns: readonly string[]) =>
    patterns.some((pattern) => matchPattern(paths, pattern).length > 0);
  const manifest = path.relative(project.root, project.manifestPath).split(path.sep).join("/");
  const manifestEdited = paths.includes(manifest);
  const { environment, baseProject } = at;
  // A source whose declared inputs the pull request edits is changed as if its files were.
  const sourceEdited = (name: string, inputs: readonly string[]) => {
    if (!manifestEdited || !baseProject) return false;
    const before = baseProject.sources.get(name);
    return !before || canonicalJson(before.inputs) !== canonicalJson(inputs);
  };
  const changedSources = new Set(
    [...project.sources.values()]
      .filter((s) => touches(s.inputs) || sourceEdited(s.name, s.inputs))
      .map((s) => s.name),
  );
  const definitionEdited = (asset: AssetSpec): boolean => {
    if (!manifestEdited) return false;
    if (baseProject) {
      const before = baseProject.assets.get(asset.name);
      return (
        !before || definition(baseProject, before, environment) !== definition(project, asset, environment)
      );
    }
    const causes = assessment.assets.get(asset.name)?.causes ?? [];
    return causes.some((cause) => DEFINITION_CAUSES.has(cause.kind));
  };
  const assets = new Set<string>();
  for (const asset of project.assets.values()) {
    if (
      touches(asset.code) ||
      touches(asset.inputs) ||
      asset.deps.some((dep) => changedSources.has(dep)) ||
      definitionEdited(asset)
    )
      assets.add(asset.name);
  }
  return assets;
}
