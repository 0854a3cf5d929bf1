import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  writeInto
} from "./chunk-SJSYFK5C.js";
import {
  insideOrThrow
} from "./chunk-YT4HA7MX.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/store/release.ts
import { writeFile } from "node:fs/promises";
function releaseTag(asset, version) {
  return `kiln/${asset}/v${version}`;
}
function releaseAssetName(file) {
  return file.replaceAll("\\", "/").replaceAll("/", "__");
}
async function uploadReleaseVersion(input) {
  const tag = releaseTag(input.asset, input.version);
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
  const tag = input.tag ?? releaseTag(input.asset, input.version);
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
    this.description = `releases of ${options.client.owner}/${options.client.repo}`;
  }
  options;
  kind = "release";
  description;
  async has(version) {
    return recordedTag(version) !== void 0;
  }
  restore(version, root) {
    const tag = recordedTag(version);
    if (!tag) return Promise.resolve(false);
    return downloadReleaseVersion({
      client: this.options.client,
      asset: version.asset,
      version: version.version,
      files: Object.keys(version.outputs),
      root,
      tag
    });
  }
  async save(version, root) {
    const uploaded = await uploadReleaseVersion({
      client: this.options.client,
      asset: version.asset,
      version: version.version,
      files: Object.keys(version.outputs),
      root,
      commit: this.options.commit
    });
    if (!uploaded.ok)
      throw new Error(`could not publish ${version.asset} v${version.version}: ${uploaded.message}`);
    return uploaded.locations;
  }
  describeLookup(version) {
    return `release ${recordedTag(version) ?? `${releaseTag(version.asset, version.version)} (none recorded)`}`;
  }
};
export {
  ReleaseStore,
  downloadReleaseVersion,
  releaseAssetName,
  releaseTag,
  uploadReleaseVersion
};
