// The only module that calls Octokit. It exposes Kiln's verbs (sticky comment, failure issue,
// release assets) so the rest of Kiln never sees REST paths, pagination or retries.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

// Retries and rate limits are Octokit's own plugins, configured once here: `retry` repeats network
// errors and 5xx answers with a growing delay; `throttling` waits as long as GitHub says (a secondary
// limit's Retry-After, a primary limit's x-ratelimit-reset) and spaces writes as GitHub asks.
const KilnOctokit = Octokit.plugin(throttling, retry);

export interface GitHubClientOptions {
  token: string;
  /** `GITHUB_API_URL`; https://api.github.com when absent. */
  apiUrl?: string | undefined;
  owner: string;
  repo: string;
  /** Retries after a network error, a 5xx or a rate limit, beyond the first attempt (default 3). */
  retries?: number | undefined;
  /**
   * How long one second of a wait lasts, in ms: a Retry-After of 30 waits 30 × this. 1000, except
   * against a local stand-in, where tests pass 1 so GitHub's waits take no time.
   */
  msPerSecond?: number | undefined;
  /**
   * GitHub's pacing of writes (one a second, notifying ones every 3 s). Default: on, except for an
   * API served on this machine (see pacesWrites).
   */
  pacing?: boolean | undefined;
  /** Told when a request waits for a rate limit, so a log can say why a job is idle. */
  onRateLimit?: ((wait: RateLimitWait) => void) | undefined;
}

export interface RateLimitWait {
  kind: "rate-limit" | "secondary-rate-limit";
  /** What GitHub asked for: Retry-After, or the seconds until x-ratelimit-reset. */
  seconds: number;
  /** `METHOD /path` of the waiting request. */
  request: string;
}

// A pass-through in place of the plugin's Bottleneck groups (`throttle.write` and co.): requests go
// out at once. Only for `pacing: false`; the waits for rate limits are unaffected.
const UNPACED = {
  key: () => ({
    schedule: (_options: unknown, task: (...a: unknown[]) => unknown, ...args: unknown[]) => task(...args),
  }),
};

/**
 * Whether writes to the API at `apiUrl` are spaced as GitHub asks of integrations (its secondary
 * rate limits: github.com and GitHub Enterprise Server alike). Not for an API on this machine's
 * loopback interface: no GitHub server is reached there (a runner and its GitHub are never one
 * host); it is a stand-in, such as the ones Kiln's tests start, whose report job writes a comment,
 * an issue and its comments, and would wait 1-3 s before each.
 */
