import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-IINUTV5Z.js";
import "./chunk-C436DGXG.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-BJQYQR2P.js";
import "./chunk-EHDZZFPL.js";
import "./chunk-LEFB7EK6.js";
import "./chunk-35OV54A3.js";
import "./chunk-B5WE5TBG.js";
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
  MANIFEST_NAMES
} from "./chunk-RAPG5CLJ.js";
import {
  filesNamed,
  repoRoot
} from "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-VHDSH6SG.js";
import "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

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
