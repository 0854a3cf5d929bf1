// GitHub's stores for the action: the Actions cache carries outputs between the jobs of a run
// (keyed by data version, so equal bytes share one entry), artifacts keep each version of an asset
// that asks for them, and release assets keep versions for good (`store: release`).
import path from "node:path";
import { githubClientFromEnv } from "../github/client.js";
import type { MaterializationRecord, StoreLocation } from "../domain/records.js";
import type { Workspace } from "../run/workspace.js";
import { restoreOutputs, saveOutputs } from "../store/actions-cache.js";
import { uploadVersion } from "../store/artifact.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import type { RemoteOutputs } from "./materialize.js";

export function githubRemoteOutputs(io: ActionIO, inputs: ActionInputs): RemoteOutputs {
  const runUrl =
    io.env.GITHUB_REPOSITORY && io.env.GITHUB_RUN_ID
      ? `${io.env.GITHUB_SERVER_URL ?? "https://github.com"}/${io.env.GITHUB_REPOSITORY}/actions/runs/${io.env.GITHUB_RUN_ID}`
      : undefined;
  return {
    async restore(workspace: Workspace, record: MaterializationRecord): Promise<boolean> {
      return restoreOutputs({
        asset: record.asset,
        dataVersion: record.dataVersion,
        paths: Object.keys(record.outputs),
        root: workspace.project.root,
      });
    },

    async publish(workspace: Workspace, record: MaterializationRecord): Promise<StoreLocation[]> {
      const asset = workspace.project.assets.get(record.asset);
      const files = Object.keys(record.outputs);
      if (!asset || files.length === 0) return [];
      const root = workspace.project.root;
      const saved = await saveOutputs({
        asset: record.asset,
        dataVersion: record.dataVersion,
        paths: files,
        root,
      });
      const locations = [saved.location];
      if (asset.store === "artifact" || asset.store === "release") {
        const uploaded = await uploadVersion({
          asset: record.asset,
          version: record.version,
          files,
          root,
          retentionDays: asset.retentionDays,
          run: io.env.GITHUB_RUN_ID ? { id: io.env.GITHUB_RUN_ID, url: runUrl } : undefined,
        });
        locations.push(uploaded.location);
      }
      if (asset.store === "release") {
        const client = githubClientFromEnv(inputs.token, io.env);
        for (const file of files) {
          const uploaded = await client.uploadReleaseAsset({
            tag: `kiln/${record.asset}/v${record.version}`,
            name: file.replaceAll("/", "__"),
            file: path.join(root, file),
          });
          if (uploaded.ok)
            locations.push({
              kind: "release",
              ref: `${uploaded.value.tag}/${uploaded.value.name}`,
              url: uploaded.value.url,
            });
          else io.warning(`could not upload ${file} as a release asset: ${uploaded.message}`);
        }
      }
      return locations;
    },
  };
}
