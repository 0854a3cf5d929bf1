// What a workflow job compiles: Node compiles each ES module it loads whole, so every package a
// job loads costs every job of every run. The remote stores' SDKs (the artifact client with
// Azure's SDK, archiver and lodash; the cache client; Octokit) are several megabytes, loaded only
// when a job first looks beyond the local store or saves: a plan job never does. Nor does any job
// need @actions/core's OIDC client, which brings @actions/http-client and undici (0.8 MB) with it
// (scripts/bundle.mjs loads it on first use).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { pipelineFiles, Rig } from "../e2e/rig.js";
import { bundles } from "../support/bundles.js";

/** The npm packages bundled into `files`, from the `// node_modules/<package>/…` comment esbuild puts above each module. */
function packagesIn(files: string[]): Set<string> {
  const packages = new Set<string>();
  for (const file of files)
    for (const [, name] of readFileSync(file, "utf8").matchAll(
      /^\/\/ \S*?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm,
    ))
      packages.add(name!);
  return packages;
}

it("plans a workflow run without loading the remote stores' SDKs", { timeout: 120_000 }, async () => {
  const { action } = await bundles();
  const rig = new Rig(pipelineFiles());
  rig.git("add", "-A");
  rig.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "pipeline");
  const output = path.join(rig.dir, ".output");
  writeFileSync(output, "");
  // A job's environment with the cache service and a run, so the chain would hold every remote.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: rig.dir,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: rig.dir,
    GITHUB_REPOSITORY: "acme/pipeline",
    GITHUB_RUN_ID: "1",
    GITHUB_EVENT_NAME: "push",
    GITHUB_REF: "refs/heads/main",
    GITHUB_REF_NAME: "main",
    GITHUB_OUTPUT: output,
    ACTIONS_RUNTIME_TOKEN: "unused",
    ACTIONS_RESULTS_URL: "http://127.0.0.1:9/",
    ACTIONS_CACHE_SERVICE_V2: "true",
    KILN_LEDGER: "local",
    INPUT_COMMAND: "plan",
    INPUT_MANIFEST: "kiln.yml",
    // Node's module loader names every ES module it loads (`Storing <url> … in ModuleLoadMap`).
    NODE_DEBUG: "esm",
  };
  const ran = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [action], { cwd: rig.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
  expect(readFileSync(output, "utf8")).toContain("plan");
  const loaded = [
    ...new Set([...ran.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => fileURLToPath(m[1]!))),
  ];
  const packages = packagesIn(loaded);
  // The check sees packages at all: the entry's own are there.
  expect(packages).toContain("@actions/core");
  expect(packages).toContain("yaml");
  for (const heavy of [
    "@actions/artifact",
    "@actions/cache",
    "@azure/storage-blob",
    "archiver",
    "@octokit/core",
    "@actions/http-client",
    "undici",
  ])
    expect([...packages], `a plan job loads ${heavy}`).not.toContain(heavy);
});
