// Where each record lives inside a ledger tree, shared by the directory and the branch backends so
// both hold exactly the same files (a `.kiln/ledger` copied onto the branch reads the same).
import { randomUUID } from "node:crypto";

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

/** Record files are named after their version; anything else in the folder is foreign. */
export const VERSION_FILE = /^v(\d+)\.json$/;

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
  const compact = startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `failures/${asset}/${compact}-${randomUUID().slice(0, 8)}.json`;
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

export function aliasPath(asset: string): string {
  return `aliases/${asset}.jsonl`;
}

/** A file name for any scope: branch names have slashes, environments may have odd characters. */
export function scopeFileName(scope: string): string {
  return `${scope.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}

export function cursorPath(scope: string): string {
  return `cursors/${scopeFileName(scope)}`;
}

/** The highest version named by a folder listing, counting unreadable records (their number is taken). */
export function highestVersion(names: Iterable<string>): number {
  let highest = 0;
  for (const name of names) {
    const match = VERSION_FILE.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}
