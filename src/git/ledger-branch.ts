// Git plumbing for the ledger branch (`kiln-ledger`). Everything works at object level — objects,
// a private temporary index, commit-tree, push of a commit id — so the user's checkout, index and
// HEAD are never touched, whatever state they are in.
import { GitError, git, runGit } from "./exec.js";
import { parseTree, readObject } from "./object-reader.js";
import { remoteUrl } from "./repo.js";

/** Who ledger commits are by: the bot identity GitHub shows without a real account. */
export const LEDGER_AUTHOR = { name: "kiln", email: "kiln@users.noreply.github.com" } as const;

export interface LedgerBranchTarget {
  /** Any directory inside the repository that has the remote. */
  cwd: string;
  remote: string;
  branch: string;
  /** The local ref that mirrors the remote branch, e.g. `refs/kiln/ledger`. */
  localRef: string;
  /**
   * The token fetches and pushes authenticate with (the action's `github-token` input), instead
   * of whatever credential the checkout persisted: with `persist-credentials: false` there is none.
   */
  token?: string | undefined;
  /** The remote's URL when whoever opened the ledger asked for it already (it is asked here otherwise). */
  url?: string | undefined;
}

const remoteUrls = new WeakMap<LedgerBranchTarget, Promise<string | undefined>>();

/**
 * Git configuration, through the environment (never the command line, where it would show in
 * process lists and error messages), that makes requests to an HTTP(S) remote carry exactly one
 * Authorization header with `token`: an empty value first clears any `extraheader` actions/checkout
 * persisted for the same server (GitHub refuses a request with two), and the key names the
 * remote's own URL, more specific than checkout's `http.https://github.com/.extraheader`.
 */
