// A local GitHub REST server for the endpoints Kiln calls, with in-memory state. Every request is
// first checked against GitHub's OpenAPI description; a request api.github.com would reject gets
// HTTP 400 here and is recorded in `violations`, which tests assert is empty.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadGitHubOpenApi, type MatchedOperation, type OpenApiChecker } from "./openapi-check.js";

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  user: string;
}

export interface FakeReleaseAsset {
  id: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
}

export interface FakeRelease {
  id: number;
  tagName: string;
  /** The commit the tag was created at (`target_commitish`); the default branch when not given. */
  targetCommitish: string;
  name: string | null;
  body: string | null;
  prerelease: boolean;
  draft: boolean;
  assets: FakeReleaseAsset[];
}

/** Artifacts of workflow runs, served by the Actions results stand-in when both run together. */
export interface ArtifactDirectory {
  listRunArtifacts(runId: number): Array<{ id: number; name: string; size: number; createdAt: string }>;
  /** A URL that serves the artifact's zip, or undefined when the id is unknown. */
  downloadUrl(artifactId: number): Promise<string | undefined>;
}

export interface FakeJob {
  id: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: "success" | "failure" | "cancelled" | "skipped" | null;
  /** The run attempt the job ran in (GitHub's `run_attempt`); 1 when not given. */
  runAttempt?: number;
}

/** A `workflow_dispatch` GitHub was asked to start (POST …/actions/workflows/{id}/dispatches). */
export interface FakeDispatch {
  owner: string;
  repo: string;
  /** The workflow's id or file name, as the request named it. */
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  operationId?: string;
  status: number;
}

export interface GitHubApiOptions {
  /** Tokens that may read but not write, like a fork PR's GITHUB_TOKEN. */
  readOnlyTokens?: string[];
  /** Login that owns writes made with any token. */
  login?: string;
  /**
   * A person's tokens (PATs), by token: `GET /user` names that login and its writes are that
   * person's. Every other token acts like GITHUB_TOKEN or an App's: `GET /user` answers 403.
   */
  userTokens?: Record<string, string>;
  artifacts?: ArtifactDirectory;
}

export interface InjectedFailure {
  status: number;
  message?: string | undefined;
  headers?: Record<string, string> | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Buffer;
}

let checker: OpenApiChecker | undefined;

/** GitHub answers 422 to a comment body over 65,536 characters; the OpenAPI description does not say so. */
const MAX_COMMENT = 65_536;

// A class because it owns the listening socket and the in-memory state.
export class GitHubApiServer {
  readonly violations: string[] = [];
  readonly requests: RequestLogEntry[] = [];
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly releases: FakeRelease[] = [];
  /** Workflow runs requested with workflow_dispatch, in order; a test plays them as runs of its own. */
  readonly dispatches: FakeDispatch[] = [];
  readonly readOnlyTokens: Set<string>;
  private nextId = 1000;
  private failures: InjectedFailure[] = [];
  private server: Server | undefined;
  private origin = "";

  constructor(private readonly options: GitHubApiOptions = {}) {
    this.readOnlyTokens = new Set(options.readOnlyTokens ?? []);
  }

  /** The API base URL, as GITHUB_API_URL. */
  get url(): string {
    return this.origin;
  }

