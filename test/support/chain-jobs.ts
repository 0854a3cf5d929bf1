// A three-asset chain (data → features → model) in a fresh repository, and one asset job of a
// generated workflow run in-process as the job calls the action: shared by the tests of layer legs
// (test/action/upstream-gate.test.ts) and of re-run attempts (test/action/rerun-attempts.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { recordingIO } from "./action-io.js";
import { commitNewRepository } from "./git-script.js";

export const CHAIN_MANIFEST = `version: 1
assets:
  data:
    code: [steps/data.sh]
    run: sh steps/data.sh
    outputs: [build/data.txt]
  features:
    deps: [data]
    code: [steps/features.sh]
    run: sh steps/features.sh
    outputs: [build/features.txt]
  model:
    deps: [features]
    code: [steps/model.sh]
    run: sh steps/model.sh
    outputs: [build/model.txt]
`;

/**
 * The chain committed in a new repository. Each step fails while its flag file exists (`down`),
 * kept outside the repository so that it is no input of any asset.
 */
export function chainProject(prefix: string) {
  const flags = mkdtempSync(path.join(os.tmpdir(), `${prefix}flags-`));
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(dir, "steps"));
  writeFileSync(path.join(dir, "kiln.yml"), CHAIN_MANIFEST);
  const step = (name: string, body: string) =>
    `if [ -f '${path.join(flags, name)}' ]; then echo '${name}: network down' >&2; exit 1; fi\nmkdir -p build && ${body}\n`;
  writeFileSync(path.join(dir, "steps/data.sh"), step("data", "echo 1,2,3 > build/data.txt"));
  writeFileSync(
    path.join(dir, "steps/features.sh"),
    step("features", "wc -c < build/data.txt > build/features.txt"),
  );
  writeFileSync(path.join(dir, "steps/model.sh"), step("model", "cat build/features.txt > build/model.txt"));
  writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
  commitNewRepository(dir, "init");
  return {
    dir,
    down: (name: string) => writeFileSync(path.join(flags, name), ""),
    up: (name: string) => rmSync(path.join(flags, name), { force: true }),
  };
}

/** One asset job in `env`, as the generated job calls the action (`force`: the plan's request). */
export async function assetJob(
  dir: string,
  asset: string,
  env: NodeJS.ProcessEnv,
  plan: Record<string, "run" | "skip">,
  force = false,
) {
  const recorded = recordingIO(dir, env);
  const given: Record<string, string> = {
    command: "materialize",
    asset,
    plan: JSON.stringify(plan),
    force: String(force),
  };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  const result = await materializeAction(recorded.io, read.inputs);
  return { ...recorded, outcomes: result.outcomes, jobFailed: result.failed };
}