async function authEnv(target: LedgerBranchTarget): Promise<Record<string, string>> {
  if (!target.token) return {};
  // Asked once per target (a ledger's lifetime), not before every fetch and push.
  let asked = remoteUrls.get(target);
  if (!asked) {
    asked = target.url !== undefined ? Promise.resolve(target.url) : remoteUrl(target.cwd, target.remote);
    remoteUrls.set(target, asked);
  }
  const url = await asked;
  if (url === undefined || !/^https?:\/\//i.test(url)) return {};
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${target.token}`).toString("base64")}`;
  const first = Number(process.env.GIT_CONFIG_COUNT ?? 0) || 0;
  return {
    GIT_CONFIG_COUNT: String(first + 2),
    [`GIT_CONFIG_KEY_${first}`]: `http.${url}.extraheader`,
    [`GIT_CONFIG_VALUE_${first}`]: "",
    [`GIT_CONFIG_KEY_${first + 1}`]: `http.${url}.extraheader`,
    [`GIT_CONFIG_VALUE_${first + 1}`]: header,
  };
}

export type FetchResult =
  | {
      ok: true;
      tip: string | undefined;
      /** What seenRef named right after the fetch, read with the tip (see checkLedgerHistory). */
      seen: string | undefined;
      /** The remote's watermark as the same fetch brought it (see watermarkRef). */
      watermark: string | undefined;
    }
  | { ok: false; message: string };

/**
 * The ref on the remote that names the newest commit Kiln pushed to the ledger branch, moved with
 * the branch in one atomic push. A clone that has read nothing before (every Actions job's fresh
 * checkout) learns from it what the branch held, so a branch force-pushed to an older commit, or
 * deleted, is noticed there too, not only in clones that remember it (seenRef). Outside
 * refs/heads and refs/tags, so it shows as no branch or tag.
 */
export function watermarkRef(branch: string): string {
  return `refs/kiln-watermark/${branch}`;
}

/** Where a fetch keeps the remote's watermarks (all of them: a pattern fetches without failing when there is none). */
function fetchedWatermark(target: LedgerBranchTarget): string {
  return `refs/kiln-watermarks/${target.remote}/${target.branch}`;
}

/** The refspec that fetches every watermark of the remote to where fetchedWatermark looks. */
function watermarksRefspec(target: LedgerBranchTarget): string {
  return `+refs/kiln-watermark/*:refs/kiln-watermarks/${target.remote}/*`;
}

function fetchFailure(result: { code: number | null; stderr: string }): FetchResult {
  return { ok: false, message: result.stderr.trim() || `git fetch exited with ${result.code}` };
}

/**
 * Fetches the remote ledger branch into the local mirror ref and returns its tip; `tip` is
 * undefined when the branch does not exist yet (the first write creates it). The remote's
 * watermark comes in the same fetch (one ref advertisement, so the two agree).
 */
export async function fetchLedgerBranch(target: LedgerBranchTarget): Promise<FetchResult> {
  const { cwd, remote, branch, localRef } = target;
  const env = await authEnv(target);
  // Without `git maintenance run --auto`, which every fetch otherwise starts as one more process
  // (a run fetches before each write); the user's own git commands keep the clone tidy. A config
  // key older git ignores, unlike the --no-auto-maintenance option.
  const fetch = (refspecs: string[]) =>
    runGit(
      [
        "-c",
        "maintenance.auto=false",
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--prune",
        remote,
        ...refspecs,
      ],
      { cwd, env },
    );
  const result = await fetch([`+refs/heads/${branch}:${localRef}`, watermarksRefspec(target)]);
  if (result.code === 0) {
    const { tip, ...known } = await historyRefs(target, true);
    // Another process of the clone removed the mirror meanwhile (its fetch found no branch just
    // before this one found it): a lost race, fetched again like any other.
    if (tip === undefined)
      return { ok: false, message: `${localRef} was removed by another process during the fetch` };
    return { ok: true, tip, ...known };
  }
  if (/couldn't find remote ref/i.test(result.stderr)) {
    // The branch is gone or never existed: learn whether it existed (the watermark) from a fetch
    // that cannot fail for a missing ref, and forget a stale mirror, if there is one, so that
    // nothing reads it as the ledger (a fresh clone has none: no process for it).
    const watermarks = await fetch([watermarksRefspec(target)]);
    if (watermarks.code !== 0) return fetchFailure(watermarks);
    const { tip: mirror, seen, watermark } = await historyRefs(target, true);
    if (mirror !== undefined) await runGit(["update-ref", "-d", localRef, mirror], { cwd });
    return { ok: true, tip: undefined, seen, watermark };
  }
  return fetchFailure(result);
}

/**
 * The mirror's tip (when asked), seenRef and the fetched watermark, with one process: they are read
 * after every fetch, i.e. before every write.
 */
async function historyRefs(
  target: LedgerBranchTarget,
  withTip: boolean,
): Promise<{ tip?: string | undefined; seen: string | undefined; watermark: string | undefined }> {
  const names = [seenRef(target), fetchedWatermark(target), ...(withTip ? [target.localRef] : [])];
  const refs = await readRefs(target.cwd, names);
  return {
    ...(withTip ? { tip: refs.get(target.localRef) } : {}),
    seen: refs.get(seenRef(target)),
    watermark: refs.get(fetchedWatermark(target)),
  };
}

/** The commits `refs` point at, by full name; a ref that does not exist is absent. */
async function readRefs(cwd: string, refs: readonly string[]): Promise<Map<string, string>> {
  const out = await git(["for-each-ref", "--format=%(objectname) %(refname)", ...refs], { cwd });
  const found = new Map<string, string>();
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    const name = line.slice(space + 1);
    if (space > 0 && refs.includes(name)) found.set(name, line.slice(0, space));
  }
  return found;
}

/**
 * The ref that remembers the last ledger commit this clone read or wrote, so a rewritten branch
 * (force-pushed to an older commit) is noticed: the mirror ref cannot serve, a fetch overwrites it.
 * A ref, not a file, so the commit it names is kept from garbage collection for the ancestry check.
 */
export function seenRef(target: LedgerBranchTarget): string {
  return `refs/kiln/seen/${target.remote}/${target.branch}`;
}

export type HistoryCheck =
  | { ok: true }
  /**
   * `tip` does not contain `seen`: the branch was rewritten (or deleted, when tip is undefined).
   * `by` says who saw it: this clone (seenRef) or the remote's watermark (every clone).
   */
  | { ok: false; seen: string; by: "clone" | "watermark" }
  /**
   * `tip` was read from the mirror ref after another process of the clone set it to an older
   * commit than this one fetched: not the remote's state, fetch again.
   */
  | { ok: "stale" };

/**
 * Checks that the fetched `tip` still contains every ledger commit this clone saw before and the
 * newest one Kiln pushed (the remote's watermark, fetched with it).
 */