  async start(): Promise<string> {
    checker ??= loadGitHubOpenApi();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        send(res, { status: 500, body: { message: String(error) } });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Answers the next requests with these statuses (e.g. 502) before serving normally again; a
   * failure given as an object carries GitHub's rate-limit headers and message, e.g. a 429 with
   * `retry-after`, or a 403 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`.
   */
  failNext(...failures: (number | InjectedFailure)[]): void {
    this.failures.push(...failures.map((f) => (typeof f === "number" ? { status: f } : f)));
  }

  /** Open pull requests, for `GET /repos/{owner}/{repo}/pulls`. */
  readonly pulls: { number: number; headOwner: string; headRef: string; headSha: string }[] = [];

  /**
   * Jobs of workflow runs, for `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`: what the
   * runner records as it plays a run (name as GitHub displays it, conclusion, started or not),
   * each attempt's (a re-run's jobs carry their `runAttempt`). As GitHub, `filter=latest` (the
   * default) lists a re-run job's latest attempt only, `filter=all` every attempt's.
   */
  readonly runJobs = new Map<number, FakeJob[]>();

  /** Adds a comment as if someone else (another workflow, a person) had written it. */
  seedComment(issueNumber: number, body: string, user = "someone"): FakeComment {
    const now = new Date().toISOString();
    const comment = { id: this.id(), issueNumber, body, user, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  /** Opens an issue as if someone else (a person, another bot) had written it. */
  seedIssue(input: { title: string; body: string; labels?: string[]; user?: string }): FakeIssue {
    const issue: FakeIssue = {
      number: this.issues.length + 1,
      title: input.title,
      body: input.body,
      labels: input.labels ?? [],
      state: "open",
      user: input.user ?? "someone",
    };
    this.issues.push(issue);
    return issue;
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.origin);
    const method = req.method ?? "GET";

    // Release asset bytes live behind browser_download_url, which is not part of the REST API.
    const download = /^\/_downloads\/(\d+)$/.exec(url.pathname);
    if (download) {
      const asset = this.releases.flatMap((r) => r.assets).find((a) => a.id === Number(download[1]));
      const reply: Reply = asset
        ? { status: 200, raw: asset.data, headers: { "content-type": "application/octet-stream" } }
        : { status: 404, body: { message: "Not Found" } };
      this.requests.push({ method, path: url.pathname, status: reply.status });
      return send(res, reply);
    }

    const result = (checker as OpenApiChecker).check({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });
    if (!result.ok) {
      this.violations.push(result.message);
      this.requests.push({ method, path: url.pathname, status: 400 });
      return send(res, { status: 400, body: { message: `Kiln's GitHub stand-in: ${result.message}` } });
    }
    const failure = this.failures.shift();
    if (failure !== undefined) {
      this.requests.push({
        method,
        path: url.pathname,
        operationId: result.operation.operationId,
        status: failure.status,
      });
      return send(res, {
        status: failure.status,
        body: { message: failure.message ?? "injected failure" },
        headers: failure.headers,
      });
    }
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    let reply: Reply;
    if (method !== "GET" && method !== "HEAD" && (!token || this.readOnlyTokens.has(token))) {
      // What GitHub answers a fork PR's read-only GITHUB_TOKEN.
      reply = { status: 403, body: { message: "Resource not accessible by integration", status: "403" } };
    } else {
      reply = await this.route(result.operation, url, result.body, req);
    }
    this.requests.push({
      method,
      path: url.pathname,
      operationId: result.operation.operationId,
      status: reply.status,
    });
    send(res, reply);
  }

  private async route(op: MatchedOperation, url: URL, body: unknown, req: IncomingMessage): Promise<Reply> {
    const p = op.pathParams;
    const b = (body ?? {}) as Record<string, unknown>;
    const { owner, repo } = p as { owner: string; repo: string };
    const repoUrl = `${this.origin}/repos/${owner}/${repo}`;
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const person = token === undefined ? undefined : this.options.userTokens?.[token];
    const login = person ?? this.options.login ?? "github-actions[bot]";
    switch (op.operationId) {
      case "users/get-authenticated":
        // What GitHub answers GITHUB_TOKEN and a GitHub App's installation token.
        return person
          ? { status: 200, body: { login: person, id: 1, type: "User" } }
          : { status: 403, body: { message: "Resource not accessible by integration", status: "403" } };
      case "repos/get":
        return {
          status: 200,
          body: {
            id: 1,
            name: repo,
            full_name: `${owner}/${repo}`,
            owner: { login: owner },
            default_branch: "main",
            private: false,
          },
        };
      case "pulls/list": {
        const head = url.searchParams.get("head");
        const pulls = this.pulls.filter((pr) => !head || `${pr.headOwner}:${pr.headRef}` === head);
        return this.page(url, pulls, (pr) => ({
          number: pr.number,
          state: "open",
          head: {
            sha: pr.headSha,
            ref: pr.headRef,
            label: `${pr.headOwner}:${pr.headRef}`,
            repo: { full_name: `${pr.headOwner}/${repo}` },
          },
          base: { ref: "main" },
          url: `${repoUrl}/pulls/${pr.number}`,
        }));
      }
      case "issues/list-comments": {
        const all = this.comments.filter((c) => c.issueNumber === Number(p.issue_number));
        return this.page(url, all, (c) => this.commentJson(c, owner, repo));
      }
      case "issues/create-comment":
      case "issues/update-comment":
        if (String(b.body).length > MAX_COMMENT) {
          return {
            status: 422,
            body: {
              message: "Validation Failed",
              errors: [
                {
                  resource: "IssueComment",
                  code: "custom",
                  field: "body",
                  message: "body is too long (maximum is 65536 characters)",
                },
              ],
            },
          };
        }
        return this.writeComment(op, p, b, owner, repo, login);
      case "issues/list-for-repo": {
        const state = url.searchParams.get("state") ?? "open";
        const labels = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
        const matching = this.issues.filter(
          (i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)),
        );
        return this.page(url, [...matching].reverse(), (i) => this.issueJson(i, owner, repo));
      }
      case "issues/get": {
        const issue = this.issues.find((i) => i.number === Number(p.issue_number));
        return issue ? { status: 200, body: this.issueJson(issue, owner, repo) } : notFound();
      }
      case "issues/create": {
        const issue: FakeIssue = {
          number: this.issues.length + 1,
          title: String(b.title),
          body: String(b.body ?? ""),
          labels: labelNames(b.labels),
          state: "open",
          user: login,
        };
        this.issues.push(issue);
        return { status: 201, body: this.issueJson(issue, owner, repo) };
      }
      case "issues/update": {
        const issue = this.issues.find((i) => i.number === Number(p.issue_number));
        if (!issue) return notFound();
        if (typeof b.title === "string") issue.title = b.title;
        if (typeof b.body === "string") issue.body = b.body;
        if (b.state === "open" || b.state === "closed") issue.state = b.state;
        if (Array.isArray(b.labels)) issue.labels = labelNames(b.labels);
        return { status: 200, body: this.issueJson(issue, owner, repo) };
      }
      case "repos/get-release-by-tag": {
        const release = this.releases.find((r) => r.tagName === p.tag);
        return release ? { status: 200, body: this.releaseJson(release, repoUrl) } : notFound();
      }
      case "repos/create-release": {
        if (this.releases.some((r) => r.tagName === b.tag_name)) {
          return {
            status: 422,
            body: {
              message: "Validation Failed",
              errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
            },
          };
        }
        const release: FakeRelease = {
          id: this.id(),
          tagName: String(b.tag_name),
          targetCommitish: typeof b.target_commitish === "string" ? b.target_commitish : "main",
          name: typeof b.name === "string" ? b.name : null,
          body: typeof b.body === "string" ? b.body : null,
          prerelease: b.prerelease === true,
          draft: b.draft === true,
          assets: [],
        };
        this.releases.push(release);
        return { status: 201, body: this.releaseJson(release, repoUrl) };
      }
      case "repos/upload-release-asset": {
        const release = this.releases.find((r) => r.id === Number(p.release_id));
        if (!release) return notFound();
        // GitHub renames names with special characters and leading or trailing periods; the
        // listing shows the new name ("renames asset filenames that have special characters,
        // non-alphanumeric characters, and leading or trailing periods").
        const name = (url.searchParams.get("name") ?? "")
          .replace(/[^A-Za-z0-9._-]/g, ".")
          .replace(/^\.+|\.+$/g, "");
        if (release.assets.some((a) => a.name === name)) {
          return {
            status: 422,
            body: {
              message: "Validation Failed",
              errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
            },
          };
        }
        const asset: FakeReleaseAsset = {
          id: this.id(),
          name,
          label: url.searchParams.get("label"),
          contentType: String(req.headers["content-type"]),
          data: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
        };
        release.assets.push(asset);
        return { status: 201, body: this.assetJson(asset, repoUrl) };
      }
      case "repos/delete-release-asset": {
        for (const release of this.releases) {
          const index = release.assets.findIndex((a) => a.id === Number(p.asset_id));
          if (index >= 0) {
            release.assets.splice(index, 1);
            return { status: 204 };
          }
        }
        return notFound();
      }
      case "repos/list-release-assets": {
        const release = this.releases.find((r) => r.id === Number(p.release_id));
        if (!release) return notFound();
        return this.page(url, release.assets, (a) => this.assetJson(a, repoUrl));
      }
      case "repos/get-release-asset": {
        const asset = this.releases.flatMap((r) => r.assets).find((a) => a.id === Number(p.asset_id));
        if (!asset) return notFound();
        if (String(req.headers.accept).includes("application/octet-stream")) {
          // GitHub redirects binary downloads to its storage; clients must follow the redirect.
          return { status: 302, headers: { location: `${this.origin}/_downloads/${asset.id}` } };
        }
        return { status: 200, body: this.assetJson(asset, repoUrl) };
      }
      case "actions/list-workflow-run-artifacts": {
        const artifacts = this.options.artifacts?.listRunArtifacts(Number(p.run_id)) ?? [];
        const name = url.searchParams.get("name");
        const chosen = artifacts.filter((a) => name === null || a.name === name);
        const reply = this.page(url, chosen, (a) => ({
          id: a.id,
          node_id: `A_${a.id}`,
          name: a.name,
          size_in_bytes: a.size,
          url: `${repoUrl}/actions/artifacts/${a.id}`,
          archive_download_url: `${repoUrl}/actions/artifacts/${a.id}/zip`,
          expired: false,
          created_at: a.createdAt,
        }));
        return { ...reply, body: { total_count: chosen.length, artifacts: reply.body } };
      }
      case "actions/list-jobs-for-workflow-run": {
        const runId = Number(p.run_id);
        const every = this.runJobs.get(runId) ?? [];
        const newest = new Map<string, number>();
        for (const job of every)
          newest.set(job.name, Math.max(newest.get(job.name) ?? 1, job.runAttempt ?? 1));
        const jobs =
          url.searchParams.get("filter") === "all"
            ? every
            : every.filter((job) => (job.runAttempt ?? 1) === newest.get(job.name));
        const reply = this.page(url, jobs, (job) => ({
          id: job.id,
          run_id: runId,
          run_attempt: job.runAttempt ?? 1,
          run_url: `${repoUrl}/actions/runs/${runId}`,
          node_id: `CR_${job.id}`,
          head_sha: "0".repeat(40),
          url: `${repoUrl}/actions/jobs/${job.id}`,
          html_url: `https://github.com/${owner}/${repo}/actions/runs/${runId}/job/${job.id}`,
          status: job.status,
          conclusion: job.conclusion,
          started_at: new Date(0).toISOString(),
          completed_at: job.status === "completed" ? new Date(0).toISOString() : null,
          name: job.name,
          steps: [],
          check_run_url: `${repoUrl}/check-runs/${job.id}`,
          labels: ["ubuntu-latest"],
          runner_id: null,
          runner_name: null,
          runner_group_id: null,
          runner_group_name: null,
          workflow_name: "Kiln",
          head_branch: "main",
          created_at: new Date(0).toISOString(),
        }));
        return { ...reply, body: { total_count: jobs.length, jobs: reply.body } };
      }
      case "actions/create-workflow-dispatch": {
        this.dispatches.push({
          owner,
          repo,
          workflow: String(p.workflow_id),
          ref: String(b.ref),
          inputs: (b.inputs ?? {}) as Record<string, unknown>,
        });
        if (b.return_run_details !== true) return { status: 204 };
        const runId = this.id();
        return {
          status: 200,
          body: {
            workflow_run_id: runId,
            run_url: `${repoUrl}/actions/runs/${runId}`,
            html_url: `https://github.com/${owner}/${repo}/actions/runs/${runId}`,
          },
        };
      }
      case "actions/download-artifact": {
        const location = await this.options.artifacts?.downloadUrl(Number(p.artifact_id));
        return location ? { status: 302, headers: { location } } : notFound();
      }
      default:
        this.violations.push(`the stand-in does not implement ${op.operationId} (${op.template})`);
        return { status: 501, body: { message: `not implemented: ${op.operationId}` } };
    }
  }

  private writeComment(
    op: MatchedOperation,
    p: Record<string, string>,
    b: Record<string, unknown>,
    owner: string,
    repo: string,
    login: string,
  ): Reply {
    if (op.operationId === "issues/update-comment") {
      const comment = this.comments.find((c) => c.id === Number(p.comment_id));
      if (!comment) return notFound();
      comment.body = String(b.body);
      comment.updatedAt = new Date().toISOString();
      return { status: 200, body: this.commentJson(comment, owner, repo) };
    }
    const now = new Date().toISOString();
    const comment = {
      id: this.id(),
      issueNumber: Number(p.issue_number),
      body: String(b.body),
      user: login,
      createdAt: now,
      updatedAt: now,
    };
    this.comments.push(comment);
    return { status: 201, body: this.commentJson(comment, owner, repo) };
  }

  /** GitHub's pagination: `per_page` (max 100, default 30), `page`, and a Link header. */
  private page<T>(url: URL, items: T[], toJson: (item: T) => unknown): Reply {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
    const page = Number(url.searchParams.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number, rel: string) => {
      const next = new URL(url);
      next.searchParams.set("per_page", String(perPage));
      next.searchParams.set("page", String(n));
      return `<${next.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    return { status: 200, body: slice.map(toJson), headers: links.length ? { link: links.join(", ") } : {} };
  }

  private commentJson(c: FakeComment, owner: string, repo: string): unknown {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.origin}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${owner}/${repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
      body: c.body,
      user: { login: c.user, type: c.user.endsWith("[bot]") ? "Bot" : "User" },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    };
  }

  private issueJson(i: FakeIssue, owner: string, repo: string): unknown {
    return {
      id: i.number + 500_000,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name) => ({ name })),
      user: { login: i.user, type: i.user.endsWith("[bot]") ? "Bot" : "User" },
      comments: this.comments.filter((c) => c.issueNumber === i.number).length,
      html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    };
  }

  private releaseJson(r: FakeRelease, repoUrl: string): unknown {
    return {
      id: r.id,
      tag_name: r.tagName,
      target_commitish: r.targetCommitish,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      url: `${repoUrl}/releases/${r.id}`,
      html_url: `${repoUrl.replace("/repos/", "/")}/releases/tag/${r.tagName}`,
      // Uploads go to a separate origin on github.com; here they come back to this server.
      upload_url: `${repoUrl}/releases/${r.id}/assets{?name,label}`,
      assets: r.assets.map((a) => this.assetJson(a, repoUrl)),
    };
  }

  private assetJson(a: FakeReleaseAsset, repoUrl: string): unknown {
    return {
      id: a.id,
      name: a.name,
      label: a.label,
      content_type: a.contentType,
      size: a.data.length,
      state: "uploaded",
      url: `${repoUrl}/releases/assets/${a.id}`,
      browser_download_url: `${this.origin}/_downloads/${a.id}`,
    };
  }
}

function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((l) => (typeof l === "string" ? l : String((l as { name?: string }).name ?? "")));
}

function notFound(): Reply {
  return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.raw) {
    res.writeHead(reply.status, { "content-length": String(reply.raw.length), ...headers });
    res.end(reply.raw);
    return;
  }
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  if (text) headers["content-type"] = "application/json; charset=utf-8";
  res.writeHead(reply.status, headers);
  res.end(text);
}
