// Failure alerts: a Slack message and one GitHub issue per failing asset (opened once, commented
// on repeat failures, closed when the asset materializes again). Everything in them that came from
// outside Kiln (reasons, log lines, job and branch names) goes through src/report/escape.ts.
import {
  type FailureRecord,
  isExperiment,
  type MaterializationRecord,
  type SourceFailureMark,
} from "../domain/records.js";
import { attemptOf, type RunAttempt } from "../domain/run-attempt.js";
import type { AlertsSpec } from "../manifest/project.js";
import { fenced, md, mdLink } from "../report/escape.js";
import { type GitHubClient, githubClientFromEnv } from "./client.js";
import { failureIssueMarker, legacyFailureIssueMarker } from "./markers.js";
import { postSlackAlert } from "./slack.js";

/** One asset that failed or was cancelled in a run, from its failure record or its job's result. */
export interface FailureAlert {
  asset: string;
  outcome: "failed" | "cancelled";
  /** Why, in words. */
  reason: string;
  logTail: string[];
  /** The workflow job, when it failed before Kiln's step wrote a record. */
  job?: string | undefined;
  /** The job's log on GitHub. */
  logUrl?: string | undefined;
  /** `model.max_depth=4`, … for an experiment run (run config set at run time). */
  experiment?: string[] | undefined;
}

export interface RunLinks {
  runId: string;
  runUrl: string;
  refName?: string | undefined;
  repository?: string | undefined;
}

export interface AlertChannels {
  /** Present when the manifest asks for Slack; `webhook` is undefined when the secret is absent. */
  slack?: { webhook: string | undefined; secretName: string } | undefined;
  /**
   * Present when the manifest asks for failure issues and this run is of the production line.
   * `project` is part of every issue's marker.
   */
  issues?: { client: GitHubClient; labels: string[]; project: string } | undefined;
  warning(message: string): void;
}

function link(text: string, url: string | undefined): string {
  return mdLink(text, url) ?? md(text);
}

/** The failure issue's body (also the comment on a repeat failure). */
export function failureIssueBody(alert: FailureAlert, run: RunLinks): string {
  const what = alert.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert.experiment ? "An experiment run of Kiln asset" : "Kiln asset";
  // No code span: entities are not decoded inside one.
  const ref = run.refName ? ` on ${md(run.refName)}` : "";
  const lines = [
    `${kind} **${md(alert.asset)}** ${what} in ${link(`run ${run.runId}`, run.runUrl)}${ref}.`,
    "",
    `**Why:** ${md(alert.reason)}`,
    "",
  ];
  if (alert.experiment) lines.push(`**Run config set for this run:** ${md(alert.experiment.join(" "))}`, "");
  if (alert.job) lines.push(`**Job:** ${link(alert.job, alert.logUrl ?? run.runUrl)}`, "");
  if (alert.logTail.length > 0)
    lines.push("<details><summary>Last log lines</summary>", "", fenced(alert.logTail), "", "</details>", "");
  return `${lines.join("\n")}`;
}

/**
 * Sends one alert per failure to every configured channel. The caller chooses which failures are
 * new (a failure already alerted at the same version is not sent again); a failed channel is a
 * warning, never a failed report.
 */
export async function sendFailureAlerts(
  alerts: readonly FailureAlert[],
  run: RunLinks,
  channels: AlertChannels,
): Promise<void> {
  for (const alert of alerts) {
    if (channels.slack) {
      if (channels.slack.webhook) {
        const sent = await postSlackAlert(channels.slack.webhook, {
          asset: alert.asset,
          reason: alert.reason,
          logTail: alert.logTail,
          outcome: alert.outcome,
          job: alert.job,
          logUrl: alert.logUrl,
          runUrl: run.runUrl,
          repository: run.repository,
          experiment: alert.experiment,
        });
        if (!sent.ok) channels.warning(`Slack alert for ${alert.asset} not sent: ${sent.message}`);
      } else {
        channels.warning(
          `Slack alert for ${alert.asset} not sent: the secret ${channels.slack.secretName} is not available to this job (forks get no secrets)`,
        );
      }
    }
    // The issue tracks the asset as the manifest defines it: an experiment's failure says nothing
    // about it, so it goes to Slack and the report only.
    if (channels.issues && !alert.experiment) {
      const raised = await channels.issues.client.ensureFailureIssue({
        asset: alert.asset,
        marker: failureIssueMarker(channels.issues.project, alert.asset),
        formerMarkers: [legacyFailureIssueMarker(alert.asset)],
        title: `Kiln: ${alert.asset} is failing`,
        body: failureIssueBody(alert, run),
        labels: channels.issues.labels,
      });
      if (!raised.ok) channels.warning(`failure issue for ${alert.asset} not written: ${raised.message}`);
    }
  }
}

/** An asset that materialized again, or a source that can be observed again. */
export type FixedAlert = { asset: string; version: number } | { asset: string; observed: true };

