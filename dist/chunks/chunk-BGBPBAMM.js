import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  Octokit,
  legacyRestEndpointMethods,
  paginateRest,
  requestLog,
  require_light,
  retry
} from "./chunk-YIIFFWM5.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

// src/github/client.ts
import { readFile } from "node:fs/promises";
import { basename } from "node:path";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION2 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION2}`
  }
);

// src/github/client.ts
var KilnOctokit = Octokit2.plugin(throttling, retry);
var UNPACED = {
  key: () => ({
    schedule: (_options, task, ...args) => task(...args)
  })
};
function pacesWrites(apiUrl) {
  let host;
  try {
    host = new URL(apiUrl).hostname;
  } catch {
    return true;
  }
  return !(host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host));
}
var KILN_RELEASE_NOTE = "Made by Kiln: a versioned output of a Kiln asset. Not a product release.";
var GitHubClient = class {
  octokit;
  owner;
  repo;
  /**
   * The issues of a set of labels, listed once per client and kept up to date by its own writes:
   * a report job looks for the failure issue of every failed, fixed and recovered asset, and each
   * look used to page through every issue again.
   */
  issueLists = /* @__PURE__ */ new Map();
  constructor(options) {
    this.owner = options.owner;
    this.repo = options.repo;
    const retries = Math.max(0, options.retries ?? 3);
    const msPerSecond = options.msPerSecond ?? 1e3;
    const waitFor = (kind) => (seconds, request, _octokit, retryCount) => {
      if (retryCount >= retries) return false;
      options.onRateLimit?.({ kind, seconds, request: `${request.method} ${request.url}` });
      return true;
    };
    const baseUrl = (options.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
    const unpaced = !(options.pacing ?? pacesWrites(baseUrl)) ? UNPACED : void 0;
    this.octokit = new KilnOctokit({
      auth: options.token,
      baseUrl,
      userAgent: "kiln-ml",
      log: { debug() {
      }, info() {
      }, warn() {
      }, error() {
      } },
      // 429 and 403 are the throttling plugin's: it knows how long GitHub asked to wait.
      retry: {
        retries,
        retryAfterBaseValue: msPerSecond,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
      },
      throttle: {
        id: `kiln-${this.owner}/${this.repo}`,
        retryAfterBaseValue: msPerSecond,
        onRateLimit: waitFor("rate-limit"),
        onSecondaryRateLimit: waitFor("secondary-rate-limit"),
        ...unpaced ? { write: unpaced, notifications: unpaced, search: unpaced, global: unpaced } : {}
      }
    });
  }
  /**
   * Edits the comment that starts with `marker` and that this token wrote, in place, or creates it
   * once. Searches every page, so a busy PR with hundreds of comments still has one Kiln comment;
   * other markers are left alone. Anyone can paste the marker into a comment: one written by
   * someone else is never taken for Kiln's (editing it would overwrite a person's words, or be
   * refused and cost the PR its report).
   */
  async upsertStickyComment(input) {
    const body = fitComment(
      input.body.startsWith(input.marker) ? input.body : `${input.marker}
${input.body}`
    );
    const existing = await this.findStickyComment(input.issueNumber, input.marker);
    return guardWrite(async () => {
      if (existing) {
        const { data: data2 } = await this.octokit.rest.issues.updateComment({
          owner: this.owner,
          repo: this.repo,
          comment_id: existing.id,
          body
        });
        return { id: data2.id, created: false, url: data2.html_url };
      }
      const { data } = await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: input.issueNumber,
        body
      });
      return { id: data.id, created: true, url: data.html_url };
    });
  }
  /** The text of the sticky comment upsertStickyComment would edit, or undefined when there is none. */
  async readStickyComment(input) {
    return (await this.findStickyComment(input.issueNumber, input.marker))?.body ?? void 0;
  }
  /** The comment that starts with `marker` and that this token wrote (see upsertStickyComment). */
  async findStickyComment(issueNumber, marker) {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      per_page: 100
    });
    const marked = comments.filter((c) => c.body?.startsWith(marker));
    const login = marked.length > 0 ? await this.tokenLogin() : void 0;
    return marked.find((c) => writtenBy(c.user, login));
  }
  /**
   * The login a person's token (a PAT) writes as; undefined for GITHUB_TOKEN and a GitHub App's
   * installation token, which `GET /user` refuses ("Resource not accessible by integration") and
   * which write as a bot (`github-actions[bot]`, `<app>[bot]`). Asked once per client.
   */
  tokenLogin() {
    this.login ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error) => {
        const status = statusOf(error);
        if ((status === 401 || status === 403 || status === 404) && !isRateLimit(error)) return void 0;
        throw error;
      }
    );
    return this.login;
  }
  login;
  /** One issue per failing asset: created once, commented on repeat failures, reopened if closed. */
  async ensureFailureIssue(input) {
    const labels = input.labels ?? [];
    const existing = await this.findIssue([input.marker, ...input.formerMarkers ?? []], labels);
    return guardWrite(async () => {
      if (!existing) {
        const body = `${input.marker}
