// Failure alerts to a Slack incoming webhook. The webhook URL is a secret: it is never logged and
// never appears in an error message, even when fetch's own error quotes it.

export interface SlackAlert {
  asset: string;
  /** Why it failed, in words: `check mae < 70 failed: mae = 81.4`. */
  reason: string;
  /** Last lines of the step's log. */
  logTail: string[];
  runUrl?: string | undefined;
  /** `acme/churn` */
  repository?: string | undefined;
}

export type SlackResult = { ok: true } | { ok: false; message: string };

const MAX_TAIL_LINES = 20;
const MAX_TAIL_CHARS = 2500;

/** Slack's Block Kit message for a failed asset (also readable as plain `text` in notifications). */
export function slackMessage(alert: SlackAlert): Record<string, unknown> {
  const where = alert.repository ? ` in ${alert.repository}` : "";
  const text = `Kiln: asset ${alert.asset} failed${where}: ${alert.reason}`;
  let tail = alert.logTail.slice(-MAX_TAIL_LINES).join("\n");
  if (tail.length > MAX_TAIL_CHARS) tail = `…${tail.slice(-MAX_TAIL_CHARS)}`;
  const blocks: Array<Record<string, unknown>> = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:x: *${escapeMrkdwn(alert.asset)}* failed${escapeMrkdwn(where)}\n${escapeMrkdwn(alert.reason)}`,
      },
    },
  ];
  // Triple backticks cannot be escaped inside a Slack code block; break them up.
  if (tail)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `\`\`\`${tail.replaceAll("```", "`\u200b``")}\`\`\`` },
    });
  if (alert.runUrl) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open the run" }, url: alert.runUrl }],
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
        "the Slack webhook secret is not an http(s) URL; check the secret named in notify.slack.webhook-secret.",
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

function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
