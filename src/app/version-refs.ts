// Version references as people type them: `model`, `model@v3`, `model@3`, `model@champion`.
import { isExperiment, type MaterializationRecord } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { aliasHolders } from "../ledger/aliases.js";
import { assetRecordProblems, readNamedRecord } from "../ledger/record-problem.js";
import type { AssetStatus } from "../version/status.js";
import { assessWorkspace } from "./pipeline.js";
import type { Workspace } from "./workspace.js";

export interface VersionRef {
  asset: string;
  /** A version number, an alias, or undefined for the latest version. */
  version?: number | undefined;
  alias?: string | undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; hint: string };

/**
 * The digits of a version as a number, refused past Number.MAX_SAFE_INTEGER: a larger one reads
 * back as another number (v99999999999999999999 as v100000000000000000000), and an answer about
 * that other number misleads. Kiln numbers versions one by one, so none is ever that large.
 */
function versionNumber(digits: string): Parsed<number> {
  const version = Number(digits);
  if (Number.isSafeInteger(version)) return { ok: true, value: version };
  return {
    ok: false,
    error: `version ${digits} is larger than any version Kiln can number (the largest is ${Number.MAX_SAFE_INTEGER})`,
    hint: "versions count up from v1 with each materialization: `kiln history ASSET` lists them",
  };
}

export function parseVersionRef(text: string): Parsed<VersionRef> {
  const match = /^([a-z][a-z0-9_-]*)(?:@(?:v?(\d+)|([a-z][a-z0-9_-]*)))?$/.exec(text.trim());
  if (!match)
    return { ok: false, error: `cannot read "${text}"`, hint: "write ASSET, ASSET@v3 or ASSET@champion" };
  const version = match[2] === undefined ? undefined : versionNumber(match[2]);
  if (version && !version.ok) return version;
  return { ok: true, value: { asset: match[1]!, version: version?.value, alias: match[3] } };
}

/** `v3` or `3`; `hint` says how to write one (`write v3 or 3`). */
export function parseVersionNumber(text: string, hint: string): Parsed<number> {
  const match = /^v?(\d+)$/.exec(text.trim());
  if (!match) return { ok: false, error: `cannot read version "${text}"`, hint };
  return versionNumber(match[1]!);
}

export type Resolved =
  | { ok: true; record: MaterializationRecord }
  | { ok: false; error: string; hint?: string | undefined };

/** `kiln doctor` explains every ledger problem with its fix. */
const DOCTOR_HINT = "`kiln doctor` says what is wrong and how to fix it";

/**
 * A version the ledger lists, read: one whose record does not read back (damaged, truncated, not a
 * record, no permission) is said to be unreadable, with the ledger's reason and fix, never to be
 * a version that does not exist.
 */
async function readListed(
  ledger: Ledger,
  asset: string,
  version: number,
): Promise<{ ok: true; record: MaterializationRecord } | { ok: false; error: string; hint: string }> {
  const read = await readNamedRecord(ledger, asset, version);
  if (read.ok) return read;
  return {
    ok: false,
    error: `${asset} v${version}'s record cannot be read${read.detail}`,
    hint: read.problem?.fix ?? DOCTOR_HINT,
  };
}

/** Which versions a command looks at: `--env prod`, `--branch main` (both optional). */
export interface VersionFilter {
  environment?: string | undefined;
  branch?: string | undefined;
  /**
   * The latest version is never an experiment's (run config set at run time): `kiln pull model`
   * brings the manifest's model, and an experiment is pulled only when named (`model@v7`).
   */
  skipExperiments?: boolean | undefined;
}

/** Where a record or failure was made, as `history` and `show` print it. */
export function whereMade(context: { environment: string; ref?: string | undefined }): {
  environment: string;
  branch: string | null;
} {
  return { environment: context.environment, branch: context.ref ?? null };
}

/**
 * The commit a record was built from, short, with `-dirty` when the working tree had uncommitted
 * changes to the asset's files (as `git describe --dirty` marks it): that commit alone cannot
 * rebuild it.
 */
export function commitText(context: { gitSha?: string | undefined; dirty?: boolean | undefined }): string {
  if (!context.gitSha) return "";
  return `${context.gitSha.slice(0, 7)}${context.dirty ? "-dirty" : ""}`;
}

export function matchesFilter(
  context: { environment: string; ref?: string | undefined },
  filter: VersionFilter,
): boolean {
  if (filter.environment !== undefined && context.environment !== filter.environment) return false;
  if (filter.branch !== undefined && context.ref !== filter.branch) return false;
  return true;
}

