// Where each record lives inside a ledger tree, shared by the directory and the branch backends so
// both hold exactly the same files (a `.kiln/ledger` copied onto the branch reads the same).
import { sha256 } from "../domain/hash.js";
import type { CursorScope } from "../domain/records.js";
import { compactTime } from "../domain/compact-time.js";
import { randomUUID } from "node:crypto";
import { highestOfEntry } from "./packs.js";

/**
 * Every project (manifest) keeps its records under `projects/<name>/`, so several manifests in one
 * repository share a ledger branch (or a `.kiln/ledger` folder) without seeing each other's
 * records, aliases, failures, cursors or anything else the ledger holds. Ledgers written before
 * projects existed hold those folders at the root: the "legacy layout" (see adopt.ts).
 */
export const PROJECTS_DIR = "projects";

/** The folder of one project's namespace, relative to the ledger's root. */
export function projectDir(project: string): string {
  return `${PROJECTS_DIR}/${project}`;
}

/** Root entries that belong to no project: the namespaces themselves and temporary files. */
export function isLegacyEntry(name: string): boolean {
  return name !== PROJECTS_DIR && !name.startsWith(".");
}

/**
 * The highest version number Kiln writes or reads. A real asset never comes near it; a file named
 * beyond it (`v9007199254740992.json`, past what a double counts exactly) is not Kiln's, and
 * numbering after it would loop forever or overwrite a record (n + 1 === n).
 */
export const MAX_VERSION = 999_999_999;

export type VersionFileName =
  | { kind: "version"; version: number }
  | { kind: "out-of-range"; message: string; fix: string }
  | { kind: "foreign"; message: string; fix: string };

/** What a file in a materializations folder is, by its name: `v<N>.json` with 1 ≤ N ≤ MAX_VERSION. */
export function versionFileName(name: string): VersionFileName {
  const match = /^v([1-9]\d*)\.json$/.exec(name);
  if (!match) {
    return {
      kind: "foreign",
      message: "not a ledger record (expected v<N>.json)",
      fix: "Kiln skips it; move it out of the ledger",
    };
  }
  const version = Number(match[1]);
  if (match[1]!.length > String(MAX_VERSION).length || version > MAX_VERSION) {
    return {
      kind: "out-of-range",
      message: `version number out of range (Kiln numbers versions 1 to ${MAX_VERSION}); not read and not counted when numbering`,
      fix: "Kiln did not write it: move it out of the ledger (if it is a record, rename it to the version it holds)",
    };
  }
  return { kind: "version", version };
}

/** The version in a record's file name, or undefined for any other name (see versionFileName). */
export function versionOfFile(name: string): number | undefined {
  const parsed = versionFileName(name);
  return parsed.kind === "version" ? parsed.version : undefined;
}

export function materializationPath(asset: string, version: number): string {
  return `materializations/${asset}/v${version}.json`;
}

export function materializationsDir(asset: string): string {
  return `materializations/${asset}`;
}

export function failuresDir(asset: string): string {
  return `failures/${asset}`;
}

/** `failures/<asset>/<startedAt-compact>-<random>.json`: sorts by start time, never collides. */
export function failurePath(asset: string, startedAt: string): string {
  return `failures/${asset}/${compactTime(startedAt)}-${randomUUID().slice(0, 8)}.json`;
}

/** `locations/<asset>/v<N>.jsonl`: where a version's bytes were published after its record was written. */
export function locationsPath(asset: string, version: number): string {
  return `locations/${asset}/v${version}.jsonl`;
}

/** `heads/<asset>.jsonl`: one VersionHead per record, appended after the record is in place. */
export function headsPath(asset: string): string {
  return `heads/${asset}.jsonl`;
}

/** `series/<asset>/<sha256>.jsonl`: named by content, so a series is written once whoever writes it. */
export function seriesPath(asset: string, digest: string): string {
  return `series/${asset}/${digest}.jsonl`;
}

/** The folder of the alias histories, one `<asset>.jsonl` each. */
export const ALIASES_FOLDER = "aliases";

export function aliasPath(asset: string): string {
  return `${ALIASES_FOLDER}/${asset}.jsonl`;
}

/** A file name for any scope: branch names have slashes, environments may have odd characters. */
export function scopeFileName(scope: string): string {
  return `${scope.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}

/**
 * `cursors/main.json`; a scope whose name had to change to be a file name gets a digest of the
 * name too (`cursors/feature_x-1a2b3c4d.json` for `feature/x`), so `feature/x` and `feature_x`
 * never share a cursor.
 */
export function cursorPath(scope: string): string {
  const name = scopeFileName(scope);
  return name === `${scope}.json`
    ? `cursors/${name}`
    : `cursors/${name.slice(0, -5)}-${sha256(scope).slice(0, 8)}.json`;
}

/**
 * Where a scope's cursor may be, newest layout first: before digests, `feature/x` was kept as
 * `cursors/feature_x.json`, which a reader takes only when the cursor inside names its scope.
 */
export function cursorPaths(scope: string): string[] {
  const current = cursorPath(scope);
  const former = `cursors/${scopeFileName(scope)}`;
  return current === former ? [current] : [current, former];
}

/**
 * Every place a scope's cursor may be, newest first, each with the scope name the cursor there
 * must name: the scope's own, then the one it had before cursors were kept per environment.
 */
export function cursorLocations(scope: CursorScope): { path: string; scope: string }[] {
  const names = scope.formerly !== undefined ? [scope.name, scope.formerly] : [scope.name];
  return names.flatMap((name) => cursorPaths(name).map((at) => ({ path: at, scope: name })));
}

/**
 * The next version to claim: above every record file and pack of a folder listing (unreadable ones
 * too: their number is taken) and every version the alias history names (a deleted record's number is
 * never given to another model that the old moves would then seem to name).
 */
export function nextVersion(names: Iterable<string>, named: Iterable<number | null> = []): number {
  let highest = 0;
  for (const name of names) highest = Math.max(highest, highestOfEntry(name, versionOfFile));
  for (const version of named)
    if (version !== null && Number.isSafeInteger(version) && version <= MAX_VERSION)
      highest = Math.max(highest, version);
  if (highest >= MAX_VERSION) {
    throw new Error(
      `no version number left: v${MAX_VERSION} is taken, the highest Kiln writes; run \`kiln doctor\` to see which records are out of place`,
    );
  }
  return highest + 1;
}
