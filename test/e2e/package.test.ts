// The package as `npm install kiln-ml` delivers it: packed with dist/ bundled from the current sources, installed into an
// empty project offline, with nothing but itself in node_modules (the CLI is a bundle and its chunks).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundles } from "../support/bundles.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_yes: "true" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the npm package", () => {
  it("installs alone (no runtime dependencies) and runs kiln --help, kiln validate, a run with a schema check and the step helpers", async () => {
    // The package's files, with dist/ bundled now rather than read from the committed copy.
    const stage = mkdtempSync(path.join(os.tmpdir(), "kiln-pack-"));
    for (const entry of ["package.json", "README.md", "action.yml", "schema", "helpers"]) {
      cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    }
    // dist/ as scripts/build.mjs writes it: the CLI, the action, and their chunks.
    cpSync(path.join((await bundles()).root, "dist"), path.join(stage, "dist"), { recursive: true });
    expect(statSync(path.join(stage, "dist/cli.js")).mode & 0o111).toBe(0o111);
    const packed = run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", stage], stage);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(stage, packed.stdout.trim().split("\n").pop()!);

    const project = mkdtempSync(path.join(os.tmpdir(), "kiln-install-"));
    writeFileSync(path.join(project, "package.json"), '{ "name": "user-project", "private": true }\n');
    const installed = run(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--save-dev", tarball],
      project,
    );
    expect(installed.code, installed.stderr).toBe(0);
    expect(readdirSync(path.join(project, "node_modules")).filter((n) => !n.startsWith("."))).toEqual([
      "kiln-ml",
    ]);

    const kiln = path.join(project, "node_modules/.bin/kiln");
    const help = run(kiln, ["--help"], project);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("Usage: kiln [options] [command]");
    // The bundle says package.json's version (written in at build time), not a copy of it.
    const version = run(kiln, ["--version"], project);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version,
    );

    mkdirSync(path.join(project, "steps"));
    writeFileSync(
      path.join(project, "kiln.yml"),
      "version: 1\nassets:\n  model:\n    code: [steps/train.mjs]\n    run: node steps/train.mjs\n    outputs: [model.json]\n",
    );
    const valid = run(kiln, ["validate"], project);
    expect(valid.code, valid.stderr).toBe(0);
    writeFileSync(path.join(project, "kiln.yml"), "version: 1\nassets:\n  model:\n    rnu: x\n");
    const invalid = run(kiln, ["validate"], project);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('unknown key "rnu"');

    // The JavaScript helper resolves from the installed package.
    writeFileSync(
      path.join(project, "steps/train.mjs"),
      'import { logMetrics } from "kiln-ml/step";\nlogMetrics({ mae: 1.5 });\n',
    );
    const step = run(process.execPath, ["steps/train.mjs"], project);
    expect(step.code, step.stderr).toBe(0);
    expect(step.stdout).toBe('metrics: {"mae": 1.5}\n');

    // A run that needs code the CLI loads only on demand (chunks in dist/: here the JSON Schema
    // validator of an output check) finds it in the installed package.
    writeFileSync(
      path.join(project, "steps/train.mjs"),
      'import { writeFileSync } from "node:fs";\nwriteFileSync("model.json", JSON.stringify({ rows: 3 }));\n',
    );
    writeFileSync(path.join(project, "model.schema.json"), '{ "type": "object", "required": ["rows"] }\n');
    writeFileSync(
      path.join(project, "kiln.yml"),
      "version: 1\nassets:\n  model:\n    code: [steps/train.mjs]\n    run: node steps/train.mjs\n    outputs: [model.json]\n    checks:\n      - { output: model.json, json-schema: model.schema.json, blocking: true }\n",
    );
    const trained = run(kiln, ["run"], project);
    expect(trained.code, trained.stdout + trained.stderr).toBe(0);
    const shown = run(kiln, ["show", "model"], project);
    expect(shown.stdout).toContain("model.json matches model.schema.json");
  });
});
