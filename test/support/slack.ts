// A Slack incoming-webhook stand-in: it keeps every message posted to it and answers `ok`, as Slack
// does. For tests of the failure alerts a report job sends.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackStandIn {
  /** The messages received, in order, as posted (Block Kit JSON). */
  received: Array<{ text: string; blocks: unknown[] }>;
  /** The webhook URL to give Kiln (KILN_SLACK_WEBHOOK). */
  webhook: string;
  close(): Promise<void>;
}

export async function slackStandIn(): Promise<SlackStandIn> {
  const received: SlackStandIn["received"] = [];
  const slack = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
  const webhook = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0/secret`;
  const close = async () => {
    slack.closeAllConnections();
    await new Promise<void>((resolve) => slack.close(() => resolve()));
  };
  return { received, webhook, close };
}
