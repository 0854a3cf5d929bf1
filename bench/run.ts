// Kiln's own cost per materialization, and how close parallel runs come to the critical path.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildCli, commitAll, git, kiln, line, tempDir, timeMedian } from "./util.js";

function repo(prefix: string, manifest: string): string {
  const dir = tempDir(prefix);
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\n");
  commitAll(dir, "bench");
  return dir;
}

/** 200 assets whose run is `true`, materialized one at a time, against 200 bare spawns of `true`. */
export async function overheadBench(count = 200): Promise<string> {
  await buildCli();
  const assets = Array.from(
    { length: count },
    (_, i) => `  t${i}:\n    code-version: "1"\n    run: "true"`,
  ).join("\n");
  const dir = repo("overhead", `version: 1\nassets:\n${assets}\n`);
  const floor = timeMedian(3, () => {
    for (let i = 0; i < count; i++) execFileSync("/bin/sh", ["-c", "true"]);
  });
  const fixed = timeMedian(3, () => kiln(dir, ["status", "--json"]));
  const run = timeMedian(3, () => kiln(dir, ["run", "--force", "-j", "1"]));
  const two = timeMedian(3, () => kiln(dir, ["run", "--force", "-j", "2"]));
  const perAsset = (run - fixed - floor) / count;
  return [
    line(
      `kiln run --force -j 1, ${count} assets running \`true\``,
      run,
      `${count} spawns of sh -c true`,
      floor,
      2,
    ),
    `  Kiln's own cost per asset at -j 1: ${perAsset.toFixed(2)} ms over the step's process and a status of ${fixed.toFixed(0)} ms (goal ≤ 1.5 ms${perAsset <= 1.5 ? ", met" : ", NOT met"})`,
    `  -j 2: ${two.toFixed(0)} ms, ${(run / two).toFixed(2)}× faster than -j 1 (goal close to 2×${run / two >= 1.8 ? ", met" : ", NOT met"})`,
  ].join("\n");
}

/** A wide graph of sleeps: 3 layers of 8, each step sleeping 0.5 s; critical path 1.5 s. */
export async function criticalPathBench(width = 8, depth = 3, seconds = 0.5): Promise<string> {
  await buildCli();
  const lines = ["version: 1", "assets:"];
  for (let layer = 0; layer < depth; layer++) {
    for (let i = 0; i < width; i++) {
      const deps = layer > 0 ? `\n    deps: [l${layer - 1}-${i}]` : "";
      lines.push(`  l${layer}-${i}:${deps}\n    code-version: "1"\n    run: sleep ${seconds}`);
    }
  }
  const dir = repo("critical", `${lines.join("\n")}\n`);
  const critical = depth * seconds * 1000;
  const run = timeMedian(3, () => kiln(dir, ["run", "--force", "-j", String(width)]));
  return line(
    `kiln run -j ${width}, ${width}×${depth} sleeps of ${seconds} s`,
    run,
    "critical path",
    critical,
    1.05,
  );
}
