import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  checkWorkflow,
  committedDefaultBranch,
  cronAssets,
  generateWorkflowFile
} from "./chunk-AZHDM5CY.js";
import {
  loadAllProjects,
  loadProject
} from "./chunk-6HLNJ2UJ.js";
import {
  DEFAULT_PROMOTING_BRANCHES,
  PROD,
  gitFacts,
  prodFollowsDefaultBranch
} from "./chunk-LGKMUW6U.js";
import {
  UserError,
  repoRoot
} from "./chunk-YEKUJJCA.js";

// src/cli/generate.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path2 from "node:path";

// src/workflow/workflow-file.ts
import path from "node:path";
function workflowFile(project, top) {
  const atTop = path.resolve(project.root) === path.resolve(top);
  const file = atTop ? ".github/workflows/kiln.yml" : `.github/workflows/kiln-${project.name}.yml`;
  return { path: file, name: workflowName(project, file) };
}
function workflowName(project, file) {
  return path.basename(file) === "kiln.yml" ? "Kiln" : `Kiln (${project.name})`;
}

// src/cli/generate.ts
async function defaultBranchFor(project, output, env, manifest) {
  if (!prodFollowsDefaultBranch(project)) return {};
  const fromGit = (await gitFacts(project.root, env)).defaultBranch;
  const plain = (branch) => branch && !/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(branch) ? branch : void 0;
  let committed;
  try {
    committed = committedDefaultBranch(await readFile(output, "utf8"));
  } catch {
    committed = void 0;
  }
  const defaultBranch = plain(fromGit) ?? plain(committed);
  if (defaultBranch) return { defaultBranch };
  return {
    warning: `kiln: warning: ${manifest} names no prod branch and the repository's default branch is not known here (no origin/HEAD): the workflow runs on pushes to ${DEFAULT_PROMOTING_BRANCHES.join(" and ")}, the branches prod falls back to, while a run on GitHub treats the default branch as prod
  hint: declare \`environments.prod.branches\` in the manifest, or run \`git remote set-head origin --auto\` and generate again
`
  };
}
async function scheduleWarning(project, env, manifest) {
  const prodBranches = project.environments.get(PROD)?.branches ?? [];
  if (prodBranches.length === 0) return void 0;
  const cron = cronAssets(project);
  if (cron.length === 0) return void 0;
  const defaultBranch = (await gitFacts(project.root, env)).defaultBranch;
  if (!defaultBranch || prodBranches.includes(defaultBranch)) return void 0;
  return `kiln: warning: ${manifest}: GitHub runs schedules on the default branch, ${defaultBranch}, which is not prod's (${prodBranches.join(", ")}): on_cron assets (${cron.join(", ")}) will never retrain prod, only ${defaultBranch}'s environment
  hint: make ${prodBranches[0]} the repository's default branch, or start prod's training on it another way (a workflow_dispatch on that branch from a scheduled workflow of its own)
`;
}
async function workflowTarget(project, cwd, options) {
  const top = await repoRoot(project.root) ?? project.root;
  const file = workflowFile(project, top);
  const output = options.output ? path2.resolve(cwd, options.output) : path2.join(top, file.path);
  const manifestPath = path2.relative(top, project.manifestPath).split(path2.sep).join("/");
  const { defaultBranch, warning } = await defaultBranchFor(project, output, options.env, manifestPath);
  const schedules = await scheduleWarning(project, options.env, manifestPath);
  return {
    project,
    output,
    shown: path2.relative(cwd, output) || output,
    generateOptions: {
      manifestPath,
      actionRef: options.actionRef,
      workflowName: workflowName(project, output),
      defaultBranch
    },
    warning: warning || schedules ? `${warning ?? ""}${schedules ?? ""}` : void 0
  };
}
async function targets(io, globals, options) {
  if (!options.all)
    return [
      await workflowTarget((await loadProject(io, globals)).project, io.cwd, { ...options, env: io.env })
    ];
  if (options.output || globals.manifest) {
    throw new UserError(
      "--all takes every manifest of the repository, each with its own workflow file",
      "drop --output and --manifest, or drop --all to generate one manifest's workflow"
    );
  }
  const { top, projects } = await loadAllProjects(io);
  const list = [];
  const seen = /* @__PURE__ */ new Map();
  for (const { project } of projects) {
    const target = await workflowTarget(project, io.cwd, { actionRef: options.actionRef, env: io.env });
    const other = seen.get(target.output);
    if (other) {
      throw new UserError(
        `${path2.relative(top, other.manifestPath)} and ${path2.relative(top, project.manifestPath)} would both write ${target.shown}`,
        "keep one manifest per folder"
      );
    }
    seen.set(target.output, project);
    list.push(target);
  }
  return list;
}
async function generateCommand(io, globals, options) {
  let status = 0;
  for (const { project, output, shown, generateOptions, warning } of await targets(io, globals, options)) {
    if (warning) io.stderr(warning);
    if (options.check) {
      let existing;
      try {
        existing = await readFile(output, "utf8");
      } catch {
        existing = void 0;
      }
      const result = checkWorkflow(project, existing, { ...generateOptions, path: shown });
      if ("error" in result) {
        io.stderr(`kiln: error: ${shown}: ${result.error}
  hint: ${result.hint}
`);
        status = 1;
        continue;
      }
      if (result.upToDate) {
        io.stdout(`${shown} is up to date
`);
        continue;
      }
      io.stderr(
        `kiln: error: ${shown} ${existing === void 0 ? "does not exist" : "is out of date"}; run \`kiln generate${options.all ? " --all" : ""}\` and commit it
${result.diff}`
      );
      status = 1;
      continue;
    }
    const generated = generateWorkflowFile(project, generateOptions);
    if (!generated.ok) {
      io.stderr(`kiln: error: ${shown}: ${generated.error}
  hint: ${generated.hint}
`);
      status = 1;
      continue;
    }
    await mkdir(path2.dirname(output), { recursive: true });
    await writeFile(output, generated.text);
    io.stdout(`wrote ${shown}
`);
  }
  return status;
}

export {
  workflowTarget,
  generateCommand
};
