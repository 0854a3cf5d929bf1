import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  metricCell,
  metricNamesOf
} from "./chunk-K6RQCLJF.js";
import {
  aliasMoveJson
} from "./chunk-V4PXZ3UL.js";
import {
  contractJson
} from "./chunk-NT5MSSAQ.js";
import "./chunk-4BTWH4UN.js";
import {
  formatSecond
} from "./chunk-NBF2VUI6.js";
import {
  cliWorkspace,
  resolveRecordIn
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  ObserveError,
  observeSource
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  aliasHolders,
  declaredSecrets
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/show.ts
async function showSource(io, workspace, source, options) {
  let observed;
  let unavailable;
  if (source.observe) {
    try {
      observed = (await observeSource(source, workspace.project.root, io.env, declaredSecrets(workspace.project))).shown;
    } catch (error) {
      if (!(error instanceof ObserveError)) throw error;
      unavailable = error.message;
    }
  }
  const readers = [...workspace.project.assets.values()].filter((a) => a.deps.includes(source.name));
  const readBy = await Promise.all(
    readers.map(async (asset) => {
      const latest = (await workspace.ledger.materializations(asset.name)).at(-1);
      return {
        asset: asset.name,
        version: latest?.version ?? null,
        dataVersion: latest?.provenance.deps[source.name] ?? null
      };
    })
  );
  if (options.json) {
    const out = {
      kind: "source",
      name: source.name,
      description: source.description ?? null,
      observe: source.observe ?? null,
      inputs: source.inputs,
      observed: observed ?? null,
      unavailable: unavailable ?? null,
      readBy
    };
    io.stdout(contractJson("show-source", out));
    return 0;
  }
  const lines = [`${source.name}  (source: observed, never materialized)`];
  if (source.description) lines.push(`  description      ${source.description}`);
  if (source.observe) lines.push(`  observe          ${source.observe}`);
  if (source.inputs.length > 0) lines.push(`  inputs           ${source.inputs.join(", ")}`);
  if (source.observe)
    lines.push(`  observed now     ${observed ?? `unavailable: ${unavailable?.replace(/\n\s*/g, " / ")}`}`);
  if (readBy.length > 0) {
    lines.push("  read by (latest version \u2192 the source's data version it read)");
    const width = Math.max(...readBy.map((r) => r.asset.length));
    for (const r of readBy)
      lines.push(
        `    ${r.asset.padEnd(width)}  ${r.version === null ? "never materialized" : `v${r.version} \u2192 ${r.dataVersion?.slice(0, 16) ?? "-"}`}`
      );
  }
  io.stdout(`${lines.join("\n")}
`);
  return 0;
}
function describeMove(e) {
  const by = e.kind === "manual" ? `${e.by} with kiln promote` : e.kind === "rollback" ? `${e.by} with kiln rollback` : `a run${e.run ? ` (${e.run})` : ""}`;
  return `${e.alias} ${e.from === null ? "(none)" : `v${e.from}`} \u2192 v${e.to}  ${formatSecond(e.at)}  by ${by}: ${e.reason}`;
}
async function showCommand(io, globals, text, options) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const source = workspace.project.sources.get(text.trim());
  if (source) return showSource(io, workspace, source, options);
  const { record } = await resolveRecordIn(
    workspace,
    text,
    { environment: globals.env, branch: options.branch },
    io.env
  );
  const later = await workspace.ledger.locations(record.asset, record.version);
  const r = { ...record, locations: [...record.locations, ...later] };
  const history = await workspace.ledger.aliasHistory(record.asset);
  const aliases = [...aliasHolders(history)].filter(([, v]) => v === record.version).map(([alias]) => alias);
  const moves = history.filter((e) => e.to === record.version);
  if (options.json) {
    r.series = await workspace.ledger.series(record);
    const aliasMoves = moves.map(aliasMoveJson);
    io.stdout(contractJson("show", { ...r, aliases, aliasMoves }));
    return 0;
  }
  const lines = [
    `${r.asset} v${r.version}  (${r.status}, finished ${r.finishedAt})`,
    `  environment      ${r.context.environment}`,
    `  branch           ${r.context.ref ?? "(none: detached HEAD or not a git checkout)"}`,
    `  data version     ${r.dataVersion}`,
    `  logical version  ${r.logicalVersion}`,
    `  code version     ${r.provenance.codeVersion}`,
    `  commit           ${r.context.gitSha ? `${r.context.gitSha}${r.context.dirty ? " with uncommitted changes (dirty)" : ""}` : "(not a git checkout)"}`,
    `  why it ran       ${r.reasons.join("; ") || "-"}`
  ];
  lines.push(`  aliases          ${aliases.join(", ") || "(none now)"}`);
  for (const [i, move] of moves.entries())
    lines.push(`  ${(i === 0 ? "moved here" : "").padEnd(10)}       ${describeMove(move)}`);
  if (r.promotion) {
    const never = r.promotion.promote && !moves.some((e) => e.alias === r.promotion?.alias && (e.kind ?? "promotion") === "promotion") ? ` (the ${r.promotion.alias} alias never moved to it)` : "";
    lines.push(
      `  promotion        at its run: ${r.promotion.promote ? "eligible" : "not eligible"}: ${r.promotion.reason}${never}`
    );
  }
  const section = (title, entries) => {
    if (entries.length === 0) return;
    lines.push(`  ${title}`);
    const width = Math.max(...entries.map(([key]) => key.length));
    for (const [key, value] of entries) lines.push(`    ${key.padEnd(width)}  ${value}`);
  };
  section(
    "metrics",
    metricNamesOf(r).map((name) => [name, metricCell(r, name)])
  );
  if (r.warnings?.length) {
    lines.push("  warnings");
    for (const warning of r.warnings) lines.push(`    ${warning}`);
  }
  section(
    "config",
    Object.entries(r.provenance.config).map(([k, v]) => [k, JSON.stringify(v)])
  );
  section(
    "lineage (dependency \u2192 data version)",
    Object.entries(r.provenance.deps).map(([k, v]) => [k, v.slice(0, 16)])
  );
  section(
    "inputs",
    Object.entries(r.provenance.inputs).map(([k, v]) => [k, v.slice(0, 12)])
  );
  section(
    "code",
    Object.entries(r.provenance.code).map(([k, v]) => [k, v.slice(0, 12)])
  );
  section(
    "outputs",
    Object.entries(r.outputs).map(([k, v]) => [k, `${v.blob.slice(0, 12)}  ${v.size} bytes`])
  );
  section(
    "stored in",
    r.locations.map((l) => [
      l.kind,
      `${l.ref}${l.url ? `  ${l.url}` : ""}${l.expiresAt ? `  (until ${l.expiresAt.slice(0, 10)})` : ""}`
    ])
  );
  section(
    "checks",
    r.checks.map((c) => [
      `${c.passed ? "\u2713" : "\u2717"} ${c.name}`,
      `${c.blocking ? "blocking, " : ""}${c.message}`
    ])
  );
  const points = r.seriesFile?.points ?? r.series.length;
  const sample = r.seriesPreview ?? (r.series.length > 0 || points === 0 ? r.series : await workspace.ledger.series(record));
  if (points > 0)
    lines.push(
      `  series           ${points} points (${[...new Set(sample.flatMap((p) => Object.keys(p)))].filter((k) => k !== "step").join(", ")})`
    );
  io.stdout(`${lines.join("\n")}
`);
  return 0;
}
export {
  showCommand
};
