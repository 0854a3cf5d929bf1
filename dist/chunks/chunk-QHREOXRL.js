import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  buildRunReport,
  movesByRun
} from "./chunk-CJEAS2NZ.js";
import {
  didSomething
} from "./chunk-E6ETXBKC.js";
import {
  mergeBaseRecord,
  renderReport
} from "./chunk-CAVOGHJ2.js";
import {
  uploadFiles
} from "./chunk-5EKYFNIH.js";
import {
  githubClientFromEnv
} from "./chunk-BGBPBAMM.js";
import {
  ActionFailure,
  actionTick,
  actionWorkspace,
  withTemporaryFolder
} from "./chunk-BG5PDOSX.js";
import {
  commentText,
  fenced,
  md,
  mdLink,
  slackCode,
  slackText
} from "./chunk-HX4NHBDN.js";
import {
  PLAN_JOB,
  PLAN_JOB_NAME,
  assetJobs,
  timeoutMinutes
} from "./chunk-WF2FANSE.js";
import {
  assessProject,
  lineageFilter,
  planRun,
  pullRequestChanges,
  repeatsEarlierFailure
} from "./chunk-YJUY5MZT.js";
import {
  aliasHolder,
  attemptOf,
  cursorScope,
  isExperiment,
  outcomeInRun,
  promotionMove,
  readGitHubContext,
  runAttemptOf,
  runUrlFromEnv,
  workspaceLineage
} from "./chunk-OAUXH6FU.js";
import {
  isAncestor,
  mergeBase
} from "./chunk-DQNGLDMZ.js";

// src/action/report.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";

// src/github/markers.ts
function stickyCommentMarker(workflow, manifest) {
  return `<!-- kiln-report: ${commentText(workflow)}/${commentText(manifest)} -->`;
}
function failureIssueMarker(project, asset) {
  return `<!-- kiln:failure:${commentText(project)}/${commentText(asset)} -->`;
}
function legacyFailureIssueMarker(asset) {
  return `<!-- kiln:failure:${commentText(asset)} -->`;
}

