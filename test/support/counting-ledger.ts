// A real ledger whose record reads are noted down (`asset@vN`, `asset@all` for a whole history),
// for tests that check which records a command reads, not what it answers.
import type { Ledger } from "../../src/ledger/ledger.js";

/** Which reads count: whole records (materialization, materializations) and, optionally, checks. */
export function countingLedger<L extends Ledger>(
  ledger: L,
  read: string[],
  options: { intactChecks: boolean },
): L {
  return new Proxy(ledger, {
    get(target, key, receiver) {
      if (key === "materialization" || (key === "recordIntact" && options.intactChecks))
        return (asset: string, version: number) => {
          read.push(`${asset}@v${version}`);
          return key === "materialization"
            ? target.materialization(asset, version)
            : target.recordIntact!(asset, version);
        };
      if (key === "materializations")
        return (asset: string) => {
          read.push(`${asset}@all`);
          return target.materializations(asset);
        };
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
