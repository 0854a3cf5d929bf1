// Input fingerprints: git blob ids of the files an asset reads. The file list comes from one
// `git ls-files -s` plus one `git status`; clean tracked files take their id from the index, so a
// fresh CI checkout hashes nothing. Outside git, the tree is walked and every matched file hashed.
import { lstat, readdir, readlink } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { changedPaths, indexEntries, repoRoot } from "../git/repo.js";
import { UserError } from "../domain/errors.js";
import { normalizeOutputPath } from "../paths/containment.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import { blobIdOfFile } from "./blob.js";

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", KILN_DIR_NAME]);

/**
 * Kiln's state folder (of this project, or of a project in a subfolder) is never part of a version:
 * with `code: ["**"]` every run's own records would otherwise change the next run's version. Git
 * lists it when its .gitignore is missing.
 */
const isKilnState = (file: string) =>
  file.startsWith(`${KILN_DIR_NAME}/`) || file.includes(`/${KILN_DIR_NAME}/`);

export interface FileIndex {
  /** Project-relative paths with `/` separators, sorted. */
  readonly files: readonly string[];
  /** Blob id of a listed file: from the index when clean, else hashed (once). */
  blobOf(file: string): Promise<string>;
  /** True when the files come from git (tracked and untracked, not ignored). */
  readonly fromGit: boolean;
  /**
   * True when the file's content is not HEAD's: modified, staged, added or untracked. Always false
   * outside git, where there is no commit to differ from.
   */
  uncommitted(file: string): boolean;
}

async function walk(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (relative.split("/").some((part) => SKIPPED_DIRECTORIES.has(part))) continue;
    files.push(relative);
  }
  return files.sort();
}

/**
 * A matched file that cannot be read because it is a symbolic link to nothing: the user's to fix,
 * said with the link and its target (git lists such links as files; following them fails).
 */
async function danglingLink(root: string, file: string, error: unknown): Promise<never> {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    const link = await lstat(path.join(root, file)).catch(() => undefined);
    if (link?.isSymbolicLink()) {
      const target = await readlink(path.join(root, file)).catch(() => "?");
      throw new UserError(
        `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
        "fix or remove the link, or narrow the pattern so that it does not match",
      );
    }
  }
  throw error;
}

export async function indexProjectFiles(projectRoot: string): Promise<FileIndex> {
  const hashed = new Map<string, Promise<string>>();
  const hash = (file: string) => {
    let pending = hashed.get(file);
    if (!pending) {
      pending = blobIdOfFile(path.join(projectRoot, file)).catch((error) =>
        danglingLink(projectRoot, file, error),
      );
      hashed.set(file, pending);
    }
    return pending;
  };
  const gitRoot = await repoRoot(projectRoot);
  if (!gitRoot) {
    const files = await walk(projectRoot);
    return { files, blobOf: hash, fromGit: false, uncommitted: () => false };
  }
  const [entries, status] = await Promise.all([indexEntries(gitRoot), changedPaths(gitRoot)]);
  // Git speaks in paths from the top level; the project may be a subdirectory.
  const prefix = path.relative(gitRoot, projectRoot).split(path.sep).join("/");
  const strip = prefix ? `${prefix}/` : "";
  const clean = new Map<string, string>();
  const files: string[] = [];
  for (const [file, entry] of entries) {
    if (!file.startsWith(strip) || status.deleted.has(file) || entry.mode === "160000") continue;
    const relative = file.slice(strip.length);
    if (isKilnState(relative)) continue;
    files.push(relative);
    if (!status.changed.has(file)) clean.set(relative, entry.blob);
  }
  for (const file of status.untracked) {
    const relative = file.slice(strip.length);
    if (file.startsWith(strip) && !isKilnState(relative)) files.push(relative);
  }
  files.sort();
  return {
    files,
    blobOf: (file) => {
      const blob = clean.get(file);
      return blob ? Promise.resolve(blob) : hash(file);
    },
    fromGit: true,
    // `git status` lists staged changes too, so a file that is clean here matches HEAD.
    uncommitted: (file) => !clean.has(file),
  };
}

/** First index in sorted `files` whose value is ≥ `prefix`. */
function lowerBound(files: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function filesUnder(files: readonly string[], directory: string): string[] {
  const prefix = directory ? `${directory}/` : "";
  const found: string[] = [];
  for (let i = lowerBound(files, prefix); i < files.length && files[i]!.startsWith(prefix); i++)
    found.push(files[i]!);
  return found;
}

const matchers = new Map<string, picomatch.Matcher>();

/** Files matched by a pattern: a file, a directory (everything below it) or a glob. */
export function matchPattern(files: readonly string[], pattern: string): string[] {
  const normalized = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  const scan = picomatch.scan(normalized);
  if (!scan.isGlob) {
    const exact = lowerBound(files, normalized);
    if (files[exact] === normalized) return [normalized];
    return filesUnder(files, normalized);
  }
  let matcher = matchers.get(normalized);
  if (!matcher) {
    matcher = picomatch(normalized, { dot: true });
    matchers.set(normalized, matcher);
  }
  return filesUnder(files, scan.base).filter((file) => matcher(file));
}

export interface Fingerprint {
  /** Path → blob id of every matched file. */
  files: Record<string, string>;
  /** Patterns that matched no file. */
  unmatched: string[];
}

/**
 * A test for "this file is one of these outputs": an output names a file, or a folder and
 * everything below it. Linear in the number of outputs to build, in a path's depth to ask.
 */
export function outputFilter(outputs: Iterable<string>): (file: string) => boolean {
  const declared = new Set<string>();
  for (const output of outputs) declared.add(normalizeOutputPath(output));
  if (declared.size === 0) return () => false;
  return (file) => {
    if (declared.has(file)) return true;
    for (let slash = file.indexOf("/"); slash >= 0; slash = file.indexOf("/", slash + 1))
      if (declared.has(file.slice(0, slash))) return true;
    return false;
  };
}

export interface FingerprintOptions {
  /** Files never taken, whatever the patterns match (outputs, for `code`). */
  exclude?: ((file: string) => boolean) | undefined;
}

export async function fingerprint(
  index: FileIndex,
  patterns: readonly string[],
  options: FingerprintOptions = {},
): Promise<Fingerprint> {
  const matched = new Set<string>();
  const unmatched: string[] = [];
  const exclude = options.exclude;
  for (const pattern of patterns) {
    let found = matchPattern(index.files, pattern);
    if (exclude) found = found.filter((file) => !exclude(file));
    if (found.length === 0) unmatched.push(pattern);
    for (const file of found) matched.add(file);
  }
  const sorted = [...matched].sort();
  const blobs = await Promise.all(sorted.map((file) => index.blobOf(file)));
  return { files: Object.fromEntries(sorted.map((file, i) => [file, blobs[i]!])), unmatched };
}
