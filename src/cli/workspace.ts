// Loads the manifest and opens the workspace for a command, or fails with a user error.
import type { MaterializationRecord } from "../domain/records.js";
import {
  checkoutVersion,
  describeFilter,
  parseVersionRef,
  resolveVersionRef,
  type VersionFilter,
} from "../app/version-refs.js";
import { openWorkspace, type Workspace } from "../app/workspace.js";
import type { ProjectAssessment } from "../version/status.js";
import { UNMATCHED_HINT, unmatchedWarning } from "../version/fingerprint.js";
import { unknownNameHint } from "../manifest/suggest.js";
import { printDiagnostics, UserError } from "./errors.js";
import { defaultEvent } from "./tick.js";
import type { TickEvent } from "../automation/tick.js";
import type { CheckoutReads } from "../git/repo.js";
import type { CliIO } from "./io.js";
import { type LoadedProject, loadProject } from "./load-project.js";
import type { GlobalOptions } from "./program.js";

export interface CliWorkspace extends Workspace {
  loaded: LoadedProject;
}

export async function cliWorkspace(
  io: CliIO,
  globals: GlobalOptions,
  options: {
    quiet?: boolean;
    event?: TickEvent | undefined;
    base?: string | undefined;
    legacyLedger?: "auto" | "adopt";
    /** The command's git reads, started early (see earlyReads). */
    reads?: CheckoutReads | undefined;
  } = {},
): Promise<CliWorkspace> {
  return workspaceOf(io, globals, await loadProject(io, globals, options.reads), options);
}

/** Opens the workspace of a loaded project (one of several, for commands that take them all). */
export async function workspaceOf(
  io: CliIO,
  globals: GlobalOptions,
  loaded: LoadedProject,
  options: Parameters<typeof cliWorkspace>[2] = {},
): Promise<CliWorkspace> {
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
    reads: options.reads,
  });
  if (!opened.ok) throw new UserError(opened.error, opened.hint);
  return { ...opened.workspace, loaded };
}

/** Fails with a did-you-mean and the manifest's assets when the asset is not in the manifest. */
export function requireAsset(workspace: Workspace, name: string): void {
  if (workspace.project.assets.has(name)) return;
  if (workspace.project.sources.has(name))
    throw new UserError(
      `"${name}" is a source: it is observed, never materialized, so it has no versions`,
      `\`kiln show ${name}\` shows what it is and what reads it`,
    );
  throw new UserError(`unknown asset "${name}"`, unknownNameHint(name, [...workspace.project.assets.keys()]));
}

/** Sources whose `observe` failed: their dependants wait; everything else ran or was planned. */
export function reportUnavailableSources(assessment: ProjectAssessment, io: CliIO): void {
  for (const source of assessment.sources.values()) {
    if (source.unavailable === undefined) continue;
    io.stderr(
      `kiln: warning: ${source.unavailable}\n  hint: its dependants wait; run the source's observe command by hand to see why it fails\n`,
    );
  }
}

/**
 * Patterns under `code` or `inputs` of the `assets` that match no file: nothing there can make the
 * asset stale, which a user must hear of (a typo, a file not in this checkout).
 */
export function reportUnmatchedPatterns(
  assessment: ProjectAssessment,
  assets: Iterable<string>,
  io: CliIO,
): void {
  let any = false;
  for (const name of assets) {
    for (const pattern of assessment.assets.get(name)?.unmatched ?? []) {
      io.stderr(`kiln: warning: ${unmatchedWarning(name, pattern)}\n`);
      any = true;
    }
  }
  if (any) io.stderr(`  hint: ${UNMATCHED_HINT}\n`);
}

export function reportLedgerProblems(workspace: Workspace, io: CliIO): void {
  for (const problem of workspace.ledger.problems()) {
    io.stderr(`kiln: warning: skipped ${problem.path}: ${problem.message} (run \`kiln doctor\` for help)\n`);
  }
}

/** A version a command took, and in words why that one (`kiln pull` prints it). */
export interface ResolvedRecord {
  record: MaterializationRecord;
  /** Absent for a version named by number: the user said which. */
  why?: string | undefined;
}

/**
 * Opens the workspace and resolves `ASSET`, `ASSET@v3` or `ASSET@champion` to one record (see
 * resolveRecordIn).
 */
export async function resolveRecordRef(
  io: CliIO,
  globals: GlobalOptions,
  text: string,
  filter: VersionFilter = {},
): Promise<ResolvedRecord & { workspace: CliWorkspace }> {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  return { workspace, ...(await resolveRecordIn(workspace, text, filter, io.env)) };
}

/**
 * Resolves `ASSET`, `ASSET@v3` or `ASSET@champion` in an open workspace. A bare ASSET is this
 * checkout's current version, as `kiln status` shows it; with `--branch` (and `--env`), the latest
 * version made there.
 */
export async function resolveRecordIn(
  workspace: Workspace,
  text: string,
  filter: VersionFilter,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedRecord> {
  const parsed = parseVersionRef(text);
  if (!parsed.ok) throw new UserError(parsed.error, parsed.hint);
  const ref = parsed.value;
  requireAsset(workspace, ref.asset);
  if (ref.version === undefined && ref.alias === undefined && filter.branch === undefined) {
    // --env is the workspace's environment already: the checkout's current version in it.
    const current = await checkoutVersion(workspace, ref.asset, env);
    if (!current.ok) throw new UserError(current.error, current.hint);
    const v = `v${current.record.version}`;
    const state = current.status === "fresh" ? "fresh" : `${current.status}: ${current.reasons.join("; ")}`;
    return {
      record: current.record,
      why: `${v} is this checkout's current version in ${workspace.environment} (${state}), as kiln status shows it${current.status === "fresh" ? "" : `; \`kiln run ${ref.asset}\` builds a fresh one`}`,
    };
  }
  const resolved = await resolveVersionRef(workspace.ledger, ref, filter);
  if (!resolved.ok) throw new UserError(resolved.error, resolved.hint ?? `see \`kiln history ${ref.asset}\``);
  const v = `v${resolved.record.version}`;
  return {
    record: resolved.record,
    why:
      ref.alias !== undefined
        ? `${v} holds the alias ${ref.alias}`
        : ref.version !== undefined
          ? undefined
          : `${v} is the latest version made in ${describeFilter(filter)}`,
  };
}
