// `kiln history ASSET`: every version with its time, status, metrics, aliases, environment, branch
// and commit; `--env NAME` and `--branch NAME` keep the versions made there.
import type { NotFinite } from "../domain/records.js";
import { aliasHolders } from "../ledger/aliases.js";
import {
  commitText,
  describeFilter,
  matchesFilter,
  type VersionFilter,
  whereMade,
} from "../app/version-refs.js";
import { formatNumber, formatSecond } from "../report/format.js";
import type { CliIO } from "./io.js";
import { contractJson } from "./json-contract.js";
import type { GlobalOptions } from "./program.js";
import { terminalTable } from "./terminal-table.js";
import { cliWorkspace, reportLedgerProblems, requireAsset } from "./workspace.js";

/** What a record or failure says of its metrics: the numbers, and those that were not (NaN, ±Infinity). */
interface MetricsOf {
  metrics: Record<string, number>;
  notFinite?: Record<string, NotFinite> | undefined;
}

/** The names of a record's metrics, those that were not numbers included, in the order written. */
export function metricNamesOf(record: MetricsOf): string[] {
  return [...Object.keys(record.metrics), ...Object.keys(record.notFinite ?? {})];
}

/** The metric columns the table has room for; the rest are named under it. */
const TABLE_METRICS = 6;

/**
 * The table's metric columns: the primary (which ranks versions and decides promotion) and the
 * promote metric first, then the others in the order the steps wrote them.
 */
function tableMetrics(written: readonly string[], first: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set(written);
  const leading = first.filter((name): name is string => name !== undefined && seen.has(name));
  return [...new Set([...leading, ...written])];
}

/** A metric cell: `NaN`/`Infinity` for one that was not a number, empty when there is no such metric. */
export function metricCell(record: MetricsOf, name: string): string {
  const value = record.metrics[name];
  if (value !== undefined) return formatNumber(value);
  return record.notFinite?.[name] ?? "";
}

/** The metrics as the JSON contract writes them: one that was not a number is null (JSON has no NaN). */
function metricsJson(record: MetricsOf): Record<string, number | null> {
  const json: Record<string, number | null> = { ...record.metrics };
  for (const name of Object.keys(record.notFinite ?? {})) json[name] = null;
  return json;
}

export async function historyCommand(
  io: CliIO,
  globals: GlobalOptions,
  asset: string,
  options: { json?: boolean; branch?: string },
): Promise<number> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  requireAsset(workspace, asset);
  // The global --env names the environment to list (KILN_ENV, which only chooses where to run,
  // does not filter); without it every environment's versions are listed.
  const filter: VersionFilter = { environment: globals.env, branch: options.branch };
  const keep = (context: Parameters<typeof matchesFilter>[0]) => matchesFilter(context, filter);
  const records = (await workspace.ledger.materializations(asset)).filter((r) => keep(r.context));
  const failures = (await workspace.ledger.failures(asset)).filter((f) => keep(f.context));
  const holders = aliasHolders(await workspace.ledger.aliasHistory(asset));
  const aliasesOf = (version: number) =>
    [...holders].filter(([, v]) => v === version).map(([alias]) => alias);
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
      experiment: r.context.experiment?.overrides ?? null,
    }));
    const failed = failures.map((f) => ({
      status: f.status,
      finishedAt: f.finishedAt,
      error: f.error,
      gitSha: f.context.gitSha ?? null,
      dirty: f.context.dirty === true,
      ...whereMade(f.context),
    }));
    io.stdout(
      contractJson("history", { asset, versions, failures: failed, aliases: Object.fromEntries(holders) }),
    );
    return 0;
  }
  if (records.length === 0 && failures.length === 0) {
    const where = describeFilter(filter);
    io.stdout(
      where
        ? `${asset} has no versions made in ${where}.\n`
        : `${asset} has never been materialized. Run \`kiln run ${asset}\`.\n`,
    );
    return 0;
  }
  const spec = workspace.project.assets.get(asset);
  const allMetrics = tableMetrics(records.flatMap(metricNamesOf), [
    spec?.metrics?.primary,
    spec?.promote?.metric,
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
        commitText(r.context),
      ],
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
        commitText(f.context),
      ],
    })),
  ].sort((a, b) => newestFirst(a.at, b.at));
  io.stdout(
    `${terminalTable(
      ["version", "finished (UTC)", "status", "aliases", ...metricNames, "env", "branch", "commit"],
      rows.map((r) => r.cells),
    )}\n`,
  );
  const more = allMetrics.slice(TABLE_METRICS);
  if (more.length > 0)
    io.stdout(
      `\n${more.length} more metric${more.length === 1 ? "" : "s"} (${more.join(", ")}): \`kiln history ${asset} --json\` has every one.\n`,
    );
  // A failed row says that, not why: each failure's reason follows the table, newest first.
  const reasons = [...failures]
    .sort((a, b) => newestFirst(a.finishedAt, b.finishedAt))
    .map((f) => `  ${formatSecond(f.finishedAt)} ${f.status}: ${f.error.split("\n")[0]}\n`);
  if (reasons.length > 0)
    io.stdout(`\nWhy the attempts failed (newest first; --json has every line):\n${reasons.join("")}`);
  return 0;
}

/** ISO times, the later first. */
function newestFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
