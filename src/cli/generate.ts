// `kiln generate [--check] [--all]`: writes the GitHub Actions workflow of the manifest (of every
// manifest of the repository with --all), or fails with a diff when a committed one is out of date.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "../git/repo.js";
import type { Project } from "../manifest/project.js";
import { checkWorkflow, type GenerateOptions, generateWorkflowFile } from "../workflow/generate.js";
import { workflowFile, workflowName } from "../workflow/workflow-file.js";
import { UserError } from "./errors.js";
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
}

/**
 * Where a project's workflow goes (see workflow-file.ts: kiln.yml for the manifest at the top
 * level, kiln-<project>.yml for one in a folder, or `output`) and how it names the manifest.
 */
export async function workflowTarget(
  project: Project,
  cwd: string,
  options: { output?: string | undefined; actionRef?: string | undefined },
): Promise<Target> {
  const top = (await repoRoot(project.root)) ?? project.root;
  const file = workflowFile(project, top);
  const output = options.output ? path.resolve(cwd, options.output) : path.join(top, file.path);
  return {
    project,
    output,
    shown: path.relative(cwd, output) || output,
    generateOptions: {
      manifestPath: path.relative(top, project.manifestPath).split(path.sep).join("/"),
      actionRef: options.actionRef,
      workflowName: workflowName(project, output),
    },
  };
}

async function targets(
  io: CliIO,
  globals: GlobalOptions,
  options: { output?: string; actionRef?: string; all?: boolean },
): Promise<Target[]> {
  if (!options.all) return [await workflowTarget((await loadProject(io, globals)).project, io.cwd, options)];
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
    const target = await workflowTarget(project, io.cwd, { actionRef: options.actionRef });
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
  for (const { project, output, shown, generateOptions } of await targets(io, globals, options)) {
    if (options.check) {
      let existing: string | undefined;
      try {
        existing = await readFile(output, "utf8");
      } catch {
        existing = undefined;
      }
      const result = checkWorkflow(project, existing, { ...generateOptions, path: shown });
      if ("error" in result) {
        io.stderr(`kiln: error: ${shown}: ${result.error}\n  hint: ${result.hint}\n`);
        status = 1;
        continue;
      }
      if (result.upToDate) {
        io.stdout(`${shown} is up to date\n`);
        continue;
      }
      io.stderr(
        `kiln: error: ${shown} ${existing === undefined ? "does not exist" : "is out of date"}; run \`kiln generate${options.all ? " --all" : ""}\` and commit it\n${result.diff}`,
      );
      status = 1;
      continue;
    }
    const generated = generateWorkflowFile(project, generateOptions);
    if (!generated.ok) {
      io.stderr(`kiln: error: ${shown}: ${generated.error}\n  hint: ${generated.hint}\n`);
      status = 1;
      continue;
    }
    await mkdir(path.dirname(output), { recursive: true });
    await writeFile(output, generated.text);
    io.stdout(`wrote ${shown}\n`);
  }
  return status;
}
