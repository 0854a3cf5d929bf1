// Chooses the ledger backend: the local directory, or (in GitHub Actions) the `kiln-ledger` branch.
import path from "node:path";
import { LocalLedger } from "./local.js";
import type { Ledger } from "./types.js";

export interface OpenLedgerOptions {
  kind: "local" | "branch" | "auto";
  /** The project root; the local ledger lives in `<root>/.kiln/ledger`. */
  root: string;
  inActions?: boolean | undefined;
  remote?: string | undefined;
  branch?: string | undefined;
}

export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  const useBranch = options.kind === "branch" || (options.kind === "auto" && options.inActions === true);
  if (useBranch) {
    const { openBranchLedger } = await import("./branch.js");
    return openBranchLedger({ root: options.root, remote: options.remote, branch: options.branch });
  }
  return new LocalLedger(path.join(options.root, ".kiln", "ledger"));
}
