// Stale causes and the current version come from the checkout's own lineage: the same
// environment, the same line of history. `kiln status` on main in prod once compared with a dev
// build made on another branch and printed `config changed (epochs 5 → 60)`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/program.js";

const MANIFEST = (epochs: number) => `version: 1
name: demo
assets:
  model:
    code: [train.mjs]
    config: { epochs: ${epochs} }
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: loss, direction: minimize }
environments:
  dev: { config: { model: { epochs: 5 } } }
`;

const TRAIN = `import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
const { epochs } = JSON.parse(readFileSync(process.env.KILN_CONFIG, "utf8"));
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", JSON.stringify({ epochs }));
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ loss: 1 / epochs }));
`;

function git(dir: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-lineage-"));
  writeFileSync(path.join(dir, "kiln.yml"), MANIFEST(60));
  writeFileSync(path.join(dir, "train.mjs"), TRAIN);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

async function kiln(dir: string, ...args: string[]): Promise<string> {
  let out = "";
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true" };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  const code = await main([...args, "--ledger", "local"], {
    cwd: dir,
    env,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    isTTY: false,
    columns: 200,
  });
  expect(code, out).toBe(0);
  return out;
}

interface StatusJson {
  environment: string;
  assets: Record<string, { status: string; version: string | null; reasons: string[] }>;
}

async function status(dir: string): Promise<StatusJson> {
  return JSON.parse(await kiln(dir, "status", "--json")) as StatusJson;
}

describe("stale causes from the checkout's lineage", () => {
  it("on main in prod, compares with main's prod build, not a dev build on a branch nor a prod build on another line", async () => {
    const dir = repo();
    await kiln(dir, "run"); // v1: prod, main, epochs 60
    git(dir, "checkout", "-q", "-b", "feature");
    await kiln(dir, "run"); // v2: dev, feature, epochs 5
    git(dir, "checkout", "-q", "-b", "hotfix", "main");
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST(70));
    git(dir, "commit", "-qam", "hotfix: 70 epochs");
    await kiln(dir, "--env", "prod", "run"); // v3: prod config on hotfix, a line main does not contain
    git(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "train.mjs"), `${TRAIN}// tuned\n`);
    git(dir, "commit", "-qam", "tune the training script");

    const seen = await status(dir);
    expect(seen.environment).toBe("prod");
    expect(seen.assets.model).toMatchObject({
      status: "stale",
      version: "v1",
      reasons: ["code changed (train.mjs)"],
    });

    // The same in a shallow clone (Actions checks out one commit): v1's commit is not there, so
    // its branch says it is main's, and hotfix's v3 is still left out.
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-lineage-clone-"));
    git(clone, "clone", "-q", "--depth", "1", `file://${dir}`, ".");
    // Both checkouts are project "demo" (the manifest names it), so they share the ledger namespace.
    cpSync(path.join(dir, ".kiln", "ledger"), path.join(clone, ".kiln", "ledger"), { recursive: true });
    expect((await status(clone)).assets.model).toMatchObject({
      version: "v1",
      reasons: ["code changed (train.mjs)"],
    });
  }, 120_000);

  it("a dev build on a branch does not make main look built", async () => {
    const dir = repo();
    git(dir, "checkout", "-q", "-b", "feature");
    await kiln(dir, "run"); // dev, feature
    git(dir, "checkout", "-q", "main");
    expect((await status(dir)).assets.model).toMatchObject({
      status: "missing",
      version: null,
      reasons: ["never materialized in prod on this line of history"],
    });
  }, 120_000);
});
