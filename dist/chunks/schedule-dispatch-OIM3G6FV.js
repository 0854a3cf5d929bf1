import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  actionTick,
  actionWorkspace
} from "./chunk-BG5PDOSX.js";
import {
  md,
  mdLink
} from "./chunk-HX4NHBDN.js";
import {
  SCHEDULED_TICK_INPUT,
  scheduleDispatchBranches
} from "./chunk-EERXAFT6.js";
import "./chunk-646SWM6C.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import {
  minuteTime
} from "./chunk-YCJ7GVD5.js";
import {
  workflowFileFromEnv
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/action/schedule-dispatch.ts
import path from "node:path";
var TITLE = "kiln: schedule tick not dispatched";
async function dispatchScheduleTick(io, workspace, tick, token) {
  if (io.env.GITHUB_EVENT_NAME !== "schedule") return [];
  const { project, git } = workspace;
  const branches = scheduleDispatchBranches(project, git.branch ?? git.defaultBranch);
  if (branches.length === 0) return [];
  const at = minuteTime(tick.now);
  const onto = (branch) => `could not dispatch this schedule tick (${at}) onto prod's branch ${branch}`;
  const file = workflowFileFromEnv(io.env);
  if (!file || !token) {
    const why = file ? "the action has no github-token" : "GITHUB_WORKFLOW_REF does not name a workflow file of this repository";
    for (const branch of branches)
      io.warning(`${onto(branch)}: ${why}; prod on ${branch} retrains only on its pushes and dispatches`, {
        title: TITLE
      });
    return branches.map((branch) => ({ branch, refused: why }));
  }
  const { githubClientFromEnv } = await import("./client-QUJRU2PD.js");
  const client = githubClientFromEnv(token, io.env);
  const workflow = path.posix.basename(file);
  const done = [];
  for (const branch of branches) {
    const outcome = await client.dispatchWorkflow({
      workflow,
      ref: branch,
      inputs: { [SCHEDULED_TICK_INPUT]: tick.now.toISOString() }
    });
    if (outcome.ok) {
      io.info(
        `dispatched this schedule tick (${at}) onto prod's branch ${branch}: ${outcome.url ?? `a workflow_dispatch run of ${workflow} on ${branch}`}`
      );
      done.push({ branch, url: outcome.url });
    } else {
      io.warning(`${onto(branch)}: ${refusal(outcome, { branch, file })}`, { title: TITLE });
      done.push({ branch, refused: `${outcome.status ?? "no answer"}: ${outcome.message}` });
    }
  }
  return done;
}
function dispatchSummary(tick, dispatched) {
  return dispatched.map(
    ({ branch, url, refused }) => refused ? `- \u26A0\uFE0F this schedule tick (${minuteTime(tick.now)}) was not dispatched onto prod's branch ${md(branch)}: ${md(refused)}
` : `- \u21AA this schedule tick (${minuteTime(tick.now)}) was dispatched onto prod's branch ${md(branch)}${url ? `: ${mdLink("its run", url) ?? md(url)}` : ""}
`
  ).join("");
}
function refusal(outcome, where) {
  const said = `GitHub refused it (${outcome.status ? `${outcome.status}: ` : ""}${outcome.message})`;
  const goesOn = `This run's own work goes on; prod on ${where.branch} misses this tick, and the next schedule tick dispatches again`;
  if (outcome.status === 403 && !/rate limit/i.test(outcome.message))
    return `${said}. The dispatch job needs \`actions: write\`: run \`kiln generate\` in a clone that knows the default branch (\`git remote set-head origin --auto\`) and commit the workflow (it grants it where prod's branch is not the default branch), or give it to the job running \`command: dispatch\` in a hand-written workflow. ${goesOn}`;
  if (outcome.status === 422 || outcome.status === 404)
    return `${said}. ${where.branch}'s ${where.file} must declare the workflow_dispatch input ${SCHEDULED_TICK_INPUT}: merge the workflow \`kiln generate\` writes into ${where.branch} (and check that the branch exists). ${goesOn}`;
  if (outcome.status === void 0) return `${outcome.message}. ${goesOn}`;
  return `${said}. ${goesOn}`;
}
async function dispatchAction(io, inputs) {
  const tick = actionTick(io.env, inputs.event);
  const workspace = await actionWorkspace(io, inputs, tick);
  const dispatched = await dispatchScheduleTick(io, workspace, tick, inputs.token);
  if (dispatched.length > 0)
    await io.summary(`## Kiln schedule dispatch

${dispatchSummary(tick, dispatched)}`);
  else io.info("nothing to dispatch: not a schedule event, or prod trains on this branch");
  return dispatched;
}
export {
  dispatchAction,
  dispatchScheduleTick,
  dispatchSummary
};
