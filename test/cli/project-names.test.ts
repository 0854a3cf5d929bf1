// A project's name as every command checks it against the repository's other manifests: a
// top-level kiln.yml is named after the clone's folder, so in a clone folder `churn` it and
// churn/kiln.yml are both "churn"; a `.github/workflows/kiln.yml` anywhere is a workflow, not a
// project.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { commitNewRepository } from "../support/git-script.js";
import { kilnIn } from "../support/kiln-in-process.js";

const manifest = (extra = "") =>
  `version: 1\n${extra}assets:\n  model:\n    code-version: "1"\n    run: "true"\n`;

function cloneIn(folder: string, files: Record<string, string>): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "kiln-names-")), folder);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  commitNewRepository(dir, "init");
  return dir;
}

it("a top-level manifest in a clone folder churn and churn/kiln.yml collide, for either one's commands", async () => {
  const dir = cloneIn("churn", { "kiln.yml": manifest(), "churn/kiln.yml": manifest() });
  const top = await kilnIn(dir, ["status"]);
  expect(top.code).toBe(1);
  expect(top.output).toContain(
    'kiln.yml error: project "churn" (named after its folder) has the name of the project in churn/kiln.yml',
  );
  const inner = await kilnIn(path.join(dir, "churn"), ["generate"]);
  expect(inner.code).toBe(1);
  expect(inner.output).toContain(
    'kiln.yml error: project "churn" (named after its folder) has the name of the project in ../kiln.yml',
  );
  writeFileSync(path.join(dir, "kiln.yml"), manifest("name: platform\n"));
  expect((await kilnIn(dir, ["status"])).code).toBe(0);
});

it("a project's own .github/workflows/kiln.yml is not another project", async () => {
  const dir = cloneIn("repo", {
    "churn/kiln.yml": manifest(),
    "churn/.github/workflows/kiln.yml": "name: Kiln\non: push\njobs: {}\n",
  });
  const all = await kilnIn(dir, ["validate", "--all"]);
  expect(all.output).toBe("churn/kiln.yml is valid: project churn, 1 asset, 0 sources\n");
  expect(all.code).toBe(0);
  expect((await kilnIn(dir, ["status", "--manifest", "churn/kiln.yml"])).code).toBe(0);
});
