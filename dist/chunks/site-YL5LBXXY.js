import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-DVYEBTXX.js";
import "./chunk-GG3EVFOQ.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-FGIYWRQH.js";
import "./chunk-JRDQNYU3.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-BG5PDOSX.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-EERXAFT6.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-646SWM6C.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  filesNamed,
  repoRoot
} from "./chunk-DQNGLDMZ.js";
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
