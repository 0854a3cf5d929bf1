// Workflow artifacts as a store backend: a version's outputs uploaded as `kiln-<asset>-v<N>`,
// downloaded again in a later job of the same run, or from another run by the artifact id the
// ledger recorded (the REST API, with a token that may read actions).
import { join, resolve } from "node:path";
import type { FindOptions } from "@actions/artifact";
import type { StoreLocation } from "../domain/records.js";
import { insideOrThrow } from "../paths/containment.js";
import type { Store, StoredVersion } from "./types.js";

export interface UploadVersionInput {
  asset: string;
  version: number;
  /** Output paths relative to `root`. */
  files: string[];
  root: string;
  /** 1–90 days; the repository's default when absent. */
  retentionDays?: number | undefined;
  /** The current run, to record where the artifact lives. */
  run?: { id: string | number; url?: string | undefined } | undefined;
}

export interface DownloadVersionInput {
  asset: string;
  version: number;
  /** The artifact's id as recorded; without it the artifact is looked up by name in the run. */
  id?: number | undefined;
  /** Directory the files are written to, at their paths relative to the upload root. */
  root: string;
  /** Another run's artifact (needs a token with `actions: read`). */
  findBy?: FindOptions["findBy"];
}

export interface UploadedVersion {
  name: string;
  id: number;
  size: number;
  location: StoreLocation;
}

/**
 * The Actions toolkit's artifact client, imported when an artifact is first read or written: with
 * Azure's SDK, archiver and lodash it is the largest code Kiln has (2 MB), and a job that only
 * reads the cache or its ledger should not compile it.
 */
const sdk = () => import("@actions/artifact");

export function artifactName(asset: string, version: number): string {
  return `kiln-${asset}-v${version}`;
}

export async function uploadVersion(input: UploadVersionInput): Promise<UploadedVersion> {
  const root = resolve(input.root);
  const files: string[] = [];
  for (const file of input.files) files.push(await insideOrThrow(root, file, "read"));
  const name = artifactName(input.asset, input.version);
  // A re-run attempt of a job that uploaded before failing replaces its own leftover (no record
  // names it: records are written after the upload).
  const response = await uploadFiles(name, files, root, input.retentionDays);
  const runId = input.run?.id;
  const expires = new Date();
  expires.setDate(expires.getDate() + retentionDaysKept(input.retentionDays));
  return {
    name,
    id: response.id,
    size: response.size,
    location: {
      kind: "artifact",
      ref: runId === undefined ? name : `${name}@${runId}`,
      url: input.run?.url ? `${input.run.url}/artifacts/${response.id}` : undefined,
      id: response.id,
      runId: runId === undefined ? undefined : String(runId),
      expiresAt: expires.toISOString(),
    },
  };
}

/**
 * The days GitHub keeps the artifact: what the manifest asked, capped by the repository's limit
 * (`GITHUB_RETENTION_DAYS`, as the toolkit caps it), and that limit when nothing was asked (90 by
 * default). A recorded expiry later than the real one would call a deleted artifact available.
 */
function retentionDaysKept(asked: number | undefined): number {
  const limit = Number.parseInt(process.env.GITHUB_RETENTION_DAYS ?? "", 10);
  const repository = Number.isNaN(limit) || limit <= 0 ? undefined : limit;
  const days = asked ?? repository ?? 90;
  return repository === undefined ? days : Math.min(days, repository);
}

/** Downloads the version's files under `root`; false when no such artifact exists. */
export async function downloadVersion(input: DownloadVersionInput): Promise<boolean> {
  const name = artifactName(input.asset, input.version);
  const artifacts = await sdk();
  const client = new artifacts.DefaultArtifactClient();
  const find = input.findBy ? { findBy: input.findBy } : {};
  let id = input.id;
  try {
    id ??= (await client.getArtifact(name, find)).artifact.id;
    await client.downloadArtifact(id, { path: resolve(input.root), ...find });
  } catch (error) {
    // A refusal is not an absence: said as one, it read "in no store; rebuild it" to a user whose
    // workflow only lacks a permission.
    if (isForbidden(error)) {
      throw new Error(
        `the token may not read artifact ${name} (HTTP 403: ${messageOf(error)}); the job's token needs the ` +
          "`actions: read` permission (`permissions: { actions: read }` in the workflow or the job)",
      );
    }
    // Expired or deleted: the next location or backend may have it.
    if (error instanceof artifacts.ArtifactNotFoundError || isMissing(error)) return false;
    throw error;
  }
  return true;
}

/**
 * Uploads files (absolute paths under `root`) as the artifact `name` of this run (`kiln-report`,
 * `kiln-model-v7`), replacing one of the same name. GitHub keeps names unique per run across
 * attempts: "Re-run jobs" is attempt 2 of the same run, and its upload would be refused (409)
 * while attempt 1's stands, which also is the one a reader of the run would find.
 */
