// Which problem the ledger reported for one version's record, for a command that asked for that
// version and must say why it did not read back (not that the version does not exist).
import type { Ledger, LedgerProblem } from "./ledger.js";
import { materializationPath } from "./layout.js";

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
