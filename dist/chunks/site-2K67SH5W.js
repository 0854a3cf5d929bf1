import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-DVYEBTXX.js";
import "./chunk-GG3EVFOQ.js";
import "./chunk-Y3Y3PR6Y.js";
import {
  parseJobs
} from "./chunk-SAKR2U25.js";
import {
  tuneForLongCommand
} from "./chunk-ZTOQYWGB.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-XTEFASAO.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  workspaceOf
} from "./chunk-E7VF6EEA.js";
import {
  loadAllProjects
} from "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError,
  findManifest,
  repoRoot
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/site.ts
import path from "node:path";
function findManifestRoot(io) {
  const found = findManifest(io.cwd);
  return found ? path.dirname(found) : void 0;
}
function repositoryUrl(explicit, env) {
  if (explicit !== void 0) {
    if (!/^https?:\/\/\S+$/.test(explicit))
      throw new UserError(
        `--repository-url "${explicit}" is not an http(s) address`,
        "write e.g. https://github.com/owner/repo"
      );
    return explicit.replace(/\/+$/, "");
  }
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY)
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`;
  return void 0;
}
async function siteCommand(io, globals, options) {
  tuneForLongCommand();
  const inRepository = !globals.manifest && await repoRoot(io.cwd) !== void 0;
  const workspaces = inRepository ? await Promise.all(
    (await loadAllProjects(io)).projects.map(
      (loaded) => workspaceOf(io, globals, loaded, { quiet: true })
    )
  ) : [await cliWorkspace(io, globals, { quiet: true })];
  const first = workspaces.find((w) => w.project.root === findManifestRoot(io)) ?? workspaces[0];
  const outDir = options.output ? path.resolve(io.cwd, options.output) : path.join(first.kilnDir, "site");
  const result = await buildSite({
    workspaces,
    outDir,
    now: cliTick({ now: options.now }, io.env).now,
    env: io.env,
    repositoryUrl: repositoryUrl(options.repositoryUrl, io.env),
    title: options.title ?? (workspaces.length === 1 ? first.project.site.title : void 0),
    threads: parseJobs(options.jobs, void 0)
  });
  for (const workspace of workspaces) reportLedgerProblems(workspace, io);
  if (!result.ok) throw new UserError(result.error, result.hint);
  const shown = path.relative(io.cwd, result.dir) || ".";
  const { chunks } = result;
  const kept = chunks.kept > 0 ? `; ${chunks.kept} of ${chunks.kept + chunks.read} version chunks kept from the site it replaced` : "";
  const threads = result.threads > 0 ? `; versions built on ${result.threads} threads` : "";
  io.stdout(
    `wrote ${shown}/index.html: ${count(result.assets, "asset")}, ${count(result.versions, "version")}, ${count(result.failures, "failed attempt")} (${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB${kept}${threads})
`
  );
  return 0;
}
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
export {
  repositoryUrl,
  siteCommand
};
