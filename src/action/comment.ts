// `command: comment` (workflows/kiln-comment.yml): posts the comment a fork's pull-request run left
// in its `kiln-report` artifact. The artifact is untrusted — a fork controls its own run — so the
// pull request comes from the workflow_run event (its head repository and sha), never from the
// artifact, and the artifact's text is only posted, never executed or used to find anything.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { githubClientFromEnv } from "../github/client.js";
import { readGitHubContext } from "../github/context.js";
import { stickyCommentMarker } from "../github/markers.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { COMMENT_FILE, movedOnNote } from "./report.js";
import { ActionFailure } from "./workspace.js";

interface WorkflowRunEvent {
  workflow_run?: {
    name?: string;
    event?: string;
    head_sha?: string;
    head_branch?: string;
    head_repository?: { owner?: { login?: string } };
  };
}

export async function commentAction(io: ActionIO, inputs: ActionInputs): Promise<void> {
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const run = (read.context.event as WorkflowRunEvent).workflow_run;
  if (read.context.eventName !== "workflow_run" || !run) {
    throw new ActionFailure(
      "command: comment runs in a workflow_run workflow (see workflows/kiln-comment.yml)",
    );
  }
  if (run.event !== "pull_request") {
    io.info(
      `the ${run.name ?? "Kiln"} run was started by ${run.event ?? "an unknown event"}, not a pull request: nothing to post`,
    );
    return;
  }
  if (!inputs.report)
    throw new ActionFailure(
      'command: comment needs the input "report": the directory of the downloaded kiln-report artifact',
    );
  let body: string;
  try {
    // The workflow passes `${{ runner.temp }}/kiln-report`, an absolute path outside the workspace;
    // a relative one is taken from the workspace.
    body = await readFile(path.resolve(io.cwd, inputs.report, COMMENT_FILE), "utf8");
  } catch {
    throw new ActionFailure(
      `no ${COMMENT_FILE} in ${inputs.report}: was the kiln-report artifact of the pull request's run downloaded there?`,
    );
  }
  const owner = run.head_repository?.owner?.login;
  if (!owner || !run.head_branch || !run.head_sha)
    throw new ActionFailure("the workflow_run event names no head repository, branch and commit");
  const client = githubClientFromEnv(inputs.token, io.env);
  const pull = await client.pullRequestAt({ head: `${owner}:${run.head_branch}`, sha: run.head_sha });
  if (pull.at === "none") {
    io.info(
      `no open pull request from ${owner}:${run.head_branch} at ${run.head_sha.slice(0, 7)}: nothing to post`,
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
    `${posted.value.created ? "created" : "updated"} the report comment on #${number}: ${posted.value.url}`,
  );
}
