// `kiln show ASSET[@vN|@alias]`: one record, its inputs and its lineage.
import { metricCell } from "./history.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { resolveRecordRef } from "./workspace.js";

export async function showCommand(
  io: CliIO,
  globals: GlobalOptions,
  text: string,
  options: { json?: boolean; branch?: string },
): Promise<number> {
  // `--env`/`--branch` pick the latest version made there (`kiln show model --env prod`).
  const { workspace, record } = await resolveRecordRef(io, globals, text, {
    environment: globals.env,
    branch: options.branch,
  });
  // The record's own locations, then those appended after it was written (never rewritten).
  const later = await workspace.ledger.locations(record.asset, record.version);
  const r = { ...record, locations: [...record.locations, ...later] };
  if (options.json) {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${r.asset} v${r.version}  (${r.status}, finished ${r.finishedAt})`,
    `  environment      ${r.context.environment}`,
    `  branch           ${r.context.ref ?? "(none: detached HEAD or not a git checkout)"}`,
    `  data version     ${r.dataVersion}`,
    `  logical version  ${r.logicalVersion}`,
    `  code version     ${r.provenance.codeVersion}`,
    `  commit           ${r.context.gitSha ?? "(not a git checkout)"}`,
    `  why it ran       ${r.reasons.join("; ") || "-"}`,
  ];
  if (r.promotion)
    lines.push(
      `  promotion        ${r.promotion.promote ? "eligible" : "not eligible"}: ${r.promotion.reason}`,
    );
  const section = (title: string, entries: [string, string][]) => {
    if (entries.length === 0) return;
    lines.push(`  ${title}`);
    const width = Math.max(...entries.map(([key]) => key.length));
    for (const [key, value] of entries) lines.push(`    ${key.padEnd(width)}  ${value}`);
  };
  section(
    "metrics",
    Object.entries(r.metrics).map(([k, v]) => [k, metricCell(v)]),
  );
  section(
    "config",
    Object.entries(r.provenance.config).map(([k, v]) => [k, JSON.stringify(v)]),
  );
  section(
    "lineage (dependency → data version)",
    Object.entries(r.provenance.deps).map(([k, v]) => [k, v.slice(0, 16)]),
  );
  section(
    "inputs",
    Object.entries(r.provenance.inputs).map(([k, v]) => [k, v.slice(0, 12)]),
  );
  section(
    "code",
    Object.entries(r.provenance.code).map(([k, v]) => [k, v.slice(0, 12)]),
  );
  section(
    "outputs",
    Object.entries(r.outputs).map(([k, v]) => [k, `${v.blob.slice(0, 12)}  ${v.size} bytes`]),
  );
  section(
    "stored in",
    r.locations.map((l) => [
      l.kind,
      `${l.ref}${l.url ? `  ${l.url}` : ""}${l.expiresAt ? `  (until ${l.expiresAt.slice(0, 10)})` : ""}`,
    ]),
  );
  section(
    "checks",
    r.checks.map((c) => [
      `${c.passed ? "✓" : "✗"} ${c.name}`,
      `${c.blocking ? "blocking, " : ""}${c.message}`,
    ]),
  );
  if (r.series.length > 0)
    lines.push(
      `  series           ${r.series.length} points (${Object.keys(r.series[0]!)
        .filter((k) => k !== "step")
        .join(", ")})`,
    );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}
