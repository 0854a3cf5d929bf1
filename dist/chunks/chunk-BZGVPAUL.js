import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  checkWorkflow,
  committedDefaultBranch,
  generateWorkflowFile
} from "./chunk-WF2FANSE.js";
import {
  SCHEDULED_TICK_INPUT,
  scheduleDispatchBranches,
  scheduleEntries
} from "./chunk-EERXAFT6.js";
import {
  require_dist
} from "./chunk-Q7KBE4RR.js";
import {
  loadAllProjects,
  loadProject
} from "./chunk-CVFTVLUI.js";
import {
  DEFAULT_PROMOTING_BRANCHES,
  gitFacts,
  prodFollowsDefaultBranch,
  readObject
} from "./chunk-OAUXH6FU.js";
import {
  UserError,
  remoteUrl,
  repoRoot,
  userErrorText
} from "./chunk-DQNGLDMZ.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

// src/cli/generate.ts
var import_yaml = __toESM(require_dist(), 1);
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
  const follows = prodFollowsDefaultBranch(project);
  if (!follows && scheduleEntries(project).length === 0) return {};
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
  const hasOrigin = await remoteUrl(project.root) !== void 0;
  const hint = hasOrigin ? "run `git remote set-head origin --auto` and generate again" : "once the repository has its GitHub remote as origin, run `git remote set-head origin --auto` and generate again";
  if (follows)
    return {
      warning: `kiln: warning: ${manifest} names no prod branch and the repository's default branch is not known here (no origin/HEAD): the workflow runs on pushes to ${DEFAULT_PROMOTING_BRANCHES.join(" and ")}, the branches prod falls back to, while a run on GitHub treats the default branch as prod
  hint: declare \`environments.prod.branches\` in the manifest${hasOrigin ? `, or ${hint}` : ""}
`
    };
  const dispatches = scheduleDispatchBranches(project, void 0);
  const taken = `the workflow takes ${DEFAULT_PROMOTING_BRANCHES.join(" or ")} for it`;
  const what = dispatches.length > 0 ? `${taken}, and its dispatch job sends each tick onto prod's branch${dispatches.length > 1 ? "es" : ""} ${dispatches.join(", ")}` : `${taken}, prod's own branch, so it dispatches nothing; if the default branch is another, its scheduled runs never retrain prod`;
  return {
    warning: `kiln: warning: ${manifest}: GitHub runs schedules on the repository's default branch, which is not known here (no origin/HEAD): ${what}
  hint: ${hint}
`
  };
}
async function prodWorkflowWarning(project, top, workflowPath, defaultBranch, manifest) {
  const lacking = [];
  for (const branch of scheduleDispatchBranches(project, defaultBranch)) {
    const ref = `refs/remotes/origin/${branch}`;
    if (!await readObject(top, ref).catch(() => void 0)) continue;
    const file = await readObject(top, `${ref}:${workflowPath}`).catch(() => void 0);
    if (!file || !declaresScheduledTick(file.content.toString("utf8"))) lacking.push(branch);
  }
  if (lacking.length === 0) return void 0;
  const each = lacking.map((b) => `${b}'s`).join(", ");
  return `kiln: warning: ${manifest}: GitHub refuses a scheduled run's dispatch onto ${lacking.join(", ")} until ${each} ${workflowPath} declares the workflow_dispatch input ${SCHEDULED_TICK_INPUT} (${lacking.map((b) => `origin/${b}'s`).join(", ")} does not)
  hint: merge the workflow written here into ${lacking.join(", ")}
`;
}
function declaresScheduledTick(text) {
  try {
    const workflow = (0, import_yaml.parse)(text);
    return workflow?.on?.workflow_dispatch?.inputs?.[SCHEDULED_TICK_INPUT] !== void 0;
  } catch {
    return false;
  }
}
async function workflowTarget(project, cwd, options) {
  const top = await repoRoot(project.root) ?? project.root;
  const file = workflowFile(project, top);
  const output = options.output ? path2.resolve(cwd, options.output) : path2.join(top, file.path);
  const manifestPath = path2.relative(top, project.manifestPath).split(path2.sep).join("/");
  const { defaultBranch, warning } = await defaultBranchFor(project, output, options.env, manifestPath);
  const workflowPath = path2.relative(top, output).split(path2.sep).join("/");
  const prodWorkflow = await prodWorkflowWarning(project, top, workflowPath, defaultBranch, manifestPath);
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
    warning: warning || prodWorkflow ? `${warning ?? ""}${prodWorkflow ?? ""}` : void 0
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
        io.stderr(userErrorText(`${shown}: ${result.error}`, result.hint));
        status = 1;
        continue;
      }
      if (result.upToDate) {
        io.stdout(`${shown} is up to date
`);
        continue;
      }
      io.stderr(
        `${userErrorText(`${shown} ${existing === void 0 ? "does not exist" : "is out of date"}; run \`kiln generate${options.all ? " --all" : ""}\` and commit it`)}${result.diff}`
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
