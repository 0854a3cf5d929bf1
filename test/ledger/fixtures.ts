// Shared pieces of the ledger tests: plausible records, temporary directories, git repositories
// with a local bare remote, and child processes that write to a ledger concurrently.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NewFailure, NewMaterialization } from "../../src/domain/records.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const WORKER = path.join(ROOT, "test/ledger/worker.ts");
const TSX = path.join(ROOT, "node_modules/tsx/dist/esm/index.mjs");

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
  gitSync(base, "init", "-q", "--bare", "-b", "main", remote);
  const seed = path.join(base, "seed");
  gitSync(base, "init", "-q", "-b", "main", seed);
  gitSync(seed, "commit", "-q", "--allow-empty", "-m", "first");
  gitSync(seed, "remote", "add", "origin", remote);
  gitSync(seed, "push", "-q", "origin", "main");
  const clones = Array.from({ length: count }, (_, i) => {
    const clone = path.join(base, `clone-${i}`);
    gitSync(base, "clone", "-q", remote, clone);
    return clone;
  });
  return { remote, clones };
}

export interface WorkerResult {
  versions: number[];
  wins: number;
  losses: number;
}

/** Runs test/ledger/worker.ts in a child process; resolves with what it printed. */
export function runWorker(args: {
  backend: "local" | "branch";
  dir: string;
  asset: string;
  records: number;
  id: string;
}): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", TSX, WORKER, args.backend, args.dir, args.asset, String(args.records), args.id],
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
