import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  insideOrThrow
} from "./chunk-DQNGLDMZ.js";

// src/store/artifact.ts
import { join, resolve } from "node:path";
var sdk = () => import("./artifact-OONDHYRF.js");
function artifactName(asset, version) {
  return `kiln-${asset}-v${version}`;
}
async function uploadVersion(input) {
  const root = resolve(input.root);
  const files = [];
  for (const file of input.files) files.push(await insideOrThrow(root, file, "read"));
  const name = artifactName(input.asset, input.version);
  const response = await uploadFiles(name, files, root, input.retentionDays);
  const runId = input.run?.id;
  const expires = /* @__PURE__ */ new Date();
  expires.setDate(expires.getDate() + retentionDaysKept(input.retentionDays));
  return {
    name,
    id: response.id,
    size: response.size,
    location: {
      kind: "artifact",
      ref: runId === void 0 ? name : `${name}@${runId}`,
      url: input.run?.url ? `${input.run.url}/artifacts/${response.id}` : void 0,
      id: response.id,
      runId: runId === void 0 ? void 0 : String(runId),
      expiresAt: expires.toISOString()
    }
  };
}
function retentionDaysKept(asked) {
  const limit = Number.parseInt(process.env.GITHUB_RETENTION_DAYS ?? "", 10);
  const repository = Number.isNaN(limit) || limit <= 0 ? void 0 : limit;
  const days = asked ?? repository ?? 90;
  return repository === void 0 ? days : Math.min(days, repository);
}
async function downloadVersion(input) {
  const name = artifactName(input.asset, input.version);
  const artifacts = await sdk();
  const client = new artifacts.DefaultArtifactClient();
  const find = input.findBy ? { findBy: input.findBy } : {};
  let id = input.id;
  try {
    id ??= (await client.getArtifact(name, find)).artifact.id;
    await client.downloadArtifact(id, { path: resolve(input.root), ...find });
  } catch (error) {
    if (isForbidden(error)) {
      throw new Error(
        `the token may not read artifact ${name} (HTTP 403: ${messageOf(error)}); the job's token needs the \`actions: read\` permission (\`permissions: { actions: read }\` in the workflow or the job)`
      );
    }
    if (error instanceof artifacts.ArtifactNotFoundError || isMissing(error)) return false;
    throw error;
  }
  return true;
}
async function uploadFiles(name, files, root, retentionDays) {
  const { ArtifactNotFoundError, DefaultArtifactClient } = await sdk();
  const client = new DefaultArtifactClient();
  await client.deleteArtifact(name).catch((error) => {
    if (!(error instanceof ArtifactNotFoundError) && !/not found/i.test(String(error))) throw error;
  });
  const response = await client.uploadArtifact(name, files, resolve(root), {
    ...retentionDays === void 0 ? {} : { retentionDays }
  });
  if (response.id === void 0) throw new Error(`uploading artifact ${name} returned no id`);
  return { id: response.id, size: response.size ?? 0 };
}
var ArtifactStore = class {
  constructor(options) {
    this.options = options;
    this.description = options.repository ? `artifacts of ${options.repository.owner}/${options.repository.repo}` : "artifacts of this run";
  }
  options;
  kind = "artifact";
  description;
  /** Recorded artifact locations that have not expired, newest first. */
  locations(version, now = /* @__PURE__ */ new Date()) {
    return version.locations.filter((l) => l.kind === "artifact" && l.id !== void 0).filter((l) => !l.expiresAt || new Date(l.expiresAt) > now).reverse();
  }
  async has(version) {
    return this.locations(version).some((l) => this.reachable(l));
  }
  reachable(location) {
    return location.runId === this.options.run?.id || this.options.repository !== void 0;
  }
  /**
   * The artifact is unpacked into the chain's staging folder, from which only the files the record
   * names are taken, each checked against the record: whatever else the archive holds, or wherever
   * its entries point, nothing reaches the workspace from here.
   */
  fetch(version, staging) {
    return this.download(version, staging);
  }
  async download(version, root) {
    for (const location of this.locations(version)) {
      if (!this.reachable(location)) continue;
      const repository = this.options.repository;
      const findBy = location.runId === this.options.run?.id || !repository || location.runId === void 0 ? void 0 : {
        token: repository.token,
        workflowRunId: Number(location.runId),
        repositoryOwner: repository.owner,
        repositoryName: repository.repo
      };
      const input = { asset: version.asset, version: version.version, id: location.id, root, findBy };
      if (await downloadVersion(input)) return true;
    }
    return false;
  }
  async save(version, root) {
    if (!this.options.run) throw new Error("artifacts can only be uploaded inside a workflow run");
    const uploaded = await uploadVersion({
      asset: version.asset,
      version: version.version,
      files: Object.keys(version.outputs),
      root,
      retentionDays: this.options.retentionDays(version.asset),
      run: this.options.run
    });
    return [uploaded.location];
  }
  describeLookup(version) {
    const recorded = this.locations(version);
    return recorded.length ? `artifact ${recorded.map((l) => `${l.ref} (id ${l.id})`).join(", ")}` : `artifacts (none recorded for ${version.asset} v${version.version}, or all expired)`;
  }
};
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function isMissing(error) {
  return /not found|404|410|expired|Unexpected status/i.test(messageOf(error));
}
function isForbidden(error) {
  const message = messageOf(error);
  if (/rate limit/i.test(message)) return false;
  const status = error?.status;
  return status === 403 || /\b403\b|forbidden/i.test(message);
}
async function downloadRunArtifacts(prefix, dir) {
  const { DefaultArtifactClient } = await sdk();
  const client = new DefaultArtifactClient();
  const { artifacts } = await client.listArtifacts({ latest: true });
  const chosen = artifacts.filter((a) => a.name.startsWith(prefix));
  for (const artifact of chosen)
    await client.downloadArtifact(artifact.id, { path: join(dir, artifact.name) });
  return chosen.map((a) => a.name);
}

export {
  artifactName,
  uploadVersion,
  downloadVersion,
  uploadFiles,
  ArtifactStore,
  downloadRunArtifacts
};
