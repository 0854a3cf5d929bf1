// `command: report`: the last job of a workflow run. It rebuilds what the run did from the ledger
// (records and failures stamped with this run's id) and the plan, then writes the job summary,
// upserts the one sticky pull-request comment, and raises or closes failure alerts.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mergeBase as gitMergeBase, isAncestor } from "../git/repo.js";
import { githubClientFromEnv } from "../github/client.js";
import { type GitHubContext, readGitHubContext } from "../github/context.js";
import { postSlackAlert } from "../github/slack.js";
import type { MaterializationRecord } from "../domain/records.js";
import { mergeBaseRecord, renderReport, stickyMarker } from "../report/index.js";
import { buildRunReport, type RunFacts } from "../run/run-report.js";
import type { Workspace } from "../run/workspace.js";
import { uploadFiles } from "../store/artifact.js";
import { assessProject } from "../version/status.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { actionTick } from "./tick.js";
import { ActionFailure, actionWorkspace } from "./workspace.js";

/** The artifact a fork's report job leaves for workflows/kiln-comment.yml, and the file in it. */
export const REPORT_ARTIFACT = "kiln-report";
export const COMMENT_FILE = "comment.md";

/** What the run did, read back from the ledger: the jobs ran in other processes and machines. */
export async function factsFromLedger(
  workspace: Workspace,
  inputs: ActionInputs,
  runId: string,
  env: NodeJS.ProcessEnv,
): Promise<RunFacts> {
  await workspace.ledger.refresh?.();
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
  });
  const plan: RunFacts["plan"] = new Map();
  const outcomes: RunFacts["outcomes"] = new Map();
  const latest: RunFacts["latest"] = new Map();
  for (const name of assessment.graph.order) {
    const state = assessment.assets.get(name);
    if (!state) continue;
    const records = await workspace.ledger.materializations(name);
    const mine = records.filter((r) => r.context.runId === runId);
    const failure = (await workspace.ledger.failures(name)).filter((f) => f.context.runId === runId).at(-1);
    const record = mine.at(-1);
    const before = records.filter((r) => r.context.runId !== runId).at(-1);
    latest.set(name, before);
    const planned = inputs.plan[name] === "run";
    plan.set(name, {
      status: before ? (planned ? "stale" : "fresh") : "missing",
      reasons: record?.reasons ?? failure?.reasons ?? state.reasons,
    });
    if (record) {
      const verdict = record.promotion;
      const promoted = verdict?.promote === true && state.latest?.version === record.version;
      outcomes.set(name, {
        outcome: "success",
        detail: `v${record.version}`,
        record,
        durationMs: record.durationMs,
        promotion: verdict
          ? {
              verdict,
              moved: promoted,
              from: verdict.against ?? null,
              to: promoted ? record.version : (verdict.against ?? null),
            }
          : undefined,
      });
    } else if (failure) {
      outcomes.set(name, {
        outcome: failure.status === "cancelled" ? "cancelled" : "failed",
        detail: failure.error,
        failure,
        durationMs: failure.durationMs,
      });
    } else if (planned) {
      outcomes.set(name, {
        outcome: "skipped",
        detail:
          "not materialized in this run: an upstream asset failed, the run was cancelled, or its data was unchanged",
        durationMs: 0,
      });
    }
  }
  return {
    tick: actionTick(env, inputs.event),
    gitSha: env.GITHUB_SHA,
    ref: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    plan,
    outcomes,
    latest,
    deps: assessment.graph.deps,
  };
}

