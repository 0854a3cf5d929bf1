import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  stickyCommentMarker
} from "./chunk-PUH7VV4X.js";
import {
  githubClientFromEnv
} from "./chunk-LURBCDAL.js";
import "./chunk-H5HN3KAP.js";
import "./chunk-NXZ254NP.js";
import "./chunk-C436DGXG.js";
import {
  ActionFailure
} from "./chunk-BJQYQR2P.js";
import "./chunk-EHDZZFPL.js";
import "./chunk-LEFB7EK6.js";
import "./chunk-35OV54A3.js";
import "./chunk-B5WE5TBG.js";
import "./chunk-KYLISQK7.js";
import "./chunk-GXZWNREP.js";
import "./chunk-EMTFGBJD.js";
import "./chunk-VN6Y6SGB.js";
import {
  readGitHubContext
} from "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-MJUVZAAY.js";
import "./chunk-7SI7DGOT.js";
import "./chunk-CL637EV3.js";
import "./chunk-TL4QTD52.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-VHDSH6SG.js";
import "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/action/comment.ts
init_define_KILN_SITE_CLIENT();
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
