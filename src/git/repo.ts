// Typed git queries about the checkout: where it is, what is committed, what changed.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { sha256OfPieces } from "../domain/hash.js";
import { git, gitBytes, gitBytesSync, runGit } from "./exec.js";

/** The repository's top level, or undefined outside a git repository (or without git). */
export async function repoRoot(cwd: string): Promise<string | undefined> {
  try {
    const result = await runGit(["rev-parse", "--show-toplevel"], { cwd });
    return result.code === 0 ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** What a command needs to know about the checkout it runs in, from one `git rev-parse`. */
export interface Checkout {
  /** The repository's top level. */
  top: string;
  /** HEAD's commit; undefined before the first commit. */
  head?: string | undefined;
  /** The branch checked out; undefined on a detached HEAD. */
  branch?: string | undefined;
  /** A shallow clone's history is cut: it cannot tell that a commit is not an ancestor of HEAD. */
  shallow: boolean;
  /**
   * The remote's default branch as the clone recorded it (`origin/HEAD`, e.g. `main`); undefined
   * without a remote, when origin/HEAD was never set, or when it names a branch the clone no
   * longer has.
   */
  remoteDefaultBranch?: string | undefined;
  /**
   * The index file git reads here (`git rev-parse --git-path index`: a worktree's own, or
   * GIT_INDEX_FILE's), absolute; undefined when HEAD has no commit yet.
   */
  indexFile?: string | undefined;
}

/** What origin/HEAD names, read by the same `git rev-parse` as the rest of the checkout's facts. */
const ORIGIN_HEAD = "refs/remotes/origin/HEAD";

/**
 * The top level, HEAD's commit and branch, whether the clone is shallow and where origin/HEAD
 * points, from one process (a spawn costs Kiln's main thread more than git's own work here; every
 * local command used to spawn a second one for origin/HEAD, with or without a remote); undefined
 * outside a repository. `--revs-only` makes rev-parse print nothing for an origin/HEAD that does
 * not exist instead of failing. HEAD without a commit (a fresh `git init`) makes rev-parse fail
 * after printing the top level: then the facts are asked one by one.
 */
export async function checkout(cwd: string): Promise<Checkout | undefined> {
  let result: Awaited<ReturnType<typeof runGit>>;
  try {
    result = await runGit(
      [
        "rev-parse",
        "--show-toplevel",
        "--is-shallow-repository",
        "--git-path",
        "index",
        "HEAD",
        "--symbolic-full-name",
        "HEAD",
        "--revs-only",
        ORIGIN_HEAD,
      ],
      { cwd },
    );
  } catch {
    return undefined; // no git
  }
  const [top, shallow, indexPath, head, ref, originHead] = result.stdout.split("\n");
  // HEAD's symbolic name is `refs/heads/<branch>`, or `HEAD` when detached. Anything else means its
  // line is missing and the next one moved up: git prints nothing for an ambiguous name (a tag
  // called HEAD) and still exits 0.
  const refLine = ref === "HEAD" || ref?.startsWith("refs/heads/");
  if (result.code === 0 && top && head && refLine) {
    return {
      top,
      head,
      // `refs/heads/<branch>`, or `HEAD` itself when detached.
      branch: ref!.startsWith("refs/heads/") ? ref!.slice("refs/heads/".length) || undefined : undefined,
      shallow: shallow === "true",
      remoteDefaultBranch: remoteBranchOf(originHead),
      // Printed relative to the directory git ran in.
      indexFile: indexPath ? path.resolve(cwd, indexPath) : undefined,
    };
  }
  // Nothing printed: not in a work tree (or git refused the repository).
  if (!top) return undefined;
  const root = await repoRoot(cwd);
  if (!root) return undefined;
  const [branch, commit, remoteDefault] = await Promise.all([
    currentBranch(root),
    headCommit(root),
    remoteDefaultBranch(root),
  ]);
  return { top: root, head: commit, branch, shallow: shallow === "true", remoteDefaultBranch: remoteDefault };
}

/**
 * `refs/remotes/origin/main` → `main`. origin/HEAD that is not a symbolic ref resolves to itself:
 * it names no branch.
 */
function remoteBranchOf(full: string | undefined): string | undefined {
  const prefix = "refs/remotes/origin/";
  if (!full?.startsWith(prefix) || full === ORIGIN_HEAD) return undefined;
  return full.slice(prefix.length) || undefined;
}

export async function headCommit(root: string): Promise<string | undefined> {
  const result = await runGit(["rev-parse", "--verify", "-q", "HEAD"], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * The checked-out branch; undefined on a detached HEAD. Its full name with `refs/heads/` taken off,
 * as `checkout` reads it (`--short` would say `heads/main` when a tag is also called main).
 */
export async function currentBranch(root: string): Promise<string | undefined> {
  const result = await runGit(["symbolic-ref", "-q", "HEAD"], { cwd: root });
  const ref = result.stdout.trim();
  return result.code === 0 && ref.startsWith("refs/heads/")
    ? ref.slice("refs/heads/".length) || undefined
    : undefined;
}

/** Every tracked path of the index and its blob id, in git's order (parallel lists). */
export interface IndexEntries {
  /** Paths relative to the top level. */
  paths: string[];
  /**
   * The object each names: a file's blob, a symbolic link's blob (the link text), a submodule's
   * commit (a gitlink).
   */
  blobs: string[];
  /** The paths that are symbolic links (mode 120000): their blob is the link text, not the content. */
  symlinks: Set<string>;
}

/** The tracked paths and their object ids, from one `git ls-files -s`. */
export async function indexEntries(root: string): Promise<IndexEntries> {
  return parseIndexEntries(await indexText(root));
}

/** `git ls-files -s -z`'s output, as parseIndexEntries reads it. */
const INDEX_ARGS = ["ls-files", "-s", "-z"];

function indexText(root: string): Promise<string> {
  return git(INDEX_ARGS, { cwd: root });
}

/**
 * Read by position rather than split into pieces: at 50,000 files the pieces and their objects
 * were most of the cost.
 */
export function parseIndexEntries(out: string): IndexEntries {
  const paths: string[] = [];
  const blobs: string[] = [];
  const symlinks = new Set<string>();
  // Each entry is "<mode> <object> <stage>\t<path>\0".
  for (let start = 0; start < out.length; ) {
    let end = out.indexOf("\0", start);
    if (end < 0) end = out.length;
    const tab = out.indexOf("\t", start);
    const space = out.indexOf(" ", start);
    if (tab > 0 && tab < end && space > 0 && space < tab) {
      blobs.push(out.slice(space + 1, out.indexOf(" ", space + 1)));
      const file = out.slice(tab + 1, end);
      paths.push(file);
      if (out.startsWith("120000 ", start)) symlinks.add(file);
    }
    start = end + 1;
  }
  return { paths, blobs, symlinks };
}

/**
 * Paths whose working-tree content may differ from the index: modified, added, deleted, renamed,
 * untracked (not ignored). Their blob ids must be hashed, not read from the index.
 */
export async function changedPaths(root: string): Promise<ChangedPaths> {
  return parseChangedPaths(await statusText(root));
}

const STATUS_ARGS = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"];

function statusText(root: string): Promise<string> {
  return git(STATUS_ARGS, { cwd: root });
}

export interface ChangedPaths {
  changed: Set<string>;
  untracked: Set<string>;
  deleted: Set<string>;
}

function parseChangedPaths(out: string): ChangedPaths {
  const changed = new Set<string>();
  const untracked = new Set<string>();
  const deleted = new Set<string>();
  for (const record of out.split("\0")) {
    if (record.length < 4) continue;
    // XY: the index's state, then the working tree's.
    const status = record.slice(0, 2);
    const file = record.slice(3);
    // An untracked nested repository is listed as its folder, with a slash.
    if (status === "??") untracked.add(file.endsWith("/") ? file.slice(0, -1) : file);
    // Gone from the working tree (` D`, `AD`, `MD`, `DD`), or from the index with nothing left
    // there (`D `: a file kept on disk is listed again as untracked).
    // A merge conflict (`UD`, `DU`) keeps the remaining side on disk: changed.
    else if ((status[1] === "D" && status[0] !== "U") || status === "D ") deleted.add(file);
    else changed.add(file);
  }
  return { changed, untracked, deleted };
}

/**
 * The tracked files with their blob ids, and what differs from them in the working tree: git's
 * two answers kept as the bytes it printed, each hashed (what a memo of what they decide is keyed
 * by, see version/versions-memo.ts) or read into lists only when asked. A status whose versions
 * are remembered only hashes them: at 10,000 assets the index listing is 17 MB, which was kept
 * in the JavaScript heap as a string and copied once more to be hashed.
 */
export interface CheckoutFiles {
  /**
   * What `git ls-files -s -z`'s output at the top level is a function of, as a digest: the index
   * file's own checksum when the command knows which file git reads and git wrote one (see
   * indexChecksum), else SHA-256 of the output itself.
   */
  readonly indexDigest: string;
  /** SHA-256 of `git status --porcelain=v1 -z --untracked-files=all --no-renames`'s output there. */
  readonly statusDigest: string;
  /**
   * Reads the index listing now, beside other work, for a command about to need `entries` (a memo
   * that missed); without it, the first read of `entries` waits for git.
   */
  loadEntries(): Promise<void>;
  readonly entries: IndexEntries;
  readonly changes: ChangedPaths;
}

/**
 * The checksum git ends its index file with (SHA-1 or SHA-256 of every byte before it), with the
 * file's size, read before git is asked for the listing: `git ls-files -s` prints the index's
 * entries (mode, blob id, stage, path), so an index with the same checksum prints the same listing.
 * Hashing the listing instead was a twentieth of a status at 2,000 assets (3.4 MB; 17 MB at
 * 10,000). Undefined when it cannot be read, or git wrote no checksum (`index.skipHash` leaves
 * zeros): the listing is hashed then. The last 32 bytes are read, a SHA-256 checksum's length; in a
 * SHA-1 repository the 12 before its checksum come along, as much a function of the content.
 */
export function indexChecksum(indexFile: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(indexFile, "r");
    const { size } = fstatSync(fd);
    const tail = Buffer.alloc(32);
    if (size < tail.length || readSync(fd, tail, 0, tail.length, size - tail.length) !== tail.length)
      return undefined;
    // SHA-1's 20 bytes of zeros: no checksum (a SHA-256 one of zeros ends with them too).
    if (tail.subarray(12).every((byte) => byte === 0)) return undefined;
    return `index-file:${size}:${tail.toString("hex")}`;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Both reads of the checkout's files, at the top level `root`. `indexFile`: the index git reads
 * there (Checkout.indexFile), when known: its checksum stands for the listing (see indexChecksum).
 */
export async function checkoutFiles(root: string, indexFile?: string | undefined): Promise<CheckoutFiles> {
  // Before git lists the index, as the listing's digest would be taken after: either way a change
  // between the two reads is at worst a memo that misses, never one that answers for other files.
  const checksum = indexFile === undefined ? undefined : indexChecksum(indexFile);
  // With the checksum, git lists the index only when the entries are asked for (loadEntries, or
  // `entries` itself): a status whose versions are remembered never asks, and spared a git process
  // (its CPU, and a fork of Node's whole process) besides the listing's hashing.
  const [listed, status] = await Promise.all([
    checksum === undefined ? gitBytes(INDEX_ARGS, { cwd: root }) : undefined,
    gitBytes(STATUS_ARGS, { cwd: root }),
  ]);
  let index: Buffer[] | undefined = listed;
  let loading: Promise<void> | undefined;
  let indexDigest: string | undefined = checksum;
  let statusDigest: string | undefined;
  let entries: IndexEntries | undefined;
  let changes: ChangedPaths | undefined;
  const text = (pieces: Buffer[]) => Buffer.concat(pieces).toString("utf8");
  // A listing read after the checksum must be of the index the checksum was read from: when the
  // index changed meanwhile (a `git add` during the command), the digest becomes the listing's own,
  // so that a memo keyed by the checksum sees that what it worked out is not what its key names.
  const readListing = (pieces: Buffer[]) => {
    if (index) return;
    index = pieces;
    if (checksum !== undefined && indexChecksum(indexFile!) !== checksum)
      indexDigest = sha256OfPieces(pieces);
  };
  const listing = () => {
    if (!index) readListing([gitBytesSync(INDEX_ARGS, { cwd: root })]);
    return index!;
  };
  return {
    get indexDigest() {
      indexDigest ??= sha256OfPieces(listing());
      return indexDigest;
    },
    get statusDigest() {
      statusDigest ??= sha256OfPieces(status);
      return statusDigest;
    },
    loadEntries() {
      loading ??= index ? Promise.resolve() : gitBytes(INDEX_ARGS, { cwd: root }).then(readListing);
      return loading;
    },
    get entries() {
      entries ??= parseIndexEntries(text(listing()));
      return entries;
    },
    get changes() {
      changes ??= parseChangedPaths(text(status));
      return changes;
    },
  };
}

/**
 * A command's git reads, started before it has loaded the code that needs them: `git status` is
 * the one slow read (it looks at every file of the working tree), and it runs on another core
 * while Kiln compiles its modules and reads the manifest. Each read is the one the command would
 * make; the file lists are handed out once (`takeFiles`), so anything that asks again later in the
 * command (a run's second plan) asks git again.
 */
export interface CheckoutReads {
  /** The directory the reads are for (a project's root): only a workspace there uses them. */
  readonly cwd: string;
  /** The checkout's facts, origin/HEAD included (one process: see checkout). */
  readonly checkout: Promise<Checkout | undefined>;
  /** The index and the working tree's changes at the top level; undefined outside git or once taken. */
  takeFiles(): Promise<CheckoutFiles | undefined> | undefined;
  /**
   * The same reads without taking them, for a check made before the command starts its work (the
   * repository's other manifests, see app/project-manifests.ts); undefined outside git.
   */
  peekFiles(): Promise<CheckoutFiles | undefined>;
}

export function startCheckoutReads(cwd: string): CheckoutReads {
  const found = checkout(cwd);
  const read = found.then((c) => (c ? checkoutFiles(c.top, c.indexFile) : undefined));
  let files: Promise<CheckoutFiles | undefined> | undefined = read;
  // A command that fails before it reads them (a manifest error) must not die of their rejection:
  // whoever takes them sees the error.
  found.catch(() => {});
  files.catch(() => {});
  return {
    cwd,
    checkout: found,
    takeFiles: () => {
      const taken = files;
      files = undefined;
      return taken;
    },
    peekFiles: () => read,
  };
}

export async function mergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const result = await runGit(["merge-base", a, b], { cwd: root });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** HEAD's parents present in this clone (none before the first commit or past a shallow cut). */
export async function headParents(root: string): Promise<string[]> {
  const result = await runGit(["rev-list", "--parents", "-n", "1", "HEAD"], { cwd: root });
  if (result.code !== 0) return [];
  const [, ...parents] = result.stdout.trim().split(" ");
  const present = await ancestryOf(root, parents);
  return parents.filter((sha) => present.present.has(sha));
}

/** What a pull request changes: the paths that differ from where it left its base branch. */
export interface BranchChanges {
  /** The merge-base of HEAD and the base found. */
  mergeBase: string;
  /** Paths from the top level, sorted: changed, added or deleted since the merge-base. */
  paths: string[];
}

/**
 * The paths that differ between the merge-base of HEAD and the first of `bases` that git can
 * resolve, and the working tree (committed, staged, unstaged and untracked changes alike: a local
 * `kiln run --event pull_request` plans what the branch would bring). Undefined when no base
 * resolves (a shallow clone without the base's history, a base branch never fetched).
 */
export async function changesSinceBase(
  root: string,
  bases: readonly string[],
): Promise<BranchChanges | undefined> {
  for (const base of bases) {
    const found = await mergeBase(root, "HEAD", base);
    if (!found) continue;
    const [diff, untracked] = await Promise.all([
      runGit(["diff", "--name-only", "-z", "--no-renames", found, "--"], { cwd: root }),
      runGit(["ls-files", "-z", "--others", "--exclude-standard"], { cwd: root }),
    ]);
    if (diff.code !== 0 || untracked.code !== 0) return undefined;
    const paths = new Set([...diff.stdout.split("\0"), ...untracked.stdout.split("\0")]);
    paths.delete("");
    return { mergeBase: found, paths: [...paths].sort() };
  }
  return undefined;
}

/** True when `ancestor` is `descendant` or one of its ancestors. */
export async function isAncestor(root: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(["merge-base", "--is-ancestor", ancestor, descendant], { cwd: root });
  return result.code === 0;
}

/** The fetch URL of a remote (`origin`), undefined when there is none. */
export async function remoteUrl(root: string, remote = "origin"): Promise<string | undefined> {
  const result = await runGit(["remote", "get-url", remote], { cwd: root });
  return result.code === 0 ? result.stdout.trim() || undefined : undefined;
}

/**
 * Files named one of `names` anywhere in the repository, tracked or untracked but not ignored,
 * relative to the top level: how Kiln finds every manifest (project) of a repository. `.github/`
 * folders are left out, at any depth: the generated workflow there is called kiln.yml too (an
 * example project's own `.github/workflows/kiln.yml` included).
 */
export async function filesNamed(root: string, names: readonly string[]): Promise<string[]> {
  const out = await git(
    [
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
      "--",
      ...names.map((n) => `:(glob)**/${n}`),
      ":(exclude,glob)**/.github/**",
    ],
    { cwd: root },
  );
  return [...new Set(out.split("\0").filter((f) => f !== ""))].sort();
}

/** origin/HEAD's branch asked alone: only for a repository whose HEAD has no commit yet (see checkout). */
async function remoteDefaultBranch(root: string): Promise<string | undefined> {
  const result = await runGit(["rev-parse", "--symbolic-full-name", "--revs-only", ORIGIN_HEAD], {
    cwd: root,
  });
  return result.code === 0 ? remoteBranchOf(result.stdout.trim()) : undefined;
}

export interface Ancestry {
  /** The given commits HEAD descends from (HEAD itself included). */
  ancestors: Set<string>;
  /** The given commits this clone has (a shallow clone lacks older history). */
  present: Set<string>;
  /** A shallow clone cannot tell that a commit is not an ancestor: its history is cut. */
  shallow: boolean;
}

/**
 * Every commit HEAD descends from (HEAD included), from one walk of its history; empty before the
 * first commit. Asked once per command (see ancestryOf's `history`): HEAD does not move meanwhile.
 */
export async function headHistory(root: string): Promise<ReadonlySet<string>> {
  const walk = await runGit(["rev-list", "HEAD"], { cwd: root });
  return new Set(walk.code === 0 ? walk.stdout.split("\n").filter((sha) => sha !== "") : []);
}

/**
 * Which of `commits` HEAD descends from, with at most three spawns whatever their number: one walk
 * of HEAD's history, the shallow check, and one batch lookup of the commits that are not ancestors
 * (spawning `merge-base --is-ancestor` per record made status slow on long histories). Ancestors
 * are present by definition, so the common case, every record built on this line, needs no lookup.
 * `history`: HEAD's history when the caller walked it before (headHistory), so that asking again
 * about other commits does not walk it again.
 */
export async function ancestryOf(
  root: string,
  commits: readonly string[],
  known: { shallow?: boolean | undefined; history?: Promise<ReadonlySet<string>> | undefined } = {},
): Promise<Ancestry> {
  const wanted = new Set(commits);
  const [history, shallow] = await Promise.all([
    known.history ?? headHistory(root),
    // Known from `checkout` when the workspace asked; a clone does not become shallow mid-command.
    known.shallow === undefined
      ? runGit(["rev-parse", "--is-shallow-repository"], { cwd: root }).then(
          (r) => r.stdout.trim() === "true",
        )
      : known.shallow,
  ]);
  const ancestors = new Set<string>();
  for (const sha of wanted) if (history.has(sha)) ancestors.add(sha);
  const present = new Set(ancestors);
  const others = [...wanted].filter((sha) => !ancestors.has(sha));
  if (others.length > 0) {
    const check = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
      cwd: root,
      input: `${others.join("\n")}\n`,
    });
    for (const line of check.stdout.split("\n")) {
      const [sha, type] = line.split(" ");
      if (type === "commit" && sha && wanted.has(sha)) present.add(sha);
    }
  }
  return { ancestors, present, shallow };
}

/**
 * A path as `--stdin-paths` reads it back: git reads a line, drops a carriage return before the
 * line break and unquotes a line that starts with `"` (C-style), so a name that starts with a
 * quote, ends with a carriage return or holds a line break is given quoted; any other is given as
 * it is (other bytes pass through git's unquoting unchanged).
 */
function stdinPath(file: string): string {
  if (!file.startsWith('"') && !file.endsWith("\r") && !file.includes("\n")) return file;
  const escaped = file.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  return `"${escaped}"`;
}

/**
 * Gitignored untracked files under `folders` (paths from the top level; "" for the whole
 * repository), from one `git ls-files --others --ignored`: what a pattern may mean when it matches
 * nothing tracked or untracked (a data folder kept out of git).
 */
export async function ignoredFiles(root: string, folders: readonly string[]): Promise<string[]> {
  if (folders.length === 0) return [];
  const out = await git(
    [
      "ls-files",
      "-z",
      "--others",
      "--ignored",
      "--exclude-standard",
      "--",
      ...folders.map((folder) => (folder === "" ? "." : `:(literal)${folder}`)),
    ],
    { cwd: root },
  );
  return out.split("\0").filter((file) => file !== "");
}

/**
 * The blob ids git would store for working-tree files (paths from the top level), from one
 * `git hash-object --stdin-paths`: with every conversion `git add` applies (`.gitattributes`
 * text/eol, `core.autocrlf`, clean filters such as Git LFS), in the paths' order.
 */
export async function hashObjects(root: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const input = `${paths.map(stdinPath).join("\n")}\n`;
  const out = await git(["hash-object", "--stdin-paths"], { cwd: root, input });
  const ids = out.split("\n").filter((line) => line !== "");
  if (ids.length !== paths.length)
    throw new Error(`bug: git hash-object answered ${ids.length} ids for ${paths.length} paths`);
  return ids;
}