${input.body}`;
        const { data } = await this.octokit.rest.issues.create({
          owner: this.owner,
          repo: this.repo,
          title: input.title,
          body,
          labels
        });
        (await this.issueLists.get(labels.join(",")))?.unshift({
          number: data.number,
          state: "open",
          body,
          user: data.user
        });
        return { number: data.number, action: "created" };
      }
      const reopen = existing.state === "closed";
      if (reopen) {
        await this.octokit.rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: existing.number,
          state: "open"
        });
        existing.state = "open";
      }
      await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        body: input.body
      });
      return { number: existing.number, action: reopen ? "reopened" : "commented" };
    });
  }
  /** Closes the asset's open failure issue with a comment; `closed: false` when none was open. */
  async closeFailureIssue(input) {
    const existing = await this.findIssue([input.marker, ...input.formerMarkers ?? []], input.labels ?? []);
    if (!existing || existing.state === "closed") return { ok: true, value: { closed: false } };
    return guardWrite(async () => {
      await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        body: input.comment
      });
      await this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        state: "closed",
        state_reason: "completed"
      });
      existing.state = "closed";
      return { closed: true, number: existing.number };
    });
  }
  /** Uploads a file to the release `tag`, creating the release (a prerelease made by Kiln) if needed. */
  async uploadReleaseAsset(input) {
    const data = await readFile(input.file);
    return guardWrite(async () => {
      const release = await this.getRelease(input.tag) ?? await this.createRelease(input.tag, input.notes, input.targetCommitish);
      const name = input.name || basename(input.file);
      const leftover = release.assets.find((a) => a.name === name);
      if (leftover) {
        await this.octokit.rest.repos.deleteReleaseAsset({
          owner: this.owner,
          repo: this.repo,
          asset_id: leftover.id
        });
      }
      const origin = new URL(release.upload_url.replace(/\{.*\}$/, "")).origin;
      const { data: asset } = await this.octokit.rest.repos.uploadReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        release_id: release.id,
        name,
        baseUrl: origin,
        // Octokit sends the bytes as they are; its type says string for historical reasons.
        data,
        headers: { "content-type": "application/octet-stream", "content-length": data.length }
      });
      return {
        releaseId: release.id,
        assetId: asset.id,
        tag: input.tag,
        name: asset.name,
        url: asset.browser_download_url
      };
    });
  }
  /** The bytes of a release asset, or undefined when the release or the asset does not exist. */
  async downloadReleaseAsset(input) {
    const release = await this.getRelease(input.tag);
    const asset = release?.assets.find((a) => a.name === input.name);
    if (!asset) return void 0;
    const response = await this.octokit.rest.repos.getReleaseAsset({
      owner: this.owner,
      repo: this.repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" }
    });
    const data = response.data;
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
  async pullRequestAt(input) {
    const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, {
      owner: this.owner,
      repo: this.repo,
      state: "open",
      ...input.head ? { head: input.head } : {},
      per_page: 100
    });
    const open = pulls.filter((p) => input.number === void 0 || p.number === input.number);
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
  async dispatchWorkflow(input) {
    const request = async (details) => {
      try {
        const response = await this.octokit.rest.actions.createWorkflowDispatch({
          owner: this.owner,
          repo: this.repo,
          workflow_id: input.workflow,
          ref: input.ref,
          inputs: input.inputs,
          ...details ? { return_run_details: true } : {}
        });
        const data = response.data;
        return { ok: true, url: typeof data?.html_url === "string" ? data.html_url : void 0 };
      } catch (error) {
        const message = error.response?.data?.message;
        return {
          ok: false,
          status: statusOf(error),
          message: typeof message === "string" ? message : messageOf(error)
        };
      }
    };
    const first = await request(true);
    if (!first.ok && first.status === 422 && /return_run_details/.test(first.message)) return request(false);
    return first;
  }
  /**
   * The jobs of a workflow run, for the report job: each job's conclusion, the URL of its log and
   * its attempt. As the run's latest attempt shows them (`latest`: each job's latest execution),
   * or of every attempt (`all`), which a re-run's report reads to tell how a job ended before.
   * Needs `actions: read`.
   */
  async listRunJobs(runId, filter = "latest") {
    const jobs = await this.octokit.paginate(this.octokit.rest.actions.listJobsForWorkflowRun, {
      owner: this.owner,
      repo: this.repo,
      run_id: runId,
      filter,
      per_page: 100
    });
    return jobs.map((job) => ({
      id: job.id,
      name: job.name,
      status: job.status,
      conclusion: job.conclusion ?? null,
      url: job.html_url ?? void 0,
      attempt: job.run_attempt
    }));
  }
  /**
   * The issue whose body starts with one of `markers` (the first is the current format) and that
   * this token opened, as listed in issueLists: the entry itself, so a write of this client updates
   * its state there. As for the sticky comment, anyone can open an issue that carries or quotes the
   * marker: taking it for Kiln's would comment on a person's issue and close it when the asset
   * recovers, while the asset's real failure issue went unanswered.
   */
  async findIssue(markers, labels) {
    const key = labels.join(",");
    let listed = this.issueLists.get(key);
    if (!listed) {
      listed = this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
        owner: this.owner,
        repo: this.repo,
        state: "all",
        ...labels.length > 0 ? { labels: key } : {},
        per_page: 100
      }).then(
        (issues) => issues.filter((i) => !i.pull_request).map((i) => ({ number: i.number, state: i.state, body: i.body ?? "", user: i.user }))
      );
      this.issueLists.set(key, listed);
      listed.catch(() => this.issueLists.delete(key));
    }
    const marked = (await listed).filter((i) => markers.some((m) => i.body.startsWith(m)));
    const login = marked.length > 0 ? await this.tokenLogin() : void 0;
    const matching = marked.filter((i) => writtenBy(i.user, login));
    return matching.find((i) => i.state === "open") ?? matching[0];
  }
  async getRelease(tag) {
    try {
      const { data } = await this.octokit.rest.repos.getReleaseByTag({
        owner: this.owner,
        repo: this.repo,
        tag
      });
      return data;
    } catch (error) {
      if (statusOf(error) === 404) return void 0;
      throw error;
    }
  }
  async createRelease(tag, notes, targetCommitish) {
    const { data } = await this.octokit.rest.repos.createRelease({
      owner: this.owner,
      repo: this.repo,
      tag_name: tag,
      ...targetCommitish ? { target_commitish: targetCommitish } : {},
      name: tag,
      body: notes ? `${notes}

