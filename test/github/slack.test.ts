import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSlackAlert, slackMessage } from "../../src/github/slack.js";

let server: Server;
let origin: string;
const received: Array<{ path: string; contentType: string | undefined; body: unknown }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString()),
      });
      // Slack answers `ok` on success and a short text error otherwise.
      if (req.url?.includes("revoked")) {
        res.writeHead(404).end(`no_service for ${req.url}`);
      } else {
        res.writeHead(200).end("ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const alert = {
  asset: "model",
  reason: "check mae < 70 failed: mae = 81.4",
  logTail: ["epoch 9 mae=81.9", "epoch 10 mae=81.4", "```injected```"],
  runUrl: "https://github.com/acme/churn/actions/runs/9",
  repository: "acme/churn",
};

describe("Slack alerts", () => {
  it("posts the asset, reason, log tail and run link", async () => {
    const result = await postSlackAlert(`${origin}/services/T000/B000/secretpart`, alert);
    expect(result).toEqual({ ok: true });
    const last = received.at(-1);
    expect(last?.path).toBe("/services/T000/B000/secretpart");
    expect(last?.contentType).toBe("application/json");
    expect(last?.body).toEqual(slackMessage(alert));
    expect(last?.body).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":x: *model* failed in acme/churn
      check mae &lt; 70 failed: mae = 81.4",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "\`\`\`epoch 9 mae=81.9
      epoch 10 mae=81.4
      \`​\`\`injected\`​\`\`\`\`\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": {
                  "text": "Open the run",
                  "type": "plain_text",
                },
                "type": "button",
                "url": "https://github.com/acme/churn/actions/runs/9",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Kiln: asset model failed in acme/churn: check mae &lt; 70 failed: mae = 81.4",
      }
    `);
  });

  it("names the job of a job-level failure, links its log, and escapes Slack markup everywhere", () => {
    const message = slackMessage({
      asset: "model",
      reason:
        "job model was cancelled before Kiln recorded a result <!channel> & <https://evil.example|click>",
      logTail: [],
      outcome: "cancelled",
      job: "layer 2: model",
      logUrl: "https://github.com/acme/churn/actions/runs/9/job/77",
      runUrl: "https://github.com/acme/churn/actions/runs/9",
      repository: "acme/churn",
    }) as { text: string; blocks: Array<{ text?: { text: string }; elements?: Array<{ url: string }> }> };
    expect(message.text).toBe(
      "Kiln: asset model (job layer 2: model) was cancelled in acme/churn: job model was cancelled before Kiln recorded a result &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
    );
    expect(message.blocks[0]?.text?.text).toMatch(
      /^:no_entry_sign: \*model\* \(job layer 2: model\) was cancelled/,
    );
    expect(JSON.stringify(message)).not.toMatch(/<!channel>|<https:\/\/evil/);
    // No log tail: no code block; the log and the run are both linked.
    expect(message.blocks).toHaveLength(2);
    expect(message.blocks[1]?.elements?.map((e) => e.url)).toEqual([
      "https://github.com/acme/churn/actions/runs/9/job/77",
      "https://github.com/acme/churn/actions/runs/9",
    ]);
  });

  it("never puts the webhook URL in an error", async () => {
    const secret = `${origin}/services/T000/B000/revoked-secret`;
    const refused = await postSlackAlert(secret, alert);
    expect(refused.ok).toBe(false);
    const message = refused.ok ? "" : refused.message;
    expect(message).toContain("HTTP 404");
    expect(message).not.toContain("revoked-secret");
    expect(message).not.toContain(secret);

    // Nothing listens on port 9 here: a network error, whose text may quote the URL.
    const unreachable = "http://127.0.0.1:9/services/T1/B1/zzsecretzz";
    const down = await postSlackAlert(unreachable, alert, { timeoutMs: 5000 });
    expect(down.ok).toBe(false);
    expect(down.ok ? "" : down.message).not.toContain("zzsecretzz");
    expect(down.ok ? "" : down.message).toContain("could not reach the Slack webhook");

    const notUrl = await postSlackAlert("zzsecretzz", alert);
    expect(notUrl.ok ? "" : notUrl.message).not.toContain("zzsecretzz");
  });
});
