import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GitHubClient, KILN_RELEASE_NOTE, pacesWrites, type RateLimitWait } from "../../src/github/client.js";
import {
  failureIssueMarker,
  legacyFailureIssueMarker,
  stickyCommentMarker,
} from "../../src/github/markers.js";
import { GitHubApiServer } from "../support/github-api.js";

const MARKER = stickyCommentMarker("kiln", "kiln.yml");
let server: GitHubApiServer;
let dir: string;

function client(token = "rw-token", waits?: RateLimitWait[]): GitHubClient {
  return new GitHubClient({
    token,
    apiUrl: server.url,
    owner: "acme",
    repo: "churn",
    msPerSecond: 1,
    pacing: false,
    onRateLimit: (wait) => waits?.push(wait),
  });
}

beforeAll(async () => {
  server = new GitHubApiServer({ readOnlyTokens: ["fork-token"], userTokens: { "octocat-pat": "octocat" } });
  await server.start();
  dir = await mkdtemp(join(tmpdir(), "kiln-gh-"));
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(server.violations).toEqual([]);
});

describe("sticky comment", () => {
  it("creates once, then edits the same comment, leaving another workflow's alone", async () => {
    const other = server.seedComment(
      7,
      `${stickyCommentMarker("nightly", "kiln.yml")}\nother workflow`,
      "github-actions[bot]",
    );
    const first = await client().upsertStickyComment({ issueNumber: 7, marker: MARKER, body: "metrics v1" });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    const second = await client().upsertStickyComment({ issueNumber: 7, marker: MARKER, body: "metrics v2" });
    expect(second).toMatchObject({ ok: true, value: { created: false } });
    const ours = server.comments.filter((c) => c.issueNumber === 7 && c.body.includes(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toBe(`${MARKER}\nmetrics v2`);
    expect(first.ok && second.ok && first.value.id === second.value.id).toBe(true);
    expect(server.comments.find((c) => c.id === other.id)?.body).toBe(
      `${stickyCommentMarker("nightly", "kiln.yml")}\nother workflow`,
    );
  });

  it("edits only a comment its own token wrote: a person's or another bot's comment with the marker is left alone", async () => {
    // Anyone can paste the marker into a comment; Kiln's report must neither overwrite it nor stop.
    const forged = server.seedComment(16, `${MARKER}\nI am not the report`, "mallory");
    const quoted = server.seedComment(16, `A bot quoting it: ${MARKER}`, "other-app[bot]");
    const first = await client().upsertStickyComment({ issueNumber: 16, marker: MARKER, body: "metrics v1" });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    const second = await client().upsertStickyComment({
      issueNumber: 16,
      marker: MARKER,
      body: "metrics v2",
    });
    expect(second).toMatchObject({ ok: true, value: { created: false } });
    expect(server.comments.find((c) => c.id === forged.id)?.body).toBe(`${MARKER}\nI am not the report`);
    expect(server.comments.find((c) => c.id === quoted.id)?.body).toBe(`A bot quoting it: ${MARKER}`);
    const ours = server.comments.filter((c) => c.issueNumber === 16 && c.user === "github-actions[bot]");
    expect(ours.map((c) => c.body)).toEqual([`${MARKER}\nmetrics v2`]);
  });

  it("finds its comment when the token is a person's (a PAT), and not that person's other comments", async () => {
    const chat = server.seedComment(17, `about ${MARKER}`, "octocat");
    const own = server.seedComment(17, `${MARKER}\nmetrics v0`, "octocat");
    const result = await client("octocat-pat").upsertStickyComment({
      issueNumber: 17,
      marker: MARKER,
      body: "v1",
    });
    expect(result).toMatchObject({ ok: true, value: { created: false, id: own.id } });
    expect(server.comments.find((c) => c.id === own.id)?.body).toBe(`${MARKER}\nv1`);
    expect(server.comments.find((c) => c.id === chat.id)?.body).toBe(`about ${MARKER}`);
    expect(server.comments.filter((c) => c.issueNumber === 17)).toHaveLength(2);
  });

  it("pages through more than 100 comments to find its own", async () => {
    for (let i = 0; i < 150; i++) server.seedComment(8, `chatter ${i}`);
    const created = await client().upsertStickyComment({ issueNumber: 8, marker: MARKER, body: "first" });
    expect(created.ok && created.value.created).toBe(true);
    for (let i = 0; i < 60; i++) server.seedComment(8, `more chatter ${i}`);
    const edited = await client().upsertStickyComment({ issueNumber: 8, marker: MARKER, body: "second" });
    expect(edited.ok && edited.value.created).toBe(false);
    expect(server.comments.filter((c) => c.issueNumber === 8 && c.body.includes(MARKER))).toHaveLength(1);
    const pages = server.requests.filter(
      (r) => r.operationId === "issues/list-comments" && r.path.includes("/8/"),
    );
    expect(pages.length).toBe(2 + 3);
  });

  it("degrades to a value when the token is read-only (fork PR)", async () => {
    const result = await client("fork-token").upsertStickyComment({
      issueNumber: 9,
      marker: MARKER,
      body: "x",
    });
    expect(result).toMatchObject({ ok: false, reason: "read-only-token" });
    expect(result.ok ? "" : result.message).toContain("403");
    expect(server.comments.filter((c) => c.issueNumber === 9)).toHaveLength(0);
  });

  it("cuts a body over GitHub's 65,536-character limit at a paragraph instead of failing with 422", async () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `row ${i} ${"x".repeat(200)}`).join("\n\n");
    const result = await client().upsertStickyComment({ issueNumber: 10, marker: MARKER, body: paragraphs });
    expect(result.ok).toBe(true);
    const stored = server.comments.find((c) => c.issueNumber === 10)?.body ?? "";
    expect(stored.length).toBeLessThanOrEqual(65_536);
    expect(stored).toMatch(/x\n\n_This comment was cut to fit GitHub's 65,536-character limit/);
    expect(stored.startsWith(MARKER)).toBe(true);
  });
});

describe("retries and rate limits", () => {
  const commentStatuses = (issue: number) =>
    server.requests.filter((r) => r.path.endsWith(`/issues/${issue}/comments`)).map((r) => r.status);

  it("retries transient 5xx answers three times, but not a 404", async () => {
    server.failNext(502, 503);
    const result = await client().upsertStickyComment({
      issueNumber: 11,
      marker: MARKER,
      body: "after hiccups",
    });
    expect(result.ok).toBe(true);
    expect(commentStatuses(11)).toEqual([502, 503, 200, 201]);
    server.failNext(502, 502, 502, 502);
    await expect(
      client().upsertStickyComment({ issueNumber: 12, marker: MARKER, body: "x" }),
    ).rejects.toMatchObject({ status: 502 });
    expect(commentStatuses(12)).toEqual([502, 502, 502, 502]);
    expect(await client().downloadReleaseAsset({ tag: "kiln/none/v1", name: "x" })).toBeUndefined();
    expect(server.requests.filter((r) => r.path.includes("none")).map((r) => r.status)).toEqual([404]);
  });

  it("waits as long as a secondary rate limit's Retry-After says, then succeeds", async () => {
    const waits: RateLimitWait[] = [];
    server.failNext({
      status: 429,
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      headers: { "retry-after": "7" },
    });
    const result = await client("rw-token", waits).upsertStickyComment({
      issueNumber: 13,
      marker: MARKER,
      body: "after the limit",
    });
    expect(result).toMatchObject({ ok: true, value: { created: true } });
    expect(waits).toEqual([
      { kind: "secondary-rate-limit", seconds: 7, request: expect.stringContaining("/issues/13/comments") },
    ]);
    expect(commentStatuses(13)).toEqual([429, 200, 201]);
  });

  it("waits for the primary rate limit's reset instead of failing or hammering", async () => {
    const waits: RateLimitWait[] = [];
    const reset = Math.floor(Date.now() / 1000) + 600;
    server.failNext({
      status: 403,
      message: "API rate limit exceeded for installation ID 1.",
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
    });
    const result = await client("rw-token", waits).upsertStickyComment({
      issueNumber: 14,
      marker: MARKER,
      body: "after the reset",
    });
    expect(result.ok).toBe(true);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.kind).toBe("rate-limit");
    // Seconds until the reset, however long the request took to come back on a loaded machine.
    expect(waits[0]?.seconds).toBeGreaterThan(500);
    expect(waits[0]?.seconds).toBeLessThanOrEqual(601);
    expect(commentStatuses(14)).toEqual([403, 200, 201]);
  });

  it("gives up after its retries on a rate limit, and never calls it a read-only token", async () => {
    const limited = {
      status: 403,
      message: "You have exceeded a secondary rate limit.",
      headers: { "retry-after": "1" },
    };
    server.failNext(limited, limited, limited, limited);
    await expect(
      client().upsertStickyComment({ issueNumber: 15, marker: MARKER, body: "x" }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("failure issues", () => {
  const marker = failureIssueMarker("churn", "model");
  it("names the project and the asset, keeps the earlier format findable, and input cannot close it early", () => {
    expect(marker).toBe("<!-- kiln:failure:churn/model -->");
    expect(legacyFailureIssueMarker("model")).toBe("<!-- kiln:failure:model -->");
    for (const hostile of [failureIssueMarker("p", "a-->b\n--!>"), failureIssueMarker("a-->b\n--!>", "m")]) {
      expect(hostile.indexOf(">")).toBe(hostile.length - 1);
      expect(hostile).not.toContain("\n");
    }
  });

  it("creates one issue, comments on repeat failures, closes on success, reopens on the next failure", async () => {
    const input = {
      asset: "model",
      marker,
      title: "Kiln: model failed",
      body: "mae check failed",
      labels: ["kiln"],
    };
    expect(await client().ensureFailureIssue(input)).toMatchObject({
      ok: true,
      value: { action: "created" },
    });
    expect(await client().ensureFailureIssue({ ...input, body: "failed again" })).toMatchObject({
      ok: true,
      value: { action: "commented" },
    });
    expect(server.issues).toHaveLength(1);
    const issue = server.issues[0];
    expect(issue).toMatchObject({ state: "open", labels: ["kiln"], title: "Kiln: model failed" });
    expect(issue?.body).toContain(marker);
    expect(server.comments.filter((c) => c.issueNumber === issue?.number).map((c) => c.body)).toEqual([
      "failed again",
    ]);

    expect(
      await client().closeFailureIssue({ marker, comment: "model succeeded: v4", labels: ["kiln"] }),
    ).toEqual({ ok: true, value: { closed: true, number: issue?.number } });
    expect(server.issues[0]?.state).toBe("closed");
    expect(await client().closeFailureIssue({ marker, comment: "again", labels: ["kiln"] })).toEqual({
      ok: true,
      value: { closed: false },
    });

    expect(await client().ensureFailureIssue(input)).toMatchObject({
      ok: true,
      value: { action: "reopened" },
    });
    expect(server.issues).toHaveLength(1);
    expect(server.issues[0]?.state).toBe("open");
  });

  it("keeps other assets' issues apart", async () => {
    await client().ensureFailureIssue({
      asset: "features",
      marker: "<!-- kiln:failure:features -->",
      title: "Kiln: features failed",
      body: "boom",
      labels: ["kiln"],
    });
    expect(server.issues.map((i) => i.title).sort()).toEqual(["Kiln: features failed", "Kiln: model failed"]);
  });

  it("never takes a person's issue that quotes the marker for Kiln's: it neither comments on it nor closes it", async () => {
    const quoting = failureIssueMarker("churn", "quoted");
    const person = server.seedIssue({
      title: "Why does Kiln keep failing?",
      body: `Kiln's issue said:\n${quoting}\nmae check failed`,
      labels: ["kiln"],
    });
    const forged = server.seedIssue({
      title: "Looks like Kiln's",
      body: `${quoting}\nwritten by a person`,
      labels: ["kiln"],
    });
    const input = {
      asset: "quoted",
      marker: quoting,
      title: "Kiln: quoted failed",
      body: "boom",
      labels: ["kiln"],
    };
    expect(await client().ensureFailureIssue(input)).toMatchObject({
      ok: true,
      value: { action: "created" },
    });
    expect(
      await client().closeFailureIssue({ marker: quoting, comment: "fixed", labels: ["kiln"] }),
    ).toMatchObject({
      ok: true,
      value: { closed: true },
    });
    for (const theirs of [person, forged]) {
      expect(server.issues.find((i) => i.number === theirs.number)?.state).toBe("open");
      expect(server.comments.filter((c) => c.issueNumber === theirs.number)).toEqual([]);
    }
    const kilns = server.issues.filter((i) => i.title === "Kiln: quoted failed");
    expect(kilns.map((i) => i.state)).toEqual(["closed"]);
  });

  it("finds its own issue when the token is a person's (a PAT), not one another person opened", async () => {
    const pat = "octocat-pat";
    const mark = failureIssueMarker("churn", "pat");
    const copy = server.seedIssue({
      title: "copy",
      body: `${mark}\ncopied`,
      labels: ["kiln"],
      user: "mallory",
    });
    const input = { asset: "pat", marker: mark, title: "Kiln: pat failed", body: "boom", labels: ["kiln"] };
    const before = server.comments.length;
    expect(await client(pat).ensureFailureIssue(input)).toMatchObject({
      ok: true,
      value: { action: "created" },
    });
    expect(await client(pat).ensureFailureIssue(input)).toMatchObject({
      ok: true,
      value: { action: "commented" },
    });
    const own = server.issues.find((i) => i.title === "Kiln: pat failed");
    expect(own?.user).toBe("octocat");
    expect(server.comments.slice(before).map((c) => [c.issueNumber, c.body])).toEqual([
      [own?.number, "boom"],
    ]);
    expect(copy.number).not.toBe(own?.number);
  });
});

describe("releases", () => {
  it("uploads to a new prerelease and downloads the same bytes", async () => {
    const file = join(dir, "model.bin");
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await writeFile(file, bytes);
    const up = await client().uploadReleaseAsset({ tag: "kiln/model/v3", name: "model.bin", file });
    expect(up).toMatchObject({ ok: true, value: { tag: "kiln/model/v3", name: "model.bin" } });
    await writeFile(join(dir, "metrics.json"), "{}");
    await client().uploadReleaseAsset({
      tag: "kiln/model/v3",
      name: "metrics.json",
      file: join(dir, "metrics.json"),
    });
    expect(server.releases).toHaveLength(1);
    expect(server.releases[0]).toMatchObject({ tagName: "kiln/model/v3", prerelease: true });
    expect(server.releases[0]?.body).toContain(KILN_RELEASE_NOTE);
    const down = await client().downloadReleaseAsset({ tag: "kiln/model/v3", name: "model.bin" });
    expect(down?.equals(bytes)).toBe(true);
    expect(await client().downloadReleaseAsset({ tag: "kiln/model/v9", name: "model.bin" })).toBeUndefined();
  });

  it("reports a read-only token as a value", async () => {
    const file = join(dir, "x.bin");
    await writeFile(file, "x");
    expect(
      await client("fork-token").uploadReleaseAsset({ tag: "kiln/model/v4", name: "x.bin", file }),
    ).toMatchObject({ ok: false, reason: "read-only-token" });
  });
});

describe("the stand-in itself", () => {
  it("rejects requests GitHub's OpenAPI description does not allow", async () => {
    const res = await fetch(`${server.url}/repos/acme/churn/issues/1/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "t", authorization: "token rw-token" },
      body: JSON.stringify({ text: "wrong field" }),
    });
    expect(res.status).toBe(400);
    expect(server.violations.splice(0)).toEqual([
      expect.stringContaining("must have required property 'body'"),
    ]);
    const unknown = await fetch(`${server.url}/repos/acme/churn/sticky`, { headers: { "user-agent": "t" } });
    expect(unknown.status).toBe(400);
    const badQuery = await fetch(`${server.url}/repos/acme/churn/issues?state=maybe`, {
      headers: { "user-agent": "t" },
    });
    expect(badQuery.status).toBe(400);
    expect(server.violations.splice(0)).toHaveLength(2);
  });
});

describe("workflow dispatch", () => {
  it("starts a workflow on a branch with its inputs, and returns a refusal as a value", async () => {
    const before = server.dispatches.length;
    const started = await client().dispatchWorkflow({
      workflow: "kiln.yml",
      ref: "production",
      inputs: { "scheduled-tick": "2026-11-23T03:20:00.000Z" },
    });
    expect(started).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^https:\/\/github\.com\/acme\/churn\/actions\/runs\/\d+$/),
    });
    expect(server.dispatches.slice(before)).toEqual([
      {
        owner: "acme",
        repo: "churn",
        workflow: "kiln.yml",
        ref: "production",
        inputs: { "scheduled-tick": "2026-11-23T03:20:00.000Z" },
      },
    ]);
    // A token without actions: write (here a read-only one) is refused; nothing is thrown.
    const refused = await client("fork-token").dispatchWorkflow({
      workflow: "kiln.yml",
      ref: "production",
      inputs: {},
    });
    expect(refused).toEqual({ ok: false, status: 403, message: "Resource not accessible by integration" });
    expect(server.dispatches.length).toBe(before + 1);

    // A server that does not know return_run_details: the dispatch is made again without it.
    server.failNext({
      status: 422,
      message: 'Invalid request.\n\n"return_run_details" is not a permitted key.',
    });
    const plain = await client().dispatchWorkflow({ workflow: "kiln.yml", ref: "production", inputs: {} });
    expect(plain).toEqual({ ok: true, url: undefined });
    expect(server.dispatches.length).toBe(before + 2);
  });
});

describe("pacing of writes", () => {
  it("spaces writes to GitHub and to GitHub Enterprise Server, not to an API on this machine", () => {
    expect(pacesWrites("https://api.github.com")).toBe(true);
    expect(pacesWrites("https://ghe.example.com/api/v3")).toBe(true);
    // A name that merely starts like a loopback address is another host.
    expect(pacesWrites("https://127.0.0.1.example.com/api/v3")).toBe(true);
    expect(pacesWrites("https://localhost.example.com")).toBe(true);
    expect(pacesWrites("not a url")).toBe(true);
    expect(pacesWrites("http://127.0.0.1:41234")).toBe(false);
    expect(pacesWrites("http://localhost:8080/api")).toBe(false);
    expect(pacesWrites("http://[::1]:3000")).toBe(false);
  });
});