export function pacesWrites(apiUrl: string): boolean {
  let host: string;
  try {
    host = new URL(apiUrl).hostname;
  } catch {
    return true;
  }
  return !(host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** Why a write was not made; the caller degrades (job summary + notice) instead of failing. */
export type WriteOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "read-only-token"; message: string };

export interface StickyCommentInput {
  issueNumber: number;
  /** A hidden HTML comment (src/github/markers.ts), unique per workflow and manifest. */
  marker: string;
  body: string;
}

export interface FailureIssueInput {
  asset: string;
  /** Hidden marker that identifies the asset's issue (src/github/markers.ts). */
  marker: string;
  /** Markers of earlier formats that identify the same issue (found, never written). */
  formerMarkers?: readonly string[] | undefined;
  title: string;
  body: string;
  labels?: string[] | undefined;
}

/** An issue as findIssue lists it, newest first. */
interface ListedIssue {
  number: number;
  state: string;
  body: string;
  user: { login: string; type?: string } | null;
}

export interface ReleaseAssetInput {
  /** `kiln/<project>/<asset>/v<N>-<data>` (store/release.ts releaseTag) */
  tag: string;
  name: string;
  file: string;
  /** Release notes when the release is created. */
  notes?: string | undefined;
  /** The commit that built the version: the tag is created there, not at the default branch's head. */
  targetCommitish?: string | undefined;
}

export interface ReleaseAssetRef {
  releaseId: number;
  assetId: number;
  tag: string;
  name: string;
  url: string;
}

/** One job of a workflow run, as the REST API lists it. */
export interface RunJob {
  id: number;
  /** The job's display name (`name:` in the workflow, or the matrix-expanded one). */
  name: string;
  status: string;
  /** `success`, `failure`, `cancelled`, `skipped`, `timed_out`, …; null while it runs. */
  conclusion: string | null;
  /** The job's page with its log. */
  url?: string | undefined;
  /** The run attempt it ran in (`run_attempt`: 1, then 2, 3… for re-runs); undefined when not said. */
  attempt?: number | undefined;
}

/** Where a run's commit stands on its pull request (GitHubClient.pullRequestAt). */
export type PullRequestAt =
  /** Open, and its head is the run's commit: the run's report is the pull request's. */
  | { at: "head"; number: number }
  /** Open, but its head has moved on to `headSha`: the report of that commit's run belongs there. */
  | { at: "moved"; number: number; headSha: string }
  /** No open pull request (closed, merged, or none from that head). */
  | { at: "none" };

/** What came of a workflow_dispatch request. */
export type DispatchOutcome = DispatchStarted | DispatchRefused;

export interface DispatchStarted {
  ok: true;
  /** The started run's page, when GitHub says (return_run_details; not every server knows it). */
  url?: string | undefined;
}

export interface DispatchRefused {
  ok: false;
  /** GitHub's HTTP status; undefined when no answer came. */
  status?: number | undefined;
  message: string;
}

export const KILN_RELEASE_NOTE = "Made by Kiln: a versioned output of a Kiln asset. Not a product release.";

// A class because it owns the configured Octokit instance (auth, base URL, retries, throttling).
export class GitHubClient {
  readonly octokit: InstanceType<typeof KilnOctokit>;
  readonly owner: string;
  readonly repo: string;
  /**
   * The issues of a set of labels, listed once per client and kept up to date by its own writes:
   * a report job looks for the failure issue of every failed, fixed and recovered asset, and each
   * look used to page through every issue again.
   */
  private readonly issueLists = new Map<string, Promise<ListedIssue[]>>();

  constructor(options: GitHubClientOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    const retries = Math.max(0, options.retries ?? 3);
    const msPerSecond = options.msPerSecond ?? 1000;
    const waitFor =
      (kind: RateLimitWait["kind"]) =>
      (seconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        // The plugin retries when this returns true.
        if (retryCount >= retries) return false;
        options.onRateLimit?.({ kind, seconds, request: `${request.method} ${request.url}` });
        return true;
      };
    const baseUrl = (options.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
    const unpaced = !(options.pacing ?? pacesWrites(baseUrl)) ? (UNPACED as never) : undefined;
    this.octokit = new KilnOctokit({
      auth: options.token,
      baseUrl,
      userAgent: "kiln-ml",
      log: { debug() {}, info() {}, warn() {}, error() {} },
      // 429 and 403 are the throttling plugin's: it knows how long GitHub asked to wait.
      retry: {
        retries,
        retryAfterBaseValue: msPerSecond,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        id: `kiln-${this.owner}/${this.repo}`,
        retryAfterBaseValue: msPerSecond,
        onRateLimit: waitFor("rate-limit"),
        onSecondaryRateLimit: waitFor("secondary-rate-limit"),
        ...(unpaced ? { write: unpaced, notifications: unpaced, search: unpaced, global: unpaced } : {}),
      },
    });
  }

  /**
   * Edits the comment that starts with `marker` and that this token wrote, in place, or creates it
   * once. Searches every page, so a busy PR with hundreds of comments still has one Kiln comment;
   * other markers are left alone. Anyone can paste the marker into a comment: one written by
   * someone else is never taken for Kiln's (editing it would overwrite a person's words, or be
   * refused and cost the PR its report).
   */
  async upsertStickyComment(
    input: StickyCommentInput,
  ): Promise<WriteOutcome<{ id: number; created: boolean; url: string }>> {
    const body = fitComment(
      input.body.startsWith(input.marker) ? input.body : `${input.marker}\n${input.body}`,
    );
    const existing = await this.findStickyComment(input.issueNumber, input.marker);
    return guardWrite(async () => {
      if (existing) {
        const { data } = await this.octokit.rest.issues.updateComment({
          owner: this.owner,
          repo: this.repo,
          comment_id: existing.id,
          body,
        });
        return { id: data.id, created: false, url: data.html_url };
      }
      const { data } = await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: input.issueNumber,
        body,
      });
      return { id: data.id, created: true, url: data.html_url };
    });
  }

  /** The text of the sticky comment upsertStickyComment would edit, or undefined when there is none. */
  async readStickyComment(input: { issueNumber: number; marker: string }): Promise<string | undefined> {
    return (await this.findStickyComment(input.issueNumber, input.marker))?.body ?? undefined;
  }

  /** The comment that starts with `marker` and that this token wrote (see upsertStickyComment). */
  private async findStickyComment(issueNumber: number, marker: string) {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    const marked = comments.filter((c) => c.body?.startsWith(marker));
    // Who the token is matters only when some comment carries the marker (not on a PR's first run).
    const login = marked.length > 0 ? await this.tokenLogin() : undefined;
    return marked.find((c) => writtenBy(c.user, login));
  }

  /**
   * The login a person's token (a PAT) writes as; undefined for GITHUB_TOKEN and a GitHub App's
   * installation token, which `GET /user` refuses ("Resource not accessible by integration") and
   * which write as a bot (`github-actions[bot]`, `<app>[bot]`). Asked once per client.
   */
  private tokenLogin(): Promise<string | undefined> {
    this.login ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error: unknown) => {
        const status = statusOf(error);
        if ((status === 401 || status === 403 || status === 404) && !isRateLimit(error)) return undefined;
        throw error;
      },
    );
    return this.login;
  }
  private login: Promise<string | undefined> | undefined;

  /** One issue per failing asset: created once, commented on repeat failures, reopened if closed. */
  async ensureFailureIssue(
    input: FailureIssueInput,
  ): Promise<WriteOutcome<{ number: number; action: "created" | "commented" | "reopened" }>> {
    const labels = input.labels ?? [];
    const existing = await this.findIssue([input.marker, ...(input.formerMarkers ?? [])], labels);
    return guardWrite(async () => {
      if (!existing) {
        const body = `${input.marker}\n${input.body}`;
        const { data } = await this.octokit.rest.issues.create({
          owner: this.owner,
          repo: this.repo,
          title: input.title,
          body,
          labels,
        });
        (await this.issueLists.get(labels.join(",")))?.unshift({
          number: data.number,
          state: "open",
          body,
          user: data.user,
        });
        return { number: data.number, action: "created" as const };
      }
      const reopen = existing.state === "closed";
      if (reopen) {
        await this.octokit.rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: existing.number,
          state: "open",
        });
        existing.state = "open";
      }
      await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        body: input.body,
      });
      return { number: existing.number, action: reopen ? ("reopened" as const) : ("commented" as const) };
    });
  }

  /** Closes the asset's open failure issue with a comment; `closed: false` when none was open. */
  async closeFailureIssue(input: {
    marker: string;
    formerMarkers?: readonly string[] | undefined;
    comment: string;
    labels?: string[] | undefined;
  }): Promise<WriteOutcome<{ closed: boolean; number?: number }>> {
    const existing = await this.findIssue([input.marker, ...(input.formerMarkers ?? [])], input.labels ?? []);
    if (!existing || existing.state === "closed") return { ok: true, value: { closed: false } };
    return guardWrite(async () => {
      await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        body: input.comment,
      });
      await this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        state: "closed",
        state_reason: "completed",
      });
      existing.state = "closed";
      return { closed: true, number: existing.number };
    });
  }

  /** Uploads a file to the release `tag`, creating the release (a prerelease made by Kiln) if needed. */
  async uploadReleaseAsset(input: ReleaseAssetInput): Promise<WriteOutcome<ReleaseAssetRef>> {
    const data = await readFile(input.file);
    return guardWrite(async () => {
      const release =
        (await this.getRelease(input.tag)) ??
        (await this.createRelease(input.tag, input.notes, input.targetCommitish));
      const name = input.name || basename(input.file);
      // A leftover of an attempt that failed before its record was written (records come after
      // the bytes): no record names it, so it is replaced rather than refused as a duplicate.
      const leftover = release.assets.find((a) => a.name === name);
      if (leftover) {
        await this.octokit.rest.repos.deleteReleaseAsset({
          owner: this.owner,
          repo: this.repo,
          asset_id: leftover.id,
        });
      }
      // `upload_url` is an RFC 6570 template on another origin (uploads.github.com on github.com).
      const origin = new URL(release.upload_url.replace(/\{.*\}$/, "")).origin;
      const { data: asset } = await this.octokit.rest.repos.uploadReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        release_id: release.id,
        name,
        baseUrl: origin,
        // Octokit sends the bytes as they are; its type says string for historical reasons.
        data: data as unknown as string,
        headers: { "content-type": "application/octet-stream", "content-length": data.length },
      });
      return {
        releaseId: release.id,
        assetId: asset.id,
        tag: input.tag,
        name: asset.name,
        url: asset.browser_download_url,
      };
    });
  }

  /** The bytes of a release asset, or undefined when the release or the asset does not exist. */
  async downloadReleaseAsset(input: { tag: string; name: string }): Promise<Buffer | undefined> {
    const release = await this.getRelease(input.tag);
    const asset = release?.assets.find((a) => a.name === input.name);
    if (!asset) return undefined;
    const response = await this.octokit.rest.repos.getReleaseAsset({
      owner: this.owner,
      repo: this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
    });
    const data = response.data as unknown;
    if (data instanceof ArrayBuffer) return Buffer.from(data);
    if (typeof data === "string") return Buffer.from(data, "binary");
    throw new Error(`release asset ${input.name}: unexpected response type ${typeof data}`);
  }

  /**
   * Whether a run's report may go on its pull request: the open pull request from `head`
   * (`owner:branch`, a fork's owner for fork PRs; all open ones when unknown) — pull request
   * `number` when the event names one — and whether its head is still the run's commit `sha`. A
   * report describes one commit: once the pull request moved on (a newer push, or a re-run of an
   * older run, whose event keeps its old head), that report must not replace the comment of the
   * commit reviewers are about to merge. The one check for a run's own report job and for the
   * comment workflow of a fork's run, which names no pull request at all.
   */
  async pullRequestAt(input: {
    sha: string;
    head?: string | undefined;
    number?: number | undefined;
  }): Promise<PullRequestAt> {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, {
      owner: this.owner,
      repo: this.repo,
      state: "open",
      ...(input.head ? { head: input.head } : {}),
      per_page: 100,
    });
    const open = pulls.filter((p) => input.number === undefined || p.number === input.number);
    const atHead = open.find((p) => p.head.sha === input.sha);
    if (atHead) return { at: "head", number: atHead.number };
    const moved = open[0];
    return moved ? { at: "moved", number: moved.number, headSha: moved.head.sha } : { at: "none" };
  }

  /**
   * Starts `workflow` (its file name, e.g. kiln.yml) on `ref` with `inputs`: a workflow_dispatch
   * event, which GitHub starts a run for even when GITHUB_TOKEN asks (its one exception to "events
   * made with GITHUB_TOKEN start no run"). Needs `actions: write`. A refusal is a value, never
   * thrown: the caller reports it and goes on.
   */
  async dispatchWorkflow(input: {
    workflow: string;
    ref: string;
    inputs: Record<string, string>;
  }): Promise<DispatchOutcome> {
    const request = async (details: boolean): Promise<DispatchOutcome> => {
      try {
        const response = await this.octokit.rest.actions.createWorkflowDispatch({
          owner: this.owner,
          repo: this.repo,
          workflow_id: input.workflow,
          ref: input.ref,
          inputs: input.inputs,
          ...(details ? { return_run_details: true } : {}),
        });
        const data = response.data as { html_url?: unknown } | undefined;
        return { ok: true, url: typeof data?.html_url === "string" ? data.html_url : undefined };
      } catch (error) {
        const message = (error as { response?: { data?: { message?: unknown } } }).response?.data?.message;
        return {
          ok: false,
          status: statusOf(error),
          message: typeof message === "string" ? message : messageOf(error),
        };
      }
    };
    const first = await request(true);
    // A server that predates return_run_details (an older GitHub Enterprise Server) refuses the
    // key: the same dispatch without it starts the run, only without its address.
    if (!first.ok && first.status === 422 && /return_run_details/.test(first.message)) return request(false);
    return first;
  }

  /**
   * The jobs of a workflow run, for the report job: each job's conclusion, the URL of its log and
   * its attempt. As the run's latest attempt shows them (`latest`: each job's latest execution),
   * or of every attempt (`all`), which a re-run's report reads to tell how a job ended before.
   * Needs `actions: read`.
   */
  async listRunJobs(runId: number, filter: "latest" | "all" = "latest"): Promise<RunJob[]> {
    const jobs = await this.octokit.paginate(this.octokit.rest.actions.listJobsForWorkflowRun, {
      owner: this.owner,
      repo: this.repo,
      run_id: runId,
      filter,
      per_page: 100,
    });
    return jobs.map((job) => ({
      id: job.id,
      name: job.name,
      status: job.status,
      conclusion: job.conclusion ?? null,
      url: job.html_url ?? undefined,
      attempt: job.run_attempt,
    }));
  }

  /**
   * The issue whose body starts with one of `markers` (the first is the current format) and that
   * this token opened, as listed in issueLists: the entry itself, so a write of this client updates
   * its state there. As for the sticky comment, anyone can open an issue that carries or quotes the
   * marker: taking it for Kiln's would comment on a person's issue and close it when the asset
   * recovers, while the asset's real failure issue went unanswered.
   */
  private async findIssue(markers: readonly string[], labels: string[]): Promise<ListedIssue | undefined> {
    const key = labels.join(",");
    let listed = this.issueLists.get(key);
    if (!listed) {
      listed = this.octokit
        .paginate(this.octokit.rest.issues.listForRepo, {
          owner: this.owner,
          repo: this.repo,
          state: "all",
          ...(labels.length > 0 ? { labels: key } : {}),
          per_page: 100,
        })
        .then((issues) =>
          issues
            .filter((i) => !i.pull_request)
            .map((i) => ({ number: i.number, state: i.state, body: i.body ?? "", user: i.user })),
        );
      this.issueLists.set(key, listed);
      // A failed listing is asked again next time, not remembered.
      listed.catch(() => this.issueLists.delete(key));
    }
    // Several could match after manual edits; the open one (else the newest) is the asset's.
    const marked = (await listed).filter((i) => markers.some((m) => i.body.startsWith(m)));
    // Who the token is matters only when some issue carries the marker.
    const login = marked.length > 0 ? await this.tokenLogin() : undefined;
    const matching = marked.filter((i) => writtenBy(i.user, login));
    return matching.find((i) => i.state === "open") ?? matching[0];
  }

  private async getRelease(tag: string) {
    try {
      const { data } = await this.octokit.rest.repos.getReleaseByTag({
        owner: this.owner,
        repo: this.repo,
        tag,
      });
      return data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async createRelease(tag: string, notes: string | undefined, targetCommitish: string | undefined) {
    const { data } = await this.octokit.rest.repos.createRelease({
      owner: this.owner,
      repo: this.repo,
      tag_name: tag,
      ...(targetCommitish ? { target_commitish: targetCommitish } : {}),
      name: tag,
      body: notes ? `${notes}\n\n${KILN_RELEASE_NOTE}` : KILN_RELEASE_NOTE,
      prerelease: true,
      make_latest: "false",
    });
    return data;
  }
}

/** Creates a client from an Actions-style env map (GITHUB_REPOSITORY, GITHUB_API_URL). */
export function githubClientFromEnv(token: string, env: Record<string, string | undefined>): GitHubClient {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) {
    throw new Error(
      "GITHUB_REPOSITORY is not set (expected owner/repo); run inside GitHub Actions or set it.",
    );
  }
  return new GitHubClient({ token, apiUrl: env.GITHUB_API_URL, owner, repo });
}

