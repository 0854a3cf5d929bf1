// What a workflow job compiles: Node compiles each ES module it loads whole, so every package a
// job loads costs every job of every run. The remote stores' SDKs (the artifact client with
// Azure's SDK, archiver and lodash; the cache client; Octokit) are several megabytes, loaded only
// when a job first looks beyond the local store or saves: a plan job never does. Nor does any job
// need @actions/core's OIDC client, which brings @actions/http-client and undici (0.8 MB) with it
// (scripts/bundle.mjs loads it on first use). A job that asks the cache loads the toolkit's HTTP
// client, but runs undici only for a proxy; and whether a release holds a version is read from its
// recorded tag, so Octokit waits for a release to be downloaded or published.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

/** A plan job of the bundled action in `dir`, with NODE_DEBUG: its exit, log, output file and the npm packages it loaded. */
async function planJob(
  dir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; log: string; output: string; packages: Set<string> }> {
  const { action } = await bundles();
  const output = path.join(dir, ".output");
  writeFileSync(output, "");
  // A job's environment with the cache service and a run, so the chain would hold every remote.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: dir,
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
    // Node's module loader names every ES module it loads (`Storing <url> … in ModuleLoadMap`), and
    // every built-in module a bundled CommonJS module requires (`load built-in module <name>`).
    NODE_DEBUG: "esm,module",
    ...extraEnv,
  };
  const ran = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [action], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  const loaded = [
    ...new Set([...ran.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => fileURLToPath(m[1]!))),
  ];
  return {
    code: ran.code,
    log: `${ran.stdout}\n${ran.stderr}`,
    output: readFileSync(output, "utf8"),
    packages: packagesIn(loaded),
  };
}

it("plans a workflow run without loading the remote stores' SDKs", { timeout: 120_000 }, async () => {
  const rig = new Rig(pipelineFiles());
  rig.git("add", "-A");
  rig.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "pipeline");
  const ran = await planJob(rig.dir);
  expect(ran.code, ran.log).toBe(0);
  expect(ran.output).toContain("plan");
  const { packages } = ran;
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

it("plans with the remote stores open and a token without loading Octokit: a release is known from its recorded tag", {
  timeout: 120_000,
}, async () => {
  const rig = new Rig(pipelineFiles());
  rig.commit("pipeline");
  const built = await rig.kiln("run");
  expect(built.code, built.stderr).toBe(0);
  // The recorded versions' bytes are gone from the local store: the plan looks for them beyond it.
  rmSync(path.join(rig.dir, ".kiln", "store"), { recursive: true, force: true });
  const ran = await planJob(rig.dir, {
    "INPUT_GITHUB-TOKEN": "ghs_unusedtoken",
    GITHUB_API_URL: "http://127.0.0.1:9",
  });
  expect(ran.code, ran.log).toBe(0);
  expect(ran.output).toContain("plan");
  // The chain's remotes were opened (the cache was asked), with a token for releases.
  expect(ran.packages).toContain("@actions/cache");
  for (const heavy of ["@octokit/core", "@octokit/rest", "@actions/artifact"])
    expect([...ran.packages], `a plan job loads ${heavy}`).not.toContain(heavy);
  // The cache's HTTP client is loaded with undici in its file, but undici is not run (it would
  // bring node:http2 and worker_threads): only a proxy needs it (next test).
  expect(ran.log).toMatch(/load built-in module/);
  for (const builtin of ["http2", "worker_threads"])
    expect(ran.log, `a plan job runs undici (${builtin})`).not.toMatch(
      new RegExp(`load built-in module (node:)?${builtin}\\b`),
    );
});

/** The bundle's chunk holding the npm module whose comment matches `module`, as a file: URL. */
async function chunkOf(module: RegExp): Promise<string> {
  const { root } = await bundles();
  const chunks = path.join(root, "dist", "chunks");
  const file = readdirSync(chunks)
    .map((name) => path.join(chunks, name))
    .find((file) => module.test(readFileSync(file, "utf8")));
  expect(file, `no chunk holds ${module}`).toBeDefined();
  return pathToFileURL(file!).href;
}

/** Runs an ES module `script` in a fresh Node with `env`: its exit, stdout and stderr. */
function node(script: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

it("loading the bundled artifact client runs none of undici, archiver or unzip-stream until they are used", {
  timeout: 120_000,
}, async () => {
  const artifact = await chunkOf(/^\/\/ (?:[\w.-]+\/)*node_modules\/@actions\/artifact\/lib\/artifact\.js$/m);
  // The built-in modules they load at start: undici http2, worker_threads and perf_hooks,
  // archiver's and unzip-stream's graceful-fs the legacy `constants`.
  const ran = node(`const m = await import(${JSON.stringify(artifact)});
if (!Object.values(m).some((v) => typeof v === "function" && v.prototype && "uploadArtifact" in v.prototype)) throw new Error("no artifact client");
console.log(JSON.stringify(process.moduleLoadList));`);
  expect(ran.status, ran.stderr).toBe(0);
  const builtins = (JSON.parse(ran.stdout) as string[]).map((m) => m.replace(/^NativeModule /, ""));
  expect(builtins).toContain("fs");
  for (const builtin of ["http2", "worker_threads", "perf_hooks", "constants"])
    expect(builtins, `importing the artifact client loads ${builtin}`).not.toContain(builtin);
});

it("the bundled HTTP client of the Actions toolkit still goes through undici's ProxyAgent when a proxy is set", {
  timeout: 120_000,
}, async () => {
  // The toolkit's own client (the artifact client's older copy, below @actions/github, is not it).
  const client = await chunkOf(/^\/\/ (?:[\w.-]+\/)*node_modules\/@actions\/http-client\/lib\/index\.js$/m);
  const ran = node(
    `const m = await import(${JSON.stringify(client)});
const HttpClient = Object.values(m).find((v) => typeof v === "function" && v.prototype && "getAgentDispatcher" in v.prototype);
const dispatcher = new HttpClient("kiln-test").getAgentDispatcher("https://results.example.com/");
console.log(dispatcher?.constructor?.name);`,
    { https_proxy: "http://proxy.example.com:3128" },
  );
  expect(ran.status, ran.stderr).toBe(0);
  expect(ran.stdout.trim()).toMatch(/^ProxyAgent/);
});
