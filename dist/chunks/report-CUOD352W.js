import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-P6H3FQ5I.js";
import {
  didSomething,
  findReport,
  listReports,
  renderReport
} from "./chunk-K5VFNJPY.js";
import "./chunk-JCCFVTUR.js";
import {
  terminalTable
} from "./chunk-HTDGPDOX.js";
import {
  cliWorkspace
} from "./chunk-QIP3KMKT.js";
import "./chunk-XVUXVL3V.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-UCHM4ZJX.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/report.ts
init_define_KILN_SITE_CLIENT();
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
