import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  stickyCommentMarker
} from "./chunk-2GEEURDM.js";
import "./chunk-PVYOZNPM.js";
import "./chunk-7RQFQG3P.js";
import "./chunk-MN5WRH3G.js";
import "./chunk-CHAMFCPK.js";
import {
  githubClientFromEnv
} from "./chunk-AJ6J4ZDG.js";
import "./chunk-YIIFFWM5.js";
import {
  ActionFailure
} from "./chunk-7G5EME7M.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-4RBXJX62.js";
import "./chunk-77BUVOLW.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-XU6IXT4T.js";
import {
  readGitHubContext
} from "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-RDX5YLL2.js";
import "./chunk-NIANUAGP.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-33WSQS65.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-523OZPGU.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-GR2CBACB.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/action/comment.ts
import { readFile } from "node:fs/promises";
import path from "node:path";
async function commentAction(io, inputs) {
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const run = read.context.event.workflow_run;
  if (read.context.eventName !== "workflow_run" || !run) {
    throw new ActionFailure(
      "command: comment runs in a workflow_run workflow (see workflows/kiln-comment.yml)"
    );
  }
  if (run.event !== "pull_request") {
    io.info(
      `the ${run.name ?? "Kiln"} run was started by ${run.event ?? "an unknown event"}, not a pull request: nothing to post`
    );
    return;
  }
  if (!inputs.report)
    throw new ActionFailure(
      'command: comment needs the input "report": the directory of the downloaded kiln-report artifact'
    );
  let body;
  try {
    body = await readFile(path.resolve(io.cwd, inputs.report, COMMENT_FILE), "utf8");
  } catch {
    throw new ActionFailure(
      `no ${COMMENT_FILE} in ${inputs.report}: was the kiln-report artifact of the pull request's run downloaded there?`
    );
  }
  const owner = run.head_repository?.owner?.login;
  if (!owner || !run.head_branch || !run.head_sha)
    throw new ActionFailure("the workflow_run event names no head repository, branch and commit");
  const client = githubClientFromEnv(inputs.token, io.env);
  const number = await client.findOpenPullRequest({ head: `${owner}:${run.head_branch}`, sha: run.head_sha });
  if (number === void 0) {
    io.info(
      `no open pull request from ${owner}:${run.head_branch} at ${run.head_sha.slice(0, 7)}: nothing to post`
    );
    return;
  }
  const marker = stickyCommentMarker(run.name ?? "kiln", inputs.manifest);
  const posted = await client.upsertStickyComment({ issueNumber: number, marker, body });
  if (!posted.ok) throw new ActionFailure(`could not comment on pull request #${number}: ${posted.message}`);
  io.info(
    `${posted.value.created ? "created" : "updated"} the report comment on #${number}: ${posted.value.url}`
  );
}
export {
  commentAction
};
