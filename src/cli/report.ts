// `kiln report`: the report of the latest run, as Markdown or JSON.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace } from "./workspace.js";

export async function reportCommand(io: CliIO, globals: GlobalOptions, options: { format: "md" | "json"; output?: string }): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const file = path.join(workspace.reportsDir, options.format === "json" ? "latest.json" : "latest.md");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`no report yet in ${path.relative(io.cwd, workspace.reportsDir) || "."}`, "run `kiln run` first");
  }
  if (options.output) {
    await writeFile(path.resolve(io.cwd, options.output), text);
    io.stdout(`wrote ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
