// `kiln report`: the report of the latest run, rendered again from its data (.kiln/reports/latest.json)
// as Markdown or as the report's stable JSON.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type RunReport, renderReport } from "../report/index.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { cliWorkspace } from "./workspace.js";

export async function reportCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: { format: "md" | "json"; output?: string },
): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const file = path.join(workspace.reportsDir, "latest.json");
  let report: RunReport;
  try {
    report = JSON.parse(await readFile(file, "utf8")) as RunReport;
  } catch {
    throw new UserError(
      `no report yet in ${path.relative(io.cwd, workspace.reportsDir) || "."}`,
      "run `kiln run` first",
    );
  }
  const text = renderReport(report, { format: options.format, budget: "none" });
  if (options.output) {
    await writeFile(path.resolve(io.cwd, options.output), text);
    io.stdout(`wrote ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
