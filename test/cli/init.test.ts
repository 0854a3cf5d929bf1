// `kiln init` with names and folders the starter did not foresee: what it cannot write is refused
// before any file is created (exit 1, what to do), and what it writes loads and validates.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import { tempDir } from "../ledger/fixtures.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

function repository(): string {
  const dir = tempDir("kiln-init-");
  gitIn(dir, "init", "-q", "-b", "main");
  return dir;
}

/** Every path under dir except .git, sorted: what a refusal must leave as it was. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f !== ".git" && !f.startsWith(`.git${path.sep}`))
    .sort();
}

/** Exit 1 with the message, not a bug report, and nothing written. */
async function refused(dir: string, args: string[], message: string) {
  const before = files(dir);
  const result = await kilnIn(dir, ["init", ...args]);
  expect(result.output).not.toContain("internal error");
  expect(result.output).toContain(message);
  expect(result.code).toBe(1);
  expect(files(dir)).toEqual(before);
  return result;
}

async function validates(dir: string) {
  const result = await kilnIn(dir, ["validate"]);
  expect(result.code, result.output).toBe(0);
}

describe("kiln init refuses what the manifest would reject, before writing anything", () => {
  it("a project name that is not a name", async () => {
    const dir = repository();
    const result = await refused(dir, ["--name", "My-Proj"], '--name "My-Proj" is not a valid project name');
    expect(result.output).toContain("lower case");
    // Nothing was left behind: the next init with a good name works.
    expect((await kilnIn(dir, ["init", "--name", "my-proj"])).code).toBe(0);
    await validates(dir);
  });

  it("an asset name Kiln reserves for its own jobs", async () => {
    const dir = repository();
    await refused(dir, ["--asset", "kiln-model"], 'names starting with "kiln-" are reserved');
  });

  it("an empty interpreter", async () => {
    await refused(repository(), ["--python", " "], "--python");
  });

  it("a folder whose path GitHub would read as an expression", async () => {
    const top = repository();
    const dir = path.join(top, "a${{b");
    mkdirSync(dir);
    await refused(dir, [], "be evaluated by GitHub as an expression");
    expect(existsSync(path.join(top, ".github"))).toBe(false);
  });
});

describe("kiln init writes a manifest that loads", () => {
  it("names YAML reads as other types (true, null) are written as strings", async () => {
    const dir = repository();
    const result = await kilnIn(dir, ["init", "--name", "true", "--asset", "null"]);
    expect(result.code, result.output).toBe(0);
    await validates(dir);
    const loaded = loadManifest(path.join(dir, "kiln.yml"));
    expect(loaded.ok && loaded.value.project.name).toBe("true");
    expect(loaded.ok && [...loaded.value.project.assets.keys()]).toEqual(["null"]);
  });

  it("an interpreter with spaces and YAML's special characters", async () => {
    const dir = repository();
    const python = "env PYTHONHASHSEED=0 python3 # : -u";
    expect((await kilnIn(dir, ["init", "--python", python, "--no-workflow"])).code).toBe(0);
    await validates(dir);
    const loaded = loadManifest(path.join(dir, "kiln.yml"));
    expect(loaded.ok && loaded.value.project.assets.get("model")?.run).toBe(`${python} train.py`);
  });

  it("a folder name over 100 characters gives a project name of 100", async () => {
    const top = repository();
    const dir = path.join(top, `m${"x".repeat(149)}`);
    mkdirSync(dir);
    const result = await kilnIn(dir, ["init"]);
    expect(result.code, result.output).toBe(0);
    await validates(dir);
    expect(readFileSync(path.join(dir, "kiln.yml"), "utf8")).toContain(`name: m${"x".repeat(99)}\n`);
    expect(existsSync(path.join(top, `.github/workflows/kiln-m${"x".repeat(99)}.yml`))).toBe(true);
  });
});

describe("kiln init in a subfolder checks the workflow file it would write", () => {
  it("another project's kiln.yml workflow at the top does not stop it", async () => {
    const top = repository();
    mkdirSync(path.join(top, ".github/workflows"), { recursive: true });
    writeFileSync(path.join(top, ".github/workflows/kiln.yml"), "name: theirs\n");
    const dir = path.join(top, "ml/fraud");
    mkdirSync(dir, { recursive: true });
    const result = await kilnIn(dir, ["init"]);
    expect(result.code, result.output).toBe(0);
    expect(readFileSync(path.join(top, ".github/workflows/kiln.yml"), "utf8")).toBe("name: theirs\n");
    expect(readFileSync(path.join(top, ".github/workflows/kiln-fraud.yml"), "utf8")).toContain(
      "name: Kiln (fraud)",
    );
  });

  it("its own workflow file already there: refused before anything is written", async () => {
    const top = repository();
    mkdirSync(path.join(top, ".github/workflows"), { recursive: true });
    writeFileSync(path.join(top, ".github/workflows/kiln-fraud.yml"), "name: mine\n");
    const dir = path.join(top, "ml/fraud");
    mkdirSync(dir, { recursive: true });
    const result = await refused(dir, [], "kiln-fraud.yml already exists");
    expect(result.output).toContain("--no-workflow");
    expect(readFileSync(path.join(top, ".github/workflows/kiln-fraud.yml"), "utf8")).toBe("name: mine\n");
  });
});
