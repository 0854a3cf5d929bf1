import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-ICJGQRYS.js";
import "./chunk-YWYXCL4T.js";
import "./chunk-MN5WRH3G.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-KSFLEFQA.js";
import "./chunk-ZYLOGHAY.js";
import "./chunk-3GKCM6LP.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-JRC6O52L.js";
import "./chunk-XU6IXT4T.js";
import "./chunk-55XP6GI6.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-7AZK427S.js";
import "./chunk-KUUWIJKA.js";
import "./chunk-2ORXNN3N.js";
import "./chunk-5G3UPGP5.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-VGM3AG7F.js";
import "./chunk-SWEOUD43.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-523OZPGU.js";
import "./chunk-MKBDC2EO.js";
import "./chunk-ND42QLZU.js";
import "./chunk-GR2CBACB.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-AIVCXB6U.js";
import {
  filesNamed,
  repoRoot
} from "./chunk-5GPDRZ7E.js";
import {
  MANIFEST_NAMES
} from "./chunk-7ZESNWQR.js";
import "./chunk-VXXK3PCW.js";
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
