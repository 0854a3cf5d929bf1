import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadProject
} from "./chunk-BQANME2X.js";
import {
  UNMATCHED_HINT,
  unmatchedWarning
} from "./chunk-XSA3EKDT.js";
import {
  tickEventOf
} from "./chunk-YCJ7GVD5.js";
import {
  aliasHolders,
  isExperiment,
  openWorkspace
} from "./chunk-G4P2JCFO.js";
import {
  unknownNameHint
} from "./chunk-CZZZSMQQ.js";
import {
  UserError,
  printDiagnostics
} from "./chunk-HYWDW5XQ.js";

// src/app/version-refs.ts
function parseVersionRef(text) {
  const match = /^([a-z][a-z0-9_-]*)(?:@(?:v?(\d+)|([a-z][a-z0-9_-]*)))?$/.exec(text.trim());
  if (!match) return void 0;
  return { asset: match[1], version: match[2] ? Number(match[2]) : void 0, alias: match[3] };
}
function parseVersionNumber(text) {
  const match = /^v?(\d+)$/.exec(text.trim());
  return match ? Number(match[1]) : void 0;
}
function whereMade(context) {
  return { environment: context.environment, branch: context.ref ?? null };
}
function commitText(context) {
  if (!context.gitSha) return "";
  return `${context.gitSha.slice(0, 7)}${context.dirty ? "-dirty" : ""}`;
}
function matchesFilter(context, filter) {
  if (filter.environment !== void 0 && context.environment !== filter.environment) return false;
  if (filter.branch !== void 0 && context.ref !== filter.branch) return false;
  return true;
}
function describeFilter(filter) {
  const parts = [
    filter.environment !== void 0 ? `environment ${filter.environment}` : void 0,
    filter.branch !== void 0 ? `branch ${filter.branch}` : void 0
  ].filter(Boolean);
  return parts.join(" and ");
}
async function resolveVersionRef(ledger, ref, filter = {}) {
  const resolved = await resolveUnfiltered(ledger, ref, filter);
  if (resolved.ok && !matchesFilter(resolved.record.context, filter)) {
    const { environment, branch } = whereMade(resolved.record.context);
    return {
      ok: false,
      error: `${ref.asset} v${resolved.record.version} was made in ${environment}${branch ? ` on ${branch}` : ""}, not in ${describeFilter(filter)}`
    };
  }
  return resolved;
}
async function resolveUnfiltered(ledger, ref, filter) {
  const records = await ledger.heads(ref.asset);
  if (records.length === 0)
    return { ok: false, error: `${ref.asset} has no materializations in ${ledger.description}` };
  if (ref.alias !== void 0) {
    const holder = aliasHolders(await ledger.aliasHistory(ref.asset)).get(ref.alias);
    if (holder === void 0)
      return { ok: false, error: `${ref.asset} has no version with the alias ${ref.alias}` };
    const record = records.some((r) => r.version === holder) ? await ledger.materialization(ref.asset, holder) : void 0;
    return record ? { ok: true, record } : { ok: false, error: `${ref.asset}@${ref.alias} points at v${holder}, whose record is missing` };
  }
  if (ref.version !== void 0) {
    const version = ref.version;
    const record = records.some((r) => r.version === version) ? await ledger.materialization(ref.asset, version) : void 0;
    const latest2 = records.at(-1).version;
    return record ? { ok: true, record } : { ok: false, error: `${ref.asset} has no v${ref.version} (the latest is v${latest2})` };
  }
  const head = records.findLast(
    (r) => matchesFilter(r.context, filter) && !(filter.skipExperiments && isExperiment(r))
  );
  const latest = head ? await ledger.materialization(ref.asset, head.version) : void 0;
  if (latest) return { ok: true, record: latest };
  const where = describeFilter(filter);
  return {
    ok: false,
    error: `${ref.asset} has no version${filter.skipExperiments ? " but experiments" : ""}${where ? ` made in ${where}` : ""}${filter.skipExperiments ? ` (name one to take it: ${ref.asset}@vN)` : ""}`
  };
}

