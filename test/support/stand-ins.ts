// The GitHub stand-ins wired together, for tests that run Kiln as a job would: the REST server
// (with the results service's artifacts behind actions/runs/{id}/artifacts), the results
// service with Azurite, and a git remote over HTTP that checks tokens. Call in beforeAll, `stop()`
// in afterAll.
import { GitHttpServer, type TokenAccess } from "./git-server.js";
import { GitHubApiServer, type GitHubApiOptions } from "./github-api.js";
import { type JobIdentity, ResultsService } from "./results-service.js";

export interface StandIns {
  github: GitHubApiServer;
  results: ResultsService;
  /** Git over HTTP: `git.serve(name, bare)` gives a remote URL that wants a token. */
  git: GitHttpServer;
  /** The env of one job: Actions runtime + GITHUB_API_URL/SERVER_URL/REPOSITORY. */
  jobEnv(identity: JobIdentity & { repository?: string }): Record<string, string>;
  stop(): Promise<void>;
}

export async function startStandIns(
  options: Omit<GitHubApiOptions, "artifacts"> & { gitTokens?: Record<string, TokenAccess> } = {},
): Promise<StandIns> {
  const results = new ResultsService();
  await results.start();
  const git = new GitHttpServer(options.gitTokens);
  await git.start();
  const github = new GitHubApiServer({ ...options, artifacts: results.artifactDirectory() });
  try {
    await github.start();
  } catch (error) {
    await results.stop();
    throw error;
  }
  return {
    github,
    results,
    git,
    jobEnv: (identity) => ({
      ...results.jobEnv(identity),
      GITHUB_ACTIONS: "true",
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: identity.repository ?? "acme/churn",
    }),
    stop: async () => {
      await github.stop();
      await results.stop();
      await git.stop();
    },
  };
}
