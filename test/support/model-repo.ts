// A one-asset repository whose model's metric is set by a file (`mae.txt`): each `train` is a new
// version with that metric, promoted to champion by the manifest's promote-if-better rule. For the
// tests of corrupt ledger state, which need a champion history to damage.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../ledger/fixtures.js";
import { commitNewRepository, gitScript } from "./git-script.js";
import { kilnIn } from "./kiln-in-process.js";

const MANIFEST = `version: 1
name: corrupt
assets:
  model:
    code: [train.sh]
    inputs: [mae.txt]
    run: sh train.sh
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    promote: {}
`;

// A shell step: the tests train many versions, and a node process each was most of their time.
const TRAIN = `mae=$(cat mae.txt)
mkdir -p build
printf '{"mae":%s}' "$mae" > build/model.json
printf '{"mae":%s}' "$mae" > "$KILN_METRICS"
`;

/** A committed repository with the model, trained at mae 50 on the first `train`. */
export function modelRepo(): string {
  const dir = tempDir("kiln-corrupt-");
  writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
  writeFileSync(path.join(dir, "train.sh"), TRAIN);
  writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\n");
  writeFileSync(path.join(dir, "mae.txt"), "50");
  commitNewRepository(dir, "init");
  return dir;
}

/** Gives the repository a bare `origin` (with main pushed) to keep the ledger branch on. */
export function withRemote(dir: string): string {
  const remote = `${dir}-remote.git`;
  gitScript(
    dir,
    'git init -q --bare -b main "$1"\ngit remote add origin "$1"\ngit push -q origin main',
    remote,
  );
  return remote;
}

/** Trains with the given metric (an input change makes the asset stale). */
export async function train(dir: string, mae: number) {
  writeFileSync(path.join(dir, "mae.txt"), String(mae));
  return kilnIn(dir, ["run", "model"]);
}

export function ledgerFile(dir: string, file: string): string {
  return path.join(dir, ".kiln/ledger/projects/corrupt", file);
}