export async function checkLedgerHistory(
  target: LedgerBranchTarget,
  tip: string | undefined,
  /** seenRef and the watermark as the fetch of `tip` read them; read now when not given. */
  seenBefore?: { seen: string | undefined; watermark: string | undefined },
): Promise<HistoryCheck> {
  const refs = seenBefore ?? (await historyRefs(target, false));
  const known: { seen: string; by: "clone" | "watermark" }[] = [];
  for (const [seen, by] of [
    [refs.watermark, "watermark"],
    [refs.seen, "clone"],
  ] as const) {
    if (seen !== undefined && seen !== tip && !known.some((k) => k.seen === seen)) known.push({ seen, by });
  }
  let missing: { seen: string; by: "clone" | "watermark" } | undefined;
  for (const candidate of known) {
    if (tip !== undefined) {
      const result = await runGit(["merge-base", "--is-ancestor", candidate.seen, tip], { cwd: target.cwd });
      if (result.code === 0) continue;
      if (result.code !== 1)
        throw new Error(
          `git merge-base --is-ancestor failed: ${result.stderr.trim() || `exit code ${result.code}`}`,
        );
    }
    missing = candidate;
    break;
  }
  if (!missing) return { ok: true };
  // The tip may be older than what another process of the clone has seen since (it fetched
  // before that process pushed, or read the shared mirror ref after an older write); only the
  // remote itself can confirm a rewrite (a rare path: one more request).
  const remote = await runGit(["ls-remote", "--heads", target.remote, `refs/heads/${target.branch}`], {
    cwd: target.cwd,
    env: await authEnv(target),
  });
  const remoteTip = remote.code === 0 ? remote.stdout.split(/\s/)[0] || undefined : undefined;
  return remote.code === 0 && remoteTip !== tip ? { ok: "stale" } : { ok: false, ...missing };
}

/** Remembers `tip` as seen (see seenRef). Best effort: a concurrent process of the clone may hold the lock. */
export async function rememberLedgerTip(target: LedgerBranchTarget, tip: string): Promise<void> {
  await runGit(["update-ref", seenRef(target), tip], { cwd: target.cwd });
}

/**
 * After a push: `commit` is seen (seenRef), the mirror names it and the ref it was built on is
 * deleted, in one `update-ref --stdin` instead of a process for each. They go together or not at
 * all in that transaction, so when it fails (another process of the clone holds one of the locks)
 * each is tried on its own, as best effort as before: the seen ref must not be lost for the
 * mirror's sake.
 */
export async function rememberPushedTip(
  target: LedgerBranchTarget,
  commit: string,
  /** buildCommit's ref, deleted in the same transaction. */
  scratch?: string,
): Promise<void> {
  const drop = scratch ? `delete ${scratch}\n` : "";
  const all = await runGit(["update-ref", "--stdin"], {
    cwd: target.cwd,
    input: `update ${seenRef(target)} ${commit}\nupdate ${target.localRef} ${commit}\n${drop}`,
  });
  if (all.code === 0) return;
  await rememberLedgerTip(target, commit);
  await runGit(["update-ref", target.localRef, commit], { cwd: target.cwd });
  if (scratch) await deleteRef(target.cwd, scratch);
}

/** Deletes `ref`; best effort (a ref that is not there is no error). */
export async function deleteRef(cwd: string, ref: string): Promise<void> {
  await runGit(["update-ref", "-d", ref], { cwd });
}

export interface TreeEntry {
  /** Path from the root of the ledger tree. */
  path: string;
  blob: string;
}

