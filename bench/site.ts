// `kiln site` on a synthetic ledger of 300 assets × 1,000 versions (20 epochs of two series each,
// stored as the ledger stores them: records, heads, series files), against reading everything the
// site shows through the ledger interface (every record, its series, failures, aliases): the floor
// every build pays. The goal is a build "in seconds"; the ratio to the floor says how much
// of it is the site's own work. KILN_BENCH_SITE ("300x1000") sets the size.
import { rmSync } from "node:fs";
import path from "node:path";
import { openLedger } from "../src/ledger/open.js";
import { writeSyntheticProject } from "../test/support/synthetic-ledger.js";
import { buildCli, kiln, line, tempDir } from "./util.js";

/** The goal: a build in seconds at 300 × 1,000 versions; a minute is the outer edge. */
const GOAL_SECONDS = 60;

export async function siteBench(): Promise<string> {
  const [assets = 300, versions = 1000] = (process.env.KILN_BENCH_SITE ?? "300x1000").split("x").map(Number);
  await buildCli();
  const synthetic = writeSyntheticProject({ assets, versions, dir: tempDir("site") });
  try {
    const readStart = performance.now();
    const ledger = await openLedger({ kind: "local", root: synthetic.root, project: "synthetic" });
    for (const name of synthetic.names) {
      for (const record of await ledger.materializations(name)) await ledger.series(record);
      await ledger.failures(name);
      await ledger.aliasHistory(name);
    }
    const readMs = performance.now() - readStart;
    const out = path.join(synthetic.root, "site");
    const buildStart = performance.now();
    const result = kiln(synthetic.root, ["site", "--output", out, "--now", "2026-11-23T12:00:00Z"]);
    const buildMs = performance.now() - buildStart;
    const seconds = buildMs / 1000;
    return [
      line(
        `site, ${assets} assets × ${versions} versions`,
        buildMs,
        "reading every record and series",
        readMs,
        2,
      ),
      `  ${seconds.toFixed(1)} s (goal ≤ ${GOAL_SECONDS} s${seconds <= GOAL_SECONDS ? ", met" : ", NOT met"}), peak ${result.peakMiB === undefined ? "?" : result.peakMiB.toFixed(0)} MiB; ${result.stdout.trim()}`,
    ].join("\n");
  } finally {
    rmSync(synthetic.root, { recursive: true, force: true });
  }
}
