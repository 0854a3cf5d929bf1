import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadProject
} from "./chunk-CVFTVLUI.js";
import {
  UNMATCHED_HINT,
  assessWorkspace,
  unmatchedWarning
} from "./chunk-YJUY5MZT.js";
import {
  tickEventOf
} from "./chunk-YCJ7GVD5.js";
import {
  aliasHolders,
  isExperiment,
  materializationPath,
  materializationsDir,
  openWorkspace
} from "./chunk-OAUXH6FU.js";
import {
  unknownNameHint
} from "./chunk-CZZZSMQQ.js";
import {
  UserError,
  printDiagnostics
} from "./chunk-DQNGLDMZ.js";

// src/ledger/record-problem.ts
function recordProblem(ledger, asset, version, since) {
  const problems = ledger.problems();
  const file = `/${materializationPath(asset, version)}`;
  return problems.slice(since)[0] ?? problems.find((p) => p.path.replaceAll("\\", "/").endsWith(file));
}
function assetRecordProblems(ledger, asset) {
  const dir = `/${materializationsDir(asset)}/`;
  return ledger.problems().filter((p) => p.path.replaceAll("\\", "/").includes(dir));
}
async function readNamedRecord(ledger, asset, version) {
  const since = ledger.problems().length;
  const record = await ledger.materialization(asset, version);
  if (record) return { ok: true, record };
  const problem = recordProblem(ledger, asset, version, since);
  return { ok: false, problem, detail: problem ? `: ${problem.path}: ${problem.message}` : "" };
}

// src/app/version-refs.ts
function versionNumber(digits) {
  const version = Number(digits);
  if (Number.isSafeInteger(version)) return { ok: true, value: version };
  return {
    ok: false,
    error: `version ${digits} is larger than any version Kiln can number (the largest is ${Number.MAX_SAFE_INTEGER})`,
    hint: "versions count up from v1 with each materialization: `kiln history ASSET` lists them"
  };
}
function parseVersionRef(text) {
  const match = /^([a-z][a-z0-9_-]*)(?:@(?:v?(\d+)|([a-z][a-z0-9_-]*)))?$/.exec(text.trim());
  if (!match)
    return { ok: false, error: `cannot read "${text}"`, hint: "write ASSET, ASSET@v3 or ASSET@champion" };
  const version = match[2] === void 0 ? void 0 : versionNumber(match[2]);
  if (version && !version.ok) return version;
  return { ok: true, value: { asset: match[1], version: version?.value, alias: match[3] } };
}
function parseVersionNumber(text, hint) {
  const match = /^v?(\d+)$/.exec(text.trim());
  if (!match) return { ok: false, error: `cannot read version "${text}"`, hint };
  return versionNumber(match[1]);
}
var DOCTOR_HINT = "`kiln doctor` says what is wrong and how to fix it";
async function readListed(ledger, asset, version) {
  const read = await readNamedRecord(ledger, asset, version);
  if (read.ok) return read;
  return {
    ok: false,
    error: `${asset} v${version}'s record cannot be read${read.detail}`,
    hint: read.problem?.fix ?? DOCTOR_HINT
  };
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
    if (!records.some((r) => r.version === holder))
      return { ok: false, error: `${ref.asset}@${ref.alias} points at v${holder}, whose record is missing` };
    return readListed(ledger, ref.asset, holder);
  }
  if (ref.version !== void 0) {
    const version = ref.version;
    if (!records.some((r) => r.version === version))
      return {
        ok: false,
        error: `${ref.asset} has no v${ref.version} (the latest is v${records.at(-1).version})`
      };
    return readListed(ledger, ref.asset, version);
  }
  const head = records.findLast(
    (r) => matchesFilter(r.context, filter) && !(filter.skipExperiments && isExperiment(r))
  );
  if (head) return readListed(ledger, ref.asset, head.version);
  const where = describeFilter(filter);
  return {
    ok: false,
    error: `${ref.asset} has no version${filter.skipExperiments ? " but experiments" : ""}${where ? ` made in ${where}` : ""}${filter.skipExperiments ? ` (name one to take it: ${ref.asset}@vN)` : ""}`
  };
}
async function checkoutVersion(workspace, asset, env) {
  const assessment = await assessWorkspace(workspace, env, void 0);
  const state = assessment.assets.get(asset);
  if (!state) throw new Error(`bug: ${asset} is not in the assessment`);
  const here = workspace.environment;
  if (!state.current) {
    const newest = (await workspace.ledger.heads(asset)).at(-1);
    const made = newest ? whereMade(newest.context) : void 0;
    const damaged = assetRecordProblems(workspace.ledger, asset).length;
    return {
      ok: false,
      error: `${asset} has no version in this checkout (${here}): ${state.reasons.join("; ")}${damaged ? `, and ${damaged} of its records cannot be read` : ""}`,
      hint: damaged ? DOCTOR_HINT : newest && made ? `the newest is v${newest.version}${isExperiment(newest) ? " (an experiment)" : ""}, made in ${made.environment}${made.branch ? ` on ${made.branch}` : ""}: kiln show ${asset}@v${newest.version}; \`kiln history ${asset}\` lists them all` : `\`kiln run ${asset}\` builds it`
    };
  }
  const read = await readListed(workspace.ledger, asset, state.current.version);
  if (!read.ok) return read;
  return { ok: true, record: read.record, status: state.status, reasons: state.reasons };
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
  return workspaceOf(io, globals, await loadProject(io, globals, options.reads), options);
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
  return { workspace, ...await resolveRecordIn(workspace, text, filter, io.env) };
}
async function resolveRecordIn(workspace, text, filter, env) {
  const parsed = parseVersionRef(text);
  if (!parsed.ok) throw new UserError(parsed.error, parsed.hint);
  const ref = parsed.value;
  requireAsset(workspace, ref.asset);
  if (ref.version === void 0 && ref.alias === void 0 && filter.branch === void 0) {
    const current = await checkoutVersion(workspace, ref.asset, env);
    if (!current.ok) throw new UserError(current.error, current.hint);
    const v2 = `v${current.record.version}`;
    const state = current.status === "fresh" ? "fresh" : `${current.status}: ${current.reasons.join("; ")}`;
    return {
      record: current.record,
      why: `${v2} is this checkout's current version in ${workspace.environment} (${state}), as kiln status shows it${current.status === "fresh" ? "" : `; \`kiln run ${ref.asset}\` builds a fresh one`}`
    };
  }
  const resolved = await resolveVersionRef(workspace.ledger, ref, filter);
  if (!resolved.ok) throw new UserError(resolved.error, resolved.hint ?? `see \`kiln history ${ref.asset}\``);
  const v = `v${resolved.record.version}`;
  return {
    record: resolved.record,
    why: ref.alias !== void 0 ? `${v} holds the alias ${ref.alias}` : ref.version !== void 0 ? void 0 : `${v} is the latest version made in ${describeFilter(filter)}`
  };
}

export {
  readNamedRecord,
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