// src/github/slack.ts
var MAX_TAIL_LINES = 20;
var MAX_TAIL_CHARS = 2500;
function slackMessage(alert2) {
  const where = alert2.repository ? ` in ${alert2.repository}` : "";
  const what = alert2.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert2.experiment ? `experiment (${alert2.experiment.join(" ")}) of asset` : "asset";
  const job = alert2.job ? ` (job ${alert2.job})` : "";
  const text = slackText(`Kiln: ${kind} ${alert2.asset}${job} ${what}${where}: ${alert2.reason}`);
  let tail = alert2.logTail.slice(-MAX_TAIL_LINES).join("\n");
  if (tail.length > MAX_TAIL_CHARS) tail = `\u2026${tail.slice(-MAX_TAIL_CHARS)}`;
  const icon = alert2.outcome === "cancelled" ? ":no_entry_sign:" : ":x:";
  const blocks = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${icon} ${alert2.experiment ? "experiment of " : ""}*${slackText(alert2.asset)}*${slackText(job)} ${what}${slackText(where)}
${slackText(alert2.reason)}`
      }
    }
  ];
  if (tail) blocks.push({ type: "section", text: { type: "mrkdwn", text: slackCode([tail]) } });
  const buttons = [
    alert2.logUrl ? { text: "Open the log", url: alert2.logUrl } : void 0,
    alert2.runUrl && alert2.runUrl !== alert2.logUrl ? { text: "Open the run", url: alert2.runUrl } : void 0
  ].filter((b) => b !== void 0);
  if (buttons.length > 0) {
    blocks.push({
      type: "actions",
      elements: buttons.map((b) => ({
        type: "button",
        text: { type: "plain_text", text: b.text },
        url: b.url
      }))
    });
  }
  return { text, blocks };
}
async function postSlackAlert(webhookUrl, alert2, options = {}) {
  if (!/^https?:\/\//.test(webhookUrl)) {
    return {
      ok: false,
      message: "the Slack webhook secret is not an http(s) URL; check the secret named in alerts.slack.webhook-secret."
    };
  }
  try {
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackMessage(alert2)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15e3)
    });
    const body = (await response.text()).slice(0, 200);
    if (!response.ok) {
      return { ok: false, message: redact(`Slack answered HTTP ${response.status}: ${body}`, webhookUrl) };
    }
    return { ok: true };
  } catch (error) {
    const cause = error.cause?.message;
    const detail = [error.message, cause].filter(Boolean).join(": ");
    return { ok: false, message: redact(`could not reach the Slack webhook: ${detail}`, webhookUrl) };
  }
}
function redact(message, webhookUrl) {
  let out = message.replaceAll(webhookUrl, "[webhook]");
  try {
    const { pathname, host } = new URL(webhookUrl);
    if (pathname.length > 1) out = out.replaceAll(pathname, "/[redacted]");
    out = out.replaceAll(host, "[webhook host]");
  } catch {
  }
  return out;
}

// src/github/alerts.ts
function link(text, url) {
  return mdLink(text, url) ?? md(text);
}
function failureIssueBody(alert2, run) {
  const what = alert2.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert2.experiment ? "An experiment run of Kiln asset" : "Kiln asset";
  const ref = run.refName ? ` on ${md(run.refName)}` : "";
  const lines = [
    `${kind} **${md(alert2.asset)}** ${what} in ${link(`run ${run.runId}`, run.runUrl)}${ref}.`,
    "",
    `**Why:** ${md(alert2.reason)}`,
    ""
  ];
  if (alert2.experiment) lines.push(`**Run config set for this run:** ${md(alert2.experiment.join(" "))}`, "");
  if (alert2.job) lines.push(`**Job:** ${link(alert2.job, alert2.logUrl ?? run.runUrl)}`, "");
  if (alert2.logTail.length > 0)
    lines.push("<details><summary>Last log lines</summary>", "", fenced(alert2.logTail), "", "</details>", "");
  return `${lines.join("\n")}`;
}
async function sendFailureAlerts(alerts, run, channels) {
  for (const alert2 of alerts) {
    if (channels.slack) {
      if (channels.slack.webhook) {
        const sent = await postSlackAlert(channels.slack.webhook, {
          asset: alert2.asset,
          reason: alert2.reason,
          logTail: alert2.logTail,
          outcome: alert2.outcome,
          job: alert2.job,
          logUrl: alert2.logUrl,
          runUrl: run.runUrl,
          repository: run.repository,
          experiment: alert2.experiment
        });
        if (!sent.ok) channels.warning(`Slack alert for ${alert2.asset} not sent: ${sent.message}`);
      } else {
        channels.warning(
          `Slack alert for ${alert2.asset} not sent: the secret ${channels.slack.secretName} is not available to this job (forks get no secrets)`
        );
      }
    }
    if (channels.issues && !alert2.experiment) {
      const raised = await channels.issues.client.ensureFailureIssue({
        asset: alert2.asset,
        marker: failureIssueMarker(channels.issues.project, alert2.asset),
        formerMarkers: [legacyFailureIssueMarker(alert2.asset)],
        title: `Kiln: ${alert2.asset} is failing`,
        body: failureIssueBody(alert2, run),
        labels: channels.issues.labels
      });
      if (!raised.ok) channels.warning(`failure issue for ${alert2.asset} not written: ${raised.message}`);
    }
  }
}
async function closeFailureIssues(fixed, run, channels) {
  if (!channels.issues) return;
  for (const item of fixed) {
    const { asset } = item;
    const what = "version" in item ? `v${item.version} materialized` : "can be observed again";
    const closed = await channels.issues.client.closeFailureIssue({
      marker: failureIssueMarker(channels.issues.project, asset),
      formerMarkers: [legacyFailureIssueMarker(asset)],
      comment: `Fixed: ${md(asset)} ${what} in ${link(`run ${run.runId}`, run.runUrl)}.`,
      labels: channels.issues.labels
    });
    if (!closed.ok) channels.warning(`failure issue for ${asset} not closed: ${closed.message}`);
  }
}
async function runAlerts(input) {
  const failures = [];
  const fixed = [];
  for (const [asset, done] of input.outcomes) {
    if (done.outcome === "failed" || done.outcome === "cancelled") {
      if (done.alertedInAttempt !== void 0) continue;
      if (done.failure && await input.alreadyAlerted(done.failure)) continue;
      failures.push({
        asset,
        outcome: done.outcome,
        reason: done.failure?.error ?? done.detail,
        logTail: done.failure?.logTail ?? [],
        job: done.failure ? void 0 : input.jobName(asset),
        logUrl: done.logUrl,
        experiment: done.failure?.context.experiment?.overrides
      });
    } else if (done.outcome === "success" && done.record && !isExperiment(done.record)) {
      fixed.push({ asset, version: done.record.version });
    }
  }
  return { failures, fixed };
}
function sourceFailureAlerts(marks, run) {
  return Object.entries(marks ?? {}).filter(([, mark]) => mark.runId === run.run && attemptOf(mark) === (run.attempt ?? 1)).map(([name, mark]) => {
    const [reason = "", ...stderr] = mark.error.split("\n");
    return {
      asset: name,
      outcome: "failed",
      reason: `${reason} \u2014 its dependants wait until it can be observed again`,
      logTail: stderr.map((line) => line.trim())
    };
  });
}
function alertChannels(alerts, job) {
  return {
    slack: alerts.slack ? { webhook: job.env.KILN_SLACK_WEBHOOK, secretName: alerts.slack.webhookSecret } : void 0,
    issues: alerts.githubIssue && !job.notProduction ? {
      client: githubClientFromEnv(job.token, job.env),
      labels: alerts.githubIssue.labels,
      project: job.project
    } : void 0,
    warning: job.warning
  };
}

// src/github/job-failures.ts
var FAILED = /* @__PURE__ */ new Set(["failure", "timed_out", "startup_failure"]);
var CANCELLED = /* @__PURE__ */ new Set(["cancelled"]);
function assetJobResult(asset, input) {
  const job = input.jobs.get(asset);
  if (!job) return void 0;
  const listed = listedJob(input.runJobs, job, input.needs[job.id]);
  const shared = [...input.jobs.values()].filter((j) => j.id === job.id).length > 1;
  return {
    job,
    result: listed?.conclusion ?? input.needs[job.id],
    own: listed?.conclusion != null || !shared,
    url: listed?.url
  };
}
function jobFailed(result) {
  return result !== void 0 && (FAILED.has(result) || CANCELLED.has(result));
}
function failureOutcome(result) {
  if (!result) return void 0;
  return FAILED.has(result) ? "failed" : CANCELLED.has(result) ? "cancelled" : void 0;
}
function jobFailures(input) {
  const failures = [];
  for (const asset of input.silent) {
    const ended = assetJobResult(asset, input);
    if (!ended) continue;
    const { job, result } = ended;
    const outcome = failureOutcome(result);
    if (!outcome) continue;
    const what = result === "timed_out" ? "timed out" : outcome === "cancelled" ? "was cancelled" : "failed";
    failures.push({
      asset,
      outcome,
      job: job.name,
      logUrl: ended.url,
      detail: `job ${job.name} ${what} before Kiln recorded a result: a setup step failed, the job reached its timeout-minutes (${input.timeoutMinutes(asset)}), the runner was lost, or the run was cancelled \u2014 see the job's log`
    });
  }
  return failures;
}
function runsOfJob(name, allJobs) {
  const runs = allJobs.filter((job) => job.name === name);
  const attempts = runs.map((job) => job.attempt);
  if (attempts.some((a) => a === void 0) || new Set(attempts).size !== attempts.length) return void 0;
  return runs;
}
function ranInAttempt(name, allJobs, attempt) {
  return runsOfJob(name, allJobs)?.some((job) => job.attempt === attempt);
}
function alertedInEarlierAttempt(failure, input) {
  const before = runsOfJob(failure.job, input.allJobs)?.filter((job) => job.attempt < input.attempt).sort((a, b) => a.attempt - b.attempt).at(-1);
  if (!before || failureOutcome(before.conclusion) !== failure.outcome || input.wroteIn(before.attempt))
    return void 0;
  return before.attempt;
}
function listedJob(runJobs, job, needs) {
  const named = runJobs?.filter((j) => j.name === job.name) ?? [];
  if (named.length <= 1) return named[0];
  return named.find((j) => j.conclusion === needs || needs === "failure" && FAILED.has(j.conclusion ?? ""));
}

