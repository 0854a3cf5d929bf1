// One case per row of the environment table in docs/concepts.md ("Environments and promotion"),
// each run through the entry a user reaches it by: `kiln run` (in-process, real git, real child
// processes) or the action's `run` command with the variables GitHub sets. Every case trains a
// real step in a fresh repository and reads the ledger: the environment recorded, the config the
// step saw (it reports `epochs` as a metric) and whether `champion` moved. A fresh ledger has no
// champion, so the first qualifying version is promoted exactly when the rules allow it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.js";
import { materializeAction } from "../../src/action/materialize.js";
import { openLedger } from "../../src/ledger/open.js";
import { loadManifest } from "../../src/manifest/load.js";
import { epochsManifest, epochsProject } from "../support/epochs-project.js";
import { type GitHubEvent, jobEnv, recordingIO } from "../support/action-io.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = (epochs: number) => epochsManifest({ epochs, promote: true, staging: true });

const git = gitIn;

type Checkout =
  | { kind: "branch"; name: string }
  | { kind: "pull-request"; head: string; base: string }
  | { kind: "detached" }
  | { kind: "no-git" };

/** A project with one commit on its first branch (main unless given) and on release, then the checkout the row describes. */
function project(checkout: Checkout, first = "main"): string {
  const dir = epochsProject("kiln-env-rules-", { epochs: 60, promote: true, staging: true });
  if (checkout.kind === "no-git") return dir;
  git(dir, "init", "-q", "-b", first);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  git(dir, "branch", "release");
  if (checkout.kind === "branch") git(dir, "checkout", "-q", "-B", checkout.name);
  if (checkout.kind === "detached") git(dir, "checkout", "-q", "--detach");
  if (checkout.kind === "pull-request") {
    // The pull request's own change: more epochs. Trained in the base's config, it must show.
    git(dir, "checkout", "-q", checkout.base);
    git(dir, "checkout", "-q", "-b", checkout.head);
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST(80));
    git(dir, "commit", "-qam", "more epochs");
  }
  return dir;
}

async function viaCli(dir: string, args: string[]): Promise<string> {
  const result = await kilnIn(dir, ["run", "model", ...args]);
  expect(result.code, result.output).toBe(0);
  return result.output;
}

/** The action's `run` command as a GitHub job runs it (GitHub's stores left out: no remote outputs). */
async function viaAction(dir: string, github: GitHubEvent, environmentInput = ""): Promise<string> {
  const { io, logs, failed } = recordingIO(dir, jobEnv(dir, github));
  const given: Record<string, string> = { command: "run", selection: "model", environment: environmentInput };
  const read = readInputs((name) => given[name] ?? "");
  if (!read.ok) throw new Error(read.error);
  const result = await materializeAction(io, read.inputs);
  expect(result.failed, logs.join("\n")).toBe(false);
  expect(failed).toEqual([]);
  return logs.join("\n");
}

async function outcome(dir: string) {
  // The project's namespace in the ledger, as every command opens it.
  const loaded = loadManifest(path.join(dir, "kiln.yml"));
  if (!loaded.ok) throw new Error("kiln.yml does not load");
  const ledger = await openLedger({ kind: "local", root: dir, project: loaded.value.project.name });
  const records = await ledger.materializations("model");
  expect(records).toHaveLength(1);
  const record = records[0]!;
  const moves = (await ledger.aliasHistory("model")).filter((e) => e.alias === "champion");
  const model = JSON.parse(readFileSync(path.join(dir, "build/model.json"), "utf8")) as { env: string };
  return {
    environment: record.context.environment,
    stepSawEnv: model.env,
    epochs: record.metrics.epochs,
    promoted: moves.some((e) => e.to === record.version),
    reason: record.promotion?.reason,
  };
}

interface Row {
  /** The row of the table in docs/concepts.md, and what it says. */
  row: string;
  checkout: Checkout;
  run: (dir: string) => Promise<string>;
  /** The repository's first and default branch, when not main (no remote: git cannot tell). */
  defaultBranch?: string;
  environment: string;
  epochs: number;
  promotes: boolean;
  /** Why not, as the record says. */
  because?: string;
}

