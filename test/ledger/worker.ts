// A child process that writes to a ledger as a run does: records a version, then tries to move
// `champion` to it from the holder it just read (a compare-and-swap that may lose to a sibling).
// Usage: node --import tsx worker.ts local|branch DIR ASSET RECORDS ID — prints a WorkerResult.
import path from "node:path";
import { aliasHolder } from "../../src/ledger/aliases.js";
import { BranchLedger } from "../../src/ledger/branch.js";
import { LocalLedger } from "../../src/ledger/local.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import { newMaterialization } from "./fixtures.js";

const [backend, dir, asset, count, id] = process.argv.slice(2);
const ledger: Ledger =
  backend === "branch"
    ? new BranchLedger({ cwd: dir! })
    : new LocalLedger(path.join(dir!, ".kiln", "ledger"));

const versions: number[] = [];
let wins = 0;
let losses = 0;
for (let i = 0; i < Number(count); i++) {
  const record = await ledger.recordMaterialization(
    newMaterialization(asset!, { metrics: { mae: i }, reasons: [`writer ${id} record ${i}`] }),
  );
  versions.push(record.version);
  await ledger.refresh?.(); // see what the siblings wrote since
  const holder = aliasHolder(await ledger.aliasHistory(asset!), "champion");
  const moved = await ledger.moveAlias({
    alias: "champion",
    asset: asset!,
    from: holder,
    to: record.version,
    by: `writer ${id}`,
    reason: `v${record.version} is newer`,
  });
  if (moved) wins++;
  else losses++;
}
const problems = ledger.problems();
if (problems.length > 0) {
  process.stderr.write(`problems: ${JSON.stringify(problems)}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ versions, wins, losses }));
