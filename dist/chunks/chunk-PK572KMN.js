import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  checkWorkflow,
  generateWorkflowFile
} from "./chunk-YURNPXEY.js";
import {
  loadAllProjects,
  loadProject
} from "./chunk-LNR3NHP4.js";
import {
  UserError,
  repoRoot
} from "./chunk-4IANUJQ2.js";

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
async function workflowTarget(project, cwd, options) {
  const top = await repoRoot(project.root) ?? project.root;
  const file = workflowFile(project, top);
  const output = options.output ? path2.resolve(cwd, options.output) : path2.join(top, file.path);
  return {
    project,
    output,
    shown: path2.relative(cwd, output) || output,
    generateOptions: {
      manifestPath: path2.relative(top, project.manifestPath).split(path2.sep).join("/"),
      actionRef: options.actionRef,
      workflowName: workflowName(project, output)
    }
  };
}
async function targets(io, globals, options) {
  if (!options.all) return [await workflowTarget((await loadProject(io, globals)).project, io.cwd, options)];
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
    const target = await workflowTarget(project, io.cwd, { actionRef: options.actionRef });
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
  for (const { project, output, shown, generateOptions } of await targets(io, globals, options)) {
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
