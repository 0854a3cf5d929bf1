// Everything a command works on: the project, its environment, the ledger, the store and the git
// facts of the checkout. The CLI and the action open it the same way.
import path from "node:path";
import { openLedger } from "../ledger/open.js";
import type { Ledger } from "../ledger/ledger.js";
import type { CursorScope, LineAdoption } from "../domain/records.js";
import type { Project } from "../manifest/project.js";
import type { TickEvent } from "../automation/tick.js";
import { eventDefaultBranch } from "../github/context.js";
import { kilnDir as kilnDirOf } from "../paths/kiln-dir.js";
import { OutputIdentities } from "../store/output-identities.js";
import { LocalStore } from "../store/local.js";
import type { StoreChain } from "../store/chain.js";
import { openStores } from "../store/open.js";
import { findToken, repositoryFrom } from "../github/credentials.js";
import { ancestryOf, type CheckoutReads, checkout, headHistory, remoteUrl } from "../git/repo.js";
import { LocalLedger } from "../ledger/local.js";
import type { Lineage } from "../version/lineage.js";
import { decideEnvironment, type EnvironmentDecision, isPullRequest } from "./environment.js";

export interface GitFacts {
  /** Top level of the repository, undefined outside git. */
  root?: string | undefined;
  sha?: string | undefined;
  /** The branch checked out (or GITHUB_HEAD_REF/GITHUB_REF_NAME in Actions). */
  branch?: string | undefined;
  /** A pull request's base branch in Actions (GITHUB_BASE_REF). */
  base?: string | undefined;
  /** The repository's default branch when known: the event payload in Actions, else origin/HEAD. */
  defaultBranch?: string | undefined;
  /** Whether the clone is shallow (see Ancestry.shallow). */
  shallow?: boolean | undefined;
}

export interface Workspace {
  project: Project;
  environment: string;
  /** How the environment was chosen and whether this run may promote (src/app/environment.ts). */
  decision: EnvironmentDecision;
  /** The tick's event the workspace was opened for. */
  event: TickEvent;
  /**
   * A pull request's base as given by hand (`--base origin/main`), unstripped: what the pull
   * request changes is told from this ref first. `decision.branch` is the branch it names, for the
   * environment's rules; a local `main` behind `origin/main` is another base.
   */
  baseRef?: string | undefined;
  ledger: Ledger;
  /** Output bytes: the local store, then (on GitHub, or with a token) cache, artifacts, releases. */
  stores: StoreChain;
  git: GitFacts;
  /** The command's early git reads, when it started them for this project (see CheckoutReads). */
  reads?: CheckoutReads | undefined;
  /** `<root>/.kiln`: local ledger, store, run logs, reports. */
  kilnDir: string;
  runsDir: string;
  reportsDir: string;
}

export interface OpenOptions {
  project: Project;
  /** --env or KILN_ENV. */
  environment?: string | undefined;
  /** The tick's event (default: local): a pull request runs in its base branch's environment. */
  event?: TickEvent | undefined;
  /** A pull request's base branch given by hand (`kiln run --base main`). */
  base?: string | undefined;
  ledger?: "local" | "branch" | "auto" | undefined;
  /**
   * The action's `github-token`: the ledger branch is fetched and pushed with it, and the artifact
   * and release stores use it. Without one, a command on the branch ledger uses GITHUB_TOKEN or
   * `gh auth token` for the stores; on the local ledger, whose records name only the local store,
   * none is looked for.
   */
  token?: string | undefined;
  /** Records from before projects existed: see OpenLedgerOptions.legacy. */
  legacyLedger?: "auto" | "adopt" | undefined;
  env: NodeJS.ProcessEnv;
  /** Git reads the command started before it loaded the manifest (see CheckoutReads). */
  reads?: CheckoutReads | undefined;
}

export type Opened =
  | { ok: true; workspace: Workspace }
  | { ok: false; error: string; hint?: string | undefined };

