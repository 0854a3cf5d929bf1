// Input fingerprints: git blob ids of the files an asset reads. The file list comes from one
// `git ls-files -s` plus one `git status`; clean tracked files take their id from the index, so a
// fresh CI checkout hashes nothing. Outside git, the tree is walked and every matched file hashed.
import { readdir } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { type CheckoutFiles, checkoutFiles, repoRoot } from "../git/repo.js";
import { normalizeOutputPath } from "../paths/containment.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import { type IgnoredFiles, ignoredFilesOf } from "./ignored-files.js";
import { type WorkingFiles, workingFiles } from "./working-file.js";

/**
 * Folders never looked in when git does not list the files: the tree walked outside git, and the
 * gitignored files a pattern is looked up among (a `**\/*.csv` that matches nothing tracked must
 * not take a package's files in node_modules).
 */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", KILN_DIR_NAME]);
const inSkippedDirectory = (file: string) => file.split("/").some((part) => SKIPPED_DIRECTORIES.has(part));

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
  /**
   * The blob id of the clean tracked file at `files[i]`, without a promise or a lookup:
   * fingerprinting 50,000 files takes them from here in one synchronous pass, and hashes only
   * the rest. Undefined for a modified or untracked file, a symbolic link (the index holds the
   * link text, the version its target's content), and outside git.
   */
  committedBlobAt(i: number): string | undefined;
  /** Whether any listed file differs from HEAD (false in a clean checkout, and outside git). */
  readonly anyUncommitted: boolean;
  /**
   * Whether any file's blob id is hashed rather than read from the index (uncommitted files,
   * symbolic links, ignored files a pattern found); false in a clean checkout without those.
   */
  readonly anyHashed: boolean;
  /** True when the file's blob id is hashed from the working tree, not read from the index. */
  hashed(file: string): boolean;
  /**
   * Gitignored files, for a pattern that matches none of `files` (see ignored-files.ts); undefined
   * outside git, where `files` holds every file.
   */
  readonly ignored?: IgnoredFiles | undefined;
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
    // A link is listed as git lists it, and versioned by its target (see working-file.ts).
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (inSkippedDirectory(relative)) continue;
    files.push(relative);
  }
  return files.sort();
}

/** Where a project's files come from: git's answers (a memo's key), and the index built from them. */
export interface ProjectFiles {
  /**
   * Git's two answers the index is built from, and the project's folder from the top level: the
   * index is a function of these alone. Undefined outside git (the tree is walked).
   */
  readonly git?: { files: CheckoutFiles; top: string } | undefined;
  /** The index, built on the first call (synchronously: git has answered). */
  index(): FileIndex;
  /** Hashes what the index cannot answer for, each file once per command (FileIndex.blobOf). */
  readonly working: WorkingFiles;
  /** The gitignored files patterns asked for (FileIndex.ignored); undefined outside git. */
  readonly ignored?: IgnoredFiles | undefined;
}

/**
 * `gitRoot`: the repository's top level when the caller already asked git (a workspace has), so
 * it is not asked again, `null` when it found none; undefined, it is asked here.
 */
export async function projectFiles(
  projectRoot: string,
  known?: {
    gitRoot?: string | null | undefined;
    /** `git ls-files -s` and `git status` of `gitRoot`, when the command started them (CheckoutReads). */
    files?: Promise<CheckoutFiles | undefined> | undefined;
  },
): Promise<ProjectFiles> {
  const gitRoot = known?.gitRoot === undefined ? await repoRoot(projectRoot) : (known.gitRoot ?? undefined);
  const working = workingFiles(
    projectRoot,
    gitRoot ? { top: gitRoot, prefix: projectPrefix(gitRoot, projectRoot) } : undefined,
  );
  const hash = working.blobOf;
  if (!gitRoot) {
    const files = await walk(projectRoot);
    const index: FileIndex = {
      files,
      blobOf: hash,
      committedBlobAt: () => undefined,
      fromGit: false,
      anyUncommitted: false,
      anyHashed: files.length > 0,
      hashed: () => true,
      uncommitted: () => false,
    };
    return { working, index: () => index };
  }
  const files = (await known?.files) ?? (await checkoutFiles(gitRoot));
  const ignored = ignoredFilesOf(
    gitRoot,
    projectPrefix(gitRoot, projectRoot),
    (file) => isKilnState(file) || inSkippedDirectory(file),
  );
  let index: FileIndex | undefined;
  return {
    git: { files, top: gitRoot },
    working,
    ignored,
    index: () => {
      index ??= gitIndex(projectRoot, gitRoot, files, hash, ignored);
      return index;
    },
  };
}

