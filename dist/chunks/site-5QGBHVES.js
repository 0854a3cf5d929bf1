import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-KUO6XV4P.js";
import "./chunk-JCCFVTUR.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-F2NNYHNK.js";
import "./chunk-MQZFNPRV.js";
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
  MANIFEST_NAMES
} from "./chunk-GW6L3DRJ.js";
import {
  filesNamed,
  repoRoot
} from "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/action/site.ts
init_define_KILN_SITE_CLIENT();
import path from "node:path";
async function siteAction(io, inputs) {
  const tick = actionTick(io.env, inputs.event);
  const workspace = await actionWorkspace(io, inputs, tick);
  const top = await repoRoot(io.cwd);
  const others = top ? (await filesNamed(top, MANIFEST_NAMES)).map((file) => path.relative(io.cwd, path.join(top, file))).filter((file) => path.resolve(io.cwd, file) !== workspace.project.manifestPath) : [];
  const workspaces = [workspace];
  for (const manifest of others) workspaces.push(await actionWorkspace(io, { ...inputs, manifest }, tick));
  const outDir = path.join(io.env.RUNNER_TEMP || workspace.kilnDir, "kiln-site");
  const result = await io.group(
    "Render the history site",
    () => buildSite({
      workspaces,
      outDir,
      now: tick.now,
      env: io.env,
      repositoryUrl: io.env.GITHUB_SERVER_URL && io.env.GITHUB_REPOSITORY ? `${io.env.GITHUB_SERVER_URL}/${io.env.GITHUB_REPOSITORY}` : void 0,
      title: workspaces.length === 1 ? workspace.project.site.title : void 0
    })
  );
  for (const problem of workspaces.flatMap((w) => w.ledger.problems()))
    io.warning(`skipped ${problem.path}: ${problem.message} (run \`kiln doctor\` for help)`);
  if (!result.ok) throw new ActionFailure(result.hint ? `${result.error} (${result.hint})` : result.error);
  io.info(
    `${result.assets} assets, ${result.versions} versions, ${result.failures} failed attempts in ${result.dir}`
  );
  io.setOutput("path", result.dir);
  return result.dir;
}
export {
  siteAction
};
