// Builds the store chain a command resolves bytes through: always the local store; inside a
// workflow job the Actions cache and this run's artifacts; with a token and a repository (the
// action's github-token, GITHUB_TOKEN or `gh auth token` locally) other runs' artifacts and releases.
//
// The remote stores are imported only when they are used: with the Actions toolkit, Azure's SDK and
// Octokit they are most of Kiln's code, and neither a local `kiln status` nor a workflow job that
// never leaves the local store should compile them (see scripts/bundle.mjs).
import { runUrlFromEnv } from "../github/context.js";
import type { Repository } from "../github/credentials.js";
import type { Project } from "../manifest/project.js";
import { StoreChain, type StoreChainOptions } from "./chain.js";
import type { LocalStore } from "./local.js";
import type { OutputIdentities } from "./output-identities.js";
import type { Store } from "./types.js";

export interface OpenStoresOptions {
  local: LocalStore;
  /** The workspace's memo of which output files hold which blobs (output-identities.ts). */
  identities?: OutputIdentities | undefined;
  project: Project;
  env: NodeJS.ProcessEnv;
  /** A token that may read the repository's actions and releases (and write them, to publish). */
  token?: string | undefined;
  repository?: Repository | undefined;
  /** The commit being built; release tags point at it. */
  commit?: string | undefined;
  /** Pull-request runs publish nothing public. */
  pullRequest: boolean;
  /** Where locations found after a record was written are appended (the ledger). */
  recordLocations?: StoreChainOptions["recordLocations"];
}

export async function openStores(options: OpenStoresOptions): Promise<StoreChain> {
  const { env, token, repository } = options;
  // Which backends this command has is decided now, from the environment it was opened with;
  // their modules are imported only when a version is looked for beyond the local store or
  // saved (a plan job, a status, a report of records alone never loads them).
  const inJob = env.GITHUB_ACTIONS === "true" && Boolean(env.ACTIONS_RUNTIME_TOKEN);
  const runId = inJob ? env.GITHUB_RUN_ID : undefined;
  const withToken = token && repository ? { ...repository, token } : undefined;
  const run = runId ? { id: runId, url: runUrlFromEnv(env) } : undefined;
  const remotes = async (): Promise<Store[]> => {
    const opened: Store[] = [];
    if (inJob) {
      const { ActionsCacheStore } = await import("./actions-cache.js");
      if (ActionsCacheStore.available()) opened.push(new ActionsCacheStore(options.project.root));
    }
    if (run || withToken) {
      const { ArtifactStore } = await import("./artifact.js");
      opened.push(
        new ArtifactStore({
          run,
          repository: withToken,
          retentionDays: (asset) => options.project.assets.get(asset)?.retentionDays,
        }),
      );
    }
    if (withToken) {
      const { ReleaseStore } = await import("./release.js");
      opened.push(
        new ReleaseStore({
          // Octokit is imported when a release is first read or written, not with the chain's
          // remotes: whether a version is there is read from its recorded tag.
          client: async () => {
            const { GitHubClient } = await import("../github/client.js");
            return new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
          },
          repository: withToken,
          project: options.project.name,
          commit: options.commit,
        }),
      );
    }
    return opened;
  };
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations,
    declaredOutputs: (asset) => options.project.assets.get(asset)?.outputs,
    identities: options.identities,
  });
}