// src/report/sticky-comment.ts
var STATE = /^<!-- kiln-comment: (\S+) (.*) -->$/;
var IDLE_NOTE = "> \u{1F4A4} ";
function versionsOf(report) {
  return commentText(
    report.assets.map((a) => `${a.name}=${a.record ? `v${a.record.version}` : "-"}`).join(" ")
  );
}
function stickyCommentHead(marker, report) {
  return `${marker}
<!-- kiln-comment: ${commentText(report.gitSha || "-")} ${versionsOf(report)} -->`;
}
function keptComment(existing, marker, report) {
  const lines = existing.split("\n");
  const state = STATE.exec(lines[1] ?? "");
  if (lines[0] !== marker || !state || state[2] !== versionsOf(report)) return void 0;
  let rest = 2;
  if (lines[rest]?.startsWith(IDLE_NOTE)) rest += 1;
  while (lines[rest] === "") rest += 1;
  const sha = report.gitSha ? ` at ${md(report.gitSha.slice(0, 7))}` : "";
  const run = mdLink("workflow run", report.runUrl);
  const from = state[1] === "-" ? "" : ` (the report of ${md(state[1].slice(0, 7))})`;
  const note = `${IDLE_NOTE}**Nothing to rebuild**${sha}${run ? ` (${run})` : ""}: every asset is still at the version reported below${from}, so it still describes the pull request.`;
  return [lines[0], lines[1], note, "", ...lines.slice(rest)].join("\n");
}

