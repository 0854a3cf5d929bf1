// Durable storage of a version's outputs as assets of a GitHub release `kiln/<asset>/v<N>`
// (a prerelease marked as made by Kiln). Artifacts expire; releases stay.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { GitHubClient } from "../github/client.js";
import type { StoreLocation } from "../domain/records.js";

export interface ReleaseVersionInput {
  client: GitHubClient;
  asset: string;
  version: number;
  /** Output paths relative to `root` (the keys of the record's `outputs`). */
  files: string[];
  root: string;
}

export type ReleaseUploadResult =
  | { ok: true; locations: StoreLocation[] }
  | { ok: false; reason: "read-only-token"; message: string };

export function releaseTag(asset: string, version: number): string {
  return `kiln/${asset}/v${version}`;
}

/** Release asset names cannot contain `/`; the mapping is fixed so downloads can find files. */
export function releaseAssetName(file: string): string {
  return file.replaceAll("\\", "/").replaceAll("/", "__");
}

export async function uploadReleaseVersion(input: ReleaseVersionInput): Promise<ReleaseUploadResult> {
  const tag = releaseTag(input.asset, input.version);
  const locations: StoreLocation[] = [];
  for (const file of input.files) {
    const uploaded = await input.client.uploadReleaseAsset({
      tag,
      name: releaseAssetName(file),
      file: inside(input.root, file),
    });
    if (!uploaded.ok) return uploaded;
    locations.push({ kind: "release", ref: `${tag}/${uploaded.value.name}`, url: uploaded.value.url });
  }
  return { ok: true, locations };
}

/** Writes every file back under `root` (atomically per file); false when any is missing. */
export async function downloadReleaseVersion(input: ReleaseVersionInput): Promise<boolean> {
  const tag = releaseTag(input.asset, input.version);
  for (const file of input.files) {
    const bytes = await input.client.downloadReleaseAsset({ tag, name: releaseAssetName(file) });
    if (!bytes) return false;
    const dest = inside(input.root, file);
    await mkdir(dirname(dest), { recursive: true });
    const temp = `${dest}.kiln-${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, dest);
  }
  return true;
}

function inside(root: string, file: string): string {
  const full = resolve(root, file);
  if (isAbsolute(file) || relative(resolve(root), full).startsWith("..")) {
    throw new Error(`output path ${file} must be inside the project root`);
  }
  return join(full);
}
