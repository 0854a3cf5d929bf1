// Kiln's own cost per materialization, and how close parallel runs come to the critical path.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { git, kiln, line, tempDir, timeMedian } from "./util.js";

function repo(prefix: string, manifest: string): string {
  const dir = tempDir(prefix);
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\n");
  git(dir, "add", "-A");
  git(dir, "-c", "user.name=bench", "-c", "user.email=bench@kiln.invalid", "commit", "-q", "-m", "bench");
  return dir;
}

/** 200 assets whose run is `true`, materialized one at a time, against 200 bare spawns of `true`. */
export function overheadBench(count = 200): string {
  const assets = Array.from(
    { length: count },
    (_, i) => `  t${i}:\n    code-version: "1"\n    run: "true"`,
  ).join("\n");
  const dir = repo("overhead", `version: 1\nassets:\n${assets}\n`);
  const floor = timeMedian(3, () => {
    for (let i = 0; i < count; i++) execFileSync("/bin/sh", ["-c", "true"]);
  });
  const run = timeMedian(3, () => kiln(dir, ["run", "--force", "-j", "1"]));
  return line(
    `kiln run --force -j 1, ${count} assets running \`true\``,
    run,
    `${count} spawns of sh -c true`,
    floor,
    2,
  );
}

/** A wide graph of sleeps: 3 layers of 8, each step sleeping 0.5 s; critical path 1.5 s. */
export function criticalPathBench(width = 8, depth = 3, seconds = 0.5): string {
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
    1.2,
  );
}
