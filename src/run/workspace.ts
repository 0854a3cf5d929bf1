// Everything a command works on: the project, its environment, the ledger, the store and the git
// facts of the checkout. The CLI and the action open it the same way.
import path from "node:path";
import { openLedger } from "../ledger/open.js";
import type { Ledger } from "../ledger/ledger.js";
import type { Project } from "../manifest/project.js";
import { closest } from "../manifest/suggest.js";
import { LocalStore } from "../store/local.js";
import type { StoreChain } from "../store/chain.js";
import { openStores } from "../store/open.js";
import { findToken, repositoryFrom } from "../github/credentials.js";
import { currentBranch, headCommit, remoteUrl, repoRoot } from "../git/repo.js";
import { LocalLedger } from "../ledger/local.js";

export interface GitFacts {
  /** Top level of the repository, undefined outside git. */
  root?: string | undefined;
  sha?: string | undefined;
  /** The branch checked out (or GITHUB_HEAD_REF/GITHUB_REF_NAME in Actions). */
  branch?: string | undefined;
}

export interface Workspace {
  project: Project;
  environment: string;
  ledger: Ledger;
  /** Output bytes: the local store, then (on GitHub, or with a token) cache, artifacts, releases. */
  stores: StoreChain;
  git: GitFacts;
  /** `<root>/.kiln`: local ledger, store, run logs, reports. */
  kilnDir: string;
  runsDir: string;
  reportsDir: string;
}

export type EnvironmentChoice =
  | { ok: true; name: string; why: string }
  | { ok: false; error: string; hint?: string };

/** --env, else KILN_ENV, else the environment whose branches include the branch, else dev. */
export function chooseEnvironment(
  project: Project,
  explicit: string | undefined,
  branch: string | undefined,
): EnvironmentChoice {
  if (explicit) {
    if (project.environments.size > 0 && !project.environments.has(explicit)) {
      const names = [...project.environments.keys()];
      const suggestion = closest(explicit, names);
      return {
        ok: false,
        error: `unknown environment "${explicit}"; the manifest defines ${names.join(", ")}`,
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      };
    }
    return { ok: true, name: explicit, why: "chosen explicitly" };
  }
  if (branch) {
    for (const environment of project.environments.values()) {
      if (environment.branches.includes(branch))
        return { ok: true, name: environment.name, why: `branch ${branch}` };
    }
  }
  return { ok: true, name: "dev", why: "default" };
}

export interface OpenOptions {
  project: Project;
  /** --env or KILN_ENV. */
  environment?: string | undefined;
  ledger?: "local" | "branch" | "auto" | undefined;
  env: NodeJS.ProcessEnv;
  /**
   * A token for the artifact and release stores (the action's github-token). Without one, a
   * command on the branch ledger uses GITHUB_TOKEN or `gh auth token`; on the local ledger, whose
   * records name only the local store, none is looked for.
   */
  token?: string | undefined;
}

export type Opened =
  | { ok: true; workspace: Workspace }
  | { ok: false; error: string; hint?: string | undefined };

export async function gitFacts(cwd: string, env: NodeJS.ProcessEnv): Promise<GitFacts> {
  const root = await repoRoot(cwd);
  if (!root) return {};
  const inActions = env.GITHUB_ACTIONS === "true";
  // In Actions the checkout is often a detached HEAD: the event names the branch.
  const branch =
    (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : undefined) || (await currentBranch(root));
  return { root, sha: await headCommit(root), branch: branch || undefined };
}

export async function openWorkspace(options: OpenOptions): Promise<Opened> {
  const { project } = options;
  const git = await gitFacts(project.root, options.env);
  const choice = chooseEnvironment(project, options.environment ?? options.env.KILN_ENV, git.branch);
  if (!choice.ok) return { ok: false, error: choice.error, hint: choice.hint };
  const kilnDir = path.join(project.root, ".kiln");
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    inActions: options.env.GITHUB_ACTIONS === "true",
  });
  const local = new LocalStore(path.join(kilnDir, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? undefined : await findToken(options.env));
  const stores = openStores({
    local,
    project,
    env: options.env,
    token,
    repository: token
      ? repositoryFrom(options.env, git.root ? await remoteUrl(git.root) : undefined)
      : undefined,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest:
      options.env.GITHUB_ACTIONS === "true" &&
      options.env.GITHUB_EVENT_NAME?.startsWith("pull_request") === true,
    recordLocations: (version, locations) => ledger.addLocations(version.asset, version.version, locations),
  });
  return {
    ok: true,
    workspace: {
      project,
      environment: choice.name,
      ledger,
      stores,
      git,
      kilnDir,
      runsDir: path.join(kilnDir, "runs"),
      reportsDir: path.join(kilnDir, "reports"),
    },
  };
}
