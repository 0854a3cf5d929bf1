// `kiln status` on 2,000 assets over 50,000 tracked files, against `git ls-files -s` on the same
// fresh clone: fingerprints come from the index, so the floor is what git itself needs.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { git, kiln, line, tempDir, timeMedian } from "./util.js";

export function statusBench(options: { assets?: number; filesPerAsset?: number } = {}): string {
  const assets = options.assets ?? 2000;
  const perAsset = options.filesPerAsset ?? 25;
  const origin = tempDir("status-origin");
  git(origin, "init", "-q", "-b", "main");
  const manifest = ["version: 1", "assets:"];
  for (let a = 0; a < assets; a++) {
    const dir = path.join(origin, "data", `d${a}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < perAsset; f++) writeFileSync(path.join(dir, `f${f}.csv`), `asset,${a}\nfile,${f}\n`);
    const deps = a >= 10 ? `\n    deps: [a${a - 10}, a${a - 7}]` : "";
    manifest.push(
      `  a${a}:${deps}\n    code-version: "1"\n    inputs: [data/d${a}/*.csv]\n    run: "true"\n    outputs: [out/a${a}.txt]`,
    );
  }
  writeFileSync(path.join(origin, "kiln.yml"), `${manifest.join("\n")}\n`);
  git(origin, "add", "-A");
  git(
    origin,
    "-c",
    "user.name=bench",
    "-c",
    "user.email=bench@kiln.invalid",
    "commit",
    "-q",
    "-m",
    "synthetic",
  );
  const clone = tempDir("status-clone");
  git(clone, "clone", "-q", origin, ".");

  const floor = timeMedian(5, () =>
    execFileSync("git", ["ls-files", "-s"], { cwd: clone, maxBuffer: 1 << 30 }),
  );
  const status = timeMedian(3, () => kiln(clone, ["status", "--json"]));
  return line(
    `kiln status, ${assets} assets over ${assets * perAsset} files`,
    status,
    "git ls-files -s",
    floor,
    3,
  );
}
