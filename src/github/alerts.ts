// Failure alerts: a Slack message and one GitHub issue per failing asset (opened once, commented
// on repeat failures, closed when the asset materializes again). Everything in them that came from
// outside Kiln (reasons, log lines, job and branch names) goes through src/report/escape.ts.
import { fenced, md, mdLink } from "../report/escape.js";
import type { GitHubClient } from "./client.js";
import { failureIssueMarker } from "./markers.js";
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
  /** Present when the manifest asks for failure issues. */
  issues?: { client: GitHubClient; labels: string[] } | undefined;
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
        marker: failureIssueMarker(alert.asset),
        title: `Kiln: ${alert.asset} is failing`,
        body: failureIssueBody(alert, run),
        labels: channels.issues.labels,
      });
      if (!raised.ok) channels.warning(`failure issue for ${alert.asset} not written: ${raised.message}`);
    }
  }
}

/** Closes the failure issue of each asset that materialized again. */
export async function closeFailureIssues(
  fixed: ReadonlyArray<{ asset: string; version: number }>,
  run: RunLinks,
  channels: AlertChannels,
): Promise<void> {
  if (!channels.issues) return;
  for (const { asset, version } of fixed) {
    const closed = await channels.issues.client.closeFailureIssue({
      marker: failureIssueMarker(asset),
      comment: `Fixed: ${md(asset)} v${version} materialized in ${link(`run ${run.runId}`, run.runUrl)}.`,
      labels: channels.issues.labels,
    });
    if (!closed.ok) channels.warning(`failure issue for ${asset} not closed: ${closed.message}`);
  }
}
