// A local stand-in of the GitHub Actions results service: the Twirp JSON API that
// @actions/cache (v2) and @actions/artifact call, with blob storage in a real Azurite server.
// The libraries upload and download through SAS URLs exactly as on github.com.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import { inject } from "vitest";
import { type Azurite, azurite } from "./azurite.js";
import type { ArtifactDirectory } from "./github-api.js";

// Azurite's well-known development account (public, documented by Microsoft).
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/** Stand-ins of one worker share the run's Azurite: each keeps its blobs in a container of its own. */
let containers = 0;
const PREFIX = "/twirp/github.actions.results.api.v1.";

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  blob: string;
  size: number;
  finalized: boolean;
  createdAt: number;
  /** The ref whose runs may restore it: where it was saved (`refs/pull/7/merge`, `refs/heads/main`). */
  scope: string;
}

export interface ArtifactEntry {
  id: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  blob: string;
  size: number;
  finalized: boolean;
  createdAt: string;
  expiresAt?: string | undefined;
  hash?: string | undefined;
}

export interface JobIdentity {
  /** The public workflow run id (GITHUB_RUN_ID). */
  runId: number;
  /** A job name; the backend job id is derived from it. */
  job: string;
  /** GITHUB_REF of the run: `refs/heads/main` (the default) or `refs/pull/7/merge`. */
  ref?: string | undefined;
  /** A pull request's base branch (GITHUB_BASE_REF), whose caches the PR may read. */
  baseRef?: string | undefined;
}

/** The default branch: every run may read its caches. */
const DEFAULT_REF = "refs/heads/main";