/** The project's files as one index; see projectFiles. */
export async function indexProjectFiles(
  projectRoot: string,
  known?: Parameters<typeof projectFiles>[1],
): Promise<FileIndex> {
  return (await projectFiles(projectRoot, known)).index();
}

function gitIndex(
  projectRoot: string,
  gitRoot: string,
  git: CheckoutFiles,
  hash: (file: string) => Promise<string>,
  ignored: IgnoredFiles,
): FileIndex {
  const { entries, changes: status } = git;
  // Git speaks in paths from the top level; the project may be a subdirectory.
  const prefix = projectPrefix(gitRoot, projectRoot);
  const strip = prefix ? `${prefix}/` : "";
  let files: string[] = [];
  let committed: (string | undefined)[] = [];
  const { paths, blobs, symlinks } = entries;
  const anyChanged = status.deleted.size > 0 || status.changed.size > 0;
  // Clean tracked links: hashed through to their target, yet not uncommitted.
  const links = new Set<string>();
  for (let i = 0; i < paths.length; i++) {
    const file = paths[i]!;
    if (strip && !file.startsWith(strip)) continue;
    if (anyChanged && status.deleted.has(file)) continue;
    const relative = strip ? file.slice(strip.length) : file;
    if (isKilnState(relative)) continue;
    files.push(relative);
    const changed = anyChanged && status.changed.has(file);
    const link = symlinks.size > 0 && symlinks.has(file);
    if (link && !changed) links.add(relative);
    committed.push(changed || link ? undefined : blobs[i]!);
  }
  for (const file of status.untracked) {
    const relative = file.slice(strip.length);
    if (file.startsWith(strip) && !isKilnState(relative)) {
      files.push(relative);
      committed.push(undefined);
    }
  }
  // Git lists the index in byte order, which is JavaScript's order for nearly every name: sorted
  // again (with the blob ids alongside) only when untracked files or rarer names break it.
  if (!isSorted(files)) {
    const order = files
      .map((_, i) => i)
      .sort((a, b) => (files[a]! < files[b]! ? -1 : files[a]! > files[b]! ? 1 : 0));
    files = order.map((i) => files[i]!);
    committed = order.map((i) => committed[i]);
  }
  const cleanCount = committed.reduce((n, blob) => (blob === undefined ? n : n + 1), 0);
  // By name, for the few callers that ask by name (built on first use).
  let byName: Map<string, string> | undefined;
  const clean = () => {
    if (!byName) {
      byName = new Map();
      for (let i = 0; i < files.length; i++)
        if (committed[i] !== undefined) byName.set(files[i]!, committed[i]!);
    }
    return byName;
  };
  return {
    files,
    blobOf: (file) => {
      const blob = clean().get(file);
      return blob ? Promise.resolve(blob) : hash(file);
    },
    committedBlobAt: (i) => committed[i],
    fromGit: true,
    anyUncommitted: cleanCount + links.size < files.length,
    // A getter: ignored files are found as patterns ask for them.
    get anyHashed() {
      return cleanCount < files.length || ignored.found > 0;
    },
    hashed: (file) => !clean().has(file),
    // `git status` lists staged changes too, so a file that is clean here matches HEAD. A link's
    // target and an ignored file are versioned by content but are no change to the commit.
    uncommitted: (file) => !clean().has(file) && !links.has(file) && !ignored.includes(file),
    ignored,
  };
}

/** The project's folder from the repository's top level, `/`-separated ("" at the top). */
export function projectPrefix(gitRoot: string, projectRoot: string): string {
  return path.relative(gitRoot, projectRoot).split(path.sep).join("/");
}

