// A one-asset project whose model trains for `epochs` (config) and reports loss = 1/epochs, so a
// test sees which config a run trained (more epochs, lower loss: each new version is better).
// Dev overrides epochs to 5; a `staging` environment on branch `release` can be added.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface EpochsManifest {
  epochs: number;
  /** Project name (defaults to the directory's, which differs between a repo and its clone). */
  name?: string;
  promote?: boolean;
  /** Adds `staging: { branches: [release], config: { model: { epochs: 30 } } }`. */
  staging?: boolean;
}

export function epochsManifest(options: EpochsManifest): string {
  return `version: 1
${options.name ? `name: ${options.name}\n` : ""}assets:
  model:
    code: [train.mjs]
    config: { epochs: ${options.epochs} }
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: loss, direction: minimize }
${options.promote ? "    promote: {}\n" : ""}environments:
  dev: { config: { model: { epochs: 5 } } }
${options.staging ? "  staging: { branches: [release], config: { model: { epochs: 30 } } }\n" : ""}`;
}

/** Writes the environment it ran in into the model and the epochs it saw into the metrics. */
export const TRAIN_SCRIPT = `import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
const { epochs } = JSON.parse(readFileSync(process.env.KILN_CONFIG, "utf8"));
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", JSON.stringify({ epochs, env: process.env.KILN_ENV }));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ loss: 1 / epochs, epochs }));
`;

/** A temporary directory holding the project (not yet a git repository). */
export function epochsProject(prefix: string, manifest: EpochsManifest): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(dir, "kiln.yml"), epochsManifest(manifest));
  writeFileSync(path.join(dir, "train.mjs"), TRAIN_SCRIPT);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\n");
  return dir;
}
