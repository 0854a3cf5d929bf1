// `kiln site [-o DIR]`: renders the static history site from the ledger (local, or the
// `kiln-ledger` branch with --ledger branch) into a directory that opens from file:// or GitHub Pages.
import path from "node:path";
import { buildSite } from "../site/build.js";
import { UserError } from "./errors.js";
import { tuneForLongCommand } from "./engine-flags.js";
import type { CliIO } from "./io.js";
import type { GlobalOptions } from "./program.js";
import { parseJobs } from "./jobs.js";
import { cliTick } from "./tick.js";
import { cliWorkspace, reportLedgerProblems, workspaceOf } from "./workspace.js";
import { loadAllProjects } from "./load-project.js";
import { repoRoot } from "../git/repo.js";
import { findManifest } from "../manifest/manifest-file.js";

/** The folder of the manifest found from the working directory, if any. */
function findManifestRoot(io: CliIO): string | undefined {
  const found = findManifest(io.cwd);
  return found ? path.dirname(found) : undefined;
}

export interface SiteCommandOptions {
  output?: string;
  title?: string;
  repositoryUrl?: string;
  now?: string;
  jobs?: string;
}

/** The repository's web address: the option, else the Actions run's, else none (links from run URLs). */
export function repositoryUrl(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (explicit !== undefined) {
    if (!/^https?:\/\/\S+$/.test(explicit))
      throw new UserError(
        `--repository-url "${explicit}" is not an http(s) address`,
        "write e.g. https://github.com/owner/repo",
      );
    return explicit.replace(/\/+$/, "");
  }
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY)
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`;
  return undefined;
}

export async function siteCommand(
  io: CliIO,
  globals: GlobalOptions,
  options: SiteCommandOptions,
): Promise<number> {
  tuneForLongCommand();
  // Every project of the repository shares the site (one per repository on GitHub Pages), unless
  // --manifest names one; outside git there is only the manifest found from here.
  const inRepository = !globals.manifest && (await repoRoot(io.cwd)) !== undefined;
  const workspaces = inRepository
    ? await Promise.all(
        (await loadAllProjects(io)).projects.map((loaded) =>
          workspaceOf(io, globals, loaded, { quiet: true }),
        ),
      )
    : [await cliWorkspace(io, globals, { quiet: true })];
  const first = workspaces.find((w) => w.project.root === findManifestRoot(io)) ?? workspaces[0]!;
  const outDir = options.output ? path.resolve(io.cwd, options.output) : path.join(first.kilnDir, "site");
  const result = await buildSite({
    workspaces,
    outDir,
    now: cliTick({ now: options.now }, io.env).now,
    env: io.env,
    repositoryUrl: repositoryUrl(options.repositoryUrl, io.env),
    title: options.title ?? (workspaces.length === 1 ? first.project.site.title : undefined),
    threads: parseJobs(options.jobs, undefined),
  });
  for (const workspace of workspaces) reportLedgerProblems(workspace, io);
  if (!result.ok) throw new UserError(result.error, result.hint);
  const shown = path.relative(io.cwd, result.dir) || ".";
  const { chunks } = result;
  const kept =
    chunks.kept > 0
      ? `; ${chunks.kept} of ${chunks.kept + chunks.read} version chunks kept from the site it replaced`
      : "";
  const threads = result.threads > 0 ? `; versions built on ${result.threads} threads` : "";
  io.stdout(
    `wrote ${shown}/index.html: ${count(result.assets, "asset")}, ${count(result.versions, "version")}, ${count(result.failures, "failed attempt")} (${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB${kept}${threads})\n`,
  );
  return 0;
}

/** "1 asset", "2 assets". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
