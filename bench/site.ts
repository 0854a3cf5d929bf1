// `kiln site` on a synthetic ledger of 300 assets × 1,000 versions (20 epochs of two series each,
// stored as the ledger stores them: heads, and records and series packed 100 versions to a file,
// see src/ledger/packs.ts; KILN_BENCH_LOOSE=1 keeps every version in files of its own, as ledgers
// from before packs). Three builds:
//   - fresh, against reading everything the site shows through the ledger interface (every record,
//     its series, failures, aliases): the floor every first build pays;
//   - again with nothing new: every version chunk is kept from the first build;
//   - after a run that added a version to every asset: one chunk per asset is read again.
// The goal is a build "in seconds"; wall time is printed with CPU time, which a loaded
// machine inflates less. KILN_BENCH_SITE ("300x1000") sets the size; KILN_BENCH_DIR puts the
// synthetic repository somewhere else than the system's temporary folder (e.g. /dev/shm).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Ledger } from "../src/ledger/ledger.js";
import { openLedger } from "../src/ledger/open.js";
import { writeSyntheticProject } from "../test/support/synthetic-ledger.js";
import { buildCli, commitAll, git, type KilnResult, kiln, line, tempDir } from "./util.js";

/** The goal: a build in seconds at 300 × 1,000 versions. */
const GOAL_SECONDS = 10;
const NOW = "2026-11-23T12:00:00Z";

function figures(label: string, ms: number, result: KilnResult): string {
  const seconds = ms / 1000;
  const cpu = result.cpuSeconds === undefined ? "?" : result.cpuSeconds.toFixed(1);
  const peak = result.peakMiB === undefined ? "?" : result.peakMiB.toFixed(0);
  const verdict = seconds <= GOAL_SECONDS ? "met" : "NOT met";
  return `  ${label}: ${seconds.toFixed(1)} s (CPU ${cpu} s; goal ≤ ${GOAL_SECONDS} s ${verdict}), peak ${peak} MiB; ${result.stdout.trim()}`;
}

function timed(root: string, out: string): { ms: number; result: KilnResult } {
  const start = performance.now();
  const result = kiln(root, ["site", "--output", out, "--now", NOW]);
  return { ms: performance.now() - start, result };
}

/** A run's worth of new versions: one more for every asset, as the ledger records them. */
async function addVersions(ledger: Ledger, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const last = (await ledger.heads(name)).at(-1)!;
    const record = (await ledger.materialization(name, last.version))!;
    const { version: _version, schema: _schema, seriesFile: _file, ...rest } = record;
    await ledger.recordMaterialization({
      ...rest,
      series: await ledger.series(record),
      logicalVersion: `${record.logicalVersion}-next`,
      dataVersion: `${record.dataVersion}-next`,
      finishedAt: new Date(Date.parse(record.finishedAt) + 3_600_000).toISOString(),
    });
  }
}

export async function siteBench(): Promise<string> {
  const [assets = 300, versions = 1000] = (process.env.KILN_BENCH_SITE ?? "300x1000").split("x").map(Number);
  await buildCli();
  const dir = process.env.KILN_BENCH_DIR
    ? mkdtempSync(path.join(process.env.KILN_BENCH_DIR, "site-"))
    : tempDir("site");
  const synthetic = writeSyntheticProject({ assets, versions, dir, packed: !process.env.KILN_BENCH_LOOSE });
  // A repository, as `kiln site` runs in: its files come from git, not from walking the folder.
  writeFileSync(path.join(synthetic.root, ".gitignore"), ".kiln/\n");
  git(synthetic.root, "init", "-q");
  commitAll(synthetic.root, "synthetic project");
  try {
    const readStart = performance.now();
    const ledger = await openLedger({ kind: "local", root: synthetic.root, project: "synthetic" });
    for (const name of synthetic.names) {
      for (const record of await ledger.materializations(name)) await ledger.series(record);
      await ledger.failures(name);
      await ledger.aliasHistory(name);
    }
    const readMs = performance.now() - readStart;
    const out = path.join(synthetic.root, ".kiln", "site");
    const fresh = timed(synthetic.root, out);
    const again = timed(synthetic.root, out);
    await addVersions(ledger, synthetic.names);
    const after = timed(synthetic.root, out);
    return [
      line(
        `site, ${assets} assets × ${versions} versions, fresh`,
        fresh.ms,
        "reading every record and series",
        readMs,
        2,
      ),
      figures("fresh", fresh.ms, fresh.result),
      figures("again, nothing new", again.ms, again.result),
      figures("after one new version of every asset", after.ms, after.result),
    ].join("\n");
  } finally {
    rmSync(synthetic.root, { recursive: true, force: true });
  }
}
