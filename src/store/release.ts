// Durable storage of a version's outputs as assets of a GitHub release
// `kiln/<project>/<asset>/v<N>-<data>` (a prerelease marked as made by Kiln, tagged at the commit
// that built it). Artifacts expire; releases stay. Pull-request runs publish nothing public: the
// chain never saves here for them.
import { writeFile } from "node:fs/promises";
import { sha256 } from "../domain/hash.js";
import type { StoreLocation } from "../domain/records.js";
import type { GitHubClient } from "../github/client.js";
import { insideOrThrow } from "../paths/containment.js";
import { writeInto } from "../paths/place.js";
import type { Store, StoredVersion } from "./types.js";

export interface ReleaseUploadInput {
  client: GitHubClient;
  /** The project's name: one repository may hold several manifests with the same asset names. */
  project: string;
  asset: string;
  /** The number the record is expected to get (a concurrent writer may take it first). */
  version: number;
  /** The outputs' data version: what makes the tag one writer's own (see releaseTag). */
  dataVersion: string;
  /** Output paths relative to `root` (the keys of the record's `outputs`). */
  files: string[];
  root: string;
  /** The commit that built the version; the release's tag points at it. */
  commit?: string | undefined;
}

export interface ReleaseDownloadInput {
  client: GitHubClient;
  /** The tag the ledger recorded. */
  tag: string;
  files: string[];
  root: string;
}

export type ReleaseUploadResult =
  | { ok: true; locations: StoreLocation[] }
  | { ok: false; reason: "read-only-token"; message: string };

/**
 * `kiln/churn/model/v7-1a2b3c4d5e6f`. The number is the one the record is expected to get, for
 * people browsing releases; the project and the data version make the tag this writer's own, so
 * that another project's `model`, or a concurrent run that expected the same number with other
 * bytes, never writes into this release (an upload replaces a same-named asset it finds: with
 * this tag, only a leftover of the same bytes). Readers go by the tag the record names.
 */
export function releaseTag(project: string, asset: string, version: number, dataVersion: string): string {
  return `kiln/${project}/${asset}/v${version}-${dataVersion.slice(0, 12)}`;
}

/** A name GitHub keeps as it is given: no special characters, no leading or trailing period. */
const KEPT_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/;

/**
 * The asset name of an output file, fixed so downloads can find it: `build/model.json` →
 * `build__model.json`. GitHub renames names with special characters (a space, `(`, `ü`) and
 * leading or trailing periods, and a download looks for the name it asked for, so such a name is
 * made plain here, with a digest of the path so that two paths never meet
 * (`build/my model (1).bin` → `build__my_model__1_-1a2b3c4d.bin`).
 */
export function releaseAssetName(file: string): string {
  const name = file.replaceAll("\\", "/").replaceAll("/", "__");
  if (KEPT_NAME.test(name)) return name;
  const plain = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+|\.+$/g, "");
  const digest = sha256(file).slice(0, 8);
  const dot = plain.lastIndexOf(".");
  return dot > 0 ? `${plain.slice(0, dot)}-${digest}${plain.slice(dot)}` : `${plain}-${digest}`;
}

export async function uploadReleaseVersion(input: ReleaseUploadInput): Promise<ReleaseUploadResult> {
  const tag = releaseTag(input.project, input.asset, input.version, input.dataVersion);
  const locations: StoreLocation[] = [];
  for (const file of input.files) {
    const uploaded = await input.client.uploadReleaseAsset({
      tag,
      name: releaseAssetName(file),
      file: await insideOrThrow(input.root, file, "read"),
      targetCommitish: input.commit,
    });
    if (!uploaded.ok) return uploaded;
    locations.push({ kind: "release", ref: `${tag}/${uploaded.value.name}`, url: uploaded.value.url });
  }
  return { ok: true, locations };
}

/**
 * Writes every file under `root` (atomically per file, through the containment check); false when
 * any is missing, with the ones before it written: the store chain gives a staging folder as
 * `root`, and moves nothing into the workspace unless every file came (chain.ts).
 */
export async function downloadReleaseVersion(input: ReleaseDownloadInput): Promise<boolean> {
  const { tag } = input;
  // Every path is checked before the first download: a refused version writes nothing at all.
  for (const file of input.files) await insideOrThrow(input.root, file, "write");
  for (const file of input.files) {
    const bytes = await input.client.downloadReleaseAsset({ tag, name: releaseAssetName(file) });
    if (!bytes) return false;
    await writeInto(input.root, file, (temp) => writeFile(temp, bytes));
  }
  return true;
}

/** The tag a recorded release location names (`kiln/churn/model/v5-…/build__model.json` → its tag). */
function recordedTag(version: StoredVersion): string | undefined {
  const location = version.locations.find((l) => l.kind === "release");
  return location ? location.ref.slice(0, location.ref.lastIndexOf("/")) : undefined;
}

export interface ReleaseStoreOptions {
  /**
   * Opens the client when a release is first read or written. Octokit is code that every job
   * which only looks at recorded tags (a plan, an asset job whose versions live in the cache)
   * would otherwise compile at start, since the chain opens all its remotes at once.
   */
  client: () => Promise<GitHubClient>;
  /** The client's repository, for messages before it is opened. */
  repository: { owner: string; repo: string };
  /** The project whose versions this store publishes (part of every tag). */
  project: string;
  /** The commit this run built (release tags point at it). */
  commit?: string | undefined;
}

/** Release assets as a store backend, through the GitHub REST API. */
export class ReleaseStore implements Store {
  readonly kind = "release" as const;
  readonly description: string;
  private opened: Promise<GitHubClient> | undefined;

  constructor(private readonly options: ReleaseStoreOptions) {
    this.description = `releases of ${options.repository.owner}/${options.repository.repo}`;
  }

  private client(): Promise<GitHubClient> {
    this.opened ??= this.options.client();
    return this.opened;
  }

  async has(version: StoredVersion): Promise<boolean> {
    // Releases are kept until someone deletes them: a recorded location is trusted without a call.
    return recordedTag(version) !== undefined;
  }

  async fetch(version: StoredVersion, staging: string): Promise<boolean> {
    const tag = recordedTag(version);
    if (!tag) return false;
    return downloadReleaseVersion({
      client: await this.client(),
      tag,
      files: Object.keys(version.outputs),
      root: staging,
    });
  }

  async save(version: StoredVersion, root: string): Promise<StoreLocation[]> {
    const uploaded = await uploadReleaseVersion({
      client: await this.client(),
      project: this.options.project,
      asset: version.asset,
      version: version.version,
      dataVersion: version.dataVersion,
      files: Object.keys(version.outputs),
      root,
      commit: this.options.commit,
    });
    if (!uploaded.ok)
      throw new Error(`could not publish ${version.asset} v${version.version}: ${uploaded.message}`);
    return uploaded.locations;
  }

  describeLookup(version: StoredVersion): string {
    return `release ${recordedTag(version) ?? `of ${version.asset} v${version.version} (none recorded)`}`;
  }
}
