// What `kiln status` compiles before it answers: Node compiles each ES module it loads, so every
// module on the path of a command costs each run of it. A status whose manifest is kept in
// `.kiln/cache` needs no YAML parser and none of the manifest's checks, and no command that stays
// local needs a remote store's SDK. On Node 22.1 and later the compiled code is kept on disk.
import { readdirSync, readFileSync } from "node:fs";
import module from "node:module";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";

/** The npm packages and Kiln sources in `files`, from the comment esbuild puts above each module. */
function modulesIn(files: string[]): { packages: Set<string>; sources: Set<string> } {
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const [, name] of text.matchAll(/^\/\/ \S*?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm))
      packages.add(name!);
    for (const [, name] of text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)) sources.add(name!);
  }
  return { packages, sources };
}

it("a status whose manifest is kept loads no YAML parser, manifest checks or remote SDK", {
  timeout: 120_000,
}, async () => {
  const rig = new Rig({ ...pipelineFiles(), ".kiln/.gitignore": "*\n" });
  rig.commit("pipeline");
  const first = await rig.kiln("status", "--json");
  expect(first.code, first.stderr).toBe(0);
  // Node's module loader names every ES module it loads (`Storing <url> … in ModuleLoadMap`).
  const { result } = await rig.start(["status", "--json"], { NODE_DEBUG: "esm" });
  const ran = await result;
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toBe(first.stdout);
  const loaded = [
    ...new Set([...ran.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => fileURLToPath(m[1]!))),
  ];
  const { packages, sources } = modulesIn(loaded);
  // The check sees what was loaded: the command's own modules are there.
  expect(packages).toContain("commander");
  expect(sources).toContain("src/cli/status.ts");
  expect(sources).toContain("src/manifest/cache.ts");
  for (const heavy of ["yaml", "@actions/cache", "@actions/artifact", "@octokit/core", "undici"])
    expect([...packages], `status loads ${heavy}`).not.toContain(heavy);
  for (const source of ["src/manifest/load.ts", "src/manifest/validate.ts", "src/manifest/schema.ts"])
    expect([...sources], `status loads ${source}`).not.toContain(source);
});

it("a status loads the engine from a few files, not one chunk per set of commands sharing a module", {
  timeout: 120_000,
}, async () => {
  const rig = new Rig({ ...pipelineFiles(), ".kiln/.gitignore": "*\n" });
  rig.commit("pipeline");
  const first = await rig.kiln("status", "--json");
  expect(first.code, first.stderr).toBe(0);
  const { result } = await rig.start(["status", "--json"], { NODE_DEBUG: "esm" });
  const ran = await result;
  expect(ran.code, ran.stderr).toBe(0);
  const loaded = new Set(
    [...ran.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => fileURLToPath(m[1]!)),
  );
  const { sources } = modulesIn([...loaded]);
  expect(sources).toContain("src/version/status.ts");
  // Node reads, compiles and links each file on its own (about half a millisecond of CPU each on
  // Node 20): before the engine was put together (scripts/bundle.mjs), this status loaded 37.
  expect(loaded.size, [...loaded].join("\n")).toBeLessThanOrEqual(20);
});

it("a run that finds everything fresh loads no executor or step spawner", { timeout: 120_000 }, async () => {
  const rig = new Rig({ ...pipelineFiles(), ".kiln/.gitignore": "*\n" });
  rig.commit("pipeline");
  const built = await rig.kiln("run");
  expect(built.code, built.stderr).toBe(0);
  const { result } = await rig.start(["run"], { NODE_DEBUG: "esm" });
  const ran = await result;
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toContain("Everything is fresh: nothing to run.");
  const loaded = [
    ...new Set([...ran.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => fileURLToPath(m[1]!))),
  ];
  const { sources } = modulesIn(loaded);
  expect(sources).toContain("src/cli/run.ts");
  expect(sources).toContain("src/run/restore.ts");
  for (const source of ["src/run/executor.ts", "src/run/step-spawner.ts", "src/run/materialize.ts"])
    expect([...sources], `an idle run loads ${source}`).not.toContain(source);
});

const compileCache = (module as { enableCompileCache?: unknown }).enableCompileCache;

it.skipIf(compileCache === undefined)(
  "keeps the compiled code of the modules a command loads where NODE_COMPILE_CACHE says",
  { timeout: 120_000 },
  async () => {
    const rig = new Rig();
    const cache = mkdtempSync(path.join(os.tmpdir(), "kiln-compile-cache-"));
    const ran = await (await rig.start(["--version"], { NODE_COMPILE_CACHE: cache })).result;
    expect(ran.code, ran.stderr).toBe(0);
    expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
  },
);
