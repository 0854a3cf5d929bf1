// Uploads a model version's outputs as a workflow artifact (`kiln-<asset>-v<N>`), and downloads
// it again in a later job or, with `findBy`, from another workflow run.
import { isAbsolute, join, relative, resolve } from "node:path";
import { ArtifactNotFoundError, DefaultArtifactClient, type FindOptions } from "@actions/artifact";
import type { StoreLocation } from "../domain/records.js";

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

export function artifactName(asset: string, version: number): string {
  return `kiln-${asset}-v${version}`;
}

export async function uploadVersion(input: UploadVersionInput): Promise<UploadedVersion> {
  const root = resolve(input.root);
  const files = input.files.map((f) => {
    if (isAbsolute(f) || relative(root, join(root, f)).startsWith("..")) {
      throw new Error(`output path ${f} must be inside the project root`);
    }
    return join(root, f);
  });
  const name = artifactName(input.asset, input.version);
  const client = new DefaultArtifactClient();
  const response = await client.uploadArtifact(name, files, root, {
    ...(input.retentionDays === undefined ? {} : { retentionDays: input.retentionDays }),
  });
  if (response.id === undefined) throw new Error(`uploading artifact ${name} returned no id`);
  const runId = input.run?.id;
  return {
    name,
    id: response.id,
    size: response.size ?? 0,
    location: {
      kind: "artifact",
      ref: runId === undefined ? name : `${name}@${runId}`,
      url: input.run?.url ? `${input.run.url}/artifacts/${response.id}` : undefined,
    },
  };
}

/** Downloads the version's files under `root`; false when no such artifact exists. */
export async function downloadVersion(input: DownloadVersionInput): Promise<boolean> {
  const name = artifactName(input.asset, input.version);
  const client = new DefaultArtifactClient();
  const find = input.findBy ? { findBy: input.findBy } : {};
  let id: number;
  try {
    id = (await client.getArtifact(name, find)).artifact.id;
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return false;
    throw error;
  }
  await client.downloadArtifact(id, { path: resolve(input.root), ...find });
  return true;
}

/** Uploads files (absolute paths under `root`) as one artifact with a plain name, e.g. `kiln-report`. */
export async function uploadFiles(
  name: string,
  files: string[],
  root: string,
  retentionDays?: number,
): Promise<number> {
  const response = await new DefaultArtifactClient().uploadArtifact(name, files, resolve(root), {
    ...(retentionDays === undefined ? {} : { retentionDays }),
  });
  if (response.id === undefined) throw new Error(`uploading artifact ${name} returned no id`);
  return response.id;
}

/** Downloads every artifact of the current run whose name starts with `prefix`, each to `<dir>/<name>`. */
export async function downloadRunArtifacts(prefix: string, dir: string): Promise<string[]> {
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts({ latest: true });
  const chosen = artifacts.filter((a) => a.name.startsWith(prefix));
  for (const artifact of chosen)
    await client.downloadArtifact(artifact.id, { path: join(dir, artifact.name) });
  return chosen.map((a) => a.name);
}
