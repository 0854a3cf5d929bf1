// Chooses the ledger backend: the local directory, or (in GitHub Actions) the `kiln-ledger` branch.
import path from "node:path";
import { hasRemote } from "../git/ledger-branch.js";
import { repoRoot } from "../git/repo.js";
import { LocalLedger } from "./local.js";
import type { Ledger } from "./ledger.js";

export interface OpenLedgerOptions {
  /** `auto`: the branch in GitHub Actions when the checkout has the remote, the directory elsewhere. */
  kind: "local" | "branch" | "auto";
  /** The project root; the local ledger lives in `<root>/.kiln/ledger`. */
  root: string;
  inActions?: boolean | undefined;
  /** Default `origin`. */
  remote?: string | undefined;
  /** Default `kiln-ledger`. */
  branch?: string | undefined;
}

/** True when `auto` would pick the branch: in Actions, inside a repository that has the remote. */
async function branchAvailable(root: string, remote: string): Promise<boolean> {
  const top = await repoRoot(root);
  return top !== undefined && (await hasRemote(top, remote));
}

export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  const remote = options.remote ?? "origin";
  const useBranch =
    options.kind === "branch" ||
    (options.kind === "auto" && options.inActions === true && (await branchAvailable(options.root, remote)));
  if (useBranch) {
    const { openBranchLedger } = await import("./branch.js");
    return openBranchLedger({ root: options.root, remote, branch: options.branch });
  }
  return new LocalLedger(path.join(options.root, ".kiln", "ledger"));
}
