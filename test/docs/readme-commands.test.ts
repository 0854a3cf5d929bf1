// The README's command table names every command `kiln --help` lists (it once left out doctor),
// and every `npx kiln …` the docs show runs Kiln rather than whatever npm calls `kiln`.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commitAll, commitNewRepository } from "../support/git-script.js";
import { kilnIn } from "../support/kiln-in-process.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the README's command table", () => {
  it("names every command of kiln --help", async () => {
    const help = (await kilnIn(ROOT, ["--help"])).output;
    const commands = [...help.slice(help.indexOf("Commands:")).matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1] as string)
      .filter((name) => name !== "help");
    expect(commands.length).toBeGreaterThan(10);
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.split("\n").filter((line) => line.startsWith("| `kiln "));
    const named = new Set(table.flatMap((line) => [...line.matchAll(/`kiln ([a-z-]+)/g)].map((m) => m[1])));
    expect(commands.filter((name) => !named.has(name))).toEqual([]);
  });
});

describe("npx kiln in the docs", () => {
  // npx runs a command from node_modules/.bin; where there is none, it installs the npm package
  // of that name — and the package `kiln` is an unrelated project. Kiln's package has another name
  // (its bin is `kiln`), so a doc may say `npx kiln …` only after it has told the reader to
  // install that package as a dev dependency.
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    bin: Record<string, string>;
  };
  const docs = [
    "README.md",
    // docs/cli.md is generated from --help (scripts/cli-reference.ts) and shows no npx.
    ...readdirSync(path.join(ROOT, "docs"))
      .filter((file) => file.endsWith(".md") && file !== "cli.md")
      .map((file) => `docs/${file}`),
  ];

  it("Kiln's package is not the npm package `kiln`, whose name its command has", () => {
    expect(pkg.name).not.toBe("kiln");
    expect(Object.keys(pkg.bin)).toEqual(["kiln"]);
  });

  it.each(docs)("%s installs Kiln before its first `npx kiln`", (doc) => {
    const text = readFileSync(path.join(ROOT, doc), "utf8");
    const first = text.search(/\bnpx kiln\b(?!-)/);
    if (first < 0) return;
    const install = text.indexOf(`npm install --save-dev ${pkg.name}`);
    expect(
      install >= 0 && install < first,
      `${doc}:${text.slice(0, first).split("\n").length} says \`npx kiln\` before \`npm install --save-dev ${pkg.name}\``,
    ).toBe(true);
  });
});

describe("a repository without a manifest", () => {
  // The README starts a project with `kiln init`; the error of any command run before it says so.
  it.each([["status"], ["run"], ["report", "--list"]])("kiln %s names kiln init", async (...args) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-no-manifest-"));
    writeFileSync(path.join(dir, "README.md"), "# empty\n");
    commitNewRepository(dir, "empty");
    const ran = await kilnIn(dir, args);
    expect(ran.code).toBe(1);
    expect(ran.output).toMatch(/no kiln\.yml in .*\n.*`kiln init`/);
  });
});

describe("the README's Start a project, before any push", () => {
  it("kiln generate's hint names nothing that needs an origin remote the repository does not have", async () => {
    // init → run → commit, as the README orders them: no remote yet, so no origin/HEAD to ask.
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-start-"));
    writeFileSync(path.join(dir, "README.md"), "# start\n");
    commitNewRepository(dir, "start");
    expect((await kilnIn(dir, ["init"])).code).toBe(0);
    commitAll(dir, "Train with Kiln");
    const generated = await kilnIn(dir, ["generate"]);
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toContain("hint: declare `environments.prod.branches` in the manifest");
    // `git remote set-head origin --auto` fails here: 'origin' does not appear to be a git repository.
    expect(generated.output).not.toContain("set-head origin");
  });
});