async function alert(
  io: ActionIO,
  inputs: ActionInputs,
  workspace: Workspace,
  github: GitHubContext,
  facts: RunFacts,
): Promise<void> {
  const { alerts } = workspace.project;
  const webhook = io.env.KILN_SLACK_WEBHOOK;
  if (webhook) io.mask(webhook);
  const client = alerts.githubIssue ? githubClientFromEnv(inputs.token, io.env) : undefined;
  for (const [name, done] of facts.outcomes) {
    const marker = `<!-- kiln:failure:${name} -->`;
    if (done.outcome === "failed" && done.failure) {
      if (alerts.slack && webhook) {
        const sent = await postSlackAlert(webhook, {
          asset: name,
          reason: done.failure.error,
          logTail: done.failure.logTail,
          runUrl: github.runUrl,
          repository: github.repository,
        });
        if (!sent.ok) io.warning(`Slack alert for ${name} not sent: ${sent.message}`);
      } else if (alerts.slack) {
        io.warning(
          `Slack alert for ${name} not sent: the secret ${alerts.slack.webhookSecret} is not available to this job (forks get no secrets)`,
        );
      }
      if (client) {
        const body = `${marker}\nKiln asset **${name}** failed in [run ${github.runId}](${github.runUrl}) on \`${github.refName}\`.\n\n**Why:** ${done.failure.error}\n\n<details><summary>Last log lines</summary>\n\n\`\`\`\n${done.failure.logTail.join("\n").replaceAll("```", "`\u200b``")}\n\`\`\`\n</details>\n`;
        const raised = await client.ensureFailureIssue({
          asset: name,
          marker,
          title: `Kiln: ${name} is failing`,
          body,
          labels: alerts.githubIssue!.labels,
        });
        if (!raised.ok) io.warning(`failure issue for ${name} not written: ${raised.message}`);
      }
    } else if (done.outcome === "success" && client) {
      const closed = await client.closeFailureIssue({
        marker,
        comment: `Fixed: ${name} v${done.record?.version} materialized in [run ${github.runId}](${github.runUrl}).`,
        labels: alerts.githubIssue!.labels,
      });
      if (!closed.ok) io.warning(`failure issue for ${name} not closed: ${closed.message}`);
    }
  }
}

export async function reportAction(io: ActionIO, inputs: ActionInputs): Promise<void> {
  const workspace = await actionWorkspace(io, inputs);
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const github = read.context;
  const facts = await io.group("Read this run from the ledger", () =>
    factsFromLedger(workspace, inputs, github.runId, io.env),
  );
  const root = workspace.git.root ?? workspace.project.root;
  const pr = github.pullRequest;
  const prTitle = (github.event.pull_request as { title?: string } | undefined)?.title;
  const mergeBase = pr
    ? async (_asset: string, records: MaterializationRecord[]) =>
        (
          await mergeBaseRecord(
            records,
            { mergeBase: (a, b) => gitMergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
            pr.headSha,
            pr.baseSha,
          )
        )?.record
    : undefined;
  const report = await buildRunReport(workspace, facts, {
    runUrl: github.runUrl,
    repo: { serverUrl: github.serverUrl, repository: github.repository },
    pullRequest: pr ? { number: pr.number, title: prTitle, base: pr.baseRef } : undefined,
    mergeBase,
  });
  await io.summary(renderReport(report, { format: "md", budget: "summary" }));
  if (pr) {
    const marker = stickyMarker(github.workflow ?? "kiln", inputs.manifest);
    const body = renderReport(report, { format: "md", budget: "comment", marker });
    const client = githubClientFromEnv(inputs.token, io.env);
    const posted = await client.upsertStickyComment({ issueNumber: pr.number, marker, body });
    if (posted.ok)
      io.info(`${posted.value.created ? "created" : "updated"} the report comment: ${posted.value.url}`);
    else {
      // A fork's token cannot comment: keep the comment as the `kiln-report` artifact, which the
      // kiln-comment workflow (workflows/kiln-comment.yml) posts from the base repository.
      const dir = await mkdtemp(path.join(io.env.RUNNER_TEMP ?? os.tmpdir(), "kiln-report-"));
      await writeFile(path.join(dir, COMMENT_FILE), body);
      await uploadFiles(REPORT_ARTIFACT, [path.join(dir, COMMENT_FILE)], dir, 7);
      io.warning(
        `The pull-request comment was not posted (${posted.message}): pull requests from forks get a read-only token. The report is in this job's summary and in the ${REPORT_ARTIFACT} artifact, which workflows/kiln-comment.yml posts.`,
      );
    }
  }
  await alert(io, inputs, workspace, github, facts);
  const failed = [...facts.outcomes].filter(([, o]) => o.outcome === "failed").map(([name]) => name);
  io.setOutput(
    "ran",
    String([...facts.outcomes.values()].some((o) => o.outcome === "success" || o.outcome === "failed")),
  );
  if (failed.length > 0) io.info(`failed in this run: ${failed.join(", ")}`);
}