/**
 * `reads`: the command's git reads, started early (CheckoutReads); used only when they were
 * started for `cwd`.
 */
export async function gitFacts(
  cwd: string,
  env: NodeJS.ProcessEnv,
  reads?: CheckoutReads,
): Promise<GitFacts> {
  const inActions = env.GITHUB_ACTIONS === "true";
  const fromEvent = eventDefaultBranch(env);
  const early = reads?.cwd === cwd ? reads : undefined;
  // origin/HEAD comes with the checkout's other facts (one process); the event's word wins.
  const found = await (early ? early.checkout : checkout(cwd));
  if (!found) return {};
  // In Actions the checkout is often a detached HEAD: the event names the branch.
  const branch = (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : undefined) || found.branch;
  return {
    root: found.top,
    sha: found.head,
    branch: branch || undefined,
    base: (inActions && env.GITHUB_BASE_REF) || undefined,
    defaultBranch: fromEvent ?? found.remoteDefaultBranch,
    shallow: found.shallow,
  };
}

/**
 * `origin/main`, `refs/heads/main`, `refs/remotes/fork/main` → `main`: a --base ref names a branch.
 * A full remote-tracking ref names its remote unambiguously; a short one only origin or upstream
 * (a branch may itself be called `fork/main`).
 */
function branchName(ref: string | undefined): string | undefined {
  return (
    ref
      ?.replace(/^refs\/heads\//, "")
      .replace(/^refs\/remotes\/[^/]+\//, "")
      .replace(/^(origin|upstream)\//, "") || undefined
  );
}

export async function openWorkspace(options: OpenOptions): Promise<Opened> {
  const { project } = options;
  // The early reads belong to this workspace only when they were started for its root.
  const reads = options.reads?.cwd === project.root ? options.reads : undefined;
  const git = await gitFacts(project.root, options.env, reads);
  const event = options.event ?? "local";
  const choice = decideEnvironment(project, {
    event,
    inGit: git.root !== undefined,
    branch: git.branch,
    base: branchName(options.base) ?? git.base,
    defaultBranch: git.defaultBranch,
    override: options.environment || options.env.KILN_ENV || undefined,
  });
  if (!choice.ok) return { ok: false, error: choice.error, hint: choice.hint };
  const kilnDir = kilnDirOf(project.root);
  // Asked at most once: the branch ledger checks the remote and authenticates with it, and the
  // stores name the repository by it (in Actions, each was a git process of its own).
  let origin: Promise<string | undefined> | undefined;
  const originUrl = () => (origin ??= git.root ? remoteUrl(git.root) : Promise.resolve(undefined));
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    gitRoot: git.root ?? null,
    inActions: options.env.GITHUB_ACTIONS === "true",
    token: options.token,
    originUrl,
    project: project.name,
    legacy: options.legacyLedger,
  });
  const local = new LocalStore(path.join(kilnDir, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? undefined : await findToken(options.env));
  const stores = await openStores({
    local,
    identities: new OutputIdentities(kilnDir),
    project,
    env: options.env,
    token,
    repository: token ? repositoryFrom(options.env, await originUrl()) : undefined,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest: isPullRequest(event),
    recordLocations: (version, locations) => ledger.addLocations(version.asset, version.version, locations),
  });
  return {
    ok: true,
    workspace: {
      project,
      environment: choice.decision.name,
      decision: choice.decision,
      event,
      ...(options.base ? { baseRef: options.base } : {}),
      ledger,
      stores,
      git,
      reads,
      kilnDir,
      runsDir: path.join(kilnDir, "runs"),
      reportsDir: path.join(kilnDir, "reports"),
    },
  };
}

/**
 * Whose automation cursor this workspace's runs read and write: its environment's on its branch
 * (`prod:main`; `dev:local` outside git or on a detached HEAD). The branch alone was not enough: a
 * `kiln run --env dev` on main handled prod's cron tick, and the scheduled prod run then trained
 * nothing. Git branch names never contain `:`, so no branch-only name of an earlier Kiln is one.
 * Earlier Kilns kept one cursor per branch (`main`); it is read as the cursor of the environment
 * the branch selects by the manifest (`--env` aside), the environment of nearly every run that
 * wrote it: scheduled and push runs. A run that `--env` moved starts its own cursor empty.
 */
export function cursorScope(workspace: Pick<Workspace, "environment" | "decision" | "git">): CursorScope {
  const branch = workspace.git.branch ?? "local";
  const own = workspace.environment === workspace.decision.branchEnvironment;
  return { name: `${workspace.environment}:${branch}`, ...(own ? { formerly: branch } : {}) };
}

/**
 * The records this checkout continues: its environment, and the line of history HEAD is on (the
 * branch checked out and, for a pull request, its base, where a shallow clone cannot tell).
 */
export function workspaceLineage(workspace: Workspace): Lineage {
  const { git, decision } = workspace;
  const root = git.root;
  const branches = [...new Set([git.branch, decision.branch].filter((b): b is string => b !== undefined))];
  let adoptions: Promise<ReadonlyMap<string, readonly LineAdoption[]>> | undefined;
  return {
    environment: workspace.environment,
    branches,
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : undefined,
    pullRequest: isPullRequest(workspace.event),
    adoptions: () => {
      adoptions ??= lineAdoptions(workspace.ledger, workspace.environment, branches);
      return adoptions;
    },
  };
}

/**
 * The versions the lines of `branches` took up in `environment`, kept in those scopes' cursors
 * (the scope a run on the branch writes, cursorScope).
 */
async function lineAdoptions(
  ledger: Ledger,
  environment: string,
  branches: readonly string[],
): Promise<ReadonlyMap<string, readonly LineAdoption[]>> {
  const cursors = await Promise.all(
    branches.map((branch) => ledger.readCursor({ name: `${environment}:${branch}` })),
  );
  const all = new Map<string, LineAdoption[]>();
  for (const cursor of cursors)
    for (const [asset, list] of Object.entries(cursor?.adopted ?? {}))
      all.set(asset, [...(all.get(asset) ?? []), ...list]);
  return all;
}

interface KnownAncestry {
  asked: Set<string>;
  ancestors: Set<string>;
  present: Set<string>;
  shallow: boolean;
  /** HEAD's history, walked once when first needed: lineage's rounds ask about a few commits each. */
  history?: Promise<ReadonlySet<string>> | undefined;
}

/**
 * What git answered about this workspace's HEAD, by commit: planning asks, then the run's report.
 * Keyed by the workspace's git facts, which every copy of the workspace shares (a run plans with a
 * copy holding its ledger view, and its report with another).
 */
const knownAncestry = new WeakMap<GitFacts, KnownAncestry>();

/**
 * `ancestryOf`, asked only about commits not asked about before in this workspace (HEAD does not
 * move during a command). HEAD's own commit, the one every record of this run names, is known.
 */
async function rememberedAncestry(workspace: Workspace, root: string, commits: readonly string[]) {
  let known = knownAncestry.get(workspace.git);
  if (!known) {
    const head = workspace.git.sha ? [workspace.git.sha] : [];
    known = { asked: new Set(head), ancestors: new Set(head), present: new Set(head), shallow: false };
    knownAncestry.set(workspace.git, known);
  }
  const unknown = commits.filter((sha) => !known.asked.has(sha));
  if (unknown.length > 0) {
    known.history ??= headHistory(root);
    const answer = await ancestryOf(root, unknown, {
      shallow: workspace.git.shallow,
      history: known.history,
    });
    for (const sha of unknown) known.asked.add(sha);
    for (const sha of answer.ancestors) known.ancestors.add(sha);
    for (const sha of answer.present) known.present.add(sha);
    // Only a commit that is not HEAD's ancestor needs it, and such a commit was asked about.
    known.shallow = answer.shallow;
  }
  return known;
}