export function describeFilter(filter: VersionFilter): string {
  const parts = [
    filter.environment !== undefined ? `environment ${filter.environment}` : undefined,
    filter.branch !== undefined ? `branch ${filter.branch}` : undefined,
  ].filter(Boolean);
  return parts.join(" and ");
}

export async function resolveVersionRef(
  ledger: Ledger,
  ref: VersionRef,
  filter: VersionFilter = {},
): Promise<Resolved> {
  const resolved = await resolveUnfiltered(ledger, ref, filter);
  if (resolved.ok && !matchesFilter(resolved.record.context, filter)) {
    const { environment, branch } = whereMade(resolved.record.context);
    return {
      ok: false,
      error: `${ref.asset} v${resolved.record.version} was made in ${environment}${branch ? ` on ${branch}` : ""}, not in ${describeFilter(filter)}`,
    };
  }
  return resolved;
}

async function resolveUnfiltered(ledger: Ledger, ref: VersionRef, filter: VersionFilter): Promise<Resolved> {
  const records = await ledger.heads(ref.asset);
  if (records.length === 0)
    return { ok: false, error: `${ref.asset} has no materializations in ${ledger.description}` };
  if (ref.alias !== undefined) {
    const holder = aliasHolders(await ledger.aliasHistory(ref.asset)).get(ref.alias);
    if (holder === undefined)
      return { ok: false, error: `${ref.asset} has no version with the alias ${ref.alias}` };
    if (!records.some((r) => r.version === holder))
      return { ok: false, error: `${ref.asset}@${ref.alias} points at v${holder}, whose record is missing` };
    return readListed(ledger, ref.asset, holder);
  }
  if (ref.version !== undefined) {
    const version = ref.version;
    if (!records.some((r) => r.version === version))
      return {
        ok: false,
        error: `${ref.asset} has no v${ref.version} (the latest is v${records.at(-1)!.version})`,
      };
    return readListed(ledger, ref.asset, version);
  }
  // The latest version, among those the filter keeps.
  const head = records.findLast(
    (r) => matchesFilter(r.context, filter) && !(filter.skipExperiments && isExperiment(r)),
  );
  if (head) return readListed(ledger, ref.asset, head.version);
  const where = describeFilter(filter);
  return {
    ok: false,
    error: `${ref.asset} has no version${filter.skipExperiments ? " but experiments" : ""}${where ? ` made in ${where}` : ""}${filter.skipExperiments ? ` (name one to take it: ${ref.asset}@vN)` : ""}`,
  };
}

/** This checkout's current version of an asset, and why it is the one (see checkoutVersion). */
export type CheckoutVersion =
  | {
      ok: true;
      record: MaterializationRecord;
      status: AssetStatus;
      /** Why it is stale (empty when fresh), as `kiln status` prints them. */
      reasons: readonly string[];
    }
  | { ok: false; error: string; hint: string };

/**
 * This checkout's current version of an asset: the one `kiln status` shows and `kiln pull --all`
 * restores (the fresh one, else the newest on the checkout's line of history in its environment;
 * never an experiment). A bare `kiln show ASSET` and `kiln pull ASSET` take it, so the three agree:
 * the ledger's newest record may be a dev build of another branch, which this checkout never saw.
 */
export async function checkoutVersion(
  workspace: Workspace,
  asset: string,
  env: NodeJS.ProcessEnv,
): Promise<CheckoutVersion> {
  const assessment = await assessWorkspace(workspace, env, undefined);
  const state = assessment.assets.get(asset);
  if (!state) throw new Error(`bug: ${asset} is not in the assessment`);
  const here = workspace.environment;
  if (!state.current) {
    const newest = (await workspace.ledger.heads(asset)).at(-1);
    const made = newest ? whereMade(newest.context) : undefined;
    // A record that did not read back counts as no version: say so, or "never materialized" misleads.
    const damaged = assetRecordProblems(workspace.ledger, asset).length;
    return {
      ok: false,
      error: `${asset} has no version in this checkout (${here}): ${state.reasons.join("; ")}${damaged ? `, and ${damaged} of its records cannot be read` : ""}`,
      hint: damaged
        ? DOCTOR_HINT
        : newest && made
          ? `the newest is v${newest.version}${isExperiment(newest) ? " (an experiment)" : ""}, made in ${made.environment}${made.branch ? ` on ${made.branch}` : ""}: kiln show ${asset}@v${newest.version}; \`kiln history ${asset}\` lists them all`
          : `\`kiln run ${asset}\` builds it`,
    };
  }
  const read = await readListed(workspace.ledger, asset, state.current.version);
  if (!read.ok) return read;
  return { ok: true, record: read.record, status: state.status, reasons: state.reasons };
}
