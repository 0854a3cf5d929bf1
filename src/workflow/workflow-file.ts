// Where a project's workflow lives and what it is called. The manifest at the repository's top
// level keeps `.github/workflows/kiln.yml` and the name `Kiln` (a single-project repository sees no
// change); a manifest in a folder is a project among others and gets `kiln-<project>.yml` and
// `Kiln (<project>)`, so several projects' workflows never overwrite each other and their runs
// queue separately (the concurrency group is keyed by the workflow's name).
import path from "node:path";
import type { Project } from "../manifest/project.js";

export interface WorkflowFile {
  /** Relative to the repository's top level, with `/`. */
  path: string;
  name: string;
}

export function workflowFile(project: Project, top: string): WorkflowFile {
  const atTop = path.resolve(project.root) === path.resolve(top);
  const file = atTop ? ".github/workflows/kiln.yml" : `.github/workflows/kiln-${project.name}.yml`;
  return { path: file, name: workflowName(project, file) };
}

/** The name follows the file, also for an explicit `--output`: `kiln.yml` is the one named Kiln. */
export function workflowName(project: Project, file: string): string {
  return path.basename(file) === "kiln.yml" ? "Kiln" : `Kiln (${project.name})`;
}
