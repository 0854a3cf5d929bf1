// The caches in .kiln/cache (the parsed manifest, the versions memo, the records found intact)
// belong to the build of Kiln that wrote them: a Kiln built from other code must not read them,
// whichever of its files changed. Before, the stamp was the size and time of the one file holding
// it, which esbuild put in a chunk that stayed identical while the version rules changed.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildId } from "../../scripts/build-id.mjs";
import { bundle } from "../../scripts/bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A copy of the sources and what the build id reads, in a temporary folder. */
function copyOfKiln(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-stamp-"));
  cpSync(path.join(ROOT, "src"), path.join(dir, "src"), { recursive: true });
  for (const file of ["package.json", "package-lock.json"])
    cpSync(path.join(ROOT, file), path.join(dir, file));
  cpSync(path.join(ROOT, "scripts"), path.join(dir, "scripts"), { recursive: true });
  return dir;
}

/** cacheStamp(1) as a fresh process running the copy's sources prints it. */
function stampFromSource(dir: string): string {
  const url = new URL(`file://${path.join(dir, "src/paths/state-cache.ts")}`).href;
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(url)}); console.log(m.cacheStamp(1));`,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

/** Appends a comment to the module that works out code versions: other code, same everything else. */
function editVersionRules(dir: string): void {
  const file = path.join(dir, "src/version/versions.ts");
  writeFileSync(file, `${readFileSync(file, "utf8")}\n// another build\n`);
}

describe("the stamp of a cache entry", () => {
  it("changes when Kiln run from source changes anywhere, not only in the file that makes the stamp", () => {
    const dir = copyOfKiln();
    const before = stampFromSource(dir);
    expect(stampFromSource(dir)).toBe(before);
    editVersionRules(dir);
    expect(stampFromSource(dir)).not.toBe(before);
  });

  it("is the digest of what a bundle was built from, which changes with any source file", async () => {
    const dir = copyOfKiln();
    const id = buildId(dir);
    expect(buildId(dir)).toBe(id);
    editVersionRules(dir);
    expect(buildId(dir)).not.toBe(id);
    // A bundle carries the id of the tree it was built from (here Kiln's own).
    const out = mkdtempSync(path.join(os.tmpdir(), "kiln-stamp-bundle-"));
    writeFileSync(
      path.join(out, "entry.ts"),
      `import { cacheStamp } from ${JSON.stringify(path.join(ROOT, "src/paths/state-cache.ts"))};\nconsole.log(cacheStamp(1));\n`,
    );
    await bundle({ entry: path.join(out, "entry.ts"), outfile: path.join(out, "stamp.js") });
    const printed = spawnSync(process.execPath, [path.join(out, "stamp.js")], {
      encoding: "utf8",
    }).stdout.trim();
    expect(printed.endsWith(` ${buildId()}`)).toBe(true);
  }, 120_000);
});
