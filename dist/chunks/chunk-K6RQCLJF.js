import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  contractJson
} from "./chunk-NT5MSSAQ.js";
import {
  terminalTable
} from "./chunk-4BTWH4UN.js";
import {
  formatNumber,
  formatSecond
} from "./chunk-NBF2VUI6.js";
import {
  cliWorkspace,
  commitText,
  describeFilter,
  matchesFilter,
  reportLedgerProblems,
  requireAsset,
  whereMade
} from "./chunk-E7VF6EEA.js";
import {
  aliasHolders
} from "./chunk-OAUXH6FU.js";

// src/cli/history.ts
function metricNamesOf(record) {
  return [...Object.keys(record.metrics), ...Object.keys(record.notFinite ?? {})];
}
var TABLE_METRICS = 6;
function tableMetrics(written, first) {
  const seen = new Set(written);
  const leading = first.filter((name) => name !== void 0 && seen.has(name));
  return [.../* @__PURE__ */ new Set([...leading, ...written])];
}
function metricCell(record, name) {
  const value = record.metrics[name];
  if (value !== void 0) return formatNumber(value);
  return record.notFinite?.[name] ?? "";
}
function metricsJson(record) {
  const json = { ...record.metrics };
  for (const name of Object.keys(record.notFinite ?? {})) json[name] = null;
  return json;
}
async function historyCommand(io, globals, asset, options) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  const filter = { environment: globals.env, branch: options.branch };
  const keep = (context) => matchesFilter(context, filter);
  const records = (await workspace.ledger.materializations(asset)).filter((r) => keep(r.context));
  const failures = (await workspace.ledger.failures(asset)).filter((f) => keep(f.context));
  const holders = aliasHolders(await workspace.ledger.aliasHistory(asset));
  const aliasesOf = (version) => [...holders].filter(([, v]) => v === version).map(([alias]) => alias);
  reportLedgerProblems(workspace, io);
  if (options.json) {
    const versions = records.map((r) => ({
      version: r.version,
      finishedAt: r.finishedAt,
      status: r.status,
      aliases: aliasesOf(r.version),
      metrics: metricsJson(r),
      dataVersion: r.dataVersion,
      logicalVersion: r.logicalVersion,
      gitSha: r.context.gitSha ?? null,
      /** Built from uncommitted changes to the asset's files (gitSha is the commit under them). */
      dirty: r.context.dirty === true,
      ...whereMade(r.context),
      reasons: r.reasons,
      /** The run config set at run time, for a version made by an experiment; else null. */
      experiment: r.context.experiment?.overrides ?? null
    }));
    const failed = failures.map((f) => ({
      status: f.status,
      finishedAt: f.finishedAt,
      error: f.error,
      gitSha: f.context.gitSha ?? null,
      dirty: f.context.dirty === true,
      ...whereMade(f.context)
    }));
    io.stdout(
      contractJson("history", { asset, versions, failures: failed, aliases: Object.fromEntries(holders) })
    );
    return 0;
  }
  if (records.length === 0 && failures.length === 0) {
    const where = describeFilter(filter);
    io.stdout(
      where ? `${asset} has no versions made in ${where}.
` : `${asset} has never been materialized. Run \`kiln run ${asset}\`.
`
    );
    return 0;
  }
  const spec = workspace.project.assets.get(asset);
  const allMetrics = tableMetrics(records.flatMap(metricNamesOf), [
    spec?.metrics?.primary,
    spec?.promote?.metric
  ]);
  const metricNames = allMetrics.slice(0, TABLE_METRICS);
  const rows = [
    ...records.map((r) => ({
      at: r.finishedAt,
      cells: [
        `v${r.version}`,
        formatSecond(r.finishedAt),
        r.context.experiment ? `experiment: ${r.context.experiment.overrides.join(" ")}` : "success",
        aliasesOf(r.version).join(", "),
        ...metricNames.map((m) => metricCell(r, m)),
        r.context.environment,
        r.context.ref ?? "",
        commitText(r.context)
      ]
    })),
    ...failures.map((f) => ({
      at: f.finishedAt,
      cells: [
        "",
        formatSecond(f.finishedAt),
        f.status,
        "",
        ...metricNames.map((m) => metricCell(f, m)),
        f.context.environment,
        f.context.ref ?? "",
        commitText(f.context)
      ]
    }))
  ].sort((a, b) => newestFirst(a.at, b.at));
  io.stdout(
    `${terminalTable(
      ["version", "finished (UTC)", "status", "aliases", ...metricNames, "env", "branch", "commit"],
      rows.map((r) => r.cells)
    )}
`
  );
  const more = allMetrics.slice(TABLE_METRICS);
  if (more.length > 0)
    io.stdout(
      `
${more.length} more metric${more.length === 1 ? "" : "s"} (${more.join(", ")}): \`kiln history ${asset} --json\` has every one.
`
    );
  const reasons = [...failures].sort((a, b) => newestFirst(a.finishedAt, b.finishedAt)).map((f) => `  ${formatSecond(f.finishedAt)} ${f.status}: ${f.error.split("\n")[0]}
`);
  if (reasons.length > 0)
    io.stdout(`
Why the attempts failed (newest first; --json has every line):
${reasons.join("")}`);
  return 0;
}
function newestFirst(a, b) {
  return a < b ? 1 : a > b ? -1 : 0;
}

export {
  metricNamesOf,
  metricCell,
  historyCommand
};