const rows: Row[] = [
  {
    row: "1. local run on main (the default branch, listed by no environment) → prod, promotes",
    checkout: { kind: "branch", name: "main" },
    run: (dir) => viaCli(dir, []),
    environment: "prod",
    epochs: 60,
    promotes: true,
  },
  {
    row: "2. push to main (action) → prod, promotes",
    checkout: { kind: "branch", name: "main" },
    run: (dir) => viaAction(dir, { event: "push", ref: "refs/heads/main", refName: "main" }),
    environment: "prod",
    epochs: 60,
    promotes: true,
  },
  {
    row: "3. schedule on main (action) → prod, promotes",
    checkout: { kind: "detached" },
    run: (dir) => viaAction(dir, { event: "schedule", ref: "refs/heads/main", refName: "main" }),
    environment: "prod",
    epochs: 60,
    promotes: true,
  },
  {
    // GitHub's schedule payload names no default branch and actions/checkout sets no origin/HEAD:
    // the schedule's own ref is the default branch (GitHub runs schedules there only).
    row: "3. schedule on trunk, a default branch other than main (action) → prod, promotes",
    checkout: { kind: "detached" },
    defaultBranch: "trunk",
    run: (dir) => viaAction(dir, { event: "schedule", ref: "refs/heads/trunk", refName: "trunk" }),
    environment: "prod",
    epochs: 60,
    promotes: true,
  },
  {
    row: "4. local run or push on another branch (feature/x) → dev, no promotion",
    checkout: { kind: "branch", name: "feature/x" },
    run: (dir) => viaCli(dir, ["--event", "push"]),
    environment: "dev",
    epochs: 5,
    promotes: false,
    because: "only prod promotes; this run is in dev",
  },
  {
    row: "5. push to a branch another environment lists (release → staging) → staging, no promotion",
    checkout: { kind: "branch", name: "release" },
    run: (dir) => viaCli(dir, ["--event", "push"]),
    environment: "staging",
    epochs: 30,
    promotes: false,
    because: "only prod promotes; this run is in staging",
  },
  {
    row: "6. pull request feature/x → main (action) → prod's config with the PR's change, never promotes",
    checkout: { kind: "pull-request", head: "feature/x", base: "main" },
    run: (dir) =>
      viaAction(dir, {
        event: "pull_request",
        ref: "refs/pull/1/merge",
        refName: "1/merge",
        headRef: "feature/x",
        baseRef: "main",
      }),
    environment: "prod",
    epochs: 80,
    promotes: false,
    because: "pull requests never promote",
  },
  {
    row: "6. pull request feature/x → main (kiln run --event pull_request --base main) → same",
    checkout: { kind: "pull-request", head: "feature/x", base: "main" },
    run: (dir) => viaCli(dir, ["--event", "pull_request", "--base", "main"]),
    environment: "prod",
    epochs: 80,
    promotes: false,
    because: "pull requests never promote",
  },
  {
    row: "6. pull request feature/x → main given as --base refs/remotes/origin/main → same",
    checkout: { kind: "pull-request", head: "feature/x", base: "main" },
    run: (dir) => viaCli(dir, ["--event", "pull_request", "--base", "refs/remotes/origin/main"]),
    environment: "prod",
    epochs: 80,
    promotes: false,
    because: "pull requests never promote",
  },
  {
    row: "7. pull request into release → staging (its base's environment), never promotes",
    checkout: { kind: "pull-request", head: "fix", base: "release" },
    run: (dir) => viaCli(dir, ["--event", "pull_request", "--base", "release"]),
    environment: "staging",
    epochs: 30,
    promotes: false,
    because: "only prod promotes; this run is in staging",
  },
  {
    row: "8. --env dev on main → dev, no promotion",
    checkout: { kind: "branch", name: "main" },
    run: (dir) => viaCli(dir, ["--env", "dev"]),
    environment: "dev",
    epochs: 5,
    promotes: false,
    because: "only prod promotes; this run is in dev",
  },
  {
    row: "9. --env prod on another branch → prod's config, no promotion",
    checkout: { kind: "branch", name: "feature/x" },
    run: (dir) => viaCli(dir, ["--env", "prod"]),
    environment: "prod",
    epochs: 60,
    promotes: false,
    because: "--env prod does not promote on branch feature/x, which selects dev",
  },
  {
    row: "10. --env prod on main → prod, promotes (the override names the branch's own environment)",
    checkout: { kind: "branch", name: "main" },
    run: (dir) => viaAction(dir, { event: "push", ref: "refs/heads/main", refName: "main" }, "prod"),
    environment: "prod",
    epochs: 60,
    promotes: true,
  },
  {
    row: "11. a folder outside git → dev, no promotion",
    checkout: { kind: "no-git" },
    run: (dir) => viaCli(dir, []),
    environment: "dev",
    epochs: 5,
    promotes: false,
    because: "only prod promotes; this run is in dev",
  },
  {
    row: "12. --env prod outside git → prod's config, no promotion",
    checkout: { kind: "no-git" },
    run: (dir) => viaCli(dir, ["--env", "prod"]),
    environment: "prod",
    epochs: 60,
    promotes: false,
    because: "only a git checkout promotes; this folder is not a git repository",
  },
  {
    row: "13. a detached HEAD, locally → dev, no promotion",
    checkout: { kind: "detached" },
    run: (dir) => viaCli(dir, []),
    environment: "dev",
    epochs: 5,
    promotes: false,
    because: "only prod promotes; this run is in dev",
  },
];

describe("the environment table of docs/concepts.md, one case per row", () => {
  it.each(rows)(
    "$row",
    async (row) => {
      const dir = project(row.checkout, row.defaultBranch);
      await row.run(dir);
      const seen = await outcome(dir);
      expect(seen.environment).toBe(row.environment);
      expect(seen.stepSawEnv).toBe(row.environment);
      expect(seen.epochs).toBe(row.epochs);
      expect(seen.promoted).toBe(row.promotes);
      if (row.because) expect(seen.reason).toBe(row.because);
    },
    60_000,
  );
});
