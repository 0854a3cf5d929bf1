// Which GitHub repository and token a command outside Actions uses to reach the artifact and
// release stores: GITHUB_REPOSITORY or the origin remote's URL; GITHUB_TOKEN (or GH_TOKEN), else
// the GitHub CLI's own login (`gh auth token`) when gh is installed.
import { execFile } from "node:child_process";

export interface Repository {
  owner: string;
  repo: string;
}

/** `owner/repo` from GITHUB_REPOSITORY, or from a github.com-style remote URL (https or ssh). */
export function repositoryFrom(env: NodeJS.ProcessEnv, remote: string | undefined): Repository | undefined {
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? "");
  if (named) return { owner: named[1]!, repo: named[2]! };
  const url = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote ?? "");
  if (!url || !remote || !/github/i.test(remote)) return undefined;
  return { owner: url[1]!, repo: url[2]! };
}

/** The token from the environment, else `gh auth token`; undefined when neither gives one. */
export async function findToken(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile("gh", ["auth", "token"], { env, timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}