class TwirpError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// A class because it owns two resources: the Twirp HTTP server and its container in Azurite.
export class ResultsService {
  readonly caches: CacheEntry[] = [];
  /** While true, every cache save is refused at its reservation, as GitHub's service may refuse one. */
  refuseCacheWrites = false;
  readonly artifacts: ArtifactEntry[] = [];
  /** Every Twirp call as `Service/Method`, for tests that check what the libraries did. */
  readonly calls: string[] = [];
  readonly errors: string[] = [];
  private nextId = 1;
  private azurite: Azurite | undefined;
  private readonly container = `actions-results-${process.pid}-${++containers}`;
  private server: Server | undefined;
  private blobEndpoint = "";
  private origin = "";
  private readonly credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);

  get url(): string {
    return this.origin;
  }

  async start(): Promise<void> {
    try {
      this.azurite = await azurite(inject("tmpRoot"));
      this.blobEndpoint = `${this.azurite.url}/${ACCOUNT}`;
      await this.containerClient().createIfNotExists();
      this.server = createServer((req, res) => void this.handle(req, res));
      await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
      this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    } catch (error) {
      // Never leave an Azurite process behind when setup fails half-way.
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const azurite = this.azurite;
    this.azurite = undefined;
    if (!azurite) return;
    // The run's Azurite keeps serving other stand-ins: this one's blobs go with its container.
    await this.containerClient()
      .deleteIfExists()
      .catch(() => undefined);
    await azurite.stop();
  }

  private containerClient() {
    return new BlobServiceClient(this.blobEndpoint, this.credential).getContainerClient(this.container);
  }

  /** The env a job step sees: results URL, a runtime token scoped to the run and job, cache v2. */
  jobEnv(identity: JobIdentity): Record<string, string> {
    const runBackendId = backendRunId(identity.runId);
    const jobBackendId = `job-${identity.runId}-${identity.job}`;
    // @actions/artifact decodes (never verifies) the JWT to find its run and job backend ids.
    // GitHub scopes caches through the token's `ac` claim: the run's own ref may read and write
    // (Permission 3), a pull request's base branch and the default branch may only be read (1).
    // So a PR's entries are invisible to its base branch, and main's are visible to PRs.
    const ref = identity.ref ?? DEFAULT_REF;
    const readable = [identity.baseRef ? `refs/heads/${identity.baseRef}` : undefined, DEFAULT_REF].filter(
      (r): r is string => r !== undefined && r !== ref,
    );
    const claims = {
      scp: `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}`,
      ac: JSON.stringify([
        { Scope: ref, Permission: 3 },
        ...[...new Set(readable)].map((r) => ({ Scope: r, Permission: 1 })),
      ]),
      exp: 4102444800,
    };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    return {
      ACTIONS_RESULTS_URL: `${this.origin}/`,
      ACTIONS_RUNTIME_TOKEN: `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`,
      ACTIONS_CACHE_SERVICE_V2: "true",
      ACTIONS_CACHE_URL: "",
      GITHUB_RUN_ID: String(identity.runId),
      GITHUB_SERVER_URL: "https://github.com",
    };
  }

  /** Evicts cache entries (all, or those matching), as GitHub does after 7 days unused or past 10 GB. */
  evictCaches(matching: (entry: CacheEntry) => boolean = () => true): CacheEntry[] {
    const evicted = this.caches.filter(matching);
    for (const entry of evicted) this.caches.splice(this.caches.indexOf(entry), 1);
    return evicted;
  }

  /** Lets the GitHub REST stand-in serve `actions/runs/{id}/artifacts` and artifact downloads. */
  artifactDirectory(): ArtifactDirectory {
    return {
      listRunArtifacts: (runId) =>
        this.artifacts
          .filter((a) => a.finalized && a.runBackendId === backendRunId(runId))
          .map((a) => ({ id: a.id, name: a.name, size: a.size, createdAt: a.createdAt })),
      downloadUrl: async (id) => {
        const artifact = this.artifacts.find((a) => a.id === id && a.finalized);
        return artifact ? this.sas(artifact.blob, "r") : undefined;
      },
    };
  }

  private sas(blob: string, permissions: string): string {
    const query = generateBlobSASQueryParameters(
      {
        containerName: this.container,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 60_000),
        expiresOn: new Date(Date.now() + 3_600_000),
      },
      this.credential,
    ).toString();
    return `${this.blobEndpoint}/${this.container}/${blob}?${query}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method !== "POST" || !path.startsWith(PREFIX))
        throw new TwirpError("bad_route", 404, `no route ${req.method} ${path}`);
      if (!String(req.headers["content-type"]).startsWith("application/json")) {
        throw new TwirpError("bad_route", 415, "this stand-in speaks Twirp JSON only");
      }
      const [service, method] = path.slice(PREFIX.length).split("/") as [string, string];
      const scope = tokenScope(req.headers.authorization);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      this.calls.push(`${service}/${method}`);
      const handlers: Record<string, () => unknown> = {
        "CacheService/CreateCacheEntry": () => this.createCacheEntry(body, scope),
        "CacheService/FinalizeCacheEntryUpload": () => this.finalizeCacheEntry(body, scope),
        "CacheService/GetCacheEntryDownloadURL": () => this.cacheDownloadUrl(body, scope),
        "ArtifactService/CreateArtifact": () => this.createArtifact(body, scope),
        "ArtifactService/FinalizeArtifact": () => this.finalizeArtifact(body, scope),
        "ArtifactService/ListArtifacts": () => this.listArtifacts(body, scope),
        "ArtifactService/GetSignedArtifactURL": () => this.signedArtifactUrl(body, scope),
        "ArtifactService/DeleteArtifact": () => this.deleteArtifact(body, scope),
      };
      const handler = handlers[`${service}/${method}`];
      if (!handler) throw new TwirpError("bad_route", 404, `unknown method ${service}/${method}`);
      reply(200, handler());
    } catch (error) {
      if (error instanceof TwirpError) {
        this.errors.push(`${path}: ${error.message}`);
        reply(error.status, { code: error.code, msg: error.message });
      } else {
        this.errors.push(`${path}: ${String(error)}`);
        reply(500, { code: "internal", msg: String(error) });
      }
    }
  }

  private createCacheEntry(body: Record<string, unknown>, scope: Scope): unknown {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    if (this.refuseCacheWrites)
      return { ok: false, signed_upload_url: "", message: `cache reservation for ${key} refused` };
    // Keys are immutable within a scope: a second writer of the same key and version is refused.
    if (this.caches.some((c) => c.key === key && c.version === version && c.scope === scope.writeRef)) {
      return { ok: false, signed_upload_url: "", message: `cache entry ${key} already exists` };
    }
    const id = this.nextId++;
    const blob = `caches/${id}`;
    this.caches.push({
      id,
      key,
      version,
      blob,
      size: 0,
      finalized: false,
      createdAt: Date.now() + id,
      scope: scope.writeRef,
    });
    return { ok: true, signed_upload_url: this.sas(blob, "cw") };
  }

  private finalizeCacheEntry(body: Record<string, unknown>, scope: Scope): unknown {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    const entry = this.caches.find(
      (c) => c.key === key && c.version === version && c.scope === scope.writeRef && !c.finalized,
    );
    if (!entry) throw new TwirpError("not_found", 404, `no cache entry ${key} is being uploaded`);
    entry.finalized = true;
    entry.size = Number(body.size_bytes ?? 0);
    return { ok: true, entry_id: String(entry.id) };
  }

  /** Exact key first, then each restore key as a prefix (newest first); the version must match. */
  private cacheDownloadUrl(body: Record<string, unknown>, scope: Scope): unknown {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    // The run's own ref first, then the readable ones (base branch, default branch), as GitHub.
    const rank = (c: CacheEntry) => scope.readRefs.indexOf(c.scope);
    const usable = this.caches
      .filter((c) => c.finalized && c.version === version && rank(c) >= 0)
      .sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
    const restoreKeys = Array.isArray(body.restore_keys) ? (body.restore_keys as string[]) : [];
    let hit = usable.find((c) => c.key === key);
    for (const prefix of restoreKeys) hit ??= usable.find((c) => c.key.startsWith(prefix));
    if (!hit) return { ok: false, signed_download_url: "", matched_key: "" };
    return { ok: true, signed_download_url: this.sas(hit.blob, "r"), matched_key: hit.key };
  }

  private createArtifact(body: Record<string, unknown>, scope: Scope): unknown {
    const { run, job } = ownIds(body, scope);
    const name = requireString(body, "name");
    // Artifacts are immutable and their names unique per run (v4 semantics).
    if (this.artifacts.some((a) => a.runBackendId === run && a.name === name)) {
      throw new TwirpError("already_exists", 409, `an artifact named ${name} already exists in this run`);
    }
    const id = this.nextId++;
    // The .zip suffix tells @actions/artifact to unzip on download, as GitHub's storage URLs do.
    const blob = `artifacts/${run}/${id}/${encodeURIComponent(name)}.zip`;
    this.artifacts.push({
      id,
      runBackendId: run,
      jobBackendId: job,
      name,
      blob,
      size: 0,
      finalized: false,
      createdAt: new Date().toISOString(),
      expiresAt: typeof body.expires_at === "string" ? body.expires_at : undefined,
    });
    return { ok: true, signed_upload_url: this.sas(blob, "cw") };
  }

  private finalizeArtifact(body: Record<string, unknown>, scope: Scope): unknown {
    const { run } = ownIds(body, scope);
    const name = requireString(body, "name");
    const artifact = this.artifacts.find((a) => a.runBackendId === run && a.name === name && !a.finalized);
    if (!artifact) throw new TwirpError("not_found", 404, `no artifact ${name} is being uploaded`);
    artifact.finalized = true;
    artifact.size = Number(body.size ?? 0);
    artifact.hash = typeof body.hash === "string" ? body.hash : undefined;
    return { ok: true, artifact_id: String(artifact.id) };
  }

  private listArtifacts(body: Record<string, unknown>, scope: Scope): unknown {
    const run = String(body.workflow_run_backend_id ?? scope.run);
    const nameFilter = typeof body.name_filter === "string" ? body.name_filter : undefined;
    const idFilter = body.id_filter === undefined ? undefined : Number(body.id_filter);
    const artifacts = this.artifacts.filter(
      (a) =>
        a.finalized &&
        a.runBackendId === run &&
        (nameFilter === undefined || a.name === nameFilter) &&
        (idFilter === undefined || a.id === idFilter),
    );
    return {
      artifacts: artifacts.map((a) => ({
        workflow_run_backend_id: a.runBackendId,
        workflow_job_run_backend_id: a.jobBackendId,
        database_id: String(a.id),
        name: a.name,
        size: String(a.size),
        created_at: a.createdAt,
        ...(a.hash ? { digest: a.hash } : {}),
      })),
    };
  }

  private signedArtifactUrl(body: Record<string, unknown>, scope: Scope): unknown {
    const run = String(body.workflow_run_backend_id ?? scope.run);
    const name = requireString(body, "name");
    const artifact = this.artifacts.find((a) => a.finalized && a.runBackendId === run && a.name === name);
    if (!artifact) throw new TwirpError("not_found", 404, `no artifact ${name} in run ${run}`);
    return { signed_url: this.sas(artifact.blob, "r") };
  }

  private deleteArtifact(body: Record<string, unknown>, scope: Scope): unknown {
    // Any job of the run may delete the run's artifacts (upload-artifact's `overwrite` does).
    const run = requireString(body, "workflow_run_backend_id");
    if (run !== scope.run)
      throw new TwirpError("permission_denied", 403, `the token is for ${scope.run}, not ${run}`);
    const name = requireString(body, "name");
    const index = this.artifacts.findIndex((a) => a.runBackendId === run && a.name === name);
    if (index < 0) throw new TwirpError("not_found", 404, `no artifact ${name} in run ${run}`);
    const [removed] = this.artifacts.splice(index, 1);
    return { ok: true, artifact_id: String(removed?.id) };
  }
}

interface Scope {
  run: string;
  job: string;
  /** The ref whose caches this token writes. */
  writeRef: string;
  /** Refs whose caches this token reads, own ref first. */
  readRefs: string[];
}

function backendRunId(runId: number): string {
  return `run-${runId}`;
}

function tokenScope(authorization: string | undefined): Scope {
  const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  if (!token) throw new TwirpError("unauthenticated", 401, "no bearer token (ACTIONS_RUNTIME_TOKEN)");
  let claims: { scp?: string; ac?: string };
  let access: Array<{ Scope: string; Permission: number }>;
  try {
    claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      scp?: string;
      ac?: string;
    };
    access = JSON.parse(claims.ac ?? "[]") as Array<{ Scope: string; Permission: number }>;
  } catch {
    throw new TwirpError("unauthenticated", 401, "the runtime token is not a JWT");
  }
  const scope = (claims.scp ?? "").split(" ").find((s) => s.startsWith("Actions.Results:"));
  const [, run, job] = scope?.split(":") ?? [];
  if (!run || !job)
    throw new TwirpError("permission_denied", 403, "the runtime token has no Actions.Results scope");
  const writeRef = access.find((a) => a.Permission === 3)?.Scope ?? DEFAULT_REF;
  const readRefs = [writeRef, ...access.filter((a) => a.Permission !== 3).map((a) => a.Scope)];
  return { run, job, writeRef, readRefs };
}

/** Writes are only allowed to the run and job the token was issued for. */
function ownIds(body: Record<string, unknown>, scope: Scope): { run: string; job: string } {
  const run = requireString(body, "workflow_run_backend_id");
  const job = requireString(body, "workflow_job_run_backend_id");
  if (run !== scope.run || job !== scope.job) {
    throw new TwirpError(
      "permission_denied",
      403,
      `the token is for ${scope.run}/${scope.job}, not ${run}/${job}`,
    );
  }
  return { run, job };
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "")
    throw new TwirpError("invalid_argument", 400, `${field} is required`);
  return value;
}

/** Copies `env` into process.env (the @actions libraries read it there) and returns an undo. */
export function applyEnv(env: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