function isSorted(files: readonly string[]): boolean {
  for (let i = 1; i < files.length; i++) if (files[i - 1]! > files[i]!) return false;
  return true;
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

/**
 * A pattern made ready to match: the literal folder it starts with (matched by position in the
 * sorted file list) and a test of the rest of the path, or none for a plain path.
 */
interface CompiledPattern {
  /** The pattern without `./` and trailing slashes: a plain path, or the glob. */
  normalized: string;
  /** The folder every match lies in ("" for the whole list). */
  base: string;
  /** Tests a path relative to `base`; undefined for a plain path (a file, or a folder). */
  test?: ((rest: string) => boolean) | undefined;
}

const compiledPatterns = new Map<string, CompiledPattern>();
/**
 * Matchers by glob text: the part after a pattern's literal folder, so `data/d0/*.csv` …
 * `data/d1999/*.csv` share one compiled `*.csv` (compiling was most of status's glob time).
 */
const globMatchers = new Map<string, (path: string) => boolean>();

function globMatcher(glob: string): (path: string) => boolean {
  let matcher = globMatchers.get(glob);
  if (!matcher) {
    // picomatch's own matcher with these options (no `windows`, `format`, `basename`, `ignore`)
    // tests exactly this, but builds a result object per call: 50,000 of them at 2,000 assets.
    const regex = picomatch.makeRe(glob, { dot: true });
    matcher = (path) => path !== "" && (path === glob || regex.test(path));
    globMatchers.set(glob, matcher);
  }
  return matcher;
}

/** Characters that may make a pattern more than a path and `*` (extglobs, classes, braces, escapes). */
const RARE_GLOB_CHARACTERS = /[?[\]{}()!+@\\]/;

function compilePattern(pattern: string): CompiledPattern {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const normalized = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  compiled = RARE_GLOB_CHARACTERS.test(normalized) ? scanPattern(normalized) : simplePattern(normalized);
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

/**
 * A path, or a path with `*`s and no other glob syntax (`data/d0/*.csv`, `src/**`): its literal
 * folder is everything before the last `/` ahead of the first `*`, as picomatch.scan finds it,
 * without scanning (2,000 distinct patterns took a tenth of status to scan).
 */
function simplePattern(normalized: string): CompiledPattern {
  const star = normalized.indexOf("*");
  if (star < 0) return { normalized, base: normalized };
  const slash = normalized.lastIndexOf("/", star);
  if (slash <= 0) return { normalized, base: "", test: globMatcher(normalized) };
  return { normalized, base: normalized.slice(0, slash), test: globMatcher(normalized.slice(slash + 1)) };
}

function scanPattern(normalized: string): CompiledPattern {
  let compiled: CompiledPattern;
  const scan = picomatch.scan(normalized);
  if (!scan.isGlob) compiled = { normalized, base: normalized };
  else if (scan.base && !scan.negated && normalized === `${scan.base}/${scan.glob}`)
    compiled = { normalized, base: scan.base, test: globMatcher(scan.glob) };
  // Anything else (no literal folder, a negation, escapes in the folder) is matched whole.
  else compiled = { normalized, base: "", test: globMatcher(normalized) };
  return compiled;
}

/**
 * The positions of the files `pattern` matches (and `exclude` does not take), ascending: one loop
 * without a call per file, since a status runs it over every tracked file once, mostly before
 * the JIT has compiled it.
 */
function matchPositions(
  files: readonly string[],
  pattern: string,
  exclude?: ((file: string) => boolean) | undefined,
): number[] {
  const { normalized, base, test } = compilePattern(pattern);
  const found: number[] = [];
  if (!test) {
    // A plain path names a file, or a folder and everything below it.
    const exact = lowerBound(files, normalized);
    if (files[exact] === normalized) {
      if (!exclude?.(normalized)) found.push(exact);
      return found;
    }
  }
  const prefix = base ? `${base}/` : "";
  const skip = prefix.length;
  for (let i = lowerBound(files, prefix); i < files.length; i++) {
    const file = files[i]!;
    if (!file.startsWith(prefix)) break;
    if (test && !test(skip ? file.slice(skip) : file)) continue;
    if (exclude?.(file)) continue;
    found.push(i);
  }
  return found;
}

/** Files matched by a pattern: a file, a directory (everything below it) or a glob. */
export function matchPattern(
  files: readonly string[],
  pattern: string,
  exclude?: ((file: string) => boolean) | undefined,
): string[] {
  return matchPositions(files, pattern, exclude).map((i) => files[i]!);
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

/** The positions (ascending) of the files the patterns match, and the patterns that matched none. */
function matchAll(
  index: FileIndex,
  patterns: readonly string[],
  exclude: ((file: string) => boolean) | undefined,
): { positions: number[]; unmatched: string[] } {
  const unmatched: string[] = [];
  if (patterns.length === 1) {
    const positions = matchPositions(index.files, patterns[0]!, exclude);
    if (positions.length === 0) unmatched.push(patterns[0]!);
    return { positions, unmatched };
  }
  // Several patterns' matches may overlap and interleave.
  const matched = new Set<number>();
  for (const pattern of patterns) {
    const found = matchPositions(index.files, pattern, exclude);
    if (found.length === 0) unmatched.push(pattern);
    for (const position of found) matched.add(position);
  }
  return { positions: [...matched].sort((a, b) => a - b), unmatched };
}

export async function fingerprint(
  index: FileIndex,
  patterns: readonly string[],
  options: FingerprintOptions = {},
): Promise<Fingerprint> {
  // Positions in the index's sorted list: their order is the files' order.
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } =
    unlisted.length > 0 && index.ignored
      ? ignoredMatches(
          unlisted,
          await Promise.all(unlisted.map((pattern) => index.ignored!.under(ignoredFolder(pattern)))),
          options.exclude,
        )
      : { ignored: [], unmatched: unlisted };
  // Clean tracked files take their id from the index in this synchronous pass; only modified and
  // untracked ones are hashed, concurrently.
  // Without a prototype, so V8 keeps it as a dictionary from the start: 25 new path keys on a
  // plain object create 25 hidden classes, and that was most of fingerprinting 50,000 files.
  const files: Record<string, string> = Object.create(null);
  const hashing: Promise<void>[] = [];
  for (const position of positions) {
    const file = index.files[position]!;
    const blob = index.committedBlobAt(position);
    files[file] = blob ?? "";
    if (blob === undefined)
      hashing.push(
        index.blobOf(file).then((hashed) => {
          files[file] = hashed;
        }),
      );
  }
  for (const file of ignored)
    hashing.push(
      index.blobOf(file).then((hashed) => {
        files[file] = hashed;
      }),
    );
  if (hashing.length > 0) await Promise.all(hashing);
  return { files, unmatched };
}

/**
 * The gitignored files that the patterns which matched nothing git lists match (sorted), and the
 * patterns that match none of those either. `ignored[i]`: the ignored files under the folder of
 * `patterns[i]` (ignoredFolder).
 */
function ignoredMatches(
  patterns: readonly string[],
  ignored: readonly (readonly string[])[],
  exclude: ((file: string) => boolean) | undefined,
): { ignored: string[]; unmatched: string[] } {
  const found = new Set<string>();
  const unmatched: string[] = [];
  patterns.forEach((pattern, i) => {
    const matches = matchPattern(ignored[i]!, pattern, exclude);
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(file);
  });
  return { ignored: [...found].sort(), unmatched };
}

/** The literal folder a pattern's matches lie in: where its ignored files are looked for. */
const ignoredFolder = (pattern: string) => compilePattern(pattern).base;

/** The warning about a pattern of `asset` that matches no file (the CLI and the action). */
export const unmatchedWarning = (asset: string, pattern: string) =>
  `asset ${asset}: pattern ${JSON.stringify(pattern)} matches no file`;

/** What to do about a pattern that matches no file (the CLI's warnings and `kiln doctor`). */
export const UNMATCHED_HINT =
  "no tracked, untracked or gitignored file matches it, so no change there makes anything stale: fix the pattern, or remove it";

/**
 * The patterns that match no file, tracked, untracked or gitignored: fingerprint()'s `unmatched`
 * without hashing anything (what `kiln doctor` reports).
 */
export async function unmatchedPatterns(
  index: FileIndex,
  patterns: readonly string[],
  options: FingerprintOptions = {},
): Promise<string[]> {
  const { unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  if (unlisted.length === 0 || !index.ignored) return unlisted;
  const ignored = await Promise.all(unlisted.map((pattern) => index.ignored!.under(ignoredFolder(pattern))));
  return ignoredMatches(unlisted, ignored, options.exclude).unmatched;
}

/**
 * fingerprint() when the blob ids of the uncommitted files it may match are known (`hashed`, by
 * project-relative path): synchronous. A matched uncommitted file missing from `hashed` is a bug.
 */
export function fingerprintKnown(
  index: FileIndex,
  patterns: readonly string[],
  hashed: (file: string) => string | undefined,
  options: FingerprintOptions = {},
): Fingerprint {
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } =
    unlisted.length > 0 && index.ignored
      ? ignoredMatches(
          unlisted,
          unlisted.map((pattern) => {
            const known = index.ignored!.known(ignoredFolder(pattern));
            if (!known) throw new Error(`bug: the ignored files for "${pattern}" were not asked`);
            return known;
          }),
          options.exclude,
        )
      : { ignored: [], unmatched: unlisted };
  const files: Record<string, string> = Object.create(null);
  const take = (file: string, blob: string | undefined) => {
    if (blob === undefined) throw new Error(`bug: no blob id known for the uncommitted file ${file}`);
    files[file] = blob;
  };
  for (const position of positions) {
    const file = index.files[position]!;
    take(file, index.committedBlobAt(position) ?? hashed(file));
  }
  for (const file of ignored) take(file, hashed(file));
  return { files, unmatched };
}