/** Closes the failure issue of each asset that materialized again and each source observed again. */
export async function closeFailureIssues(
  fixed: readonly FixedAlert[],
  run: RunLinks,
  channels: AlertChannels,
): Promise<void> {
  if (!channels.issues) return;
  for (const item of fixed) {
    const { asset } = item;
    const what = "version" in item ? `v${item.version} materialized` : "can be observed again";
    const closed = await channels.issues.client.closeFailureIssue({
      marker: failureIssueMarker(channels.issues.project, asset),
      formerMarkers: [legacyFailureIssueMarker(asset)],
      comment: `Fixed: ${md(asset)} ${what} in ${link(`run ${run.runId}`, run.runUrl)}.`,
      labels: channels.issues.labels,
    });
    if (!closed.ok) channels.warning(`failure issue for ${asset} not closed: ${closed.message}`);
  }
}

/** What the report job knows of one asset of the run: its record, its failure, or its job's result. */
export interface RunOutcome {
  outcome: string;
  detail: string;
  failure?: FailureRecord | undefined;
  record?: Pick<MaterializationRecord, "version" | "context"> | undefined;
  /** The GitHub job's log, for a job that failed before Kiln wrote a record. */
  logUrl?: string | undefined;
  /** In a re-run: the earlier attempt of the run whose report alerted this same failure. */
  alertedInAttempt?: number | undefined;
}

/**
 * Which assets of a run to alert, and whose failure issues to close. A failure already alerted at
 * the same version (a retry that failed again, see automation/handled.ts) is not sent again, nor a
 * job failure an earlier attempt of the run alerted (alertedInAttempt); a job
 * that failed before Kiln wrote a record is named by its job; an experiment's success says nothing
 * of the manifest's own config, so its asset's issue stays open.
 */
export async function runAlerts(input: {
  outcomes: Iterable<[string, RunOutcome]>;
  /** The workflow job that builds an asset, by name. */
  jobName(asset: string): string | undefined;
  alreadyAlerted(failure: FailureRecord): Promise<boolean>;
}): Promise<{ failures: FailureAlert[]; fixed: Array<{ asset: string; version: number }> }> {
  const failures: FailureAlert[] = [];
  const fixed: Array<{ asset: string; version: number }> = [];
  for (const [asset, done] of input.outcomes) {
    if (done.outcome === "failed" || done.outcome === "cancelled") {
      if (done.alertedInAttempt !== undefined) continue;
      if (done.failure && (await input.alreadyAlerted(done.failure))) continue;
      failures.push({
        asset,
        outcome: done.outcome,
        reason: done.failure?.error ?? done.detail,
        logTail: done.failure?.logTail ?? [],
        job: done.failure ? undefined : input.jobName(asset),
        logUrl: done.logUrl,
        experiment: done.failure?.context.experiment?.overrides,
      });
    } else if (done.outcome === "success" && done.record && !isExperiment(done.record)) {
      fixed.push({ asset, version: done.record.version });
    }
  }
  return { failures, fixed };
}

/**
 * Sources whose `observe` started failing in this run (the plan job marked them): alerted once. A
 * re-run of the run keeps the mark an earlier attempt wrote, whose report alerted it.
 */
export function sourceFailureAlerts(
  marks: Record<string, SourceFailureMark> | undefined,
  run: RunAttempt,
): FailureAlert[] {
  return Object.entries(marks ?? {})
    .filter(([, mark]) => mark.runId === run.run && attemptOf(mark) === (run.attempt ?? 1))
    .map(([name, mark]) => {
      const [reason = "", ...stderr] = mark.error.split("\n");
      return {
        asset: name,
        outcome: "failed" as const,
        reason: `${reason} — its dependants wait until it can be observed again`,
        logTail: stderr.map((line) => line.trim()),
      };
    });
}

/**
 * The channels the manifest's `alerts` asks for. The Slack webhook comes from the job's
 * environment (KILN_SLACK_WEBHOOK, set from the secret the manifest names); issues are written
 * with the job's token, and only by runs of the production line: an issue tracks the asset as
 * main's runs build it, so a pull request's or a dev branch's failure (`notProduction`, why the
 * run may not promote) neither opens one nor closes main's by succeeding; its report and Slack
 * still say it.
 */
export function alertChannels(
  alerts: AlertsSpec,
  job: {
    token: string;
    env: Record<string, string | undefined>;
    warning(message: string): void;
    project: string;
    notProduction?: string | undefined;
  },
): AlertChannels {
  return {
    slack: alerts.slack
      ? { webhook: job.env.KILN_SLACK_WEBHOOK, secretName: alerts.slack.webhookSecret }
      : undefined,
    issues:
      alerts.githubIssue && !job.notProduction
        ? {
            client: githubClientFromEnv(job.token, job.env),
            labels: alerts.githubIssue.labels,
            project: job.project,
          }
        : undefined,
    warning: job.warning,
  };
}