${KILN_RELEASE_NOTE}` : KILN_RELEASE_NOTE,
      prerelease: true,
      make_latest: "false"
    });
    return data;
  }
};
function githubClientFromEnv(token, env) {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) {
    throw new Error(
      "GITHUB_REPOSITORY is not set (expected owner/repo); run inside GitHub Actions or set it."
    );
  }
  return new GitHubClient({ token, apiUrl: env.GITHUB_API_URL, owner, repo });
}
var MAX_COMMENT_CHARS = 65536;
var TRUNCATION_NOTE = "\n\n_This comment was cut to fit GitHub's 65,536-character limit; the job summary has the full report._";
function fitComment(body) {
  if (body.length <= MAX_COMMENT_CHARS) return body;
  const room = MAX_COMMENT_CHARS - TRUNCATION_NOTE.length;
  const head = body.slice(0, room);
  const cut = head.lastIndexOf("\n\n");
  return `${cut > 0 ? head.slice(0, cut) : head}${TRUNCATION_NOTE}`;
}
async function guardWrite(write) {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (statusOf(error) === 403 && !isRateLimit(error)) {
      return {
        ok: false,
        reason: "read-only-token",
        message: `GitHub refused the write (403: ${messageOf(error)}); the token is read-only, as for pull requests from forks.`
      };
    }
    throw error;
  }
}
function writtenBy(user, login) {
  if (!user) return false;
  return login !== void 0 ? user.login === login : user.type === "Bot";
}
function statusOf(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function isRateLimit(error) {
  const headers = error.response?.headers ?? {};
  return headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(messageOf(error));
}

export {
  pacesWrites,
  KILN_RELEASE_NOTE,
  GitHubClient,
  githubClientFromEnv,
  MAX_COMMENT_CHARS,
  fitComment
};
