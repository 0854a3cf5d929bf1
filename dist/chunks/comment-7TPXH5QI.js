import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  movedOnNote,
  stickyCommentMarker
} from "./chunk-E6BCDCND.js";
import "./chunk-GTM4N5PO.js";
import "./chunk-GSO63TYL.js";
import "./chunk-OE3Z3SOM.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-VT4WDDGW.js";
import {
  githubClientFromEnv
} from "./chunk-6LRRK6AU.js";
import {
  ActionFailure
} from "./chunk-BNZ6SGT3.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-IPVW3R24.js";
import "./chunk-HBTRCQJM.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-6DE6D2DD.js";
import "./chunk-CA7XIJ7F.js";
import "./chunk-5PIUBXJB.js";
import "./chunk-EUMYCSFZ.js";
import "./chunk-YCJ7GVD5.js";
import {
  readGitHubContext
} from "./chunk-IPIKQYZ5.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DGKO7IAC.js";
import "./chunk-YIIFFWM5.js";
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
  const pull = await client.pullRequestAt({ head: `${owner}:${run.head_branch}`, sha: run.head_sha });
  if (pull.at === "none") {
    io.info(
      `no open pull request from ${owner}:${run.head_branch} at ${run.head_sha.slice(0, 7)}: nothing to post`
    );
    return;
  }
  if (pull.at === "moved") {
    io.info(movedOnNote(pull.number, run.head_sha, pull.headSha));
    return;
  }
  const number = pull.number;
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
