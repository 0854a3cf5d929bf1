import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  movedOnNote,
  stickyCommentMarker
} from "./chunk-QHREOXRL.js";
import "./chunk-CJEAS2NZ.js";
import "./chunk-E6ETXBKC.js";
import "./chunk-CAVOGHJ2.js";
import "./chunk-Y3Y3PR6Y.js";
import "./chunk-RE2KNA6R.js";
import "./chunk-5EKYFNIH.js";
import {
  githubClientFromEnv
} from "./chunk-BGBPBAMM.js";
import {
  ActionFailure
} from "./chunk-BG5PDOSX.js";
import "./chunk-EZKWKBWA.js";
import "./chunk-HX4NHBDN.js";
import "./chunk-NBF2VUI6.js";
import "./chunk-WF2FANSE.js";
import "./chunk-EERXAFT6.js";
import "./chunk-Q7KBE4RR.js";
import "./chunk-646SWM6C.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  readGitHubContext
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
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