/** Blobs under `dir` (recursively; several paths at once) in `commit`, paths from the root; empty when none exists. */
export async function listTree(
  cwd: string,
  commit: string,
  dir: string | readonly string[],
): Promise<TreeEntry[]> {
  if (typeof dir !== "string") {
    const listed = await Promise.all(dir.map((d) => listTree(cwd, commit, d)));
    const seen = new Set<string>();
    // A path under two of the given ones is listed once, as ls-tree lists it.
    return listed.flat().filter((e) => !seen.has(e.path) && seen.add(e.path));
  }
  const root = dir.replace(/\/+$/, "");
  const found = await readObject(cwd, `${commit}:${root}`);
  if (!found) {
    // Only a missing path is an empty listing; a commit this clone lacks is an error, as ls-tree's.
    if (!(await readObject(cwd, commit)))
      throw new GitError(`git ls-tree ${commit} failed: no such commit`, ["ls-tree", commit], "");
    return [];
  }
  if (found.type === "blob") return [{ path: root, blob: found.oid }];
  const entries: TreeEntry[] = [];
  const walk = async (tree: Buffer, at: string): Promise<void> => {
    // In tree order, depth first: the order `git ls-tree -r` lists.
    for (const item of parseTree(tree, found.oid.length)) {
      const where = at === "" ? item.name : `${at}/${item.name}`;
      if (item.type === "blob") entries.push({ path: where, blob: item.oid });
      else if (item.type === "tree") {
        const sub = await readObject(cwd, item.oid);
        if (!sub)
          throw new GitError(`git ls-tree ${commit} failed: tree ${item.oid} is missing`, ["ls-tree"], "");
        await walk(sub.content, where);
      }
    }
  };
  if (found.type === "tree") await walk(found.content, root);
  return entries;
}

/** Reads many blobs through the repository's object reader (see object-reader.ts). */
export async function readBlobs(cwd: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  const unique = [...new Set(blobs)];
  const objects = await Promise.all(unique.map((oid) => readObject(cwd, oid)));
  for (const object of objects) if (object?.type === "blob") contents.set(object.oid, object.content);
  return contents;
}

/** One file's content at `commit`, or undefined when the path does not exist there. */
export async function readPath(cwd: string, commit: string, file: string): Promise<Buffer | undefined> {
  const found = await readObject(cwd, `${commit}:${file}`);
  return found?.type === "blob" ? found.content : undefined;
}

export interface BuildCommitOptions {
  cwd: string;
  /** The tip to build on; undefined for the first (orphan) commit. */
  parent: string | undefined;
  /** Files to add or replace, by path in the ledger tree. */
  files: ReadonlyArray<{ path: string; content: string }>;
  /** Paths to remove, after the files are added (a path in both ends up removed). */
  remove?: readonly string[] | undefined;
  message: string;
  /**
   * A ref of the caller's own (see scratchRef) that the commit is written to: `git fast-import`
   * writes a commit only to a ref. Replaced when it exists; the caller deletes it.
   */
  ref: string;
}

/** A ref no one else uses, for buildCommit's commit until it is pushed. */
export function scratchRef(target: LedgerBranchTarget, id: string): string {
  return `refs/kiln/build/${target.branch}/${id}`;
}

