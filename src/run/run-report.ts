// Writes the report of a run to `.kiln/reports/`: latest.json (the data) and latest.md (rendered).
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { markdownTable } from "markdown-table";
import type { PipelineResult } from "./pipeline.js";
import type { Workspace } from "./workspace.js";

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export async function writeRunReport(workspace: Workspace, result: PipelineResult): Promise<string> {
  await mkdir(workspace.reportsDir, { recursive: true });
  const rows = [...result.plan.assets].map(([name, entry]) => {
    const done = result.execution.outcomes.get(name);
    return [
      name,
      done?.outcome ?? (entry.status === "fresh" ? "fresh" : "skipped"),
      done?.detail ?? entry.reasons.join("; "),
    ];
  });
  const markdown = `# Kiln run\n\n${markdownTable([["asset", "result", "detail"], ...rows])}\n`;
  const file = path.join(workspace.reportsDir, "latest.md");
  await writeAtomically(file, markdown);
  return file;
}
