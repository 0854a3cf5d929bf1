// Chooses the ledger backend: the local directory, or (in GitHub Actions) the `kiln-ledger` branch.
import path from "node:path";
import { filesNamed, remoteUrl, repoRoot } from "../git/repo.js";
import { MANIFEST_NAMES } from "../manifest/manifest-file.js";
import { KILN_DIR_NAME } from "../paths/kiln-dir.js";
import { adoptLocalLegacy } from "./adopt-local.js";
import { CheckedRecords } from "./checked-records.js";
import { projectDir } from "./layout.js";
import { LedgerReadMemo } from "./read-memo.js";
import { LocalLedger } from "./local.js";
import type { Ledger, LedgerReaderSpec } from "./ledger.js";

export interface OpenLedgerOptions {
  /** `auto`: the branch in GitHub Actions when the checkout has the remote, the directory elsewhere. */
  kind: "local" | "branch" | "auto";
  /** The project root; the local ledger lives in `<root>/.kiln/ledger`. */
  root: string;
  /**
   * The repository's top level when the caller has asked git already (a workspace has): `null`
   * outside a repository; undefined, it is asked here when needed.
   */
  gitRoot?: string | null | undefined;
  inActions?: boolean | undefined;
  /** Default `origin`. */
  remote?: string | undefined;
  /** Default `kiln-ledger`. */
  branch?: string | undefined;
  /** For the branch: the token to fetch and push with, e.g. the action's `github-token`. */
  token?: string | undefined;
  /**
   * The URL of `origin` as the caller asks for it (a workspace names the repository by it): the
   * branch ledger checks the remote and authenticates with the same answer, so one git process
   * answers all three. Without it, asked here.
   */
  originUrl?: (() => Promise<string | undefined>) | undefined;
  /** The project whose namespace (`projects/<name>/`) the ledger reads and writes. */
  project: string;
  /**
   * Records from before projects existed (at the ledger's root): `auto` adopts them into this
   * project when it is the only manifest of the repository (always for `.kiln/ledger`, which sits
   * beside its manifest); `adopt` adopts them whatever else the repository holds (`kiln adopt-ledger`).
   */
  legacy?: "auto" | "adopt" | undefined;
}

/** The top level, from the caller when it knows it. */
async function topLevel(options: OpenLedgerOptions): Promise<string | undefined> {
  return options.gitRoot === undefined ? repoRoot(options.root) : (options.gitRoot ?? undefined);
}

/** True when no manifest other than this project's own is found in its repository. */
async function onlyManifest(options: OpenLedgerOptions): Promise<boolean> {
  const top = await topLevel(options);
  if (!top) return true;
  return (await filesNamed(top, MANIFEST_NAMES)).length <= 1;
}

/** The URL of `remote`, undefined outside a repository or when it has no such remote. */
async function remoteUrlOf(options: OpenLedgerOptions, remote: string): Promise<string | undefined> {
  const top = await topLevel(options);
  if (top === undefined) return undefined;
  return remote === "origin" && options.originUrl ? options.originUrl() : remoteUrl(top, remote);
}

export async function openLedger(options: OpenLedgerOptions): Promise<Ledger> {
  const remote = options.remote ?? "origin";
  // `auto` picks the branch in Actions, inside a repository that has the remote.
  const url =
    options.kind === "branch" || (options.kind === "auto" && options.inActions === true)
      ? await remoteUrlOf(options, remote)
      : undefined;
  if (options.kind === "branch" || (options.kind === "auto" && url !== undefined)) {
    const { openBranchLedger } = await import("./branch.js");
    return openBranchLedger({
      root: options.root,
      gitRoot: options.gitRoot,
      remote,
      remoteUrl: url,
      branch: options.branch,
      project: options.project,
      token: options.token,
      // Asked only when the branch still has the old layout: listing manifests costs a git call.
      legacy: async () => (options.legacy === "adopt" || (await onlyManifest(options)) ? "adopt" : "ignore"),
    });
  }
  const base = path.join(options.root, ".kiln", "ledger");
  const problems = await adoptLocalLegacy(base, options.project);
  const ledger = new LocalLedger(path.join(base, projectDir(options.project)), {
    description: `${base} (project ${options.project})`,
    checked: new CheckedRecords(path.join(options.root, KILN_DIR_NAME), options.project),
    memo: new LedgerReadMemo(path.join(options.root, KILN_DIR_NAME), options.project),
    locks: path.join(options.root, KILN_DIR_NAME, "locks", options.project),
  });
  for (const problem of problems) ledger.note(problem);
  return ledger;
}

/** A reader of the ledger another thread described (Ledger.readerSpec): it only reads. */
export async function openReader(spec: LedgerReaderSpec): Promise<Ledger> {
  if (spec.kind === "local") return new LocalLedger(spec.dir, { description: spec.description });
  const { BranchLedger } = await import("./branch.js");
  return new BranchLedger({
    cwd: spec.cwd,
    remote: spec.remote,
    branch: spec.branch,
    project: spec.project,
    at: { tip: spec.tip },
  });
}
