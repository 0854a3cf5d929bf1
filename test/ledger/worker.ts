// A child process that writes to a ledger as `kiln run` does for a promoted asset: reads the
// champion, decides against it (decidePromotion), records the version with that verdict, then
// moves the alias with the production promotion loop (promoteIfBetter: compare-and-swap, and on
// a lost race the decision taken again against the new holder), exactly the calls
// src/run/materialize.ts makes. Each record's mae is given by the test, so siblings racing to
// promote better and worse models show whether the loop ever leaves the worse one as champion.
// Usage: node worker.ts local|branch DIR ASSET ID MAE[,MAE…] — prints a WorkerResult.
import path from "node:path";
import { BranchLedger } from "../../src/ledger/branch.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { LocalLedger } from "../../src/ledger/local.js";
import type { PromoteSpec } from "../../src/manifest/project.js";
import { currentHolder, promoteIfBetter } from "../../src/run/promote.js";
import { decidePromotion } from "../../src/run/promotion.js";
import { newMaterialization, WORKER_SPEC } from "./fixtures.js";

const [backend, dir, asset, id, maes] = process.argv.slice(2) as [string, string, string, string, string];
const ledger: Ledger =
  backend === "branch" ? new BranchLedger({ cwd: dir }) : new LocalLedger(path.join(dir, ".kiln", "ledger"));
const spec: PromoteSpec = WORKER_SPEC;

const versions: number[] = [];
let wins = 0;
let losses = 0;
for (const [i, mae] of maes.split(",").map(Number).entries()) {
  await ledger.refresh?.(); // see what the siblings wrote since, as a new run would
  const holder = await currentHolder(ledger, asset, spec.alias);
  if (!holder.ok) throw new Error(holder.error);
  const draft = newMaterialization(asset, { metrics: { mae }, reasons: [`writer ${id} record ${i}`] });
  const verdict = decidePromotion({
    spec,
    metrics: draft.metrics,
    checks: draft.checks,
    holder: holder.holder,
  });
  const record = await ledger.recordMaterialization({ ...draft, promotion: verdict });
  versions.push(record.version);
  const outcome = await promoteIfBetter({ ledger, spec, record, verdict, by: `writer ${id}` });
  if (outcome.moved) wins++;
  else losses++;
}
const problems = ledger.problems();
if (problems.length > 0) {
  process.stderr.write(`problems: ${JSON.stringify(problems)}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ versions, wins, losses }));