// src/action/report.ts
var REPORT_ARTIFACT = "kiln-report";
var COMMENT_FILE = "comment.md";
function notMovedReason(alias) {
  return `decided to promote, but the alias log has no move of ${alias} to this version: another run moved it first, or the job stopped before the move`;
}
async function factsFromLedger(workspace, inputs, runId, env, runJobs) {
  await workspace.ledger.refresh?.();
  const assessment = await assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null
  });
  const plan = /* @__PURE__ */ new Map();
  const outcomes = /* @__PURE__ */ new Map();
  const latest = /* @__PURE__ */ new Map();
  const silent = [];
  let experiment;
  const names = assessment.graph.order.filter((name) => assessment.assets.has(name));
  const headsOf = new Map(
    await Promise.all(names.map(async (name) => [name, await workspace.ledger.heads(name)]))
  );
  const onLineage = await lineageFilter(workspaceLineage(workspace), [...headsOf.values()].flat());
  const notRun = await whyNotRun(workspace, inputs, assessment, env);
  const project = workspace.project;
  const jobs = {
    jobs: assetJobs(project, Object.keys(inputs.jobResults)),
    needs: inputs.jobResults,
    runJobs: runJobs?.latest
  };
  const attempt = runAttemptOf(env);
  const wrote = /* @__PURE__ */ new Map();
  for (const name of names) {
    const state = assessment.assets.get(name);
    const heads = headsOf.get(name);
    const failures = await workspace.ledger.failures(name);
    wrote.set(
      name,
      new Set(
        [...heads, ...failures].filter((r) => r.context.runId === runId).map((r) => attemptOf(r.context))
      )
    );
    const done = outcomeInRun(heads, failures, runId);
    let mine = done?.kind === "success" ? done.head : void 0;
    let failure = done?.kind === "failure" ? done.failure : void 0;
    let alertedInAttempt;
    if (done && attempt !== void 0 && done.attempt < attempt) {
      const job = assetJobResult(name, jobs);
      if (mine && job?.own && (jobFailed(job.result) || job.result === "skipped")) mine = void 0;
      if (failure && job?.result === "success") failure = void 0;
      const ranNow = job && runJobs?.all ? ranInAttempt(job.job.name, runJobs.all, attempt) : void 0;
      if (failure && ranNow === false) alertedInAttempt = done.attempt;
      if (failure && ranNow === true && jobFailed(job?.result)) failure = void 0;
    }
    const record = mine && await workspace.ledger.materialization(name, mine.version);
    experiment ??= (record ?? failure)?.context.experiment?.overrides;
    const planned = inputs.plan[name] === "run";
    const current = planned || state.current?.context.runId === runId ? void 0 : state.current;
    const beforeHead = current ?? heads.filter((r) => r.context.runId !== runId && !isExperiment(r) && onLineage(r, name)).at(-1);
    const before = beforeHead && await workspace.ledger.materialization(name, beforeHead.version);
    latest.set(name, before);
    const why = notRun.get(name);
    plan.set(
      name,
      planned ? {
        status: before ? "stale" : "missing",
        reasons: record?.reasons ?? failure?.reasons ?? state.reasons
      } : {
        status: state.status,
        reasons: state.status === "fresh" || why === void 0 ? state.reasons : [why, ...state.reasons]
      }
    );
    if (record) {
      const verdict = record.promotion;
      const history = verdict ? await workspace.ledger.aliasHistory(name) : [];
      const move = verdict ? promotionMove(history, verdict.alias, record.version) : void 0;
      const holder = verdict ? aliasHolder(history, verdict.alias) : null;
      outcomes.set(name, {
        outcome: "success",
        detail: `v${record.version}`,
        record,
        durationMs: record.durationMs,
        promotion: verdict ? move ? {
          verdict: { ...verdict, reason: move.reason },
          moved: true,
          from: move.from,
          to: record.version
        } : {
          verdict: verdict.promote ? { ...verdict, promote: false, reason: notMovedReason(verdict.alias) } : verdict,
          moved: false,
          from: holder,
          to: holder
        } : void 0
      });
    } else if (failure) {
      outcomes.set(name, {
        outcome: failure.status === "cancelled" ? "cancelled" : "failed",
        detail: failure.error,
        failure,
        durationMs: failure.durationMs,
        ...alertedInAttempt !== void 0 ? { alertedInAttempt } : {}
      });
    } else if (planned) {
      silent.push(name);
    }
  }
  const failedJobs = jobFailures({
    silent,
    ...jobs,
    timeoutMinutes: (asset) => timeoutMinutes(project.assets.get(asset))
  });
  for (const name of silent) {
    const job = failedJobs.find((f) => f.asset === name);
    if (job) {
      const alertedInAttempt = attempt !== void 0 && attempt > 1 && runJobs?.all ? alertedInEarlierAttempt(job, {
        allJobs: runJobs.all,
        attempt,
        wroteIn: (earlier) => wrote.get(name)?.has(earlier) ?? false
      }) : void 0;
      outcomes.set(name, {
        outcome: job.outcome,
        detail: job.detail,
        logUrl: job.logUrl,
        durationMs: 0,
        ...alertedInAttempt !== void 0 ? { alertedInAttempt } : {}
      });
      continue;
    }
    const state = assessment.assets.get(name);
    const aliases = project.assets.get(name)?.depAliases ?? {};
    const upstream = (assessment.graph.deps.get(name) ?? []).find((dep) => {
      if (aliases[dep] !== void 0 && !state.unavailable.includes(dep)) return false;
      const done = outcomes.get(dep)?.outcome;
      return done === "failed" || done === "cancelled" || done === "skipped";
    });
    if (upstream) {
      const done = outcomes.get(upstream)?.outcome;
      const alias = aliases[upstream];
      outcomes.set(name, {
        outcome: "skipped",
        detail: `skipped: dependency ${upstream} ${done === "skipped" ? "was skipped" : done}${alias === void 0 ? "" : `, and ${upstream} has no ${alias} yet`}`,
        durationMs: 0
      });
      continue;
    }
    const current = state.status === "fresh" && state.current && assetJobResult(name, jobs)?.result === "success" ? await workspace.ledger.materialization(name, state.current.version) : void 0;
    outcomes.set(
      name,
      current ? {
        outcome: "fresh",
        detail: `fresh at v${current.version}: upstream data unchanged (early cutoff)`,
        record: current,
        durationMs: 0
      } : {
        outcome: "skipped",
        detail: "not materialized in this run: an upstream asset failed, the run was cancelled, or its data was unchanged",
        durationMs: 0
      }
    );
  }
  return {
    tick: actionTick(env, inputs.event),
    gitSha: env.GITHUB_SHA,
    ref: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    plan,
    outcomes,
    latest,
    deps: assessment.graph.deps,
    experiment,
    aliases: assessment.graph.aliases,
    moves: await movesByRun(
      workspace.ledger,
      names.filter((name) => project.assets.get(name)?.promote),
      [runId, runUrlFromEnv(env) ?? ""]
    )
  };
}
async function whyNotRun(workspace, inputs, assessment, env) {
  const why = /* @__PURE__ */ new Map();
  const skipped = [...workspace.project.assets.keys()].filter((name) => inputs.plan[name] === "skip");
  const planJob = inputs.jobResults[PLAN_JOB];
  for (const name of workspace.project.assets.keys())
    if (inputs.plan[name] === void 0)
      why.set(
        name,
        planJob !== void 0 && planJob !== "success" ? `not run: the plan job ended as ${planJob}` : "not run: not selected for this run"
      );
  if (skipped.length === 0) return why;
  const again = await planRun({
    project: workspace.project,
    assessment,
    ledger: workspace.ledger,
    selection: new Set(workspace.project.assets.keys()),
    explicit: false,
    force: false,
    tick: actionTick(env, inputs.event),
    scope: cursorScope(workspace),
    pullRequest: await pullRequestChanges(workspace, assessment, env)
  });
  for (const name of skipped) {
    const entry = again.assets.get(name);
    const stale = assessment.assets.get(name)?.reasons ?? [];
    const own = entry && !entry.run ? entry.reasons.filter((r) => !stale.includes(r)) : [];
    why.set(name, own.length > 0 ? `not run: ${own.join("; ")}` : "not run: the plan skipped it");
  }
  return why;
}
async function listRunJobs(io, inputs, runId, attempt) {
  try {
    const client = githubClientFromEnv(inputs.token, io.env);
    const latest = await client.listRunJobs(Number(runId));
    return {
      latest,
      all: attempt && attempt > 1 ? await client.listRunJobs(Number(runId), "all") : void 0
    };
  } catch (error) {
    io.warning(
      `could not list this run's jobs (${error instanceof Error ? error.message : String(error)}); job results come from the workflow's needs only, without links to their logs`
    );
    return void 0;
  }
}
async function alert(io, inputs, workspace, github, facts) {
  if (io.env.KILN_SLACK_WEBHOOK) io.mask(io.env.KILN_SLACK_WEBHOOK);
  const channels = alertChannels(workspace.project.alerts, {
    token: inputs.token,
    env: io.env,
    warning: (message) => io.warning(message),
    project: workspace.project.name,
    notProduction: workspace.decision.promotionBlocker
  });
  if (workspace.project.alerts.githubIssue && !channels.issues)
    io.info(
      `failure issues are written by runs of the production line only (${workspace.decision.promotionBlocker}); this run's failures are in its report`
    );
  const run = {
    runId: github.runId,
    runUrl: github.runUrl,
    refName: github.refName,
    repository: github.repository
  };
  const jobs = assetJobs(workspace.project, Object.keys(inputs.jobResults));
  const { failures, fixed } = await runAlerts({
    outcomes: facts.outcomes,
    jobName: (asset) => jobs.get(asset)?.name,
    alreadyAlerted: (failure) => repeatsFailure(workspace, failure)
  });
  for (const [asset, done] of facts.outcomes)
    if (done.alertedInAttempt !== void 0)
      io.info(
        `${asset}: its job ${done.outcome === "cancelled" ? "was cancelled" : "failed"} as in attempt ${done.alertedInAttempt} of this run, whose report alerted it: not alerted again`
      );
  const cursor = await workspace.ledger.readCursor(cursorScope(workspace));
  failures.push(...sourceFailureAlerts(cursor?.sources, { run: github.runId, attempt: github.runAttempt }));
  await sendFailureAlerts(failures, run, channels);
  const observed = [...workspace.project.sources.keys()].filter((name) => cursor?.sources?.[name] === void 0).map((asset) => ({ asset, observed: true }));
  await closeFailureIssues([...fixed, ...channels.issues ? observed : []], run, channels);
}
async function repeatsFailure(workspace, failure) {
  const [failures, records] = await Promise.all([
    workspace.ledger.failures(failure.asset),
    workspace.ledger.heads(failure.asset)
  ]);
  return repeatsEarlierFailure(failure, failures, records);
}
function movedOnNote(number, runSha, headSha) {
  return `Pull request #${number} has moved on to ${headSha.slice(0, 7)} since this run's commit ${runSha.slice(0, 7)}: its comment is left to the run of its head, and this report is in this job's summary only.`;
}
async function headMovedOn(io, client, pr) {
  try {
    const pull = await client.pullRequestAt({
      sha: pr.headSha,
      number: pr.number,
      head: pr.headOwner ? `${pr.headOwner}:${pr.headRef}` : void 0
    });
    if (pull.at === "moved") return movedOnNote(pr.number, pr.headSha, pull.headSha);
    if (pull.at === "none")
      return `Pull request #${pr.number} is no longer open: its comment keeps the report of its last head, and this report is in this job's summary only.`;
    return void 0;
  } catch (error) {
    io.warning(
      `could not read pull request #${pr.number} to check that its head is still ${pr.headSha.slice(0, 7)} (${error instanceof Error ? error.message : String(error)}); commenting as the run's event says`
    );
    return void 0;
  }
}
function planJobFailure(inputs, runJobs) {
  const result = inputs.jobResults[PLAN_JOB];
  if (result === void 0 || result === "success") return void 0;
  return {
    result,
    reason: inputs.planError,
    logUrl: runJobs?.latest.find((job) => job.name === PLAN_JOB_NAME)?.url
  };
}
async function commentBody(client, issueNumber, marker, report) {
  const idle = !didSomething(report) && report.planJob === void 0;
  const existing = idle ? await client.readStickyComment({ issueNumber, marker }) : void 0;
  const kept = existing === void 0 ? void 0 : keptComment(existing, marker, report);
  return kept ?? renderReport(report, { format: "md", budget: "comment", marker: stickyCommentHead(marker, report) });
}
async function reportAction(io, inputs) {
  const workspace = await actionWorkspace(io, inputs, actionTick(io.env, inputs.event));
  const read = readGitHubContext(io.env);
  if (!read.ok) throw new ActionFailure(read.message);
  const github = read.context;
  const runJobs = await listRunJobs(io, inputs, github.runId, github.runAttempt);
  const facts = await io.group(
    "Read this run from the ledger",
    () => factsFromLedger(workspace, inputs, github.runId, io.env, runJobs)
  );
  const root = workspace.git.root ?? workspace.project.root;
  const pr = github.pullRequest;
  const prTitle = github.event.pull_request?.title;
  const mergeBase2 = pr ? async (_asset, records) => (await mergeBaseRecord(
    records,
    { mergeBase: (a, b) => mergeBase(root, a, b), isAncestor: (a, b) => isAncestor(root, a, b) },
    pr.headSha,
    pr.baseSha,
    workspace.environment
  ))?.record : void 0;
  const report = {
    ...await buildRunReport(workspace, facts, {
      runUrl: github.runUrl,
      repo: { serverUrl: github.serverUrl, repository: github.repository },
      pullRequest: pr ? { number: pr.number, title: prTitle, base: pr.baseRef } : void 0,
      mergeBase: mergeBase2
    }),
    planJob: planJobFailure(inputs, runJobs)
  };
  const client = pr ? githubClientFromEnv(inputs.token, io.env) : void 0;
  const movedOn = pr && client ? await headMovedOn(io, client, pr) : void 0;
  await io.summary(
    renderReport(report, { format: "md", budget: "summary" }) + (movedOn ? `
> ${movedOn}
` : "")
  );
  if (movedOn) io.info(movedOn);
  if (pr && client && !movedOn) {
    const marker = stickyCommentMarker(github.workflow ?? "kiln", inputs.manifest);
    const body = await commentBody(client, pr.number, marker, report);
    const posted = await client.upsertStickyComment({ issueNumber: pr.number, marker, body });
    if (posted.ok)
      io.info(`${posted.value.created ? "created" : "updated"} the report comment: ${posted.value.url}`);
    else {
      await withTemporaryFolder(
        "kiln-report-",
        async (dir) => {
          await writeFile(path.join(dir, COMMENT_FILE), body);
          await uploadFiles(REPORT_ARTIFACT, [path.join(dir, COMMENT_FILE)], dir, 7);
        },
        io.env.RUNNER_TEMP
      );
      io.warning(
        `The pull-request comment was not posted (${posted.message}): pull requests from forks get a read-only token. The report is in this job's summary and in the ${REPORT_ARTIFACT} artifact, which workflows/kiln-comment.yml posts.`
      );
    }
  }
  await alert(io, inputs, workspace, github, facts);
  const failed = [...facts.outcomes].filter(([, o]) => o.outcome === "failed" || o.outcome === "cancelled").map(([name]) => name);
  io.setOutput(
    "ran",
    String([...facts.outcomes.values()].some((o) => o.outcome === "success" || o.outcome === "failed"))
  );
  if (failed.length > 0) io.info(`failed or cancelled in this run: ${failed.join(", ")}`);
}

export {
  stickyCommentMarker,
  REPORT_ARTIFACT,
  COMMENT_FILE,
  factsFromLedger,
  movedOnNote,
  reportAction
};
