// `kiln doctor`: reads everything Kiln keeps and says what is wrong, where, and what to do.
// Nothing is changed: a corrupt record is the user's evidence, not ours to delete.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { blobIdOfFile } from "../version/blob.js";
import { outputFilter, projectFiles, UNMATCHED_HINT, unmatchedPatterns } from "../version/fingerprint.js";
import { interruptedPromotions } from "../run/promote.js";
import type { Workspace } from "./workspace.js";

export interface Finding {
  severity: "error" | "warning";
  path: string;
  problem: string;
  fix: string;
}

async function listRecursive(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

export interface DoctorReport {
  findings: Finding[];
  records: number;
  objects: number;
}

export async function diagnose(workspace: Workspace): Promise<DoctorReport> {
  const { project, ledger } = workspace;
  const store = workspace.stores.local;
  const findings: Finding[] = [];
  let records = 0;
  const referenced = new Map<string, string>();
  for (const [asset, spec] of project.assets) {
    const materializations = await ledger.materializations(asset);
    records += materializations.length + (await ledger.failures(asset)).length;
    await ledger.aliasState(asset);
    for (const record of materializations) {
      for (const [file, output] of Object.entries(record.outputs))
        referenced.set(output.blob, `${asset} v${record.version} ${file}`);
      // Series are read only when a chart, `kiln show` or the site needs them; reading them here
      // reports a damaged file (loose or packed) through problems() with the rest.
      if (record.seriesFile) await ledger.series(record);
    }
    if (spec.promote) {
      for (const { record, verdict } of await interruptedPromotions(ledger, asset, spec.promote)) {
        findings.push({
          severity: "error",
          path: `${ledger.description}: ${asset} v${record.version}`,
          problem: `v${record.version} was recorded to become ${verdict.alias}, but ${verdict.alias} was never moved to it (the run was interrupted between the record and the move): ${verdict.reason}`,
          fix: `\`kiln run ${asset}\` completes the move before it plans (or \`kiln promote ${asset} v${record.version}\` moves it by hand)`,
        });
      }
    }
  }
  for (const problem of ledger.problems()) {
    findings.push({
      severity: "error",
      path: problem.path,
      problem: problem.message,
      fix:
        problem.fix ??
        "Kiln skips it. If it was a Kiln record, restore it from a backup or the ledger branch's history; otherwise move it out of the ledger",
    });
  }
  const leftovers = [
    ...(await listRecursive(path.join(workspace.kilnDir, "ledger"))),
    ...(await listRecursive(path.join(workspace.kilnDir, "store"))),
  ].filter((f) => path.basename(f).startsWith(".tmp-"));
  for (const file of leftovers) {
    findings.push({
      severity: "warning",
      path: file,
      problem: "a temporary file left by an interrupted write",
      fix: "safe to delete",
    });
  }
  let objects = 0;
  if ("dir" in store && typeof store.dir === "string") {
    for (const file of await listRecursive(store.dir)) {
      if (path.basename(file).startsWith(".tmp-")) continue;
      objects++;
      const expected = path.basename(path.dirname(file)) + path.basename(file);
      const actual = await blobIdOfFile(file);
      if (actual !== expected) {
        findings.push({
          severity: "error",
          path: file,
          problem: `the stored bytes hash to ${actual.slice(0, 12)}, not ${expected.slice(0, 12)}: the object is corrupt`,
          fix: `delete it; ${referenced.get(expected) ? `then \`kiln run ${referenced.get(expected)!.split(" ")[0]} --force\` rebuilds it` : "nothing refers to it"}`,
        });
      }
    }
    for (const [blob, owner] of referenced) {
      if (!(await store.hasBlob(blob))) {
        findings.push({
          severity: "warning",
          path: path.join(store.dir, blob.slice(0, 2), blob.slice(2)),
          problem: `missing from the store (${owner})`,
          fix: `that version cannot be pulled locally; \`kiln run ${owner.split(" ")[0]} --force\` rebuilds the current one`,
        });
      }
    }
  }
  findings.push(...(await unmatchedFindings(workspace)));
  return { findings, records, objects };
}

/**
 * Patterns that match no file: nothing there can make the asset stale (status, plan and run warn
 * of them too).
 */
async function unmatchedFindings(workspace: Workspace): Promise<Finding[]> {
  const { project } = workspace;
  const files = await projectFiles(project.root, {
    gitRoot: workspace.git.root ?? null,
    files: workspace.reads?.takeFiles(),
  });
  const index = files.index();
  const outputs = outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs));
  const where = (kind: string, name: string) => `${path.basename(project.manifestPath)}: ${kind} ${name}`;
  const findings: Finding[] = [];
  const add = (at: string, unmatched: string[]) => {
    for (const pattern of unmatched)
      findings.push({
        severity: "warning",
        path: at,
        problem: `pattern ${JSON.stringify(pattern)} matches no file`,
        fix: UNMATCHED_HINT,
      });
  };
  for (const asset of project.assets.values()) {
    const code =
      asset.codeVersion === undefined ? await unmatchedPatterns(index, asset.code, { exclude: outputs }) : [];
    add(where("asset", asset.name), [...code, ...(await unmatchedPatterns(index, asset.inputs))]);
  }
  for (const source of project.sources.values())
    add(where("source", source.name), await unmatchedPatterns(index, source.inputs));
  return findings;
}