/** A path as fast-import reads it: C-style quoted, so any byte but NUL can be in it. */
function quotedPath(file: string): string {
  const escaped = file.replace(/[\\"\x00-\x1f\x7f]/g, (c) =>
    c === "\\" || c === '"' ? `\\${c}` : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`,
  );
  return `"${escaped}"`;
}

/**
 * Writes the files and a new commit of `parent`'s tree plus them (minus `remove`) with one
 * `git fast-import`, and returns the commit: blobs, trees and commit from one process where a
 * private index took five (read-tree, hash-object, update-index, write-tree, commit-tree). The
 * user's index, HEAD and branches are never touched; fast-import keeps a handful of objects loose,
 * as the index did (fastimport.unpackLimit), and runs no automatic gc.
 */
export async function buildCommit(options: BuildCommitOptions): Promise<string> {
  const { cwd, parent, files, message, ref } = options;
  const ident = `${LEDGER_AUTHOR.name} <${LEDGER_AUTHOR.email}> ${Math.floor(Date.now() / 1000)} +0000`;
  const pieces: Buffer[] = [];
  const line = (text: string) => pieces.push(Buffer.from(`${text}\n`, "utf8"));
  const data = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    pieces.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from("\n"));
  };
  // `reset` first: a ref left by an earlier attempt must not become the parent.
  line(`reset ${ref}`);
  line(`commit ${ref}`);
  line("mark :1");
  line(`author ${ident}`);
  line(`committer ${ident}`);
  data(`${message}\n`);
  if (parent) line(`from ${parent}`);
  for (const file of files) {
    line(`M 100644 inline ${quotedPath(file.path)}`);
    data(file.content);
  }
  for (const file of options.remove ?? []) line(`D ${quotedPath(file)}`);
  line("");
  line("get-mark :1");
  line("done");
  const out = await git(["fast-import", "--quiet", "--force", "--done"], {
    cwd,
    input: Buffer.concat(pieces),
  });
  const commit = out.trim();
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit))
    throw new Error(`bug: git fast-import answered ${JSON.stringify(out)} for the commit`);
  return commit;
}

/**
 * `permanent`: the remote refused the branch by a rule of its own (branch protection, a ruleset, a
 * hook), which another attempt cannot change.
 */
export type PushResult =
  | { ok: true; watermark: boolean }
  | { ok: false; message: string; permanent?: boolean };

/**
 * Git's message without the remote's URLs and quoted names, which may hold any word
 * (`'https://github.com/acme/permission-model/'`, `failed to push some refs to '…/loan-denied.git'`):
 * only git's own words decide what kind of failure it was.
 */
function gitWords(message: string): string {
  return message.replace(/'[^'\n]*'/g, "<remote>").replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<remote>");
}

/**
 * Failures that another attempt cannot fix (no such remote, no permission, no credentials), as
 * opposed to a lost race or a network blip: the ledger gives up on these at once instead of
 * backing off for half a minute, e.g. in a pull request from a fork with a read-only token.
 */
export function isPermanentFailure(message: string): boolean {
  return /permission|denied|\b403\b|authentication failed|could not read username|does not appear to be a git repository|repository (<remote> )?not found|no such remote/i.test(
    gitWords(message),
  );
}

/** A refusal for lack of permission or credentials (a read-only token), among the permanent ones. */
export function isPermissionDenied(message: string): boolean {
  return /permission|denied|\b40[13]\b|authentication failed|could not read username/i.test(
    gitWords(message),
  );
}

/** Remotes (per target) whose hooks or rules refused the watermark ref: pushed without it from then on. */
const watermarkRefused = new WeakSet<LedgerBranchTarget>();

/**
 * Pushes `commit`, built on `parent`, to the remote branch and its watermark: the compare-and-swap
 * the ledger relies on. The branch moves only while the remote still has it at `parent` (a lease:
 * absent when `parent` is undefined), so a writer whose tip is no longer the remote's, because
 * another writer landed, or the branch was deleted or rewound since, is refused and fetches,
 * checks the branch's history and rebuilds; a plain fast-forward push would let a commit built on
 * an older tip re-create a deleted branch or undo a rewind. The watermark only fast-forwards.
 * A remote that refuses the watermark ref itself (a hook or a rule for refs outside branches and
 * tags) still gets the branch: the ledger must not stop for its guard; `watermark: false` says a
 * rewind will then only be noticed by clones that remember the branch.
 */
export async function pushLedgerCommit(
  target: LedgerBranchTarget,
  commit: string,
  parent: string | undefined,
): Promise<PushResult> {
  const branchRef = `refs/heads/${target.branch}`;
  const env = await authEnv(target);
  const lease = `--force-with-lease=${branchRef}:${parent ?? ""}`;
  const push = (refspecs: string[]) =>
    runGit(["push", "--quiet", "--porcelain", lease, ...refspecs], { cwd: target.cwd, env });
  if (!watermarkRefused.has(target)) {
    // Branch and watermark move together or not at all; both only fast-forward.
    const both = await push([
      "--atomic",
      target.remote,
      `${commit}:${branchRef}`,
      `${commit}:${watermarkRef(target.branch)}`,
    ]);
    if (both.code === 0) return { ok: true, watermark: true };
    const refused =
      refusedByRule(both.stdout, watermarkRef(target.branch)) ||
      /does not support --atomic/i.test(both.stderr);
    if (!refused) return pushFailure(both, branchRef);
  }
  // The watermark was refused by a rule; a hook or ruleset that refuses every ref says the same of
  // it, so the branch alone tells which: only when it goes through is the watermark left out.
  const alone = await push([target.remote, `${commit}:${branchRef}`]);
  if (alone.code !== 0) return pushFailure(alone, branchRef);
  watermarkRefused.add(target);
  return { ok: true, watermark: false };
}

/** A ref's status in `git push --porcelain` output (`[remote rejected] (pre-receive hook declined)`). */
function refStatus(porcelain: string, ref: string): string {
  const line = porcelain.split("\n").find((l) => l.split("\t")[1]?.endsWith(`:${ref}`));
  return line?.split("\t")[2] ?? "";
}

/**
 * True when `git push --porcelain` says the remote refused `ref` by a rule of its own
 * (`[remote rejected] (pre-receive hook declined)`, a ruleset's violation), as opposed to a lost
 * race, where a concurrent push holds the ref's lock (`cannot lock ref`, `failed to update ref`)
 * or the atomic push failed for another ref, and the whole write is tried again like any lost push.
 */
function refusedByRule(porcelain: string, ref: string): boolean {
  const status = refStatus(porcelain, ref);
  return (
    /^\[remote rejected\]/.test(status) &&
    /declined|denied|violat|not allowed|forbidden|refus|protected/i.test(status) &&
    !/lock|atomic|update ref/i.test(status)
  );
}

function pushFailure(
  result: { code: number | null; stdout: string; stderr: string },
  branchRef: string,
): PushResult {
  const said = (result.stderr.trim() || result.stdout.trim() || `git push exited with ${result.code}`)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-3)
    .join("; ");
  if (!refusedByRule(result.stdout, branchRef)) return { ok: false, message: said };
  const status = refStatus(result.stdout, branchRef).replace(/^\[remote rejected\]\s*/, "");
  return {
    ok: false,
    message: `the remote refused the branch ${branchRef.replace(/^refs\/heads\//, "")}: ${status}; ${said}`,
    permanent: true,
  };
}

interface RootEntry {
  mode: string;
  type: string;
  object: string;
  name: string;
}

async function treeEntries(cwd: string, treeish: string): Promise<RootEntry[]> {
  const found = await readObject(cwd, `${treeish}^{tree}`);
  if (found?.type !== "tree")
    throw new GitError(`git ls-tree ${treeish} failed: not a tree`, ["ls-tree", treeish], "");
  return parseTree(found.content, found.oid.length).map((e) => ({
    mode: e.mode,
    type: e.type,
    object: e.oid,
    name: e.name,
  }));
}

async function makeTree(cwd: string, entries: readonly RootEntry[]): Promise<string> {
  const input = entries.map((e) => `${e.mode} ${e.type} ${e.object}\t${e.name}\0`).join("");
  return (await git(["mktree", "-z"], { cwd, input })).trim();
}

/** Names at the root of a commit's tree (files and folders). */
export async function rootNames(cwd: string, commit: string): Promise<string[]> {
  return (await treeEntries(cwd, commit)).map((e) => e.name);
}

export type MoveIntoResult = { kind: "moved"; commit: string } | { kind: "nothing" } | { kind: "occupied" };

/**
 * A commit of `parent` whose root entries selected by `select` are moved, unchanged, into the
 * folder `<outer>/<inner>` — one commit, so readers see the old layout or the new one, never half.
 * `occupied` when `<outer>/<inner>` already exists (nothing is merged into it).
 */
export async function moveRootInto(options: {
  cwd: string;
  parent: string;
  outer: string;
  inner: string;
  select: (name: string) => boolean;
  message: string;
}): Promise<MoveIntoResult> {
  const { cwd, parent, outer, inner } = options;
  const root = await treeEntries(cwd, parent);
  const moving = root.filter((e) => e.name !== outer && options.select(e.name));
  if (moving.length === 0) return { kind: "nothing" };
  const outerEntry = root.find((e) => e.name === outer && e.type === "tree");
  const outerEntries = outerEntry ? await treeEntries(cwd, outerEntry.object) : [];
  if (outerEntries.some((e) => e.name === inner)) return { kind: "occupied" };
  const innerTree = await makeTree(cwd, moving);
  const newOuter = await makeTree(cwd, [
    ...outerEntries,
    { mode: "040000", type: "tree", object: innerTree, name: inner },
  ]);
  const newRoot = await makeTree(cwd, [
    ...root.filter((e) => e.name !== outer && !moving.includes(e)),
    { mode: "040000", type: "tree", object: newOuter, name: outer },
  ]);
  const env = {
    GIT_AUTHOR_NAME: LEDGER_AUTHOR.name,
    GIT_AUTHOR_EMAIL: LEDGER_AUTHOR.email,
    GIT_COMMITTER_NAME: LEDGER_AUTHOR.name,
    GIT_COMMITTER_EMAIL: LEDGER_AUTHOR.email,
  };
  const commit = (
    await git(["commit-tree", newRoot, "-p", parent, "-m", options.message], { cwd, env })
  ).trim();
  return { kind: "moved", commit };
}
