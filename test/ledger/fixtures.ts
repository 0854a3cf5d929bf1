// Shared pieces of the ledger tests: plausible records, temporary directories, git repositories
// with a local bare remote, and child processes that write to a ledger concurrently.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NewFailure, NewMaterialization } from "../../src/domain/records.js";
import type { Ledger } from "../../src/ledger/ledger.js";
import type { PromoteSpec } from "../../src/manifest/project.js";
import { bundles } from "../support/bundles.js";
import { gitScript } from "../support/git-script.js";

export function tempDir(prefix = "kiln-ledger-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const provenance = {
  codeVersion: "c0de",
  code: { "train.py": "a".repeat(40) },
  runHash: "r1",
  config: { depth: 6 },
  env: {},
  inputs: { "data.csv": "b".repeat(40) },
  deps: {},
};

export function newMaterialization(
  asset: string,
  extra: Partial<NewMaterialization> = {},
): NewMaterialization {
  return {
    asset,
    status: "success",
    logicalVersion: "lv-1",
    dataVersion: "dv-1",
    provenance,
    outputs: { "build/model.json": { blob: "c".repeat(40), size: 12 } },
    locations: [{ kind: "local", ref: ".kiln/store" }],
    metrics: { mae: 61.5 },
    series: [{ step: 1, loss: 0.5 }],
    checks: [{ name: "mae < 70", kind: "metric", blocking: true, passed: true, message: "mae = 61.5 < 70" }],
    reasons: ["never materialized"],
    context: { event: "local", environment: "dev" },
    startedAt: "2026-11-23T06:00:00.000Z",
    finishedAt: "2026-11-23T06:01:00.000Z",
    durationMs: 60_000,
    attempts: 1,
    ...extra,
  };
}

export function newFailure(asset: string, startedAt: string): NewFailure {
  return {
    asset,
    status: "failed",
    logicalVersion: "lv-1",
    provenance,
    error: "exit code 1",
    logTail: ["Traceback", "ValueError: bad"],
    checks: [],
    metrics: {},
    reasons: ["code changed (train.py)"],
    context: { event: "local", environment: "dev" },
    startedAt,
    finishedAt: startedAt,
    durationMs: 5,
    attempts: 1,
  };
}

export function gitSync(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
}

/** A bare remote with one commit on main, and `count` clones of it. */
export function remoteWithClones(count: number): { remote: string; clones: string[] } {
  const base = tempDir("kiln-branch-");
  const remote = path.join(base, "remote.git");
  const clones = Array.from({ length: count }, (_, i) => path.join(base, `clone-${i}`));
  gitScript(
    base,
    `remote="$1"
shift
git init -q --bare -b main "$remote"
git init -q -b main seed
cd seed
git commit -q --allow-empty -m first
git remote add origin "$remote"
git push -q origin main
cd ..
for clone in "$@"; do git clone -q "$remote" "$clone"; done`,
    remote,
    ...clones,
  );
  return { remote, clones };
}

export interface WorkerResult {
  versions: number[];
  wins: number;
  losses: number;
}

/** What the workers promote by: the lowest mae takes `champion`, as a manifest's `promote:` says. */
export const WORKER_SPEC: PromoteSpec = { alias: "champion", metric: "mae", direction: "minimize" };

/**
 * Distinct maes for `writers` × `each` records, in an order unrelated to who writes first (37 is
 * coprime with 101), so better and worse models race each other; writer i gets row i.
 */
export function racingMaes(writers: number, each: number): number[][] {
  if (writers * each > 101) throw new Error("at most 101 distinct maes");
  return Array.from({ length: writers }, (_, w) =>
    Array.from({ length: each }, (_, i) => ((w * each + i) * 37) % 101),
  );
}

/**
 * What promotion under contention must leave, whatever the interleaving: every move in the alias
 * history starts from the previous holder and goes to a strictly better model, and the champion
 * is the best model recorded (a loop that lost a race and did not decide again would leave a
 * worse one). Returns what is wrong, one line each; empty when all holds.
 */
export async function promotionViolations(ledger: Ledger, asset: string): Promise<string[]> {
  const records = await ledger.materializations(asset);
  const mae = new Map(records.map((r) => [r.version, r.metrics.mae!]));
  const wrong: string[] = [];
  let holder: number | null = null;
  for (const move of await ledger.aliasHistory(asset)) {
    if (move.from !== holder) wrong.push(`a move from v${move.from} while v${holder} held the alias`);
    if (holder !== null && move.to !== null && !(mae.get(move.to)! < mae.get(holder)!))
      wrong.push(
        `v${move.to} (mae ${mae.get(move.to)}) replaced the better v${holder} (mae ${mae.get(holder)})`,
      );
    holder = move.to;
  }
  const best = records.reduce((a, b) => (b.metrics.mae! < a.metrics.mae! ? b : a));
  if (holder !== best.version)
    wrong.push(`champion is v${holder}, not the best model v${best.version} (mae ${best.metrics.mae})`);
  return wrong;
}

/**
 * Runs test/ledger/worker.ts, bundled with the sources it imports (test/support/bundles.ts), in a
 * child process recording one version per mae; resolves with what it printed.
 */
export async function runWorker(args: {
  backend: "local" | "branch";
  dir: string;
  asset: string;
  maes: number[];
  id: string;
}): Promise<WorkerResult> {
  const { ledgerWorker } = await bundles();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [ledgerWorker, args.backend, args.dir, args.asset, args.id, args.maes.join(",")],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`worker ${args.id} exited with ${code}: ${err}`));
      else resolve(JSON.parse(out) as WorkerResult);
    });
  });
}
