// `kiln generate [--check] [--all]`: writes the GitHub Actions workflow of the manifest (of every
// manifest of the repository with --all), or fails with a diff when a committed one is out of date.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { readObject } from "../git/object-reader.js";
import { remoteUrl, repoRoot } from "../git/repo.js";
import { gitFacts } from "../app/workspace.js";
import { DEFAULT_PROMOTING_BRANCHES, type Project, prodFollowsDefaultBranch } from "../manifest/project.js";
import {
  checkWorkflow,
  committedDefaultBranch,
  type GenerateOptions,
  generateWorkflowFile,
} from "../workflow/generate.js";
import { SCHEDULED_TICK_INPUT, scheduleDispatchBranches, scheduleEntries } from "../workflow/schedules.js";
import { workflowFile, workflowName } from "../workflow/workflow-file.js";
import { UserError, userErrorText } from "./errors.js";
import type { CliIO } from "./io.js";
import { loadAllProjects, loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

interface Target {
  project: Project;
  /** Absolute path of the workflow file. */
  output: string;
  /** The file as shown in messages, relative to the working directory. */
  shown: string;
  generateOptions: GenerateOptions;
  /** Said on stderr before the file is written or checked; never fatal. */
  warning?: string | undefined;
}

/**
 * The repository's default branch, when the workflow depends on it: prod's branch when the manifest
 * names none, and where schedules run when it names some (prod's other branches get each tick by a
 * dispatch from the dispatch job, which the file grants `actions: write`). Read by the run's own rule
 * (gitFacts: the event's, else origin/HEAD), else from the committed workflow's header; with a
 * warning when none of them tells, and main and master are taken for it.
 */
async function defaultBranchFor(
  project: Project,
  output: string,
  env: NodeJS.ProcessEnv,
  /** The manifest as the workflow names it, relative to the repository's top level. */
  manifest: string,
): Promise<{ defaultBranch?: string | undefined; warning?: string | undefined }> {
  const follows = prodFollowsDefaultBranch(project);
  if (!follows && scheduleEntries(project).length === 0) return {};
  const fromGit = (await gitFacts(project.root, env)).defaultBranch;
  // A branch name goes into the file's header comment: only a plain one (git allows U+2028).
  const plain = (branch: string | undefined) =>
    branch && !/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(branch) ? branch : undefined;
  let committed: string | undefined;
  try {
    committed = committedDefaultBranch(await readFile(output, "utf8"));
  } catch {
    committed = undefined; // no file yet
  }
  const defaultBranch = plain(fromGit) ?? plain(committed);
  if (defaultBranch) return { defaultBranch };
  // Without an origin remote (a new repository, before its first push) set-head has nothing to ask.
  const hasOrigin = (await remoteUrl(project.root)) !== undefined;
  const hint = hasOrigin
    ? "run `git remote set-head origin --auto` and generate again"
    : "once the repository has its GitHub remote as origin, run `git remote set-head origin --auto` and generate again";
  if (follows)
    return {
      warning:
        `kiln: warning: ${manifest} names no prod branch and the repository's default branch is not known here ` +
        `(no origin/HEAD): the workflow runs on pushes to ${DEFAULT_PROMOTING_BRANCHES.join(" and ")}, the branches ` +
        "prod falls back to, while a run on GitHub treats the default branch as prod\n" +
        `  hint: declare \`environments.prod.branches\` in the manifest${hasOrigin ? `, or ${hint}` : ""}\n`,
    };
  // Schedules exist and prod names its branches (else `follows`): where they run decides whether
  // prod gets their ticks, so an unknown default branch is said even when nothing is dispatched
  // (a git-flow repository: prod on main, develop the default branch).
  const dispatches = scheduleDispatchBranches(project, undefined);
  const taken = `the workflow takes ${DEFAULT_PROMOTING_BRANCHES.join(" or ")} for it`;
  const what =
    dispatches.length > 0
      ? `${taken}, and its dispatch job sends each tick onto prod's branch${dispatches.length > 1 ? "es" : ""} ${dispatches.join(", ")}`
      : `${taken}, prod's own branch, so it dispatches nothing; if the default branch is another, its scheduled runs never retrain prod`;
  return {
    warning:
      `kiln: warning: ${manifest}: GitHub runs schedules on the repository's default branch, which is not known here ` +
      `(no origin/HEAD): ${what}\n  hint: ${hint}\n`,
  };
}

/**
 * A scheduled run dispatches onto prod's other branches, where GitHub runs the workflow file as
 * committed on that branch: one that does not declare the `scheduled-tick` input answers every
 * dispatch with 422 until the workflow written here is merged there. Said when this clone knows the
 * branch (origin/<branch>); a branch it has not fetched is not guessed at.
 */
async function prodWorkflowWarning(
  project: Project,
  top: string,
  /** The workflow file relative to the repository's top level, with `/`. */
  workflowPath: string,
  defaultBranch: string | undefined,
  manifest: string,
): Promise<string | undefined> {
  const lacking: string[] = [];
  for (const branch of scheduleDispatchBranches(project, defaultBranch)) {
    const ref = `refs/remotes/origin/${branch}`;
    if (!(await readObject(top, ref).catch(() => undefined))) continue;
    const file = await readObject(top, `${ref}:${workflowPath}`).catch(() => undefined);
    if (!file || !declaresScheduledTick(file.content.toString("utf8"))) lacking.push(branch);
  }
  if (lacking.length === 0) return undefined;
  const each = lacking.map((b) => `${b}'s`).join(", ");
  return (
    `kiln: warning: ${manifest}: GitHub refuses a scheduled run's dispatch onto ${lacking.join(", ")} until ${each} ${workflowPath} ` +
    `declares the workflow_dispatch input ${SCHEDULED_TICK_INPUT} (${lacking.map((b) => `origin/${b}'s`).join(", ")} does not)\n` +
    `  hint: merge the workflow written here into ${lacking.join(", ")}\n`
  );
}

function declaresScheduledTick(text: string): boolean {
  try {
    const workflow = parseYaml(text) as { on?: { workflow_dispatch?: { inputs?: Record<string, unknown> } } };
    return workflow?.on?.workflow_dispatch?.inputs?.[SCHEDULED_TICK_INPUT] !== undefined;
  } catch {
    return false;
  }
}

/**
 * Where a project's workflow goes (see workflow-file.ts: kiln.yml for the manifest at the top
 * level, kiln-<project>.yml for one in a folder, or `output`), how it names the manifest, and the
 * default branch its push trigger is written for.
 */
export async function workflowTarget(
  project: Project,
  cwd: string,
  options: { output?: string | undefined; actionRef?: string | undefined; env: NodeJS.ProcessEnv },
): Promise<Target> {
  const top = (await repoRoot(project.root)) ?? project.root;
  const file = workflowFile(project, top);
  const output = options.output ? path.resolve(cwd, options.output) : path.join(top, file.path);
  const manifestPath = path.relative(top, project.manifestPath).split(path.sep).join("/");
  const { defaultBranch, warning } = await defaultBranchFor(project, output, options.env, manifestPath);
  const workflowPath = path.relative(top, output).split(path.sep).join("/");
  const prodWorkflow = await prodWorkflowWarning(project, top, workflowPath, defaultBranch, manifestPath);
  return {
    project,
    output,
    shown: path.relative(cwd, output) || output,
    generateOptions: {
      manifestPath,
      actionRef: options.actionRef,
      workflowName: workflowName(project, output),
      defaultBranch,
    },
    warning: warning || prodWorkflow ? `${warning ?? ""}${prodWorkflow ?? ""}` : undefined,
  };
}

async function targets(
  io: CliIO,
  globals: GlobalOptions,
  options: { output?: string; actionRef?: string; all?: boolean },
): Promise<Target[]> {
  if (!options.all)
    return [
      await workflowTarget((await loadProject(io, globals)).project, io.cwd, { ...options, env: io.env }),
    ];
  if (options.output || globals.manifest) {
    throw new UserError(
      "--all takes every manifest of the repository, each with its own workflow file",
      "drop --output and --manifest, or drop --all to generate one manifest's workflow",
    );
  }
  const { top, projects } = await loadAllProjects(io);
  const list: Target[] = [];
  const seen = new Map<string, Project>();
  for (const { project } of projects) {
    const target = await workflowTarget(project, io.cwd, { actionRef: options.actionRef, env: io.env });
    const other = seen.get(target.output);
    if (other) {
      throw new UserError(
        `${path.relative(top, other.manifestPath)} and ${path.relative(top, project.manifestPath)} would both write ${target.shown}`,
        "keep one manifest per folder",
      );
    }
    seen.set(target.output, project);
    list.push(target);
  }
  return list;
}

export async function generateCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: { check?: boolean; output?: string; actionRef?: string; all?: boolean },
): Promise<number> {
  let status = 0;
  for (const { project, output, shown, generateOptions, warning } of await targets(io, globals, options)) {
    if (warning) io.stderr(warning);
    if (options.check) {
      let existing: string | undefined;
      try {
        existing = await readFile(output, "utf8");
      } catch {
        existing = undefined;
      }
      const result = checkWorkflow(project, existing, { ...generateOptions, path: shown });
      if ("error" in result) {
        io.stderr(userErrorText(`${shown}: ${result.error}`, result.hint));
        status = 1;
        continue;
      }
      if (result.upToDate) {
        io.stdout(`${shown} is up to date\n`);
        continue;
      }
      io.stderr(
        `${userErrorText(`${shown} ${existing === undefined ? "does not exist" : "is out of date"}; run \`kiln generate${options.all ? " --all" : ""}\` and commit it`)}${result.diff}`,
      );
      status = 1;
      continue;
    }
    const generated = generateWorkflowFile(project, generateOptions);
    if (!generated.ok) {
      io.stderr(userErrorText(`${shown}: ${generated.error}`, generated.hint));
      status = 1;
      continue;
    }
    await mkdir(path.dirname(output), { recursive: true });
    await writeFile(output, generated.text);
    io.stdout(`wrote ${shown}\n`);
  }
  return status;
}
