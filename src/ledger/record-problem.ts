// One version's record read for a command that asked for that version by name: when it does not
// read back, the problem the ledger reported for it, so the command says why (not that the version
// does not exist).
import type { MaterializationRecord } from "../domain/records.js";
import type { Ledger, LedgerProblem } from "./ledger.js";
import { materializationPath, materializationsDir } from "./layout.js";

/**
 * The problem reported for `asset` v`version`: the first one reported since `since` (the count of
 * problems before the read; a pack's damage is reported under the pack's path), else one already
 * reported earlier in this process under the record's own file (never reported twice).
 */
export function recordProblem(
  ledger: Pick<Ledger, "problems">,
  asset: string,
  version: number,
  since: number,
): LedgerProblem | undefined {
  const problems = ledger.problems();
  const file = `/${materializationPath(asset, version)}`;
  return problems.slice(since)[0] ?? problems.find((p) => p.path.replaceAll("\\", "/").endsWith(file));
}

/**
 * The problems reported so far under `asset`'s records (loose records and packs alike): a command
 * that found no readable version says how many did not read back, not only that none exists.
 */
export function assetRecordProblems(ledger: Pick<Ledger, "problems">, asset: string): LedgerProblem[] {
  const dir = `/${materializationsDir(asset)}/`;
  return ledger.problems().filter((p) => p.path.replaceAll("\\", "/").includes(dir));
}

/**
 * `asset` v`version`'s record, or why it did not read back: `problem` is what the ledger reported
 * (undefined when it reported nothing), `detail` the text a message appends (`: FILE: WHAT`, or "").
 */
export async function readNamedRecord(
  ledger: Pick<Ledger, "problems" | "materialization">,
  asset: string,
  version: number,
): Promise<
  | { ok: true; record: MaterializationRecord }
  | { ok: false; problem: LedgerProblem | undefined; detail: string }
> {
  const since = ledger.problems().length;
  const record = await ledger.materialization(asset, version);
  if (record) return { ok: true, record };
  const problem = recordProblem(ledger, asset, version, since);
  return { ok: false, problem, detail: problem ? `: ${problem.path}: ${problem.message}` : "" };
}
