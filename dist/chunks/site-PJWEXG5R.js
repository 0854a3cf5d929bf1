import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-EIAUBRD6.js";
import "./chunk-MDAY7FYD.js";
import "./chunk-MN5WRH3G.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-7G5EME7M.js";
import "./chunk-WMLO2HU4.js";
import "./chunk-77BUVOLW.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-RDX5YLL2.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-U4FAW2PQ.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-523OZPGU.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-P4627AVA.js";
import "./chunk-GR2CBACB.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import {
  filesNamed,
  repoRoot
} from "./chunk-IL3SHYLP.js";
import {
  MANIFEST_NAMES
} from "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/action/site.ts
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
