import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  insideOrThrow,
  sha256,
  writeInto
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/store/release.ts
import { writeFile } from "node:fs/promises";
function releaseTag(project, asset, version, dataVersion) {
  return `kiln/${project}/${asset}/v${version}-${dataVersion.slice(0, 12)}`;
}
var KEPT_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/;
function releaseAssetName(file) {
  const name = file.replaceAll("\\", "/").replaceAll("/", "__");
  if (KEPT_NAME.test(name)) return name;
  const plain = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+|\.+$/g, "");
  const digest = sha256(file).slice(0, 8);
  const dot = plain.lastIndexOf(".");
  return dot > 0 ? `${plain.slice(0, dot)}-${digest}${plain.slice(dot)}` : `${plain}-${digest}`;
}
async function uploadReleaseVersion(input) {
  const tag = releaseTag(input.project, input.asset, input.version, input.dataVersion);
  const locations = [];
  for (const file of input.files) {
    const uploaded = await input.client.uploadReleaseAsset({
      tag,
      name: releaseAssetName(file),
      file: await insideOrThrow(input.root, file, "read"),
      targetCommitish: input.commit
    });
    if (!uploaded.ok) return uploaded;
    locations.push({ kind: "release", ref: `${tag}/${uploaded.value.name}`, url: uploaded.value.url });
  }
  return { ok: true, locations };
}
async function downloadReleaseVersion(input) {
  const { tag } = input;
  for (const file of input.files) await insideOrThrow(input.root, file, "write");
  for (const file of input.files) {
    const bytes = await input.client.downloadReleaseAsset({ tag, name: releaseAssetName(file) });
    if (!bytes) return false;
    await writeInto(input.root, file, (temp) => writeFile(temp, bytes));
  }
  return true;
}
function recordedTag(version) {
  const location = version.locations.find((l) => l.kind === "release");
  return location ? location.ref.slice(0, location.ref.lastIndexOf("/")) : void 0;
}
var ReleaseStore = class {
  constructor(options) {
    this.options = options;
    this.description = `releases of ${options.repository.owner}/${options.repository.repo}`;
  }
  options;
  kind = "release";
  description;
  opened;
  client() {
    this.opened ??= this.options.client();
    return this.opened;
  }
  async has(version) {
    return recordedTag(version) !== void 0;
  }
  async fetch(version, staging) {
    const tag = recordedTag(version);
    if (!tag) return false;
    return downloadReleaseVersion({
      client: await this.client(),
      tag,
      files: Object.keys(version.outputs),
      root: staging
    });
  }
  async save(version, root) {
    const uploaded = await uploadReleaseVersion({
      client: await this.client(),
      project: this.options.project,
      asset: version.asset,
      version: version.version,
      dataVersion: version.dataVersion,
      files: Object.keys(version.outputs),
      root,
      commit: this.options.commit
    });
    if (!uploaded.ok)
      throw new Error(`could not publish ${version.asset} v${version.version}: ${uploaded.message}`);
    return uploaded.locations;
  }
  describeLookup(version) {
    return `release ${recordedTag(version) ?? `of ${version.asset} v${version.version} (none recorded)`}`;
  }
};
export {
  ReleaseStore,
  downloadReleaseVersion,
  releaseAssetName,
  releaseTag,
  uploadReleaseVersion
};
