import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-NT5MSSAQ.js";
import {
  didSomething,
  findReport,
  listReports
} from "./chunk-E6ETXBKC.js";
import {
  renderReport
} from "./chunk-CAVOGHJ2.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import {
  terminalTable
} from "./chunk-4BTWH4UN.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import {
  cliWorkspace
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/report.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
function countsText(kept) {
  const counts = /* @__PURE__ */ new Map();
  for (const asset of kept.report.assets) counts.set(asset.outcome, (counts.get(asset.outcome) ?? 0) + 1);
  const order = ["failed", "cancelled", "materialized", "fresh", "skipped"];
  return order.flatMap((o) => counts.get(o) ? [`${counts.get(o)} ${o}`] : []).join(" \xB7 ") || "no assets";
}
function listing(kept, format) {
  if (format === "json") {
    const runs = kept.map((k) => ({
      run: k.runId,
      tick: k.report.tick,
      event: k.report.event,
      environment: k.report.environment,
      gitSha: k.report.gitSha,
      didSomething: didSomething(k.report),
      outcomes: Object.fromEntries(k.report.assets.map((a) => [a.name, a.outcome]))
    }));
    return contractJson("report-list", { runs });
  }
  const rows = [...kept].reverse().map((k) => [
    k.runId,
    k.report.tick.slice(0, 16).replace("T", " "),
    k.report.event,
    k.report.environment ?? "",
    countsText(k)
  ]);
  return `${terminalTable(["run", "time (UTC)", "event", "environment", "assets"], rows)}
`;
}
async function reportCommand(io, globals, options) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const dir = workspace.reportsDir;
  const where = path.relative(io.cwd, dir) || ".";
  let text;
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
        "`kiln report --list` lists the kept runs"
      );
    }
    text = renderReport(found.kept.report, { format: options.format, budget: "none" });
    if (options.format === "json") text = contractJson("report", JSON.parse(text));
  }
  if (options.output) {
    await writeFile(path.resolve(io.cwd, options.output), text);
    io.stdout(`wrote ${options.output}
`);
  } else {
    io.stdout(text);
  }
  return 0;
}
export {
  reportCommand
};
