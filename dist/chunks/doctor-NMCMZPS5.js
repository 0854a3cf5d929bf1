import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  interruptedPromotions
} from "./chunk-P6FKIRET.js";
import "./chunk-NBF2VUI6.js";
import {
  LedgerStateError
} from "./chunk-646SWM6C.js";
import {
  cliWorkspace
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  UNMATCHED_HINT,
  outputFilter,
  projectFiles,
  unmatchedPatterns
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  blobIdOfFile
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/app/doctor.ts
import { readdir } from "node:fs/promises";
import path from "node:path";
async function listRecursive(dir) {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
async function diagnose(workspace) {
  const { project, ledger } = workspace;
  const store = workspace.stores.local;
  const findings = [];
  let records = 0;
  const referenced = /* @__PURE__ */ new Map();
  for (const [asset, spec] of project.assets) {
    const materializations = await ledger.materializations(asset);
    records += materializations.length + (await ledger.failures(asset)).length;
    await ledger.aliasState(asset);
    for (const record of materializations) {
      for (const [file, output] of Object.entries(record.outputs))
        referenced.set(output.blob, `${asset} v${record.version} ${file}`);
      if (record.seriesFile) await ledger.series(record);
    }
    if (spec.promote) {
      for (const { record, verdict } of await interruptedPromotions(ledger, asset, spec.promote)) {
        findings.push({
          severity: "error",
          path: `${ledger.description}: ${asset} v${record.version}`,
          problem: `v${record.version} was recorded to become ${verdict.alias}, but ${verdict.alias} was never moved to it (the run was interrupted between the record and the move): ${verdict.reason}`,
          fix: `\`kiln run ${asset}\` completes the move before it plans (or \`kiln promote ${asset} v${record.version}\` moves it by hand)`
        });
      }
    }
  }
  for (const problem of ledger.problems()) {
    findings.push({
      severity: "error",
      path: problem.path,
      problem: problem.message,
      fix: problem.fix ?? "Kiln skips it. If it was a Kiln record, restore it from a backup or the ledger branch's history; otherwise move it out of the ledger"
    });
  }
  const leftovers = [
    ...await listRecursive(path.join(workspace.kilnDir, "ledger")),
    ...await listRecursive(path.join(workspace.kilnDir, "store"))
  ].filter((f) => path.basename(f).startsWith(".tmp-"));
  for (const file of leftovers) {
    findings.push({
      severity: "warning",
      path: file,
      problem: "a temporary file left by an interrupted write",
      fix: "safe to delete"
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
          fix: `delete it; ${referenced.get(expected) ? `then \`kiln run ${referenced.get(expected).split(" ")[0]} --force\` rebuilds it` : "nothing refers to it"}`
        });
      }
    }
    for (const [blob, owner] of referenced) {
      if (!await store.hasBlob(blob)) {
        findings.push({
          severity: "warning",
          path: path.join(store.dir, blob.slice(0, 2), blob.slice(2)),
          problem: `missing from the store (${owner})`,
          fix: `that version cannot be pulled locally; \`kiln run ${owner.split(" ")[0]} --force\` rebuilds the current one`
        });
      }
    }
  }
  findings.push(...await unmatchedFindings(workspace));
  return { findings, records, objects };
}
async function unmatchedFindings(workspace) {
  const { project } = workspace;
  const files = await projectFiles(project.root, {
    gitRoot: workspace.git.root ?? null,
    files: workspace.reads?.takeFiles()
  });
  const index = files.index();
  const outputs = outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs));
  const where = (kind, name) => `${path.basename(project.manifestPath)}: ${kind} ${name}`;
  const findings = [];
  const add = (at, unmatched) => {
    for (const pattern of unmatched)
      findings.push({
        severity: "warning",
        path: at,
        problem: `pattern ${JSON.stringify(pattern)} matches no file`,
        fix: UNMATCHED_HINT
      });
  };
  for (const asset of project.assets.values()) {
    const code = asset.codeVersion === void 0 ? await unmatchedPatterns(index, asset.code, { exclude: outputs }) : [];
    add(where("asset", asset.name), [...code, ...await unmatchedPatterns(index, asset.inputs)]);
  }
  for (const source of project.sources.values())
    add(where("source", source.name), await unmatchedPatterns(index, source.inputs));
  return findings;
}

// src/cli/doctor.ts
function print(io, findings, checked) {
  for (const f of findings) io.stdout(`${f.severity}: ${f.path}
  ${f.problem}
  fix: ${f.fix}
`);
  const errors = findings.filter((f) => f.severity === "error").length;
  io.stdout(
    `${findings.length ? "\n" : ""}${checked}: ${errors} error(s), ${findings.length - errors} warning(s)
`
  );
  return errors > 0 ? 1 : 0;
}
async function doctorCommand(io, globals) {
  try {
    const workspace = await cliWorkspace(io, globals);
    const report = await diagnose(workspace);
    return print(
      io,
      report.findings,
      `checked ${report.records} record(s) in ${workspace.ledger.description} and ${report.objects} stored object(s)`
    );
  } catch (error) {
    if (!(error instanceof LedgerStateError)) throw error;
    const finding = { severity: "error", path: error.where, problem: error.message, fix: error.fix };
    return print(io, [finding], `the ledger (${error.where}) could not be read further`);
  }
}
export {
  doctorCommand
};
