// `kiln report`: a kept run's report (.kiln/reports/, see app/report-history.ts), rendered again
// from its data as Markdown or as the report's stable JSON. By default the latest run that did
// something; `--run ID` picks another, `--list` lists them.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { renderReport, type ReportView } from "../report/index.js";
import { contractJson } from "./json-contract.js";
import { didSomething, findReport, type KeptReport, listReports } from "../app/report-history.js";
import { UserError } from "./errors.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliWorkspace } from "./workspace.js";

export interface ReportCommandOptions {
  format: "md" | "json";
  output?: string;
  /** A run id, or a unique prefix of one. */
  run?: string;
  list?: boolean;
}

/** `3 materialized · 1 failed · 2 fresh`: the counts that are not zero. */
function countsText(kept: KeptReport): string {
  const counts = new Map<string, number>();
  for (const asset of kept.report.assets) counts.set(asset.outcome, (counts.get(asset.outcome) ?? 0) + 1);
  const order = ["failed", "cancelled", "materialized", "fresh", "skipped"];
  return order.flatMap((o) => (counts.get(o) ? [`${counts.get(o)} ${o}`] : [])).join(" · ") || "no assets";
}

function listing(kept: KeptReport[], format: "md" | "json"): string {
  if (format === "json") {
    const runs = kept.map((k) => ({
      run: k.runId,
      tick: k.report.tick,
      event: k.report.event,
      environment: k.report.environment,
      gitSha: k.report.gitSha,
      didSomething: didSomething(k.report),
      outcomes: Object.fromEntries(k.report.assets.map((a) => [a.name, a.outcome])),
    }));
    return contractJson("report-list", { runs });
  }
  const rows = [...kept]
    .reverse()
    .map((k) => [
      k.runId,
      k.report.tick.slice(0, 16).replace("T", " "),
      k.report.event,
      k.report.environment ?? "",
      countsText(k),
    ]);
  return `${terminalTable(["run", "time (UTC)", "event", "environment", "assets"], rows)}\n`;
}

export async function reportCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: ReportCommandOptions,
): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const dir = workspace.reportsDir;
  const where = path.relative(io.cwd, dir) || ".";
  let text: string;
  if (options.list) {
    const kept = await listReports(dir);
    if (kept.length === 0 && options.format === "md")
      throw new UserError(`no reports yet in ${where}`, "run `kiln run` first");
    text = listing(kept, options.format);
  } else {
    const found = await findReport(dir, options.run);
    if (!found.ok) {
      if (found.reason === "none") throw new UserError(`no reports yet in ${where}`, "run `kiln run` first");
      const which = found.reason === "ambiguous" ? "matches several runs" : "is not a kept run";
      throw new UserError(
        `--run ${options.run} ${which}${found.candidates.length ? `: ${found.candidates.join(", ")}` : ""}`,
        "`kiln report --list` lists the kept runs",
      );
    }
    text = renderReport(found.kept.report, { format: options.format, budget: "none" });
    // The view's JSON names its contract (json-contract.ts checks ReportView against it).
    if (options.format === "json") text = contractJson("report", JSON.parse(text) as ReportView);
  }
  if (options.output) {
    await writeFile(path.resolve(io.cwd, options.output), text);
    io.stdout(`wrote ${options.output}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