export async function uploadFiles(
  name: string,
  files: string[],
  root: string,
  retentionDays?: number,
): Promise<{ id: number; size: number }> {
  const { ArtifactNotFoundError, DefaultArtifactClient } = await sdk();
  const client = new DefaultArtifactClient();
  await client.deleteArtifact(name).catch((error: unknown) => {
    if (!(error instanceof ArtifactNotFoundError) && !/not found/i.test(String(error))) throw error;
  });
  const response = await client.uploadArtifact(name, files, resolve(root), {
    ...(retentionDays === undefined ? {} : { retentionDays }),
  });
  if (response.id === undefined) throw new Error(`uploading artifact ${name} returned no id`);
  return { id: response.id, size: response.size ?? 0 };
}

export interface ArtifactStoreOptions {
  /** The current run (inside Actions): uploads go there, and its own artifacts are read directly. */
  run?: { id: string; url?: string | undefined } | undefined;
  /** Another run's artifacts are read through the REST API with this token (`actions: read`). */
  repository?: { owner: string; repo: string; token: string } | undefined;
  /** Retention of an asset's artifacts, in days. */
  retentionDays(asset: string): number | undefined;
}

/** Artifacts as a store backend. Uploading needs a job's runtime token; reading another run's, a REST token. */
export class ArtifactStore implements Store {
  readonly kind = "artifact" as const;
  readonly description: string;

  constructor(private readonly options: ArtifactStoreOptions) {
    this.description = options.repository
      ? `artifacts of ${options.repository.owner}/${options.repository.repo}`
      : "artifacts of this run";
  }

  /** Recorded artifact locations that have not expired, newest first. */
  private locations(version: StoredVersion, now = new Date()): StoreLocation[] {
    return version.locations
      .filter((l) => l.kind === "artifact" && l.id !== undefined)
      .filter((l) => !l.expiresAt || new Date(l.expiresAt) > now)
      .reverse();
  }

  async has(version: StoredVersion): Promise<boolean> {
    return this.locations(version).some((l) => this.reachable(l));
  }

  private reachable(location: StoreLocation): boolean {
    return location.runId === this.options.run?.id || this.options.repository !== undefined;
  }

  /**
   * The artifact is unpacked into the chain's staging folder, from which only the files the record
   * names are taken, each checked against the record: whatever else the archive holds, or wherever
   * its entries point, nothing reaches the workspace from here.
   */
  fetch(version: StoredVersion, staging: string): Promise<boolean> {
    return this.download(version, staging);
  }

  private async download(version: StoredVersion, root: string): Promise<boolean> {
    for (const location of this.locations(version)) {
      if (!this.reachable(location)) continue;
      const repository = this.options.repository;
      const findBy =
        location.runId === this.options.run?.id || !repository || location.runId === undefined
          ? undefined
          : {
              token: repository.token,
              workflowRunId: Number(location.runId),
              repositoryOwner: repository.owner,
              repositoryName: repository.repo,
            };
      const input = { asset: version.asset, version: version.version, id: location.id, root, findBy };
      if (await downloadVersion(input)) return true;
    }
    return false;
  }

  async save(version: StoredVersion, root: string): Promise<StoreLocation[]> {
    if (!this.options.run) throw new Error("artifacts can only be uploaded inside a workflow run");
    const uploaded = await uploadVersion({
      asset: version.asset,
      version: version.version,
      files: Object.keys(version.outputs),
      root,
      retentionDays: this.options.retentionDays(version.asset),
      run: this.options.run,
    });
    return [uploaded.location];
  }

  describeLookup(version: StoredVersion): string {
    const recorded = this.locations(version);
    return recorded.length
      ? `artifact ${recorded.map((l) => `${l.ref} (id ${l.id})`).join(", ")}`
      : `artifacts (none recorded for ${version.asset} v${version.version}, or all expired)`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMissing(error: unknown): boolean {
  return /not found|404|410|expired|Unexpected status/i.test(messageOf(error));
}

/**
 * HTTP 403 from the REST API (Octokit's error carries the status; the toolkit's own messages name
 * it), except GitHub's rate limits, which answer 403 too and are no matter of permissions.
 */
function isForbidden(error: unknown): boolean {
  const message = messageOf(error);
  if (/rate limit/i.test(message)) return false;
  const status = (error as { status?: unknown } | undefined)?.status;
  return status === 403 || /\b403\b|forbidden/i.test(message);
}

/** Downloads every artifact of the current run whose name starts with `prefix`, each to `<dir>/<name>`. */
export async function downloadRunArtifacts(prefix: string, dir: string): Promise<string[]> {
  const { DefaultArtifactClient } = await sdk();
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts({ latest: true });
  const chosen = artifacts.filter((a) => a.name.startsWith(prefix));
  for (const artifact of chosen)
    await client.downloadArtifact(artifact.id, { path: join(dir, artifact.name) });
  return chosen.map((a) => a.name);
}
