import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  COMMENT_FILE,
  stickyCommentMarker
} from "./chunk-P3C2RC3E.js";
import "./chunk-X3VE4F3N.js";
import "./chunk-UQHWQHZ2.js";
import {
  githubClientFromEnv
} from "./chunk-2U6G3I2Z.js";
import "./chunk-7CTAUTOL.js";
import "./chunk-MK7IDHAT.js";
import "./chunk-K5VFNJPY.js";
import "./chunk-JCCFVTUR.js";
import {
  ActionFailure
} from "./chunk-F2NNYHNK.js";
import "./chunk-MQZFNPRV.js";
import "./chunk-6WN3HHY5.js";
import "./chunk-XVUXVL3V.js";
import "./chunk-7N3FU4S7.js";
import "./chunk-GCS3BNMZ.js";
import "./chunk-OB4SRQCA.js";
import {
  readGitHubContext
} from "./chunk-N5HPWT7C.js";
import "./chunk-OU24UHTD.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-P7TQORRK.js";
import "./chunk-UCHM4ZJX.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-E4MQVDXR.js";
import "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
