import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-IINUTV5Z.js";
import "./chunk-C436DGXG.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  workspaceOf
} from "./chunk-5XYJN2M7.js";
import "./chunk-5NGXEBNQ.js";
import "./chunk-EMTFGBJD.js";
import "./chunk-VN6Y6SGB.js";
import "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-CL637EV3.js";
import "./chunk-TL4QTD52.js";
import {
  loadAllProjects
} from "./chunk-25V2UBXB.js";
import {
  findManifest
} from "./chunk-RAPG5CLJ.js";
import {
  repoRoot
} from "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import {
  UserError
} from "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/cli/site.ts
init_define_KILN_SITE_CLIENT();
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
    title: options.title ?? (workspaces.length === 1 ? first.project.site.title : void 0)
  });
  for (const workspace of workspaces) reportLedgerProblems(workspace, io);
  if (!result.ok) throw new UserError(result.error, result.hint);
  const shown = path.relative(io.cwd, result.dir) || ".";
  const { chunks } = result;
  const kept = chunks.kept > 0 ? `; ${chunks.kept} of ${chunks.kept + chunks.read} version chunks kept from the site it replaced` : "";
  io.stdout(
    `wrote ${shown}/index.html: ${result.assets} assets, ${result.versions} versions, ${result.failures} failed attempts (${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB${kept})
`
  );
  return 0;
}
export {
  repositoryUrl,
  siteCommand
};