/** GitHub rejects comment bodies over 65,536 characters (HTTP 422). */
export const MAX_COMMENT_CHARS = 65_536;
const TRUNCATION_NOTE =
  "\n\n_This comment was cut to fit GitHub's 65,536-character limit; the job summary has the full report._";

/** Cuts an over-long body at the last blank line that fits, so no table row or chart is half-kept. */
export function fitComment(body: string): string {
  if (body.length <= MAX_COMMENT_CHARS) return body;
  const room = MAX_COMMENT_CHARS - TRUNCATION_NOTE.length;
  const head = body.slice(0, room);
  const cut = head.lastIndexOf("\n\n");
  return `${cut > 0 ? head.slice(0, cut) : head}${TRUNCATION_NOTE}`;
}

async function guardWrite<T>(write: () => Promise<T>): Promise<WriteOutcome<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    // Fork PRs and repositories with default read-only tokens answer writes with 403.
    if (statusOf(error) === 403 && !isRateLimit(error)) {
      return {
        ok: false,
        reason: "read-only-token",
        message: `GitHub refused the write (403: ${messageOf(error)}); the token is read-only, as for pull requests from forks.`,
      };
    }
    throw error;
  }
}

/**
 * Whether a comment's author is the token's identity: the person of a PAT, else a bot — the only
 * kind of author GITHUB_TOKEN and App tokens write as, and one nobody can post as by hand.
 */
function writtenBy(
  user: { login: string; type?: string } | null | undefined,
  login: string | undefined,
): boolean {
  if (!user) return false;
  return login !== undefined ? user.login === login : user.type === "Bot";
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRateLimit(error: unknown): boolean {
  const headers = (error as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
  return headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(messageOf(error));
}
