import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-KUO6XV4P.js";
import "./chunk-JCCFVTUR.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  workspaceOf
} from "./chunk-QIP3KMKT.js";
import "./chunk-TVBXDYJF.js";
import "./chunk-GCS3BNMZ.js";
import "./chunk-OB4SRQCA.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import {
  loadAllProjects
} from "./chunk-JR7K3TV3.js";
import {
  findManifest
} from "./chunk-GW6L3DRJ.js";
import {
  repoRoot
} from "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