// src/cli/tick.ts
function cliTick(options, env) {
  let now = /* @__PURE__ */ new Date();
  if (options.now !== void 0) {
    now = new Date(options.now);
    if (Number.isNaN(now.getTime())) {
      throw new UserError(
        `--now "${options.now}" is not a date`,
        "write an ISO 8601 time such as 2026-11-23T03:00:00+01:00"
      );
    }
  }
  const event = options.event ?? defaultEvent(env);
  return { event, now };
}
function defaultEvent(env) {
  return tickEventOf(env.GITHUB_ACTIONS === "true" ? env.GITHUB_EVENT_NAME : void 0);
}

// src/cli/workspace.ts
async function cliWorkspace(io, globals, options = {}) {
  return workspaceOf(io, globals, await loadProject(io, globals), options);
}
async function workspaceOf(io, globals, loaded, options = {}) {
  if (!options.quiet && loaded.warnings.length > 0)
    printDiagnostics(loaded.warnings, loaded.files, io.stderr);
  const opened = await openWorkspace({
    project: loaded.project,
    environment: globals.env,
    event: options.event ?? defaultEvent(io.env),
    base: options.base,
    ledger: globals.ledger,
    legacyLedger: options.legacyLedger,
    env: io.env,
    reads: options.reads
  });
  if (!opened.ok) throw new UserError(opened.error, opened.hint);
  return { ...opened.workspace, loaded };
}
function requireAsset(workspace, name) {
  if (workspace.project.assets.has(name)) return;
  if (workspace.project.sources.has(name))
    throw new UserError(
      `"${name}" is a source: it is observed, never materialized, so it has no versions`,
      `\`kiln show ${name}\` shows what it is and what reads it`
    );
  throw new UserError(`unknown asset "${name}"`, unknownNameHint(name, [...workspace.project.assets.keys()]));
}
function reportUnavailableSources(assessment, io) {
  for (const source of assessment.sources.values()) {
    if (source.unavailable === void 0) continue;
    io.stderr(
      `kiln: warning: ${source.unavailable}
  hint: its dependants wait; run the source's observe command by hand to see why it fails
`
    );
  }
}
function reportUnmatchedPatterns(assessment, assets, io) {
  let any = false;
  for (const name of assets) {
    for (const pattern of assessment.assets.get(name)?.unmatched ?? []) {
      io.stderr(`kiln: warning: ${unmatchedWarning(name, pattern)}
`);
      any = true;
    }
  }
  if (any) io.stderr(`  hint: ${UNMATCHED_HINT}
`);
}
function reportLedgerProblems(workspace, io) {
  for (const problem of workspace.ledger.problems()) {
    io.stderr(`kiln: warning: skipped ${problem.path}: ${problem.message} (run \`kiln doctor\` for help)
`);
  }
}
async function resolveRecordRef(io, globals, text, filter = {}) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  return { workspace, record: await resolveRecordIn(workspace, text, filter) };
}
async function resolveRecordIn(workspace, text, filter = {}) {
  const ref = parseVersionRef(text);
  if (!ref) throw new UserError(`cannot read "${text}"`, "write ASSET, ASSET@v3 or ASSET@champion");
  requireAsset(workspace, ref.asset);
  const resolved = await resolveVersionRef(workspace.ledger, ref, filter);
  if (!resolved.ok) throw new UserError(resolved.error, `see \`kiln history ${ref.asset}\``);
  return resolved.record;
}

export {
  parseVersionNumber,
  whereMade,
  commitText,
  matchesFilter,
  describeFilter,
  cliTick,
  cliWorkspace,
  workspaceOf,
  requireAsset,
  reportUnavailableSources,
  reportUnmatchedPatterns,
  reportLedgerProblems,
  resolveRecordRef,
  resolveRecordIn
};
