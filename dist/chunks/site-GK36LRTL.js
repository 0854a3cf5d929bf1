import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildSite
} from "./chunk-YE365M5D.js";
import "./chunk-R2MT7CDE.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-XM3UYMXN.js";
import "./chunk-JRDQNYU3.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace
} from "./chunk-W4MX2NWJ.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-GTP3BQ6G.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-UMWPPGZ3.js";
import "./chunk-C32IYWJT.js";
import "./chunk-URWLTY5I.js";
import "./chunk-LS3573BM.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-V5O3HVTF.js";
import "./chunk-CZZZSMQQ.js";
import {
  MANIFEST_NAMES,
  filesNamed,
  repoRoot
} from "./chunk-ZJE3KEHC.js";
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
