// Failure alerts to a Slack incoming webhook. The webhook URL is a secret: it is never logged and
// never appears in an error message, even when fetch's own error quotes it.
import { slackCode, slackText } from "../report/escape.js";

export interface SlackAlert {
  asset: string;
  /** Why it failed, in words: `check mae < 70 failed: mae = 81.4`. */
  reason: string;
  /** Last lines of the step's log (empty when the job failed before Kiln ran). */
  logTail: string[];
  /** `failed` (the default) or `cancelled` (a cancelled run, or a job killed at its timeout). */
  outcome?: "failed" | "cancelled" | undefined;
  /** The workflow job that ran the asset, when it failed outside Kiln's step. */
  job?: string | undefined;
  /** The job's log on GitHub. */
  logUrl?: string | undefined;
  runUrl?: string | undefined;
  /** `acme/churn` */
  repository?: string | undefined;
  /** The run-config overrides of an experiment run (`model.max_depth=4`). */
  experiment?: string[] | undefined;
}

export type SlackResult = { ok: true } | { ok: false; message: string };

const MAX_TAIL_LINES = 20;
const MAX_TAIL_CHARS = 2500;

/** Slack's Block Kit message for a failed asset (also readable as plain `text` in notifications). */
export function slackMessage(alert: SlackAlert): Record<string, unknown> {
  const where = alert.repository ? ` in ${alert.repository}` : "";
  const what = alert.outcome === "cancelled" ? "was cancelled" : "failed";
  const kind = alert.experiment ? `experiment (${alert.experiment.join(" ")}) of asset` : "asset";
  const job = alert.job ? ` (job ${alert.job})` : "";
  // The notification `text` is mrkdwn too: `<!channel>` in a reason would ping everyone.
  const text = slackText(`Kiln: ${kind} ${alert.asset}${job} ${what}${where}: ${alert.reason}`);
  let tail = alert.logTail.slice(-MAX_TAIL_LINES).join("\n");
  if (tail.length > MAX_TAIL_CHARS) tail = `…${tail.slice(-MAX_TAIL_CHARS)}`;
  const icon = alert.outcome === "cancelled" ? ":no_entry_sign:" : ":x:";
  const blocks: Array<Record<string, unknown>> = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${icon} ${alert.experiment ? "experiment of " : ""}*${slackText(alert.asset)}*${slackText(job)} ${what}${slackText(where)}\n${slackText(alert.reason)}`,
      },
    },
  ];
  if (tail) blocks.push({ type: "section", text: { type: "mrkdwn", text: slackCode([tail]) } });
  const buttons = [
    alert.logUrl ? { text: "Open the log", url: alert.logUrl } : undefined,
    alert.runUrl && alert.runUrl !== alert.logUrl ? { text: "Open the run", url: alert.runUrl } : undefined,
  ].filter((b) => b !== undefined);
  if (buttons.length > 0) {
    blocks.push({
      type: "actions",
      elements: buttons.map((b) => ({
        type: "button",
        text: { type: "plain_text", text: b.text },
        url: b.url,
      })),
    });
  }
  return { text, blocks };
}

export async function postSlackAlert(
  webhookUrl: string,
  alert: SlackAlert,
  options: { timeoutMs?: number } = {},
): Promise<SlackResult> {
  if (!/^https?:\/\//.test(webhookUrl)) {
    return {
      ok: false,
      message:
        "the Slack webhook secret is not an http(s) URL; check the secret named in alerts.slack.webhook-secret.",
    };
  }
  try {
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackMessage(alert)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const body = (await response.text()).slice(0, 200);
    if (!response.ok) {
      return { ok: false, message: redact(`Slack answered HTTP ${response.status}: ${body}`, webhookUrl) };
    }
    return { ok: true };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const detail = [(error as Error).message, cause].filter(Boolean).join(": ");
    return { ok: false, message: redact(`could not reach the Slack webhook: ${detail}`, webhookUrl) };
  }
}

/** Removes the URL and its path (the secret part) from a message. */
export function redact(message: string, webhookUrl: string): string {
  let out = message.replaceAll(webhookUrl, "[webhook]");
  try {
    const { pathname, host } = new URL(webhookUrl);
    if (pathname.length > 1) out = out.replaceAll(pathname, "/[redacted]");
    out = out.replaceAll(host, "[webhook host]");
  } catch {
    // Not a URL: the full string was already replaced.
  }
  return out;
}
