// `kiln site` on a synthetic ledger of 300 assets × 1,000 versions (20 epochs of two series each),
// against reading the same ledger through the ledger interface: the floor every build pays. The
// CLI is bundled into a temporary directory first, as installed (site script embedded, no
// node_modules next to it).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { bundle } from "../scripts/bundle.mjs";
import { openLedger } from "../src/ledger/open.js";
import { writeSyntheticProject } from "../test/support/synthetic-ledger.js";
import { line, ROOT, tempDir } from "./util.js";

export async function siteBench(options: { assets?: number; versions?: number } = {}): Promise<string> {
  const assets = options.assets ?? 300;
  const versions = options.versions ?? 1000;
  const bin = tempDir("site-cli");
  const cli = path.join(bin, "cli.js");
  await bundle({ entry: path.join(ROOT, "src/cli.ts"), outfile: cli, shebang: true });
  const synthetic = writeSyntheticProject({ assets, versions, dir: tempDir("site") });
  const readStart = performance.now();
  const ledger = await openLedger({ kind: "local", root: synthetic.root, project: "synthetic" });
  for (const name of synthetic.names) {
    await ledger.materializations(name);
    await ledger.failures(name);
    await ledger.aliasHistory(name);
  }
  const readMs = performance.now() - readStart;
  const out = path.join(synthetic.root, "site");
  const buildStart = performance.now();
  const result = spawnSync(
    process.execPath,
    [cli, "site", "--output", out, "--now", "2026-11-23T12:00:00Z"],
    {
      cwd: synthetic.root,
      encoding: "utf8",
      env: { ...process.env, CI: "true", GITHUB_ACTIONS: "" },
    },
  );
  const buildMs = performance.now() - buildStart;
  rmSync(synthetic.root, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`kiln site exited ${result.status}: ${result.stderr}`);
  return `${line(`site, ${assets} assets × ${versions} versions`, buildMs, "reading the ledger", readMs, 3)}\n  ${result.stdout.trim()}`;
}
