// `kiln generate [--check]`: writes the GitHub Actions workflow for the manifest, or fails with a
// diff when the committed one is out of date.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "../git/repo.js";
import { checkWorkflow, generateWorkflowFile } from "../workflow/generate.js";
import type { CliIO } from "./io.js";
import { loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

export async function generateCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: { check?: boolean; output?: string; actionRef?: string },
): Promise<number> {
  const { project } = loadProject(io, globals);
  const top = (await repoRoot(project.root)) ?? project.root;
  const output = options.output
    ? path.resolve(io.cwd, options.output)
    : path.join(top, ".github/workflows/kiln.yml");
  const shown = path.relative(io.cwd, output) || output;
  const generateOptions = {
    manifestPath: path.relative(top, project.manifestPath).split(path.sep).join("/"),
    actionRef: options.actionRef,
  };
  if (options.check) {
    let existing: string | undefined;
    try {
      existing = await readFile(output, "utf8");
    } catch {
      existing = undefined;
    }
    const result = checkWorkflow(project, existing, { ...generateOptions, path: shown });
    if ("error" in result) {
      io.stderr(`kiln: error: ${result.error}\n  hint: ${result.hint}\n`);
      return 1;
    }
    if (result.upToDate) {
      io.stdout(`${shown} is up to date\n`);
      return 0;
    }
    io.stderr(
      `kiln: error: ${shown} ${existing === undefined ? "does not exist" : "is out of date"}; run \`kiln generate\` and commit it\n${result.diff}`,
    );
    return 1;
  }
  const generated = generateWorkflowFile(project, generateOptions);
  if (!generated.ok) {
    io.stderr(`kiln: error: ${generated.error}\n  hint: ${generated.hint}\n`);
    return 1;
  }
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, generated.text);
  io.stdout(`wrote ${shown}\n`);
  return 0;
}
